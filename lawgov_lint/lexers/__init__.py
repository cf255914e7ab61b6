"""Text lexers: dates (:mod:`.dates`) and section markers (:mod:`.markers`) found in one line or
block of normalised text. They read strings only (no Document, no Report), so that the loaders and
``structure`` can use them and every fact-finder above can too."""

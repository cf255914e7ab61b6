"""Text lexers: dates (:mod:`.dates`), section markers (:mod:`.markers`) and machine text (URLs,
e-mail addresses, file paths: :mod:`.machine`) found in one line or block of normalised text, and
the characters a pattern's matches start with (:mod:`.screen`). They read strings only (no
Document, no Report), so that the loaders and ``structure`` can use them and every fact-finder
above can too."""

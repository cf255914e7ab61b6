"""Chinese word segmentation with the domain dictionary (jieba).

The jieba tokenizer is created lazily and once per process. Its start-up is the
costliest step of a cold run (about 0.6 s with jieba's full 349k-word
dictionary), so the tokenizer loads a reduced copy of jieba's own dictionary —
the words with frequency ≥ ``MIN_FREQ`` (about 80k words, ~0.1 s), which
segments report prose the same way — written once to the user cache directory
(platformdirs), together with jieba's own cache. Nothing is written next to the
inputs; when the cache directory is not writable the full dictionary is used.
The domain words of ``rules/dictionary.toml`` (述法, 第一责任人, 法治政府建设 …)
are added so segmentation keeps them whole.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from functools import lru_cache

from .packs import builtin_packs

MIN_FREQ = 20
_lock = threading.Lock()


def _reduced_dictionary(cache: str) -> str | None:
    """Path of the reduced dictionary in ``cache``, building it on first use; None on failure."""
    import jieba

    src = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    dst = os.path.join(cache, f"jieba-dict-{jieba.__version__}-f{MIN_FREQ}.txt")
    if os.path.exists(dst):
        return dst
    try:
        os.makedirs(cache, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out, open(src, encoding="utf-8") as inp:
            for line in inp:
                parts = line.split()
                if len(parts) >= 2 and int(parts[1]) >= MIN_FREQ:
                    out.write(line)
        os.replace(tmp, dst)
        return dst
    except OSError:
        return None


@lru_cache(maxsize=1)
def tokenizer():
    """The shared jieba Tokenizer with the domain dictionary loaded."""
    import jieba
    from platformdirs import user_cache_dir

    jieba.setLogLevel(logging.WARNING)
    cache = user_cache_dir("lawgov-lint")
    reduced = _reduced_dictionary(cache)
    tk = jieba.Tokenizer(reduced) if reduced else jieba.Tokenizer()
    if os.path.isdir(cache) and os.access(cache, os.W_OK):
        tk.tmp_dir = cache
    with _lock:
        tk.initialize()
    for entry in builtin_packs().get("dictionary", {}).get("words", []):
        word, *rest = entry if isinstance(entry, list) else [entry]
        freq = rest[0] if rest else None
        tag = rest[1] if len(rest) > 1 else None
        tk.add_word(word, freq, tag)
    return tk


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Segment ``text``: ``(word, start, end)`` code-point spans covering it."""
    return [(w, s, e) for w, s, e in tokenizer().tokenize(text)]

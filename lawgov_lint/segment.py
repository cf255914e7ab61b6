"""Chinese word segmentation with the domain dictionary (jieba).

The jieba tokenizer is created lazily (it costs a few hundred milliseconds) and
its cache goes in the user cache directory (platformdirs), never next to the
inputs. The domain words of ``rules/dictionary.toml`` (述法, 第一责任人,
法治政府建设 …) are added so segmentation keeps them whole.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache

from .packs import builtin_packs

_lock = threading.Lock()


@lru_cache(maxsize=1)
def tokenizer():
    """The shared jieba Tokenizer with the domain dictionary loaded."""
    import jieba
    from platformdirs import user_cache_dir

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    try:
        import os

        cache = user_cache_dir("lawgov-lint")
        os.makedirs(cache, exist_ok=True)
        tk.tmp_dir = cache
    except OSError:
        pass
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

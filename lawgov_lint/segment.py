"""Chinese word segmentation with the domain dictionary (jieba).

The jieba tokenizer is created lazily and once per process. Its start-up is the
costliest step of a cold run (about 0.6 s with jieba's full 349k-word
dictionary), so the tokenizer loads a reduced copy of jieba's own dictionary —
the words with frequency ≥ ``MIN_FREQ`` (about 80k words, ~0.1 s), which
segments report prose the same way — written once to the user cache directory
(platformdirs), together with jieba's own cache. Nothing is written next to the
inputs; when the cache directory is not writable the full dictionary is used.
The domain words of ``rules/dictionary.toml`` (述法, 第一责任人, 法治政府建设 …)
are added so segmentation keeps them whole, and the ``[dictionary] words`` of a
run's extra packs go into a tokenizer of their own (:func:`tokenizer` takes the
run's packs), so that one run's words never change another's segmentation.
"""

from __future__ import annotations

import os
import sys
import threading
import unicodedata
from functools import lru_cache

from .packs import builtin_packs

MIN_FREQ = 20
_lock = threading.Lock()


def _reduced_dictionary(cache: str) -> str | None:
    """Path of the reduced dictionary in ``cache``, building it on first use; None on failure."""
    jieba = _import_jieba()

    src = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    dst = os.path.join(cache, f"jieba-dict-{jieba.__version__}-f{MIN_FREQ}.txt")
    if os.path.exists(dst):
        return dst
    import tempfile

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


def _import_jieba():
    """Import jieba without pkg_resources (50 ms): jieba only uses it to open its own
    dictionary file and falls back to a plain ``open`` when it is missing."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes `import pkg_resources` fail
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


def _base_words() -> tuple:
    return tuple(tuple(e) if isinstance(e, list) else e for e in builtin_packs().get("dictionary", {}).get("words", []))


def _extra_words(packs) -> tuple:
    """The run's ``[dictionary] words`` beyond the built-in ones (from extra packs), as a hashable key."""
    if packs is None:
        return ()
    base = set(_base_words())
    words = (packs.get("dictionary") or {}).get("words", [])
    return tuple(dict.fromkeys(w for e in words if (w := tuple(e) if isinstance(e, list) else e) not in base))


@lru_cache(maxsize=4)
def _tokenizer(extra: tuple):
    """A jieba Tokenizer with the built-in domain words and ``extra`` words loaded.

    One per distinct set of extra words (a cache of values, not shared state:
    the words of one run's packs never reach another run's tokenizer).
    """
    import logging

    jieba = _import_jieba()
    from platformdirs import user_cache_dir

    jieba.setLogLevel(logging.WARNING)
    cache = user_cache_dir("lawgov-lint")
    reduced = _reduced_dictionary(cache)
    tk = jieba.Tokenizer(reduced) if reduced else jieba.Tokenizer()
    if os.path.isdir(cache) and os.access(cache, os.W_OK):
        tk.tmp_dir = cache
    with _lock:
        _initialize(tk, jieba.__version__ if reduced else None)
    for entry in _base_words() + extra:
        _add(tk, entry)
    return tk


def _initialize(tk, version: str | None) -> None:
    """``tk.initialize()``, its prefix dictionary read from our copy in the user cache directory when
    there is one. jieba keeps the same dictionary in a cache of its own, but reads it with
    ``marshal.load`` on the open file, item by item: ~100 ms for the reduced dictionary, where
    reading the whole file first takes ~25 ms. ``version``: jieba's, for the reduced dictionary
    (None: jieba's full dictionary, which is left to jieba)."""
    from .installed import read_cache, write_cache

    name = f"jieba-pfdict-{version}-f{MIN_FREQ}.marshal" if version else None
    kept = read_cache(name) if name else None
    if isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], dict) and kept[0]:
        tk.FREQ, tk.total = kept  # what Tokenizer.initialize sets from its own cache file
        tk.initialized = True
        return
    tk.initialize()
    if name:
        write_cache(name, (tk.FREQ, tk.total))


def tokenizer(packs=None):
    """The jieba Tokenizer for a run's packs: the domain dictionary of the built-in packs plus
    the ``[dictionary] words`` of any extra pack (``--rule-pack``). Created lazily, so a run
    that needs no segmentation never pays for jieba."""
    return _tokenizer(_extra_words(packs))


def _add(tk, entry) -> None:
    word, *rest = entry if isinstance(entry, (list, tuple)) else [entry]
    freq = rest[0] if rest else None
    tag = rest[1] if len(rest) > 1 else None
    tk.add_word(word, freq, tag)


def is_word(word: str, packs=None) -> bool:
    """Whether ``word`` is in the segmentation dictionary of the run's packs."""
    return tokenizer(packs).FREQ.get(word, 0) > 0


def tokens(text: str, packs=None) -> list[tuple[str, int, int]]:
    """Segment ``text`` with the run's dictionary: ``(word, start, end)`` code-point spans covering it."""
    return [(w, s, e) for w, s, e in tokenizer(packs).tokenize(text)]


# ---------------------------------------------------------------- pinyin readings

_TONE_MARKS = {"\u0300", "\u0301", "\u0304", "\u030c"}  # grave, acute, macron, caron (ü's diaeresis stays)


def _toneless(reading: str) -> str:
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", reading) if c not in _TONE_MARKS))


class _ReadingTable:
    """Code point → comma-separated toneless readings, as three flat arrays (sorted code points,
    offsets into a UTF-8 blob, the blob): it loads in ~1 ms where a dict of 40,000 entries
    takes ~40 ms, and a report looks up only a few characters."""

    def __init__(self, cps: bytes = b"", offsets: bytes = b"\0\0\0\0", blob: bytes = b""):
        from array import array

        self.cps, self.offsets, self.blob = array("I"), array("I"), blob
        self.cps.frombytes(cps)
        self.offsets.frombytes(offsets)

    @classmethod
    def of(cls, table: dict[int, str]) -> "_ReadingTable":
        from array import array

        cps = sorted(table)
        parts = [table[cp].encode() for cp in cps]
        offsets = array("I", [0])
        for part in parts:
            offsets.append(offsets[-1] + len(part))
        return cls(array("I", cps).tobytes(), offsets.tobytes(), b"".join(parts))

    def parts(self) -> tuple[bytes, bytes, bytes]:
        """What the cache file keeps (``_ReadingTable(*parts)`` builds the table again)."""
        return self.cps.tobytes(), self.offsets.tobytes(), self.blob

    def get(self, cp: int) -> str | None:
        from bisect import bisect_left

        i = bisect_left(self.cps, cp)
        if i == len(self.cps) or self.cps[i] != cp:
            return None
        return self.blob[self.offsets[i]:self.offsets[i + 1]].decode()


@lru_cache(maxsize=1)
def _reading_table() -> _ReadingTable:
    """Code point → comma-separated toneless readings, from pypinyin's single-character dictionary.

    pypinyin's own import costs ~0.15 s (its phrase dictionary), so the table is
    converted once and kept as a marshal file in the user cache directory.
    """
    from .installed import dist_version, read_cache, write_cache

    name = f"pinyin-{dist_version('pypinyin')}.arrays.marshal"
    parts = read_cache(name)
    if isinstance(parts, tuple) and len(parts) == 3 and all(isinstance(p, bytes) for p in parts):
        return _ReadingTable(*parts)
    try:
        from pypinyin.pinyin_dict import pinyin_dict
    except ImportError:  # pragma: no cover - pypinyin is a declared dependency
        return _ReadingTable()
    table = _ReadingTable.of({cp: ",".join(dict.fromkeys(_toneless(r) for r in readings.split(",")))
                              for cp, readings in pinyin_dict.items()})
    write_cache(name, table.parts())
    return table


@lru_cache(maxsize=8192)
def pinyin_readings(ch: str) -> frozenset[str]:
    """Toneless pinyin readings of one Han character (all heteronyms; ü kept); empty if unknown."""
    r = _reading_table().get(ord(ch)) if len(ch) == 1 else None
    return frozenset(r.split(",")) if r else frozenset()

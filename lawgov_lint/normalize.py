"""Normalisation for analysis, with an offset map back to the original text.

Rules read normalised text; findings are reported on the original. The
normalised form:

* folds full-width ASCII letters and digits to half-width (``２０２３`` → ``2023``)
  and the ideographic space to a space — punctuation is *not* folded, because
  the P rules judge full- versus half-width marks;
* removes whitespace next to a CJK character or CJK punctuation, the spaces
  that PDF extraction puts in (``2023 年`` → ``2023年``, ``515 起`` → ``515起``);
  spaces between two Latin words or numbers stay (collapsed to one);
* in a document written in Traditional characters (SPEC §3), converts every
  block to Simplified with OpenCC's ``t2s`` conversion (phrase-aware, so that
  頭髮/乾淨/幹部 each get the right 发/干), one character for one, so that the
  offset map still points at the original Traditional character.
"""

from __future__ import annotations

import re

from . import recache
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Sequence

if TYPE_CHECKING:
    from .document import Document

# Share of the Han characters that OpenCC changes from which a document counts as written in
# Traditional characters. A whole Traditional text changes about a third of its Han characters
# (35.1% on the seven shared reports converted with s2t; the common 們 這 為 國 會 說 發 …),
# a Simplified report quoting a Traditional name or title a few tenths of a percent, and even
# a quoted Traditional paragraph of 300 characters in a 5,000-character report about 2%.
# 10% sits well between the two.
TRADITIONAL_SHARE = 0.10


def is_cjk(ch: str) -> bool:
    """True for Han characters and CJK/full-width punctuation."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x3000 <= o <= 0x303F
        or 0xFF00 <= o <= 0xFF0F
        or 0xFF1A <= o <= 0xFF20
        or 0xFF3B <= o <= 0xFF40
        or 0xFF5B <= o <= 0xFF65
        or 0x20000 <= o <= 0x2FA1F
        or ch in "“”‘’—…·《》〈〉"
    )


# the folding as a str.translate table: full-width letters and digits to ASCII, the ideographic and
# no-break spaces and tabs to a space (one character for one, so offsets do not move)
_FOLD_TABLE = {o: o - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
               for o in range(r[0], r[1] + 1)} | {ord(c): " " for c in "\u3000\u00a0\t"}
_FOLDED = recache.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000\u00a0\t]")  # (translate is slow)
_BLANKS = recache.compile("[ \n\r]+")  # after folding


@dataclass(frozen=True, slots=True)
class NormText:
    """Normalised text of one block.

    ``text`` is the normalised string; ``source[i]`` is the offset in the
    original block text of normalised character ``i`` (``source`` has one extra
    final entry: the original length), so any normalised range maps back.
    """

    text: str
    source: tuple[int, ...]
    converted: int = 0  # characters changed by the Traditional → Simplified conversion

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalised range ``[start, end)``."""
        if end <= start:
            o = self.source[start]
            return o, o
        return self.source[start], self.source[end - 1] + 1


def normalize(text: str, simplify: Callable[[str], str] | None = None) -> NormText:
    """Normalise ``text`` (see module doc) and keep the offset map.

    ``simplify`` (see :func:`simplifier`) converts Traditional characters to
    Simplified first; it must return a string of the same length.
    """
    converted = 0
    if simplify is not None:
        simple = simplify(text)
        if len(simple) == len(text):
            converted = sum(1 for a, b in zip(text, simple) if a != b)
            text = simple
    folded = text.translate(_FOLD_TABLE) if _FOLDED.search(text) else text
    n = len(folded)
    out: list[str] = []
    src: list[int] = []
    prev = 0  # start of the text not yet copied
    for m in _BLANKS.finditer(folded):
        i, j = m.span()
        if i > prev:
            out.append(folded[prev:i])
            src.extend(range(prev, i))
        # a run of blanks: one space between two non-CJK characters, none next to CJK or at either end
        if i > 0 and j < n and not is_cjk(folded[i - 1]) and not is_cjk(folded[j]):
            out.append(" ")
            src.append(i)
        prev = j
    if prev == 0:  # no blanks at all: the folded text is the normal form, offsets unchanged
        return NormText(folded, tuple(range(n + 1)), converted)
    if n > prev:
        out.append(folded[prev:n])
        src.extend(range(prev, n))
    src.append(n)
    return NormText("".join(out), tuple(src), converted)


def is_han(ch: str) -> bool:
    """True for a Han character (CJK Unified Ideographs, Extension A, the supplementary planes)."""
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FA1F


@lru_cache(maxsize=1)
def _han() -> re.Pattern[str]:
    # compiled on first use (a Han range costs ~2 ms to compile; only Traditional text needs it)
    return recache.compile("[\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0002fa1f]")


def _outside_gb2312(text: str) -> tuple[int, int]:
    """(non-ASCII characters, those GB2312 cannot encode): a cheap hint of Traditional characters
    (GB2312 holds the Simplified forms), so that OpenCC is loaded only when it may matter."""
    ascii_n = len(text.encode("ascii", "ignore"))
    non_ascii = len(text) - ascii_n
    encodable = (len(text.encode("gb2312", "ignore")) - ascii_n) // 2
    return non_ascii, non_ascii - encodable


@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("t2s").convert


def simplifier() -> Callable[[str], str]:
    """OpenCC's Traditional → Simplified conversion, one character for one.

    OpenCC converts phrases first (so a character is converted in context); when a
    phrase conversion would change the length, that text is converted character by
    character instead, which always keeps the length, so offsets map back one to one.
    """
    convert = _t2s()

    def simplify(text: str) -> str:
        out = convert(text)
        if len(out) == len(text):
            return out
        chars = [convert(ch) for ch in text]
        return "".join(c if len(c) == 1 else ch for c, ch in zip(chars, text))

    return simplify


@dataclass(frozen=True, slots=True)
class Script:
    """The script of a document: ``han`` Han characters, ``converted`` of them changed by
    OpenCC's Traditional → Simplified conversion; ``traditional`` when the share reaches
    :data:`TRADITIONAL_SHARE`."""

    han: int
    converted: int

    @property
    def share(self) -> float:
        return self.converted / self.han if self.han else 0.0

    @property
    def traditional(self) -> bool:
        return self.han > 0 and self.share >= TRADITIONAL_SHARE


def detect_script(texts: Sequence[str]) -> Script:
    """Measure how much of ``texts`` is written in Traditional characters (see :class:`Script`).

    Text that GB2312 encodes almost entirely is Simplified: it is not converted (OpenCC is not
    even loaded) and ``han`` is then the count of its non-ASCII characters, an upper bound.
    """
    whole = "\n".join(texts)
    non_ascii, outside = _outside_gb2312(whole)
    if outside < max(5, TRADITIONAL_SHARE / 2 * non_ascii):
        return Script(non_ascii, 0)
    han = len(_han().findall(whole))
    simple = simplifier()(whole)
    return Script(han, sum(1 for a, b in zip(whole, simple) if a != b))


def normalize_document(doc: "Document") -> list[NormText]:
    """The normalised text of every block of ``doc``, converted to Simplified when the
    document is written in Traditional characters (:func:`detect_script`)."""
    texts = [b.text for b in doc.blocks]
    simplify = simplifier() if detect_script(texts).traditional else None
    return [normalize(t, simplify) for t in texts]

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


def _fold(ch: str) -> str:
    o = ord(ch)
    if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
        return chr(o - 0xFEE0)
    if ch in "\u3000\u00a0\t":
        return " "
    return ch


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
    out: list[str] = []
    src: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        ch = _fold(text[i])
        if ch == " " or ch == "\n" or ch == "\r":
            j = i
            while j < n and _fold(text[j]) in (" ", "\n", "\r"):
                j += 1
            prev = out[-1] if out else ""
            nxt = _fold(text[j]) if j < n else ""
            if prev and nxt and not is_cjk(prev) and not is_cjk(nxt):
                out.append(" ")
                src.append(i)
            i = j
            continue
        out.append(ch)
        src.append(i)
        i += 1
    src.append(n)
    return NormText("".join(out), tuple(src), converted)


def is_han(ch: str) -> bool:
    """True for a Han character (CJK Unified Ideographs, Extension A, the supplementary planes)."""
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FA1F


_HAN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0002fa1f]")


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
    han = len(_HAN.findall(whole))
    simple = simplifier()(whole)
    return Script(han, sum(1 for a, b in zip(whole, simple) if a != b))


def normalize_document(doc: "Document") -> list[NormText]:
    """The normalised text of every block of ``doc``, converted to Simplified when the
    document is written in Traditional characters (:func:`detect_script`)."""
    texts = [b.text for b in doc.blocks]
    simplify = simplifier() if detect_script(texts).traditional else None
    return [normalize(t, simplify) for t in texts]

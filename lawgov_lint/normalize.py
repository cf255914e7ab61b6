"""Normalisation for analysis, with an offset map back to the original text.

Rules read normalised text; findings are reported on the original. The
normalised form:

* folds full-width ASCII letters and digits to half-width (``２０２３`` → ``2023``)
  and the ideographic space to a space — punctuation is *not* folded, because
  the P rules judge full- versus half-width marks;
* removes whitespace next to a CJK character or CJK punctuation, the spaces
  that PDF extraction puts in (``2023 年`` → ``2023年``, ``515 起`` → ``515起``);
  spaces between two Latin words or numbers stay (collapsed to one).
"""

from __future__ import annotations

from dataclasses import dataclass


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

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalised range ``[start, end)``."""
        if end <= start:
            o = self.source[start]
            return o, o
        return self.source[start], self.source[end - 1] + 1


def normalize(text: str) -> NormText:
    """Normalise ``text`` (see module doc) and keep the offset map."""
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
    return NormText("".join(out), tuple(src))

"""Spans of a paragraph a check leaves alone or reads apart: Han characters, titles cited in 《》,
quotations in “”.

A lexer over one normalised paragraph (below the checks): T (terms, titles), P (punctuation) and
the near-miss finder share it.
"""

from __future__ import annotations

import re

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002fa1f]")


def is_han(ch: str) -> bool:
    """True for a Han character (CJK unified ideographs and extensions)."""
    return bool(ch) and HAN.match(ch) is not None

# ---------------------------------------------------------------- quoted and cited spans

_TITLE_OPEN, _TITLE_CLOSE = "《〈", "》〉"


def title_spans(text: str) -> list[tuple[int, int]]:
    """Outermost balanced 《…》 spans ``(start, end)`` including the marks; nested 〈〉/《》 allowed."""
    out = []
    depth, start = 0, -1
    for i, ch in enumerate(text):
        if ch in _TITLE_OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif ch in _TITLE_CLOSE and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1))
    return out


_QUOTE = re.compile(r"“[^“”\n]{1,100}”|‘[^‘’\n]{1,60}’|\"[^\"\n]{1,60}\"")


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Quoted and cited stretches (“…” up to 100 characters, 《…》) that T001/T003/T004 leave alone."""
    spans = title_spans(text)
    spans += [(m.start(), m.end()) for m in _QUOTE.finditer(text)]
    return sorted(spans)



def inside(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """True when ``[a, b)`` overlaps any of ``spans``."""
    return any(s < b and a < e for s, e in spans)


__all__ = ["HAN", "is_han", "title_spans", "protected_spans", "inside"]

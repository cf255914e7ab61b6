"""Spans of a paragraph a check leaves alone or reads apart: Han characters, titles cited in 《》,
quotations in “”.

A lexer over one normalised paragraph (below the checks): T (terms, titles), P (punctuation) and
the near-miss finder share it.
"""

from __future__ import annotations

import re

from . import recache
from functools import lru_cache
from typing import Any

_HAN_CLASS = r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002fa1f]"


def __getattr__(name: str) -> Any:
    # HAN is compiled on first use: a Han range costs ~2 ms to compile (the charset is mapped
    # character by character), which a run that never reads it should not pay
    if name == "HAN":
        return _han()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=1)
def _han() -> re.Pattern[str]:
    return recache.compile(_HAN_CLASS)


def is_han(ch: str) -> bool:
    """True when ``ch`` starts with a Han character (CJK unified ideographs and extensions)."""
    if not ch:
        return False
    o = ord(ch[0])
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FA1F

# ---------------------------------------------------------------- quoted and cited spans

_TITLE_OPEN, _TITLE_CLOSE = "《〈", "》〉"
_TITLE_MARK = recache.compile("[《〈》〉]")


def title_spans(text: str) -> list[tuple[int, int]]:
    """Outermost balanced 《…》 spans ``(start, end)`` including the marks; nested 〈〉/《》 allowed."""
    out = []
    if "《" not in text and "〈" not in text:
        return out
    depth, start = 0, -1
    for m in _TITLE_MARK.finditer(text):  # only the marks, not every character
        i = m.start()
        if m.group() in _TITLE_OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1))
    return out


_QUOTE = recache.compile(r"“[^“”\n]{1,100}”|‘[^‘’\n]{1,60}’|\"[^\"\n]{1,60}\"")


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Quoted and cited stretches (“…” up to 100 characters, 《…》) that T001/T003/T004 leave alone."""
    return list(_protected_spans(text))


@lru_cache(maxsize=512)  # T001, T003 and T004 each ask about the same paragraph
def _protected_spans(text: str) -> tuple[tuple[int, int], ...]:
    spans = title_spans(text)
    spans += [(m.start(), m.end()) for m in _QUOTE.finditer(text)]
    return tuple(sorted(spans))



def inside(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """True when ``[a, b)`` overlaps any of ``spans``."""
    return any(s < b and a < e for s, e in spans)


__all__ = ["HAN", "is_han", "title_spans", "protected_spans", "inside"]

"""Where sentences and clauses of a paragraph start, and spans of text (quotes, parentheses) that
figures inside them are read with.

Sentences are split at 。！？ and clauses at ；; a sentence that starts with 其中 continues the previous one.
"""

from __future__ import annotations

import re

from ... import recache
from .model import CLAUSE_END, SENTENCE_END


def _spans(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """``[s, e)`` lies in one of ``spans`` and is not all of it."""
    for a, b in spans:
        if a <= s and e <= b and (a < s or b - a > e - s):
            return True
    return False


# ---------------------------------------------------------------- sentences

def _segments(text: str) -> tuple[list[int], list[int]]:
    """Sentence and clause number of every character of ``text`` (block-local).

    A sentence that starts with 其中 continues the previous sentence.
    """
    sent = [0] * len(text)
    clause = [0] * len(text)
    s = c = 0
    i = 0
    n = len(text)
    while i < n:
        sent[i] = s
        clause[i] = c
        ch = text[i]
        if ch in SENTENCE_END:
            j = i + 1
            while j < n and text[j] in "”’）)":
                sent[j] = s
                clause[j] = c
                j += 1
            rest = text[j:j + 3].lstrip()
            if not rest.startswith("其中"):
                s += 1
            c += 1
            i = j
            continue
        if ch in CLAUSE_END:
            c += 1
        i += 1
    return sent, clause


_SEG_RE = recache.compile(f"([{re.escape(SENTENCE_END)}][”’）)]*)|[{re.escape(CLAUSE_END)}]")


def _segment_bounds(text: str) -> tuple[list[int], list[int], dict[int, int]]:
    """Where the sentences and clauses of ``text`` change, found from their ends alone: the offsets
    at which the sentence number and the clause number go up (so the number of the character at ``k``
    is ``bisect_right(bounds, k)``, as :func:`_segments` gives it), and where each sentence starts
    (sentence number → first offset)."""
    sent: list[int] = []
    clause: list[int] = []
    starts: dict[int, int] = {0: 0} if text else {}
    n = len(text)
    for m in _SEG_RE.finditer(text):
        e = m.end()
        if m.group(1) is not None and not text[e:e + 3].lstrip().startswith("其中"):
            sent.append(e)
            if e < n:
                starts[len(sent)] = e
        clause.append(e)
    return sent, clause, starts


def cstart_of(text: str, pos: int) -> int:
    """Start of the comma clause containing ``pos``."""
    b = pos
    while b > 0 and text[b - 1] not in "，,；;。！？!?":
        b -= 1
    return b

"""Mentions the regulation requires (述法, 第一责任人, 习近平法治思想, 复议/诉讼).

述法 is matched token-aware: an occurrence counts unless the characters before
it close a different word ending in 述 (表述法律, 陈述法定, 上述法规…), listed in
the pack's ``false_prefixes`` — and only when 法 then starts a word of its own
(法律, 法规, 法治 …: 法 followed by one of the pack's ``law_word_chars``), so that
``在全会上述法`` (at the meeting, 述法) is 述法 while ``上述法律`` is not. (The closed class of such words makes a full
segmentation unnecessary here, which keeps jieba's half-second start-up off the
common path; jieba with the domain dictionary serves the term rules.)
"""

from __future__ import annotations

import re

from ..packs import Packs
from ..structure import Report


_CLAUSE_SEPS = "，。；：！？,;"  # what ends the clause a 述法 is negated in


def shufa_mentions(rep: Report, packs: Packs, done_only: bool = True) -> list[tuple[int, int, int]]:
    """述法 done in the reporting year: ``(block, start, end)`` in normalised text.

    Not counted: another word ending in 述 (表述法律…), a negated clause
    (未开展述法, 没有述法), and mentions inside the plan section (content 4), which
    speak of next year. With ``done_only=False`` those are counted too.
    """
    key = ("shufa", done_only, id(packs))
    if key not in rep.cache:
        rep.cache[key] = _shufa_mentions(rep, packs, done_only)
    return rep.cache[key]


def _shufa_mentions(rep: Report, packs: Packs, done_only: bool) -> list[tuple[int, int, int]]:
    conf = packs["mentions"]["shufa"]
    term = conf["term"]
    prefixes = conf["false_prefixes"]
    law_chars = conf.get("law_word_chars", "")
    negations = conf.get("negations", [])
    out = []
    for i in rep.body_range():
        if done_only and rep.section_of(i) == 4:
            continue
        t = rep.norm[i].text
        pos = t.find(term)
        while pos >= 0:
            before = t[max(0, pos - 2): pos + 1]
            clause = t[max(t.rfind(c, 0, pos) for c in _CLAUSE_SEPS) + 1:pos]  # after the last separator
            negated = done_only and any(n in clause for n in negations)
            after = t[pos + len(term): pos + len(term) + 1]
            other_word = any(before.endswith(p) for p in prefixes) and (not law_chars or (after and after in law_chars))
            if not other_word and not negated:
                out.append((i, pos, pos + len(term)))
            pos = t.find(term, pos + 1)
    return out


def term_mentions(rep: Report, terms: list[str]) -> list[tuple[int, int, int]]:
    """Occurrences of any of ``terms`` in the report proper, normalised spans."""
    out = []
    for i in rep.body_range():
        t = rep.norm[i].text
        for term in terms:
            pos = t.find(term)
            if pos >= 0:
                out.append((i, pos, pos + len(term)))
                break
    return out

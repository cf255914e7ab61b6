"""The reporting year (报告年度): from the title, the opening sentence, or the years the text gives as evidence."""

from __future__ import annotations

import re

from .. import recache
from ..lexers.dates import years_in
from .report import Report

_CLAUSE_RE = recache.compile(r"[，。；]")


# ---------------------------------------------------------------- the reporting year

_PLAN_WORDS = recache.compile(r"安排|打算|计划|思路|谋划|展望|下一步|设想|重点任务|工作要点|努力方向")
_YEAR_WORK = recache.compile(r"情况|成效|举措|做法|工作")


def year_evidence(rep: Report) -> list[tuple[int, str, int]]:
    """The evidence for the reporting year besides the title and opening (SPEC §2).

    Returns ``(year it points to, kind, block)`` with kind ``plan`` (a top-level plan
    heading, or the plan's first sentence, naming Y+1), ``heading`` (a top-level heading of
    the year's work naming Y), ``date`` (成文日期 late in Y — October on — or in Y+1 before
    April) or ``jinnian`` (今年 in a report dated in Y between April and September). Years in
    running text — comparisons, past rankings — are never evidence.
    """
    out: list[tuple[int, str, int]] = []
    heads = rep.headings
    tops = [k for k, h in enumerate(heads) if h.level == 1]
    for k, h in enumerate(heads):
        if h.level != 1:
            continue
        body = h.text[h.marker.end:] if h.marker else h.text
        ys = [y for y, _, _ in years_in(body)]
        if len(set(ys)) != 1 or re.search(r"\d{4}\s*[—–\-－～~至到]", body):
            continue  # no year, several, or a range (2021—2025年规划)
        last = len(tops) > 1 and k == tops[-1]
        if _PLAN_WORDS.search(body) or (last and not re.search(r"情况|成效|举措|做法|回顾|总结|问题|不足", body)):
            # the last section named 2025年主要工作 (no report word) is the plan as well
            out.append((ys[0] - 1, "plan", h.block))
        elif (_YEAR_WORK.search(body) and years_in(body)[0][1] <= 2
              and not re.match(r"\d{4}年(?:度)?以来", body)):
            out.append((ys[0], "heading", h.block))
    for k, h in enumerate(heads):
        # the plan's first sentence: 2025年，我局将……
        if h.level != 1 or not _PLAN_WORDS.search(h.text) or h.run_in:
            continue
        nxt = h.block + 1
        if nxt < rep.end:
            first = re.split(r"[。；]", rep.norm[nxt].text.strip(), maxsplit=1)[0]
            m = re.match(r"(\d{4})年", first)
            if m and "将" in first and not any(y == int(m.group(1)) - 1 and kind == "plan" for y, kind, _ in out):
                out.append((int(m.group(1)) - 1, "plan", nxt))
    line = rep.signing or rep.cover_signing
    if line is not None and line.year and line.month:
        jinnian = any("今年" in rep.norm[i].text for i in rep.body_range())
        if line.month <= 3:
            out.append((line.year - 1, "date", line.block))
        else:
            if line.month >= 10:
                out.append((line.year, "date", line.block))
            if jinnian:  # 今年 in a report dated in Y means Y
                out.append((line.year, "jinnian", line.block))
    return out


def weigh_reporting_year(rep: Report, option: int | None = None) -> None:
    """Set ``rep.reporting_year`` from the evidence when the title and opening give none.

    Y is taken only when every piece of evidence agrees and there is either a heading
    naming the year or two pieces; thin or contradictory evidence leaves Y unknown
    (SPEC §2). ``option`` (``--year``) then supplies it; when the report's own Y differs
    from it, ``rep.expected_year`` keeps it for S014.
    """
    if rep.reporting_year is None:
        ev = year_evidence(rep)
        years = {y for y, _, _ in ev}
        if len(years) == 1 and (len(ev) >= 2 or any(kind in ("plan", "heading") for _, kind, _ in ev)):
            rep.reporting_year, rep.reporting_year_source = years.pop(), "evidence"
    if option is not None:
        rep.expected_year = option
        if rep.reporting_year is None:
            rep.reporting_year, rep.reporting_year_source = option, "option"


def opening_year_span(text: str) -> tuple[int, int, int] | None:
    """``(year, start, end)`` of the year an opening sentence starts with
    (``2023年，…``, ``二〇二三年是…``), offsets in ``text``; None if it starts otherwise."""
    first_clause = _CLAUSE_RE.split(text, maxsplit=1)[0]
    ys = years_in(first_clause)
    if ys and ys[0][1] <= 12:
        return ys[0]
    return None


def opening_year(text: str) -> int | None:
    """The year an opening sentence starts with, if any (see :func:`opening_year_span`)."""
    span = opening_year_span(text)
    return span[0] if span else None

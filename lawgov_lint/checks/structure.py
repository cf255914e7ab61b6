"""S — structure: the required contents of 第二十五条, title, plan year, 请示 wording.

Sources: 《法治政府建设与责任落实督察工作规定》(厅字〔2019〕28号) 第二十五条;
GB/T 9704—2012 §7.3.1 (标题: 发文机关 + 事由 + 文种).
"""

from __future__ import annotations

import functools
import re
from typing import Iterator

from .. import recache
from ..i18n import msg
from ..lexers.dates import years_in
from ..structure import opening_year_span
from . import Hit, check, rule, title_hit

_CLAUSE_RE = recache.compile(r"[，。；：]")
_YEAR_RE = recache.compile(r"\d{4}|[〇零一二三四五六七八九]{4}")

ART25 = "《法治政府建设与责任落实督察工作规定》第二十五条"
DASHES = "—–-－～~"
CN_NUM = "一二三四五"

# (五) is info (SPEC §5): "other matters to report" is absent from nearly every real report; a reviewer who
# requires it raises the severity in the configuration.
for _n, _sev in ((1, "error"), (2, "error"), (3, "error"), (4, "error"), (5, "info")):
    rule(
        f"S00{_n}",
        f"missing-content-{_n}",
        _sev,
        f"第二十五条（{CN_NUM[_n - 1]}）is not present as a section of the report.",
        f"{ART25}（{CN_NUM[_n - 1]}）",
        fail={1: "一、存在的不足和原因 … (no section of 主要举措和成效)",
              2: "一、主要举措和成效 … 二、2025年工作安排 (no 不足)",
              3: "a report without any section on 党政主要负责人履行第一责任人职责",
              4: "a report ending with its shortcomings, with no 下一年度安排",
              5: "no 其他需要报告的情况 section"}[_n],
        passes={1: "一、2024年度推进法治政府建设的主要举措和成效",
                2: "二、存在的问题和原因",
                3: "三、党政主要负责人履行推进法治建设第一责任人职责情况",
                4: "四、2025年工作打算",
                5: "五、其他需要报告的情况"}[_n],
        why="The regulation lists what an annual report mainly contains; a reviewer sends back a report "
            "that leaves one out. Headings are matched by meaning against the synonyms in rules/sections.toml.",
    )

rule("S006", "shortcomings-without-causes", "warning",
     "The shortcomings section (二) states no causes.", f"{ART25}（二）: 存在的不足和原因",
     fail="三、存在问题\n一是学习不够深入。二是队伍力量不足。",
     passes="二、存在的不足和原因\n……究其原因，主要是对法治建设重视不够。")
rule("S007", "section-order", "info",
     "The required contents are not in the order of 第二十五条.", ART25,
     fail="一、主要举措 二、第一责任人履职 三、存在问题 四、工作安排",
     passes="一、主要举措 二、存在问题 三、第一责任人履职 四、工作安排")
rule("S008", "content-not-a-section", "info",
     "A required content is present only as a paragraph (a run-in 三是… item, or a paragraph whose first "
     "sentence is about it) inside another section, not as a heading of its own.",
     ART25,
     fail="一、主要成效\n……二是依法决策更加规范。三是主要负责人认真履行推进法治建设第一责任人职责。……",
     passes="三、党政主要负责人履行推进法治建设第一责任人职责情况",
     why="The content is there, so S001–S004 stay silent; a reviewer may still ask for a section of its own.")
rule("S010", "title", "error",
     "The title lacks the year, 法治政府建设 or the 文种 报告 (error); uses 总结 (warning); names no issuer (warning).",
     "GB/T 9704—2012 §7.3.1; 第二十五条 (法治政府建设年度报告)",
     fail="2024年度法治政府报告", passes="某某区2024年法治政府建设情况报告", severities=("error", "warning"))
rule("S011", "title-year-mismatch", "error",
     "The title's year differs from the year the opening sentence reports on.", ART25,
     fail="某镇2024年法治政府建设情况报告\n2023年，在区委区政府领导下……",
     passes="某镇2024年法治政府建设情况报告\n2024年，在区委区政府领导下……")
rule("S012", "plan-year", "error",
     "The plan section (四) names a year other than the year after the reporting year.", f"{ART25}（四）: 下一年度",
     fail="（title 2024）… 四、2024年工作安排", passes="（title 2024）… 四、2025年工作安排")
rule("S014", "unexpected-reporting-year", "error",
     "--year (or config year) was given and the report's own evidence (title, opening, plan year, date) "
     "says it is about another year.", ART25 + "（上一年度）",
     fail="--year 2024 on 某县2023年法治政府建设情况报告", passes="--year 2024 on 某县2024年法治政府建设情况报告")
rule("S013", "request-in-report", "error",
     "请示 wording inside the report: a report (报告) must not ask for approval.",
     "《党政机关公文处理工作条例》第八条 (报告 不得夹带请示事项)",
     fail="……以上报告，妥否，请批示。", passes="特此报告。")


def _inside_the_document(fn):
    """Keep only hits whose range lies inside their block: a structure check that meets a shape it
    did not expect (a title over several lines, a heading cut short) says nothing there rather
    than fail and lose the file's other findings (issue 10 kind 6)."""

    @functools.wraps(fn)
    def checked(ctx) -> Iterator[Hit]:
        blocks = ctx.doc.blocks
        for h in fn(ctx):
            if 0 <= h.block < len(blocks) and 0 <= h.start <= h.end <= len(blocks[h.block].text):
                yield h

    return checked


@check("S001", "S002", "S003", "S004", "S005")
@_inside_the_document
def missing_contents(ctx) -> Iterator[Hit]:
    rep = ctx.report
    present = rep.contents_present()
    conf = ctx.packs["sections"]["contents"]
    for n in range(1, 6):
        if not present[n]:
            c = conf[str(n)]
            yield title_hit(ctx, f"S00{n}", msg(f"S00{n}.missing", n=CN_NUM[n - 1], title=c["title"]),
                            msg(f"S00{n}.missing.hint", n=CN_NUM[n - 1], synonym=c["synonyms"][0]))


@check("S008")
@_inside_the_document
def content_not_a_section(ctx) -> Iterator[Hit]:
    rep = ctx.report
    for r in rep.run_ins:
        n = CN_NUM[r.content - 1]
        message = (msg("S008.paragraph-only-inside", n=n, inside=CN_NUM[r.inside - 1]) if r.inside
                   else msg("S008.paragraph-only", n=n))
        synonym = ctx.packs["sections"]["contents"][str(r.content)]["synonyms"][0]
        yield ctx.hit("S008", r.block, r.start, r.end, message, msg("S008.paragraph-only.hint", synonym=synonym))


@check("S006")
@_inside_the_document
def shortcomings_causes(ctx) -> Iterator[Hit]:
    rep = ctx.report
    words = ctx.packs["sections"]["causes"]["words"]
    for sec in rep.sections:
        if sec.content != 2 or sec.heading is None:
            continue
        h = rep.headings[sec.heading]
        body = "".join(rep.norm[i].text for i in range(sec.start, sec.end))
        if any(w in h.text for w in words) or any(w in body for w in words):
            return
        # causes analysed in a section of their own (三、原因分析)
        if any(("原因" in o.text or "成因" in o.text) for o in rep.headings if o.level <= h.level):
            return
        yield ctx.hit("S006", h.block, 0, h.end, msg("S006.no-causes"), msg("S006.no-causes.hint"))
        return


@check("S007")
@_inside_the_document
def section_order(ctx) -> Iterator[Hit]:
    rep = ctx.report
    seen: list[int] = []
    for sec in rep.sections:
        # only top-level sections: a (三) nested in or run into (一) is not out of order
        if sec.heading is None or rep.headings[sec.heading].level > 1 or sec.content in seen:
            continue
        if seen and sec.content < max(seen):
            h = rep.headings[sec.heading]
            yield ctx.hit("S007", h.block, 0, h.end,
                          msg("S007.out-of-order", n=CN_NUM[sec.content - 1], before=CN_NUM[max(seen) - 1]))
            return
        seen.append(sec.content)


def _in_title(rep, word: str) -> tuple[int, int] | None:
    """(block, normalised offset) of ``word`` in a title set over one or more lines."""
    for i in rep.title_blocks:
        pos = rep.norm[i].text.find(word)
        if pos >= 0:
            return i, pos
    return None


@check("S010")
@_inside_the_document
def title(ctx) -> Iterator[Hit]:
    rep = ctx.report
    if not rep.located or not rep.title_blocks:
        return
    conf = ctx.packs["report"]["title"]
    i = rep.title_blocks[0]
    whole = (0, len(rep.norm[i].text))
    title = rep.title or rep.norm[i].text
    if not _YEAR_RE.search(title):
        yield ctx.hit("S010", i, *whole, msg("S010.no-year"), msg("S010.no-year.hint"))
    full, subject = conf["subject_full"], conf["subject"]
    if full not in title:
        at = _in_title(rep, subject)
        if at is not None:
            j, pos = at
            yield ctx.hit("S010", j, pos, pos + len(subject), msg("S010.lacks-subject", subject=full), full)
    core = re.sub(r"[（(][^）)]{1,8}[）)]$", "", title)
    if not any(d in core for d in conf["doc_types"]):
        at = _in_title(rep, "总结") if "总结" in core else None
        if at is not None:
            yield ctx.hit("S010", at[0], at[1], at[1] + 2, msg("S010.summary-not-report"), "报告", severity="warning")
        else:
            yield ctx.hit("S010", i, *whole, msg("S010.no-doc-type"), msg("S010.no-doc-type.hint"))
    if not rep.issuer:
        yield ctx.hit("S010", i, *whole, msg("S010.no-issuer"), msg("S010.no-issuer.hint"), severity="warning")


@check("S011")
@_inside_the_document
def title_year(ctx) -> Iterator[Hit]:
    rep = ctx.report
    if rep.reporting_year_source != "title" or rep.opening_block is None:
        return
    span = opening_year_span(rep.norm[rep.opening_block].text)
    if span is not None and span[0] != rep.reporting_year:
        y, pos, end = span
        yield ctx.hit("S011", rep.opening_block, pos, end,
                      msg("S011.year-mismatch", title_year=rep.reporting_year, year=y), str(rep.reporting_year))


@check("S012")
@_inside_the_document
def plan_year(ctx) -> Iterator[Hit]:
    rep = ctx.report
    y = rep.reporting_year
    if y is None:
        return
    for sec in rep.sections:
        if sec.content != 4 or sec.heading is None:
            continue
        h = rep.headings[sec.heading]
        # the heading's own text in its block (a Word list label is not part of the block text)
        candidates = [(h.block, rep.norm[h.block].text[: h.end])]
        nxt = h.block + 1
        if nxt < sec.end:
            first = rep.norm[nxt].text
            clause = _CLAUSE_RE.split(first, maxsplit=1)[0]
            if re.match(r"^\d{4}年", clause):
                candidates.append((nxt, clause))
        for block, text in candidates:
            for year, s, e in years_in(text):
                in_range = text[e:e + 1] in DASHES or (s > 0 and text[s - 1] in DASHES)
                if year != y + 1 and not in_range:
                    yield ctx.hit("S012", block, s, e,
                                  msg("S012.plan-year", year=year, reporting_year=y, next_year=y + 1), str(y + 1))
        return


@check("S014")
@_inside_the_document
def unexpected_year(ctx) -> Iterator[Hit]:
    rep = ctx.report
    want = rep.expected_year
    if want is None or rep.reporting_year_source not in ("title", "opening", "evidence"):
        return
    if rep.reporting_year == want:
        return
    message = msg("S014.other-year", year=rep.reporting_year, want=want,
                  how=msg(f"S014.how.{rep.reporting_year_source}"))
    if rep.reporting_year_source == "opening" and rep.opening_block is not None:
        span = opening_year_span(rep.norm[rep.opening_block].text)
        if span is not None:
            yield ctx.hit("S014", rep.opening_block, span[1], span[2], message)
            return
    if rep.reporting_year_source == "title":
        for i in rep.title_blocks:
            for y, s, e in years_in(rep.norm[i].text):
                if y == rep.reporting_year:
                    yield ctx.hit("S014", i, s, e, message)
                    return
    yield title_hit(ctx, "S014", message)


@check("S013")
@_inside_the_document
def request_in_report(ctx) -> Iterator[Hit]:
    rep = ctx.report
    phrases = ctx.packs["report"]["request"]["phrases"]
    for i in rep.body_range():
        t = rep.norm[i].text
        for p in phrases:
            pos = t.find(p)
            if pos >= 0:
                yield ctx.hit("S013", i, pos, pos + len(p), msg("S013.request", phrase=p), msg("S013.request.hint"))
                break

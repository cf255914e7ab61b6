"""D — dates and deadlines.

Sources: 《法治政府建设与责任落实督察工作规定》第二十三条 (report before 3月1日; provinces
before 4月1日; 示范地区 by 1月底 under provincial guidance), 第二十四条 (publish before
4月1日); GB/T 9704—2012 §7.3.5.3 (成文日期).

"之前" is read as "by": a date after the deadline day is an error, the deadline
day itself a warning (the wording is ambiguous), earlier dates are fine.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from .. import recache
from ..packs import per_packs
from ..i18n import Msg, msg
from ..lexers.screen import screen
from ..lexers.dates import DATE_RE, INCOMPLETE_DATE_RE, YEAR_MONTH_RE, find_dates, years_in
from ..facts.deadlines import deadline_status, profile_for, publication
from . import Hit, check, rule, title_hit

ART23 = "《法治政府建设与责任落实督察工作规定》第二十三条"
ART24 = "《法治政府建设与责任落实督察工作规定》第二十四条"

rule("D001", "submission-deadline", "error",
     "The 成文日期 is after the submission deadline (3月1日 of the next year; province 4月1日; demonstration 1月31日).",
     ART23, fail="2024年度报告 dated 2025年3月5日", passes="2024年度报告 dated 2025年2月20日",
     severities=("error", "warning"))
rule("D002", "incomplete-date", "error",
     "A date with a blank or placeholder (2024年1月  日).", "GB/T 9704—2012 §7.3.5.3 (成文日期 complete)",
     fail="2025年1月  日", passes="2025年1月20日")
rule("D003", "publication-deadline", "error",
     "The publication date (--published-on, else the web page's own 发布时间/发布日期) is after 4月1日 of the "
     "next year (on the day: warning; a repost whose 来源 is another outlet: info).", ART24,
     fail="--published-on 2025-04-15 for a 2024 report; a page with 发布时间：2025-04-15",
     passes="--published-on 2025-03-20 for a 2024 report; a page with 发布时间：2025-03-20",
     severities=("error", "warning", "info"))
rule("D004", "partial-period", "warning",
     "Figures for part of the year (截至10月底, 1-11月, 前三季度): the report covers the whole year "
     "(info when the reporting year is unknown).",
     f"{ART23} (上一年度情况)", fail="截至11月底，共受理复议案件12件", passes="全年共受理复议案件14件",
     severities=("warning", "info"))
rule("D005", "relative-year", "warning",
     "今年/去年/明年 in a report dated in the next year (warning) or undated (info).",
     "GB/T 9704—2012 (公文 uses definite dates); 第二十五条 (上一年度/下一年度)",
     fail="今年共办理……（report dated 2025年1月）", passes="2024年共办理……", severities=("warning", "info"))
rule("D006", "no-date", "info",
     "No 成文日期 found: the deadline could not be checked.", ART23,
     fail="a report without a date line", passes="a report ending with 某某镇人民政府 / 2025年1月20日")


def date_msg(d: dt.date) -> Msg:
    """A calendar date as messages show it: ``2025-03-01`` in English, ``2025年3月1日`` in Chinese."""
    return msg("D001.date", y=d.year, m=d.month, d=d.day)


def _deadline(ctx, y: int) -> tuple[dt.date, str]:
    prof = profile_for(ctx.report, ctx.options)
    d = ctx.packs["deadlines"]["submission"][prof]
    return dt.date(y + 1, d["month"], d["day"]), d["label"]


@check("D001")
def submission(ctx) -> Iterator[Hit]:
    rep = ctx.report
    status, _, deadline = deadline_status(rep, ctx.options, ctx.packs)
    if status not in ("late", "due-day"):
        return
    line = rep.signing_line
    _, label = _deadline(ctx, rep.reporting_year)
    cover = "" if line is rep.signing else "-cover"
    shown = date_msg(line.date) if line.date else line.text
    if status == "late":
        yield ctx.hit("D001", line.block, line.start, line.end,
                      msg(f"D001.late{cover}", date=shown, deadline=date_msg(deadline), year=rep.reporting_year,
                          label=label))
    else:
        yield ctx.hit("D001", line.block, line.start, line.end,
                      msg(f"D001.due-day{cover}", date=date_msg(line.date), label=label), severity="warning")


@check("D002")
def incomplete(ctx) -> Iterator[Hit]:
    rep = ctx.report
    blocks = list(rep.body_range())
    if rep.cover_signing:
        blocks.insert(0, rep.cover_signing.block)
    for line in (rep.cover_signing, rep.signing):
        if line is not None and line.date is None and YEAR_MONTH_RE.fullmatch(line.text):
            yield ctx.hit("D002", line.block, line.start, line.end,
                          msg("D002.no-day", text=line.text), msg("D002.no-day.hint", text=line.text))
    for i in blocks:
        t = rep.norm[i].text
        if "日" not in t or "月" not in t:
            continue  # (every match holds 年…月…日)
        for m in INCOMPLETE_DATE_RE.finditer(t):
            if DATE_RE.fullmatch(m.group(0)) and find_dates(m.group(0)):
                continue
            yield ctx.hit("D002", i, m.start(), m.end(),
                          msg("D002.incomplete", text=ctx.doc.blocks[i].text[slice(*ctx.span(i, m.start(), m.end()))]),
                          msg("D002.incomplete.hint"))


_PLACE = recache.compile(r"^(?:.{1,8}?(?:省|自治区|市|自治州|地区|盟|区|县|旗|镇|乡|街道))+")
_MEDIA = recache.compile(r"(?:报|报社|社|网|新闻|日报|晚报|杂志|电视台|广播|融媒体|传媒|公众号|客户端|头条|APP)$", re.IGNORECASE)


def _place(name: str) -> str:
    """The place a name starts with, as long as it goes (深圳市光明区司法局 → 深圳市光明区)."""
    masked = re.sub(r"城市|市场|市政|区域|都市", lambda m: "□" * len(m.group(0)), name)  # 市/区 inside words
    m = _PLACE.match(masked)
    return name[: m.end()] if m else ""


def is_repost(rep) -> bool:
    """Whether the page is a repost: its 来源 names another outlet — a news medium, or an organ
    of another place or level (深圳市司法局 for a 光明区 report) — than the issuer. The site's own
    units (司法局, 办公室, 本网) and an unknown issuer count as the issuer's own page."""
    page = rep.doc.page
    src = re.sub(r"\s+", "", (page.source if page else None) or "")
    if not src or src in ("本站", "本网", "原创"):
        return False
    own = [x for x in (rep.issuer, rep.title, page.publisher) if x]
    if not own or any(src in x for x in own) or (rep.issuer and rep.issuer in src):
        return False
    if _MEDIA.search(src):
        return True
    place = _place(src)
    return bool(place) and all(_place(x) != place for x in own)


@check("D003")
def publication_deadline(ctx) -> Iterator[Hit]:
    rep = ctx.report
    pub, source, where = publication(rep, ctx.options)
    if pub is None or rep.reporting_year is None:
        return
    d = ctx.packs["deadlines"]["publication"]["deadline"]
    deadline = dt.date(rep.reporting_year + 1, d["month"], d["day"])
    if pub < deadline:
        return
    repost = source == "page" and is_repost(rep)
    args = dict(date=date_msg(pub), where=_where_msg(where), deadline=date_msg(deadline), label=d["label"],
                repost=msg("D003.repost", source=rep.doc.page.source) if repost else "")
    if pub > deadline:
        yield title_hit(ctx, "D003", msg("D003.late", **args), severity="info" if repost else None)
    else:
        yield title_hit(ctx, "D003", msg("D003.due-day", **args), severity="info" if repost else "warning")


def _where_msg(where: "Msg | str") -> "Msg | str":
    """Where the publication date was read (:func:`publication`'s third value) as a message."""
    if where == "--published-on":
        return msg("D003.where-option")
    if where == "the page":
        return msg("D003.where-unknown")
    return where


_MONTH = recache.compile(r"(\d{1,2}|[一二三四五六七八九十]{1,3})(?:个)?月")


def _end_month(period: str) -> int | None:
    """The last month a period expression names (``1-11月`` → 11), if any."""
    months = _MONTH.findall(period)
    if not months:
        return None
    last = months[-1]
    try:
        from ..numerals import cn_digits_to_int

        return int(last) if last.isdigit() else cn_digits_to_int(last)
    except ValueError:
        return None


def _partial_patterns(packs) -> tuple[list[tuple[re.Pattern[str], re.Pattern[str] | None]], re.Pattern[str]]:
    """D004's partial-period patterns, each with its :func:`~lawgov_lint.lexers.screen.screen`, and
    its figure pattern; compiled once per Packs value."""
    def build():
        conf = packs["report"]["dates"]
        units = "|".join(re.escape(u) for u in sorted(conf.get("figure_units", ["件", "%"]), key=len, reverse=True))
        return ([(recache.compile(p), screen(p)) for p in conf["partial_periods"]],
                recache.compile(rf"\d[\d,.]*\s*(?:{units})"))

    return per_packs(packs, "D004", build)


@check("D004")
def partial_period(ctx) -> Iterator[Hit]:
    rep = ctx.report
    pats, figure = _partial_patterns(ctx.packs)
    y = rep.reporting_year
    for i in rep.body_range():
        if rep.section_of(i) == 4:
            continue  # the plan speaks of next year's periods
        t = rep.norm[i].text
        found: list[tuple[int, int]] = []
        for p, scr in pats:
            if scr is not None and scr.search(t) is None:
                continue  # no character a match starts with
            for m in p.finditer(t):
                if _end_month(m.group(0)) == 12:
                    continue  # 1-12月, 截至12月底: the whole year
                ys = years_in(m.group(0))
                if ys and y is not None and ys[0][0] != y:
                    continue
                if any(s < m.end() and m.start() < e for s, e in found):
                    continue
                # only figures for part of the year: the sentence must state one
                sent_start = max(t.rfind(c, 0, m.start()) for c in "。；！？") + 1
                ends = [k for k in (t.find(c, m.end()) for c in "。；！？") if k >= 0]
                sentence = t[sent_start: min(ends) if ends else len(t)]
                if not figure.search(sentence.replace(m.group(0), "")):
                    continue
                if m.group(0) == "上半年" and "下半年" in sentence:
                    continue  # both halves: the whole year is covered
                found.append((m.start(), m.end()))
        for s, e in sorted(found):
            excerpt = t[s:e]
            yield ctx.hit("D004", i, s, e,
                          msg("D004.partial", excerpt=excerpt, year=y) if y
                          else msg("D004.partial-year-unknown", excerpt=excerpt),
                          msg("D004.partial.hint"), severity=None if y is not None else "info")


@check("D005")
def relative_year(ctx) -> Iterator[Hit]:
    rep = ctx.report
    y = rep.reporting_year
    line = rep.signing_line
    date = rep.signing_date
    dated_year = date.year if date else (line.year if line else None)
    if y is None:
        return
    if dated_year is not None and dated_year <= y:
        return
    severity = "warning" if dated_year is not None else "info"
    words = ctx.packs["report"]["dates"]["relative_years"]
    meaning = {"今年": y + 1, "去年": y, "明年": y + 2}
    for i in rep.body_range():
        t = rep.norm[i].text
        for w in words:
            pos = t.find(w)
            while pos >= 0:
                if dated_year is not None:
                    shown = date_msg(date) if date else f"{line.year}年{line.month}月" if line.month else f"{line.year}年"
                    message = msg("D005.dated", word=w, date=shown, meaning=meaning.get(w, "?"))
                else:
                    message = msg("D005.undated", word=w, year=y)
                sugg = ({"今年": f"{y}年", "去年": f"{y}年", "明年": f"{y + 1}年"} if dated_year is not None and dated_year > y
                        else {"今年": f"{y}年", "去年": f"{y - 1}年", "明年": f"{y + 1}年"}).get(w)
                yield ctx.hit("D005", i, pos, pos + len(w), message, sugg, severity=severity)
                pos = t.find(w, pos + len(w))


@check("D006")
def no_date(ctx) -> Iterator[Hit]:
    rep = ctx.report
    if rep.signing is not None or rep.cover_signing is not None:
        return
    y = rep.reporting_year
    if y is None:
        message = msg("D006.no-date-no-year")
    else:
        deadline, label = _deadline(ctx, y)
        message = msg("D006.no-date", year=y, deadline=date_msg(deadline), label=label)
    yield title_hit(ctx, "D006", message, msg("D006.no-date.hint"))

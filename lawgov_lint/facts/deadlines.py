"""Where a report stands against the deadlines of 第二十三条 and 第二十四条: facts the D rules judge
and the summary, the JSON ``compliance`` record and the HTML/workbook outputs show.

Sources: 《法治政府建设与责任落实督察工作规定》第二十三条 (report before 3月1日 of the next year;
provinces before 4月1日; 示范地区 by 1月底 under provincial guidance) and 第二十四条 (publish before 4月1日).
The deadlines themselves are data (``rules/deadlines.toml``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..i18n import Msg


def provincial(rep) -> bool:
    """A provincial government or party committee reporting to 党中央、国务院 (第二十三条: by 4月1日)."""
    issuer = rep.issuer or ""
    return bool(re.search(r"(省|自治区)(人民政府|委员会|党委)$", issuer)
                or (rep.addressee and ("党中央" in rep.addressee or "国务院" in rep.addressee)))


def profile_for(rep, options) -> str:
    """The deadline profile that applies: the option, except that a provincial report under the
    default profile is held to the provincial deadline."""
    prof = options.deadline_profile
    if prof == "standard" and provincial(rep):
        return "province"
    return prof


def deadline_status(rep, options, packs) -> tuple[str, int | None, dt.date | None]:
    """("ok"|"due-day"|"late"|"unknown", days left from ``options.as_of``, deadline)."""
    y = rep.reporting_year
    if y is None:
        return "unknown", None, None
    d = packs["deadlines"]["submission"][profile_for(rep, options)]
    deadline = dt.date(y + 1, d["month"], d["day"])
    days_left = (deadline - options.as_of).days
    date = rep.signing_date
    line = rep.signing_line
    if date is None and line is not None and line.year and line.month:
        import calendar

        first = dt.date(line.year, line.month, 1)
        last = dt.date(line.year, line.month, calendar.monthrange(line.year, line.month)[1])
        if last < deadline:
            return "ok", days_left, deadline
        if first > deadline:
            return "late", days_left, deadline
    if date is None:
        return "unknown", days_left, deadline
    if date > deadline:
        return "late", days_left, deadline
    if date == deadline:
        return "due-day", days_left, deadline
    return "ok", days_left, deadline


def publication(rep, options) -> "tuple[dt.date | None, str | None, Msg | str]":
    """The publication date that counts for D003 (第二十四条), its source and where it came from.

    Returns ``(date, source, where)``: ``--published-on`` wins (source "option"); else the web
    page's own 发布时间/发布日期 (source "page", ``where`` names the line or ``<meta>``); else
    ``(None, None, "")``. A page's 成文日期/发文日期 is the signing date and never counts here.
    """
    if options.published_on is not None:
        return options.published_on, "option", "--published-on"
    page = rep.doc.page
    if page is not None and page.published_on is not None:
        return page.published_on, "page", page.published_where or "the page"
    return None, None, ""

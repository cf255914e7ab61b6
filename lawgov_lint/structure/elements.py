"""The 公文 elements around the body: issuer, 发文字号, 主送, 落款 and 成文日期."""

from __future__ import annotations

import datetime as dt
import re

from .. import recache
from ..lexers.dates import NUMERIC_DATE_RE, find_dates, is_date_line, years_in
from ..lexers.markers import find_marker
from ..packs import Packs
from .report import DOC_NUMBER_RE, DatedLine, DocNumber, Report
from .year import opening_year

_NOT_NAME_RE = recache.compile(r"[，。；：:！？“”《》\d]")
_NOT_ORG_RE = recache.compile(r"[，。；：:《》“”\d]")
_YEAR_RE = recache.compile(r"(\d{4}|[〇零一二三四五六七八九]{4})\s*年度?")


# ---------------------------------------------------------------- 公文 elements

def _org_like(text: str, packs: Packs) -> bool:
    t = text.strip()
    if not t or len(t) > 30 or _NOT_NAME_RE.search(t):
        return False
    return any(t.endswith(s) for s in packs["report"]["issuer"]["org_suffixes"])


_PLACE_RE_CACHE: dict[str, re.Pattern[str]] = {}


def place_in(text: str, packs: Packs) -> str | None:
    """The issuer a title names (青浦区, 江西省人民政府, 庙行镇…), if any.

    The words before the year (``江西省人民政府2023年…``), else between the year
    and 法治 (``关于2023年青浦区法治政府…``), when they end like a body or place
    name; else a place name at the start of the title.
    """
    core = re.sub(r"^关于", "", text.strip())
    m = _YEAR_RE.search(core)
    if m:
        for cand in (re.sub(r"(关于|的)$", "", core[: m.start()]).strip(), core[m.end():].split("法治", 1)[0].strip()):
            if 2 <= len(cand) <= 30 and not _NOT_ORG_RE.search(cand) and _org_like(cand, packs):
                return cand
    return _place_prefix(text, packs)


def _place_prefix(text: str, packs: Packs) -> str | None:
    suffixes = packs["report"]["issuer"]["place_suffixes"]
    key = "|".join(suffixes)
    pat = _PLACE_RE_CACHE.get(key)
    if pat is None:
        alts = "|".join(sorted((re.escape(s) for s in suffixes), key=len, reverse=True))
        pat = recache.compile(rf"([\u4e00-\u9fff]{{1,12}}?(?:{alts}))")
        _PLACE_RE_CACHE[key] = pat
    t = re.sub(r"^关于", "", text)
    t = re.sub(r"^\d{4}年度?", "", t)
    m = pat.match(t)
    if m and not m.group(1).startswith(("法治", "推进", "年度")):
        return m.group(1)
    m = re.search(r"\d{4}年度?([\u4e00-\u9fff]{2,12}?(?:" + "|".join(map(re.escape, suffixes)) + "))", text)
    if m and "法治" not in m.group(1):
        return m.group(1)
    return None


def find_doc_numbers(rep: Report, blocks: list[int]) -> list[DocNumber]:
    """发文字号 lines among ``blocks``: short blocks whose text is a 文号 (plus 签发人)."""
    out = []
    for i in blocks:
        t = rep.norm[i].text
        if len(t) > 40:
            continue
        m = DOC_NUMBER_RE.search(t)
        if not m:
            continue
        rest = (t[: m.start()] + t[m.end():]).strip()
        if rest and not rest.startswith("签发人") and len(rest) > 12:
            continue
        out.append(DocNumber(i, m.group(0), m.start(), m.end()))
    return out


def _date_line(rep: Report, i: int) -> DatedLine | None:
    t = rep.norm[i].text.strip()
    if not is_date_line(t):
        return None
    off = rep.norm[i].text.find(t[:1]) if t else 0
    dates = find_dates(t)
    if dates and dates[0].start == 0 and dates[0].end == len(t):
        d = dates[0].date
        return DatedLine(i, d, off, off + len(t), t, d.year, d.month)
    numeric = NUMERIC_DATE_RE.fullmatch(t)
    if numeric:
        try:
            d = dt.date(*(int(g) for g in numeric.groups()))
            return DatedLine(i, d, off, off + len(t), t, d.year, d.month)
        except ValueError:
            pass
    ym = re.match(r"(\d{4})年\s*(\d{1,2})?月?", t)
    year = int(ym.group(1)) if ym else None
    month = int(ym.group(2)) if ym and ym.group(2) and 1 <= int(ym.group(2)) <= 12 else None
    return DatedLine(i, None, off, off + len(t), t, year, month)


def parse_elements(rep: Report) -> None:
    """Title-adjacent elements: issuer, 文号, 主送, 成文日期, opening paragraph, Y."""
    packs = rep.packs
    blocks = rep.doc.blocks
    first_body = rep.title_blocks[-1] + 1 if rep.title_blocks else rep.start
    # 发文字号 of the report (its preamble) and of the cover.
    pre = list(range(rep.start, first_body))
    nums = find_doc_numbers(rep, pre)
    rep.document_number = nums[0] if nums else None
    rep.cover_document_numbers = find_doc_numbers(rep, rep.cover_blocks)
    # issuer: line below the title, line above, the title's own place name, the 落款, the cover's 版头.
    issuer = None
    if first_body < rep.end and _org_like(rep.norm[first_body].text, packs):
        issuer = rep.norm[first_body].text.strip()
        first_body += 1
    if issuer is None and rep.title_blocks and rep.title_blocks[0] - 1 >= 0:
        above = rep.norm[rep.title_blocks[0] - 1].text.strip()
        if _org_like(above, packs):
            issuer = above
    if issuer is None and rep.title:
        issuer = place_in(rep.title, packs)
    # 主送
    if first_body < rep.end:
        t = rep.norm[first_body].text.strip()
        if (t.endswith(("：", ":")) and len(t) <= 60 and "。" not in t and find_marker(t) is None
                and not re.search(r"如下|现将|现就|报告", t)):  # 现将有关情况报告如下： is the opening
            rep.addressee = t.rstrip("：:")
            first_body += 1
    rep.opening_block = first_body if first_body < rep.end else None
    # 落款 and 成文日期: the last date line of the report proper, within its last blocks.
    for i in range(rep.end - 1, max(first_body - 1, rep.end - 6), -1):
        dl = _date_line(rep, i)
        if dl:
            rep.signing = dl
            if issuer is None and i - 1 >= first_body and _org_like(rep.norm[i - 1].text, packs):
                issuer = rep.norm[i - 1].text.strip()
            break
    # the cover's date (a 请示/通知 dated before the report proper)
    for i in reversed(rep.cover_blocks):
        dl = _date_line(rep, i)
        if dl:
            rep.cover_signing = dl
            break
    if issuer is None:
        for i in rep.cover_blocks[:3]:
            t = rep.norm[i].text.strip()
            if t.endswith("文件") and _org_like(t[:-2], packs):
                issuer = t[:-2]
                break
    rep.issuer = issuer
    # reporting year: the title's year, else the opening sentence's; the rest of the
    # evidence is weighed once the headings are parsed (weigh_reporting_year).
    if rep.title:
        ys = years_in(rep.title)
        if ys:
            rep.reporting_year, rep.reporting_year_source = ys[0][0], "title"
    if rep.reporting_year is None and rep.opening_block is not None:
        y = opening_year(rep.norm[rep.opening_block].text)
        if y:
            rep.reporting_year, rep.reporting_year_source = y, "opening"

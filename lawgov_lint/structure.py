"""The report proper and its structure (SPEC §3 "The report proper", §4).

Given a loaded :class:`~lawgov_lint.document.Document`, :func:`analyse` finds
the report inside whatever wraps it (a 请示 or 通知 cover, a 起草说明, 附件
lists, feedback tables, a 版记) and parses it: title, issuer, 发文字号
(``document_number``), 主送 (``addressee``), heading tree, sections mapped to the
five required contents of 第二十五条 (``required_contents``), 落款 and 成文日期
(``signing_date``), and the reporting year (报告年度, ``reporting_year``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .document import Block, Document
from .facts.dates import DATE_RE, INCOMPLETE_DATE_RE, NUMERIC_DATE_RE, find_dates, is_date_line, years_in
from .markers import STANDARD_LEVEL, Marker, find_marker
from .normalize import NormText, normalize
from .packs import Packs

# 发文字号: 机关代字 + bracketed year + serial + 号 (GB/T 9704—2012 §7.2.4), loosely,
# so that F001 can judge malformed ones.
DOC_NUMBER_RE = re.compile(
    r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{1,10})\s*([〔\[【(（［]?)\s*(\d{2,4})\s*([〕\]】)）］]?)\s*(第?)\s*(\d{1,4})\s*号"
)
ATTACHMENT_RE = re.compile(r"^附\s*件\s*(\d{1,2})?\s*$")
ATTACHMENT_LIST_RE = re.compile(r"^附\s*件\s*[：:]")
IMPRINT_RE = re.compile(r"(?:^抄\s*送\s*[：:])|(?:\d{4}年\d{1,2}月\d{0,2}日?印发$)|(?:^印\s*发\s*[：:])")


@dataclass(slots=True)
class Heading:
    """A heading in the report proper.

    ``block`` is the 0-based index into ``Document.blocks``; ``level`` is the
    1-based outline level inferred from the markers' nesting; ``text`` the
    heading's own text (marker included; for a heading run into its first
    sentence, up to that sentence's end); ``end`` the length of ``text`` in the
    normalised block; ``content`` the 第二十五条 content number (1–5) or None.
    """

    block: int
    level: int
    marker: Marker | None
    text: str
    end: int
    run_in: bool = False
    content: int | None = None
    parent: int | None = None  # index into Report.headings


@dataclass(slots=True)
class Section:
    """A stretch of the report belonging to one required content.

    ``content`` is 1–5; ``heading`` indexes ``Report.headings`` (None for a
    section inferred without a heading); blocks ``[start, end)`` are 0-based.
    """

    content: int
    heading: int | None
    start: int
    end: int


@dataclass(slots=True)
class DatedLine:
    """A 成文日期 line: its block (0-based), the date (None if incomplete), normalised span.

    For an incomplete date (``2024年1月  日``) ``year``/``month`` keep what is known.
    """

    block: int
    date: dt.date | None
    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None


@dataclass(slots=True)
class DocNumber:
    """A 发文字号 found in a block: ``block`` 0-based, span in normalised text."""

    block: int
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Report:
    """The analysed document: the report proper and what surrounds it.

    Block indices are 0-based positions in ``doc.blocks``; the report proper is
    ``doc.blocks[start:end]``. ``norm[i]`` is the normalised text of block i.
    """

    doc: Document
    norm: list[NormText]
    packs: Packs
    start: int = 0
    end: int = 0
    located: bool = False
    title_blocks: list[int] = field(default_factory=list)
    title: str | None = None
    issuer: str | None = None
    reporting_year: int | None = None
    reporting_year_source: str | None = None
    document_number: DocNumber | None = None
    cover_document_numbers: list[DocNumber] = field(default_factory=list)
    addressee: str | None = None
    signing: DatedLine | None = None
    cover_signing: DatedLine | None = None
    headings: list[Heading] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    opening_block: int | None = None
    cover_blocks: list[int] = field(default_factory=list)
    cache: dict = field(default_factory=dict, repr=False, compare=False)  # facts computed once per report

    @property
    def signing_line(self) -> DatedLine | None:
        """The 成文日期 line that counts: the report's own, else the cover's."""
        return self.signing or self.cover_signing

    @property
    def signing_date(self) -> dt.date | None:
        """The 成文日期 that counts for deadlines: the report's own, else the cover's."""
        if self.signing and self.signing.date:
            return self.signing.date
        if self.cover_signing and self.cover_signing.date and not self.signing:
            return self.cover_signing.date
        return None

    def body_range(self) -> range:
        return range(self.start, self.end)

    def contents_present(self) -> dict[int, bool]:
        have = {s.content for s in self.sections}
        return {c: c in have for c in range(1, 6)}

    def section_of(self, block: int) -> int | None:
        """The content number (1–5) of the section containing 0-based ``block``."""
        for s in self.sections:
            if s.start <= block < s.end:
                return s.content
        return None


# ---------------------------------------------------------------- locating

def _inside_brackets(text: str, pos: int) -> bool:
    depth = 0
    for ch in text[:pos]:
        if ch == "《":
            depth += 1
        elif ch == "》":
            depth = max(0, depth - 1)
    return depth > 0


def _title_candidate(text: str, packs: Packs) -> bool:
    conf = packs["report"]["title"]
    t = text.strip()
    if not t or len(t) > 60 or "。" in t or find_marker(t) is not None:
        return False  # a numbered line is a section heading, never the report's title
    pos = t.find(conf["subject"])
    if pos < 0 or _inside_brackets(t, pos):
        return False
    # a covering document's title: 关于提请/关于印发/关于报送…, possibly after the issuer's name
    head = t[t.find("关于"):] if 0 < t.find("关于") <= 20 and t.find("关于") < pos else t
    if any(t.startswith(p) or head.startswith(p) for p in conf["cover_prefixes"]):
        return False
    if ATTACHMENT_LIST_RE.match(t) or re.match(r"^\d{1,2}\s*[.．、]", t):
        return False
    core = re.sub(r"[（(][^）)]{1,8}[）)]$", "", t)  # （送审稿） （征求意见稿）
    if any(core.endswith(d) for d in conf["cover_doc_types"]):
        return False
    words = conf["doc_types"] + conf["doc_types_weak"]
    return any(w in core[pos:] for w in words)


def _is_attachment_heading(text: str) -> bool:
    return bool(ATTACHMENT_RE.match(text.strip()))


def _report_end(rep: Report, start: int) -> int:
    n = len(rep.doc.blocks)
    for i in range(start, n):
        t = rep.norm[i].text.strip()
        if _is_attachment_heading(t) or IMPRINT_RE.search(t):
            return i
    return n


def _count_top_headings(rep: Report, start: int, end: int) -> int:
    count = 0
    for i in range(start, min(end, start + 400)):
        b = rep.doc.blocks[i]
        if b.in_table:
            continue
        m = find_marker(rep.norm[i].text)
        if m and m.kind in ("cn_dun", "part") and len(rep.norm[i].text) < 80:
            count += 1
        elif b.heading_level == 1:
            count += 1
    return count


def locate(rep: Report) -> None:
    """Set ``rep.start/end/title*`` to the report proper (SPEC §3).

    Among title candidates the one followed by the most top-level section
    headings wins (first on ties); no candidate → the whole file.
    """
    blocks = rep.doc.blocks
    best: tuple[int, int] | None = None  # (score, index)
    candidates: list[tuple[int, bool]] = []
    for i, b in enumerate(blocks):
        if b.in_table:
            continue
        t = rep.norm[i].text
        cand = _title_candidate(t, rep.packs)
        two = False
        if not cand and i + 1 < len(blocks) and len(t) <= 30 and not blocks[i + 1].in_table:
            joined = t + rep.norm[i + 1].text
            if len(rep.norm[i + 1].text) <= 30 and _title_candidate(joined, rep.packs) and not _title_candidate(rep.norm[i + 1].text, rep.packs):
                cand = two = True
        if cand:
            candidates.append((i, two))
    for k, (i, two) in enumerate(candidates):
        first_body = i + (2 if two else 1)
        end = _report_end(rep, first_body)
        if k + 1 < len(candidates):
            end = min(end, candidates[k + 1][0])
        score = _count_top_headings(rep, first_body, end)
        if best is None or score > best[0]:
            best = (score, i)
            rep.title_blocks = [i, i + 1] if two else [i]
    if best is None:
        rep.start, rep.end, rep.located = 0, len(blocks), False
        return
    i = best[1]
    rep.located = True
    title = "".join(rep.norm[j].text.strip() for j in rep.title_blocks)
    nxt = rep.title_blocks[-1] + 1
    # a draft marker on its own line: （送审稿）
    if nxt < len(blocks) and re.fullmatch(r"[（(][^）)]{1,8}稿[）)]", rep.norm[nxt].text.strip()):
        rep.title_blocks.append(nxt)
        title += rep.norm[nxt].text.strip()
    rep.title = title
    # The report starts at its own preamble (文号 above the title) when there is one.
    start = i
    for j in range(i - 1, max(-1, i - 3), -1):
        t = rep.norm[j].text.strip()
        if DOC_NUMBER_RE.fullmatch(t) or (DOC_NUMBER_RE.search(t) and len(t) <= 30):
            start = j
        else:
            break
    rep.start = start
    rep.end = _report_end(rep, rep.title_blocks[-1] + 1)
    rep.cover_blocks = [j for j in range(0, start)]


# ---------------------------------------------------------------- headings

def _heading_text(text: str, marker: Marker) -> tuple[str, int, bool] | None:
    """(heading text, its end offset, run-in?) for a marked paragraph, or None."""
    t = text.rstrip()
    body = t[marker.end:]
    if not body.strip():
        return None
    stop = body.find("。")
    if stop < 0 or stop == len(body.rstrip()) - 1:
        if len(t) <= 60:
            return t.rstrip("。"), len(t), False
        # a long paragraph without a sentence end: take the first clause if short
        cut = re.search(r"[，；：]", body)
        if cut and cut.start() <= 40:
            return t[: marker.end + cut.start()], marker.end + cut.start(), True
        return None
    if stop <= 60:
        return t[: marker.end + stop], marker.end + stop, True
    return None


def parse_headings(rep: Report) -> None:
    """Fill ``rep.headings`` with levels from marker nesting (GB/T 9704 ranks).

    A heading's level is the depth of the stack of open headings after
    closing those whose standard rank is not above its own; so ``1、`` used as
    the first top-level marker is level 1, and ``2、`` after ``1.`` is a sibling.
    """
    stack: list[tuple[int, int]] = []  # (rank, heading index)
    forced: dict[str, int] = {}
    start = rep.title_blocks[-1] + 1 if rep.title_blocks else rep.start
    for i in range(start, rep.end):
        b = rep.doc.blocks[i]
        if b.in_table:
            continue
        text = rep.norm[i].text
        marker = find_marker(text)
        label = ""
        if marker is None and b.label:
            # Word's automatic numbering: the label is drawn, not typed; headings are read with it
            lm = find_marker(b.label.strip() + "\u3000x")
            if lm is not None:
                label = b.label.strip()
                marker = Marker(lm.kind, lm.number, 0, 0, label)
        if marker is None:
            if b.heading_level and b.heading_level >= 1 and len(text) <= 60 and "。" not in text[:-1]:
                rank = b.heading_level
                while stack and stack[-1][0] >= rank:
                    stack.pop()
                h = Heading(i, len(stack) + 1, None, text.strip(), len(text), parent=stack[-1][1] if stack else None)
                rep.headings.append(h)
                stack.append((rank, len(rep.headings) - 1))
            continue
        if label:
            ht = _heading_text(label + text, find_marker(label + text) or marker)
            if ht is not None:
                ht = (ht[0], max(0, ht[1] - len(label)), ht[2])
        else:
            ht = _heading_text(text, marker)
        if ht is None:
            continue
        rank = forced.get(marker.kind, STANDARD_LEVEL[marker.kind])
        if b.heading_level and b.heading_level >= 1 and marker.kind in ("num_dun", "num_dot"):
            rank = min(rank, b.heading_level)
        if not stack and rep.headings == [] and rank > 1:
            # the first heading of a report is top-level whatever its marker, and so are
            # later headings with the same marker (1、 … 2、 used as the top level)
            rank = 1
            forced[marker.kind] = 1
        while stack and stack[-1][0] >= rank:
            stack.pop()
        parent = stack[-1][1] if stack else None
        h = Heading(i, len(stack) + 1, marker, ht[0].strip(), ht[1], run_in=ht[2], parent=parent)
        rep.headings.append(h)
        stack.append((rank, len(rep.headings) - 1))


# ---------------------------------------------------------------- sections

def classify_heading(text: str, packs: Packs, reporting_year: int | None) -> int | None:
    """The 第二十五条 content (1–5) a heading's wording names, or None.

    Synonyms are matched with rapidfuzz ``partial_ratio`` on the text after the
    marker; decisive keywords break ties. A heading naming year Y+1 (or 下一年度,
    明年) is content 4 even when its words (主要工作) also fit content 1.
    """
    conf = packs["sections"]
    m = find_marker(text)
    body = text[m.end:] if m else text
    body = body.strip()
    if not body:
        return None
    threshold = conf.get("thresholds", {}).get("synonym", 88)
    scores: dict[int, float] = {}
    for key, c in conf["contents"].items():
        n = int(key)
        best = 0.0
        for syn in c["synonyms"]:
            if syn in body:
                best = max(best, 100.0 + len(syn))
            elif len(syn) >= 4:
                best = max(best, fuzz.partial_ratio(syn, body))
        for kw in c.get("keywords", []):
            if kw in body:
                best = max(best, 95.0 + len(kw) / 10)
        if best >= threshold:
            scores[n] = best
    years = [y for y, _, _ in years_in(body)]
    next_year = reporting_year is not None and (reporting_year + 1) in years
    if next_year or "下一年度" in body or "下一年" in body or "明年" in body:
        if 3 not in scores and 2 not in scores:
            return 4
    c3 = conf["contents"]["3"]
    if any(t in body for t in c3.get("leader_titles", [])) and any(w in body for w in c3.get("duty_words", [])):
        scores[3] = max(scores.get(3, 0.0), 99.0)
    if 3 in scores and any(k in body for k in ("第一责任人", "主要负责人", *c3.get("leader_titles", []))):
        return 3
    if 2 in scores and ("不足" in body or "问题" in body) and 1 not in scores:
        return 2
    if not scores:
        return None
    return max(scores, key=lambda k: (scores[k], -k))


def build_sections(rep: Report) -> None:
    """Map headings to required contents and build ``rep.sections``.

    Top-level headings are classified first; a deeper heading counts for a
    content only when its top-level ancestor has none. Unclassified top-level
    sections before the content-2 section count as content 1 (thematic
    sections of achievements) when no explicit content-1 heading exists.
    """
    heads = rep.headings
    for h in heads:
        h.content = classify_heading(h.text, rep.packs, rep.reporting_year)
    top = [k for k, h in enumerate(heads) if h.level == 1]
    if not top:
        return

    def top_of(k: int) -> int:
        while heads[k].parent is not None:
            k = heads[k].parent  # type: ignore[assignment]
        return k

    # deeper headings only count under unclassified top-level sections
    for k, h in enumerate(heads):
        if h.level > 1 and heads[top_of(k)].content is not None:
            h.content = None
    # Avoid a content-2 wording deep inside achievements being taken as content 2, etc.:
    # a deeper classified heading only counts if its content has no top-level heading.
    top_contents = {heads[k].content for k in top if heads[k].content}
    for h in heads:
        if h.level > 1 and h.content in top_contents:
            h.content = None
    # thematic achievement sections
    if 1 not in top_contents:
        first2 = next((k for k in top if heads[k].content in (2, 3, 4)), None)
        if first2 is not None:
            before = [k for k in top if k < first2 and heads[k].content is None]
            if before:
                for k in before:
                    heads[k].content = 1
    # sections: from each classified heading to the next heading of the same or higher level
    sections: list[Section] = []
    for k, h in enumerate(heads):
        if h.content is None:
            continue
        end = rep.end
        for k2 in range(k + 1, len(heads)):
            if heads[k2].level <= h.level:
                end = heads[k2].block
                break
        sections.append(Section(h.content, k, h.block, end))
    rep.sections = sections


# ---------------------------------------------------------------- 公文 elements

def _org_like(text: str, packs: Packs) -> bool:
    t = text.strip()
    if not t or len(t) > 30 or re.search(r"[，。；：:！？“”《》\d]", t):
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
    m = re.search(r"(\d{4}|[〇零一二三四五六七八九]{4})\s*年度?", core)
    if m:
        for cand in (re.sub(r"(关于|的)$", "", core[: m.start()]).strip(), core[m.end():].split("法治", 1)[0].strip()):
            if 2 <= len(cand) <= 30 and not re.search(r"[，。；：:《》“”\d]", cand) and _org_like(cand, packs):
                return cand
    return _place_prefix(text, packs)


def _place_prefix(text: str, packs: Packs) -> str | None:
    suffixes = packs["report"]["issuer"]["place_suffixes"]
    key = "|".join(suffixes)
    pat = _PLACE_RE_CACHE.get(key)
    if pat is None:
        alts = "|".join(sorted((re.escape(s) for s in suffixes), key=len, reverse=True))
        pat = re.compile(rf"([\u4e00-\u9fff]{{1,12}}?(?:{alts}))")
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
        if t.endswith(("：", ":")) and len(t) <= 60 and "。" not in t and find_marker(t) is None:
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
    # reporting year: the title's year, else the opening sentence's.
    if rep.title:
        ys = years_in(rep.title)
        if ys:
            rep.reporting_year, rep.reporting_year_source = ys[0][0], "title"
    if rep.reporting_year is None and rep.opening_block is not None:
        y = opening_year(rep.norm[rep.opening_block].text)
        if y:
            rep.reporting_year, rep.reporting_year_source = y, "opening"
    if rep.reporting_year is None:
        for i in rep.body_range():
            ys = years_in(rep.norm[i].text)
            if ys:
                rep.reporting_year, rep.reporting_year_source = ys[0][0], "text"
                break


def opening_year_span(text: str) -> tuple[int, int, int] | None:
    """``(year, start, end)`` of the year an opening sentence starts with
    (``2023年，…``, ``二〇二三年是…``), offsets in ``text``; None if it starts otherwise."""
    first_clause = re.split(r"[，。；]", text, maxsplit=1)[0]
    ys = years_in(first_clause)
    if ys and ys[0][1] <= 12:
        return ys[0]
    return None


def opening_year(text: str) -> int | None:
    """The year an opening sentence starts with, if any (see :func:`opening_year_span`)."""
    span = opening_year_span(text)
    return span[0] if span else None


def analyse(doc: Document, packs: Packs) -> Report:
    """Normalise, locate the report proper and parse its structure."""
    rep = Report(doc=doc, norm=[normalize(b.text) for b in doc.blocks], packs=packs)
    locate(rep)
    if doc.table_pages and doc.read_tables is not None:  # PDF tables: read those of the report proper only
        proper = {s.page for b in doc.blocks[rep.start:rep.end] for s in b.segments}
        blocks = doc.read_tables([p for p in doc.table_pages if p in proper])
        doc.table_pages, doc.read_tables = [], None
        if blocks is not None:
            doc.blocks = blocks
            rep = Report(doc=doc, norm=[normalize(b.text) for b in doc.blocks], packs=packs)
            locate(rep)
    parse_elements(rep)
    parse_headings(rep)
    build_sections(rep)
    return rep

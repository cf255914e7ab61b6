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
from .normalize import NormText, normalize_document
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
class RunIn:
    """A required content given only a paragraph, not a heading (S008).

    ``block`` is 0-based; ``start``/``end`` the normalised span of the item
    (an enumerated ``三是…`` item up to its first sentence end, or the first
    sentence of a paragraph); ``inside`` the content of the section it sits in.
    """

    content: int
    block: int
    start: int
    end: int
    inside: int | None = None


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
    reporting_year_source: str | None = None  # "title" | "opening" | "evidence" | "option" | None
    expected_year: int | None = None  # --year / config ``year``: the year the reviewer is collecting
    document_number: DocNumber | None = None
    cover_document_numbers: list[DocNumber] = field(default_factory=list)
    addressee: str | None = None
    signing: DatedLine | None = None
    cover_signing: DatedLine | None = None
    headings: list[Heading] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    run_ins: list[RunIn] = field(default_factory=list)  # contents given only a paragraph (S008)
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
        """The content number (1–5) of the innermost section containing 0-based ``block``."""
        best: Section | None = None
        for s in self.sections:
            if s.start <= block < s.end and (best is None or s.start >= best.start):
                best = s
        return best.content if best else None


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
    if t.endswith(("：", ":")) or re.match(r"^现[将就把]|.*如下[：:]?$", t):
        return False  # 现将我区2023年法治政府建设情况报告如下： is the opening, not a title
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


_TITLE_LINE_MAX = 30


def _title_piece(rep: Report, j: int) -> bool:
    """Block j can be one line of a title set over several lines: short, not in a table, no
    heading marker, no sentence end, no date."""
    if j >= len(rep.doc.blocks) or rep.doc.blocks[j].in_table:
        return False
    t = rep.norm[j].text.strip()
    return (0 < len(t) <= _TITLE_LINE_MAX and not re.search(r"[。：:；]", t) and find_marker(t) is None
            and not is_date_line(t) and not t.endswith("文件") and not DOC_NUMBER_RE.search(t)
            and not ATTACHMENT_RE.match(t))


def _title_lines(rep: Report, i: int) -> int:
    """2 or 3 when blocks ``i…`` are a title set over that many lines
    (``某县水利局2024年度法治政府建设`` / ``情况报告``), else 0.

    The joined lines must make a title candidate while no shorter run starting at ``i``
    does, and the last line alone must not be one (it would be the title itself).
    """
    if not _title_piece(rep, i):
        return 0
    joined = rep.norm[i].text.strip()
    for n in (2, 3):
        j = i + n - 1
        if not _title_piece(rep, j):
            return 0
        before = joined
        joined += rep.norm[j].text.strip()
        if _title_candidate(joined, rep.packs):
            if not _title_candidate(rep.norm[j].text, rep.packs):
                return n
            # the last line is a title by itself: join only a line that visibly runs on
            # (…2024年度 / 法治政府建设工作总结), never an issuer or a cover's last line
            return n if re.search(r"(?:\d{4}年度?|关于|的|和|及|与)$", before) else 0
    return 0


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
    candidates: list[tuple[int, int]] = []  # (first block, number of lines)
    for i, b in enumerate(blocks):
        if b.in_table:
            continue
        t = rep.norm[i].text
        if _title_candidate(t, rep.packs):
            candidates.append((i, 1))
        else:
            n = _title_lines(rep, i)
            if n:
                candidates.append((i, n))
    for k, (i, n) in enumerate(candidates):
        first_body = i + n
        end = _report_end(rep, first_body)
        later = [c for c, _ in candidates[k + 1:] if c >= first_body]
        if later:
            end = min(end, later[0])
        score = _count_top_headings(rep, first_body, end)
        if best is None or score > best[0]:
            best = (score, i)
            rep.title_blocks = list(range(i, i + n))
    if best is None:
        rep.start, rep.end, rep.located = 0, len(blocks), False
        return
    i = best[1]
    rep.located = True
    # the issuer on its own line above a title that starts with 关于 is the title's first line
    # (GB/T 9704 §7.3.1: 发文机关 + 事由 + 文种, set over as many lines as it needs)
    if i > 0 and rep.norm[i].text.strip().startswith("关于") and not blocks[i - 1].in_table:
        above = rep.norm[i - 1].text.strip()
        if _org_like(above, rep.packs) and not above.endswith("文件"):
            rep.title_blocks.insert(0, i - 1)
            i -= 1
    title = "".join(rep.norm[j].text.strip() for j in rep.title_blocks)
    nxt = rep.title_blocks[-1] + 1
    # a draft marker or the year on its own line: （送审稿）, （2024年度）
    while nxt < len(blocks) and re.fullmatch(r"[（(](?:[^）)]{1,8}稿|\d{4}年度?)[）)]", rep.norm[nxt].text.strip()):
        rep.title_blocks.append(nxt)
        title += rep.norm[nxt].text.strip()
        nxt += 1
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
    if 2 in scores and re.search(r"整改|解决|化解|破解|聚焦|补齐|攻坚", body) and not re.search(r"存在|原因", body):
        del scores[2]  # 聚焦问题短板，推动整改落实 is work done, not the shortcomings
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

    # Deeper headings count under unclassified top-level sections; under a classified one
    # only when they name another content by its own formula (a 第一责任人 sub-heading in
    # the achievements, 存在的不足 or 2025年工作安排 closing an umbrella section), so that
    # （三）着力解决群众反映的突出问题 inside the achievements is not content 2.
    for k, h in enumerate(heads):
        if h.level > 1 and h.content is not None:
            outer = heads[top_of(k)].content
            if outer is not None and (h.content == outer or not _own_formula(h, rep)):
                h.content = None
    top_contents = {heads[k].content for k in top if heads[k].content}
    # a deeper heading does not count for a content that has a top-level heading
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
                    for k2, h2 in enumerate(heads):  # their sub-headings are achievements too
                        if h2.level > 1 and top_of(k2) == k and h2.content is not None and not _own_formula(h2, rep):
                            h2.content = None
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


def _body_of(text: str) -> str:
    m = find_marker(text)
    return (text[m.end:] if m else text).strip()


def _own_formula(h: Heading, rep: Report) -> bool:
    """A sub-heading names its content by the content's own formula (not only a keyword)."""
    body = _body_of(h.text)
    c = h.content
    if c == 3:
        return strong_content_3(body, rep.packs)
    if c == 4:
        y = rep.reporting_year
        if (y is not None and (y + 1) in [x for x, _, _ in years_in(body)]) or re.search(r"下一步|下一年|明年|下步", body):
            return bool(_PLAN_WORDS.search(body) or "工作" in body)
    if c == 2 and re.search(r"存在|原因|不足之处|短板弱项|薄弱环节", body):
        return True  # 存在的不足及原因, 工作中存在的问题
    syns = rep.packs["sections"]["contents"][str(c)]["synonyms"]
    return any(len(syn) >= 4 and (body.startswith(syn) or body.endswith(syn) or (syn in body and len(body) <= len(syn) + 6))
               for syn in syns)


def strong_content_3(text: str, packs: Packs) -> bool:
    """Wording that is about 第二十五条（三）: 第一责任人 with a duty word, or a principal
    leader (主要负责人, 区委书记、区长…) performing (履行/履职) rule-of-law duties."""
    c3 = packs["sections"]["contents"]["3"]
    duty = c3.get("duty_words", ["履行", "履职", "职责"])
    if "第一责任人" in text and any(w in text for w in (*duty, "责任", "落实", "压实")):
        return True
    leaders = ("主要负责人", "主要领导", "主要负责同志", *c3.get("leader_titles", []))
    return (any(t in text for t in leaders) and any(w in text for w in duty) and "法治" in text)


_ENUM_ITEM = re.compile(r"(?:^|(?<=[。；！？]))\s*(?:[一二三四五六七八九十]{1,2}是|第[一二三四五六七八九十]{1,2}[，,、]|[（(]\d{1,2}[）)])")
_LEADER_SUBJECT = re.compile(r"^[^，；：]{0,12}?(?:主要负责人|主要领导|主要负责同志|书记|区长|县长|市长|镇长|乡长|局长|主任)"
                             r"[^。；]{0,16}?(?:履行|落实|压实|扛起|担起)[^。；]{0,16}?第一责任人")
_SHORTCOMING = re.compile(r"(?<![整改解决化解查摆排查梳理反馈针对聚焦])(?:存在|仍有|还有|面临|不少)[^。；：]{0,15}?(?:不足|问题|短板|差距|薄弱环节|困难)")
_PLAN_OPENING = re.compile(r"^(?:下一步|下步|新的一年|明年|今后|\d{4}年)[^。；]*?将")


def _item_content(clause: str, rep: Report, in_section: int | None, item: bool) -> int | None:
    """The content an enumerated item's first clause (``item``) or a paragraph's first
    sentence is about."""
    if strong_content_3(clause, rep.packs):
        # in the plan or the shortcomings it is next year's task or a weakness, not the report of it
        return 3 if in_section not in (2, 4) else None
    if in_section == 1:
        return None  # within the achievements only 第一责任人 can be a content of its own
    if ((in_section != 4 or not item) and _SHORTCOMING.search(clause)
            and not re.search(r"整改|解决|化解|破解|补齐|弥补|针对|聚焦", clause)):
        return 2  # a plan item about remedying shortcomings is still the plan
    if _PLAN_OPENING.match(clause):
        m = re.match(r"(\d{4})年", clause)
        y = rep.reporting_year
        if m is None or (y is not None and int(m.group(1)) == y + 1):
            return 4
    if re.match(r"^(?:此外，)?(?:其他需要报告|其他需要说明)", clause):
        return 5
    return None


def find_run_ins(rep: Report) -> None:
    """Contents with no heading but a paragraph given to them (SPEC §5 S001–S004, S008).

    An enumerated run-in item (``三是压实…第一责任人职责。``, ``（2）…``) whose first sentence
    is about the content, or a paragraph whose first sentence is, counts as the content
    and is recorded in ``rep.run_ins`` (and as a heading-less section); a passing mention
    later in a sentence does not.
    """
    present = {s.content for s in rep.sections}
    heading_blocks = {h.block for h in rep.headings if not h.run_in}
    first = rep.title_blocks[-1] + 1 if rep.title_blocks else rep.start
    skip = {rep.opening_block} if rep.opening_block is not None else set()
    if rep.signing is not None:
        skip.add(rep.signing.block)
    found: dict[int, RunIn] = {}
    for i in range(first, rep.end):
        if i in heading_blocks or i in skip or rep.doc.blocks[i].in_table:
            continue
        t = rep.norm[i].text
        inside = rep.section_of(i)
        spans: list[tuple[int, int]] = []
        for m in _ENUM_ITEM.finditer(t):
            stop = re.search(r"[。；！？]", t[m.end():])
            end = m.end() + stop.start() if stop else len(t)
            if end - m.end() <= 60:
                spans.append((m.start() + len(m.group(0)) - len(m.group(0).lstrip()), end))
        lead = len(t) - len(t.lstrip())
        stop = re.search(r"[。；！？]", t)
        end = stop.start() if stop else len(t)
        if end - lead <= 80 and not any(s == lead for s, _ in spans):
            spans.append((lead, end))
        # a later sentence given to (三): the principal leader as its subject, performing the duty
        # (区政府主要负责人切实履行推进法治建设第一责任人职责，…); not 会上通报了…第一责任人职责…
        for m in re.finditer(r"(?<=[。！？])[^。！？]{4,80}", t):
            if _LEADER_SUBJECT.match(m.group(0)) and not any(s <= m.start() < e for s, e in spans):
                spans.append((m.start(), m.end()))
        for s, e in spans:
            clause = t[s:e]
            item = bool(_ENUM_ITEM.match(clause))
            c = _item_content(_ENUM_ITEM.sub("", clause, count=1).strip() if item else clause, rep, inside, item)
            if c is None or c in present or c in found or c == inside:
                continue
            found[c] = RunIn(c, i, s, e, inside)
    for c, r in sorted(found.items()):
        rep.run_ins.append(r)
        rep.sections.append(Section(c, None, r.block, r.block + 1))


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


# ---------------------------------------------------------------- the reporting year

_PLAN_WORDS = re.compile(r"安排|打算|计划|思路|谋划|展望|下一步|设想|重点任务|工作要点|努力方向")
_YEAR_WORK = re.compile(r"情况|成效|举措|做法|工作")


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
    first_clause = re.split(r"[，。；]", text, maxsplit=1)[0]
    ys = years_in(first_clause)
    if ys and ys[0][1] <= 12:
        return ys[0]
    return None


def opening_year(text: str) -> int | None:
    """The year an opening sentence starts with, if any (see :func:`opening_year_span`)."""
    span = opening_year_span(text)
    return span[0] if span else None


def analyse(doc: Document, packs: Packs, year: int | None = None) -> Report:
    """Normalise, locate the report proper and parse its structure.

    ``year`` is the reporting year the reviewer expects (``--year``): it supplies Y when
    the report gives none (see :func:`weigh_reporting_year`).
    """
    rep = Report(doc=doc, norm=normalize_document(doc), packs=packs)
    locate(rep)
    if doc.table_pages and doc.read_tables is not None:  # PDF tables: read those of the report proper only
        proper = {s.page for b in doc.blocks[rep.start:rep.end] for s in b.segments}
        blocks = doc.read_tables([p for p in doc.table_pages if p in proper])
        doc.table_pages, doc.read_tables = [], None
        if blocks is not None:
            doc.blocks = blocks
            rep = Report(doc=doc, norm=normalize_document(doc), packs=packs)
            locate(rep)
    parse_elements(rep)
    parse_headings(rep)
    weigh_reporting_year(rep, year)
    build_sections(rep)
    find_run_ins(rep)
    return rep

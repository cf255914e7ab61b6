"""Sections mapped to the five required contents of 第二十五条, and contents given only a run-in paragraph (S008)."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .. import recache
from ..lexers.dates import years_in
from ..lexers.markers import find_marker
from ..packs import Packs, per_packs
from .report import Heading, Report, RunIn, Section
from .year import _PLAN_WORDS

_AFTER_STOP_RE = recache.compile(r"(?<=[。！？])[^。！？]{4,80}")
_STOP_RE = recache.compile(r"[。；！？]")
_REMEDY_RE = recache.compile(r"整改|解决|化解|破解|补齐|弥补|针对|聚焦")
_REMEDY_BODY_RE = recache.compile(r"整改|解决|化解|破解|聚焦|补齐|攻坚")
_CAUSE_RE = recache.compile(r"存在|原因")


# ---------------------------------------------------------------- sections

# per content: its number, synonyms, (synonym, its characters, a character repeats, length) of
# those of four characters or more, keywords
_Content = tuple[int, tuple[str, ...], list[tuple[str, frozenset[str], bool, int]], tuple[str, ...]]


def _synonyms(packs: Packs) -> tuple[float, list[_Content]]:
    """The synonym threshold and, per content, its synonyms, those of four characters or more
    (each with its set of characters, whether one repeats, its length) and its keywords; built
    once per Packs value."""
    def build() -> tuple[float, list[_Content]]:
        conf = packs["sections"]
        contents = []
        for key, c in conf["contents"].items():
            syns = tuple(c["synonyms"])
            fuzzy = [(syn, frozenset(syn), len(set(syn)) < len(syn), len(syn)) for syn in syns if len(syn) >= 4]
            contents.append((int(key), syns, fuzzy, tuple(c.get("keywords", []))))
        return conf.get("thresholds", {}).get("synonym", 88), contents

    return per_packs(packs, "sections.synonyms", build)


def _content_scores(body: str, packs: Packs) -> dict[int, float]:
    """Content → score of a heading's text after its marker, for the contents scoring at least
    the synonym threshold: 100 + length for a synonym written out, else the best rapidfuzz
    ``partial_ratio`` of a synonym of four characters or more; 95 + length/10 for a keyword."""
    threshold, contents = _synonyms(packs)
    in_body = set(body)
    reach = threshold - 1e-6
    n_body = len(body)
    scores: dict[int, float] = {}
    for n, syns, fuzzy, keywords in contents:
        best = 0.0
        for syn in syns:
            if syn in body:
                best = max(best, 100.0 + len(syn))
        if not best:  # no synonym written out (which outscores any partial_ratio): the closest one
            for syn, chars, repeats, size in fuzzy:
                # partial_ratio aligns the shorter string, whole (length s), with a stretch of the
                # longer, so it scores at most 200·k/(s + k) for the k characters of the synonym
                # found in the heading: most synonyms share too few characters to be scored
                k = sum(map(in_body.__contains__, syn)) if repeats else len(chars & in_body)
                s = size if size < n_body else n_body
                if k > s:
                    k = s
                if 200.0 * k >= reach * (s + k):
                    best = max(best, fuzz.partial_ratio(syn, body))
        for kw in keywords:
            if kw in body:
                best = max(best, 95.0 + len(kw) / 10)
        if best >= threshold:
            scores[n] = best
    return scores


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
    scores = _content_scores(body, packs)
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
    if 2 in scores and _REMEDY_BODY_RE.search(body) and not _CAUSE_RE.search(body):
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


_ENUM_ITEM = recache.compile(r"(?:^|(?<=[。；！？]))\s*(?:[一二三四五六七八九十]{1,2}是|第[一二三四五六七八九十]{1,2}[，,、]|[（(]\d{1,2}[）)])")
_LEADER_SUBJECT = recache.compile(r"^[^，；：]{0,12}?(?:主要负责人|主要领导|主要负责同志|书记|区长|县长|市长|镇长|乡长|局长|主任)"
                             r"[^。；]{0,16}?(?:履行|落实|压实|扛起|担起)[^。；]{0,16}?第一责任人")
_SHORTCOMING = recache.compile(r"(?<![整改解决化解查摆排查梳理反馈针对聚焦])(?:存在|仍有|还有|面临|不少)[^。；：]{0,15}?(?:不足|问题|短板|差距|薄弱环节|困难)")
_PLAN_OPENING = recache.compile(r"^(?:下一步|下步|新的一年|明年|今后|\d{4}年)[^。；]*?将")


def _item_content(clause: str, rep: Report, in_section: int | None, item: bool) -> int | None:
    """The content an enumerated item's first clause (``item``) or a paragraph's first
    sentence is about."""
    if strong_content_3(clause, rep.packs):
        # in the plan or the shortcomings it is next year's task or a weakness, not the report of it
        return 3 if in_section not in (2, 4) else None
    if in_section == 1:
        return None  # within the achievements only 第一责任人 can be a content of its own
    if ((in_section != 4 or not item) and _SHORTCOMING.search(clause)
            and not _REMEDY_RE.search(clause)):
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
        stop = _STOP_RE.search(t)
        end = stop.start() if stop else len(t)
        if end - lead <= 80 and not any(s == lead for s, _ in spans):
            spans.append((lead, end))
        # a later sentence given to (三): the principal leader as its subject, performing the duty
        # (区政府主要负责人切实履行推进法治建设第一责任人职责，…); not 会上通报了…第一责任人职责…
        for m in _AFTER_STOP_RE.finditer(t) if "第一责任人" in t else ():
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

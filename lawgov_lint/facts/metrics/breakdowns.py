"""Breakdowns: a stated total and the figures stated as its parts — 其中 lists, "X中，…" lists, a
合计 line, a parenthetical (含…), a breakdown that opens the next sentence — and whether the parts must
add up (:class:`Breakdown.exhaustive`) or cannot overlap (:class:`Breakdown.disjoint`).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ... import recache
from ...i18n import msg
from ...structure import Report
from .model import AMONG_RE, Breakdown, Metric, PAREN_RE, QUOTE_RE, SENTENCE_END
from .packs import _Conf
from .text import _inside, _spans, cstart_of
from .labels import suffix_match


_QIZHONG_RE = recache.compile("其中")
_SENTENCE_END_RE = recache.compile(f"[{re.escape(SENTENCE_END)}]")
_CLAUSE_BREAK_RE = recache.compile(r"[，,；;。！？!?]")  # where cstart_of stops
_SEMI_RE = recache.compile(r"[；;]")
_STOP_RE = recache.compile(r"[。！？!?]\s*")
_SUM_HEAD_RE = recache.compile(r"(?:以上|上述|两项|三项|各项)?(?:合计|总计|共计)(?:为|达)?")


def _breakdowns(rep: Report, metrics: list[Metric], conf: _Conf) -> list[Breakdown]:
    """Resolve 其中 lists and "X中，…" phrases into breakdowns (total + items)."""
    out: list[Breakdown] = []
    by_sentence: dict[int, list[Metric]] = {}
    for m in metrics:
        if m.table is None:
            by_sentence.setdefault(m.sentence, []).append(m)
    countable = ("count", "amount", "measure")
    ms_all = metrics
    # block → (quotes, parentheses, offsets of sentence ends, offsets of clause breaks)
    spans: dict[int, tuple[list[tuple[int, int]], list[tuple[int, int]], list[int], list[int]]] = {}
    for sid, ms in by_sentence.items():
        i = ms[0].block
        text = rep.norm[i].text
        if i not in spans:
            spans[i] = (_spans(text, QUOTE_RE), _spans(text, PAREN_RE),
                        [m.start() for m in _SENTENCE_END_RE.finditer(text)],
                        [m.start() for m in _CLAUSE_BREAK_RE.finditer(text)])
        quotes, parens, ends, breaks = spans[i]
        lo_pos = min(m.start for m in ms)
        hi_pos = max(m.end for m in ms)
        # sentence extent in the text: after the last sentence end before lo_pos, to the first from hi_pos
        k = bisect_left(ends, lo_pos) - 1
        s0 = ends[k] + 1 if k >= 0 else 0
        k = bisect_left(ends, hi_pos)
        s1 = ends[k] if k < len(ends) else len(text)
        qz = [q.start() - s0 for q in _QIZHONG_RE.finditer(text, s0, s1)]
        qz = [s0 + q for q in qz if not _inside(quotes, s0 + q, s0 + q + 2)]
        # a sentence continued by 。其中 — the 其中 after a full stop
        for k, p in enumerate(qz):
            nxt = qz[k + 1] if k + 1 < len(qz) else len(text)
            cut = False
            if not text.startswith(("其中：", "其中:"), p):
                # the list ends at ； (…终止3件；以镇政府为被告的行政诉讼案件9件 is a sibling), unless the
                # clauses go on in parallel with a share each (解决采纳24件，占75%；列入计划8件，占20%)
                seg_start = p
                for semi in _SEMI_RE.finditer(text[p:nxt]):
                    here = p + semi.start()
                    def has_share(a: int, b: int) -> bool:
                        return any(a <= m.start < b and m.share_of is not None and m.numerator is not None
                                   and a <= ms_all[m.numerator].start for m in ms)
                    nxt_semi = _SEMI_RE.search(text[here + 1:nxt])
                    seg_end = here + 1 + nxt_semi.start() if nxt_semi else nxt
                    if has_share(seg_start, here) and has_share(here + 1, seg_end):
                        seg_start = here + 1
                        continue
                    nxt = here
                    cut = True
                    break
            if k + 1 < len(qz) and not cut:
                # the figure right before the next 其中 is that list's total, not an item of this one
                last = [m for m in ms if p <= m.start and m.end <= nxt]
                if last:
                    nxt = last[-1].start
            for m in ms:
                if p <= m.start < nxt:
                    m.after_qizhong = True
            cands = [m for m in ms if m.end <= p and m.kind in countable and not m.growth and m.share_of is None
                     and m.respectively != "unpaired" and not m.year
                     and not (_inside(parens, m.start, m.end) and not _inside(parens, p, p + 2))]
            groups: dict[int, list[int]] = {}
            cats: dict[int, list[str]] = {}
            owner = ""
            first_item: Metric | None = None
            for m in ms:
                if not (p <= m.start < nxt) or m.share_of is not None or m.kind not in countable:
                    continue
                if _inside(parens, m.start, m.end) and not _inside(parens, p, p + 2):
                    continue  # （含撤销8件、确认违法4件）: a sub-item, not an item
                if m.growth or m.respectively == "unpaired":
                    break
                same = [c for c in cands if _unit_compatible(c, m)]
                if not same:
                    owner = m.label  # an attribute of the items (简易案件693件 … 金额70350元)
                    prev = _previous_total(rep, by_sentence.get(sid - 1, []), ms, p, m, conf)
                    if prev is None:
                        continue
                    same = [prev]
                scored = [(suffix_match(_object_label(c, same, conf), m.label), c) for c in same if c.label]
                scored = [x for x in scored if x[0] >= 2]
                matched = False
                if scored:
                    best = max(x[0] for x in scored)
                    tops = [c for sc, c in scored if sc == best]
                    # a tie: the total of the list's first item, else the one naming the item's verb
                    # (其中新收一审案件… after 新收…86件，审结90件), else the nearest
                    verbs = [v for v in conf.stage_verbs if v in m.label]
                    named = [c for c in tops if any(v in c.label for v in verbs)]
                    if first_item is not None and first_item.total is not None \
                            and any(c.index == first_item.total for c in tops):
                        total = next(c for c in tops if c.index == first_item.total)
                    elif named:
                        total = named[-1]
                    else:
                        total = tops[-1]
                    matched = True
                else:
                    total = same[-1]
                    between = [c for c in ms if total.end <= c.start and c.end <= p and c.kind in countable]
                    if between or p - total.end > 30:
                        continue  # not the figure the 其中 follows: no total for this item
                if first_item is None:
                    first_item = m
                else:
                    sv = [v for v in conf.stage_verbs
                          if v in m.label and v not in total.label and v not in first_item.label]
                    if sv and not matched:
                        break  # 审结45件 after 其中维持…: a sibling of the total, the list is over
                m.total = total.index
                m.total_label = total.label
                groups.setdefault(total.index, []).append(m.index)
                cat = m.label
                if owner and (not cat or suffix_match(cat, total.label) >= 2 or len(cat) <= 4):
                    cat = owner + cat
                cats.setdefault(total.index, []).append(cat)
                owner = ""
            for t, items in groups.items():
                bd = Breakdown(t, items, categories=cats[t])
                _classify(bd, conf)
                for it in items:
                    metrics[it].breakdown = len(out)
                out.append(bd)
        # "X中，…": 代表建议办理结果中“解决采纳”112件
        for m in ms:
            if m.kind not in countable or m.total is not None or m.after_qizhong:
                continue
            k = bisect_left(breaks, m.start) - 1  # cstart_of(text, m.start)
            b = breaks[k] + 1 if k >= 0 else 0
            am = AMONG_RE.search(text, b, m.start)
            if not am or am.start() != b and text[b:am.start()].strip():
                continue
            phrase = am.group(1)
            scored = []
            for c in ms:
                if c.end > b or c.kind not in countable or not _unit_compatible(c, m) or c.growth:
                    continue
                sc = suffix_match(c.label, phrase)
                if sc >= 2:
                    scored.append((sc, c))
            if not scored:
                continue
            best = max(sc for sc, _ in scored)
            tops = [c for sc, c in scored if sc == best]
            if len(tops) != 1:
                continue
            total = tops[0]
            if m.label.startswith(phrase + "中"):
                m.label = m.label[len(phrase) + 1:] or m.label
                m.label_start = max(m.label_start, am.end())
            m.total = total.index
            m.total_label = total.label
            bd = Breakdown(total.index, [m.index], categories=[m.label])
            m.breakdown = len(out)
            out.append(bd)
    return out




def _previous_total(rep: Report, prev: list[Metric], ms: list[Metric], p: int, m: Metric,
                    conf: _Conf) -> Metric | None:
    """The total of a 其中 item whose own sentence has no figure of its kind before the 其中: a
    list of counts after an amount (全年查处案件812件。罚没款共计156.3万元，其中一般程序案件530件、
    罚没款148.9万元…). It is the one figure of the item's kind in the sentence right before, in the
    same paragraph, whose label ends most like the item's (…案件 / …案件); a tie or none: None."""
    if not prev or prev[0].block != m.block:
        return None
    if any(c.kind == m.kind and c.end <= p for c in ms):
        return None  # the sentence has its own figure of this kind: not this case
    same = [c for c in prev if _unit_compatible(c, m)]
    if not same:
        return None
    text = rep.norm[m.block].text
    if text[same[-1].end:ms[0].start].count("。") != 1:
        return None  # not the sentence right before
    scored = [(suffix_match(_object_label(c, same, conf), m.label), c) for c in same]
    best = max(sc for sc, _ in scored)
    tops = [c for sc, c in scored if sc == best]
    if best < 2 or len(tops) != 1:
        return None  # no figure, or more than one (完成案件1333件，有效记录案件1319件), it can be the total of
    c = tops[0]
    if c.growth or c.share_of is not None or c.year or c.respectively == "unpaired" or c.total is not None:
        return None
    return c


def _verbless(label: str, conf: _Conf) -> str:
    """``label`` without its stage verbs and carry-over words (审结, 受理, 旧存 …): the object it counts."""
    for v in conf.verbless:
        label = label.replace(v, "")
    return label


def _object_label(c: Metric, cands: list[Metric], conf: _Conf) -> str:
    """The label a 其中 list is matched against: an elliptical label (审结90件 after 新收行政诉讼案件86件，
    旧存12件) names only a verb and counts the object of the last figure before it that names one, so
    that object is added; a tie between two totals then goes to the nearer one, the figure the 其中
    follows."""
    if len(_verbless(c.label, conf)) >= 2:
        return c.label
    for x in reversed([x for x in cands if x.end <= c.start]):
        obj = _verbless(x.label, conf)
        if len(obj) >= 2:
            return c.label + obj
    return c.label


def _parenthetical(rep: Report, metrics: list[Metric], out: list[Breakdown], conf: _Conf) -> None:
    """A figure followed by a bracketed list of figures in its unit: 1009件（人大建议406件，政协提案603件）."""
    by_block: dict[int, list[Metric]] = {}
    for m in metrics:
        if m.table is None:
            by_block.setdefault(m.block, []).append(m)
    for i, ms in by_block.items():
        text = rep.norm[i].text
        for pm in PAREN_RE.finditer(text):
            a, b = pm.span()
            before = [m for m in ms if m.end <= a]
            if not before or text[before[-1].end:a].strip():
                continue
            t = before[-1]
            if t.kind not in ("count", "amount", "measure") or t.total is not None:
                continue
            items = [m for m in ms if a < m.start and m.end < b and _unit_compatible(t, m)
                     and m.total is None and not m.growth and not m.year and m.approx is None]
            if not items:
                continue
            for m in items:
                m.total = t.index
                m.total_label = t.label
                m.breakdown = len(out)
            bd = Breakdown(t.index, [m.index for m in items], categories=[m.label for m in items])
            _classify(bd, conf)
            out.append(bd)


def _sum_lines(rep: Report, metrics: list[Metric], out: list[Breakdown]) -> None:
    """A 合计 figure after the figures it adds up: 非常满意802条，满意163条，合计965条."""
    by_sentence: dict[int, list[Metric]] = {}
    for m in metrics:
        if m.table is None:
            by_sentence.setdefault(m.sentence, []).append(m)
    for ms in by_sentence.values():
        text = rep.norm[ms[0].block].text
        for k, t in enumerate(ms):
            if k < 2 or t.label or t.kind not in ("count", "amount"):
                continue
            b = cstart_of(text, t.start)
            head = text[b:t.start]
            if not _SUM_HEAD_RE.fullmatch(head):
                continue
            parts = []
            for m in reversed(ms[:k]):
                if not _unit_compatible(t, m) or m.total is not None or m.share_of is not None:
                    break
                parts.append(m)
            if len(parts) < 2 or any(m.kind == "percent" for m in ms[k - len(parts):k]):
                continue
            parts.reverse()
            bd = Breakdown(t.index, [m.index for m in parts], exhaustive=True, disjoint=True,
                           reason=msg("N003.reason.sum-line"), categories=[m.label for m in parts])
            for m in parts:
                m.total = t.index
                m.total_label = "合计"
                m.breakdown = len(out)
            out.append(bd)


def _next_sentence(rep: Report, metrics: list[Metric], out: list[Breakdown], conf: _Conf) -> None:
    """A total in one sentence and its breakdown in the next, introduced by one of metrics.toml
    [breakdowns] ``next_sentence_leads`` (全年查处案件320件。按案件类型分，简易程序案件150件，一般程序案件160件。).
    Kept only when the items are every member of a complete category set (简易/一般) and the sentence
    before has exactly one figure of their kind: otherwise whose parts they are is not certain (a list
    of results closed by 其他 may lag a total of applications still pending), and N says nothing."""
    leads = conf.next_leads
    if not leads:
        return
    by_block: dict[int, list[Metric]] = {}
    for m in metrics:
        if m.table is None:
            by_block.setdefault(m.block, []).append(m)
    countable = ("count", "amount", "measure")
    for i, ms in by_block.items():
        text = rep.norm[i].text
        for sm in _STOP_RE.finditer(text):
            a = sm.end()
            if not text.startswith(leads, a):
                continue
            b = a
            while b < len(text) and text[b] not in SENTENCE_END:
                b += 1
            items = [m for m in ms if a <= m.start and m.end <= b]
            before = [m for m in ms if m.end <= sm.start()]
            if len(items) < 2 or not before:
                continue
            if any(m.total is not None or m.kind not in countable or m.growth or m.share_of is not None
                   or m.approx or m.year for m in items):
                continue
            if not all(_unit_compatible(items[0], m) for m in items):
                continue
            s0 = sm.start()
            while s0 > 0 and text[s0 - 1] not in SENTENCE_END:
                s0 -= 1
            prev = [m for m in before if m.start >= s0 and _unit_compatible(m, items[0])]
            if len(prev) != 1 or prev[0].growth or prev[0].share_of is not None or prev[0].total is not None:
                continue
            t = prev[0]
            bd = Breakdown(t.index, [m.index for m in items], categories=[m.label for m in items])
            _classify(bd, conf)
            if not bd.exhaustive or bd.reason is None or bd.reason.id != "N003.reason.complete-set":
                continue  # 其他 closes a list of results, but results may lag the total (cases pending)
            bd.reason = msg("N003.reason.next-sentence", reason=bd.reason)
            for m in items:
                m.total = t.index
                m.total_label = t.label
                m.breakdown = len(out)
            out.append(bd)


def _unit_compatible(a: Metric, b: Metric) -> bool:
    if a.kind == "amount" and b.kind == "amount":
        return True
    return a.kind == b.kind and a.unit == b.unit and a.kind != "bare"


def _classify(bd: Breakdown, conf: _Conf) -> None:
    cats = bd.categories
    if any(any(c.startswith(w) for w in conf.rest_words) for c in cats):
        bd.exhaustive = bd.disjoint = True
        bd.reason = msg("N003.reason.ends-with-rest")
        return
    for part in conf.partitions:
        members = sorted(part.get("members", []), key=len, reverse=True)
        hits = []
        for c in cats:
            mm = [w for w in members if w in c]
            if len(mm) != 1 and not (mm and all(w in mm[0] for w in mm)):
                hits = None
                break
            hits.append(mm[0])
        if hits is None or len(set(hits)) != len(hits) or len(hits) < 2:
            continue
        bd.disjoint = True
        if part.get("complete") and set(hits) == set(part.get("members", [])):
            bd.exhaustive = True
            bd.reason = msg("N003.reason.complete-set", members="/".join(part["members"]))
        else:
            bd.reason = msg("N003.reason.distinct-set", members="/".join(part["members"]))
        return

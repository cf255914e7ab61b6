"""Relations between figures: which figure is a part of which whole, which counts a rate is computed
from, which breakdowns and table columns must add up, which figures state one metric twice.

Finding these is fact-finding; judging them (a part larger than its whole, a rate that does not match)
is the N checks' work (:mod:`lawgov_lint.checks.numbers`). The policy, from SPEC §5: a relation is found
only between exact, whole-year figures of the same scope that the text itself ties together (one
clause, an explicit 其中 breakdown, "X中，…", 占…%); a denominator is never inferred. When unsure, no
relation is found. The relation words are data in ``rules/metrics.toml`` (``[[subsets]]``, ``[[rates]]``,
``relation_words``, ``tables``, ``conflicts``).

:func:`relations` computes them once per report (kept in ``rep.cache``); every index is into
``extract_facts(rep).metrics``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from .. import recache
from ..structure import Report
from .metrics import Breakdown, Metric, clean_label, extract_facts, suffix_match

EPS = 1e-9

_CLOSE_RE = recache.compile(r"[）)]")
_STOP_RE = recache.compile(r"[，,；;。！？!?]")
_WHOLE_YEAR_RE = recache.compile(r"全年|年度|当年|本年")
_APART_RE = recache.compile(r"[；;。（(）)]|分别")


@dataclass(frozen=True, slots=True)
class PartOfWhole:
    """A figure and the whole it is part of, in one clause (受理120件，公开135件).

    ``part``/``whole`` index the metrics; ``relation`` is the name of the ``[[subsets]]`` pair of
    rules/metrics.toml; ``carried`` is what the sentence states was carried over from earlier years
    (上年结转24件), in base units — the part may exceed the whole by that much (0 when none is stated).
    """

    part: int
    whole: int
    relation: str
    carried: float = 0.0


@dataclass(frozen=True, slots=True)
class RateOf:
    """A stated rate or share (``rate``) and the stated counts it is computed from."""

    rate: int
    numerator: int
    denominator: int


@dataclass(frozen=True, slots=True)
class TableTotal:
    """A table column with one total row (合计) and a figure in every other data row.

    ``total`` and ``parts`` index the metrics; ``row`` is the total row's label; ``table`` and
    ``column`` are 1-based as in the document model.
    """

    total: int
    parts: tuple[int, ...]
    row: str
    table: int
    column: int


@dataclass(slots=True)
class Relations:
    """All relations of one report, in reading order.

    * ``parts``: part ≤ whole pairs of one clause (N001);
    * ``items``: (item, total) of breakdowns whose item and total can be compared (N001);
    * ``rates``: rates and shares with both counts stated for them (N002);
    * ``sums``: breakdowns of two or more items that can be added up against their total (N003);
    * ``table_totals``: table columns with a total row (N003);
    * ``restatements``: (first, second) figures stating one metric with one scope twice (N006).
    """

    parts: list[PartOfWhole]
    items: list[tuple[int, int]]
    rates: list[RateOf]
    sums: list[Breakdown]
    table_totals: list[TableTotal]
    restatements: list[tuple[int, int]]


def relations(rep: Report) -> Relations:
    """The relations between the figures of ``rep`` (computed once, kept in ``rep.cache``)."""
    found = rep.cache.get("metric_relations")
    if found is None:
        ms = extract_facts(rep).metrics
        found = rep.cache["metric_relations"] = Relations(
            parts=list(_parts_of_wholes(rep, ms)), items=list(_breakdown_items(rep, ms)),
            rates=list(_rates(rep, ms)), sums=list(_sums(rep, ms)), table_totals=list(_table_totals(rep, ms)),
            restatements=list(_restatements(rep, ms)))
    return found


# ---------------------------------------------------------------- what each relation is

def _parts_of_wholes(rep: Report, ms: list[Metric]) -> Iterator[PartOfWhole]:
    for p, w, name in _subset_pairs(rep, ms):
        carried = _stated_carry(rep, ms, p, w)
        if carried is not None:  # a carry-over named without an exact figure: no relation
            yield PartOfWhole(p.index, w.index, name, carried)


def _breakdown_items(rep: Report, ms: list[Metric]) -> Iterator[tuple[int, int]]:
    """(item, total) of every breakdown, when both are comparable and the item does not say it
    includes earlier years (含上年结转)."""
    for bd in extract_facts(rep).breakdowns:
        t = ms[bd.total]
        for k in bd.items:
            it = ms[k]
            if _fit_pair(it, t, rep.norm[it.block].text) and _scope_ok(it, t) and not _carried_over(rep, it):
                yield k, bd.total


def _rates(rep: Report, ms: list[Metric]) -> Iterator[RateOf]:
    for r in ms:
        if r.kind != "percent" or r.table is not None or not r.plain:
            continue
        if r.share_of is not None:
            pair = _share_pair(rep, ms, r)
        elif r.rate:
            pair = _rate_pair(rep, ms, r)
        else:
            pair = None
        if pair is not None:
            yield RateOf(r.index, pair[0].index, pair[1].index)


def _sums(rep: Report, ms: list[Metric]) -> Iterator[Breakdown]:
    for bd in extract_facts(rep).breakdowns:
        t = ms[bd.total]
        items = [ms[k] for k in bd.items]
        if len(items) >= 2 and all(_fit_pair(x, t, rep.norm[x.block].text) and _unit_ok(x, t) for x in items):
            yield bd


def _table_totals(rep: Report, ms: list[Metric]) -> Iterator[TableTotal]:
    """Columns of exact counts or amounts with exactly one total row (``tables.total_rows``), no
    row to skip (``tables.skip_rows``) and a figure in every data row."""
    conf = _conf(rep).get("tables", {})
    total_rows = conf.get("total_rows", [])
    skip_rows = conf.get("skip_rows", [])
    cols: dict[tuple[int, int], list[Metric]] = {}
    for m in ms:
        if m.table is not None:
            cols.setdefault((m.table[0], m.table[2]), []).append(m)
    for (t, c), cells in cols.items():
        if any(x.kind in ("percent", "points") or x.approx for x in cells):
            continue
        row_label = {x.table[1]: x.label.split("／", 1)[0] for x in cells}
        totals = [x for x in cells if row_label[x.table[1]].replace(" ", "") in total_rows]
        if len(totals) != 1:
            continue
        if any(row_label[x.table[1]].startswith(tuple(skip_rows)) for x in cells):
            continue
        tot = totals[0]
        parts = [x for x in cells if x is not tot]
        if len(parts) < 2 or any(not _unit_ok(x, tot) and not (x.kind == tot.kind == "bare") for x in parts):
            continue
        # every data row of the table must have a figure in this column (else the sum is not over all rows)
        rows = {b.row for i in rep.body_range() if (b := rep.doc.blocks[i]).table == t and b.row}
        header = min(rows)
        if {x.table[1] for x in cells} != rows - {header}:
            continue
        yield TableTotal(tot.index, tuple(x.index for x in parts), row_label[tot.table[1]], t, c)


def _restatements(rep: Report, ms: list[Metric]) -> Iterator[tuple[int, int]]:
    """Two figures of different sentences with one metric key (label, unit, scope, agent, topic).

    Partial periods, approximations, plans, 其中 items and totals, 分别 lists, shares and twins are
    other metrics; a label used three times or more names different things.
    """
    twinned = {x.twin for x in ms if x.twin is not None}
    groups: dict[tuple, list[Metric]] = {}
    residual_words = _key_words(rep)
    words = _conf(rep).get("conflicts", {}).get("metric_words", [])
    metric_words = recache.compile("|".join(map(re.escape, words))) if words else None
    for m in ms:
        if m.table is not None or not m.plain or m.plan or m.total is not None or m.after_qizhong:
            continue
        if m.respectively or m.share_of is not None or m.twin is not None:
            continue
        if m.index in twinned:
            continue
        key = _metric_key(m, rep, residual_words, metric_words)
        if key is not None:
            groups.setdefault(key, []).append(m)
    for group in groups.values():
        if len(group) != 2:
            continue
        a, b = group
        if a.sentence == b.sentence:
            continue  # twice in one sentence: two contexts the text distinguishes in a way we do not read
        yield a.index, b.index


# ---------------------------------------------------------------- helpers

def _conf(rep: Report) -> dict:
    return rep.packs["metrics"]


class _Negations(list):
    """The pack's negation words, with the words ending in one that do not negate (接待)."""

    exceptions: tuple[str, ...] = ()


def _negations(rep: Report) -> _Negations:
    rel = _conf(rep).get("relation_words", {})
    neg = _Negations(rel.get("negations", []))
    neg.exceptions = tuple(rel.get("negation_exceptions", []))
    return neg


def _has_word(label: str, words: list[str], negations: list[str], ordered: bool = False) -> str | None:
    """The first of ``words`` (longest first; ``ordered``: they are so already) in ``label`` not negated
    (不予受理, 待整改 are not 受理, 整改), or None."""
    for w in (words if ordered else sorted(words, key=len, reverse=True)):
        start = label.find(w)
        while start >= 0:
            before = label[max(0, start - 2):start]
            if not any(before.endswith(n) for n in negations) \
                    or before.endswith(getattr(negations, "exceptions", ())):
                return w
            start = label.find(w, start + 1)
    return None


def _residual(label: str, remove: list[str], generic: list[str]) -> str:
    out = label
    for w in _residual_words(remove, generic):
        out = out.replace(w, "")
    return out


def _residual_words(remove: list[str], generic: list[str]) -> list[str]:
    """The words :func:`_residual` takes out, in the order it takes them out (longest first, then in
    code-point order: not the set's, which changes with the interpreter's string hashing)."""
    return [w for w in sorted(set(remove) | set(generic), key=lambda w: (-len(w), w)) if w]


def _key_words(rep: Report) -> list[str]:
    """What :func:`_metric_key` takes out of a label to see what it counts: stage verbs, generic words."""
    verbs = _conf(rep).get("relation_words", {}).get("stage_verbs", []) + [
        "完成", "开展", "组织", "实施", "参与", "提供", "办理", "作出", "做出"]
    return _residual_words(verbs, _KEY_GENERIC)


def _objects_compatible(a: str, b: str) -> bool:
    """Two labels' objects agree when either is empty or they share two characters in a row."""
    if len(a) < 2 or len(b) < 2:
        return True
    return any(a[k:k + 2] in b for k in range(len(a) - 1))


def _unit_ok(a: Metric, b: Metric) -> bool:
    if a.kind == "amount" and b.kind == "amount":
        return True
    return a.kind == b.kind and a.unit == b.unit and a.kind in ("count", "measure")


def _scope_ok(a: Metric, b: Metric) -> bool:
    if a.scope and b.scope and a.scope != b.scope:
        return False
    if a.agent and b.agent and a.agent != b.agent:
        return False
    if a.topic != b.topic and a.block == b.block:
        return False
    return True


def _agent(rep: Report, m: Metric, word: str | None) -> str | None:
    """Who did what a figure counts: its subject (before 共), else an organisation named before ``word``."""
    if m.agent:
        return m.agent
    if not word:
        return None
    pos = m.label.find(word)
    prefix = m.label[:pos] if pos > 0 else ""
    agents = _conf(rep).get("relation_words", {}).get("agents", [])
    if prefix and any(a in prefix for a in agents):
        return prefix
    return None


def _agents_ok(rep: Report, a: Metric, aw: str | None, b: Metric, bw: str | None) -> bool:
    x, y = _agent(rep, a, aw), _agent(rep, b, bw)
    return x is None or y is None or x == y or x.endswith(y) or y.endswith(x)


def _carried_over(rep: Report, m: Metric) -> bool:
    """The figure says it includes earlier years' cases (含上年结转, 遗留, 积案) in its label or its clause."""
    words = _conf(rep).get("relation_words", {}).get("carry_over", [])
    text = rep.norm[m.block].text
    tail = text[m.end:]
    if tail.startswith(("（", "(")):
        close = _CLOSE_RE.search(tail)
        tail = tail[: close.end()] if close else tail
    else:
        stop = _STOP_RE.search(tail)
        tail = tail[: stop.start()] if stop else tail
    return any(w in m.label or w in tail for w in words)


def _fit(m: Metric) -> bool:
    return m.plain and m.kind in ("count", "amount", "measure")


def _fit_pair(a: Metric, b: Metric, text: str = "") -> bool:
    """Both figures can be compared: exact whole-year figures, or two exact figures of one sentence
    under one partial period (截至11月底，受理申请156件，其中刑事案件171件: the part and the whole
    share the period, so they are compared; D004's muting is for figures of different periods).
    ``text`` is the block's normalised text: a 全年 between the two figures puts them in different
    periods (截至11月底受理156件；全年受理171件)."""
    if _fit(a) and _fit(b):
        return True

    def exact(m: Metric) -> bool:
        return (m.approx is None and m.year is None and not m.growth and m.respectively != "unpaired"
                and m.value is not None and m.kind in ("count", "amount", "measure"))

    if not (a.period is not None and a.period == b.period and a.table is None and b.table is None
            and (a.block, a.sentence) == (b.block, b.sentence) and exact(a) and exact(b)):
        return False
    between = text[min(a.end, b.end):max(a.start, b.start)]
    return bool(text) and not _WHOLE_YEAR_RE.search(between)


def _sentence(rep: Report, m: Metric) -> list[Metric]:
    """The figures of ``m``'s sentence, in order (grouped once per report by the facts)."""
    return extract_facts(rep).sentence_of(m)


def _subset_pairs(rep: Report, metrics: list[Metric]) -> Iterator[tuple[Metric, Metric, str]]:
    """(part, whole, relation name) pairs from the pack's ``[[subsets]]`` in one clause."""
    conf = _conf(rep)
    rel = conf.get("relation_words", {})
    neg = _negations(rep)
    generic = rel.get("generic", [])
    parts = [p for p in metrics
             if not (p.table is not None or not (_fit(p) or p.period is not None) or p.share_of is not None)]
    for r in conf.get("subsets", []):
        part_w, whole_w = r.get("part", []), r.get("whole", [])
        part_sorted = sorted(part_w, key=len, reverse=True)
        whole_sorted = sorted(whole_w, key=len, reverse=True)
        part_any = recache.compile("|".join(map(re.escape, part_sorted))) if part_sorted else None
        for p in parts:
            if part_any is None or part_any.search(p.label) is None:
                continue  # none of the part words in the label
            pw = _has_word(p.label, part_sorted, neg, ordered=True)
            if not pw:
                continue
            if _carried_over(rep, p):
                continue
            if any(x in p.label for x in r.get("part_excludes", [])):
                continue
            req = r.get("part_requires", [])
            if req and _residual(p.label, [pw], generic) and not any(q in p.label for q in req):
                continue
            for w in reversed([x for x in _sentence(rep, p) if x.end <= p.start and x.clause == p.clause]):
                if not _fit_pair(p, w, rep.norm[p.block].text) or not _unit_ok(p, w) or w.index == p.twin or p.index == w.twin:
                    continue
                if w.total is not None and p.total is None:
                    continue  # 其中重大隐患15处 is not the whole of a later 完成整改1180处
                if _has_word(w.label, part_sorted, neg, ordered=True) \
                        or not (ww := _has_word(w.label, whole_sorted, neg, ordered=True)):
                    continue
                if not _scope_ok(p, w) or not _agents_ok(rep, p, pw, w, ww):
                    break
                if not _objects_compatible(_residual(p.label, [pw], generic), _residual(w.label, [ww], generic)):
                    continue
                yield p, w, r.get("name", f"{pw} ≤ {ww}")
                break


def _stated_carry(rep: Report, ms: list[Metric], p: Metric, w: Metric) -> float | None:
    """What a sentence says was carried over from earlier years (上年结转24件, 旧存12件), in base units.

    A part may then exceed its whole by that much: 受理186件，上年结转24件，作出复议决定196件 is right
    (196 ≤ 186 + 24). 0 when the sentence names no carry-over; None (say nothing) when it names one
    without an exact figure in the part's unit.
    """
    words = _conf(rep).get("relation_words", {}).get("carry_over_stated", [])
    text = rep.norm[p.block].text
    sent = _sentence(rep, p)
    a = min(x.start for x in sent)
    while a > 0 and text[a - 1] not in "。！？!?":
        a -= 1
    b = max(x.end for x in sent)
    while b < len(text) and text[b] not in "。！？!?":
        b += 1
    if not any(wd in text[a:b] for wd in words):
        return 0.0
    carried = [x for x in sent if x is not p and x is not w and any(wd in x.label for wd in words)]
    # a carry-over is about an earlier year by definition (上年结转): only its precision matters
    if not carried or not all(x.approx is None and x.period is None and not x.growth and x.value is not None
                              and _unit_ok(x, p) for x in carried):
        return None
    return sum(x.base_hi for x in carried)


def _rate_entry(conf: dict, rate: str) -> dict | None:
    best = None
    for entry in conf.get("rates", []):
        for name in entry.get("names", []):
            if rate.endswith(name) and (best is None or len(name) > best[0]):
                best = (len(name), entry)
    return best[1] if best else None


def _lcs(a: str, b: str) -> int:
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


# Words of a named base (占受理案件总数的…) that name no particular figure: what is left names the base.
_BASE_GENERIC = ("总数", "总量", "总额", "总计", "全部", "所有", "总体", "全年", "本年度", "年内", "案件", "件数",
                 "数量", "的", "总", "数")


def _base_pieces(x: str) -> list[str]:
    """The words of a named base that a figure must name to be that base: 受理案件 → [受理]."""
    pieces = [x]
    for g in _BASE_GENERIC:
        pieces = [q for p in pieces for q in p.split(g)]
    return [q for q in pieces if len(q) >= 2]


def _share_pair(rep: Report, ms: list[Metric], r: Metric) -> tuple[Metric, Metric] | None:
    """(numerator, base) of a share (占p%, 占…的p%).

    A share that names its base (占受理案件的40%, 占审结总数的11.4%) is of a figure whose label names
    that base — every word of it but generic ones (案件, 总数, 的) — and of no other: not the nearest
    figure, not the 其中 total; when no figure names it, the base is not stated and N002 is silent.
    A share that names no base (占75%, 占总数的75%) is of the total of its 其中 breakdown.
    """
    conf = _conf(rep)
    if r.numerator is None:
        return None
    num = ms[r.numerator]
    if not _fit(num):
        return None
    x = clean_label(r.share_of or "")
    if any(w in x for w in conf.get("qualifiers", {}).get("unbounded_share_words", [])):
        return None
    for w in sorted(conf.get("qualifiers", {}).get("scopes", []), key=len, reverse=True):
        x = x.replace(w, "")
    pieces = _base_pieces(x)
    whole = None
    if not pieces:
        whole = ms[num.total] if num.total is not None else None
    else:
        best = None
        for c in _sentence(rep, num):
            if c.end > num.start or c is num or not _fit(c) or not _unit_ok(c, num):
                continue
            if not all(q in c.label for q in pieces):
                continue
            sc = suffix_match(c.label, x, 1)
            if best is None or sc >= best[0]:
                best = (sc, c)
        whole = best[1] if best else None
    if whole is None or not _fit(whole) or not _unit_ok(whole, num) or not _scope_ok(num, whole):
        return None
    return num, whole


def _is_rest(rep: Report, m: Metric) -> bool:
    """A remainder (其余3个正在整改, 剩余24处): never the numerator of a rate."""
    words = _conf(rep).get("breakdowns", {}).get("rest_words", [])
    return any(m.label.startswith(w) for w in words)


def _strict_pair(rep: Report, entry: dict, before: list[Metric], r: Metric) -> tuple[Metric, Metric] | None:
    """Both counts of a rate whose base reports rarely state, when the clause states them for it.

    The clause must read whole, part, rate with nothing between them (应出庭应诉案件85件，负责人出庭
    应诉79件，出庭应诉率95.3%; 其中 before the part is fine). Anything else — a third figure
    (非常满意300人，满意100人), a remainder (其余6件由副职出庭), a part not named as the entry names
    it — leaves the rate alone: its base or its numerator may be figures the text does not state.
    """
    conf = _conf(rep)
    neg = _negations(rep)
    if len(before) < 2:
        return None
    whole, part = before[-2], before[-1]
    if not (_fit(whole) and _fit(part) and _unit_ok(whole, part) and _scope_ok(part, whole)):
        return None
    if whole.total is not None or part.twin is not None or whole.twin is not None or _is_rest(rep, part):
        return None
    if part.total is not None and part.total != whole.index:
        return None
    part_w, whole_w = entry.get("part", []), entry.get("whole", [])
    if any(w in part.label for w in entry.get("part_excludes", [])) or _has_word(part.label, whole_w, neg):
        return None
    if not _has_word(part.label, part_w, neg):
        return None
    ww = _has_word(whole.label, whole_w, neg)
    if not ww or _has_word(_residual(whole.label, whole_w, []), part_w, []):
        return None
    text = rep.norm[r.block].text
    for a, b in ((whole.end, part.start), (part.end, r.start)):
        if _APART_RE.search(text[a:b]):
            return None
    if part.base_lo > whole.base_hi + EPS:
        return None  # a part larger than its whole: not a rate question
    if not _agents_ok(rep, part, None, whole, None):
        return None
    return part, whole


def _rate_pair(rep: Report, ms: list[Metric], r: Metric) -> tuple[Metric, Metric] | None:
    """(numerator, denominator) of a named rate (整改率, 调解成功率 …), or None.

    The numerator is the figure the rate names (整改 → 整改率); a remainder (其余3个正在整改) is never
    it. Rates of ``never_checked_rates`` are checked only through a ``strict`` entry (see
    :func:`_strict_pair`).
    """
    conf = _conf(rep)
    rate = r.rate or ""
    neg = _negations(rep)
    before = [x for x in _sentence(rep, r) if x.end <= r.start and x.clause == r.clause]
    entry = _rate_entry(conf, rate)
    if entry is not None and entry.get("strict"):
        return _strict_pair(rep, entry, before, r)
    if any(rate.endswith(n) for n in conf.get("never_checked_rates", [])):
        return None
    part = whole = None
    if entry is not None:
        for x in reversed(before):
            if _is_rest(rep, x):
                continue
            if _fit(x) and _has_word(x.label, entry.get("part", []), neg):
                part = x
                break
        if part is None:
            return None
        for x in reversed([y for y in before if y.end <= part.start]):
            if x.total is not None and part.total is None:
                continue
            if _fit(x) and _unit_ok(x, part) and not _has_word(x.label, entry.get("part", []), neg) \
                    and _has_word(x.label, entry.get("whole", []), neg):
                whole = x
                break
        if whole is None and part.total is not None:
            whole = ms[part.total]
    else:
        stem = rate
        for suf in sorted(conf.get("qualifiers", {}).get("rate_suffixes", []), key=len, reverse=True):
            if stem.endswith(suf):
                stem = stem[: -len(suf)]
                break
        if len(stem) < 2:
            return None
        for x in reversed(before):
            if x.kind not in ("count", "amount"):
                continue
            lab = x.label
            if not _is_rest(rep, x) and (stem in lab or (_lcs(stem, lab) >= max(4, int(0.6 * len(stem) + 0.5)))):
                part = x
            break  # only the figure right before the rate can be its numerator
        if part is None or not _fit(part) or part.total is None:
            return None
        whole = ms[part.total]
    if whole is None or not _fit(whole) or not _unit_ok(whole, part) or not _scope_ok(part, whole):
        return None
    if not _agents_ok(rep, part, None, whole, None):
        return None
    return part, whole


_KEY_GENERIC = ["案件", "件数", "数量", "总数", "人数", "次数", "金额", "事项", "工作", "活动", "各类", "相关", "的"]


def _metric_key(m: Metric, rep: Report, residual_words: list[str] | None = None,
                metric_words: "re.Pattern[str] | None | bool" = False) -> tuple | None:
    """(label, unit, scope, agent, topic) of a figure that names a metric, else None.
    ``residual_words``: :func:`_key_words` of ``rep``; ``metric_words``: the pack's ``metric_words``
    as one pattern (None when there are none) — when the caller has them."""
    if m.kind not in ("percent", "amount", "count"):
        return None
    conf = _conf(rep)
    label = clean_label(m.label)
    if metric_words is False:
        words = conf.get("conflicts", {}).get("metric_words", [])
        if not any(w in label for w in words):
            return None
    elif metric_words is None or metric_words.search(label) is None:
        return None
    if m.kind == "percent":
        if len(label) < conf.get("conflicts", {}).get("min_rate_label", 6):
            return None
        unit = "%"
    elif m.kind == "amount":
        unit = "amount"
    elif m.kind == "count":
        unit = m.unit
    else:
        return None
    if residual_words is None:
        residual_words = _key_words(rep)
    obj = label
    for w in residual_words:
        obj = obj.replace(w, "")
    if len(obj) < 3:
        return None
    return (label, unit, m.scope, m.agent or m.subject, m.topic)


__all__ = ["Relations", "PartOfWhole", "RateOf", "TableTotal", "relations"]

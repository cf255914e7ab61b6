"""N — numbers and metrics: figures that cannot all be right.

The figures and breakdowns come from :mod:`lawgov_lint.facts.metrics`; the
relations between them are data in ``rules/metrics.toml`` (subset pairs, rate
definitions, category sets). The policy, from SPEC §5: a relation is judged only
between exact, whole-year figures of the same scope that the text itself ties
together (one clause, an explicit 其中 breakdown, "X中，…", 占…%); rounding and
truncation at the displayed precision are both accepted; a denominator is never
inferred. When unsure, N says nothing.

Sources: GB/T 15835—2011 (数字用法); 《法治政府建设与责任落实督察工作规定》第二十五条
(a report states its results truthfully); the 统计 practice of 司法行政 reports.
"""

from __future__ import annotations

import math
import re
from typing import Iterator

from ..document import locate
from ..i18n import Msg, msg
from ..facts.metrics import Metric, clean_label, extract_facts, is_rate_label, metric_conf, suffix_match
from . import Hit, check, rule

SRC = "GB/T 15835—2011《出版物上数字用法》; 《法治政府建设与责任落实督察工作规定》第二十五条 (如实报告)"
EPS = 1e-9

rule("N001", "subset-exceeds-total", "error",
     "A part exceeds its whole: 公开/作出 ≤ 受理, 整改 ≤ 发现, 化解 ≤ 排查, 受理 ≤ 收到, a 其中 item ≤ its total.",
     SRC, fail="全年受理行政处罚案件120件，公开行政处罚决定135件。",
     passes="全年新收行政复议案件40件，审结46件（含上年结转）。",
     why="A subset cannot be larger than the set it is part of; one of the two figures is wrong. 办结/审结 and "
         "复议决定 may exceed 受理/新收 (cases carried over) and are never compared; a carry-over stated in the "
         "sentence (上年结转24件) raises the whole by that much. Pairs are data in rules/metrics.toml. A part and "
         "its whole in one sentence under one partial period (截至11月底) are compared.")
rule("N002", "rate-mismatch", "error",
     "A stated rate or share differs from its stated numerator ÷ denominator beyond rounding and truncation.",
     SRC, fail="提案141件，其中解决采纳125件，占88.8%。（125 ÷ 141 = 88.65%）",
     passes="完成行政执法案件1333件，全过程记录1319件，全过程记录有效率98.94%。（98.949…% truncated）",
     why="Reviewers recompute shares; a share that matches neither the rounded nor the truncated quotient "
         "means a count or the rate is wrong. Only rates whose numerator and denominator are both stated for "
         "them are checked: the numerator is the figure the rate names (never a remainder 其余…), a share that "
         "names its base (占受理案件的…) is of that figure only. 纠错率、败诉率 have bases reports rarely state "
         "and are left alone; 出庭应诉率、满意率、通过率 only when the clause reads whole, part, rate.")
rule("N003", "sum-mismatch", "error",
     "The parts of an exhaustive breakdown do not add up to the total (amounts converted to one unit first), "
     "or disjoint parts exceed it.",
     SRC, fail="共办理合法性审查69件，其中重大行政决策15件，规范性文件5件，其他法律事务40件。",
     passes="共计处罚金额2729750元，其中简易案件累计金额70350元，普通案件累计金额2659400元。",
     why="A breakdown that ends with 其他 or names every category (简易/普通) must add up; distinct categories "
         "can never add up to more than their total. A 其中 list of counts after an amount takes its total "
         "from the sentence before; so does a breakdown into a complete category set that opens the next "
         "sentence (按案件类型分，…) — when exactly one figure there fits.")
rule("N004", "rate-out-of-range", "error",
     "A share or rate outside [0, 100]% (growth rates excluded).",
     SRC, fail="群众满意率达105%。", passes="案件数量同比增长120%。",
     why="A share of a whole cannot exceed the whole. Growth rates and target fulfilment (完成率) may.")
rule("N005", "rate-with-count-unit", "error",
     "A rate written with a count unit (复议纠错率为0件).",
     SRC, fail="复议纠错率为0件。", passes="复议纠错率为0。",
     why="A rate is a ratio (%); a count unit means either the unit or the word 率 is wrong.")
rule("N006", "conflicting-values", "warning",
     "The same metric, with the same scope, stated twice with different values.",
     SRC, fail="全年受理行政复议案件126件。…… 全年受理行政复议案件128件。",
     passes="全年受理行政复议案件126件。…… 截至11月底受理行政复议案件118件。",
     why="Two values for one metric leave the reader to guess which is right. Partial periods, approximations, "
         "其中 items and other scopes are different metrics and are not compared.")


# ---------------------------------------------------------------- helpers

def _conf(ctx) -> dict:
    return ctx.packs["metrics"]


class _Negations(list):
    """The pack's negation words, with the words ending in one that do not negate (接待)."""

    exceptions: tuple[str, ...] = ()


def _negations(ctx) -> _Negations:
    rel = _conf(ctx).get("relation_words", {})
    neg = _Negations(rel.get("negations", []))
    neg.exceptions = tuple(rel.get("negation_exceptions", []))
    return neg


def _has_word(label: str, words: list[str], negations: list[str]) -> str | None:
    """The first of ``words`` in ``label`` not negated (不予受理, 待整改 are not 受理, 整改), or None."""
    for w in sorted(words, key=len, reverse=True):
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
    for w in sorted(set(remove) | set(generic), key=len, reverse=True):
        if w:
            out = out.replace(w, "")
    return out


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


def _agent(ctx, m: Metric, word: str | None) -> str | None:
    """Who did what a figure counts: its subject (before 共), else an organisation named before ``word``."""
    if m.agent:
        return m.agent
    if not word:
        return None
    pos = m.label.find(word)
    prefix = m.label[:pos] if pos > 0 else ""
    agents = _conf(ctx).get("relation_words", {}).get("agents", [])
    if prefix and any(a in prefix for a in agents):
        return prefix
    return None


def _agents_ok(ctx, a: Metric, aw: str | None, b: Metric, bw: str | None) -> bool:
    x, y = _agent(ctx, a, aw), _agent(ctx, b, bw)
    return x is None or y is None or x == y or x.endswith(y) or y.endswith(x)


def _carried_over(ctx, m: Metric) -> bool:
    """The figure says it includes earlier years' cases (含上年结转, 遗留, 积案) in its label or its clause."""
    words = _conf(ctx).get("relation_words", {}).get("carry_over", [])
    text = ctx.report.norm[m.block].text
    tail = text[m.end:]
    if tail.startswith(("（", "(")):
        close = re.search(r"[）)]", tail)
        tail = tail[: close.end()] if close else tail
    else:
        stop = re.search(r"[，,；;。！？!?]", tail)
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
    return bool(text) and not re.search(r"全年|年度|当年|本年", between)


def fmt(m: Metric) -> str:
    """A figure as a reader writes it: 515起, 1254.4万元, 98.94%, 百分之八十."""
    if m.number.startswith("百分之"):
        return m.number
    return f"{m.number}{m.unit}"


def _start(ctx, m: Metric) -> int:
    """Where a diagnostic on a figure starts: at 占 for a share, else at its label."""
    if m.share_of is not None:
        text = ctx.report.norm[m.block].text
        p = text.rfind("占", max(0, m.start - 16), m.start)
        if p >= 0:
            return p
    return min(m.label_start, m.start)


def _quote(ctx, m: Metric) -> str:
    """The figure with its label as written (normalised): “整改率98.5%”, “占88.8%”."""
    text = ctx.report.norm[m.block].text
    return "“" + text[_start(ctx, m):m.end] + "”"


def _num(x: float) -> str:
    if abs(x - round(x)) < 1e-9:
        return str(int(round(x)))
    return f"{x:.4f}".rstrip("0").rstrip(".")


def _hit(ctx, code: str, m: Metric, start: int | None, message: Msg, suggestion: "Msg | str | None" = None,
         end: int | None = None) -> Hit:
    s = m.start if start is None else start
    e = m.end if end is None else end
    s = max(0, min(s, m.start))
    return ctx.hit(code, m.block, s, max(e, s), message, suggestion)


def _where(ctx, m: Metric) -> Msg:
    """Where a figure is, as a reader finds it: line N (text files), else paragraph N."""
    loc = locate(ctx.doc, ctx.doc.blocks[m.block], m.ostart, m.oend)
    if ctx.doc.format in ("txt", "md"):
        return msg("N006.where-line", line=loc.line)
    return msg("N006.where-paragraph", paragraph=loc.block)


def _relation(ctx, name: str) -> "Msg | str":
    """A ``[[subsets]]`` relation's name in the run's language: the catalogue entry
    ``N001.relation.<slug>`` (slug: the English words of the name), else the name as the pack writes it."""
    slug = "-".join(re.findall(r"[a-z]+", name.split("(", 1)[0].lower()))
    mid = f"N001.relation.{slug}"
    entry = ctx.packs["messages"].get(mid) if slug else None
    return msg(mid) if entry and entry.get("en") == name else name


def _sentence(ctx, m: Metric) -> list[Metric]:
    """The figures of ``m``'s sentence, in order (grouped once per report by the facts)."""
    return extract_facts(ctx.report).sentence_of(m)


# ---------------------------------------------------------------- N001

def _subset_pairs(ctx, metrics: list[Metric]) -> Iterator[tuple[Metric, Metric, str]]:
    """(part, whole, relation name) pairs from the pack's ``[[subsets]]`` in one clause."""
    conf = _conf(ctx)
    rel = conf.get("relation_words", {})
    neg = _negations(ctx)
    generic = rel.get("generic", [])
    for r in conf.get("subsets", []):
        part_w, whole_w = r.get("part", []), r.get("whole", [])
        for p in metrics:
            if p.table is not None or not (_fit(p) or p.period is not None) or p.share_of is not None:
                continue
            pw = _has_word(p.label, part_w, neg)
            if not pw:
                continue
            if _carried_over(ctx, p):
                continue
            if any(x in p.label for x in r.get("part_excludes", [])):
                continue
            req = r.get("part_requires", [])
            if req and _residual(p.label, [pw], generic) and not any(q in p.label for q in req):
                continue
            for w in reversed([x for x in _sentence(ctx, p) if x.end <= p.start and x.clause == p.clause]):
                if not _fit_pair(p, w, ctx.report.norm[p.block].text) or not _unit_ok(p, w) or w.index == p.twin or p.index == w.twin:
                    continue
                if w.total is not None and p.total is None:
                    continue  # 其中重大隐患15处 is not the whole of a later 完成整改1180处
                if _has_word(w.label, part_w, neg) or not (ww := _has_word(w.label, whole_w, neg)):
                    continue
                if not _scope_ok(p, w) or not _agents_ok(ctx, p, pw, w, ww):
                    break
                if not _objects_compatible(_residual(p.label, [pw], generic), _residual(w.label, [ww], generic)):
                    continue
                yield p, w, r.get("name", f"{pw} ≤ {ww}")
                break


def _stated_carry(ctx, ms: list[Metric], p: Metric, w: Metric) -> float | None:
    """What a sentence says was carried over from earlier years (上年结转24件, 旧存12件), in base units.

    A part may then exceed its whole by that much: 受理186件，上年结转24件，作出复议决定196件 is right
    (196 ≤ 186 + 24). 0 when the sentence names no carry-over; None (say nothing) when it names one
    without an exact figure in the part's unit.
    """
    words = _conf(ctx).get("relation_words", {}).get("carry_over_stated", [])
    text = ctx.report.norm[p.block].text
    sent = _sentence(ctx, p)
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


@check("N001")
def subset_exceeds_total(ctx) -> Iterator[Hit]:
    facts = extract_facts(ctx.report)
    ms = facts.metrics
    flagged: set[int] = set()
    for p, w, name in _subset_pairs(ctx, ms):
        extra = _stated_carry(ctx, ms, p, w)
        if extra is None:
            continue
        if p.base_lo > w.base_hi + extra + EPS:
            flagged.add(p.index)
            args = dict(part_label=p.label, part=fmt(p), whole_label=w.label, whole=fmt(w),
                        relation=_relation(ctx, name))
            if extra:
                message = msg("N001.part-exceeds-whole-with-carry", carried=f"{_num(extra / w.factor)}{w.unit}",
                              **args)
            else:
                message = msg("N001.part-exceeds-whole", **args)
            yield _hit(ctx, "N001", p, p.label_start, message, msg("N001.check-both.hint"))
    for bd in facts.breakdowns:
        t = ms[bd.total]
        for k in bd.items:
            it = ms[k]
            if k in flagged or not _fit_pair(it, t, ctx.report.norm[it.block].text) or not _scope_ok(it, t):
                continue
            if it.base_lo > t.base_hi + EPS and not _carried_over(ctx, it):
                flagged.add(k)
                yield _hit(ctx, "N001", it, it.label_start,
                           msg("N001.item-exceeds-total", item_label=it.label or msg("N001.the-item"),
                               item=fmt(it), total_label=t.label, total=fmt(t)),
                           msg("N001.check-both.hint"))


# ---------------------------------------------------------------- N002

def _ratio_interval(num: Metric, den: Metric) -> tuple[float, float] | None:
    if den.base_lo <= 0 or not math.isfinite(den.base_hi) or not math.isfinite(num.base_hi):
        return None
    return num.base_lo / den.base_hi * 100, num.base_hi / den.base_lo * 100


def _shown(value: float, decimals: int) -> tuple[str, str]:
    """(rounded, truncated) renderings of a percentage at ``decimals`` places."""
    from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

    q = Decimal(1).scaleb(-decimals)
    d = Decimal(repr(value))
    return str(d.quantize(q, rounding=ROUND_HALF_UP)), str(d.quantize(q, rounding=ROUND_DOWN))


def _decimals(m: Metric) -> int:
    n = m.number
    return len(n.split(".", 1)[1]) if "." in n else 0


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


_TOTAL_WORDS = ("总数", "总量", "总额", "总计", "全部", "所有", "总体")
# Words of a named base (占受理案件总数的…) that name no particular figure: what is left names the base.
_BASE_GENERIC = ("总数", "总量", "总额", "总计", "全部", "所有", "总体", "全年", "本年度", "年内", "案件", "件数",
                 "数量", "的", "总", "数")


def _base_pieces(x: str) -> list[str]:
    """The words of a named base that a figure must name to be that base: 受理案件 → [受理]."""
    pieces = [x]
    for g in _BASE_GENERIC:
        pieces = [q for p in pieces for q in p.split(g)]
    return [q for q in pieces if len(q) >= 2]


def _share_pair(ctx, ms: list[Metric], r: Metric) -> tuple[Metric, Metric] | None:
    """(numerator, base) of a share (占p%, 占…的p%).

    A share that names its base (占受理案件的40%, 占审结总数的11.4%) is of a figure whose label names
    that base — every word of it but generic ones (案件, 总数, 的) — and of no other: not the nearest
    figure, not the 其中 total; when no figure names it, the base is not stated and N002 is silent.
    A share that names no base (占75%, 占总数的75%) is of the total of its 其中 breakdown.
    """
    conf = _conf(ctx)
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
        for c in _sentence(ctx, num):
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


def _is_rest(ctx, m: Metric) -> bool:
    """A remainder (其余3个正在整改, 剩余24处): never the numerator of a rate."""
    words = _conf(ctx).get("breakdowns", {}).get("rest_words", [])
    return any(m.label.startswith(w) for w in words)


def _strict_pair(ctx, entry: dict, before: list[Metric], r: Metric) -> tuple[Metric, Metric] | None:
    """Both counts of a rate whose base reports rarely state, when the clause states them for it.

    The clause must read whole, part, rate with nothing between them (应出庭应诉案件85件，负责人出庭
    应诉79件，出庭应诉率95.3%; 其中 before the part is fine). Anything else — a third figure
    (非常满意300人，满意100人), a remainder (其余6件由副职出庭), a part not named as the entry names
    it — leaves the rate alone: its base or its numerator may be figures the text does not state.
    """
    conf = _conf(ctx)
    neg = _negations(ctx)
    if len(before) < 2:
        return None
    whole, part = before[-2], before[-1]
    if not (_fit(whole) and _fit(part) and _unit_ok(whole, part) and _scope_ok(part, whole)):
        return None
    if whole.total is not None or part.twin is not None or whole.twin is not None or _is_rest(ctx, part):
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
    text = ctx.report.norm[r.block].text
    for a, b in ((whole.end, part.start), (part.end, r.start)):
        if re.search(r"[；;。（(）)]|分别", text[a:b]):
            return None
    if part.base_lo > whole.base_hi + EPS:
        return None  # a part larger than its whole: not a rate question
    if not _agents_ok(ctx, part, None, whole, None):
        return None
    return part, whole


def _rate_pair(ctx, ms: list[Metric], r: Metric) -> tuple[Metric, Metric] | None:
    """(numerator, denominator) of a named rate (整改率, 调解成功率 …), or None.

    The numerator is the figure the rate names (整改 → 整改率); a remainder (其余3个正在整改) is never
    it. Rates of ``never_checked_rates`` are checked only through a ``strict`` entry (see
    :func:`_strict_pair`).
    """
    conf = _conf(ctx)
    rate = r.rate or ""
    neg = _negations(ctx)
    before = [x for x in _sentence(ctx, r) if x.end <= r.start and x.clause == r.clause]
    entry = _rate_entry(conf, rate)
    if entry is not None and entry.get("strict"):
        return _strict_pair(ctx, entry, before, r)
    if any(rate.endswith(n) for n in conf.get("never_checked_rates", [])):
        return None
    part = whole = None
    if entry is not None:
        for x in reversed(before):
            if _is_rest(ctx, x):
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
            if not _is_rest(ctx, x) and (stem in lab or (_lcs(stem, lab) >= max(4, int(0.6 * len(stem) + 0.5)))):
                part = x
            break  # only the figure right before the rate can be its numerator
        if part is None or not _fit(part) or part.total is None:
            return None
        whole = ms[part.total]
    if whole is None or not _fit(whole) or not _unit_ok(whole, part) or not _scope_ok(part, whole):
        return None
    if not _agents_ok(ctx, part, None, whole, None):
        return None
    return part, whole


@check("N002")
def rate_mismatch(ctx) -> Iterator[Hit]:
    facts = extract_facts(ctx.report)
    ms = facts.metrics
    for r in ms:
        if r.kind != "percent" or r.table is not None or not r.plain:
            continue
        if r.share_of is not None:
            pair = _share_pair(ctx, ms, r)
        elif r.rate:
            pair = _rate_pair(ctx, ms, r)
        else:
            pair = None
        if pair is None:
            continue
        num, den = pair
        iv = _ratio_interval(num, den)
        if iv is None:
            continue
        qlo, qhi = iv
        bad = qhi < r.lo - 1e-7 or qlo > r.hi + 1e-7
        if r.number in ("100",) and num.base_hi < den.base_lo - EPS:
            bad = True
        if r.number in ("0",) and num.base_lo > EPS:
            bad = True
        if not bad:
            continue
        exact = num.value * num.factor / (den.value * den.factor) * 100 if den.value else float("nan")
        d = _decimals(r)
        rounded, truncated = _shown(exact, d)
        shown = (msg("N002.shown-at-precision", rounded=rounded) if rounded == truncated
                 else msg("N002.shown-rounded-truncated", rounded=rounded, truncated=truncated))
        quote = _quote(ctx, r)
        yield _hit(ctx, "N002", r, _start(ctx, r),
                   msg("N002.rate-mismatch", stated=quote, num_label=num.label, num=fmt(num),
                       den_label=den.label, den=fmt(den), exact=f"{exact:.{d + 2}f}", shown=shown),
                   quote[1:-1].replace(r.number, rounded, 1) if r.number in quote
                   else msg("N002.rate-or-count.hint", rounded=rounded))


# ---------------------------------------------------------------- N003

@check("N003")
def sum_mismatch(ctx) -> Iterator[Hit]:
    facts = extract_facts(ctx.report)
    ms = facts.metrics
    for bd in facts.breakdowns:
        t = ms[bd.total]
        items = [ms[k] for k in bd.items]
        if len(items) < 2 or not all(_fit_pair(x, t, ctx.report.norm[x.block].text) and _unit_ok(x, t)
                                     for x in items):
            continue
        if any(x.base_lo > t.base_hi + EPS for x in items):
            continue  # an item alone exceeds the total: N001 says so
        disjoint = bd.disjoint
        lo = sum(x.base_lo for x in items)
        hi = sum(x.base_hi for x in items)
        parts = " + ".join(fmt(x) for x in items)
        same = [x for x in items if x.block == t.block]
        start = min([t.label_start, t.start] + [x.label_start for x in same])
        end = max([t.end] + [x.end for x in same])
        name = t.label or t.total_label or msg("N003.the-total")
        if bd.exhaustive and (hi < t.base_lo - 1e-6 or lo > t.base_hi + 1e-6):
            total_txt = _num(sum(x.value * x.factor for x in items) / t.factor)
            yield _hit(ctx, "N003", t, start,
                       msg("N003.parts-not-total", total_label=name, total=fmt(t), sum=f"{total_txt}{t.unit}",
                           parts=parts, reason=bd.reason or ""),
                       msg("N003.total-or-parts.hint"), end=end)
        elif disjoint and lo > t.base_hi + 1e-6:
            total_txt = _num(sum(x.value * x.factor for x in items) / t.factor)
            yield _hit(ctx, "N003", t, start,
                       msg("N003.parts-exceed-total", total_label=name, total=fmt(t), sum=f"{total_txt}{t.unit}",
                           parts=parts),
                       msg("N003.total-or-parts.hint"), end=end)
    yield from _table_totals(ctx, ms)


def _table_totals(ctx, ms: list[Metric]) -> Iterator[Hit]:
    conf = _conf(ctx).get("tables", {})
    total_rows = conf.get("total_rows", [])
    skip_rows = conf.get("skip_rows", [])
    cols: dict[tuple[int, int], list[Metric]] = {}
    for m in ms:
        if m.table is not None:
            cols.setdefault((m.table[0], m.table[2]), []).append(m)
    rep = ctx.report
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
        s = sum(x.value * x.factor for x in parts)
        if abs(s - tot.value * tot.factor) > 1e-6 * max(1.0, abs(s)) and (s < tot.base_lo - 1e-6 or s > tot.base_hi + 1e-6):
            yield _hit(ctx, "N003", tot, tot.start,
                       msg("N003.table-total", row=row_label[tot.table[1]], table=t, column=c,
                           total=fmt(tot) or tot.number, sum=f"{_num(s / tot.factor)}{tot.unit}"),
                       msg("N003.total-or-rows.hint"))


# ---------------------------------------------------------------- N004 / N005

@check("N004")
def rate_out_of_range(ctx) -> Iterator[Hit]:
    q = _conf(ctx).get("qualifiers", {})
    unbounded = q.get("unbounded_rates", [])
    unbounded_share = q.get("unbounded_share_words", [])
    for m in extract_facts(ctx.report).metrics:
        if m.kind != "percent" or m.unit == "‰" or m.growth or m.approx or m.value is None:
            continue
        if m.respectively == "unpaired":
            continue
        if m.share_of is None and not m.rate:
            continue
        name = m.rate or m.label
        if any(name.endswith(u) or u in name for u in unbounded):
            continue
        if m.share_of is not None and any(w in m.share_of for w in unbounded_share):
            continue
        if m.lo > 100 + EPS:
            yield _hit(ctx, "N004", m, _start(ctx, m),
                       msg("N004.over-100", stated=_quote(ctx, m)),
                       msg("N004.check-figure.hint"))


@check("N005")
def rate_with_count_unit(ctx) -> Iterator[Hit]:
    conf = metric_conf(ctx.report)
    for m in extract_facts(ctx.report).metrics:
        if m.kind not in ("count", "amount") or m.table is not None or m.respectively == "unpaired":
            continue
        if not is_rate_label(m.label, conf):
            continue
        yield _hit(ctx, "N005", m, m.label_start,
                   msg("N005.rate-with-count-unit", label=m.label, figure=fmt(m), unit=m.unit),
                   f"{m.label}为{m.number}%" if m.number in ("0", "100") else msg("N005.percent-or-count.hint"))


# ---------------------------------------------------------------- N006

def _metric_key(m: Metric, ctx) -> tuple | None:
    conf = _conf(ctx)
    rel = conf.get("relation_words", {})
    label = clean_label(m.label)
    words = conf.get("conflicts", {}).get("metric_words", [])
    if not any(w in label for w in words):
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
    verbs = rel.get("stage_verbs", []) + ["完成", "开展", "组织", "实施", "参与", "提供", "办理", "作出", "做出"]
    obj = _residual(label, verbs, ["案件", "件数", "数量", "总数", "人数", "次数", "金额", "事项", "工作", "活动",
                                   "各类", "相关", "的"])
    if len(obj) < 3:
        return None
    return (label, unit, m.scope, m.agent or m.subject, m.topic)


@check("N006")
def conflicting_values(ctx) -> Iterator[Hit]:
    ms = extract_facts(ctx.report).metrics
    twinned = {x.twin for x in ms if x.twin is not None}
    groups: dict[tuple, list[Metric]] = {}
    for m in ms:
        if m.table is not None or not m.plain or m.plan or m.total is not None or m.after_qizhong:
            continue
        if m.respectively or m.share_of is not None or m.twin is not None:
            continue
        if m.index in twinned:
            continue
        key = _metric_key(m, ctx)
        if key is not None:
            groups.setdefault(key, []).append(m)
    for key, group in groups.items():
        if len(group) != 2:
            continue  # a label used three times or more names different things
        a, b = group
        if a.sentence == b.sentence:
            continue  # twice in one sentence: two contexts the text distinguishes in a way we do not read
        if b.base_hi < a.base_lo - 1e-6 or b.base_lo > a.base_hi + 1e-6:
            yield _hit(ctx, "N006", b, b.label_start,
                       msg("N006.conflicting-values", label=b.label, here=fmt(b), other=fmt(a),
                           where=_where(ctx, a)),
                       msg("N006.one-value.hint"))

"""N — numbers and metrics: figures that cannot all be right.

The figures and breakdowns come from :mod:`lawgov_lint.facts.metrics`, the relations between them
(part and whole, a rate and its counts, a breakdown and its total, one metric stated twice) from
:mod:`lawgov_lint.facts.relations`; the relation words are data in ``rules/metrics.toml``. These
checks only judge: a part larger than its whole, a rate that matches neither the rounded nor the
truncated quotient, parts that do not add up, a rate over 100% or with a count unit, two values for
one metric. The policy, from SPEC §5: only exact, whole-year figures of one scope that the text ties
together are related; rounding and truncation at the displayed precision are both accepted; a
denominator is never inferred. When unsure, N says nothing.

Messages are catalogue entries ``N00x.*`` (``rules/messages.n.toml``).

Sources: GB/T 15835—2011 (数字用法); 《法治政府建设与责任落实督察工作规定》第二十五条
(a report states its results truthfully); the 统计 practice of 司法行政 reports.
"""

from __future__ import annotations

import math
import re
from typing import Iterator

from ..document import locate
from ..facts.metrics import Metric, extract_facts, is_rate_label, metric_conf
from ..facts.relations import relations
from ..i18n import Msg, msg
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


# ---------------------------------------------------------------- N001

@check("N001")
def subset_exceeds_total(ctx) -> Iterator[Hit]:
    ms = extract_facts(ctx.report).metrics
    rel = relations(ctx.report)
    flagged: set[int] = set()
    for pw in rel.parts:
        p, w, extra = ms[pw.part], ms[pw.whole], pw.carried
        if p.base_lo > w.base_hi + extra + EPS:
            flagged.add(p.index)
            args = dict(part_label=p.label, part=fmt(p), whole_label=w.label, whole=fmt(w),
                        relation=_relation(ctx, pw.relation))
            if extra:
                message = msg("N001.part-exceeds-whole-with-carry", carried=f"{_num(extra / w.factor)}{w.unit}",
                              **args)
            else:
                message = msg("N001.part-exceeds-whole", **args)
            yield _hit(ctx, "N001", p, p.label_start, message, msg("N001.check-both.hint"))
    for k, total in rel.items:
        it, t = ms[k], ms[total]
        if k not in flagged and it.base_lo > t.base_hi + EPS:
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



@check("N002")
def rate_mismatch(ctx) -> Iterator[Hit]:
    ms = extract_facts(ctx.report).metrics
    for ro in relations(ctx.report).rates:
        r, num, den = ms[ro.rate], ms[ro.numerator], ms[ro.denominator]
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
    ms = extract_facts(ctx.report).metrics
    rel = relations(ctx.report)
    for bd in rel.sums:
        t = ms[bd.total]
        items = [ms[k] for k in bd.items]
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
    for tt in rel.table_totals:
        tot, parts_ = ms[tt.total], [ms[k] for k in tt.parts]
        s = sum(x.value * x.factor for x in parts_)
        if abs(s - tot.value * tot.factor) > 1e-6 * max(1.0, abs(s)) and (s < tot.base_lo - 1e-6 or s > tot.base_hi + 1e-6):
            yield _hit(ctx, "N003", tot, tot.start,
                       msg("N003.table-total", row=tt.row, table=tt.table, column=tt.column,
                           total=fmt(tot) or tot.number, sum=f"{_num(s / tot.factor)}{tot.unit}"),
                       msg("N003.total-or-rows.hint"))


# ---------------------------------------------------------------- N004 / N005

@check("N004")
def rate_out_of_range(ctx) -> Iterator[Hit]:
    q = ctx.packs["metrics"].get("qualifiers", {})
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

@check("N006")
def conflicting_values(ctx) -> Iterator[Hit]:
    ms = extract_facts(ctx.report).metrics
    for i, j in relations(ctx.report).restatements:
        a, b = ms[i], ms[j]
        if b.base_hi < a.base_lo - 1e-6 or b.base_lo > a.base_hi + 1e-6:
            yield _hit(ctx, "N006", b, b.label_start,
                       msg("N006.conflicting-values", label=b.label, here=fmt(b), other=fmt(a),
                           where=_where(ctx, a)),
                       msg("N006.one-value.hint"))

"""Metrics: every figure of the report proper with its label, unit and qualifiers.

A *figure* (:class:`Metric`, 统计数字) is a number as written with its unit —
``515起``, ``1.2万件``, ``三百余人次``, ``98.94%``, ``5286.34万元`` — read from the
normalised text of a paragraph or from a docx table cell. Each figure carries:

* ``value``: the number in the written unit, numeral multipliers applied
  (``1.2万件`` → 12000 件; ``5286.34万元`` stays 5286.34 万元, money is converted
  only for comparisons through :attr:`Metric.factor`);
* ``lo``/``hi``: the interval the true value lies in given the displayed
  precision — rounding *or* truncation at the last shown digit (``98.94%`` →
  [98.935, 98.95)); exact integers are points; approximations (余 多 近 约 以上 …)
  are inequalities and make every relation check silent;
* ``label``: the noun phrase naming what is counted (``受理行政处罚案件``);
* qualifiers: scope (全区, 区级), partial period (1-11月, 截至10月底), another
  year, topic (在食品药品领域), growth (同比增长), plan section, 其中 membership,
  分别 pairing.

Sentences (split at 。！？) and clauses (split at ；) bound every relation; a
sentence that starts with 其中 continues the previous one. 其中 breakdowns and
"X中，…" breakdowns are resolved here into :class:`Breakdown` values, so that
the N checks (``lawgov_lint.checks.numbers``) only judge relations.

Modules: :mod:`.model` (the values), :mod:`.packs` (the compiled pack), :mod:`.text` (sentences,
clauses, spans), :mod:`.labels`, :mod:`.scan` (figures and qualifiers of running text),
:mod:`.breakdowns`, :mod:`.tables` (table cells); this module runs them once per report.

Policy lives in ``rules/metrics.toml`` (units, approximation words, fixed
expressions, scope words, relation words). Chinese numerals are read with
``cn2an``. Source for the written forms: GB/T 15835—2011 (数字用法).
"""

from __future__ import annotations

from typing import Any

from ... import recache
from ...structure import Report
from .model import _CN_ALL, Breakdown, Metric, MetricFacts
from .packs import _conf, metric_conf
from .labels import clean_label, is_rate_label, suffix_match
from .scan import _extract_text_block
from .breakdowns import _breakdowns, _next_sentence, _parenthetical, _sum_lines
from .tables import _extract_tables


# ---------------------------------------------------------------- entry points

_DIGIT_OR_CN = recache.compile(f"[0-9{_CN_ALL}]")  # str.isdigit also holds for ① ² …: asked only when this fails

def extract_facts(rep: Report) -> MetricFacts:
    """All figures and breakdowns of the report proper (computed once, kept in ``rep.cache``)."""
    facts = rep.cache.get("metrics")
    if facts is not None:
        return facts
    conf = _conf(rep)
    metrics: list[Metric] = []
    skip = set(rep.title_blocks)
    if rep.signing is not None:
        skip.add(rep.signing.block)
    sent_base = 0
    clause_base = 0
    for i in rep.body_range():
        if i in skip or rep.doc.blocks[i].in_table:
            continue
        t = rep.norm[i].text
        if not t or not (_DIGIT_OR_CN.search(t) or any(map(str.isdigit, t))):
            continue
        _extract_text_block(rep, i, conf, metrics, [sent_base, clause_base])
        sent_base += len(t) + 1
        clause_base += len(t) + 1
    _extract_tables(rep, conf, metrics)
    breakdowns = _breakdowns(rep, metrics, conf)
    _parenthetical(rep, metrics, breakdowns, conf)
    _sum_lines(rep, metrics, breakdowns)
    _next_sentence(rep, metrics, breakdowns, conf)
    sentences: dict[tuple[int, int], list[Metric]] = {}
    for x in metrics:
        if x.table is None:
            sentences.setdefault((x.block, x.sentence), []).append(x)
    facts = MetricFacts(metrics, breakdowns, sentences)
    rep.cache["metrics"] = facts
    return facts


def extract_metrics(rep: Report) -> list[Metric]:
    """Every figure of the report proper, in reading order (text first, then table cells).

    Returns:
        Metric values; ``Metric.as_dict(doc)`` gives the JSON ``facts.metrics`` entry.
    """
    return extract_facts(rep).metrics


def metrics_dicts(rep: Report) -> list[dict[str, Any]]:
    """``facts.metrics`` for the JSON output (SPEC §7)."""
    return [m.as_dict(rep.doc) for m in extract_metrics(rep)]


__all__ = ["Metric", "Breakdown", "MetricFacts", "extract_metrics", "extract_facts", "metrics_dicts",
           "clean_label", "is_rate_label", "suffix_match", "metric_conf"]

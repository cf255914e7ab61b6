"""The ``metrics`` rule pack compiled for reading figures: units and their factors, approximation
words, fixed expressions, scopes, partial periods, growth words, rate suffixes, category sets.

Compiled once per report and kept in ``rep.cache`` (no module state): see :func:`metric_conf`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...structure import Report


@dataclass(slots=True)
class _Conf:
    units: list[tuple[str, str, float]]  # (unit, kind, factor), longest first
    money: dict[str, float]
    approx_before: list[str]
    approx_middle: list[str]
    approx_after: list[str]
    fixed: list[str]
    scopes: list[str]
    partial: list[re.Pattern[str]]
    growth: re.Pattern[str] | None
    rate_suffixes: list[str]
    not_rates: list[str]
    fillers: list[str]
    copulas: list[str]
    stage_verbs: list[str]
    agents: list[str]
    rest_words: list[str]
    partitions: list[dict]
    tables: dict
    raw: dict


def _desc(words) -> list[str]:
    return sorted(set(words), key=lambda w: (-len(w), w))


def _conf(rep: Report) -> _Conf:
    """The metrics pack of ``rep`` compiled (computed once per report, kept in ``rep.cache``)."""
    conf = rep.cache.get("metrics.conf")
    if conf is not None:
        return conf
    m = rep.packs["metrics"]
    u = m.get("units", {})
    units: list[tuple[str, str, float]] = []
    for w in u.get("count", []):
        units.append((w, "count", 1.0))
    money = {k: float(v) for k, v in u.get("money", {}).items()}
    for w, f in money.items():
        units.append((w, "amount", f))
    for w in u.get("percent", []):
        units.append((w, "percent", 1.0))
    for w in u.get("points", []):
        units.append((w, "points", 1.0))
    for w in u.get("measure", []):
        units.append((w, "measure", 1.0))
    units.sort(key=lambda x: (-len(x[0]), x[0]))
    ap = m.get("approximations", {})
    q = m.get("qualifiers", {})
    partial_src = list(rep.packs["report"].get("dates", {}).get("partial_periods", [])) + list(q.get("partial_periods", []))
    partial = []
    for p in partial_src:
        try:
            partial.append(re.compile(p))
        except re.error:
            continue
    growth_words = _desc(q.get("growth", []))
    level = "".join(re.escape(s) for s in q.get("growth_level_suffixes", []))
    growth = None
    if growth_words:
        alts = "|".join(re.escape(w) if w not in ("增加",) else r"(?<!新)增加" for w in growth_words)
        growth = re.compile(rf"(?:{alts})" + (rf"(?![{level}])" if level else ""))
    rel = m.get("relation_words", {})
    conf = _Conf(
        units=units,
        money=money,
        approx_before=_desc(ap.get("before", [])),
        approx_middle=_desc(ap.get("middle", [])),
        approx_after=_desc(ap.get("after", [])),
        fixed=_desc(m.get("fixed_expressions", {}).get("phrases", [])),
        scopes=_desc(q.get("scopes", [])),
        partial=partial,
        growth=growth,
        rate_suffixes=_desc(q.get("rate_suffixes", [])),
        not_rates=_desc(q.get("not_rates", [])),
        fillers=_desc(q.get("label_fillers", [])),
        copulas=_desc(q.get("copulas", [])),
        stage_verbs=_desc(rel.get("stage_verbs", [])),
        agents=_desc(rel.get("agents", [])),
        rest_words=_desc(m.get("breakdowns", {}).get("rest_words", [])),
        partitions=list(m.get("partitions", [])),
        tables=dict(m.get("tables", {})),
        raw=m,
    )
    rep.cache["metrics.conf"] = conf
    return conf


def metric_conf(rep: Report) -> "_Conf":
    """The compiled reading policy (units, rate words, …) of ``rep``'s metrics pack."""
    return _conf(rep)

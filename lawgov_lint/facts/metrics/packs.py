"""The ``metrics`` rule pack compiled for reading figures: units and their factors, approximation
words, fixed expressions, scopes, partial periods, growth words, rate suffixes, category sets.

Compiled once per :class:`~lawgov_lint.packs.Packs` value (a weak mapping keyed on it, so one run's
extra packs never reach another's) and looked up once per report: see :func:`metric_conf`.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field

from ...packs import Packs
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
    # indexes of the lists above, same order within a key (built by _index): a scan asks only the
    # words that can match where it stands instead of all of them
    unit_at: dict[str, list[tuple[str, str, float]]] = field(default_factory=dict)  # first char → units
    unit_kind: dict[str, tuple[str, float]] = field(default_factory=dict)  # unit → (kind, factor), first wins
    middle_at: dict[str, list[str]] = field(default_factory=dict)  # first char → approx_middle
    after_at: dict[str, list[str]] = field(default_factory=dict)  # first char → approx_after
    before_end: dict[str, list[str]] = field(default_factory=dict)  # last char → approx_before
    fillers_at: dict[str, list[str]] = field(default_factory=dict)  # first char → fillers
    fillers_end: dict[str, list[str]] = field(default_factory=dict)  # last char → fillers
    copulas_end: dict[str, list[str]] = field(default_factory=dict)  # last char → copulas
    scopes_at: dict[str, list[str]] = field(default_factory=dict)  # first char → scopes
    # any partial period / fixed expression at all (one search, None when the patterns cannot be joined):
    # a text none of them matches is not searched pattern by pattern
    partial_any: re.Pattern[str] | None = None
    fixed_any: re.Pattern[str] | None = None


def _desc(words) -> list[str]:
    return sorted(set(words), key=lambda w: (-len(w), w))


def _by_char(words, last: bool = False) -> dict[str, list]:
    """``words`` (strings, or tuples whose first item is the word) grouped by their first (or last)
    character, in their order: the words that can start (end) at a character, tried in that order."""
    out: dict[str, list] = {}
    for w in words:
        word = w if isinstance(w, str) else w[0]
        if word:
            out.setdefault(word[-1] if last else word[0], []).append(w)
    return out


_BACKREF = re.compile(r"\\[1-9]|\(\?P=|^\(\?[aiLmsux]+\)")


def _any_of(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One pattern that matches where any of ``patterns`` does (a quick "none here" test); None when
    they cannot be joined faithfully (back-references, global flags, clashing group names)."""
    if not patterns or any(p.flags & ~re.UNICODE or _BACKREF.search(p.pattern) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))
    except re.error:
        return None


def _index(conf: "_Conf") -> None:
    """Fill the lookup indexes of ``conf`` from its word lists."""
    conf.unit_at = _by_char(conf.units)
    for u, kind, factor in conf.units:
        conf.unit_kind.setdefault(u, (kind, factor))
    conf.middle_at = _by_char(conf.approx_middle)
    conf.after_at = _by_char(conf.approx_after)
    conf.before_end = _by_char(conf.approx_before, last=True)
    conf.fillers_at = _by_char(conf.fillers)
    conf.fillers_end = _by_char(conf.fillers, last=True)
    conf.copulas_end = _by_char(conf.copulas, last=True)
    conf.scopes_at = _by_char(conf.scopes)
    conf.partial_any = _any_of(conf.partial)
    if conf.fixed and all(conf.fixed):
        conf.fixed_any = re.compile("|".join(re.escape(w) for w in conf.fixed))


_BY_PACKS: "weakref.WeakKeyDictionary[Packs, _Conf]" = weakref.WeakKeyDictionary()


def _conf(rep: Report) -> _Conf:
    """The metrics pack of ``rep`` compiled: once per :class:`Packs` value (kept with it, gone with
    it), looked up once per report (kept in ``rep.cache``)."""
    conf = rep.cache.get("metrics.conf")
    if conf is not None:
        return conf
    packs = rep.packs
    try:
        conf = _BY_PACKS.get(packs)
    except TypeError:  # not weakly referable: compiled for this report only
        packs = None
    if conf is None:
        conf = _compile(packs if packs is not None else rep.packs)
        if packs is not None:
            _BY_PACKS[packs] = conf
    rep.cache["metrics.conf"] = conf
    return conf


def _compile(packs: Packs) -> _Conf:
    """The metrics pack of ``packs`` compiled for reading figures."""
    m = packs["metrics"]
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
    partial_src = list(packs["report"].get("dates", {}).get("partial_periods", [])) + list(q.get("partial_periods", []))
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
    _index(conf)
    return conf


def metric_conf(rep: Report) -> "_Conf":
    """The compiled reading policy (units, rate words, …) of ``rep``'s metrics pack."""
    return _conf(rep)

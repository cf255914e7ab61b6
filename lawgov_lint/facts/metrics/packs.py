"""The ``metrics`` rule pack compiled for reading figures: units and their factors, approximation
words, fixed expressions, scopes, partial periods, growth words, rate suffixes, category sets.

Compiled once per :class:`~lawgov_lint.packs.Packs` value (a weak mapping keyed on it, so one run's
extra packs never reach another's) and looked up once per report: see :func:`metric_conf`.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field

try:  # CPython's regular-expression parser, for the literal strings a pattern needs (a filter only)
    from re import _constants as _sre_c, _parser as _sre_parse
except ImportError:  # pragma: no cover - another implementation: no filter
    _sre_c = _sre_parse = None

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
    # a partial period at the start of a label / any fixed expression at all (one match or search, None
    # when the patterns cannot be joined): a label none of them starts is not tried pattern by pattern
    partial_any: re.Pattern[str] | None = None
    # the partial periods look nowhere right of their match ($, \b, lookahead): one that matches in
    # the start of a sentence matches in the whole sentence, so a sentence without one is searched once
    partial_leftward: bool = False
    # literal strings one of which every partial period contains (None: unknown): a sentence with none
    # of them has no partial period, found without trying the patterns
    partial_needs: re.Pattern[str] | None = None
    # the same for each pattern of ``partial``: groups of strings, its every match has one of each group
    # (None: unknown)
    partial_each: list[tuple[tuple[str, ...], ...] | None] = field(default_factory=list)
    fixed_any: re.Pattern[str] | None = None
    scopes_any: re.Pattern[str] | None = None
    stage_any: re.Pattern[str] | None = None  # any stage verb
    not_rates_t: tuple[str, ...] = ()  # not_rates and rate_suffixes as tuples, for str.endswith
    rate_suffixes_t: tuple[str, ...] = ()
    verbless: list[str] = field(default_factory=list)  # stage verbs, then carry-over words (longest first)
    next_leads: tuple[str, ...] = ()  # breakdowns.next_sentence_leads, longest first


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


def _needed(seq) -> list[str] | None:
    """Strings one of which every match of the parsed pattern ``seq`` contains (the longest literal
    run it cannot do without, or the alternatives of a branch or a small character class), None
    when it needs none that can be named. A quick filter only: never used to decide a match."""
    cands = _candidates(seq)
    if not cands:
        return None
    # the rarest: long strings, few of them, the later (a date phrase ends in its head word: 以来, 月)
    return max(cands, key=lambda kc: (min(map(len, kc[1])), -len(kc[1]), kc[0]))[1]


def _candidates(seq) -> list[tuple[int, list[str]]]:
    """Every (position, strings) of the parsed pattern ``seq`` one of which each match contains."""
    c = _sre_c
    cands: list[tuple[int, list[str]]] = []
    run = ""
    for k, (op, av) in enumerate(list(seq) + [(None, None)]):
        if op is c.LITERAL:
            run += chr(av)
            continue
        if run:
            cands.append((k, [run]))
            run = ""
        got = None
        if op is c.IN:
            chars: list[str] | None = []
            for iop, iav in av:
                if iop is c.LITERAL:
                    chars.append(chr(iav))
                elif iop is c.RANGE and iav[1] - iav[0] < 16:
                    chars.extend(map(chr, range(iav[0], iav[1] + 1)))
                else:
                    chars = None
                    break
            got = chars or None
        elif op is c.SUBPATTERN and not av[1] and not av[2]:
            got = _needed(av[-1])
        elif op is c.BRANCH:
            alts = [_needed(a) for a in av[1]]
            got = [w for a in alts for w in a] if all(alts) else None
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            got = _needed(av[2])
        if got:
            cands.append((k, got))
    return cands


def _needs_each(patterns: list[re.Pattern[str]]) -> list[tuple[tuple[str, ...], ...] | None]:
    """For each of ``patterns``, groups of literal strings such that its every match contains one
    string of each group, the rarest group first (None: unknown)."""
    out: list[tuple[tuple[str, ...], ...] | None] = []
    for p in patterns:
        groups = None
        if _sre_parse is not None and not p.flags & ~re.UNICODE:
            try:
                seq = _sre_parse.parse(p.pattern)
                best = _needed(seq)
                if best:
                    groups = (tuple(best),) + tuple(tuple(g) for _, g in _candidates(seq) if g != best)
            except Exception:  # noqa: BLE001 - the parser is CPython's own: any surprise only loses the filter
                groups = None
        out.append(groups)
    return out


def _needs_any(each: list[tuple[tuple[str, ...], ...] | None]) -> re.Pattern[str] | None:
    """A pattern of the strings of the first group of each of ``each`` (:func:`_needs_each`): a text
    (or a prefix of it) without any of them matches none of the patterns. None when some pattern
    needs none we can name."""
    if not each or any(need is None for need in each):
        return None
    words = {w for need in each for w in need[0]}
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))))


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
    conf.partial_each = _needs_each(conf.partial)
    conf.partial_needs = _needs_any(conf.partial_each)
    conf.partial_leftward = bool(conf.partial) and not any(
        k in p.pattern for p in conf.partial for k in ("$", "\\b", "\\B", "\\Z", "(?=", "(?!"))
    if conf.fixed and all(conf.fixed):
        conf.fixed_any = re.compile("|".join(re.escape(w) for w in conf.fixed))
    if conf.scopes and all(conf.scopes):
        conf.scopes_any = re.compile("|".join(re.escape(w) for w in conf.scopes))
    if conf.stage_verbs and all(conf.stage_verbs):
        conf.stage_any = re.compile("|".join(re.escape(w) for w in conf.stage_verbs))
    conf.not_rates_t = tuple(conf.not_rates)
    conf.verbless = conf.stage_verbs + _desc(conf.raw.get("relation_words", {}).get("carry_over", []))
    conf.next_leads = tuple(_desc(conf.raw.get("breakdowns", {}).get("next_sentence_leads", [])))
    conf.rate_suffixes_t = tuple(conf.rate_suffixes)


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

"""The ``metrics`` rule pack compiled for reading figures: units and their factors, approximation
words, fixed expressions, scopes, partial periods, growth words, rate suffixes, category sets.

Compiled once per :class:`~lawgov_lint.packs.Packs` value (a weak mapping keyed on it, so one run's
extra packs never reach another's) and looked up once per report: see :func:`metric_conf`.
"""

from __future__ import annotations

import re

from ... import recache
from ...packs import Packs, per_packs
from ...structure import Report


class _Conf:
    """The metrics pack compiled for reading figures: the word lists, then lookup indexes of them that
    :func:`_index` fills. One per :class:`Packs` (a plain class: a 38-field dataclass costs ~1.2 ms to
    define on every cold run, for a value that is built once and never compared or printed)."""

    __slots__ = (
        "units", "money", "approx_before", "approx_middle", "approx_after", "fixed", "scopes", "partial", "growth",
        "rate_suffixes", "not_rates", "fillers", "copulas", "stage_verbs", "agents", "rest_words", "partitions",
        "tables", "raw",
        "unit_at", "unit_kind", "middle_at", "after_at", "before_end", "fillers_at", "fillers_end", "copulas_end",
        "scopes_at", "partial_leftward", "partial_needs", "partial_each", "fixed_any", "scopes_any", "stage_any",
        "not_rates_t", "rate_suffixes_t", "verbless", "next_leads",
    )

    def __init__(self, *, units: list[tuple[str, str, float]], money: dict[str, float], approx_before: list[str],
                 approx_middle: list[str], approx_after: list[str], fixed: list[str], scopes: list[str],
                 partial: list[re.Pattern[str]], growth: re.Pattern[str] | None, rate_suffixes: list[str],
                 not_rates: list[str], fillers: list[str], copulas: list[str], stage_verbs: list[str],
                 agents: list[str], rest_words: list[str], partitions: list[dict], tables: dict, raw: dict) -> None:
        self.units = units  # (unit, kind, factor), longest first
        self.money = money
        self.approx_before = approx_before
        self.approx_middle = approx_middle
        self.approx_after = approx_after
        self.fixed = fixed
        self.scopes = scopes
        self.partial = partial
        self.growth = growth
        self.rate_suffixes = rate_suffixes
        self.not_rates = not_rates
        self.fillers = fillers
        self.copulas = copulas
        self.stage_verbs = stage_verbs
        self.agents = agents
        self.rest_words = rest_words
        self.partitions = partitions
        self.tables = tables
        self.raw = raw
        # indexes of the lists above, same order within a key (built by _index): a scan asks only the
        # words that can match where it stands instead of all of them
        self.unit_at: dict[str, list[tuple[str, str, float]]] = {}  # first char → units
        self.unit_kind: dict[str, tuple[str, float]] = {}  # unit → (kind, factor), first wins
        self.middle_at: dict[str, list[str]] = {}  # first char → approx_middle
        self.after_at: dict[str, list[str]] = {}  # first char → approx_after
        self.before_end: dict[str, list[str]] = {}  # last char → approx_before
        self.fillers_at: dict[str, list[str]] = {}  # first char → fillers
        self.fillers_end: dict[str, list[str]] = {}  # last char → fillers
        self.copulas_end: dict[str, list[str]] = {}  # last char → copulas
        self.scopes_at: dict[str, list[str]] = {}  # first char → scopes
        # the partial periods look nowhere right of their match ($, \b, lookahead): one that matches in
        # the start of a sentence matches in the whole sentence, so a sentence without one is searched once
        self.partial_leftward = False
        # literal strings one of which every partial period contains (None: unknown): a sentence with none
        # of them has no partial period, found without trying the patterns
        self.partial_needs: re.Pattern[str] | None = None
        # the same for each pattern of ``partial``: strings its every match contains (None: unknown)
        self.partial_each: list[tuple[str, ...] | None] = []
        # any fixed expression / scope word at all (None: none, or an empty word): a paragraph without one
        # is not searched word by word
        self.fixed_any: re.Pattern[str] | None = None
        self.scopes_any: re.Pattern[str] | None = None
        self.stage_any: re.Pattern[str] | None = None  # any stage verb
        self.not_rates_t: tuple[str, ...] = ()  # not_rates and rate_suffixes as tuples, for str.endswith
        self.rate_suffixes_t: tuple[str, ...] = ()
        self.verbless: list[str] = []  # stage verbs, then carry-over words (longest first)
        self.next_leads: tuple[str, ...] = ()  # breakdowns.next_sentence_leads, longest first


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


_META = set(".^$*+?{}[]()|\\")


def _literal_runs(pattern: str) -> list[str] | None:
    """The runs of plain characters every match of ``pattern`` contains in that order: characters
    outside any group or class, not escaped, not under a quantifier. None when the pattern has a
    top-level ``|`` (no run is then certain) or a class that starts with ``]``. A filter only."""
    runs: list[str] = []
    run = ""
    depth = 0
    i = 0
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            if depth == 0:
                run = _flush(runs, run)
            continue
        if ch == "[":
            j = i + 1
            if pattern.startswith("^", j):
                j += 1
            if pattern.startswith("]", j):
                return None
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i = j + 1
            if depth == 0:
                run = _flush(runs, run)
            continue
        if ch == "{":  # a quantifier ({1,2}) or a literal brace: its contents are no run
            j = pattern.find("}", i)
            i = n if j < 0 else j + 1
            if depth == 0:
                run = _flush(runs, run)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return None
        if depth == 0 and ch not in _META and not (i + 1 < n and pattern[i + 1] in "?*+{"):
            run += ch
        elif depth == 0 or ch == "(":
            run = _flush(runs, run)
        i += 1
    _flush(runs, run)
    return runs


def _flush(runs: list[str], run: str) -> str:
    if run:
        runs.append(run)
    return ""


def _needs_each(patterns: list[re.Pattern[str]]) -> list[tuple[str, ...] | None]:
    """For each of ``patterns``, strings its every match contains, the rarest first — the longest,
    then the later (a date phrase ends in its head word: 以来, 月) — None when unknown (a pattern with
    flags, a top-level ``|``, no plain run)."""
    out: list[tuple[str, ...] | None] = []
    for p in patterns:
        runs = None if p.flags & ~re.UNICODE else _literal_runs(p.pattern)
        last = {w: k for k, w in enumerate(runs or ())}
        out.append(tuple(sorted(last, key=lambda w: (-len(w), -last[w]))) if runs else None)
    return out


def _needs_any(each: list[tuple[str, ...] | None]) -> re.Pattern[str] | None:
    """A pattern of the longest string of each of ``each`` (:func:`_needs_each`): a text (or a prefix
    of it) without any of them matches none of the patterns. None when some pattern needs none we can
    name."""
    if not each or any(need is None for need in each):
        return None
    words = {need[0] for need in each}
    return recache.compile("|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))))


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
    conf.partial_each = _needs_each(conf.partial)
    conf.partial_needs = _needs_any(conf.partial_each)
    conf.partial_leftward = bool(conf.partial) and not any(
        k in p.pattern for p in conf.partial for k in ("$", "\\b", "\\B", "\\Z", "(?=", "(?!"))
    if conf.fixed and all(conf.fixed):
        conf.fixed_any = recache.compile("|".join(re.escape(w) for w in conf.fixed))
    if conf.scopes and all(conf.scopes):
        conf.scopes_any = recache.compile("|".join(re.escape(w) for w in conf.scopes))
    if conf.stage_verbs and all(conf.stage_verbs):
        conf.stage_any = recache.compile("|".join(re.escape(w) for w in conf.stage_verbs))
    conf.not_rates_t = tuple(conf.not_rates)
    conf.verbless = conf.stage_verbs + _desc(conf.raw.get("relation_words", {}).get("carry_over", []))
    conf.next_leads = tuple(_desc(conf.raw.get("breakdowns", {}).get("next_sentence_leads", [])))
    conf.rate_suffixes_t = tuple(conf.rate_suffixes)


def _conf(rep: Report) -> _Conf:
    """The metrics pack of ``rep`` compiled: once per :class:`Packs` value (kept in its ``memo``),
    looked up once per report (kept in ``rep.cache``)."""
    conf = rep.cache.get("metrics.conf")
    if conf is not None:
        return conf
    packs = rep.packs
    conf = per_packs(packs, "metrics.conf", lambda: _compile(packs))
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
            partial.append(recache.compile(p))
        except re.error:
            continue
    growth_words = _desc(q.get("growth", []))
    level = "".join(re.escape(s) for s in q.get("growth_level_suffixes", []))
    growth = None
    if growth_words:
        alts = "|".join(re.escape(w) if w not in ("增加",) else r"(?<!新)增加" for w in growth_words)
        growth = recache.compile(rf"(?:{alts})" + (rf"(?![{level}])" if level else ""))
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

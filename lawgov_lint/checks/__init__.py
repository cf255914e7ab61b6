"""Rule registry: each rule's identity is declared once, next to its check.

A *rule* is metadata (code, kebab-case name, default severity, summary, legal
source, a failing and a passing example). A *check* is a generator function
that reads an analysed report and yields :class:`Hit` values for one or more
rule codes; it never prints and never decides the final severity — the engine
stamps it from configuration (SPEC §4). Third-party packages add checks through
the ``lawgov_lint.rules`` entry-point group: the entry point names a module or a
callable; importing it registers its rules with :func:`rule` and :func:`check`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

if TYPE_CHECKING:
    from ..engine import Context
    from ..i18n import Msg
    from ..findings import Fix

from ..packs import SEVERITIES
CODE_RE = re.compile(r"^[A-Z]\d{3}$")
NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

FAMILIES = {
    "S": "structure",
    "D": "dates and deadlines",
    "M": "mandatory mentions",
    "N": "numbers and metrics",
    "T": "terms and typos",
    "P": "punctuation",
    "F": "公文 format",
    "L": "the linter itself",
}


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's identity (SPEC §5): code ``S001``, name ``missing-content-1``…

    ``severity`` is the default; ``severities`` lists every severity the check
    may ask for (e.g. S010 error/warning). ``source`` names the article or
    standard clause the rule enforces. ``fail``/``passes`` are example texts.
    """

    code: str
    name: str
    severity: str
    summary: str
    source: str
    fail: str = ""
    passes: str = ""
    why: str = ""
    severities: tuple[str, ...] = ()

    @property
    def family(self) -> str:
        return FAMILIES.get(self.code[0], "other")


@dataclass(slots=True)
class Hit:
    """What a check yields: a rule code and where, before severity is stamped.

    ``block`` is the 0-based index in ``Document.blocks``; ``start``/``end`` are
    code-point offsets in that block's *original* text. ``severity`` is a hint
    for rules with graded severities (used unless configuration overrides).
    ``message``/``suggestion`` are catalogue messages (:class:`lawgov_lint.i18n.Msg`,
    rendered by the engine in the run's language) or, from older plugins,
    finished strings shown as they are.
    ``fix`` is the exact edit of ``[start, end)`` (:class:`lawgov_lint.findings.Fix`) or None.
    """

    code: str
    block: int
    start: int
    end: int
    message: "Msg | str"
    suggestion: "Msg | str | None" = None
    severity: str | None = None
    fix: "Fix | None" = None


CheckFn = Callable[["Context"], Iterable[Hit]]


def title_hit(ctx: "Context", code: str, message: "Msg | str", suggestion: "Msg | str | None" = None,
              severity: str | None = None) -> Hit:
    """A Hit on the whole title line (or the first block of the report proper when no title
    was found): where findings about the report as a whole — a missing section, mention or
    date — are anchored."""
    rep = ctx.report
    i = rep.title_blocks[0] if rep.title_blocks else rep.start
    return Hit(code, i, 0, len(ctx.doc.blocks[i].text), message, suggestion, severity)


def body_blocks(ctx: "Context") -> list[int]:
    """Indices of the blocks of the report proper, title blocks excluded (the title line is S010's)."""
    rep = ctx.report
    titles = set(rep.title_blocks)
    return [i for i in rep.body_range() if i not in titles]


@dataclass(slots=True)
class Check:
    codes: tuple[str, ...]
    fn: CheckFn
    origin: str = "lawgov-lint"


RULES: dict[str, Rule] = {}
CHECKS: list[Check] = []
_ORIGINS: dict[str, str] = {}


class RuleError(Exception):
    """A rule declaration is invalid or collides with another (message names both)."""


def rule(code: str, name: str, severity: str, summary: str, source: str, *, fail: str = "", passes: str = "",
         why: str = "", severities: tuple[str, ...] = (), origin: str = "lawgov-lint") -> Rule:
    """Declare a rule. Raises RuleError on a bad code/name/severity or a collision."""
    if not CODE_RE.match(code):
        raise RuleError(f"rule code {code!r} is not a family letter and three digits")
    if not NAME_RE.match(name):
        raise RuleError(f"rule name {name!r} of {code} is not kebab-case")
    if severity not in SEVERITIES:
        raise RuleError(f"rule {code} has unknown severity {severity!r}")
    r = Rule(code, name, severity, summary, source, fail, passes, why, severities or (severity,))
    if code in RULES and RULES[code] != r:
        raise RuleError(f"rule code {code} declared twice ({_ORIGINS[code]} and {origin})")
    for other in RULES.values():
        if other.name == name and other.code != code:
            raise RuleError(f"rule name {name} used by both {other.code} and {code}")
    RULES[code] = r
    _ORIGINS[code] = origin
    return r


def check(*codes: str, origin: str = "lawgov-lint") -> Callable[[CheckFn], CheckFn]:
    """Register a check function yielding hits for ``codes`` (declared with :func:`rule`)."""

    def deco(fn: CheckFn) -> CheckFn:
        for c in codes:
            if c not in RULES:
                raise RuleError(f"check {fn.__module__}.{fn.__name__} yields undeclared code {c}")
        if not any(ch.fn is fn for ch in CHECKS):
            CHECKS.append(Check(tuple(codes), fn, origin))
        return fn

    return deco


_BUILTIN = ("structure", "dates", "mentions", "linter", "numbers", "confusions", "titles", "terms", "punctuation", "format", "script")


def load_builtin() -> None:
    """Import the built-in check modules (idempotent)."""
    import importlib

    for mod in _BUILTIN:
        importlib.import_module(f"{__name__}.{mod}")  # a missing module is a broken install: fail loudly


def iter_rules() -> Iterator[Rule]:
    """All registered rules sorted by code."""
    load_builtin()
    return iter(sorted(RULES.values(), key=lambda r: r.code))

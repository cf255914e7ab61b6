"""Rule registry: each rule's identity is declared once, next to its check.

A *rule* is metadata (code, kebab-case name, default severity, summary, legal
source, a failing and a passing example). A *check* is a generator function
that reads an analysed report and yields :class:`Hit` values for one or more
rule codes; it never prints and never decides the final severity — the engine
stamps it from configuration (SPEC §4). Third-party packages add checks through
the ``lawgov_lint.rules`` entry-point group: the entry point names a module or a
callable; importing it declares its rules with :func:`rule` and :func:`check`.

Declaring is not registering: :func:`rule` and :func:`check` only record the
declaration (with the module that made it). A :class:`Registry` — the rules
and checks one run uses — is a value assembled from the declarations of the
modules it is built from (:func:`builtin_registry`, or
:func:`lawgov_lint.plugins.build_registry` with the plugins), checked for
collisions as it is built, and passed along to the engine, the docs and the
CLI. Nothing a run does changes it, so results cannot depend on what ran
before, and a plugin that fails to load leaves no half-built registry behind.
"""

from __future__ import annotations

from dataclasses import dataclass
import importlib
import sys
from functools import cache
from types import MappingProxyType
from typing import Callable, Iterable, Iterator, Mapping

from .. import recache
from ..packs import SEVERITIES
from .context import Context, Hit, title_hit

CheckFn = Callable[[Context], Iterable[Hit]]
CODE_RE = recache.compile(r"^[A-Z]\d{3}$")
NAME_RE = recache.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

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


def body_blocks(ctx: "Context") -> list[int]:
    """Indices of the blocks of the report proper, title blocks excluded (the title line is S010's)."""
    rep = ctx.report
    titles = set(rep.title_blocks)
    return [i for i in rep.body_range() if i not in titles]


@dataclass(slots=True)
class Check:
    """A check function and the rule codes it yields (declared with :func:`check`)."""

    codes: tuple[str, ...]
    fn: CheckFn
    origin: str = "lawgov-lint"


class RuleError(Exception):
    """A rule declaration is invalid or collides with another (message names both)."""


# Every declaration made so far, with the module that made it, in the order made: an append-only
# record of what imported code declared (like ``sys.modules``), never what a run uses — see Registry.
_DECLARED: list[tuple[str, "Rule | Check"]] = []


def _caller_module(depth: int = 2) -> str:
    return sys._getframe(depth).f_globals.get("__name__", "?")


def rule(code: str, name: str, severity: str, summary: str, source: str, *, fail: str = "", passes: str = "",
         why: str = "", severities: tuple[str, ...] = (), origin: str = "lawgov-lint") -> Rule:
    """Declare a rule (recorded with the calling module; collisions are found when a Registry is built,
    naming the modules). ``origin`` is accepted for plugins written against the old registry and unused.

    Raises:
        RuleError: a code that is not a family letter and three digits, a name that is not
            kebab-case, an unknown severity.
    """
    if not CODE_RE.match(code):
        raise RuleError(f"rule code {code!r} is not a family letter and three digits")
    if not NAME_RE.match(name):
        raise RuleError(f"rule name {name!r} of {code} is not kebab-case")
    if severity not in SEVERITIES:
        raise RuleError(f"rule {code} has unknown severity {severity!r}")
    r = Rule(code, name, severity, summary, source, fail, passes, why, severities or (severity,))
    _DECLARED.append((_caller_module(), r))
    return r


def check(*codes: str, origin: str = "lawgov-lint") -> Callable[[CheckFn], CheckFn]:
    """Declare a check function yielding hits for ``codes`` (declared with :func:`rule`; a code no
    rule of the registry declares is a RuleError when the registry is built)."""

    def deco(fn: CheckFn) -> CheckFn:
        _DECLARED.append((fn.__module__, Check(tuple(codes), fn, origin)))
        return fn

    return deco


@dataclass(frozen=True, slots=True)
class Registry:
    """The rules and checks of one run: an immutable value (flake8's finder returns one too).

    ``rules`` maps code → :class:`Rule`; ``checks`` are in declaration order (built-in modules
    first, then plugins by entry-point name). ``origins`` maps code → the module that declared it.
    """

    rules: Mapping[str, Rule]
    checks: tuple[Check, ...]
    origins: Mapping[str, str]

    def iter_rules(self) -> Iterator[Rule]:
        """All rules sorted by code."""
        return iter(sorted(self.rules.values(), key=lambda r: r.code))

    def find(self, key: str) -> Rule | None:
        """The rule with code (any case) or name ``key``, or None."""
        for r in self.iter_rules():
            if key.upper() == r.code or key == r.name:
                return r
        return None

    @classmethod
    def assemble(cls, declarations: Iterable[tuple[str, "Rule | Check"]]) -> "Registry":
        """A registry of ``(module, Rule | Check)`` declarations, in order.

        Raises:
            RuleError: a code declared twice with different metadata, a name used by two codes,
                a check yielding a code no rule declares.
        """
        rules: dict[str, Rule] = {}
        origins: dict[str, str] = {}
        names: dict[str, str] = {}
        pending: list[tuple[str, Check]] = []
        for module, d in declarations:
            if isinstance(d, Check):
                pending.append((module, d))
                continue
            if d.code in rules and rules[d.code] != d:
                raise RuleError(f"rule code {d.code} declared twice ({origins[d.code]} and {module})")
            if names.get(d.name, d.code) != d.code:
                raise RuleError(f"rule name {d.name} used by both {names[d.name]} and {d.code}")
            rules[d.code] = d
            origins.setdefault(d.code, module)
            names[d.name] = d.code
        checks: list[Check] = []
        for module, c in pending:
            for code in c.codes:
                if code not in rules:
                    raise RuleError(f"check {module}.{c.fn.__name__} yields undeclared code {code}")
            if not any(x.fn is c.fn for x in checks):
                checks.append(c)
        return cls(MappingProxyType(rules), tuple(checks), MappingProxyType(origins))

    def extended(self, declarations: Iterable[tuple[str, "Rule | Check"]]) -> "Registry":
        """A new registry with these declarations after this one's (this one is unchanged)."""
        mine = [(self.origins[r.code], r) for r in self.rules.values()]
        mine += [(c.fn.__module__, c) for c in self.checks]
        return Registry.assemble(mine + list(declarations))


BUILTIN_MODULES = ("structure", "dates", "mentions", "linter", "numbers", "confusions", "titles", "terms", "punctuation",
                   "format", "script")


def declarations_of(modules: Iterable[str]) -> list[tuple[str, "Rule | Check"]]:
    """Import ``modules`` and return the declarations they made (those of their submodules too), in order."""
    names = list(modules)
    for mod in names:
        importlib.import_module(mod)  # a missing module is a broken install: fail loudly
    return [(m, d) for m, d in _DECLARED if any(m == n or m.startswith(n + ".") for n in names)]


@cache
def builtin_registry() -> Registry:
    """The built-in rules and checks (no plugins); built once, immutable.

    Raises:
        RuleError: two built-in declarations collide (a bug: a test builds it).
    """
    return Registry.assemble(declarations_of(f"{__name__}.{m}" for m in BUILTIN_MODULES))


def iter_rules() -> Iterator[Rule]:
    """The built-in rules sorted by code (plugins' rules: ``build_registry(plugins=True).iter_rules()``)."""
    return builtin_registry().iter_rules()


__all__ = ["Context", "Hit", "title_hit", "Rule", "Check", "CheckFn", "Registry", "RuleError", "rule", "check",
           "builtin_registry", "iter_rules", "declarations_of", "FAMILIES", "BUILTIN_MODULES"]

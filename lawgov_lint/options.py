"""Run options: what the command line and the configuration file decide for one file.

:class:`Options` is filled by :mod:`lawgov_lint.cli` / :mod:`lawgov_lint.config` and read by the
engine and the checks (through :class:`lawgov_lint.checks.Context`); :class:`Selection` is one layer of
rule selection. Values only: nothing here reads files or rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

DEADLINE_PROFILES = ("standard", "province", "demonstration")


@dataclass(slots=True)
class Selection:
    """One layer of rule selection (a configuration file, or the command line).

    Selectors are codes (``S001``), code prefixes (``N``, ``S1``), rule names
    (``missing-content-1``) or ``ALL``. A layer with ``select`` replaces what
    the layers before it chose; a layer without it adds (``extend_select``) and
    removes (``ignore``) on top of them.
    """

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Options:
    """Run options for one file (CLI flags merged over its configuration).

    ``select``/``extend_select``/``ignore`` are the command line's selection
    layer, applied over ``base_selection`` (the configuration file's);
    ``per_file_ignores`` are selectors removed last, whatever was selected.
    ``severity`` maps codes to severities (configuration; wins over packs).
    ``fail_on`` is the lowest severity that makes the exit code 1. Dates are
    ``datetime.date``; ``rule_packs`` are extra pack files, applied in order.
    ``limits`` overrides fields of :class:`lawgov_lint.loaders.Limits` (sizes in bytes).
    """

    deadline_profile: str = "standard"
    published_on: dt.date | None = None
    as_of: dt.date = field(default_factory=dt.date.today)
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    rule_packs: list[str] = field(default_factory=list)
    base_selection: Selection | None = None
    per_file_ignores: list[str] = field(default_factory=list)
    fail_on: str = "error"
    limits: dict[str, int] = field(default_factory=dict)
    lang: str = "en"  # the language of messages and suggestions: "zh" | "en" (lawgov_lint.i18n)
    year: int | None = None  # --year: the reporting year being collected (S014; supplies an unknown Y)

    def layers(self) -> list[Selection]:
        """The selection layers in order: configuration, then command line."""
        out = [self.base_selection] if self.base_selection is not None else []
        out.append(Selection(self.select, self.extend_select, self.ignore))
        return out

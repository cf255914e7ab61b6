"""The engine: load → analyse → run checks → findings, for one file or many.

Severity is stamped here from configuration (pack ``[severity]`` tables and
``Options.severity``); selection (``select``/``ignore``) is applied here too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import checks as registry
from .document import Document, LoadError, locate
from .findings import Finding, rule_url
from .packs import PackError, Packs, load_packs
from .structure import Report, analyse

DEADLINE_PROFILES = ("standard", "province", "demonstration")


@dataclass(slots=True)
class Options:
    """Run options (CLI flags and configuration).

    ``select``/``ignore`` hold codes, code prefixes (``N``, ``S1``) or rule
    names; ``severity`` maps codes to severities; dates are ``datetime.date``.
    """

    deadline_profile: str = "standard"
    published_on: dt.date | None = None
    as_of: dt.date = field(default_factory=dt.date.today)
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    rule_packs: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Context:
    """What a check reads: the analysed report, options and pack data."""

    report: Report
    options: Options
    packs: Packs

    @property
    def doc(self) -> Document:
        return self.report.doc

    def span(self, block: int, nstart: int, nend: int) -> tuple[int, int]:
        """Original offsets of the normalised range ``[nstart, nend)`` of a block."""
        return self.report.norm[block].span(nstart, nend)

    def hit(self, code: str, block: int, nstart: int, nend: int, message: str,
            suggestion: str | None = None, severity: str | None = None) -> registry.Hit:
        """A Hit from a *normalised* range of a block."""
        s, e = self.span(block, nstart, nend)
        return registry.Hit(code, block, s, e, message, suggestion, severity)


@dataclass(slots=True)
class FileResult:
    """The outcome for one input file (SPEC §7 FILE)."""

    path: str
    format: str
    error: str | None = None
    report: Report | None = None
    findings: list[Finding] = field(default_factory=list)
    metrics: list[dict[str, Any]] = field(default_factory=list)



def is_selected(code: str, name: str, options: Options) -> bool:
    """Whether a rule runs under ``options`` (ruff semantics: select, then extend, then ignore)."""
    def match(sel: str) -> bool:
        if sel == name:
            return True
        s = sel.upper()
        return s == "ALL" or code.startswith(s)

    chosen = options.select is None or any(match(s) for s in options.select)
    chosen = chosen or any(match(s) for s in options.extend_select)
    if any(match(s) for s in options.ignore):
        # a more specific select beats a broader ignore
        best_sel = max((len(s) for s in (options.select or []) + options.extend_select if match(s)), default=-1)
        best_ign = max(len(s) for s in options.ignore if match(s))
        chosen = chosen and best_sel > best_ign
    return chosen


def severity_for(code: str, hint: str | None, options: Options, packs: Packs) -> str:
    if code in options.severity:
        return options.severity[code]
    overrides = packs.severity_overrides
    if code in overrides:
        return overrides[code]
    return hint or registry.RULES[code].severity


def lint_document(doc: Document, options: Options, packs: Packs | None = None) -> FileResult:
    """Run every selected check on a loaded document.

    Returns:
        The FileResult with findings sorted by block, offset and code.
    """
    packs = packs or load_packs(options.rule_packs)
    registry.load_builtin()
    rep = analyse(doc, packs)
    ctx = Context(rep, options, packs)
    findings: list[Finding] = []
    seen: set[tuple] = set()
    for chk in registry.CHECKS:
        if not any(is_selected(c, registry.RULES[c].name, options) for c in chk.codes):
            continue
        for h in chk.fn(ctx):
            r = registry.RULES[h.code]
            if not is_selected(h.code, r.name, options):
                continue
            block = doc.blocks[h.block]
            key = (h.code, h.block, h.start, h.end, h.message)
            if key in seen:
                continue
            seen.add(key)
            loc = locate(doc, block, h.start, h.end)
            findings.append(
                Finding(
                    path=doc.path,
                    code=h.code,
                    name=r.name,
                    severity=severity_for(h.code, h.severity, options, packs),
                    message=h.message,
                    suggestion=h.suggestion,
                    location=loc,
                    excerpt=block.text[h.start:h.end],
                    section=rep.section_of(h.block),
                    url=rule_url(h.code, r.name),
                )
            )
    findings.sort(key=Finding.sort_key)
    result = FileResult(doc.path, doc.format, None, rep, findings)
    try:
        from .facts.metrics import extract_metrics
    except ImportError:
        extract_metrics = None  # type: ignore[assignment]
    if extract_metrics is not None:
        result.metrics = [m.as_dict(doc) for m in extract_metrics(rep)]
    return result


def lint_path(path: str | Path, options: Options, packs: Packs | None = None,
              data: bytes | None = None, display_name: str | None = None) -> FileResult:
    """Load and lint one file; a LoadError becomes ``FileResult.error``."""
    from .loaders import load

    name = display_name or str(path)
    fmt = Path(name).suffix.lower().lstrip(".") or "txt"
    try:
        doc = load(path, data=data, display_name=name)
    except LoadError as e:
        return FileResult(name, fmt, error=str(e))
    return lint_document(doc, options, packs)


__all__ = ["Options", "Context", "FileResult", "lint_document", "lint_path", "PackError", "DEADLINE_PROFILES"]

"""The engine: load → analyse → run checks → findings, for one file or many.

Severity is stamped here from configuration (``Options.severity``, then pack
``[severity]`` tables); selection (``select``/``extend_select``/``ignore``,
layered as ruff does) and suppression comments are applied here too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .checks import Check, Context, Hit, Registry, builtin_registry
from .document import Document, LoadError, locate
from .findings import Finding, rule_url
from .i18n import msg
from .options import DEADLINE_PROFILES, Options, Selection
from .packs import PackError, Packs, load_packs
from .record import ReportFacts, report_facts
from .selectors import specificity
from .structure import Report, analyse

@dataclass(slots=True)
class FileResult:
    """The outcome for one input file (SPEC §7 FILE)."""

    path: str
    format: str | None
    error: str | None = None
    report: Report | None = None
    findings: list[Finding] = field(default_factory=list)
    metrics: list[dict[str, Any]] = field(default_factory=list)
    options: Options | None = None
    registry: Registry | None = None  # the rules and checks the file was linted with (not pickled)
    facts: ReportFacts | None = None  # sections, 述法, deadline status: computed once, by the engine

    def __getstate__(self) -> tuple:
        # A worker process sends its result back without the registry (the parent has its own).
        return tuple(None if k == "registry" else getattr(self, k) for k in self.__slots__)

    def __setstate__(self, state: tuple) -> None:
        for k, v in zip(self.__slots__, state):
            object.__setattr__(self, k, v)


def _layer_verdict(layer: Selection, code: str, name: str) -> bool | None:
    """Within one layer the most specific selector wins; at equal specificity ignore wins."""
    best: tuple[int, bool] | None = None
    for sel in (layer.select or []) + layer.extend_select:
        sp = specificity(sel, code, name)
        if sp is not None and (best is None or (sp, False) > best):
            best = (sp, False)
    for sel in layer.ignore:
        sp = specificity(sel, code, name)
        if sp is not None and (best is None or (sp, True) > best):
            best = (sp, True)
    return None if best is None else not best[1]


def is_selected(code: str, name: str, options: Options) -> bool:
    """Whether a rule runs under ``options`` (ruff's semantics).

    Every rule is selected by default. Layers apply in order (configuration,
    then command line): a layer with ``select`` starts over from its own
    choice; otherwise its ``extend_select``/``ignore`` adjust the previous
    state. Within a layer a more specific selector beats a broader one
    (``--select S00 --ignore S005`` drops S005; ``--ignore S --select S005``
    keeps it) and ``ignore`` wins a tie. ``per_file_ignores`` drop rules last.
    """
    state = True
    for layer in options.layers():
        verdict = _layer_verdict(layer, code, name)
        if layer.select is not None:
            state = bool(verdict)
        elif verdict is not None:
            state = verdict
    if state and any(specificity(s, code, name) is not None for s in options.per_file_ignores):
        return False
    return state


def severity_for(code: str, hint: str | None, options: Options, packs: Packs, registry: Registry | None = None) -> str:
    """Configuration's ``severity`` table, then pack ``[severity]`` tables, then the check's hint, then the default."""
    if code in options.severity:
        return options.severity[code]
    overrides = packs.severity_overrides
    if code in overrides:
        return overrides[code]
    return hint or (registry or builtin_registry()).rules[code].severity


def lint_document(doc: Document, options: Options, packs: Packs | None = None,
                  registry: Registry | None = None) -> FileResult:
    """Run every selected check of ``registry`` (default: the built-in rules) on a loaded document.

    A built-in check that fails is reported in ``FileResult.error`` and its findings are
    missing; a plugin check that fails is reported the same way, naming the plugin — the
    other checks' findings are kept either way.

    Returns:
        The FileResult with findings sorted by block, offset and code.
    """
    packs = packs or load_packs(options.rule_packs)
    registry = registry or builtin_registry()
    rules = registry.rules
    rep = analyse(doc, packs, options.year)
    ctx = Context(rep, options, packs)
    catalogue = packs.catalogue
    from .checks.linter import not_a_report

    # SPEC §5 L003: no other rule runs on a file that is no report (unless L003 itself is deselected)
    only_l003 = is_selected("L003", "not-a-report", options) and not_a_report(rep) is not None
    findings: list[Finding] = []
    seen: set[tuple] = set()
    failures: list[str] = []
    for chk in registry.checks:
        if not any(is_selected(c, rules[c].name, options) for c in chk.codes):
            continue
        if only_l003 and "L003" not in chk.codes:
            continue
        builtin = chk.fn.__module__.startswith("lawgov_lint.")
        try:
            hits = list(chk.fn(ctx))
            for h in hits:
                _check_hit(h, chk, doc)
        except Exception as e:  # noqa: BLE001 - a failing check must not stop the other checks or files
            if not builtin:
                failures.append(_plugin_failure(chk, e))
                continue
            why = " ".join(str(e).split())[:160]
            failures.append(f"internal error in check {chk.fn.__name__} ({', '.join(chk.codes)}): "
                            f"{type(e).__name__}{': ' + why if why else ''}; its findings are missing, please report it")
            continue
        for h in hits:
            r = rules[h.code]
            if not is_selected(h.code, r.name, options):
                continue
            block = doc.blocks[h.block]
            message = catalogue.render(h.message, options.lang)
            key = (h.code, h.block, h.start, h.end, message)
            if key in seen:
                continue
            seen.add(key)
            loc = locate(doc, block, h.start, h.end)
            findings.append(
                Finding(
                    path=doc.path,
                    code=h.code,
                    name=r.name,
                    severity=severity_for(h.code, h.severity, options, packs, registry),
                    message=message,
                    suggestion=catalogue.render(h.suggestion, options.lang),
                    location=loc,
                    excerpt=block.text[h.start:h.end],
                    section=rep.section_of(h.block),
                    url=rule_url(h.code, r.name),
                    fix=h.fix,
                )
            )
    if doc.suppressions:
        findings = _suppress(doc, findings, options, packs, rep, registry)
    findings.sort(key=lambda f: (f.location.block, f.location.line, *f.sort_key()[1:]))
    result = FileResult(doc.path, doc.format, failures[0] if failures else None, rep, findings, options=options,
                        registry=registry)
    from .facts.metrics import metrics_dicts

    result.metrics = metrics_dicts(rep)
    result.facts = report_facts(rep, options)
    return result


def _check_hit(h: Hit, chk: Check, doc: Document) -> None:
    """A hit must name one of its check's codes and a range inside a block (ValueError otherwise)."""
    if h.code not in chk.codes:
        raise ValueError(f"yielded {h.code}, not one of its codes {', '.join(chk.codes)}")
    if not (0 <= h.block < len(doc.blocks)) or not (0 <= h.start <= h.end <= len(doc.blocks[h.block].text)):
        raise ValueError(f"yielded a range outside the document (block {h.block}, {h.start}:{h.end})")


def _plugin_failure(chk: Check, e: Exception) -> str:
    """One line naming the plugin check, its distribution and the error."""
    from importlib.metadata import packages_distributions

    top = chk.fn.__module__.split(".")[0]
    dists = packages_distributions().get(top) or []
    where = f" from {', '.join(sorted(set(dists)))}" if dists else ""
    why = " ".join(str(e).split())
    return (f"rule plugin check {chk.fn.__module__}.{chk.fn.__qualname__}{where} failed: "
            f"{type(e).__name__}{': ' + why if why else ''}; its findings are missing")


def _suppress(doc: Document, findings: list[Finding], options: Options, packs: Packs, rep: Report,
              registry: Registry) -> list[Finding]:
    """Apply the document's suppression comments; add L001 for those that matched nothing."""
    from .document import Location, Suppression
    from .selectors import matches as selector_matches
    from .suppress import apply_suppressions, canonical_text

    rules = list(registry.rules.values())

    def known(sel: str) -> bool:
        return any(selector_matches(sel, r.code, r.name) for r in rules)

    def enabled(sel: str) -> bool:
        return any(selector_matches(sel, r.code, r.name) and is_selected(r.code, r.name, options) for r in rules)

    kept, unused = apply_suppressions(findings, doc.suppressions, known=known, enabled=enabled)
    if not unused or not is_selected("L001", registry.rules["L001"].name, options):
        return kept
    l001 = registry.rules["L001"]
    silenced = [s for s in doc.suppressions if any(selector_matches(c, "L001", l001.name) for c in s.codes)]
    for u in unused:
        s = u.suppression
        target = s.block if s.block is not None and 0 <= s.block < len(doc.blocks) else None
        if target is None:  # file-level or dangling: the first block after the comment
            target = _block_after_line(doc, s.line)
        if any(x.file_level or x.block == target for x in silenced):
            continue
        block = doc.blocks[target]
        excerpt = canonical_text(s, doc.format)
        if doc.format in ("txt", "md") and s.line > 0:
            loc = Location(block=block.index, line=s.line, column=1, end_line=s.line,
                           end_column=1 + len(excerpt), page=None, page_line=None, table=None, row=None,
                           col=None, offset=0, length=0)
        else:
            loc = locate(doc, block, 0, 0)
        rest = tuple(c for c in s.codes if c not in u.selectors)
        if u.malformed:
            suggestion = canonical_text(Suppression(("CODE",), s.block, s.line, s.file_level), doc.format)
        elif rest and u.selectors:
            suggestion = canonical_text(Suppression(rest, s.block, s.line, s.file_level), doc.format)
        else:
            suggestion = msg("L001.remove.hint")
        catalogue = packs.catalogue
        kept.append(Finding(path=doc.path, code="L001", name=l001.name,
                            severity=severity_for("L001", None, options, packs, registry),
                            message=catalogue.render(u.message(), options.lang),
                            suggestion=catalogue.render(suggestion, options.lang), location=loc,
                            excerpt=excerpt, section=rep.section_of(target), url=rule_url("L001", l001.name)))
    return kept


def _block_after_line(doc: Document, line: int) -> int:
    """0-based index of the first block that starts after physical ``line`` (else the last block)."""
    if doc.format in ("txt", "md"):
        for i, b in enumerate(doc.blocks):
            if any(seg.line is not None and seg.line > line for seg in b.segments):
                return i
        return len(doc.blocks) - 1
    return min(max(line - 1, 0), len(doc.blocks) - 1)


def slim_result(result: FileResult, keep_document: bool = True) -> FileResult:
    """``result`` keeping only what the reporters, the summary and ``--summary`` read (the document,
    the report's fields, findings, metrics and facts): the report's normalised text, its pack
    data and its per-report cache are dropped, so that a batch's memory (and what a worker sends
    back) does not hold them for every file; without ``keep_document`` the document (its blocks)
    goes too — for outputs that print findings with their own excerpts (every built-in format
    but ``text``). Not for ``--html``, ``--annotate`` or ``--fix``, which read the report further.
    Changes ``result`` in place and returns it."""
    rep = result.report
    if rep is not None:
        rep.norm = None  # type: ignore[assignment] - any later use fails loudly
        rep.packs = None  # type: ignore[assignment]
        rep.cache = {}
        if not keep_document:
            rep.doc = None  # type: ignore[assignment]
    return result


def lint_path(path: str | Path, options: Options, packs: Packs | None = None,
              data: bytes | None = None, display_name: str | None = None,
              registry: Registry | None = None) -> FileResult:
    """Load and lint one file with ``registry`` (default: the built-in rules); a LoadError becomes
    ``FileResult.error``."""
    from .loaders import Limits, format_of, load

    name = display_name or str(path)
    fmt = format_of(name)
    try:
        doc = load(path, data=data, display_name=name, limits=Limits(**options.limits))
    except LoadError as e:
        return FileResult(name, fmt, error=str(e), options=options)
    except Exception as e:  # noqa: BLE001 - a loader bug is one line for this file, the batch goes on
        return FileResult(name, fmt, error=f"internal error while reading: {type(e).__name__}: {str(e)[:160]}; "
                          "please report it", options=options)
    try:
        return lint_document(doc, options, packs, registry)
    except PackError:
        raise
    except Exception as e:  # noqa: BLE001 - e.g. an invalid pattern in an extra rule pack
        return FileResult(name, doc.format, error=f"internal error while linting: {type(e).__name__}: "
                          f"{' '.join(str(e).split())[:160]}; please report it", options=options)


__all__ = ["Options", "Selection", "Context", "Registry", "FileResult", "lint_document", "lint_path", "slim_result", "PackError", "DEADLINE_PROFILES"]

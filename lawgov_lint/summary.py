"""Per-file compliance summary and run totals (SPEC §7 SUMMARY)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .engine import FileResult, Options


def compliance(result: FileResult, options: Options | None = None) -> dict[str, Any] | None:
    """``{"path", "contents", "shufa", "signing_date", "deadline", "days_left"}`` (the engine's
    :attr:`FileResult.facts`) or None if unreadable. ``options`` is not read (kept for callers)."""
    return result.facts.compliance(result.path) if result.facts is not None else None


@dataclass(slots=True)
class FileRecord:
    """What a run keeps of one file once its findings are written (streaming outputs drop the result):
    the counts, compliance and 汇总表 row that the summary, the table and ``--summary`` read.

    ``row`` is :func:`summary_row` of the result; ``fails`` whether any finding is at or above the
    file's own ``fail_on`` (the exit code).
    """

    path: str
    error: str | None
    readable: bool
    severities: Counter
    codes: Counter
    compliance: dict[str, Any] | None
    row: dict[str, Any]
    fails: bool


def file_record(result: FileResult | FileRecord, options: Options) -> FileRecord:
    """The :class:`FileRecord` of ``result`` (a record is returned as it is)."""
    if isinstance(result, FileRecord):
        return result
    from .findings import SEVERITY_RANK

    threshold = SEVERITY_RANK[result.options.fail_on if result.options else "error"]
    return FileRecord(result.path, result.error, result.report is not None,
                      Counter(f.severity for f in result.findings), Counter(f.code for f in result.findings),
                      compliance(result), summary_row(result, options),
                      any(SEVERITY_RANK[f.severity] >= threshold for f in result.findings))


def totals(results: Iterable[FileResult | FileRecord], options: Options) -> dict[str, Any]:
    """The run summary: counts by severity and code, and each file's compliance (from results or
    their records)."""
    records = [file_record(r, options) for r in results]
    sev: Counter = Counter()
    codes: Counter = Counter()
    for rec in records:
        sev.update(rec.severities)
        codes.update(rec.codes)
    comp = [rec.compliance for rec in records if rec.compliance is not None]
    return {
        "files": len(records),
        "errors": sev.get("error", 0),
        "warnings": sev.get("warning", 0),
        "infos": sev.get("info", 0),
        "by_code": {k: codes[k] for k in sorted(codes)},
        "compliance": comp,
    }


# The 汇总表 columns (SPEC §7 Summary): one row per file, unreadable files included. Their headers, in both
# languages, are the catalogue entries ``ui.column.<column>`` (rules/messages.ui.toml).
ROW_COLUMNS = ("path", "format", "kind", "title", "issuer", "reporting_year", "signing_date",
               "content_1", "content_2", "content_3", "content_4", "content_5", "shufa",
               "deadline", "due", "days_left", "errors", "warnings", "infos", "error")
YES, NO, ABSENT = "✓", "✗", "—"


def summary_row(result: FileResult, options: Options) -> dict[str, Any]:
    """One 汇总表 row (keys :data:`ROW_COLUMNS`) for a file, readable or not.

    Content and 述法 cells are ``✓`` / ``✗``; an absent (五) is ``—`` (SPEC §5
    S005: nearly no real report has one, so it is not a defect); cells that do
    not apply (an unreadable file, one that is not a report, an unknown
    year) are empty strings. ``kind`` is ``report``, ``unreadable`` or
    ``not a report (L003)``. ``due``
    is the submission deadline (ISO date) for the file's reporting year.
    """
    sev = Counter(f.severity for f in result.findings)
    row: dict[str, Any] = {k: "" for k in ROW_COLUMNS}
    fmt = result.format or Path(result.path).suffix.lower().lstrip(".")
    row.update(path=result.path, format=fmt, kind="unreadable" if result.error else "report", errors=sev.get("error", 0),
               warnings=sev.get("warning", 0), infos=sev.get("info", 0), error=result.error or "")
    rep = result.report
    if rep is None:
        return row
    if any(f.code == "L003" for f in result.findings):
        row["kind"] = "not a report (L003)"
        return row
    comp = compliance(result)
    due = result.facts.due
    for n in range(1, 6):
        ok = comp["contents"][str(n)]
        row[f"content_{n}"] = YES if ok else (ABSENT if n == 5 else NO)
    row.update(title=rep.title or "", issuer=rep.issuer or "",
               reporting_year=rep.reporting_year if rep.reporting_year is not None else "",
               signing_date=comp["signing_date"] or "", shufa=YES if comp["shufa"] else NO,
               deadline=comp["deadline"], due=due.isoformat() if due else "",
               days_left=comp["days_left"] if comp["days_left"] is not None else "")
    return row

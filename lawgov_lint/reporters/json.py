"""JSON output, key for key as SPEC §7 (deterministic: same input, same bytes)."""

from __future__ import annotations

import json
from typing import IO, Any

from .. import __version__
from ..engine import FileResult, Options


def file_object(result: FileResult) -> dict[str, Any]:
    """SPEC §7 FILE for one result."""
    rep = result.report
    report = None
    facts: dict[str, Any] = {"sections": [], "shufa": [], "metrics": result.metrics}
    if rep is not None:
        date = rep.signing_date
        number = rep.document_number or (rep.cover_document_numbers[0] if rep.cover_document_numbers else None)
        report = {
            "title": rep.title,
            "issuer": rep.issuer,
            "reporting_year": rep.reporting_year,
            "reporting_year_source": rep.reporting_year_source,
            "signing_date": date.isoformat() if date else None,
            "document_number": number.text if number else None,
        }
        fx = result.facts
        report["published_on"] = fx.published_on.isoformat() if fx.published_on else None
        report["published_on_source"] = fx.published_on_source
        facts["sections"] = [{"content": sec.content, "heading": sec.heading, "location": sec.location.as_dict()}
                             for sec in fx.sections]
        facts["shufa"] = [loc.as_dict() for loc in fx.shufa]
    return {
        "path": result.path,
        "format": result.format,
        "error": result.error,
        "report": report,
        "facts": facts if rep is not None else None,
        "findings": [f.as_dict() for f in result.findings],
    }


def build(results: list[FileResult], summary: dict[str, Any]) -> dict[str, Any]:
    return {
        "version": 1,
        "tool": {"name": "lawgov-lint", "version": __version__},
        "files": [file_object(r) for r in results],
        "summary": summary,
    }


def report_json(results: list[FileResult], options: Options, summary: dict[str, Any], stream: IO[str], color: bool) -> None:
    json.dump(build(results, summary), stream, ensure_ascii=False, indent=2)
    stream.write("\n")

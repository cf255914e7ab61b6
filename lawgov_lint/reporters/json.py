"""JSON output, key for key as SPEC §7 (deterministic: same input, same bytes)."""

from __future__ import annotations

import json
from typing import IO, Any

from .. import __version__
from ..document import locate
from ..engine import FileResult, Options
from ..checks.dates import publication
from ..facts.mentions import shufa_mentions


def file_object(result: FileResult) -> dict[str, Any]:
    """SPEC §7 FILE for one result."""
    rep = result.report
    report = None
    facts: dict[str, Any] = {"sections": [], "shufa": [], "metrics": result.metrics}
    if rep is not None:
        doc = rep.doc
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
        pub, pub_source, _ = publication(rep, result.options or Options())
        report["published_on"] = pub.isoformat() if pub else None
        report["published_on_source"] = pub_source
        sections = []
        for sec in rep.sections:
            if sec.heading is None:
                continue
            h = rep.headings[sec.heading]
            s, e = rep.norm[h.block].span(0, h.end)
            sections.append({
                "content": sec.content,
                "heading": h.text,
                "location": locate(doc, doc.blocks[h.block], s, e).as_dict(),
            })
        facts["sections"] = sections
        shufa = []
        for b, ns, ne in shufa_mentions(rep, rep.packs):
            s, e = rep.norm[b].span(ns, ne)
            shufa.append(locate(doc, doc.blocks[b], s, e).as_dict())
        facts["shufa"] = shufa
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

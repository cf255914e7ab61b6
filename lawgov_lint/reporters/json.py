"""JSON output, key for key as SPEC §7 (deterministic: same input, same bytes)."""

from __future__ import annotations

import json
from typing import IO, Any

from .. import __version__
from ..engine import FileResult, Options
from .stream import ChunkStream


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


class JsonStream(ChunkStream):
    """The JSON document written a file at a time: the head at the first :meth:`file` (or at
    :meth:`end` for a run without files), each FILE object as it comes, the summary at :meth:`end`
    — the bytes of ``json.dump(build(...), indent=2)``, without holding the run's results."""

    def __init__(self, options: Options, stream: IO[str], color: bool = False) -> None:
        super().__init__(options, stream, color)
        self.n = 0

    @staticmethod
    def _nested(obj: Any, depth: int) -> str:
        """``obj`` as indent-2 JSON whose lines after the first are indented ``depth`` levels deeper
        (JSON strings hold no raw newline, so every line break is the encoder's)."""
        text = json.dumps(obj, ensure_ascii=False, indent=2)
        return text.replace("\n", "\n" + "  " * depth)

    def chunk(self, r: FileResult) -> str:
        """The text of one FILE object (the same wherever it stands): made where the file was linted."""
        return self._nested(file_object(r), 2)

    def put(self, chunk: str) -> None:
        """Write a :meth:`chunk` in its place in the document."""
        head = self._head() + '"files": [\n    ' if self.n == 0 else ",\n    "
        self.stream.write(head + chunk)
        self.n += 1

    def _head(self) -> str:
        top = {"version": 1, "tool": {"name": "lawgov-lint", "version": __version__}}
        return "{\n  " + ",\n  ".join(f"{json.dumps(k)}: {self._nested(v, 1)}" for k, v in top.items()) + ",\n  "

    def end(self, records: Any, summary: dict[str, Any]) -> None:
        files = "\n  ]" if self.n else self._head() + '"files": []'
        self.stream.write(files + ',\n  "summary": ' + self._nested(summary, 1) + "\n}\n")


def report_json(results: list[FileResult], options: Options, summary: dict[str, Any], stream: IO[str], color: bool) -> None:
    from .stream import write_all

    write_all(JsonStream(options, stream, color), results, summary)

"""``github``: GitHub Actions workflow commands (``::error file=…,line=…::msg``).

Escaping follows the runner's rules: in properties ``%`` ``\\r`` ``\\n`` ``:``
``,`` are percent-encoded; in the message ``%`` ``\\r`` ``\\n``.
"""

from __future__ import annotations

from typing import IO, Any

from ..engine import FileResult, Options
from .stream import ChunkStream
from ..catalogue import ui

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _prop(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")


def _msg(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


class GithubStream(ChunkStream):
    """The workflow commands a file at a time (:meth:`file`); nothing at the end."""

    def chunk(self, r: FileResult) -> str:
        """One result's workflow commands."""
        t = ui(self.options.lang)
        if r.error:
            return f"::error file={_prop(r.path)},title={_prop(t('ui.unreadable.title'))}::{_msg(r.error)}\n"
        lines = []
        for f in r.findings:
            loc = f.location
            props = (f"file={_prop(f.path)},line={loc.line},col={loc.column},endLine={loc.end_line},"
                     f"endColumn={loc.end_column},title={_prop(f'{f.code} {f.name}')}")
            text = f.message + (t("ui.where.list", places=t("ui.suggestion.label") + f.suggestion) if f.suggestion else "")
            lines.append(f"::{LEVEL[f.severity]} {props}::{_msg(f'{f.code} {text}')}\n")
        return "".join(lines)


def report_github(results: list[FileResult], options: Options, summary: dict[str, Any], stream: IO[str], color: bool) -> None:
    from .stream import write_all

    write_all(GithubStream(options, stream, color), results, summary)

r"""``concise`` (one line per finding) and ``--statistics`` (counts by code).

A concise line is ``path:line:column: severity CODE message`` for every input format, so that an
editor's problem matcher (``^(.*):(\d+):(\d+): (error|warning|info) (\w+) (.*)$``) reads it; the
page or table cell of a .pdf/.docx finding and the fix follow the message:
``报告.pdf:12:5: error P001 doubled punctuation “，，” (page 2, line 7) [safe fix: “，”]``.

With ``--lang zh`` the tool's own words are Chinese too (``ui.*`` catalogue entries):
``报告.pdf:12:5: 错误 P001 …（第2页第7行）［安全修改：“，”］``; a problem matcher for Chinese
output reads the severity as ``(错误|警告|提示)``.
"""

from __future__ import annotations

from collections import Counter
from typing import IO, Any

from ..engine import FileResult, Options
from .stream import ChunkStream
from ..findings import Finding
from ..catalogue import ui


class ConciseStream(ChunkStream):
    """The concise output a file at a time: :meth:`file` writes one result's lines, :meth:`end` the count."""

    def chunk(self, r: FileResult) -> str:
        """One result's lines."""
        if r.error:
            return f"{r.path}: {ui(self.options.lang)('ui.error')} {r.error}\n"
        return "".join(concise_line(f, self.options.lang) + "\n" for f in r.findings)

    def end(self, records: Any, summary: dict[str, Any]) -> None:
        n = summary["errors"] + summary["warnings"] + summary["infos"]
        self.stream.write(ui(self.options.lang)("ui.found", n=n, files=summary["files"]) + "\n")


def report_concise(results: list[FileResult], options: Options, summary: dict[str, Any], stream: IO[str], color: bool) -> None:
    from .stream import write_all

    write_all(ConciseStream(options, stream, color), results, summary)


def concise_line(f: Finding, lang: str = "en") -> str:
    """One finding as ``path:line:column: severity CODE message[ (page …)][ [fix]]``, the tool's words in ``lang``."""
    t = ui(lang)
    loc = f.location
    where = ""
    if loc.page is not None:
        where = t("ui.where.list", places=t("ui.where.page", page=loc.page) if loc.page_line is None
                  else t("ui.where.page_line", page=loc.page, line=loc.page_line))
    elif loc.table is not None:
        where = t("ui.where.list", places=t("ui.where.table", table=loc.table, row=loc.row, col=loc.col))
    fix = t(f"ui.fix.{f.fix.applicability}.inline", replacement=f.fix.replacement) if f.fix else ""
    return f"{f.path}:{loc.line}:{loc.column}: {t(f'ui.severity.{f.severity}')} {f.code} {f.message}{where}{fix}"


def report_statistics(results: list[FileResult], options: Options, summary: dict[str, Any], stream: IO[str], color: bool) -> None:
    """``--statistics``: one line per code and severity, ``count  CODE  name  severity``."""
    t = ui(options.lang)
    rows = statistics_rows(results)
    for row in rows:
        stream.write(f"{row['count']:>5}  {row['code']}  {row['name']:<36} {t('ui.severity.' + row['severity'])}\n")
    for r in results:
        if r.error:
            stream.write(f"{r.path}: {t('ui.error')} {r.error}\n")


def statistics_rows(results: list[FileResult]) -> list[dict[str, Any]]:
    """``[{"code", "name", "severity", "count"}]`` by count (descending), then code."""
    counts = Counter((f.code, f.name, f.severity) for r in results for f in r.findings)
    return [{"code": c, "name": n, "severity": s, "count": k}
            for (c, n, s), k in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def report_statistics_json(results: list[FileResult], options: Options, summary: dict[str, Any], stream: IO[str], color: bool) -> None:
    """``--statistics --output-format json``: the counts as a JSON array."""
    import json

    json.dump(statistics_rows(results), stream, ensure_ascii=False, indent=2)
    stream.write("\n")

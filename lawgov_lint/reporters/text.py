"""The default text output: one rich diagnostic per finding, then a summary.

Each diagnostic: ``path:line:column: SEVERITY CODE message``, the source line
with the offending span highlighted, and the suggestion. Colour only when the
stream is a terminal (and ``NO_COLOR`` is unset); without colour a caret line
marks the span. Every word of the tool's own (severity, labels, the summary
and its table) is a ``ui.*`` catalogue entry in ``Options.lang``.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any, Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..engine import FileResult, Options
from ..loaders.text import display_width as _width
from ..findings import Finding
from ..catalogue import builtin_catalogue, ui

if TYPE_CHECKING:
    from ..summary import FileRecord

SEV_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
CN = "一二三四五"




def location_label(f: Finding, heading: str | None = None, lang: str = "en") -> str:
    """``line:column`` plus the page/table position and section heading people look for.

    ``heading`` is the section heading the finding is under (given for .docx,
    where Word shows no paragraph numbers); ``page`` for .docx is the page as
    Word last laid the document out. In ``lang``: ``12:5 (page 2, line 7)``,
    ``12:5（第2页第7行）``.
    """
    t = ui(lang)
    loc = f.location
    base = f"{loc.line}:{loc.column}"
    where = []
    if loc.page is not None:
        where.append(t("ui.where.page", page=loc.page) if loc.page_line is None
                     else t("ui.where.page_line", page=loc.page, line=loc.page_line))
    if loc.table is not None:
        where.append(t("ui.where.table", table=loc.table, row=loc.row, col=loc.col))
    if heading:
        short = heading if len(heading) <= 24 else heading[:23] + "…"
        where.append(t("ui.where.under", heading=short))
    return base + t("ui.where.list", places=t("ui.where.sep").join(where)) if where else base


def heading_of(rep, block: int) -> str | None:
    """The text of the nearest top-level heading at or before 0-based ``block`` in the report proper."""
    if rep is None or not (rep.start <= block < rep.end):
        return None
    best = None
    for h in rep.headings:
        if h.block > block:
            break
        if h.level == 1 and not h.run_in and h.block != block:
            best = h
    return best.text.strip() if best is not None else None


def _snippet(f: Finding, block_text: str, context: int = 24) -> tuple[str, int, int]:
    """A one-line excerpt around the finding: (text, span start, span end) within it."""
    s, e = f.location.offset, f.location.offset + f.location.length
    lo = max(0, s - context)
    hi = min(len(block_text), max(e, s + 1) + context)
    if e - s > 60:
        hi = s + 60
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(block_text) else ""
    text = prefix + block_text[lo:hi].replace("\n", " ").replace("\t", " ") + suffix
    return text, len(prefix) + s - lo, len(prefix) + min(e, hi) - lo


def render_finding(console: Console, f: Finding, block_text: str | None, heading: str | None = None,
                   lang: str = "en") -> None:
    t = ui(lang)
    head = Text()
    head.append(f"{f.path}:{location_label(f, heading, lang)}: ", style="bold")
    head.append(t(f"ui.level.{f.severity}"), style=SEV_STYLE[f.severity])
    head.append(f" {f.code} ", style="bold")
    head.append(f.message)
    head.append(f" [{f.name}]", style="dim")
    console.print(head, soft_wrap=True, highlight=False)
    if block_text is not None:
        snippet, s, e = _snippet(f, block_text)
        line = Text()
        line.append("   │ ", style="dim")
        line.append(snippet[:s])
        line.append(snippet[s:e] or " ", style="reverse " + SEV_STYLE[f.severity] if console.color_system else "")
        line.append(snippet[e:])
        console.print(line, soft_wrap=True, highlight=False)
        if not console.color_system:
            console.print("   │ " + " " * _width(snippet[:s]) + "^" * max(1, _width(snippet[s:e])),
                          soft_wrap=True, highlight=False)
    elif f.excerpt:
        line = Text()
        line.append("   │ ", style="dim")
        line.append(f.excerpt.replace("\n", " "), style=SEV_STYLE[f.severity] if console.color_system else "")
        console.print(line, soft_wrap=True, highlight=False)
    if f.suggestion:
        sug = Text()
        sug.append("   = ", style="dim")
        sug.append(t("ui.suggestion.label"), style="bold green")
        sug.append(f.suggestion)
        console.print(sug, soft_wrap=True, highlight=False)
    if f.fix:
        fix = Text()
        fix.append("   = ", style="dim")
        fix.append(t(f"ui.fix.{f.fix.applicability}"), style="bold green")
        fix.append(f"“{f.excerpt}” → “{f.fix.replacement}”")
        console.print(fix, soft_wrap=True, highlight=False)


def deadline_text(row: dict[str, Any], lang: str = "en") -> tuple[str, str]:
    """The deadline cell said plainly in ``lang``, and its style: ``ok — dated 2023-12-21, due 2024-03-01``,
    ``按期 — 成文日期2023-12-21，期限2024-03-01``."""
    t = ui(lang)
    status, due, dated, left = row["deadline"], row["due"], row["signing_date"], row["days_left"]
    if not due:
        return t("ui.deadline.no_year"), "yellow"
    parts = [t("ui.deadline.dated", date=dated)] if dated else []
    parts.append(t("ui.deadline.due", date=due))
    if status == "unknown":
        when = (t("ui.deadline.days_left", n=left) if left != "" and left >= 0
                else t("ui.deadline.days_ago", n=-left))
        return t("ui.deadline.undated", due=due, when=when), "yellow"
    style = {"ok": "green", "due-day": "yellow", "late": "red"}[status]
    return t("ui.deadline.cell", word=t(f"ui.deadline.{status}"), parts=t("ui.deadline.sep").join(parts)), style


def kind_text(kind: str, lang: str = "en") -> str:
    """A 汇总表 ``kind`` (``report``, ``unreadable``, ``not a report (L003)``) in ``lang``."""
    key = {"report": "report", "unreadable": "unreadable", "not a report (L003)": "not-a-report"}.get(kind)
    return ui(lang)(f"ui.kind.{key}") if key else kind


def render_summary(console: Console, results: Iterable[FileResult | FileRecord], summary: dict[str, Any],
                   options: Options) -> None:
    """The counts, the compliance table and the unreadable files, from the run's results or their records."""
    from ..summary import ABSENT, NO, YES, file_record

    results = [file_record(r, options) for r in results]

    lang = options.lang
    t = ui(lang)
    sep = t("ui.counts.sep")
    console.print()
    counts = Text()
    counts.append(t("ui.counts.files", files=summary["files"]))
    counts.append(t("ui.counts.errors", n=summary["errors"]), style=SEV_STYLE["error"] if summary["errors"] else "")
    counts.append(sep)
    counts.append(t("ui.counts.warnings", n=summary["warnings"]), style=SEV_STYLE["warning"] if summary["warnings"] else "")
    counts.append(sep + t("ui.counts.infos", n=summary["infos"]))
    unreadable = [r for r in results if r.error]
    if unreadable:
        counts.append(sep + t("ui.counts.unreadable", n=len(unreadable)), style="bold red")
    console.print(counts, highlight=False)
    readable = [r for r in results if r.readable]
    if readable:
        table = Table(title=t("ui.table.title"), title_justify="left", show_lines=False)
        table.add_column(t("ui.table.report"), overflow="fold", ratio=3, min_width=16)
        for n in range(5):
            table.add_column(CN[n], justify="center", no_wrap=True, width=2)
        table.add_column(t("ui.column.shufa"), justify="center", no_wrap=True, width=4)
        table.add_column(t("ui.table.ewi"), justify="right", no_wrap=True)
        table.add_column(t("ui.table.deadline"), overflow="fold", ratio=2, min_width=14)
        style_of = {YES: "green", NO: "red", ABSENT: "dim", "": ""}
        for r in readable:
            row = r.row
            if row["kind"] != "report":
                table.add_row(Text(r.path), *[""] * 6, f"{row['errors']}/{row['warnings']}/{row['infos']}",
                              Text(kind_text(row["kind"], lang), style="yellow"))
                continue
            cells = [Text(row[f"content_{n}"], style=style_of[row[f"content_{n}"]]) for n in range(1, 6)]
            dl, dl_style = deadline_text(row, lang)
            table.add_row(Text(r.path), *cells, Text(row["shufa"], style=style_of[row["shufa"]]),
                          f"{row['errors']}/{row['warnings']}/{row['infos']}", Text(dl, style=dl_style))
        console.print(table)
    if unreadable:
        console.print(Text(t("ui.unreadable.heading"), style="bold red"), highlight=False)
        for r in unreadable:
            console.print(Text(f"  {r.path}: ", style="bold") + Text(r.error), soft_wrap=True, highlight=False)


class TextStream:
    """The text output written a file at a time: :meth:`file` prints one result's notes and
    findings as soon as it is linted, :meth:`end` the summary (unless ``quiet``)."""

    def __init__(self, options: Options, stream: IO[str], color: bool, quiet: bool = False) -> None:
        self.options, self.quiet = options, quiet
        self.console = Console(file=stream, force_terminal=color, no_color=not color,
                               color_system="auto" if color else None, width=None if color else 160,
                               highlight=False)

    def file(self, r: FileResult) -> None:
        console, lang = self.console, self.options.lang
        t = ui(lang)
        if r.error:
            console.print(Text(f"{r.path}: ", style="bold") + Text(t("ui.error") + " ", style=SEV_STYLE["error"])
                          + Text(r.error), soft_wrap=True, highlight=False)
            return
        doc = r.report.doc if r.report else None
        for note in (doc.notes if doc else []):
            console.print(Text(f"{r.path}: ", style="bold") + Text(t("ui.note.label"), style="dim")
                          + Text(builtin_catalogue().render(note, lang)),
                          soft_wrap=True, highlight=False)
        for f in r.findings:
            text = doc.blocks[f.location.block - 1].text if doc else None
            if f.location.length == 0 and f.excerpt:
                text = None  # about text outside the block (a suppression comment): show the excerpt itself
            heading = heading_of(r.report, f.location.block - 1) if doc is not None and doc.format == "docx" else None
            render_finding(console, f, text, heading, lang)

    def end(self, records: Iterable[FileResult | FileRecord], summary: dict[str, Any]) -> None:
        if not self.quiet:
            render_summary(self.console, records, summary, self.options)


def report_text(results: list[FileResult], options: Options, summary: dict[str, Any], stream: IO[str], color: bool,
                quiet: bool = False) -> None:
    """Print each file's findings, then (unless ``quiet``) the summary and the compliance table."""
    from .stream import write_all

    write_all(TextStream(options, stream, color, quiet), results, summary)

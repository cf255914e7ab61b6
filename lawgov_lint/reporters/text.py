"""The default text output: one rich diagnostic per finding, then a summary.

Each diagnostic: ``path:line:column: SEVERITY CODE message``, the source line
with the offending span highlighted, and the suggestion. Colour only when the
stream is a terminal (and ``NO_COLOR`` is unset); without colour a caret line
marks the span.
"""

from __future__ import annotations

from typing import IO, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..engine import FileResult, Options
from ..loaders.text import display_width as _width
from ..findings import Finding

SEV_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
CN = "一二三四五"




def location_label(f: Finding, heading: str | None = None) -> str:
    """``line:column`` plus the page/table position and section heading people look for.

    ``heading`` is the section heading the finding is under (given for .docx,
    where Word shows no paragraph numbers); ``page`` for .docx is the page as
    Word last laid the document out.
    """
    loc = f.location
    base = f"{loc.line}:{loc.column}"
    where = []
    if loc.page is not None:
        where.append(f"page {loc.page}" + (f", line {loc.page_line}" if loc.page_line is not None else ""))
    if loc.table is not None:
        where.append(f"table {loc.table}, row {loc.row}, col {loc.col}")
    if heading:
        short = heading if len(heading) <= 24 else heading[:23] + "…"
        where.append(f"under 「{short}」")
    return f"{base} ({'; '.join(where)})" if where else base


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


def render_finding(console: Console, f: Finding, block_text: str | None, heading: str | None = None) -> None:
    head = Text()
    head.append(f"{f.path}:{location_label(f, heading)}: ", style="bold")
    head.append(f.severity.upper(), style=SEV_STYLE[f.severity])
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
        sug.append("suggestion: ", style="bold green")
        sug.append(f.suggestion)
        console.print(sug, soft_wrap=True, highlight=False)
    if f.fix:
        fix = Text()
        fix.append("   = ", style="dim")
        fix.append(f"{f.fix.applicability} fix: ", style="bold green")
        fix.append(f"“{f.excerpt}” → “{f.fix.replacement}”")
        console.print(fix, soft_wrap=True, highlight=False)


def deadline_text(row: dict[str, Any]) -> tuple[str, str]:
    """The deadline cell said plainly, and its style: ``ok — dated 2023-12-21, due 2024-03-01``."""
    status, due, dated, left = row["deadline"], row["due"], row["signing_date"], row["days_left"]
    if not due:
        return "unknown — no reporting year found", "yellow"
    parts = [f"dated {dated}"] if dated else []
    parts.append(f"due {due}")
    if status == "unknown":
        when = f"{left} day(s) left" if left != "" and left >= 0 else f"{-left} day(s) ago"
        return f"no 成文日期 — due {due}, {when}", "yellow"
    word = {"ok": "ok", "due-day": "on the deadline day", "late": "late"}[status]
    style = {"ok": "green", "due-day": "yellow", "late": "red"}[status]
    return f"{word} — {', '.join(parts)}", style


def render_summary(console: Console, results: list[FileResult], summary: dict[str, Any], options: Options) -> None:
    from ..summary import ABSENT, NO, YES, summary_row

    console.print()
    counts = Text()
    counts.append(f"{summary['files']} file(s): ")
    counts.append(f"{summary['errors']} error(s)", style=SEV_STYLE["error"] if summary["errors"] else "")
    counts.append(", ")
    counts.append(f"{summary['warnings']} warning(s)", style=SEV_STYLE["warning"] if summary["warnings"] else "")
    counts.append(f", {summary['infos']} info")
    unreadable = [r for r in results if r.error]
    if unreadable:
        counts.append(f", {len(unreadable)} unreadable", style="bold red")
    console.print(counts, highlight=False)
    readable = [r for r in results if r.report is not None]
    if readable:
        table = Table(title="第二十五条 contents （一）–（五）, 述法 and deadline", title_justify="left",
                      show_lines=False)
        table.add_column("report", overflow="fold", ratio=3, min_width=16)
        for n in range(5):
            table.add_column(CN[n], justify="center", no_wrap=True, width=2)
        table.add_column("述法", justify="center", no_wrap=True, width=4)
        table.add_column("E/W/I", justify="right", no_wrap=True)
        table.add_column("deadline", overflow="fold", ratio=2, min_width=14)
        style_of = {YES: "green", NO: "red", ABSENT: "dim", "": ""}
        for r in readable:
            row = summary_row(r, options)
            if row["kind"] != "report":
                table.add_row(Text(r.path), *[""] * 6, f"{row['errors']}/{row['warnings']}/{row['infos']}",
                              Text(row["kind"], style="yellow"))
                continue
            cells = [Text(row[f"content_{n}"], style=style_of[row[f"content_{n}"]]) for n in range(1, 6)]
            dl, dl_style = deadline_text(row)
            table.add_row(Text(r.path), *cells, Text(row["shufa"], style=style_of[row["shufa"]]),
                          f"{row['errors']}/{row['warnings']}/{row['infos']}", Text(dl, style=dl_style))
        console.print(table)
    if unreadable:
        console.print(Text("unreadable (not linted):", style="bold red"), highlight=False)
        for r in unreadable:
            console.print(Text(f"  {r.path}: ", style="bold") + Text(r.error), soft_wrap=True, highlight=False)


def report_text(results: list[FileResult], options: Options, summary: dict[str, Any], stream: IO[str], color: bool,
                quiet: bool = False) -> None:
    """Print each file's findings, then (unless ``quiet``) the summary and the compliance table."""
    console = Console(file=stream, force_terminal=color, no_color=not color, color_system="auto" if color else None,
                      width=None if color else 160, highlight=False)
    for r in results:
        if r.error:
            console.print(Text(f"{r.path}: ", style="bold") + Text("ERROR ", style=SEV_STYLE["error"]) + Text(r.error),
                          soft_wrap=True, highlight=False)
            continue
        doc = r.report.doc if r.report else None
        for note in (doc.notes if doc else []):
            console.print(Text(f"{r.path}: ", style="bold") + Text("note: ", style="dim") + Text(note),
                          soft_wrap=True, highlight=False)
        for f in r.findings:
            text = doc.blocks[f.location.block - 1].text if doc else None
            if f.location.length == 0 and f.excerpt:
                text = None  # about text outside the block (a suppression comment): show the excerpt itself
            heading = heading_of(r.report, f.location.block - 1) if doc is not None and doc.format == "docx" else None
            render_finding(console, f, text, heading)
    if not quiet:
        render_summary(console, results, summary, options)

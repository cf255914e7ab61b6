"""``--show-metrics``: every figure of each report as a rich table, for reviewers.

One table per file: the figure as written, its label (what is counted), value
and unit, qualifiers (approximate:余, period:1-11月, scope:全区, part-of:…) and
where it is. A reviewer reads it to spot what the N rules cannot judge. The
rows are the ``facts.metrics`` entries of the JSON output, in reading order.
"""

from __future__ import annotations

from typing import IO, Any, Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

# qualifiers that make the N rules silent on a figure
_QUIET = ("approximate:", "period:", "year:", "growth", "plan", "respectively:unpaired")


def _value(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:,.6f}".rstrip("0").rstrip(".")
    return f"{v:,}"


def _where(loc: dict[str, Any]) -> str:
    out = f"{loc['line']}:{loc['column']}"
    if loc.get("table") is not None:
        out += f" (table {loc['table']}, row {loc['row']}, col {loc['col']})"
    elif loc.get("page") is not None:
        line = f", line {loc['page_line']}" if loc.get("page_line") is not None else ""  # .docx: page only
        out += f" (page {loc['page']}{line})"
    return out


def metrics_table(path: str, metrics: Iterable[dict[str, Any]]) -> Table:
    """A rich Table of ``facts.metrics`` entries (dicts as in the JSON output)."""
    table = Table(title=f"{path} — figures", title_justify="left", show_lines=False, header_style="bold")
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("where", no_wrap=True)
    table.add_column("as written", no_wrap=True)
    table.add_column("label")
    table.add_column("value", justify="right", no_wrap=True)
    table.add_column("unit", no_wrap=True)
    table.add_column("qualifiers")
    for k, m in enumerate(metrics, 1):
        quals = m.get("qualifiers", [])
        q = Text()
        for j, s in enumerate(quals):
            if j:
                q.append(", ")
            q.append(s, style="yellow" if s.startswith(_QUIET) else "")
        table.add_row(str(k), _where(m["location"]), m.get("text", ""), m.get("label", ""), _value(m.get("value")),
                      m.get("unit", ""), q)
    return table


def render_metrics(results: Iterable[Any], stream: IO[str], color: bool = False) -> None:
    """Print one metrics table per readable file to ``stream`` (colour only when ``color``)."""
    console = Console(file=stream, force_terminal=color, no_color=not color, color_system="auto" if color else None,
                      width=None if color else 160, highlight=False)
    for r in results:
        if getattr(r, "error", None):
            continue
        metrics = list(getattr(r, "metrics", []) or [])
        if not metrics:
            console.print(Text(f"{r.path}: no figures found", style="dim"))
            continue
        console.print(metrics_table(r.path, metrics))
        quiet = sum(1 for m in metrics if any(q.startswith(_QUIET) for q in m.get("qualifiers", [])))
        console.print(Text(f"{len(metrics)} figures, {quiet} approximate, partial-period, other-year, change or plan "
                           "figures (the N rules do not relate those)", style="dim"))


__all__ = ["metrics_table", "render_metrics"]

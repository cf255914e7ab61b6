"""``--show-metrics``: every figure of each report as a rich table, for reviewers.

One table per file: the figure as written, its label (what is counted), value
and unit, qualifiers (approximate:余, period:1-11月, scope:全区, part-of:…) and
where it is. A reviewer reads it to spot what the N rules cannot judge. The
rows are the ``facts.metrics`` entries of the JSON output, in reading order.

Headers and notes are in the run's language (``Options.lang``, catalogue
entries ``ui.metrics.*`` in ``rules/messages.n.toml``); the qualifiers are the
JSON tokens (``approximate:余``) and stay as they are.
"""

from __future__ import annotations

from typing import IO, Any, Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..catalogue import builtin_catalogue
from ..i18n import Catalogue

# qualifiers that make the N rules silent on a figure
_QUIET = ("approximate:", "period:", "year:", "growth", "plan", "respectively:unpaired")


def _value(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:,.6f}".rstrip("0").rstrip(".")
    return f"{v:,}"


def _catalogue(result: Any = None) -> Catalogue:
    """The catalogue of ``result``'s run (its packs), else the built-in one."""
    packs = getattr(getattr(result, "report", None), "packs", None)
    return packs.catalogue if packs is not None else builtin_catalogue()


def _where(loc: dict[str, Any], lang: str = "en", cat: Catalogue | None = None) -> str:
    cat = cat or _catalogue()
    out = f"{loc['line']}:{loc['column']}"
    if loc.get("table") is not None:
        out += cat.text("ui.metrics.in-table", lang, {"table": loc["table"], "row": loc["row"], "col": loc["col"]})
    elif loc.get("page") is not None:
        if loc.get("page_line") is not None:
            out += cat.text("ui.metrics.on-page-line", lang, {"page": loc["page"], "line": loc["page_line"]})
        else:  # .docx: page only
            out += cat.text("ui.metrics.on-page", lang, {"page": loc["page"]})
    return out


def metrics_table(path: str, metrics: Iterable[dict[str, Any]], lang: str = "en",
                  catalogue: Catalogue | None = None) -> Table:
    """A rich Table of ``facts.metrics`` entries (dicts as in the JSON output), headers in ``lang``
    (``"zh"``/``"en"``) from ``catalogue`` (default: the built-in one)."""
    cat = catalogue or _catalogue()

    def t(key: str, **args: Any) -> str:
        return cat.text(f"ui.metrics.{key}", lang, args)

    table = Table(title=t("title", path=path), title_justify="left", show_lines=False, header_style="bold")
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column(t("where"), no_wrap=True)
    table.add_column(t("as-written"), no_wrap=True)
    table.add_column(t("label"))
    table.add_column(t("value"), justify="right", no_wrap=True)
    table.add_column(t("unit"), no_wrap=True)
    table.add_column(t("qualifiers"))
    for k, m in enumerate(metrics, 1):
        quals = m.get("qualifiers", [])
        q = Text()
        for j, s in enumerate(quals):
            if j:
                q.append(", ")
            q.append(s, style="yellow" if s.startswith(_QUIET) else "")
        table.add_row(str(k), _where(m["location"], lang, cat), m.get("text", ""), m.get("label", ""), _value(m.get("value")),
                      m.get("unit", ""), q)
    return table


def render_metrics(results: Iterable[Any], stream: IO[str], color: bool = False) -> None:
    """Print one metrics table per readable file to ``stream`` (colour only when ``color``), in each
    file's run language (``result.options.lang``, English without options)."""
    console = Console(file=stream, force_terminal=color, no_color=not color, color_system="auto" if color else None,
                      width=None if color else 160, highlight=False)
    for r in results:
        if getattr(r, "error", None):
            continue
        lang = getattr(getattr(r, "options", None), "lang", None) or "en"
        cat = _catalogue(r)
        metrics = list(getattr(r, "metrics", []) or [])
        if not metrics:
            console.print(Text(cat.text("ui.metrics.none", lang, {"path": r.path}), style="dim"))
            continue
        console.print(metrics_table(r.path, metrics, lang, cat))
        quiet = sum(1 for m in metrics if any(q.startswith(_QUIET) for q in m.get("qualifiers", [])))
        console.print(Text(cat.text("ui.metrics.footer", lang, {"count": len(metrics), "quiet": quiet}), style="dim"))


__all__ = ["metrics_table", "render_metrics"]

"""The HTML report (``--html FILE``, SPEC §7): one self-contained page for a reviewer.

Rendered from the jinja2 template ``templates/report.html.j2`` (package data)
with autoescaping on for everything: report text, titles, messages and paths
come from the reports and are never trusted as markup. The page has no
external resource (CSS and JS are inline, no fonts or scripts fetched): the
compliance table of every file (unreadable ones with their error), then each
report's text with its findings highlighted and listed. Findings can be
filtered by severity and code; the filter lives in the URL fragment
(``#sev=error,warning&code=S005``) so that a filtered view can be bookmarked
or sent. ``@media print`` drops the controls and starts each report on a new
page. Every label is a ``ui.*`` catalogue entry in ``Options.lang`` (the page is
``<html lang="zh-CN">`` in Chinese, ``lang="en"`` in English).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import __version__
from ..engine import FileResult, Options
from ..findings import SEVERITY_RANK
from ..outputs import atomic_write
from ..summary import summary_row
from ..catalogue import ui
from .text import deadline_text, heading_of, kind_text, location_label


def _segments(text: str, spans: list[tuple[int, int, int]]) -> list[dict[str, Any]]:
    """Cut ``text`` at every finding boundary: ``[{"text", "ids"}]`` with the ids of the findings covering each piece."""
    cuts = {0, len(text)}
    for s, e, _ in spans:
        cuts.update((s, e))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    out = []
    for a, b in zip(points, points[1:]):
        if a == b:
            continue
        ids = [i for s, e, i in spans if s <= a and b <= e and e > s]
        out.append({"text": text[a:b], "ids": ids})
    return out


def _file_view(n: int, r: FileResult, options: Options, lang: str) -> dict[str, Any]:
    findings = []
    by_block: dict[int, list[tuple[int, int, int]]] = {}
    whole: dict[int, list[int]] = {}
    rep = r.report
    doc = rep.doc if rep is not None else None
    for k, f in enumerate(r.findings):
        fid = f"f{n}-{k}"
        heading = heading_of(rep, f.location.block - 1) if doc is not None and doc.format == "docx" else None
        findings.append({"id": fid, "code": f.code, "name": f.name, "severity": f.severity, "message": f.message,
                         "suggestion": f.suggestion, "where": location_label(f, heading, lang), "excerpt": f.excerpt,
                         "url": f.url, "block": f.location.block})
        if f.location.length:
            by_block.setdefault(f.location.block, []).append((f.location.offset, f.location.offset + f.location.length, k))
        else:
            whole.setdefault(f.location.block, []).append(k)
    blocks = []
    if doc is not None:
        for b in doc.blocks:
            spans = by_block.get(b.index, [])
            segs = _segments(b.text, spans)
            for seg in segs:
                seg["ids"] = [findings[i]["id"] for i in seg["ids"]]
                seg["severity"] = max((findings[int(i.rsplit("-", 1)[1])]["severity"] for i in seg["ids"]),
                                      key=SEVERITY_RANK.__getitem__, default=None)
            first_of: dict[str, bool] = {}
            for seg in segs:  # the first piece of each finding carries its anchor
                seg["anchor"] = next((i for i in seg["ids"] if not first_of.get(i)), None)
                for i in seg["ids"]:
                    first_of[i] = True
            blocks.append({"index": b.index, "segments": segs, "cell": b.table is not None,
                           "where": (ui(lang)("ui.where.table", table=b.table, row=b.row, col=b.col)
                                     if b.table is not None else None),
                           "whole": [findings[i]["id"] for i in whole.get(b.index, [])],
                           "in_report": rep.start <= b.index - 1 < rep.end})
    row = summary_row(r, options)
    row["deadline_text"] = deadline_text(row, lang)[0] if row["kind"] == "report" else ""
    row["kind_text"] = kind_text(row["kind"], lang)
    return {"n": n, "path": r.path, "error": r.error, "row": row, "findings": findings,
            "blocks": blocks, "title": rep.title if rep is not None else None}


def render_html(results: list[FileResult], options: Options, summary: dict[str, Any]) -> str:
    """The page as a string (deterministic for the same input and options)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("lawgov_lint.reporters", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    lang = options.lang
    t = ui(lang)
    files = [_file_view(n, r, r.options or options, lang) for n, r in enumerate(results, start=1)]
    codes: dict[str, dict[str, Any]] = {}
    for f in (f for v in files for f in v["findings"]):
        c = codes.setdefault(f["code"], {"code": f["code"], "name": f["name"], "count": 0})
        c["count"] += 1
    total = summary["errors"] + summary["warnings"] + summary["infos"]
    shown_before, _, shown_after = t("ui.html.showing", total=total).partition("{shown}")
    return env.get_template("report.html.j2").render(
        version=__version__, files=files, summary=summary, codes=[codes[k] for k in sorted(codes)],
        as_of=options.as_of.isoformat(), severities=("error", "warning", "info"), t=t,
        html_lang="zh-CN" if lang == "zh" else "en", total=total, shown_before=shown_before,
        shown_after=shown_after)


def write_html(path: str | Path, results: list[FileResult], options: Options, summary: dict[str, Any]) -> None:
    """Write the page to ``path`` atomically (UTF-8).

    Raises:
        lawgov_lint.outputs.OutputError: the file cannot be written.
    """
    page = render_html(results, options, summary)
    with atomic_write(path) as fh:
        fh.write(page)

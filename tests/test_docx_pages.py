"""Pages of a .docx as Word last laid it out (w:lastRenderedPageBreak) and section headings in locations."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner
from docx import Document as WordDocument
from docx.oxml import OxmlElement

from lawgov_lint.cli import main
from lawgov_lint.engine import Options, lint_path
from lawgov_lint.loaders.docx import load_docx

from helpers import COMPLETE

AS_OF = dt.date(2026, 11, 21)


def _rendered_break_before(run) -> None:
    """What Word writes at the first run laid out on a new page."""
    run._r.insert(0 if run._r.rPr is None else 1, OxmlElement("w:lastRenderedPageBreak"))


def _paged(path, with_breaks: bool = True):
    d = WordDocument()
    lines = COMPLETE.strip("\n").split("\n")
    for line in lines:
        if line.startswith("个别科室"):
            p = d.add_paragraph("个别科室对法治建设重视不够，，")
            second = p.add_run("究其原因，主要是学法培训覆盖不全。")
            if with_breaks:
                _rendered_break_before(second)  # the paragraph runs onto page 3
        else:
            p = d.add_paragraph(line)
            if with_breaks and line.startswith("（一）"):
                _rendered_break_before(p.runs[0])  # page 2 starts here
    d.save(path)


def _buf(path):
    return path.read_bytes()


def test_pages_from_last_rendered_page_breaks(tmp_path):
    src = tmp_path / "paged.docx"
    _paged(src)
    doc = load_docx(str(src), _buf(src))
    by_text = {b.text: b for b in doc.blocks}
    assert by_text[COMPLETE.split("\n")[0]].segments[0].page == 1
    assert by_text["（一）完善依法决策机制"].segments[0].page == 2
    crossing = next(b for b in doc.blocks if b.text.startswith("个别科室"))
    assert [(s.start, s.page) for s in crossing.segments] == [(0, 2), (len("个别科室对法治建设重视不够，，"), 3)]
    assert doc.blocks[-1].segments[0].page == 3

    result = lint_path(src, Options(as_of=AS_OF))
    p001 = next(f for f in result.findings if f.code == "P001")
    assert p001.location.page == 2 and p001.location.page_line is None
    r = CliRunner().invoke(main, ["--as-of", "2026-11-21", "--select", "P001", str(src)], catch_exceptions=False)
    line = r.output.splitlines()[0]
    assert line.startswith(f"{src}:{p001.location.line}:{p001.location.column} (page 2; under 「二、工作中的短板及其成因」): ERROR P001")


def test_no_recorded_layout_means_no_page(tmp_path):
    src = tmp_path / "unpaged.docx"
    _paged(src, with_breaks=False)
    doc = load_docx(str(src), _buf(src))
    assert all(s.page is None for b in doc.blocks for s in b.segments)
    result = lint_path(src, Options(as_of=AS_OF))
    assert all(f.location.page is None for f in result.findings)

"""The .docx fast path (loaders/docx/package.py) reads a package as python-docx does: the same Document for
every well-formed file, and python-docx itself (its result or its error) for anything unusual."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from lawgov_lint.document import LoadError
from lawgov_lint.loaders import docx as docx_loader
from lawgov_lint.loaders.docx.package import Unusual, open_package

from helpers import ROOT

FIXTURES = sorted((ROOT / "fixtures").glob("*.docx"))


def _python_docx_only(zf):
    raise Unusual("python-docx")


def _load(data: bytes, monkeypatch, fast: bool):
    with monkeypatch.context() as m:
        if not fast:
            m.setattr(docx_loader, "open_package", _python_docx_only)
        try:
            d = docx_loader.load_docx("r.docx", data)
        except LoadError as e:
            return "error", str(e)
        except Exception as e:  # noqa: BLE001 - python-docx's own failure (lint_path reports it): the same
            return "exception", type(e).__name__, str(e)
    return repr(d), d.headers, d.footers, d.notes, repr(d.suppressions)


def _fast_path_taken(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            open_package(zf)
    except Unusual:
        return False
    return True


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_the_fixtures_read_the_same_without_python_docx(path: Path, monkeypatch):
    data = path.read_bytes()
    assert _fast_path_taken(data)
    assert _load(data, monkeypatch, True) == _load(data, monkeypatch, False)


def _rich_document() -> bytes:
    """Headings, a numbered list, a table, a header and footer, a comment."""
    d = docx.Document()
    d.add_heading("某某区2024年法治政府建设情况报告", 0)
    d.add_heading("一、主要举措", 1)
    p = d.add_paragraph("完善依法决策机制，审查重大行政决策事项8件。", style="List Number")
    d.add_paragraph("持续推进严格规范公正文明执法。", style="List Bullet")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text, t.cell(1, 0).text = "指标", "数量", "案件"
    d.sections[0].header.paragraphs[0].text = "某某区人民政府"
    d.sections[0].footer.paragraphs[0].text = "第 1 页"
    d.add_comment(p.runs, text="lawgov-lint: ignore[D004]", author="x")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _edited(data: bytes, edit) -> bytes:
    """``data`` with ``edit(name, bytes) -> bytes | None`` applied to each member (None drops it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            new = edit(info.filename, src.read(info.filename))
            if new is not None:
                dst.writestr(info.filename, new)
    return out.getvalue()


def test_a_document_with_every_part_reads_the_same(monkeypatch):
    data = _rich_document()
    assert _fast_path_taken(data)
    fast = _load(data, monkeypatch, True)
    assert fast == _load(data, monkeypatch, False)
    assert fast[1] == ["某某区人民政府"] and fast[2] == ["第 1 页"] and "D004" in fast[4]


@pytest.mark.parametrize("edit", [
    pytest.param(lambda n, b: None if n == "word/styles.xml" else b, id="no styles part"),
    pytest.param(lambda n, b: None if n == "word/numbering.xml" else b, id="a dangling relationship"),
    pytest.param(lambda n, b: b[:-20] if n == "word/footer1.xml" else b, id="a damaged footer"),
    pytest.param(lambda n, b: b.replace(b'w:type="character"', b'w:type="glyph"') if n == "word/styles.xml" else b,
                 id="a style type python-docx does not know"),
    pytest.param(lambda n, b: b.replace(b"document.main+xml", b"template.main+xml") if n == "[Content_Types].xml"
                 else b, id="a template"),
    pytest.param(lambda n, b: b.replace(b'<Default Extension="xml"', b'<Default Extension="xmlx"')
                 if n == "[Content_Types].xml" else b, id="a part without a content type"),
])
def test_an_unusual_package_is_left_to_python_docx(edit, monkeypatch):
    data = _edited(_rich_document(), edit)
    assert not _fast_path_taken(data)
    assert _load(data, monkeypatch, True) == _load(data, monkeypatch, False)


def test_the_parts_read_are_those_python_docx_parses():
    from docx.opc.part import PartFactory

    from lawgov_lint.loaders.docx.package import _XML_PARTS

    assert set(PartFactory.part_type_for) == _XML_PARTS

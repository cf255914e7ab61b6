"""The .docx reader reads styles.xml from python-docx's parsed element rather than through its Style
objects (issue 14: speed): it must see what python-docx shows — the same UI names (BabelFish),
``w:basedOn`` and defaults — and fail where python-docx fails."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from helpers import FIXTURES

from lawgov_lint.loaders.docx import load_docx
from lawgov_lint.loaders.docx.styles import StyleTable

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _with_styles(styles_xml: str) -> bytes:
    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("一、总体情况", style="Heading 1")
    d.add_paragraph("正文。")
    d.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "word/styles.xml":
                data = f'<w:styles xmlns:w="{W}">{styles_xml}</w:styles>'.encode()
            dst.writestr(name, data)
    return out.getvalue()


def _reference(document) -> dict[str, tuple[str | None, str | None]]:
    """(name, basedOn) of every paragraph style with an id, as python-docx's Style objects give them."""
    out = {}
    for style in document.styles:
        el = style.element
        if el.get(f"{{{W}}}type") == "paragraph" and el.get(f"{{{W}}}styleId") is not None:
            out[el.get(f"{{{W}}}styleId")] = (style.name, el.basedOn_val)
    return out


EDGE = (
    '<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="H9"><w:name w:val="heading 9"/><w:basedOn w:val="H1"/></w:style>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Body"><w:name w:val="正文"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Dup"><w:name w:val="first"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Dup"><w:name w:val="second"/><w:basedOn w:val="H1"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="NoName"><w:basedOn w:val="Body"/></w:style>'
    '<w:style w:type="character" w:styleId="C"><w:name w:val="heading 2"/></w:style>'
    '<w:style w:type="table" w:styleId="T"><w:name w:val="Table Grid"/></w:style>'
)


@pytest.mark.parametrize("source", ["qingpu-2023.docx", "anting-2023.docx", "EDGE"])
def test_style_names_and_bases_are_python_docx_s(source):
    data = _with_styles(EDGE) if source == "EDGE" else (FIXTURES / source).read_bytes()
    document = docx.Document(io.BytesIO(data))
    table = StyleTable.from_document(document)
    for sid, (name, based) in _reference(document).items():
        assert table.resolve(sid)[0] == name
        assert table._info(sid).based_on == based


def test_names_through_babelfish_and_inheritance():
    table = StyleTable.from_document(docx.Document(io.BytesIO(_with_styles(EDGE))))
    assert table.resolve("H1") == ("Heading 1", 1, None)
    assert table.resolve("H9") == ("Heading 9", 9, None)
    assert table.resolve("Dup") == ("second", 1, None)  # the last definition of an id counts
    assert table.resolve("NoName") == (None, None, None)
    assert table.resolve("Unknown") == table.resolve(None) == ("正文", None, None)  # the default paragraph style


@pytest.mark.parametrize("style", [
    '<w:style w:styleId="X"><w:name w:val="no type"/></w:style>',
    '<w:style w:type="bogus" w:styleId="X"><w:name w:val="bogus"/></w:style>',
    '<w:style w:type="paragraph" w:styleId="X"><w:name/></w:style>',
])
def test_the_load_fails_where_python_docx_fails(style):
    data = _with_styles(style)
    with pytest.raises(Exception) as expected:
        [s.name for s in docx.Document(io.BytesIO(data)).styles]
    with pytest.raises(type(expected.value)):
        load_docx("x.docx", data)

"""Fixes as tracked changes in Word (lawgov_lint.docx_revisions): runs split with their formatting,
w:del + w:ins by lawgov-lint, LibreOffice opens the result, accepting all changes gives the fixed text."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import docx
import pytest

from lawgov_lint.docx_revisions import (AUTHOR, W, TextEdit, accept_all, edits_from_findings, iter_revisions,
                                        paragraph_text, track_changes)
from lawgov_lint.engine import Options, lint_document
from lawgov_lint.loaders.docx import load_docx

from helpers import AS_OF, FIXTURES

WHEN = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.timezone.utc)


def _doc(*paragraphs: list[tuple[str, dict]]):
    d = docx.Document()
    for runs in paragraphs:
        p = d.add_paragraph()
        for text, fmt in runs:
            r = p.add_run(text)
            r.bold = fmt.get("bold")
            r.italic = fmt.get("italic")
    return d


def _texts(d) -> list[str]:
    return [paragraph_text(p._p) for p in d.paragraphs]


def _reload(d):
    buf = io.BytesIO()
    d.save(buf)
    return docx.Document(io.BytesIO(buf.getvalue()))


def _apply(text: str, edits: list[TextEdit]) -> str:
    for e in sorted(edits, key=lambda e: e.offset, reverse=True):
        text = text[:e.offset] + e.replacement + text[e.offset + e.length:]
    return text


def test_edit_inside_one_run_keeps_its_formatting():
    d = _doc([("本年度受理复议申请", {}), ("21件,办结19件", {"bold": True})])
    blocks = _texts(d)
    e = TextEdit(0, blocks[0].index(","), 1, "，", ",")
    assert track_changes(d, blocks, [e], WHEN) == [e]
    d = _reload(d)
    body = d.element.body
    assert list(iter_revisions(body)) == [("del", AUTHOR, ","), ("ins", AUTHOR, "，")]
    ins = body.find(f".//{W}ins")
    assert ins.get(f"{W}date") == "2026-12-01T09:30:00Z"
    assert ins.find(f"{W}r/{W}rPr/{W}b") is not None  # the replacement is bold like the text it replaces
    # the pieces before and after the comma stayed bold too
    bold_runs = [r.text for r in d.paragraphs[0].runs if r.bold]
    assert bold_runs == ["21件", "办结19件"]
    accept_all(body)
    assert paragraph_text(d.paragraphs[0]._p) == "本年度受理复议申请21件，办结19件"


def test_edit_across_two_runs_and_two_edits_in_one_paragraph():
    d = _doc([("推进法治建设，", {}), ("，完善2021-2025年规划", {"italic": True})])
    blocks = _texts(d)
    t = blocks[0]
    edits = [TextEdit(0, t.index("，，"), 2, "，", "，，"), TextEdit(0, t.index("2021-2025"), 9, "2021—2025", "2021-2025")]
    assert len(track_changes(d, blocks, edits, WHEN)) == 2
    kinds = [k for k, _, _ in iter_revisions(d.element.body)]
    assert kinds == ["del", "ins", "del", "ins"]
    accept_all(d.element.body)
    assert paragraph_text(d.paragraphs[0]._p) == _apply(t, edits) == "推进法治建设，完善2021—2025年规划"


@pytest.mark.parametrize("edit", [
    TextEdit(0, 2, 1, "，", "X"),          # not the text the finding saw
    TextEdit(5, 0, 1, "，", ","),          # no such block
    TextEdit(0, 3, 2, "，", "\t甲"),       # through a tab
])
def test_uncertain_edits_are_skipped(edit):
    d = _doc([("一二三", {})])
    d.paragraphs[0].add_run().add_tab()
    d.paragraphs[0].add_run("甲乙")
    blocks = _texts(d)
    before = d.element.xml
    assert track_changes(d, blocks, [edit], WHEN) == []
    assert d.element.xml == before


def test_revision_ids_do_not_collide_with_existing_ones():
    d = _doc([("第一段,内容", {})], [("第二段,内容", {})])
    d.paragraphs[0]._p.append(d.paragraphs[0]._p.makeelement(f"{W}bookmarkStart", {f"{W}id": "7", f"{W}name": "b"}))
    blocks = _texts(d)
    edits = [TextEdit(i, 3, 1, "，", ",") for i in range(2)]
    track_changes(d, blocks, edits, WHEN)
    ids = [el.get(f"{W}id") for el in d.element.body.iter(f"{W}ins", f"{W}del")]
    assert len(set(ids)) == 4 and all(int(i) > 7 for i in ids)


# ---------------------------------------------------------------- a real report made by an office suite

def _safe_edits(path):
    doc = load_docx(path.name, path.read_bytes())
    res = lint_document(doc, Options(as_of=AS_OF))
    edits = edits_from_findings(res.findings)
    assert len(edits) == len([f for f in res.findings if f.fix and f.fix.applicability == "safe"])
    return doc, edits


def test_anting_fixes_as_tracked_changes(tmp_path):
    src = tmp_path / "anting-2023.docx"
    shutil.copy(FIXTURES / "anting-2023.docx", src)
    doc, edits = _safe_edits(src)
    assert {e.expected for e in edits} >= {",", "2021-2025"}
    blocks = [b.text for b in doc.blocks]
    d = docx.Document(str(src))
    made = track_changes(d, blocks, edits, WHEN)
    assert made == sorted(edits, key=lambda e: (e.block, e.offset))  # every safe fix found its runs
    out = tmp_path / "anting-2023.lawgov.docx"
    d.save(str(out))
    assert src.read_bytes() == (FIXTURES / "anting-2023.docx").read_bytes()  # the input is untouched

    expected = list(blocks)
    for b in {e.block for e in made}:
        expected[b] = _apply(blocks[b], [e for e in made if e.block == b])
    # accepting every change on the XML gives the fixed text
    accepted = docx.Document(str(out))
    assert all(a == AUTHOR for _, a, _ in iter_revisions(accepted.element.body))
    accept_all(accepted.element.body)
    buf = io.BytesIO()
    accepted.save(buf)
    again = load_docx("accepted.docx", buf.getvalue())
    assert [b.text for b in again.blocks] == expected
    # and a second lint of the accepted copy finds none of the fixed findings
    res = lint_document(again, Options(as_of=AS_OF))
    assert not [f for f in res.findings if f.fix and f.fix.applicability == "safe"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_revised_copy(tmp_path):
    src = tmp_path / "anting-2023.docx"
    shutil.copy(FIXTURES / "anting-2023.docx", src)
    doc, edits = _safe_edits(src)
    d = docx.Document(str(src))
    assert track_changes(d, [b.text for b in doc.blocks], edits, WHEN)
    out = tmp_path / "revised.docx"
    d.save(str(out))
    profile = tmp_path / "lo-profile"  # a profile of its own: never the user's, never shared with a parallel run
    r = subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(tmp_path / "pdf"), str(out)], capture_output=True, text=True, timeout=240)
    pdf = tmp_path / "pdf" / "revised.pdf"
    assert r.returncode == 0 and pdf.exists() and pdf.stat().st_size > 10_000, r.stderr
    import pypdfium2

    text = "".join(page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(str(pdf)))
    assert "法治" in text

"""--annotate DIR: each finding a Word comment (批注) on its own text (issue 11, SPEC §7)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from docx import Document as WordDocument

from lawgov_lint.annotate import annotation_target
from lawgov_lint.annotate.docx import AUTHOR, INITIALS, annotate_docx, comment_text, read_comments
from lawgov_lint.cli import main
from lawgov_lint.engine import Options, lint_path

from helpers import COMPLETE, FIXTURES, SEEDS

AS_OF = dt.date(2026, 11, 21)


def _check_every_finding_is_a_comment_on_its_text(result, comments):
    assert len(comments) == len(result.findings)
    doc = result.report.doc
    remaining = list(comments)
    for f in result.findings:
        want = f.excerpt if f.location.length else doc.blocks[f.location.block - 1].text
        match = [c for c in remaining if c["text"] == comment_text(f) and c["anchor"] == want]
        assert match, f"{f.code} {f.excerpt!r}: no comment anchored on it"
        remaining.remove(match[0])
    assert all(c["author"] == AUTHOR and c["initials"] == INITIALS for c in comments)


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_docx_fixtures_annotated_finding_by_finding(seed, tmp_path):
    src = FIXTURES / f"{seed}.docx"
    before = src.read_bytes()
    result = lint_path(src, Options(as_of=AS_OF))
    assert result.findings
    dst = tmp_path / f"{seed}.lawgov.docx"
    annotate_docx(src, dst, result.findings)
    assert src.read_bytes() == before
    _check_every_finding_is_a_comment_on_its_text(result, read_comments(dst))
    # the copy reads as the same document: same blocks, same findings
    again = lint_path(dst, Options(as_of=AS_OF))
    assert [b.text for b in again.report.doc.blocks] == [b.text for b in result.report.doc.blocks]
    assert [(f.code, f.location.block, f.location.offset) for f in again.findings] == \
        [(f.code, f.location.block, f.location.offset) for f in result.findings]


def _own_docx(path):
    """A report of our own wording: a doubled comma inside a bold run, another in a table cell,
    a typo spread over three runs."""
    d = WordDocument()
    lines = COMPLETE.strip("\n").split("\n")
    for line in lines[:6]:
        d.add_paragraph(line)
    p = d.add_paragraph("全年受理行政复议申请")
    bold = p.add_run("15件，，")
    bold.bold = True
    p.add_run("较上年有所增加。")
    p = d.add_paragraph("坚持把")
    p.add_run("法治政")
    p.add_run("建设")
    p.add_run("摆在全局工作的重要位置。")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "事项"
    table.cell(0, 1).text = "说明"
    table.cell(1, 0).text = "行政应诉"
    table.cell(1, 1).text = "出庭应诉12次，，均由负责人出庭。"
    for line in lines[6:]:
        d.add_paragraph(line)
    d.save(path)


def test_own_document_ranges_split_runs_and_keep_formatting(tmp_path):
    src = tmp_path / "江河.docx"
    _own_docx(src)
    result = lint_path(src, Options(as_of=AS_OF))
    got = {(f.code, f.excerpt, f.location.table) for f in result.findings}
    assert ("P001", "，，", None) in got and ("P001", "，，", 1) in got
    assert any(f.code == "T001" and f.excerpt.startswith("法治政") for f in result.findings)
    dst = tmp_path / "out" / "江河.lawgov.docx"
    annotate_docx(src, dst, result.findings)
    comments = read_comments(dst)
    _check_every_finding_is_a_comment_on_its_text(result, comments)
    # the bold run was split in two bold runs around the comment range; text unchanged
    d = WordDocument(dst)
    para = next(p for p in d.paragraphs if p.text.startswith("全年受理行政复议申请"))
    assert para.text == "全年受理行政复议申请15件，，较上年有所增加。"
    assert [(r.text, bool(r.bold)) for r in para.runs if r.text] == [
        ("全年受理行政复议申请", False), ("15件", True), ("，，", True), ("较上年有所增加。", False)]
    cell = d.tables[0].cell(1, 1)
    assert cell.text == "出庭应诉12次，，均由负责人出庭。"
    assert any(c["anchor"] == "，，" and "P001" in c["text"] for c in comments)


def test_annotated_copy_opens_in_libreoffice(tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    own = tmp_path / "江河.docx"
    _own_docx(own)  # split runs, a table cell and a range over three runs
    made = []
    for src in (FIXTURES / "waigang-2022.docx", own):
        dst = tmp_path / "annotated" / f"{src.stem}.lawgov.docx"
        annotate_docx(src, dst, lint_path(src, Options(as_of=AS_OF)).findings)
        made.append(dst)

    def convert(path, target, outdir):
        proc = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
                               "--convert-to", target, "--outdir", str(outdir), str(path)],
                              capture_output=True, text=True, timeout=240)
        assert proc.returncode == 0, proc.stderr

    for dst in made:
        convert(dst, "pdf", tmp_path)
        pdf = tmp_path / f"{dst.stem}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
        # LibreOffice reads the comments and their ranges: saved again as .docx, they are all still there
        convert(dst, "docx:MS Word 2007 XML", tmp_path / "roundtrip")
        back = read_comments(tmp_path / "roundtrip" / dst.name)
        ours = read_comments(dst)
        assert sorted((c["anchor"], c["text"], c["author"]) for c in back) == \
            sorted((c["anchor"], c["text"], c["author"]) for c in ours)


def test_cli_annotate_keeps_folders_and_notes_other_formats_once(tmp_path):
    inbox = tmp_path / "收文"
    for sub in ("甲镇", "乙镇"):
        (inbox / sub).mkdir(parents=True)
        shutil.copy(FIXTURES / "miaohang-2023.docx", inbox / sub / "报告.docx")
    shutil.copy(FIXTURES / "miaohang-2023.txt", inbox / "甲镇" / "报告.txt")
    shutil.copy(FIXTURES / "miaohang-2023.pdf", inbox / "乙镇" / "报告.pdf")
    out = tmp_path / "批注"
    r = CliRunner().invoke(main, ["--as-of", "2026-11-21", "--quiet", "--annotate", str(out), str(inbox)],
                           catch_exceptions=False)
    assert r.exit_code == 1
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx")) == [
        "乙镇/报告.lawgov.docx", "甲镇/报告.lawgov.docx"]
    assert r.stderr.count("--annotate writes Word comments into .docx files only") == 1
    assert "2 other input(s) not annotated" in r.stderr
    assert read_comments(out / "甲镇" / "报告.lawgov.docx")


def test_annotation_target_relative_to_the_folder_given(tmp_path):
    (tmp_path / "in" / "a").mkdir(parents=True)
    f = tmp_path / "in" / "a" / "r.docx"
    assert annotation_target(f, [str(tmp_path / "in")], "out").as_posix() == "out/a/r.lawgov.docx"
    assert annotation_target(f, [str(f)], "out").as_posix() == "out/r.lawgov.docx"


def test_cli_annotate_refuses_to_overwrite_an_input(tmp_path):
    src = tmp_path / "r.lawgov.docx"
    shutil.copy(FIXTURES / "miaohang-2023.docx", src)
    before = src.read_bytes()
    # annotating r.lawgov.docx into its own folder would write r.lawgov.lawgov.docx: fine; but a file
    # named r.docx next to it would be annotated onto r.lawgov.docx — an input
    shutil.copy(FIXTURES / "miaohang-2023.docx", tmp_path / "r.docx")
    r = CliRunner().invoke(main, ["--annotate", str(tmp_path), str(tmp_path / "r.docx"), str(src)],
                           catch_exceptions=False)
    assert r.exit_code == 2 and "--annotate: " in r.output and "is one of the inputs" in r.output
    assert src.read_bytes() == before


# ---------------------------------------------------------------- odd Word structures

def _xml_doc(tmp_path, *paragraphs_xml):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    w = nsdecls("w") + ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    for xml in paragraphs_xml:
        d.element.body.insert(len(d.element.body) - 1, parse_xml(xml.replace("{W}", w)))
    path = tmp_path / "odd.docx"
    d.save(path)
    return path


def _finding_on(doc, block_no: int, text: str):
    from lawgov_lint.document import locate
    from lawgov_lint.findings import Finding

    block = doc.blocks[block_no - 1]
    s = block.text.index(text)
    return Finding(path=doc.path, code="P001", name="doubled-punctuation", severity="error", message="test",
                   suggestion=None, location=locate(doc, block, s, s + len(text)), excerpt=text, section=None,
                   url="")


def test_ranges_in_tracked_changes_fields_and_hyperlinks(tmp_path):
    from lawgov_lint.loaders.docx import load_docx

    src = _xml_doc(
        tmp_path,
        '<w:p {W}><w:r><w:t>法治</w:t></w:r><w:del w:id="91" w:author="a"><w:r><w:delText>政</w:delText></w:r></w:del>'
        '<w:ins w:id="92" w:author="a"><w:r><w:t>政府</w:t></w:r></w:ins><w:r><w:t>建设</w:t></w:r></w:p>',
        '<w:p {W}><w:pPr><w:rPr><w:del w:id="93" w:author="a"/></w:rPr></w:pPr><w:r><w:t>前半句，</w:t></w:r></w:p>',
        '<w:p {W}><w:r><w:t>后半句。</w:t></w:r></w:p>',
        '<w:p {W}><w:r><w:t xml:space="preserve">共</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> = 2 + 3 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>5</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>件</w:t><w:tab/><w:t>见</w:t></w:r>'
        '<w:hyperlink r:id="rIdX"><w:r><w:t>政府网站</w:t></w:r></w:hyperlink></w:p>',
    )
    doc = load_docx(str(src), src.read_bytes())
    assert [b.text for b in doc.blocks] == ["法治政府建设", "前半句，后半句。", "共5件\t见政府网站"]
    wanted = [(1, "治政"), (1, "政府"), (2, "，后"), (3, "5件"), (3, "\t见"), (3, "网站")]
    findings = [_finding_on(doc, b, t) for b, t in wanted]
    out = annotate_docx(src, None, findings)
    anchors = [c["anchor"] for c in read_comments(out)]
    assert len(anchors) == len(wanted)
    assert anchors[0] == "治政" and anchors[1] == "政府"
    assert anchors[2].replace("\n", "") == "，后"  # across the two paragraphs a deleted mark joins
    assert anchors[3] == "5件"  # 件 shares its run with a tab and another w:t: split at the w:t
    assert anchors[4] == "\t见" and anchors[5] == "网站"
    assert [b.text for b in load_docx("x.docx", out).blocks] == [b.text for b in doc.blocks]


def test_a_finding_whose_text_changed_is_put_on_its_paragraph(tmp_path):
    src = tmp_path / "r.docx"
    _own_docx(src)
    result = lint_path(src, Options(as_of=AS_OF))
    f = next(x for x in result.findings if x.code == "P001" and x.location.table is None)
    import dataclasses

    stale = dataclasses.replace(f, excerpt="不同的文字")
    comments = read_comments(annotate_docx(src, None, [stale]))
    assert comments[0]["anchor"] == result.report.doc.blocks[f.location.block - 1].text


def test_targets_of_several_folders_never_collide(tmp_path):
    from lawgov_lint.annotate import annotation_targets

    a, b = tmp_path / "街镇", tmp_path / "部门"
    for folder in (a, b):
        folder.mkdir()
        (folder / "报告.docx").write_bytes(b"")
    c = tmp_path / "x" / "街镇"
    c.mkdir(parents=True)
    (c / "报告.docx").write_bytes(b"")
    paths = [str(a / "报告.docx"), str(b / "报告.docx"), str(c / "报告.docx")]
    got = annotation_targets(paths, [str(a), str(b), str(c)], "out")
    assert [p.as_posix() for p in got.values()] == [
        "out/街镇/报告.lawgov.docx", "out/部门/报告.lawgov.docx", "out/街镇/报告-2.lawgov.docx"]


def test_annotated_copy_is_deterministic_and_dated(tmp_path):
    import time

    src = FIXTURES / "miaohang-2023.docx"
    findings = lint_path(src, Options(as_of=AS_OF)).findings
    one = annotate_docx(src, None, findings, date=AS_OF)
    time.sleep(2.1)
    two = annotate_docx(src, None, findings, date=AS_OF)
    assert one == two
    import io
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(one)).read("word/comments.xml").decode("utf-8")
    assert xml.count('w:date="2026-11-21T00:00:00Z"') == len(findings)


def test_cli_annotate_fix_makes_safe_fixes_tracked_changes_and_comments_the_rest(tmp_path):
    import io

    from lawgov_lint.docx_revisions import accept_all, iter_revisions
    from lawgov_lint.loaders.docx import load_docx

    src = tmp_path / "in" / "anting-2023.docx"
    src.parent.mkdir()
    shutil.copy(FIXTURES / "anting-2023.docx", src)
    before = src.read_bytes()
    r = CliRunner().invoke(main, ["--as-of", AS_OF.isoformat(), "--annotate", str(tmp_path / "out"), "--fix",
                                  str(src)], catch_exceptions=False)
    assert r.exit_code in (0, 1), r.output
    assert src.read_bytes() == before  # the input is never modified
    out = tmp_path / "out" / "anting-2023.lawgov.docx"
    findings = lint_path(src, Options(as_of=AS_OF)).findings
    safe = [f for f in findings if f.fix is not None and f.fix.applicability == "safe"]
    assert safe, "anting has safe fixes (a half-width comma, a year-range hyphen)"
    copy = WordDocument(str(out))
    revisions = list(iter_revisions(copy.element.body))
    assert revisions and all(author == AUTHOR for _, author, _ in revisions)
    # every other finding is a comment; the fixed ones are not commented on
    comments = read_comments(out)
    assert len(comments) == len(findings) - len(safe)
    assert not any(f"{f.code}" in c["text"] and c["anchor"] == f.excerpt for f in safe for c in comments)
    # accepting every change gives the fixed text: a second lint finds none of the safe fixes
    accept_all(copy.element.body)
    buf = io.BytesIO()
    copy.save(buf)
    again = lint_path("accepted.docx", Options(as_of=AS_OF), data=buf.getvalue())
    assert not [f for f in again.findings if f.fix is not None and f.fix.applicability == "safe"]
    assert load_docx("accepted.docx", buf.getvalue()).blocks


def test_annotate_fix_copy_opens_in_libreoffice(tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    src = tmp_path / "anting-2023.docx"
    shutil.copy(FIXTURES / "anting-2023.docx", src)
    r = CliRunner().invoke(main, ["--as-of", AS_OF.isoformat(), "--annotate", str(tmp_path / "out"), "--fix",
                                  str(src)], catch_exceptions=False)
    assert r.exit_code in (0, 1), r.output
    out = tmp_path / "out" / "anting-2023.lawgov.docx"
    proc = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(out)],
                          capture_output=True, text=True, timeout=240)
    pdf = tmp_path / "pdf" / "anting-2023.lawgov.pdf"
    assert proc.returncode == 0 and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000, proc.stderr

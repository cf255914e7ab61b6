"""Suppression comments: <!-- lawgov-lint: ignore[…] --> in .txt/.md, Word comments in .docx, L001."""

from __future__ import annotations

import io
import json
import zipfile

import docx
import pytest
from click.testing import CliRunner

from lawgov_lint.cli import main
from lawgov_lint.document import Suppression
from lawgov_lint.engine import Options, lint_document
from lawgov_lint.loaders.docx import load_docx
from lawgov_lint.loaders.text import load_text
from lawgov_lint.suppress import MALFORMED, parse_directive

from helpers import AS_OF, COMPLETE, FIXTURES, note_texts

# COMPLETE with two partial-period paragraphs (D004 each) and without 述法 (M001, on the title)
BODY_1 = "全年审查重大行政决策事项8件，办理行政复议案件12件，行政机关负责人出庭应诉率100%。"
BODY_2 = "无。"  # section 五 (a partial period in the plan section would be next year's)
PARTIAL_1 = "截至10月底，审查重大行政决策事项8件，办理行政复议案件12件。"
PARTIAL_2 = "1-11月，查处各类违法案件35件。"
REPORT = (COMPLETE.replace(BODY_1, PARTIAL_1).replace(BODY_2, PARTIAL_2)
          .replace("在县委全面依法治县委员会会议上专题述法", "在会上述职"))
IGNORE = "<!-- lawgov-lint: ignore[{}] -->"


def before(text: str, line_start: str, comment: str) -> str:
    """``text`` with ``comment`` on its own line before the line starting with ``line_start``."""
    assert line_start in text
    return text.replace(line_start, comment + "\n" + line_start, 1)


def lint(text: str, fmt: str = "txt", **opts):
    doc = load_text(f"case.{fmt}", text.encode("utf-8"), fmt)
    opts.setdefault("as_of", AS_OF)
    return lint_document(doc, Options(**opts))


def found(result) -> list[tuple[str, int]]:
    return [(f.code, f.location.line) for f in result.findings]


def line_of(text: str, start: str) -> int:
    return next(i for i, l in enumerate(text.splitlines(), 1) if l.startswith(start))


def test_the_report_has_the_findings_the_tests_suppress():
    got = found(lint(REPORT))
    assert sorted(c for c, _ in got) == ["D004", "D004", "M001"]


# --------------------------------------------------------------------------- parsing

@pytest.mark.parametrize("text,expect", [
    ("lawgov-lint: ignore[T001]", ("ignore", ("T001",))),
    ("lawgov-lint:ignore[T001, P002]", ("ignore", ("T001", "P002"))),
    ("lawgov-lint： ignore[T001，P002]", ("ignore", ("T001", "P002"))),
    ("LAWGOV-LINT: Ignore-File[S005]", ("ignore-file", ("S005",))),
    ("lawgov-lint: ignore", ("ignore", ())),
    ("lawgov-lint: ignore-file[term-near-miss]", ("ignore-file", ("term-near-miss",))),
    ("lawgov-lint: ignroe[T001]", ("malformed", (MALFORMED, "lawgov-lint: ignroe[T001]"))),
    ("lawgov-lint: ignore[]", ("malformed", (MALFORMED, "lawgov-lint: ignore[]"))),
    ("lawgov-lint: ignore[T001] please", ("malformed", (MALFORMED, "lawgov-lint: ignore[T001] please"))),
    ("请核实此处数据", None),
    ("lawgov-lint ignore[T001]", None),
])
def test_parse_directive(text, expect):
    assert parse_directive(text) == expect


# --------------------------------------------------------------------------- text and markdown

@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_ignore_comment_suppresses_the_next_paragraph_only(fmt):
    text = before(REPORT, PARTIAL_1, IGNORE.format("D004"))
    r = lint(text, fmt)
    assert sorted(c for c, _ in found(r)) == ["D004", "M001"]
    assert ("D004", line_of(text, PARTIAL_2)) in found(r)
    assert all(IGNORE.format("D004") not in b.text for b in r.report.doc.blocks), "the comment is not text"


@pytest.mark.parametrize("selector", ["D004", "D", "D00", "partial-period", "d004"])
def test_codes_prefixes_and_names(selector):
    text = before(REPORT, PARTIAL_1, IGNORE.format(selector))
    assert sorted(c for c, _ in found(lint(text))) == ["D004", "M001"]


def test_blank_lines_between_comment_and_paragraph_are_allowed():
    text = before(REPORT, PARTIAL_1, IGNORE.format("D004") + "\n")
    assert sorted(c for c, _ in found(lint(text))) == ["D004", "M001"]


def test_bare_ignore_suppresses_everything_on_the_paragraph():
    text = before(REPORT, PARTIAL_1, "<!-- lawgov-lint: ignore -->")
    assert sorted(c for c, _ in found(lint(text))) == ["D004", "M001"]


def test_ignore_file_anywhere():
    text = REPORT + "<!-- lawgov-lint: ignore-file[M001, D004] -->\n"
    assert found(lint(text)) == []


def test_unused_suppression_is_l001_at_the_comment_line():
    text = before(REPORT, PARTIAL_2, IGNORE.format("D005"))
    text = before(text, "四、", IGNORE.format("D004"))  # a heading without D004
    r = lint(text)
    l001 = [f for f in r.findings if f.code == "L001"]
    assert [f.location.line for f in l001] == [line_of(text, IGNORE.format("D004")), line_of(text, IGNORE.format("D005"))]
    f = l001[1]
    assert f.severity == "warning" and "D005" in f.message and f.excerpt == IGNORE.format("D005")
    assert f.location.column == 1 and f.location.end_column == 1 + len(IGNORE.format("D005"))


def test_partly_used_suppression_names_the_unused_code():
    text = before(REPORT, PARTIAL_1, IGNORE.format("D004,D005"))
    r = lint(text)
    l001 = [f for f in r.findings if f.code == "L001"]
    assert len(l001) == 1 and "D005" in l001[0].message and "D004" not in l001[0].message
    assert sorted(c for c, _ in found(r)) == ["D004", "L001", "M001"]


def test_unknown_code_is_reported():
    text = before(REPORT, PARTIAL_1, IGNORE.format("D004,Q999"))
    l001 = [f for f in lint(text).findings if f.code == "L001"]
    assert len(l001) == 1 and "unknown" in l001[0].message and "Q999" in l001[0].message


def test_unused_file_level_suppression():
    text = REPORT + "<!-- lawgov-lint: ignore-file[S005] -->\n"
    r = lint(text)
    l001 = [f for f in r.findings if f.code == "L001"]
    assert len(l001) == 1 and "file-level" in l001[0].message and l001[0].location.line == len(text.splitlines())


def test_malformed_and_dangling_comments():
    text = before(REPORT, PARTIAL_1, "<!-- lawgov-lint: ignroe[D004] -->") + "<!-- lawgov-lint: ignore[D004] -->\n"
    r = lint(text)
    l001 = [f for f in r.findings if f.code == "L001"]
    assert len(l001) == 2
    assert "malformed" in l001[0].message and l001[0].location.line == line_of(text, "<!-- lawgov-lint: ignroe")
    assert l001[0].excerpt == "<!-- lawgov-lint: ignroe[D004] -->"
    assert "not followed by a paragraph" in l001[1].message
    assert sorted(c for c, _ in found(r)).count("D004") == 2, "a malformed comment suppresses nothing"


def test_rules_not_selected_are_never_reported_unused():
    text = before(REPORT, PARTIAL_1, IGNORE.format("M001"))  # M001 is on the title, not here
    assert [c for c, _ in found(lint(text, select=["D"], extend_select=["L001"]))] == ["D004", "D004"]
    assert "L001" in [c for c, _ in found(lint(text))]


def test_l001_can_be_ignored():
    text = before(REPORT, PARTIAL_1, IGNORE.format("D005"))
    assert "L001" not in [c for c, _ in found(lint(text, ignore=["L001"]))]
    assert "L001" not in [c for c, _ in found(lint(text + "<!-- lawgov-lint: ignore-file[L001] -->\n"))]


def test_other_html_comments_are_left_alone():
    text = REPORT.replace(PARTIAL_1, "<!-- 注：数据待核实 -->\n" + PARTIAL_1)
    md = lint(text, "md")
    assert all("数据待核实" not in b.text for b in md.report.doc.blocks), "markdown comments are not text"
    txt = lint(text, "txt")
    assert any("数据待核实" in b.text for b in txt.report.doc.blocks), "a .txt keeps ordinary text"


def test_hard_wrapped_text_paragraph_starts_after_the_comment():
    src = (FIXTURES / "zhaoxiang-2023.txt").read_text(encoding="utf-8")
    plain = load_text("z.txt", src.encode())
    d005 = [f for f in lint(src).findings if f.code == "D005"]
    assert len(d005) == 2
    block = plain.blocks[d005[0].location.block - 1]
    first = block.segments[0].line  # the paragraph's first physical line
    lines = src.splitlines(keepends=True)
    lines.insert(first - 1, IGNORE.format("D005") + "\n")
    r = lint("".join(lines))
    assert [f.code for f in r.findings if f.code == "D005"] == ["D005"], "only the other paragraph's D005 is left"
    assert len(r.report.doc.blocks) == len(plain.blocks)
    assert [b.text for b in r.report.doc.blocks] == [b.text for b in plain.blocks]


# --------------------------------------------------------------------------- through the CLI

def run(*args, input=None):
    return CliRunner().invoke(main, ["--as-of", "2026-11-21", *args], input=input, catch_exceptions=False)


def test_cli_suppression_changes_the_exit_code(tmp_path):
    p = tmp_path / "r.md"
    p.write_text(REPORT, encoding="utf-8")
    assert run(str(p)).exit_code == 1  # M001 is an error
    p.write_text("<!-- lawgov-lint: ignore-file[M001] -->\n" + REPORT, encoding="utf-8")
    r = run("--output-format", "json", str(p))
    assert r.exit_code == 0
    assert [f["code"] for f in json.loads(r.stdout)["files"][0]["findings"]] == ["D004", "D004"]


def test_cli_l001_in_sarif_and_github(tmp_path):
    p = tmp_path / "r.txt"
    text = before(REPORT, PARTIAL_1, IGNORE.format("S005"))
    p.write_text(text, encoding="utf-8")
    line = line_of(text, "<!--")
    sarif = json.loads(run("--output-format", "sarif", "--select", "L,S", str(p)).stdout)
    res = sarif["runs"][0]["results"]
    assert [x["ruleId"] for x in res] == ["L001"]
    assert res[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == line
    gh = run("--output-format", "github", "--select", "L001,S005", str(p)).stdout
    assert f",line={line},col=1," in gh and "::warning " in gh


def test_cli_stdin_suppression(tmp_path):
    text = "<!-- lawgov-lint: ignore-file[M001,D004] -->\n" + REPORT
    r = run("--output-format", "json", "--stdin-filename", "draft.md", "-", input=text.encode())
    assert r.exit_code == 0 and json.loads(r.stdout)["files"][0]["findings"] == []


# --------------------------------------------------------------------------- Word comments

def _docx(comments: list[tuple[str, str]], with_table: bool = True) -> tuple[bytes, dict[str, object]]:
    """A .docx of REPORT's lines (and a table), with comments anchored on the lines starting with the keys.

    comments: [(line start or "cell", comment text)].
    """
    d = docx.Document()
    paras = {}
    for line in REPORT.splitlines():
        p = d.add_paragraph(line)
        paras.setdefault(line[:4], p)
        if line.startswith("一、"):
            d.add_paragraph("")  # an empty paragraph is no block
    cell = None
    if with_table:
        t = d.add_table(rows=2, cols=2)
        t.cell(0, 0).paragraphs[0].add_run("指标")
        t.cell(0, 1).paragraphs[0].add_run("数量")
        t.cell(1, 0).paragraphs[0].add_run("1-11月案件35件")
        cell = t.cell(1, 0).paragraphs[0]
        d.add_paragraph("附：数据截至2024年12月31日。")
    d.add_comment(paras["县委、县"].runs, text="请核实主送机关", author="审核人")  # not a directive
    for start, text in comments:
        target = cell if start == "cell" else paras[start[:4]]
        d.add_comment(target.runs, text=text, author="审核人")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue(), paras


def read_docx_suppressions(data: bytes):
    return load_docx("r.docx", data).suppressions


def test_docx_loader_anchors_comments_on_its_blocks():
    data, _ = _docx([(PARTIAL_1, "lawgov-lint: ignore[D004]"), ("cell", "lawgov-lint: ignore[D004,D005]"),
                     ("五、其他", "lawgov-lint: ignore-file[M001]"), (PARTIAL_2, "注意：lawgov-lint: ignore[D004]")])
    sups = read_docx_suppressions(data)
    doc = load_docx("r.docx", data)
    assert [s.codes for s in sups] == [("D004",), ("D004", "D005"), ("M001",)]
    assert doc.blocks[sups[0].block].text == PARTIAL_1 and sups[0].line == sups[0].block + 1
    assert doc.blocks[sups[1].block].text == "1-11月案件35件" and doc.blocks[sups[1].block].table == 1
    assert sups[2].file_level and sups[2].block is None


def test_docx_suppressions_applied_by_the_engine():
    data, _ = _docx([(PARTIAL_1, "lawgov-lint: ignore[D004]"), ("cell", "lawgov-lint: ignore[D004,D005]"),
                     ("五、其他", "lawgov-lint: ignore-file[M001]")])
    doc = load_docx("r.docx", data)
    r = lint_document(doc, Options(as_of=AS_OF))
    got = [(f.code, f.location.block) for f in r.findings]
    cell = next(b.index for b in doc.blocks if b.text == "1-11月案件35件")
    para2 = next(b.index for b in doc.blocks if b.text == PARTIAL_2)
    assert ("D004", para2) in got
    assert not any(c == "D004" and b in (cell, next(b.index for b in doc.blocks if b.text == PARTIAL_1)) for c, b in got)
    assert "M001" not in [c for c, _ in got]
    l001 = [f for f in r.findings if f.code == "L001"]
    assert len(l001) == 1 and "D005" in l001[0].message
    assert l001[0].location.block == cell and l001[0].location.line == cell
    assert l001[0].excerpt == "lawgov-lint: ignore[D004,D005]"


def test_docx_without_comments():
    data, _ = _docx([])
    doc = load_docx("r.docx", data)
    assert doc.suppressions == [] and not any("comment" in n for n in doc.notes)


def test_unreadable_word_comments_are_said_once(monkeypatch):
    """A comments part that cannot be read costs its directives and says so in one note."""
    from docx.parts.comments import CommentsPart

    data, _ = _docx([(PARTIAL_1, "lawgov-lint: ignore[D004]"), (PARTIAL_2, "lawgov-lint: ignore[D005]")])
    monkeypatch.setattr(CommentsPart, "element", property(lambda self: (_ for _ in ()).throw(ValueError("bad part"))))
    doc = load_docx("r.docx", data)
    assert doc.suppressions == []
    assert [n for n in note_texts(doc) if "comment" in n] == [
        "the Word comments could not be read (bad part): suppression comments in them are not applied"]


def test_docx_comment_anchor_in_an_empty_paragraph_goes_to_the_next_block():
    d = docx.Document()
    d.add_paragraph("某某区2024年法治政府建设情况报告")
    empty = d.add_paragraph("")
    run_ = empty.add_run("")
    d.add_paragraph("截至10月底，共办理案件8件。")
    d.add_comment([run_], text="lawgov-lint: ignore[D004]", author="x")
    buf = io.BytesIO()
    d.save(buf)
    sups = read_docx_suppressions(buf.getvalue())
    doc = load_docx("r.docx", buf.getvalue())
    assert doc.blocks[sups[0].block].text.startswith("截至10月底")


def test_docx_comment_xml_entities_are_not_resolved(tmp_path):
    data, _ = _docx([(PARTIAL_1, "lawgov-lint: ignore[D004]")])
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "word/comments.xml":
                secret = tmp_path / "secret.txt"
                secret.write_text("D005", encoding="utf-8")
                head, rest = body.split(b"?>", 1)
                body = (head + b'?><!DOCTYPE w:comments [<!ENTITY e SYSTEM "' + secret.as_uri().encode() + b'">]>'
                        + rest.replace(b"ignore[D004]", b"ignore[&e;]"))
            z.writestr(item, body)
    sups = read_docx_suppressions(out.getvalue())
    assert all("D005" not in s.codes for s in sups)


def test_docx_cli_suppression_when_the_loader_records_comments(tmp_path):
    data, _ = _docx([("五、其他", "lawgov-lint: ignore-file[M001]")])
    assert load_docx("r.docx", data).suppressions
    p = tmp_path / "r.docx"
    p.write_bytes(data)
    r = run("--output-format", "json", str(p))
    assert "M001" not in [f["code"] for f in json.loads(r.stdout)["files"][0]["findings"]]


def test_suppression_dataclass_contract():
    s = Suppression(("D004",), 3, 7)
    assert not s.file_level and s.block == 3 and s.line == 7

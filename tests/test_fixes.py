"""Exact edits (Finding.fix), their outputs, and --fix / --unsafe-fixes / --diff on .txt/.md files."""

from __future__ import annotations

import difflib
import json
import shutil

import pytest
from click.testing import CliRunner

from lawgov_lint.cli import main
from lawgov_lint.document import Location
from lawgov_lint.findings import Finding, Fix
from lawgov_lint.fixes import apply_line_edits, read_text, encode_text, LineEdit
from lawgov_lint.reporters.concise import concise_line

from helpers import ROOT, lint_text, report

SEEDS = ROOT.parent / "shared" / "seeds"
AS_OF = ["--as-of", "2026-11-21"]


def run(*args):
    return CliRunner().invoke(main, [*AS_OF, *args], catch_exceptions=False)


def only(result, code):
    return [f for f in result.findings if f.code == code]


# ---------------------------------------------------------------- Finding.fix, rule by rule

def test_doubled_comma_has_a_safe_fix_of_its_own_range():
    (f,) = only(lint_text(report("全镇新建调解室12个，，覆盖所有村居。")), "P001")
    assert f.excerpt == "，，" and f.fix == Fix("，", "safe")
    assert f.location.length == 2


def test_two_different_marks_run_together_is_an_unsafe_fix():
    (f,) = only(lint_text(report("全镇新建调解室12个，。覆盖所有村居。")), "P001")
    assert f.fix == Fix("。", "unsafe")  # the stronger mark; which one was meant is a guess


def test_half_width_comma_and_brackets_are_safe_fixes():
    res = lint_text(report("今年共受理申请9件,全部办结。各社区(村)均设联络员。"))
    fixes = {f.excerpt: f.fix for f in only(res, "P002")}
    assert fixes == {",": Fix("，"), "(村)": Fix("（村）")}


def test_number_with_thousands_separator_has_no_finding_and_no_fix():
    assert not only(lint_text(report("共投入资金1,250万元，惠及群众。")), "P002")


def test_year_range_hyphen_and_lost_dash_are_safe():
    res = lint_text(report("落实本区“十四五”规划（2021-2025年）和纲要（2021 2025年）。"))
    assert [(f.excerpt, f.fix) for f in only(res, "F006")] == [("2021-2025", Fix("2021—2025"))]
    assert [(f.excerpt, f.fix) for f in only(res, "F005")] == [("2021 2025", Fix("2021—2025"))]


def test_jiezhi_as_time_adverbial_is_a_safe_fix_and_deadline_use_is_silent():
    (f,) = only(lint_text(report("截止11月底，全区共办结复议案件40件。")), "T003")
    assert f.excerpt == "截止" and f.fix == Fix("截至", "safe")
    assert not only(lint_text(report("报名于3月1日截止，逾期不再受理。")), "T003")


def test_other_known_confusions_are_unsafe():
    (f,) = only(lint_text(report("理顺基层执法体质，明确权责清单。")), "T003")
    assert f.excerpt == "体质" and f.fix == Fix("体制", "unsafe")


def test_term_near_miss_is_unsafe():
    (f,) = only(lint_text(report("全面落实法治政建设各项任务，成效明显。")), "T001")
    assert f.fix == Fix("法治政府建设", "unsafe") and f.excerpt == "法治政建设"


def test_cited_title_near_miss_is_an_unsafe_fix_of_the_title_inside_the_marks():
    (f,) = only(lint_text(report("本年度认真贯彻《中华人民共和国行政复议发》，依法办案。")), "T002")
    assert f.excerpt == "中华人民共和国行政复议发"
    assert f.fix == Fix("中华人民共和国行政复议法", "unsafe")


def test_rate_mismatch_has_a_suggestion_matching_its_span_but_no_fix():
    (f,) = only(lint_text(report("全年收到群众来信50件，其中办结40件，占90%。")), "N002")
    assert f.excerpt == "占90%" and f.suggestion == "占80%"
    assert f.fix is None


def test_fix_key_in_json_and_jsonl(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(report("今年共受理申请9件,全部办结。"), encoding="utf-8")
    data = json.loads(run("--output-format", "json", "--select", "P002", str(p)).output)
    (f,) = data["files"][0]["findings"]
    assert f["fix"] == {"replacement": "，", "applicability": "safe"}
    line = json.loads(run("--output-format", "jsonl", "--select", "P002", str(p)).output.splitlines()[0])
    assert line["fix"] == f["fix"]
    data = json.loads(run("--output-format", "json", "--select", "M", str(p)).output)
    assert all(f["fix"] is None for f in data["files"][0]["findings"])


def test_sarif_fixes_replace_the_result_region(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(report("今年共受理申请9件,全部办结。"), encoding="utf-8")
    run_ = json.loads(run("--output-format", "sarif", "--select", "P002", str(p)).output)["runs"][0]
    (res,) = run_["results"]
    (fix,) = res["fixes"]
    (change,) = fix["artifactChanges"]
    (rep,) = change["replacements"]
    region = res["locations"][0]["physicalLocation"]["region"]
    assert rep["insertedContent"]["text"] == "，" and fix["properties"]["applicability"] == "safe"
    assert rep["deletedRegion"] == {k: region[k] for k in ("startLine", "startColumn", "endLine", "endColumn")}
    assert change["artifactLocation"] == res["locations"][0]["physicalLocation"]["artifactLocation"]
    # a Word file's region is a paragraph, not a place in its bytes: no SARIF fix there
    docx_run = json.loads(run("--output-format", "sarif", "--select", "P002,F006",
                              str(ROOT / "fixtures" / "anting-2023.docx")).stdout)["runs"][0]
    assert docx_run["results"] and not any("fixes" in r for r in docx_run["results"])


def test_text_output_shows_the_fix(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(report("全镇新建调解室12个，，覆盖所有村居。"), encoding="utf-8")
    out = run("--select", "P001", str(p)).output
    assert "safe fix: “，，” → “，”" in out


def _finding(**loc) -> Finding:
    base = dict(block=3, line=3, column=5, end_line=3, end_column=7, page=None, page_line=None, table=None,
                row=None, col=None, offset=4, length=2)
    base.update(loc)
    return Finding("报告.pdf", "P001", "doubled-punctuation", "error", "doubled punctuation “，，”", "，",
                   Location(**base), "，，", 1, "u", Fix("，"))


@pytest.mark.parametrize("loc,tail", [
    ({}, ""),
    ({"page": 2, "page_line": 7}, " (page 2, line 7)"),
    ({"table": 1, "row": 2, "col": 3}, " (table 1, row 2, col 3)"),
])
def test_concise_keeps_path_line_col_first(loc, tail):
    line = concise_line(_finding(**loc))
    assert line == f"报告.pdf:3:5: error P001 doubled punctuation “，，”{tail} [safe fix: “，”]"


def test_fix_rejects_unknown_applicability():
    with pytest.raises(ValueError, match="applicability"):
        Fix("，", "maybe")


# ---------------------------------------------------------------- applying edits to text

def _edit(line, col, old, new):
    return LineEdit(line, col, len(old), old, new, None)  # type: ignore[arg-type]


def test_edits_keep_line_endings_and_skip_stale_or_overlapping_ones():
    text = "第一行,内容\r\n第二行，，内容\n第三行\r"
    new, made = apply_line_edits(text, [
        _edit(1, 4, ",", "，"),
        _edit(2, 4, "，，", "，"),
        _edit(2, 5, "，", "。"),       # overlaps the edit before it: next pass
        _edit(3, 1, "第四", "第五"),    # not what the file says: left alone
    ])
    assert new == "第一行，内容\r\n第二行，内容\n第三行\r"
    assert [(e.line, e.column) for e in made] == [(1, 4), (2, 4)]


@pytest.mark.parametrize("encoding,bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-8", b""), ("gb18030", b""),
                                          ("utf-16-le", b"\xff\xfe")])
def test_read_and_encode_round_trip(encoding, bom):
    raw = bom + "某某镇2024年法治政府建设情况报告\r\n正文,内容。\r\n".encode(encoding)
    text, enc, b = read_text(raw)
    assert b == bom and not text.startswith("\ufeff")
    assert encode_text(text, enc, b) == raw


def _hard_wrapped(at: int, insert: str) -> str:
    """A hard-wrapped report (lines of 30 characters, as extracted from a PDF) with ``insert`` at ``at``."""
    body = ("本镇持续深化行政执法体制改革全面推行行政执法公示制度执法全过程记录制度和重大执法决定法制审核制度"
            "不断提升执法规范化水平群众满意度稳步提高各项工作取得明显成效") * 12
    body = body[:at] + insert + body[at:]
    return "\r\n".join(["某某镇2024年法治政府建设情况报告", ""] + [body[i:i + 30] for i in range(0, len(body), 30)]) + "。\r\n"


def test_a_fix_across_a_line_break_of_a_hard_wrapped_paragraph(tmp_path):
    p = tmp_path / "wrapped.txt"
    src = _hard_wrapped(209, "，，")  # the first comma ends line 9, the second starts line 10
    p.write_bytes(src.encode("gb18030"))
    first = json.loads(run("--output-format", "json", "--select", "P001", str(p)).stdout)["files"][0]["findings"]
    assert [(f["location"]["line"], f["location"]["end_line"]) for f in first] == [(9, 10)]
    run("--fix", "--select", "P001", str(p))
    new = p.read_bytes().decode("gb18030")
    lines, old = new.split("\r\n"), src.split("\r\n")
    assert lines[8] == old[8] and lines[9] == old[9][1:]  # line 9 keeps its comma, line 10 loses its own
    assert len(lines) == len(old) and new.count("\r\n") == src.count("\r\n")
    assert not json.loads(run("--output-format", "json", "--select", "P001", str(p)).stdout)["files"][0]["findings"]


def test_edits_of_one_finding_are_made_all_or_none():
    f1, f2 = object(), object()
    text = "甲，\n，乙\n丙"
    new, made = apply_line_edits(text, [
        LineEdit(1, 2, 1, "，", "，", f1), LineEdit(2, 1, 1, "，", "", f1),   # one finding over two lines
        LineEdit(3, 1, 1, "丁", "戊", f2), LineEdit(2, 2, 1, "乙", "", f2),   # its first part is stale: none made
    ])
    assert new == "甲，\n乙\n丙" and [e.finding for e in made] == [f1, f1]


# ---------------------------------------------------------------- --fix / --diff on the seeds

SEED_TXT = sorted(SEEDS.glob("*.txt"))
FIXED = {"P001", "P002", "F005", "F006"}


def _spans(path) -> list[tuple[str, int, int, str]]:
    """(code, offset in the whole file text, end, replacement) of every safe fix, from JSON output."""
    text, _, _ = read_text(path.read_bytes())
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    data = json.loads(run("--output-format", "json", str(path)).output)
    out = []
    for f in data["files"][0]["findings"]:
        if f["fix"] and f["fix"]["applicability"] == "safe" and f["location"]["line"] == f["location"]["end_line"]:
            s = starts[f["location"]["line"] - 1] + f["location"]["column"] - 1
            out.append((f["code"], s, s + f["location"]["length"], f["fix"]["replacement"]))
    return out


@pytest.mark.skipif(not SEED_TXT, reason="the shared seeds are not beside the work tree")
@pytest.mark.parametrize("seed", SEED_TXT, ids=lambda p: p.stem)
def test_fix_then_second_run_has_none_of_the_fixed_findings(tmp_path, seed):
    p = tmp_path / seed.name
    shutil.copy(seed, p)
    before = p.read_bytes()
    spans = _spans(p)
    d = run("--diff", str(p))
    assert p.read_bytes() == before, "--diff writes nothing"
    assert d.exit_code == (1 if spans else 0)
    r = run("--fix", "--output-format", "json", str(p))
    remaining = {f["code"] for f in json.loads(r.stdout)["files"][0]["findings"]}
    assert not remaining & FIXED
    again = json.loads(run("--output-format", "json", str(p)).output)
    assert not {f["code"] for f in again["files"][0]["findings"]} & FIXED
    if not spans:
        assert p.read_bytes() == before
        return
    # the change touches only the fixed spans (each replaced by its fix), line endings and encoding kept
    old, _, _ = read_text(before)
    new, _, _ = read_text(p.read_bytes())
    assert old.count("\n") == new.count("\n") and old.count("\r") == new.count("\r")
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        assert any(s <= i1 and i2 <= e for _, s, e, _ in spans), (tag, old[i1 - 5:i2 + 5], new[j1:j2])
    assert "+++ b/" in d.output and "--- a/" in d.output


def test_unsafe_fixes_only_when_asked(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(report("全面落实法治政建设各项任务,成效明显。"), encoding="utf-8")
    r = run("--fix", "--select", "T001,P002", "--output-format", "concise", str(p))
    assert p.read_text(encoding="utf-8").endswith("全面落实法治政建设各项任务，成效明显。\n")
    assert "T001" in r.stdout and "fixed 1 finding(s), 1 remaining" in r.stderr
    run("--fix", "--unsafe-fixes", "--select", "T001,P002", str(p))
    assert p.read_text(encoding="utf-8").endswith("全面落实法治政府建设各项任务，成效明显。\n")


def test_fix_in_markdown_keeps_heading_marks_and_comments(tmp_path):
    p = tmp_path / "r.md"
    src = ("# 某某镇2024年法治政府建设情况报告\n\n<!-- 草稿,勿外传 -->\n\n"
           "## 一、主要举措\n\n全年新建调解室12个，，覆盖所有村居(社区)。\n")
    p.write_text(src, encoding="utf-8")
    run("--fix", "--select", "P", str(p))
    assert p.read_text(encoding="utf-8") == src.replace("，，", "，").replace("(社区)", "（社区）")


def test_unsafe_fixes_alone_is_a_usage_error(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(report("正文。"), encoding="utf-8")
    r = run("--unsafe-fixes", str(p))
    assert r.exit_code == 2 and "--unsafe-fixes goes with --fix or --diff" in r.stderr


def test_fix_on_a_word_file_says_where_fixes_go(tmp_path):
    src = ROOT / "fixtures" / "miaohang-2023.docx"
    p = tmp_path / src.name
    shutil.copy(src, p)
    before = p.read_bytes()
    r = run("--fix", "--output-format", "concise", str(p))
    assert p.read_bytes() == before
    assert "not fixed: fixes to Word files go through `--annotate DIR --fix`" in r.stderr


# ---------------------------------------------------------------- the editor recipes read concise output

def test_docs_problem_matcher_reads_every_concise_line():
    import re

    doc = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```json\n(.*?)```", doc, re.S) if "problemMatcher" in b)
    pattern = json.loads(block)["tasks"][0]["problemMatcher"]["pattern"]
    rx = re.compile(pattern["regexp"])
    fixtures = [ROOT / "fixtures" / f"anting-2023.{ext}" for ext in ("txt", "docx", "pdf")]
    out = run("--output-format", "concise", *map(str, fixtures)).stdout.splitlines()
    lines = [l for l in out if not l.startswith("Found ")]
    assert len(lines) > 20
    for line in lines:
        m = rx.match(line)
        assert m, line
        assert m.group(pattern["file"]) in map(str, fixtures)
        assert int(m.group(pattern["line"])) >= 1 and int(m.group(pattern["column"])) >= 1
    assert any("(page " in l for l in lines)  # the PDF's page info is after the message, not in the way


def test_a_pack_with_a_bad_fix_kind_is_one_line_naming_the_file(tmp_path):
    pack = tmp_path / "extra.toml"
    pack.write_text('[[terms.confusions]]\npattern = "(?P<w>甲乙)"\nright = "甲丙"\nfix = "maybe"\n',
                    encoding="utf-8")
    p = tmp_path / "r.txt"
    p.write_text(report("正文。"), encoding="utf-8")
    r = run("--rule-pack", str(pack), str(p))
    assert r.exit_code == 2
    assert "extra.toml" in r.stderr and "fix = 'maybe' must be one of safe, unsafe" in r.stderr

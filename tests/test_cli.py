"""End-to-end CLI: JSON shape (SPEC §7), every output format, exit codes, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from lawgov_lint.cli import main

from helpers import COMPLETE, FIXTURES

AS_OF = ["--as-of", "2026-11-21"]


def run(*args, input=None):
    return CliRunner().invoke(main, [*AS_OF, *args], input=input, catch_exceptions=False)


def test_json_matches_spec_key_for_key():
    r = run("--output-format", "json", str(FIXTURES / "zhaoxiang-2023.txt"))
    assert r.exit_code == 1
    data = json.loads(r.output)
    assert list(data) == ["version", "tool", "files", "summary"]
    assert data["version"] == 1 and data["tool"]["name"] == "lawgov-lint"
    f = data["files"][0]
    assert list(f) == ["path", "format", "error", "report", "facts", "findings"]
    assert f["format"] == "txt" and f["error"] is None
    assert list(f["report"]) == ["title", "issuer", "reporting_year", "reporting_year_source", "signing_date",
                                 "document_number", "published_on", "published_on_source"]
    assert f["report"]["reporting_year"] == 2023 and f["report"]["signing_date"] is None
    assert list(f["facts"]) == ["sections", "shufa", "metrics"]
    assert [s["content"] for s in f["facts"]["sections"]] == [1, 3, 2, 4]
    assert f["facts"]["shufa"], "述法 locations"
    finding = f["findings"][0]
    assert list(finding) == ["code", "name", "severity", "message", "suggestion", "location", "excerpt", "section", "url",
                             "fix"]
    assert list(finding["location"]) == ["block", "line", "column", "end_line", "end_column", "page", "page_line",
                                         "table", "row", "col", "offset", "length"]
    s = data["summary"]
    assert list(s) == ["files", "errors", "warnings", "infos", "by_code", "compliance"]
    c = s["compliance"][0]
    assert list(c) == ["path", "contents", "shufa", "signing_date", "deadline", "days_left"]
    assert c["contents"] == {"1": True, "2": True, "3": True, "4": True, "5": False}
    assert c["deadline"] == "unknown" and c["days_left"] == -995


def test_json_location_of_a_txt_finding():
    r = run("--output-format", "json", "--select", "S010", str(FIXTURES / "zhaoxiang-2023.txt"))
    f = json.loads(r.output)["files"][0]["findings"][0]
    assert f["code"] == "S010" and f["excerpt"] == "法治政府"
    # line 1 of the file is " 2023 年度法治政府报告 " (leading space)
    assert f["location"]["line"] == 1 and f["location"]["column"] == 9 and f["location"]["end_column"] == 13
    assert f["suggestion"] == "法治政府建设"  # replaces the marked 法治政府, not the whole title
    assert f["url"].endswith("#s010-title")


def test_json_locations_in_docx_and_pdf():
    r = run("--output-format", "json", "--select", "D004", str(FIXTURES / "qingpu-2023.docx"), str(FIXTURES / "qingpu-2023.pdf"))
    data = json.loads(r.output)
    docx, pdf = data["files"]
    d = next(x for x in docx["findings"] if x["excerpt"].replace(" ", "") == "截至11月底")
    assert d["location"]["line"] == d["location"]["block"] and d["location"]["page"] is None
    p = next(x for x in pdf["findings"] if x["excerpt"].replace(" ", "") == "截至11月底")
    assert p["location"]["page"] >= 10 and p["location"]["page_line"] >= 1
    assert p["location"]["line"] == p["location"]["block"]


def test_json_is_deterministic():
    a = run("--output-format", "json", str(FIXTURES / "anting-2023.txt")).output
    b = run("--output-format", "json", str(FIXTURES / "anting-2023.txt")).output
    assert a == b


def test_text_output_has_diagnostics_and_summary():
    r = run(str(FIXTURES / "miaohang-2023.txt"))
    out = r.output
    assert "fixtures/miaohang-2023.txt:1:2: ERROR M001" in out.replace(str(FIXTURES.parent) + "/", "")
    assert "suggestion:" in out
    assert "（五）" in out and "述法" in out and "✗" in out
    assert "\x1b[" not in out  # no colour when not a terminal


def test_fail_on_and_exit_zero(tmp_path):
    p = tmp_path / "ok.txt"
    p.write_text(COMPLETE, encoding="utf-8")
    assert run(str(p)).exit_code == 0
    info_only = tmp_path / "info.txt"
    info_only.write_text(COMPLETE.replace("江河县司法局\n2025年1月20日\n", ""), encoding="utf-8")
    assert run(str(info_only)).exit_code == 0
    assert run("--fail-on", "info", str(info_only)).exit_code == 1
    assert run("--exit-zero", str(FIXTURES / "miaohang-2023.txt")).exit_code == 0


def test_bad_files_exit_2_but_others_are_linted(tmp_path):
    bad = tmp_path / "old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 64)
    missing = tmp_path / "nope.txt"
    r = run("--output-format", "json", str(bad), str(missing), str(FIXTURES / "miaohang-2023.txt"))
    assert r.exit_code == 2
    files = json.loads(r.output)["files"]
    assert files[0]["error"].startswith("unsupported format .doc") and files[0]["report"] is None
    assert files[1]["error"] == "no such file"
    assert files[2]["error"] is None and files[2]["findings"]
    r2 = run("--exit-zero", str(bad))
    assert r2.exit_code == 2


def test_usage_errors_are_one_line():
    r = CliRunner().invoke(main, ["--as-of", "2024-13-01", "x.txt"])
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.output
    r = CliRunner().invoke(main, [])
    assert r.exit_code == 2 and "no PATH given" in r.output
    r = CliRunner().invoke(main, ["--select", "Z999", str(FIXTURES / "anting-2023.txt")])
    assert r.exit_code == 2 and "unknown rule selector" in r.output


def test_select_ignore_prefix_and_name():
    path = str(FIXTURES / "zhaoxiang-2023.txt")
    codes = lambda r: {f["code"] for f in json.loads(r.output)["files"][0]["findings"]}  # noqa: E731
    assert codes(run("--output-format", "json", "--select", "S", path)) <= {c for c in codes(run("--output-format", "json", path)) if c[0] == "S"}
    assert "S006" not in codes(run("--output-format", "json", "--ignore", "shortcomings-without-causes", path))
    assert codes(run("--output-format", "json", "--select", "S00", "--ignore", "S005", path)) == {"S006", "S007"}


def test_folder_is_searched_and_lock_files_skipped(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(COMPLETE, encoding="utf-8")
    (tmp_path / "~$a.docx").write_bytes(b"lock")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    r = run("--output-format", "json", str(tmp_path))
    assert [f["path"] for f in json.loads(r.output)["files"]] == [str(tmp_path / "sub" / "a.txt")]


def test_stdin_with_filename():
    r = run("--output-format", "json", "--stdin-filename", "draft.txt", "-", input=COMPLETE.encode())
    f = json.loads(r.output)["files"][0]
    assert f["path"] == "draft.txt" and f["findings"] == []


@pytest.mark.parametrize("fmt", ["concise", "jsonl", "sarif", "github", "junit"])
def test_other_formats(fmt):
    r = run("--output-format", fmt, str(FIXTURES / "miaohang-2023.txt"))
    assert r.exit_code == 1
    out = r.output
    if fmt == "concise":
        assert "miaohang-2023.txt:1:2: error M001" in out
    elif fmt == "jsonl":
        lines = [json.loads(x) for x in out.splitlines()]
        assert lines and all(list(x)[:2] == ["path", "code"] for x in lines)
    elif fmt == "sarif":
        data = json.loads(out)
        assert data["version"] == "2.1.0"
        run0 = data["runs"][0]
        ids = [r["id"] for r in run0["tool"]["driver"]["rules"]]
        res = next(x for x in run0["results"] if x["ruleId"] == "M001")
        assert ids[res["ruleIndex"]] == "M001" and res["level"] == "error"
        region = res["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] == 1 and region["startColumn"] == 2
    elif fmt == "github":
        assert "::error file=" in out and ",line=1,col=2," in out and "title=M001 shufa-missing" in out
    else:
        root = ET.fromstring(out.split("\n", 1)[1])
        assert root.tag == "testsuite" and root.get("failures") == "1"


def test_output_file_and_no_other_writes(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    report = src / "r.txt"
    report.write_text(COMPLETE, encoding="utf-8")
    out = tmp_path / "out.json"
    r = run("--output-format", "json", "--output-file", str(out), str(report))
    assert r.exit_code == 0 and r.output == ""
    assert json.loads(out.read_text(encoding="utf-8"))["files"][0]["path"] == str(report)
    assert sorted(p.name for p in src.iterdir()) == ["r.txt"]
    assert report.read_text(encoding="utf-8") == COMPLETE


def test_list_rules_and_explain():
    r = run("--list-rules")
    assert r.exit_code == 0
    lines = r.output.splitlines()
    assert any(l.startswith("S001  missing-content-1") for l in lines)
    assert any(l.startswith("D001  submission-deadline") for l in lines)
    e = run("--explain", "M001")
    assert "述法" in e.output and "Source:" in e.output and "Fails:" in e.output
    assert run("--explain", "X123").exit_code == 2


def test_jobs_gives_the_same_result():
    paths = [str(FIXTURES / f"{n}.txt") for n in ("anting-2023", "miaohang-2023", "waigang-2022")]
    one = run("--output-format", "json", *paths).output
    two = run("--output-format", "json", "--jobs", "2", *paths).output
    assert one == two


def test_console_script_runs_without_traceback(tmp_path):
    bad = tmp_path / "scan.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n")
    exe = os.path.join(os.path.dirname(sys.executable), "lawgov-lint")
    p = subprocess.run([exe, str(bad)], capture_output=True, text=True)
    assert p.returncode == 2
    assert "Traceback" not in p.stdout + p.stderr
    assert "a PNG image: OCR it first" in p.stdout and str(bad) in p.stdout

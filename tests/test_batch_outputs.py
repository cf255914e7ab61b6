"""Batches that lose nothing, the 汇总表 (--summary), outputs that never destroy inputs,
--exclude, --published-on CSV, --quiet and L003 (issue 11, SPEC §3/§5 L/§7)."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from click.testing import CliRunner

from lawgov_lint.cli import main

from helpers import COMPLETE, FIXTURES, codes, lint_text

AS_OF = ["--as-of", "2024-01-10"]

DRAFTING_NOTE = """\
关于《河西镇2023年度法治政府建设情况报告》的起草说明
一、起草依据
按照区里的统一部署，镇司法所牵头编写了年度报告，现说明如下。
二、结构安排
报告共有四个部分，依次写成效、不足、责任落实和来年打算。
"""


def run(*args):
    return CliRunner().invoke(main, [*AS_OF, *args], catch_exceptions=False)


def _blank_pdf() -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    buf = io.BytesIO()
    pdf.save(buf)
    pdf.close()
    return buf.getvalue()


@pytest.fixture()
def batch(tmp_path):
    """A reviewer's folder: a report, a legacy .doc, a scan, a drafting note, a lock file, a hidden file."""
    folder = tmp_path / "收文"
    (folder / "街镇").mkdir(parents=True)
    shutil.copy(FIXTURES / "anting-2023.docx", folder / "街镇" / "anting-2023.docx")
    (folder / "街镇" / "旧稿.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (folder / "扫描件.pdf").write_bytes(_blank_pdf())
    (folder / "起草说明.txt").write_text(DRAFTING_NOTE, encoding="utf-8")
    (folder / "街镇" / "~$anting-2023.docx").write_bytes(b"lock")
    (folder / ".hidden.txt").write_text(COMPLETE, encoding="utf-8")
    return folder


def test_folder_run_names_every_unreadable_file_and_exits_2(batch):
    r = run("--output-format", "concise", str(batch))
    assert r.exit_code == 2
    lines = r.output.splitlines()
    doc_lines = [x for x in lines if "旧稿.doc" in x]
    scan_lines = [x for x in lines if "扫描件.pdf" in x]
    assert len(doc_lines) == 1 and "save it as .docx" in doc_lines[0]
    assert len(scan_lines) == 1 and "no text layer" in scan_lines[0]
    assert "~$" not in r.output and ".hidden" not in r.output


def test_summary_csv_and_xlsx_have_one_row_per_file(batch, tmp_path):
    out_csv, out_xlsx = tmp_path / "汇总.csv", tmp_path / "汇总.xlsx"
    r = run("--quiet", "--summary", str(out_csv), str(batch))
    assert r.exit_code == 2
    r = run("--quiet", "--summary", str(out_xlsx), str(batch))
    assert r.exit_code == 2
    raw = out_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel on Windows reads it right
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    head, body = table[0], table[1:]
    assert head[:3] == ["file", "format", "kind"] and "（五）" in head and "read error" in head
    by_name = {row[0].rsplit("/", 1)[-1]: dict(zip(head, row)) for row in body}
    assert sorted(by_name) == ["anting-2023.docx", "扫描件.pdf", "旧稿.doc", "起草说明.txt"]
    assert by_name["旧稿.doc"]["kind"] == "unreadable" and "save it as .docx" in by_name["旧稿.doc"]["read error"]
    assert by_name["扫描件.pdf"]["kind"] == "unreadable" and "no text layer" in by_name["扫描件.pdf"]["read error"]
    assert by_name["起草说明.txt"]["kind"] == "not a report (L003)"
    anting = by_name["anting-2023.docx"]
    assert anting["kind"] == "report" and anting["reporting year"] == "2023"
    assert [anting[f"（{c}）"] for c in "一二三四五"] == ["✓", "✓", "✓", "✓", "—"]
    assert anting["述法"] == "✓" and anting["due"] == "2024-03-01" and anting["read error"] == ""

    from openpyxl import load_workbook

    ws = load_workbook(out_xlsx).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == head
    assert len(rows) == len(table)
    assert ws.freeze_panes == "B2"
    assert ws["A1"].font.bold
    assert ws.column_dimensions["A"].width >= min(120, len(str(batch / "街镇" / "anting-2023.docx")) + 2)


def test_summary_refuses_other_suffixes(tmp_path):
    r = run("--summary", str(tmp_path / "s.ods"), str(FIXTURES / "anting-2023.txt"))
    assert r.exit_code == 2 and "must end in .csv or .xlsx" in r.output


@pytest.mark.parametrize("option", ["--output-file", "--summary", "--html"])
def test_an_output_that_is_an_input_is_refused_and_the_input_unchanged(tmp_path, option):
    target = tmp_path / ("报告.csv" if option == "--summary" else "报告.txt")
    if option == "--html":
        target = tmp_path / "报告.html"
    body = COMPLETE.encode("utf-8")
    target.write_bytes(body)
    before = target.stat().st_mtime_ns
    # the input is named through another spelling of the same path
    r = run(option, str(target), str(tmp_path / "." / target.name) if option == "--output-file" else str(target))
    assert r.exit_code == 2
    assert f"{option}: " in r.output and "is one of the inputs" in r.output
    assert target.read_bytes() == body and target.stat().st_mtime_ns == before


def test_output_file_inside_a_linted_folder_is_refused(tmp_path):
    report = tmp_path / "a.txt"
    report.write_text(COMPLETE, encoding="utf-8")
    r = run("--output-file", str(report), str(tmp_path))
    assert r.exit_code == 2 and "is one of the inputs" in r.output
    assert report.read_text(encoding="utf-8") == COMPLETE


def test_output_file_is_replaced_atomically(tmp_path):
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    r = run("--output-format", "json", "--output-file", str(out), str(FIXTURES / "anting-2023.txt"))
    assert r.exit_code == 1
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left behind


def test_exclude_glob_and_config_key(batch):
    r = run("--output-format", "concise", "--exclude", "*.doc", "--exclude", "扫描件.pdf", str(batch))
    assert "旧稿.doc" not in r.output and "扫描件.pdf" not in r.output
    assert r.exit_code == 1  # nothing unreadable left
    r = run("--output-format", "concise", "--exclude", "街镇", str(batch))
    assert "anting-2023" not in r.output and "旧稿.doc" not in r.output
    (batch / "lawgov-lint.toml").write_text('exclude = ["街镇/**", "*.pdf"]\n', encoding="utf-8")
    r = run("--output-format", "concise", str(batch))
    assert "anting-2023" not in r.output and "扫描件" not in r.output and "起草说明" in r.output


def test_exclude_config_must_be_globs(tmp_path):
    (tmp_path / "lawgov-lint.toml").write_text("exclude = \"*.doc\"\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(COMPLETE, encoding="utf-8")
    r = run(str(tmp_path))
    assert r.exit_code == 2 and "exclude: must be a list of globs" in r.output


def test_published_on_csv_matches_by_file_name(tmp_path):
    for name in ("甲.txt", "乙.txt"):
        (tmp_path / name).write_text(COMPLETE, encoding="utf-8")
    dates = tmp_path / "dates.csv"
    dates.write_text("file,published_on\nsomewhere/甲.txt,2025-04-20\n乙.txt,2025-03-02\n", encoding="utf-8-sig")
    r = run("--output-format", "jsonl", "--select", "D003", "--published-on", str(dates),
            str(tmp_path / "甲.txt"), str(tmp_path / "乙.txt"))
    found = [json.loads(x) for x in r.output.splitlines()]
    assert [(f["path"].rsplit("/", 1)[-1], f["code"]) for f in found] == [("甲.txt", "D003")]
    assert "2025-04-20" in found[0]["message"]


def test_published_on_csv_errors_are_one_line(tmp_path):
    dates = tmp_path / "dates.csv"
    dates.write_text("file,date\na.txt,2025-04-20\n", encoding="utf-8")
    r = run("--published-on", str(dates), str(FIXTURES / "anting-2023.txt"))
    assert r.exit_code == 2 and "needs a header row with the columns file,published_on" in r.output
    dates.write_text("file,published_on\na.txt,2025/04/20\n", encoding="utf-8")
    r = run("--published-on", str(dates), str(FIXTURES / "anting-2023.txt"))
    assert r.exit_code == 2 and "row 2: '2025/04/20' is not a date" in r.output


def test_quiet_prints_only_findings_at_or_above_fail_on(tmp_path):
    src = str(FIXTURES / "anting-2023.txt")
    full = run(src).output
    quiet = run("--quiet", src).output
    assert "WARNING" in full and "第二十五条 contents" in full
    assert "WARNING" not in quiet and "INFO" not in quiet and "ERROR" in quiet
    assert "第二十五条 contents" not in quiet and "file(s):" not in quiet
    assert "WARNING" in run("--quiet", "--fail-on", "warning", src).output


def test_summary_table_says_the_deadline_plainly_and_lists_unreadable_files(batch):
    r = run(str(batch))
    out = r.output
    assert "ok — due 2024-03-01" in out  # anting's date line has no day: on time by its month
    assert "unreadable (not linted):" in out
    tail = out[out.index("unreadable (not linted):"):]
    assert "旧稿.doc" in tail and "扫描件.pdf" in tail
    table = out[out.index("第二十五条 contents"):]
    assert "—" in table and "E/W/I" in table


def test_summary_table_never_cuts_a_long_path(tmp_path):
    deep = tmp_path / ("很长的文件夹名称" * 6) / "某某街道办事处2024年度法治政府建设情况报告终稿.txt"
    deep.parent.mkdir(parents=True)
    deep.write_text(COMPLETE, encoding="utf-8")
    out = run(str(deep)).output
    table = out[out.index("第二十五条 contents"):]
    assert "…" not in table
    # the path may fold over several lines of its cell (where depends on the terminal width and rich's
    # version); read back together, the cell holds the whole path
    cell = "".join(line.split("│")[1].strip() for line in table.splitlines() if line.startswith("│"))
    assert str(deep) in cell


def test_dated_report_deadline_cell():
    from lawgov_lint.reporters.text import deadline_text

    row = {"deadline": "ok", "due": "2024-03-01", "signing_date": "2023-12-21", "days_left": 51}
    assert deadline_text(row) == ("ok — dated 2023-12-21, due 2024-03-01", "green")
    row = {"deadline": "late", "due": "2024-03-01", "signing_date": "2024-03-05", "days_left": -3}
    assert deadline_text(row)[0] == "late — dated 2024-03-05, due 2024-03-01"
    row = {"deadline": "unknown", "due": "", "signing_date": "", "days_left": ""}
    assert deadline_text(row)[0] == "unknown — no reporting year found"


# ---------------------------------------------------------------- L003

def test_l003_drafting_note_gets_only_l003():
    res = lint_text(DRAFTING_NOTE)
    assert codes(res) == ["L003"]
    f = res.findings[0]
    assert f.location.block == 1 and f.excerpt == DRAFTING_NOTE.splitlines()[0]
    assert f.message.startswith("not a 法治政府建设 report: its title names a 说明, not a 报告")


@pytest.mark.parametrize("title,kind", [
    ("关于做好2024年度依法行政考核工作的通知", "通知"),
    ("关于商请提供法治建设材料的函", "函"),
    ("2023年度法治建设任务完成情况统计表", "表"),
    ("关于召开年度法治工作推进会的请示", "请示"),
])
def test_l003_other_document_kinds(title, kind):
    res = lint_text(f"{title}\n各单位：\n请于本月底前报送有关材料。\n")
    assert codes(res) == ["L003"]
    assert f"its title names a {kind}," in res.findings[0].message


def test_l003_nothing_like_the_contents():
    res = lint_text("会议纪要摘录\n会上传达了上级精神，并对近期工作进行了部署。\n与会人员就有关事项进行了讨论。\n")
    assert codes(res) == ["L003"]
    assert "none of the contents (一)–(四)" in res.findings[0].message


def test_titleless_report_with_recognisable_contents_is_linted_with_l002():
    body = COMPLETE.split("\n", 1)[1].lstrip("\n")  # the same report without its title line
    res = lint_text(body)
    assert "L003" not in codes(res) and "L002" in codes(res)


def test_a_located_report_never_gets_l003():
    assert "L003" not in codes(lint_text(COMPLETE))


# ---------------------------------------------------------------- progress

class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal(monkeypatch):
    from lawgov_lint import cli

    monkeypatch.delenv("CI", raising=False)
    fake = _Tty()
    monkeypatch.setattr(cli.sys, "stderr", fake)
    with cli._progress(3) as advance:
        for _ in range(3):
            advance()
    assert "linting" in fake.getvalue()

    pipe = io.StringIO()  # not a terminal: nothing at all
    monkeypatch.setattr(cli.sys, "stderr", pipe)
    with cli._progress(3) as advance:
        advance()
    assert pipe.getvalue() == ""

    monkeypatch.setattr(cli.sys, "stderr", fake := _Tty())
    monkeypatch.setenv("CI", "true")  # CI logs are not terminals even when they say so
    with cli._progress(3) as advance:
        advance()
    assert fake.getvalue() == ""


def test_l003_deselected_lints_the_file_as_a_report():
    res = lint_text(DRAFTING_NOTE, ignore=["L003"])
    assert "L003" not in codes(res) and {"L002", "M002"} <= set(codes(res))


def test_summary_workbook_is_deterministic(tmp_path):
    import time

    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    src = str(FIXTURES / "miaohang-2023.txt")
    run("--quiet", "--summary", str(a), src)
    time.sleep(1.1)  # ZIP member times have a resolution of two seconds; document properties of one
    run("--quiet", "--summary", str(b), src)
    assert a.read_bytes() == b.read_bytes()


def test_l003_title_below_an_issuer_line():
    text = "河西镇人民政府\n关于年度法治工作报告编写情况的说明\n一、编写过程\n报告共分四个部分，分别是成效、不足、履职和打算。\n"
    res = lint_text(text)
    assert codes(res) == ["L003"] and res.findings[0].location.block == 2


def test_l003_never_on_a_titleless_report_opening_with_an_addressee():
    body = COMPLETE.split("\n", 1)[1].lstrip("\n")  # starts with 县委、县政府：
    assert "L003" not in codes(lint_text(body))


def test_invalid_exclude_glob_is_one_line(tmp_path):
    r = run("--exclude", "[z-a]", str(tmp_path))
    assert r.exit_code == 2 and "--exclude: invalid glob '[z-a]'" in r.output and "Traceback" not in r.output

"""The tool's own words in Chinese (issue 12): the ``ui.*`` catalogue entries (rules/messages.ui.toml) in every
reporter, the HTML report, the 汇总表, Word comments, ``--fix``'s lines and the language server. The English of
each stays as it was (the other test files assert it byte for byte)."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from lawgov_lint.cli import main
from lawgov_lint.packs import builtin_packs
from lawgov_lint.catalogue import ui
from lawgov_lint.reporters.text import deadline_text

from helpers import FIXTURES, ROOT, lint_text, report

AS_OF = ["--as-of", "2026-11-21"]
QINGPU = "fixtures/qingpu-2023.docx"


@pytest.fixture(autouse=True)
def _in_the_project(monkeypatch):
    monkeypatch.chdir(ROOT)  # paths in the output as the user typed them


def run(*args, input=None):
    return CliRunner().invoke(main, [*AS_OF, *args], input=input, catch_exceptions=False)


def test_ui_entries_live_in_their_own_pack_file_with_both_languages():
    import tomllib

    data = tomllib.loads((ROOT / "rules" / "messages.ui.toml").read_text(encoding="utf-8"))
    assert data and all(k.startswith("ui.") for k in data)
    assert all(set(v) == {"en", "zh"} for v in data.values())
    assert not [k for k in builtin_packs()["messages"] if k.startswith("ui.") and k not in data]
    from lawgov_lint.summary import ROW_COLUMNS

    assert all(f"ui.column.{c}" in data for c in ROW_COLUMNS)  # every 汇总表 column has its header


def test_text_output_in_chinese():
    r = run("--lang", "zh", QINGPU)
    out = r.output
    assert r.exit_code == 1
    # the head of a diagnostic: 警告 in place of WARNING, the .docx heading in 「」
    assert "\nfixtures/qingpu-2023.docx:39:315（「一、推进法治政府建设的主要举措和成效」部分）: 警告 D004 " in out
    assert "   = 修改建议：" in out and "suggestion:" not in out
    assert "   = 安全修改：“2023-2025” → “2023—2025”" in out
    assert "\n共1个文件：错误1处，警告14处，提示6处\n" in out
    assert "第二十五条规定内容（一）至（五）、述法和报送期限" in out
    assert "┃ 报告 " in out and "错/警/提" in out and "报送期限" in out
    assert "按期 — 成文日期2023-12-21，期限2024-03-01" in out
    assert "WARNING" not in out and "ERROR" not in out and "file(s)" not in out


def test_text_output_in_english_is_as_before():
    out = run("--lang", "en", QINGPU).output
    assert "\n1 file(s): 1 error(s), 14 warning(s), 6 info\n" in out
    assert "ok — dated 2023-12-21, due 2024-03-01" in out
    assert "第二十五条 contents （一）–（五）, 述法 and deadline" in out


def test_deadline_cells_in_both_languages():
    row = {"deadline": "unknown", "due": "2025-03-01", "signing_date": "", "days_left": -3}
    assert deadline_text(row, "zh") == ("无成文日期 — 期限2025-03-01，已过3天", "yellow")
    assert deadline_text(row, "en") == ("no 成文日期 — due 2025-03-01, 3 day(s) ago", "yellow")
    row = {"deadline": "due-day", "due": "2024-03-01", "signing_date": "2024-03-01", "days_left": 0}
    assert deadline_text(row, "zh")[0] == "恰在期限当日 — 成文日期2024-03-01，期限2024-03-01"
    assert deadline_text({**row, "due": ""}, "zh")[0] == "无法判断 — 未找到报告年度"


def test_unreadable_file_in_chinese(tmp_path):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"not a zip")
    out = run("--lang", "zh", str(bad)).output
    assert f"{bad}: 错误 " in out
    assert "共1个文件：错误0处，警告0处，提示0处，无法读取1个" in out
    assert "无法读取的文件（未检查）：" in out
    concise = run("--lang", "zh", "--output-format", "concise", str(bad)).output
    assert concise.startswith(f"{bad}: 错误 ") and concise.endswith("共检查1个文件，发现0处问题。\n")
    gh = run("--lang", "zh", "--output-format", "github", str(bad)).output
    assert "title=lawgov-lint：文件无法读取::" in gh


def test_concise_in_chinese():
    out = run("--lang", "zh", "--output-format", "concise", "fixtures/zhaoxiang-2023.pdf").output
    lines = out.splitlines()
    assert lines[-1] == "共检查1个文件，发现11处问题。"
    t001 = next(line for line in lines if " T001 " in line)
    assert t001.startswith("fixtures/zhaoxiang-2023.pdf:22:325: 错误 T001 ")
    assert t001.endswith("（第7页第8行）［需确认的修改：“第一责任人职责”］")
    assert all(line.split(": ", 1)[1].split(" ", 1)[0] in ("错误", "警告", "提示") for line in lines[:-1])


def test_statistics_github_junit_in_chinese():
    txt = str(FIXTURES / "qingpu-2023.txt")
    stats = run("--lang", "zh", "--statistics", txt).output
    assert stats.splitlines()[0].split()[-1] in ("错误", "警告", "提示")
    gh = run("--lang", "zh", "--output-format", "github", txt).output
    assert "（修改建议：（一））" in gh and "(suggestion:" not in gh
    assert "::warning " in gh  # the workflow command itself is not translated
    suite = ET.fromstring(run("--lang", "zh", "--output-format", "junit", txt).output)
    failure = suite.find("testcase/failure")
    assert failure.get("message") == "1处问题达到或高于“错误”级别"
    assert failure.text.splitlines()[0].split(": ", 1)[1].startswith("提示 S005 ")


def test_html_report_in_chinese_and_english(tmp_path):
    zh, en = tmp_path / "zh.html", tmp_path / "en.html"
    run("--lang", "zh", "--html", str(zh), QINGPU)
    run("--lang", "en", "--html", str(en), QINGPU)
    page = zh.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in page
    assert "<title>lawgov-lint：1个文件，错误1处，警告14处</title>" in page
    assert "<h1>lawgov-lint 审核意见</h1>" in page
    assert "<legend>级别</legend>" in page and "<legend>规则</legend>" in page
    assert '显示<span id="shown">21</span>处，共21处问题' in page
    assert "<th>文件</th><th>类型</th><th>标题</th><th>（一）</th>" in page
    assert "<td>年度报告</td>" in page and "按期 — 成文日期2023-12-21，期限2024-03-01" in page
    assert '<span class="sev warning">警告</span>' in page and "修改建议：" in page
    english = en.read_text(encoding="utf-8")
    assert '<html lang="en">' in english and '<div class="text" lang="zh-CN">' in english
    assert 'showing <span id="shown">21</span> of 21 finding(s)' in english
    assert "<th>file</th><th>kind</th><th>title</th>" in english


def test_summary_workbook_in_chinese(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "汇总表.csv"
    run("--lang", "zh", "--summary", str(out), QINGPU, str(FIXTURES / "zhaoxiang-2023.txt"))
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert rows[0][:7] == ["文件", "格式", "类型", "标题", "报告单位", "报告年度", "成文日期"]
    assert rows[0][13:] == ["报送期限", "期限", "剩余天数", "错误", "警告", "提示", "读取错误"]
    assert rows[1][2] == "年度报告" and rows[1][13] == "按期"
    assert rows[2][13] == "无成文日期"
    book = tmp_path / "汇总表.xlsx"
    run("--lang", "zh", "--summary", str(book), QINGPU)
    ws = load_workbook(book).active
    assert ws.title == "汇总表" and ws["A1"].value == "文件" and ws["N2"].value == "按期"


def test_word_comment_text_in_chinese():
    from lawgov_lint.annotate.docx import comment_text

    import dataclasses

    (p001,) = [f for f in lint_text(report("全镇新建调解室12个，，覆盖所有村居。")).findings if f.code == "P001"]
    f = dataclasses.replace(p001, code="S006", name="no-causes", severity="warning",
                            message="“存在的不足”部分未分析原因", suggestion="补写产生不足的原因")
    assert comment_text(f, "zh") == "【警告】S006 “存在的不足”部分未分析原因 [no-causes]\n修改建议：补写产生不足的原因"
    assert comment_text(f) == "WARNING S006 “存在的不足”部分未分析原因 [no-causes]\nsuggestion: 补写产生不足的原因"


def test_fix_lines_in_chinese(tmp_path):
    src = tmp_path / "报告.txt"
    src.write_text(report("全镇新建调解室12个，，覆盖所有村居。"), encoding="utf-8")
    diff = CliRunner().invoke(main, [*AS_OF, "--lang", "zh", "--diff", str(src)], catch_exceptions=False)
    assert f"{src}：可修改1处问题\n" in diff.stderr
    fixed = CliRunner().invoke(main, [*AS_OF, "--lang", "zh", "--fix", str(src)], catch_exceptions=False)
    assert f"{src}：已修改1处问题，尚余" in fixed.stderr
    pdf = CliRunner().invoke(main, [*AS_OF, "--lang", "zh", "--fix", "--unsafe-fixes",
                                    "fixtures/zhaoxiang-2023.pdf"],
                             catch_exceptions=False)
    assert "fixtures/zhaoxiang-2023.pdf：未修改：不修改PDF文件，请修改其源文件\n" in pdf.stderr


def test_language_server_takes_the_configuration_s_lang_else_the_locale(tmp_path, monkeypatch):
    from lawgov_lint.lsp import State, options_for

    doc = tmp_path / "报告.txt"
    doc.write_text("x", encoding="utf-8")
    assert options_for(str(doc), State(isolated=True)).lang == "en"
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert options_for(str(doc), State(isolated=True)).lang == "zh"
    (tmp_path / "lawgov-lint.toml").write_text('lang = "en"\n', encoding="utf-8")
    assert options_for(str(doc), State()).lang == "en"


def test_language_server_speaks_chinese(tmp_path):
    from lsprotocol import types

    import asyncio

    from test_lsp import _session

    (tmp_path / "lawgov-lint.toml").write_text('lang = "zh"\n', encoding="utf-8")
    text = report("全镇新建调解室12个，，覆盖所有村居。")
    path = tmp_path / "报告.txt"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()

    async def scenario():
        client, _ = await _session(tmp_path, None)
        try:
            client.text_document_did_open(types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))
            published = await client.wait_for(uri, 1)
            (p001,) = [d for d in published.diagnostics if d.code == "P001"]
            assert "suggestion:" not in p001.message
            actions = await client.text_document_code_action_async(types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri), range=p001.range,
                context=types.CodeActionContext(diagnostics=[p001], only=None)))
            titles = [a.title for a in actions]
            assert "P001：将“，，”改为“，”" in titles and "lawgov-lint：进行1处安全修改" in titles
            hover = await client.text_document_hover_async(types.HoverParams(
                types.TextDocumentIdentifier(uri), p001.range.start))
            assert "默认级别" in hover.contents.value and "Why:" not in hover.contents.value
        finally:
            await client.shutdown_async(None)
            client.exit(None)
            await asyncio.wait_for(client.stop(), 10)

    asyncio.run(scenario())


def test_a_chinese_locale_prints_chinese():
    """``LANG=zh_CN.UTF-8 lawgov-lint fixtures/qingpu-2023.docx`` (issue 12, done means)."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    env.update(LANG="zh_CN.UTF-8", NO_COLOR="1", PYTHONIOENCODING="utf-8")
    out = subprocess.run([sys.executable, "-m", "lawgov_lint.cli", *AS_OF, "fixtures/qingpu-2023.docx"],
                         capture_output=True, env=env, cwd=ROOT)
    text = out.stdout.decode("utf-8")
    assert out.returncode == 1
    assert "共1个文件：错误1处，警告14处，提示6处" in text and "修改建议：" in text and "按期 — 成文日期" in text
    assert ui("zh")("ui.severity.warning") == "警告"

"""F rules (公文 format): cases of our own wording, heading numbering, 文号, dates, and the seeds."""

from __future__ import annotations

import pytest

from helpers import FIXTURES, lint_text, report
from lawgov_lint.checks.format import marker_text
from lawgov_lint.engine import Options, lint_path
from test_terms import check_case, family_cases


@pytest.mark.parametrize("case", family_cases("F"), ids=lambda c: c["name"])
def test_f_case(case):
    check_case(case)


def f_findings(text: str):
    return [f for f in lint_text(text).findings if f.code.startswith("F")]


HEADINGS = """2024年，我区法治政府建设稳步推进。
一、主要举措和成效
（一）完善依法决策机制
1.健全合法性审核机制。全年审核文件23件。
2.规范重大行政决策程序。全年决策事项6件。
（二）规范行政执法
1.推进执法规范化。全年评查案卷80卷。
3.加强执法监督。全年开展专项监督4次。
二、存在的不足和原因
基层法治力量仍显薄弱。
"""


def test_f002_gap_location_and_severity():
    [f] = f_findings(report(HEADINGS))
    assert (f.code, f.severity, f.excerpt, f.suggestion) == ("F002", "error", "3.", "2.")
    assert (f.location.line, f.location.column) == (9, 1)
    assert "missing 2." in f.message


def test_f002_mixed_markers_are_a_warning():
    text = report(HEADINGS.replace("3.加强执法监督", "2、加强执法监督"))
    [f] = f_findings(text)
    assert (f.code, f.severity, f.excerpt, f.suggestion) == ("F002", "warning", "2、", "2.")


def test_f002_word_heading_styles_without_markers_are_ignored():
    text = report("2024年，我区法治政府建设稳步推进。\n主要举措和成效\n全年审查决策事项6件。")
    assert f_findings(text) == []


@pytest.mark.parametrize("kind,n,text", [
    ("cn_dun", 3, "三、"), ("cn_paren", 11, "（十一）"), ("num_dot", 4, "4."), ("num_paren", 2, "（2）"),
    ("part", 2, "第二部分"),
])
def test_marker_text(kind, n, text):
    assert marker_text(kind, n) == text


def test_f001_cover_number_is_judged_but_cover_text_is_not():
    doc = """某某区人民政府文件
某府发[2025]2号
关于印发《某某区2024年法治政府建设情况报告》的通知
各街镇：
现将报告印发给你们,请认真贯彻执行。
某某区2024年法治政府建设情况报告
2024年，我区深入推进依法行政。
"""
    found = f_findings(doc) + [f for f in lint_text(doc).findings if f.code.startswith(("P", "T"))]
    assert [(f.code, f.excerpt, f.location.line) for f in found] == [("F001", "[2025]2号", 2)]
    assert "covering document" in found[0].message


def test_f003_cover_date():
    doc = """某某区司法局
关于报送2024年度法治政府建设情况报告的请示
区人民政府：
现将报告报送，请审议。
某某区司法局
2025年02月10日
附件
某某区司法局2024年法治政府建设情况报告
2024年，我局深入推进依法行政。
"""
    found = [f for f in f_findings(doc) if f.code == "F003"]
    assert [(f.excerpt, f.suggestion) for f in found] == [("2025年02月10日", "2025年2月10日")]


def test_f005_and_f006_severities():
    found = f_findings(report("对照20212025年规划和2021-2025年纲要。"))
    assert [(f.code, f.severity) for f in found] == [("F005", "error"), ("F006", "info")]


SEED_F = {
    "anting-2023": [("F002", "1、", "一、"), ("F002", "（四）", "renumber “（1）（2）（3）” as “（一）（二）（三）”"),
                    ("F006", "2022-2026", "2022—2026"), ("F006", "2021-2025", "2021—2025")],
    "miaohang-2023": [("F006", "2021-2025", "2021—2025"), ("F006", "2021-2025", "2021—2025")],
    "qingpu-2023": [("F006", "2023-2025", "2023—2025")],
    "waigang-2022": [],
    "zhaoxiang-2023": [("F002", "2、", "2.")],
}


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
@pytest.mark.parametrize("seed", sorted(SEED_F))
def test_seed_f_findings(seed, fmt):
    path = FIXTURES / f"{seed}.{fmt}"
    if not path.exists():
        pytest.skip(f"{path.name} not made")
    res = lint_path(path, Options())
    got = sorted((f.code, "".join(f.excerpt.split()), f.suggestion) for f in res.findings if f.code[0] == "F")
    assert got == sorted(SEED_F[seed])


def test_seed_document_numbers_are_correct():
    """外府发〔2023〕1号 (waigang's 通知), 沪青司〔2023〕15号 (qingpu's 请示), 安委〔2024〕14号 (anting)."""
    for seed in ("waigang-2022", "qingpu-2023", "anting-2023"):
        res = lint_path(FIXTURES / f"{seed}.txt", Options())
        assert not [f for f in res.findings if f.code == "F001"]
    assert lint_path(FIXTURES / "waigang-2022.txt", Options()).report.cover_document_numbers


def test_seed_f002_messages():
    an = lint_path(FIXTURES / "anting-2023.txt", Options())
    msgs = [f.message for f in an.findings if f.code == "F002"]
    assert any("“1、” then “二、”" in m for m in msgs)
    assert any("“（1）（2）（3）” then “（四）”" in m for m in msgs)
    [f] = [f for f in an.findings if f.code == "F002" and f.excerpt == "（四）"]
    assert (f.location.line, f.location.column, f.severity) == (30, 1, "warning")
    zx = lint_path(FIXTURES / "zhaoxiang-2023.txt", Options())
    assert any("“1.” then “2、”" in f.message for f in zx.findings if f.code == "F002")

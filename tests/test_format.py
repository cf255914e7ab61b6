"""F rules (公文 format): cases of our own wording, heading numbering, 文号, dates, and the seeds."""

from __future__ import annotations

import pytest

from helpers import AS_OF, FIXTURES, lint_text, report
from lawgov_lint.checks.format import marker_text
from lawgov_lint.engine import Options, lint_document, lint_path
from lawgov_lint.loaders.text import load_text
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


# ---------------------------------------------------------------- red-team round: 第X部分, 文号 position, Markdown

def test_f002_part_headings_nest_the_cn_dun_level():
    """第一部分 → 一、 → （一）: 一、 is the second level, numbered within its part (restart or run-on)."""
    text = report("""2024年，本局法治政府建设稳步推进。
第一部分 主要举措和成效
一、完善依法决策机制
（一）严格合法性审核
（二）规范重大行政决策程序
二、规范行政执法行为
第二部分 存在的不足和原因
一、基层执法力量不足
第三部分 下一年度工作安排
持续推进严格规范公正文明执法。""")
    assert f_findings(text) == []
    # a gap among the parts themselves is still an error at level 1
    [f] = f_findings(text.replace("第三部分", "第四部分"))
    assert (f.code, f.severity, f.excerpt, f.suggestion) == ("F002", "error", "第四部分", "第三部分")
    # a duplicate 二、 under a part is an error at level 2
    [f] = f_findings(text.replace("二、规范行政执法行为", "二、规范行政执法行为\n二、加强行政复议工作"))
    assert (f.excerpt, f.suggestion, f.severity) == ("二、", "三、", "error")
    assert "level 2" in f.message


def test_f002_part_repro_shape_without_findings():
    """The red-team report shape: 第一部分 with 一、二、 under it, later parts with 一是 enumerations."""
    text = """某某区2023年度法治政府建设情况报告
2023年，某某区扎实推进法治政府建设。现将有关情况报告如下：
第一部分 2023年度推进法治政府建设的主要举措和成效
一、强化组织领导
区政府全年召开常务会议学法6次。
二、规范行政执法
全区受理行政复议案件120件。
第二部分 存在的不足和原因
一是基层执法力量不足。主要原因是编制保障不够。
第三部分 党政主要负责人履行推进法治建设第一责任人职责情况
区长在年终述职中专题述法。
"""
    assert f_findings(text) == []


COVER = """江北区公安分局文件
{number}
江北区公安分局关于印发《江北区公安分局2025年度法治政府建设情况报告》的通知
各派出所，分局各部门：
现将报告印发给你们，请结合实际认真贯彻落实。
江北区公安分局2025年度法治政府建设情况报告
2025年，分局深入推进法治公安建设。
"""


@pytest.mark.parametrize("number,excerpt,suggestion,why", [
    ("江公发〔26〕3号", "〔26〕3号", "〔2026〕3号", "a two-digit year"),
    ("江公发2026年3号", "2026年3号", "〔2026〕3号", "“2026年” instead of in brackets"),
    ("江公发〔2026〕3", "〔2026〕3", "〔2026〕3号", "no “号”"),
    ("江公发（26）03", "（26）03", "〔2026〕3号", "round brackets"),
    ("江公发〔26〕3号　　签发人：陈立", "〔26〕3号", "〔2026〕3号", "a two-digit year"),
])
def test_f001_malformed_number_below_the_masthead(number, excerpt, suggestion, why):
    [f] = f_findings(COVER.format(number=number))
    assert (f.code, f.severity, f.excerpt, f.suggestion) == ("F001", "error", excerpt, suggestion)
    assert f.location.line == 2 and why in f.message and "covering document" in f.message


@pytest.mark.parametrize("number", [
    "江公发〔2026〕3号", "江公发〔2026〕3号　　签发人：陈立", "国务院令第722号", "（2025）沪0118行初12号",
    "公安部公告2025年第3号", "第3号公告", "江公发263号", "联系电话62781234", "江北区2026年1月",
])
def test_f001_what_is_not_a_malformed_number(number):
    assert [f for f in f_findings(COVER.format(number=number)) if f.code == "F001"] == []


def test_f001_lenient_forms_only_in_the_number_position():
    """In running text of the cover, 2026年3号 (a date) and 〔2026〕3 are left alone."""
    doc = COVER.format(number="江公发〔2026〕3号").replace(
        "现将报告印发给你们", "分局于2026年3号召开会议，会议纪要见江公纪〔2026〕3\n现将报告印发给你们")
    assert f_findings(doc) == []


def test_f001_malformed_preamble_number_is_the_reports_own():
    doc = "江司〔2025〕12\n江北区司法局2024年法治政府建设情况报告\n2024年，我局深入推进依法行政。\n"
    [f] = f_findings(doc)
    assert (f.excerpt, f.suggestion) == ("〔2025〕12", "〔2025〕12号")
    assert not f.message.startswith("the covering document")


def md_findings(text: str, code: str = "F004"):
    doc = load_text("case.md", text.encode("utf-8"), fmt="md")
    return [f for f in lint_document(doc, Options(as_of=AS_OF)).findings if f.code == code]


MD = """# 江北区2024年度法治政府建设情况报告

2024年，江北区深入学习贯彻习近平法治思想，扎实推进法治政府建设。

一、主要举措和成效

全区受理行政复议案件120件。{line}

二、存在的不足和原因

基层执法力量不足。
"""


@pytest.mark.parametrize("line", [
    "**重点推进行政执法规范化建设**。",
    "全年*新增*公共法律服务站点12个，__实现村居全覆盖__。",
    "***坚持依法决策***，重大行政决策事项全部经过合法性审核。",
    "**人民群众满意度**持续提升。",
    "群众反映的问题**件件有回音**",
    "\n***\n",
])
def test_f004_markdown_emphasis_is_markup(line):
    assert md_findings(MD.format(line=line)) == []


@pytest.mark.parametrize("line,excerpts", [
    ("全年共培训行政执法人员**人次。", ["**"]),
    ("全年受理**件，办结**件。", ["**", "**"]),
    ("全年共办理法律援助案件____件。", ["____"]),
    ("全年开展普法活动XX场，**重点推进**执法公示。", ["XX"]),
])
def test_f004_markdown_placeholders_are_still_found(line, excerpts):
    assert [f.excerpt for f in md_findings(MD.format(line=line))] == excerpts


def test_f004_bold_markers_in_plain_text_are_still_residue():
    found = [f for f in lint_text(report("全区受理行政复议案件120件。**重点推进行政执法规范化建设**。")).findings
             if f.code == "F004"]
    assert [f.excerpt for f in found] == ["**", "**"]


# ---------------------------------------------------------------- issue 10 kind 5: the same top-level number twice

TWICE = """2024年，全县法治政府建设取得新进展。
一、聚焦依法决策，提升治理效能
全年审查重大行政决策事项7件。
一、健全合法性审核机制
审核规范性文件19件，提出修改意见42条。
二、短板和原因
乡镇法治力量薄弱，究其原因是编制不足。
三、2025年工作安排
持续深化综合行政执法改革。
"""


def test_f002_same_top_level_number_twice_in_a_row():
    [f] = f_findings(report(TWICE))
    assert (f.code, f.severity, f.excerpt, f.suggestion) == ("F002", "error", "一、", "二、")
    assert (f.location.line, f.location.column) == (5, 1)
    assert "repeats at level 1" in f.message and "meant as “（一）”" in f.message


def test_f002_restart_under_a_parent_the_parser_did_not_see_is_silent():
    # 第一部分 … 一、 … 第二部分 … 一、: the second 一、 restarts under its own part
    text = report("""2024年，全县法治政府建设取得新进展。
第一部分 工作成效
一、依法决策
全年审查决策事项7件。
第二部分 问题和打算
一、存在问题
编制不足是主要原因。
""")
    assert [f for f in f_findings(text) if "repeats" in f.message] == []


def test_f002_one_then_two_is_not_a_repeat():
    assert f_findings(report(TWICE.replace("一、健全", "二、健全").replace("二、短板", "三、短板")
                             .replace("三、2025", "四、2025"))) == []


# ---------------------------------------------------------------- D002: a day left blank, as a PDF gives it back

@pytest.mark.parametrize("line,excerpt", [
    ("2025年2月 日", "2025年2月 日"),           # the blank kept as one space
    ("2025年2月日", "2025年2月日"),             # the blank lost altogether
    ("2025 年 2 月 日", "2025 年 2 月 日"),      # a PDF text layer with spaces around every number
    ("二〇二五年二月 日", "二〇二五年二月 日"),     # Chinese numerals
])
def test_d002_day_left_blank_in_any_spacing(line, excerpt):
    text = report(f"2024年，全镇依法行政水平持续提升。\n某某镇人民政府\n{line}\n")
    [f] = [f for f in lint_text(text).findings if f.code == "D002"]
    assert (f.severity, f.excerpt) == ("error", excerpt)
    assert f.location.line == 4


def test_d002_silent_on_a_complete_date_and_on_running_text():
    text = report("2024年，全镇开展每年2月日常巡查。\n某某镇人民政府\n2025年2月3日\n")
    assert [f for f in lint_text(text).findings if f.code == "D002"] == []


def test_f002_repeat_with_sub_headings_between():
    text = report("""2024年，全镇法治建设稳步推进。
一、2024年工作成效
（一）依法决策
决策事项全部经合法性审核。
（二）执法规范
评查案卷60卷。
一、存在问题
基层力量薄弱，原因是编制不足。
二、2025年打算
持续推进。
""")
    [f] = [f for f in f_findings(text) if f.code == "F002"]
    assert (f.excerpt, f.location.line, f.severity) == ("一、", 8, "error")

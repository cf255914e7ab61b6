"""Chinese messages of the S, D, M, L rules and F007 (issue 12): the exact wording of each rule's
message and advice in Chinese, English unchanged, and no English words in any of them on the fixtures.

The documents are the cases of ``tests/cases/sdml.toml`` (a compliant base report and edits of it).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from lawgov_lint.cli import main
from lawgov_lint.engine import Options, lint_document, lint_path
from lawgov_lint.loaders.text import load_text

from test_sdml_cases import AS_OF, BASE, CASES, case_document, run_case

ROOT = Path(__file__).resolve().parents[1]
BY_NAME = {c["name"]: c for c in CASES}
TITLE = "青山镇人民政府2024年法治政府建设情况报告"

# case name → (code, Chinese message, Chinese suggestion): the reviewer's 批注 for each rule
ZH = {
    "s001-fail-no-measures-section": (
        "S001", "缺少第二十五条第（一）项“上一年度推进法治政府建设的主要举措和成效”的内容",
        "补充该项内容，如增设“一、主要举措和成效”部分"),
    "s002-fail-no-shortcomings": (
        "S002", "缺少第二十五条第（二）项“上一年度推进法治政府建设存在的不足和原因”的内容",
        "补充该项内容，如增设“二、存在的不足和原因”部分"),
    "s003-fail-no-first-responsible-section": (
        "S003", "缺少第二十五条第（三）项“上一年度党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况”的内容",
        "补充该项内容，如增设“三、党政主要负责人履行推进法治建设第一责任人职责”部分"),
    "s004-fail-no-plan": (
        "S004", "缺少第二十五条第（四）项“下一年度推进法治政府建设的主要安排”的内容",
        "补充该项内容，如增设“四、下一年度推进法治政府建设的主要安排”部分"),
    "s005-fail-no-other-matters": (
        "S005", "缺少第二十五条第（五）项“其他需要报告的情况”的内容", "补充该项内容，如增设“五、其他需要报告的情况”部分"),
    "s006-fail-problems-only": (
        "S006", "“存在的不足”部分只列问题，未分析原因",
        "补充原因分析，如标题写作“存在的不足和原因”，或写明“究其原因，……”"),
    "s007-fail-duties-before-shortcomings": (
        "S007", "第（二）项内容排在第（三）项之后；第二十五条的顺序为举措和成效、不足和原因、第一责任人履职、下一年度安排、其他",
        None),
    "s008-fail-duties-only-as-a-run-in-item": (
        "S008", "第二十五条第（三）项内容只在第（一）项的部分中以段落形式写到，未单独成节",
        "可单列标题，如“党政主要负责人履行推进法治建设第一责任人职责”"),
    "s010-fail-title-lacks-jianshe": ("S010", "标题缺少“法治政府建设”", "法治政府建设"),
    "s010-fail-summary-instead-of-report": ("S010", "文种用了“总结”，应为“报告”", "报告"),
    "s010-fail-no-year": ("S010", "标题未写明报告年度", "写明报告年度，如“2024年”"),
    "s010-fail-huibao-is-not-the-doc-type": ("S010", "标题未标明文种“报告”", "标题以“报告”结尾"),
    "s010-fail-no-issuer-anywhere": (
        "S010", "未写明报告单位：标题及其前后各行、版头和落款均未出现报告单位名称",
        "写明报告单位，如“某某区人民政府2024年法治政府建设情况报告”"),
    "s011-fail-opening-names-last-year": ("S011", "标题所写年度为2024年，开头一段写的却是2023年", "2024"),
    "s012-fail-plan-names-the-reporting-year": (
        "S012", "工作安排部分写的是2024年；2024年度报告应安排2025年的工作", "2025"),
    "s013-fail-asks-for-approval": (
        "S013", "报告中出现请示用语“妥否，请批示”：报告不得夹带请示事项", "删去该语；需要审批的事项另行请示"),
    "s014-fail-collecting-another-year": ("S014", "报告所述年度为2024年（据标题），不是本次收集的2025年度", None),
    "d001-fail-dated-after-1-march": (
        "D001", "成文日期2025年3月6日晚于2024年度报告的报送期限2025年3月1日（第二十三条：每年3月1日之前报告）", None),
    "d001-fail-dated-on-the-deadline-day": (
        "D001", "成文日期2025年3月1日恰为报送期限当日（第二十三条：每年3月1日之前报告）；“之前”可能理解为不含当日", None),
    "d002-fail-blank-day": ("D002", "日期“2025年1月  日”不完整", "填写完整日期，如2025年1月20日"),
    "d003-fail-published-after-1-april": (
        "D003", "公开日期2025年4月15日（“--published-on”参数所给日期）晚于公开期限2025年4月1日"
                "（第二十四条：每年4月1日之前向社会公开）", None),
    "d004-fail-figures-to-end-of-november": (
        "D004", "“截至11月底”是部分时段的数据，年度报告应反映2024年全年情况", "补充全年数据"),
    "d005-fail-jinnian-dated-next-year": (
        "D005", "报告成文于2025年1月22日，文中“今年”会被理解为2025年；应写明具体年份", "2024年"),
    "d006-fail-no-signing-date": (
        "D006", "未找到成文日期，未能核对报送期限（2024年度报告的报送期限为2025年3月1日，第二十三条：每年3月1日之前报告）",
        "在落款处写明报告单位和成文日期，如2025年1月20日"),
    "m001-fail-shuzhi-is-not-shufa": (
        "M001", "报告通篇未提及党政主要负责人述法（“述职”不等于“述法”）", "写明党政主要负责人述法的情况，如专题述法、提交述法报告"),
    "m001-fail-shufa-only-planned": (
        "M001", "述法仅作为计划或未开展的事项提及，未写明2024年度已开展述法的情况",
        "写明党政主要负责人述法的情况，如专题述法、提交述法报告"),
    "m002-fail-never-says-first-responsible": (
        "M002", "报告通篇未提及“第一责任人”", "写明党政主要负责人履行推进法治建设第一责任人职责的情况"),
    "m003-fail-no-xi-thought": ("M003", "报告通篇未提及“习近平法治思想”", "写明学习贯彻习近平法治思想的情况"),
    "m004-fail-no-review-or-litigation": (
        "M004", "未提及行政复议或行政诉讼、出庭应诉情况", "写明本年度行政复议、行政应诉工作情况和有关数据"),
    "l002-fail-title-missing": ("L002", "未找到报告标题（含“法治政府”和“报告”的短行），已将整个文件作为报告检查", None),
    "l003-fail-drafting-note": (
        "L003", "本文件不是法治政府建设年度报告：标题所示文种为“说明”，不是报告；未对其运行其他规则",
        "请检查报告本身，或用“--exclude”参数排除本文件"),
}


def _one(result, code):
    found = [f for f in result.findings if f.code == code]
    assert len(found) == 1, [(f.code, f.message) for f in result.findings]
    return found[0]


@pytest.mark.parametrize("name", sorted(ZH))
def test_chinese_message_and_suggestion(name):
    code, message, suggestion = ZH[name]
    f = _one(run_case(BY_NAME[name], lang="zh"), code)
    assert (f.message, f.suggestion) == (message, suggestion)


def test_every_rule_has_a_chinese_case():
    codes = {code for code, _, _ in ZH.values()} | {"L001", "F007"}
    assert codes >= {c for case in CASES for c in case["rules"]} | {"L001", "F007"}


def _lint(text: str, **opts):
    opts.setdefault("as_of", AS_OF)
    return lint_document(load_text("case.txt", text.encode("utf-8")), Options(**opts))


def test_l001_unused_suppression_in_chinese():
    text = BASE.replace("全年召开镇政府常务会议24次",
                        "<!-- lawgov-lint: ignore[D004, X999, Y998, D005] -->\n全年召开镇政府常务会议24次")
    zh = _one(_lint(text, lang="zh"), "L001")
    assert zh.message == "抑制注释未起作用：引用了不存在的规则X999、Y998；没有匹配到任何D004、D005问题"
    assert zh.suggestion == "删除该注释"
    en = _one(_lint(text, lang="en"), "L001")
    assert en.message == "unused suppression: names unknown rule(s) X999, Y998; matched no D004, D005 finding"
    assert en.suggestion == "remove the comment"


def test_l001_malformed_and_file_level_in_chinese():
    text = BASE.replace("全年召开", "<!-- lawgov-lint: ignroe[D004] -->\n全年召开")
    f = _one(_lint(text, lang="zh"), "L001")
    assert f.message == "抑制注释格式有误：应写作“lawgov-lint: ignore[CODE,…]”或“lawgov-lint: ignore-file[CODE,…]”"
    text = "<!-- lawgov-lint: ignore-file[S013] -->\n" + BASE
    assert _one(_lint(text, lang="zh"), "L001").message == "全文抑制注释未起作用：没有匹配到任何S013问题"
    text = BASE.replace("全年召开", "<!-- lawgov-lint: ignore -->\n全年召开")
    assert _one(_lint(text, lang="zh"), "L001").message == "抑制注释未起作用：没有匹配到任何问题"


def test_reporting_year_unknown_in_chinese():
    """Title without a year, no opening year, no date: the year-dependent rules say 提示 and why."""
    text = (BASE.replace(TITLE, "青山镇人民政府法治政府建设情况报告").replace("2024年，青山镇", "一年来，青山镇")
            .replace("一、2024年推进", "一、推进").replace("四、2025年工作安排", "四、下一步工作安排")
            .replace("青山镇人民政府\n2025年1月22日\n", "").replace("坚持以习近平法治思想为指导", "坚持依法行政")
            .replace("，年底在区委依法治区委员会会议上专题述法", "")
            .replace("全年办理行政复议案件9件", "截至11月底，办理行政复议案件9件"))
    res = _lint(text, lang="zh")
    assert res.report.reporting_year is None
    got = {f.code: (f.severity, f.message) for f in res.findings}
    assert got == {
        "D006": ("info", "未找到成文日期和报告年度，无法核对报送期限"),
        "M001": ("info", "报告通篇未提及党政主要负责人述法（2021年度起的报告应写明；报告年度不明）"),
        "M003": ("info", "报告通篇未提及“习近平法治思想”（2020年度起的报告应写明；报告年度不明）"),
        "S010": ("error", "标题未写明报告年度"),
        "D004": ("info", "“截至11月底”是部分时段的数据，年度报告应反映全年情况（报告年度不明）"),
    }


def test_d002_day_missing_in_the_signing_line():
    f = _one(_lint(BASE.replace("2025年1月22日", "2025年1月"), lang="zh"), "D002")
    assert (f.message, f.suggestion) == ("日期“2025年1月”不完整：成文日期缺少日", "补全日期，如“2025年1月20日”（以实际成文日为准）")
    f = _one(_lint(BASE.replace("2025年1月22日", "2025年1月"), lang="en"), "D002")
    assert (f.message, f.suggestion) == ("incomplete date “2025年1月”: the 成文日期 has no day", "2025年1月20日 (the day it was signed)")


def test_d001_on_the_covering_request():
    cover = ("青山镇人民政府关于报送2024年法治政府建设情况报告的请示\n\n区政府：\n现将我镇2024年法治政府建设情况报告报送，请审阅。"
             "\n\n青山镇人民政府\n2025年3月6日\n\n附件\n\n")
    text = cover + BASE.replace("青山镇人民政府\n2025年1月22日\n", "")
    zh, en = (_one(_lint(text, lang=lang), "D001") for lang in ("zh", "en"))
    assert zh.message == "报送文件的成文日期2025年3月6日晚于2024年度报告的报送期限2025年3月1日（第二十三条：每年3月1日之前报告）"
    assert en.message == ("the covering document's 成文日期 2025-03-06 is after the deadline 2025-03-01 for a 2024 report: "
                          "第二十三条：每年3月1日之前报告")


def test_d003_on_the_deadline_day():
    zh = _one(_lint(BASE, lang="zh", published_on=dt.date(2025, 4, 1)), "D003")
    assert (zh.severity, zh.message) == ("warning", "公开日期2025年4月1日（“--published-on”参数所给日期）恰为公开期限2025年4月1日当日"
                                                    "（第二十四条：每年4月1日之前向社会公开）；“之前”可能理解为不含当日")
    en = _one(_lint(BASE, lang="en", published_on=dt.date(2025, 4, 1)), "D003")
    assert en.message == ("published on 2025-04-01 (--published-on), the deadline day 2025-04-01 itself "
                          "(第二十四条：每年4月1日之前向社会公开); “之前” may mean the day before")


def test_f007_traditional_script_in_chinese():
    trad = BASE.replace("青山镇人民政府2024年法治政府建设情况报告", "青山鎮人民政府2024年法治政府建設情況報告")
    trad = trad.replace("部分执法人员法治意识有待增强", "部分執法人員法治意識有待增強")
    trad = trad.replace("全年办理行政复议案件9件，行政诉讼案件5件", "全年辦理行政複議案件9件，行政訴訟案件5件")
    trad = trad.replace("镇党委书记、镇长认真履行推进法治建设第一责任人职责", "鎮黨委書記、鎮長認真履行推進法治建設第一責任人職責")
    trad = trad.replace("一是完善行政执法协调机制。二是加强法治宣传教育。", "一是完善行政執法協調機制。二是加強法治宣傳教育。")
    f = _one(_lint(trad, lang="zh"), "F007")
    assert re.fullmatch(r"报告使用繁体字书写（\d+个汉字中有\d+个为繁体字，占\d+%；已转为简体后检查）", f.message), f.message
    assert f.suggestion == "改用规范汉字（简体字）书写，可用文字处理软件的“繁转简”功能转换"
    en = _one(_lint(trad, lang="en"), "F007")
    assert re.fullmatch(r"the report is written in Traditional characters \(\d+ of \d+ Han characters, \d+%, "
                        r"converted to Simplified for the analysis\)", en.message), en.message


def test_d003_repost_and_page_line_in_chinese():
    f = _one(lint_path(ROOT / "fixtures" / "web" / "repost-runon-lichuan-2024.txt", Options(lang="zh", as_of=AS_OF)),
             "D003")
    assert f.message == ("公开日期2025年5月12日（网页第3行所载发布时间）晚于公开期限2025年4月1日（第二十四条：每年4月1日之前"
                         "向社会公开）；网页“来源”为临川日报，系转载，原文可能已按时公开")
    assert f.severity == "info"


def test_english_is_as_before():
    """--lang en keeps the 0.1 wording (the rest of the suite pins the other messages)."""
    f = _one(run_case(BY_NAME["d001-fail-dated-after-1-march"], lang="en"), "D001")
    assert f.message == "成文日期 2025-03-06 is after the deadline 2025-03-01 for a 2024 report: 第二十三条：每年3月1日之前报告"
    f = _one(run_case(BY_NAME["d003-fail-published-after-1-april"], lang="en"), "D003")
    assert f.message == ("published on 2025-04-15 (--published-on), after the deadline 2025-04-01: "
                         "第二十四条：每年4月1日之前向社会公开")
    f = _one(run_case(BY_NAME["s014-fail-collecting-another-year"], lang="en"), "S014")
    assert f.message == "the report is about 2024 (its title), not the year 2025 being collected"
    f = _one(run_case(BY_NAME["s008-fail-duties-only-as-a-run-in-item"], lang="en"), "S008")
    assert f.message == "content（三）is given only a paragraph inside section（一）, not a section of its own"
    f = _one(run_case(BY_NAME["l003-fail-drafting-note"], lang="en"), "L003")
    assert f.message == "not a 法治政府建设 report: its title names a 说明, not a 报告; no other rule was run on this file"


def test_cli_lang_zh(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(case_document(BY_NAME["s006-fail-problems-only"]), encoding="utf-8")
    runner = CliRunner()
    zh = runner.invoke(main, ["--lang", "zh", "--output-format", "concise", "--select", "S006", str(path)])
    en = runner.invoke(main, ["--lang", "en", "--output-format", "concise", "--select", "S006", str(path)])
    assert "S006 “存在的不足”部分只列问题，未分析原因" in zh.output
    assert "S006 the shortcomings section states no causes (原因)" in en.output


# ---------------------------------------------------------------- no English on the fixtures

_OURS = re.compile(r"^(?:[SDML]\d{3}|F007)$")
_QUOTED = re.compile(r"「[^」]*」|“[^”]*”|《[^》]*》")
_CODE_OR_URL = re.compile(r"https?://\S+|\b[A-Z]\d{3}\b")
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
FIXTURE_FILES = sorted(p for p in (ROOT / "fixtures").rglob("*")
                       if p.suffix in (".txt", ".docx", ".pdf", ".html", ".htm")) + sorted(
    (ROOT.parent / "shared" / "real").glob("*.txt"))


def english_words(text: str | None) -> list[str]:
    """Latin words of 3+ letters outside quotes, codes and URLs."""
    if not text:
        return []
    return _LATIN_WORD.findall(_CODE_OR_URL.sub(" ", _QUOTED.sub(" ", text)))


def test_english_words_detector():
    assert english_words("the title lacks “法治政府建设”") == ["the", "title", "lacks"]
    assert english_words("请检查报告本身，或用“--exclude”参数排除本文件；见 https://example.org/S001 与 S001") == []


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_no_english_in_chinese_findings(path):
    # a late --published-on puts D003 on every report; web pages keep their own 发布时间
    late = None if path.parent.name == "web" else dt.date(2099, 1, 1)
    res = lint_path(path, Options(lang="zh", as_of=dt.date(2026, 11, 21), published_on=late))
    ours = [f for f in res.findings if _OURS.match(f.code)]
    bad = [(f.code, f.message, f.suggestion) for f in ours
           if english_words(f.message) or english_words(f.suggestion)]
    assert not bad

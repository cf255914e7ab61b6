"""Issue 10 kinds 1, 2 and 6 (contents at any level or in a paragraph; the reporting year
from all the evidence, --year and S014; titles over several lines), with report text of our
own wording: every case fires or stays silent on purpose."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from lawgov_lint.cli import main

from helpers import codes, lint_text


def by_code(result, code: str):
    return [f for f in result.findings if f.code == code]


# --------------------------------------------------------------------------- kind 1

NESTED = """\
清河县商务局2024年度法治政府建设情况报告
2024年，县商务局坚持以习近平法治思想为指导，现将有关情况报告如下。
一、2024年工作成效
（一）健全依法决策机制
全年对12项规范性文件开展合法性审核，办理行政复议案件2件，出庭应诉率100%。
（二）局党组书记、局长履行推进法治建设第一责任人职责情况
局长在县委依法治县办组织的会议上专题述法，全年主持召开党组会研究法治工作4次。
二、存在的不足和原因
执法人员专业化程度不高，原因在于培训投入偏少。
三、2025年工作安排
持续完善行政执法监督机制。
清河县商务局
2025年1月16日
"""


def test_content_3_as_a_sub_heading_of_the_achievements():
    r = lint_text(NESTED)
    assert "S003" not in codes(r) and "S008" not in codes(r) and "S007" not in codes(r)
    rep = r.report
    assert rep.contents_present() == {1: True, 2: True, 3: True, 4: True, 5: False}
    three = next(s for s in rep.sections if s.content == 3)
    assert rep.headings[three.heading].text.startswith("（二）局党组书记")
    # a finding inside the nested section belongs to it
    assert rep.section_of(three.start + 1) == 3


@pytest.mark.parametrize("umbrella", ["一、2024年工作成效", "一、2024年度法治政府建设推进情况", "一、工作回顾"])
@pytest.mark.parametrize("sub", ["（一）集中破解群众反映强烈的突出问题", "（一）聚焦短板弱项，推动问题整改"])
def test_a_problem_sub_heading_inside_the_achievements_is_not_content_2(umbrella, sub):
    text = NESTED.replace("一、2024年工作成效", umbrella).replace("（一）健全依法决策机制", sub).replace(
        "二、存在的不足和原因\n执法人员专业化程度不高，原因在于培训投入偏少。\n", "")
    r = lint_text(text)
    s002 = by_code(r, "S002")
    assert len(s002) == 1 and s002[0].severity == "error"
    assert s002[0].location.line == 1


def test_shortcomings_closing_an_umbrella_section_count():
    text = NESTED.replace("二、存在的不足和原因\n", "（三）存在的不足和原因\n").replace("三、2025年工作安排", "二、2025年工作安排")
    r = lint_text(text)
    assert not {"S002", "S008"} & set(codes(r))
    assert r.report.contents_present()[2]


RUN_IN = """\
青石镇2024年法治政府建设工作报告
2024年，青石镇认真落实上级部署，现将有关情况报告如下。
一、主要举措和成效
（一）强化组织保障
一是完善议事规则，镇党委会专题研究法治工作3次。二是加强干部学法，组织法治讲座6场。三是镇党委书记、镇长带头履行推进法治建设第一责任人职责。年终在区委全面依法治区委员会会议上书面述法。
（二）规范执法行为
全年办理行政处罚案件37件，无行政复议和行政诉讼案件。
二、存在的问题和原因
基层执法力量薄弱，原因是编制长期不足。
三、2025年工作打算
持续推进综合行政执法改革。
青石镇人民政府
2025年2月10日
"""


def test_run_in_item_satisfies_content_3_with_s008_info():
    r = lint_text(RUN_IN)
    assert "S003" not in codes(r)
    assert "S007" not in codes(r)  # a run-in (三) inside (一) is not out of order
    s008 = by_code(r, "S008")
    assert len(s008) == 1 and s008[0].severity == "info"
    assert s008[0].excerpt == "三是镇党委书记、镇长带头履行推进法治建设第一责任人职责"
    assert s008[0].location.line == 5
    assert "content（三）" in s008[0].message and "section（一）" in s008[0].message


def test_numbered_run_in_item_counts_too():
    text = RUN_IN.replace("一是完善议事规则", "（1）完善议事规则").replace("二是加强干部学法", "（2）加强干部学法").replace(
        "三是镇党委书记", "（3）镇党委书记")
    r = lint_text(text)
    assert "S003" not in codes(r)
    assert [f.excerpt[:3] for f in by_code(r, "S008")] == ["（3）"]


def test_paragraph_whose_first_sentence_is_about_content_3():
    text = RUN_IN.replace(
        "一是完善议事规则，镇党委会专题研究法治工作3次。二是加强干部学法，组织法治讲座6场。三是镇党委书记、镇长带头履行推进法治建设第一责任人职责。",
        "镇党委主要负责同志认真履行推进法治建设第一责任人职责，带头研究法治工作。")
    r = lint_text(text)
    assert "S003" not in codes(r)
    s008 = by_code(r, "S008")
    assert len(s008) == 1 and s008[0].excerpt.startswith("镇党委主要负责同志")


def test_content_3_only_in_the_plan_is_still_missing():
    text = RUN_IN.replace("三是镇党委书记、镇长带头履行推进法治建设第一责任人职责。", "").replace(
        "持续推进综合行政执法改革。", "一是持续推进综合行政执法改革。二是镇党政主要负责人切实履行推进法治建设第一责任人职责。")
    r = lint_text(text)
    assert [f.severity for f in by_code(r, "S003")] == ["error"]
    assert "S008" not in codes(r)


def test_a_passing_mention_is_not_enough():
    text = RUN_IN.replace(
        "一是完善议事规则，镇党委会专题研究法治工作3次。二是加强干部学法，组织法治讲座6场。三是镇党委书记、镇长带头履行推进法治建设第一责任人职责。",
        "全年组织法治讲座6场，镇党委会专题研究法治工作3次。会上通报了各村落实第一责任人职责的情况。")
    r = lint_text(text)
    assert [f.severity for f in by_code(r, "S003")] == ["error"]
    assert "S008" not in codes(r)


def test_shortcomings_in_a_paragraph_outside_the_achievements():
    text = RUN_IN.replace("二、存在的问题和原因\n基层执法力量薄弱，原因是编制长期不足。\n", "").replace(
        "三、2025年工作打算\n", "二、2025年工作打算\n我镇法治政府建设仍存在一些短板，主要是执法力量薄弱，原因是编制不足。\n")
    r = lint_text(text)
    assert "S002" not in codes(r)
    assert [f.excerpt[:6] for f in by_code(r, "S008")] == ["三是镇党委书", "我镇法治政府"]


def test_a_plan_item_about_shortcomings_is_not_content_2():
    text = RUN_IN.replace("二、存在的问题和原因\n基层执法力量薄弱，原因是编制长期不足。\n", "").replace(
        "持续推进综合行政执法改革。", "一是聚焦仍存在的薄弱环节，持续推进综合行政执法改革。二是加强执法培训。")
    r = lint_text(text)
    assert [f.severity for f in by_code(r, "S002")] == ["error"]
    assert [f.excerpt[:2] for f in by_code(r, "S008")] == ["三是"]


@pytest.mark.parametrize("heading", ["一、2024年法治政府建设情况", "一、主要措施", "一、今年以来推进依法行政工作情况"])
def test_umbrella_headings_of_the_year_are_content_1(heading):
    r = lint_text(NESTED.replace("一、2024年工作成效", heading))
    assert "S001" not in codes(r)


def test_thematic_sections_without_an_umbrella():
    text = """\
松林县司法局2024年法治政府建设情况报告
2024年，县司法局深入推进依法行政，现将有关情况报告如下。
一、聚焦依法决策，提升审查质效
全年审查合同协议41份。
二、聚焦矛盾化解，守牢安全底线
全年调解纠纷512件。
三、局长履行推进法治建设第一责任人职责情况
局长在县委常委会会议上述法。
四、存在的不足和原因
个别单位学法不深，原因是考核偏软。
五、2025年工作打算
持续深化公共法律服务。
松林县司法局
2025年1月8日
"""
    r = lint_text(text)
    assert r.report.contents_present() == {1: True, 2: True, 3: True, 4: True, 5: False}
    assert "S001" not in codes(r)
    assert [s.content for s in r.report.sections] == [1, 1, 3, 2, 4]


# --------------------------------------------------------------------------- kind 2

TITLELESS = """\
现将我区法治政府建设情况报告如下：
一、全面推进政务公开
去年我区在全市法治政府考核中位列第五。2018年我区被评为示范区。全年主动公开政府信息3200条。
二、深化行政执法规范化
开展执法案卷评查两次，评查案卷160卷。
三、2020年工作计划
推进行政执法三项制度全覆盖。
某某区人民政府
2019年11月28日
"""


def test_year_from_the_plan_heading_and_the_date():
    r = lint_text(TITLELESS)
    rep = r.report
    assert (rep.reporting_year, rep.reporting_year_source) == (2019, "evidence")
    assert not {"D001", "S012", "D005", "M001"} & set(codes(r))


def test_a_last_section_naming_the_next_year_is_the_plan():
    r = lint_text(TITLELESS.replace("三、2020年工作计划", "三、2020年主要工作"))
    assert (r.report.reporting_year, r.report.reporting_year_source) == (2019, "evidence")
    assert r.report.contents_present()[4]
    assert not {"S012", "D001", "S001"} & set(codes(r))


def test_ranking_and_comparison_years_are_no_evidence():
    text = TITLELESS.replace("三、2020年工作计划\n推进行政执法三项制度全覆盖。\n", "").replace(
        "某某区人民政府\n2019年11月28日\n", "")
    r = lint_text(text)
    assert r.report.reporting_year is None and r.report.reporting_year_source is None
    # without a year every Y-dependent rule says info, never error or warning
    for f in r.findings:
        if f.code in ("M001", "M003", "D001", "D004", "D005", "S011", "S012"):
            assert f.severity == "info", (f.code, f.severity)
    m001 = by_code(r, "M001")
    assert len(m001) == 1 and "unknown" in m001[0].message


def test_contradictory_evidence_leaves_the_year_unknown():
    text = TITLELESS.replace("2019年11月28日", "2023年1月20日")  # plan says 2019, date says 2022
    r = lint_text(text)
    assert r.report.reporting_year is None
    assert "D001" not in codes(r) and "S012" not in codes(r)


def test_a_lone_date_is_thin_evidence():
    text = TITLELESS.replace("三、2020年工作计划", "三、下一步工作计划")
    assert lint_text(text).report.reporting_year is None
    # 今年 in a report dated late in the year is a second piece of evidence
    r = lint_text(text.replace("全年主动公开", "今年主动公开"))
    assert (r.report.reporting_year, r.report.reporting_year_source) == (2019, "evidence")
    assert "D005" not in codes(r)


def test_partial_period_is_info_when_the_year_is_unknown():
    text = TITLELESS.replace("三、2020年工作计划\n推进行政执法三项制度全覆盖。\n", "").replace(
        "评查案卷160卷", "截至10月底办结执法案件160件")
    r = lint_text(text)
    assert [f.severity for f in by_code(r, "D004")] == ["info"]
    # with the year known it is the rule's warning
    known = lint_text(TITLELESS.replace("评查案卷160卷", "截至10月底办结执法案件160件"))
    assert [f.severity for f in by_code(known, "D004")] == ["warning"]


def test_year_option_supplies_an_unknown_year():
    text = TITLELESS.replace("三、2020年工作计划", "三、下一步工作计划").replace("2019年11月28日", "2020年3月5日")
    assert lint_text(text).report.reporting_year is None
    r = lint_text(text, year=2019)
    assert (r.report.reporting_year, r.report.reporting_year_source) == (2019, "option")
    assert [f.severity for f in by_code(r, "D001")] == ["error"]  # dated after 2020-03-01
    assert "S014" not in codes(r)


def test_s014_when_the_reports_own_year_differs():
    r = lint_text(NESTED, year=2025)
    s014 = by_code(r, "S014")
    assert len(s014) == 1 and s014[0].severity == "error"
    assert s014[0].excerpt == "2024" and s014[0].location.line == 1
    assert "2024" in s014[0].message and "2025" in s014[0].message
    assert r.report.reporting_year == 2024  # the report's own year still drives the other rules
    assert "S014" not in codes(lint_text(NESTED, year=2024))
    evidence = lint_text(TITLELESS, year=2020)
    assert [f.excerpt for f in by_code(evidence, "S014")] == ["现将我区法治政府建设情况报告如下："]


def test_json_reporting_year_source_and_cli_year(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(TITLELESS, encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text(NESTED, encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(main, ["--as-of", "2025-01-01", "--isolated", "--output-format", "json", str(a), str(b)])
    files = {f["path"]: f["report"] for f in json.loads(out.output)["files"]}
    assert files[str(a)]["reporting_year_source"] == "evidence" and files[str(b)]["reporting_year_source"] == "title"
    out = runner.invoke(main, ["--as-of", "2025-01-01", "--isolated", "--output-format", "json", "--year", "2025", str(b)])
    assert [f["code"] for f in json.loads(out.output)["files"][0]["findings"]].count("S014") == 1
    # the configuration key does the same
    (tmp_path / "lawgov-lint.toml").write_text("year = 2025\n", encoding="utf-8")
    out = runner.invoke(main, ["--as-of", "2025-01-01", "--output-format", "json", str(b)])
    assert [f["code"] for f in json.loads(out.output)["files"][0]["findings"]].count("S014") == 1
    (tmp_path / "lawgov-lint.toml").write_text("year = \"2025\"\n", encoding="utf-8")
    out = runner.invoke(main, ["--as-of", "2025-01-01", str(b)])
    assert out.exit_code == 2 and "year" in out.output and "Traceback" not in out.output


# --------------------------------------------------------------------------- kind 6

def _with_title(*lines: str) -> str:
    return "\n".join(lines) + "\n" + NESTED.split("\n", 1)[1]


def test_title_over_two_lines():
    r = lint_text(_with_title("清河县商务局2024年度法治政府建设", "情况报告"))
    rep = r.report
    assert rep.located and rep.title_blocks == [0, 1]
    assert rep.title == "清河县商务局2024年度法治政府建设情况报告"
    assert rep.reporting_year == 2024 and rep.reporting_year_source == "title"
    assert not [c for c in codes(r) if c in ("S010", "S011", "L002")]


def test_issuer_line_then_guanyu_title():
    r = lint_text(_with_title("清河县商务局", "关于2024年度法治政府建设情况的报告"))
    rep = r.report
    assert rep.title_blocks == [0, 1] and rep.title == "清河县商务局关于2024年度法治政府建设情况的报告"
    assert rep.issuer == "清河县商务局"
    assert "S010" not in codes(r)


def test_year_on_its_own_line_under_the_title():
    r = lint_text(_with_title("清河县商务局法治政府建设年度报告", "（2024年度）"))
    assert r.report.title_blocks == [0, 1] and r.report.reporting_year == 2024
    assert r.report.reporting_year_source == "title"
    assert "S010" not in codes(r)


def test_title_over_three_lines():
    r = lint_text(_with_title("清河县人民政府关于", "2024年度法治政府建设", "情况的报告"))
    assert r.report.title_blocks == [0, 1, 2]
    assert r.report.title == "清河县人民政府关于2024年度法治政府建设情况的报告"
    assert "S010" not in codes(r) and "L002" not in codes(r)


def test_s010_findings_on_the_second_line_of_a_title():
    r = lint_text(_with_title("清河县商务局2024年度", "法治政府工作总结"))
    s010 = by_code(r, "S010")
    assert sorted((f.excerpt, f.severity, f.location.line) for f in s010) == [
        ("总结", "warning", 2), ("法治政府", "error", 2)]
    assert r.error is None  # no internal error, every finding inside the document


def test_s011_with_a_two_line_title():
    text = _with_title("清河县商务局2024年度法治政府建设", "情况报告").replace("2024年，县商务局", "2023年，县商务局")
    s011 = by_code(lint_text(text), "S011")
    assert [(f.excerpt, f.location.line) for f in s011] == [("2023", 3)]


def test_short_lines_that_are_not_a_title():
    text = "清河县商务局\n2025年1月16日\n" + NESTED
    r = lint_text(text)
    assert r.report.title == "清河县商务局2024年度法治政府建设情况报告"


@pytest.mark.parametrize("text", [
    "清河县商务局2024年度法治政府建设\n情况报告\n",                 # a title and nothing else
    "清河县商务局2024年度\n法治政府工作总结",                       # no newline at the end
    "关于2024年度法治政府建设\n情况的报告\n一、\n（一）\n三是\n2025年1月  日\n",
    "清河县商务局\n关于\n2024年度法治政府建设情况的报告\n现将有关情况报告如下：\n",
    "\u3000\n情况报告\n2024年度法治政府建设\n",
])
def test_unexpected_title_shapes_never_break_a_check(text):
    r = lint_text(text)
    assert r.error is None, r.error


def _docx_of(lines: list[tuple[str, str | None]]) -> bytes:
    import io

    import docx

    d = docx.Document()
    for text, style in lines:
        d.add_paragraph(text, style=style)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_two_line_title_in_word_with_a_line_break_or_two_paragraphs():
    from lawgov_lint.engine import Options, lint_document
    from lawgov_lint.loaders import load

    from helpers import AS_OF

    body = [(line, "Heading 1" if line[:2] in ("一、", "二、", "三、") else None)
            for line in NESTED.splitlines()[1:] if line]
    for title in ([("临川县水利局2024年度法治政府建设", "Title"), ("情况报告", "Title")],
                  [("临川县水利局2024年度法治政府建设\n情况报告", "Title")]):
        doc = load("two-line.docx", data=_docx_of(title + body))
        r = lint_document(doc, Options(as_of=AS_OF))
        assert r.error is None
        assert r.report.title.replace("\n", "") == "临川县水利局2024年度法治政府建设情况报告"
        assert not {"S010", "S011", "L002", "S003"} & set(codes(r))


def test_structure_checks_drop_a_range_outside_the_document():
    from types import SimpleNamespace

    from lawgov_lint.checks import Hit
    from lawgov_lint.checks.structure import _inside_the_document

    doc = SimpleNamespace(blocks=[SimpleNamespace(text="清河县商务局2024年度")])

    @_inside_the_document
    def odd(ctx):
        yield Hit("S010", 0, 12, 1, "reversed range")
        yield Hit("S010", 1, 0, 1, "no such block")
        yield Hit("S010", 0, 0, 13, "past the end")
        yield Hit("S010", 0, 6, 10, "fine")

    assert [h.message for h in odd(SimpleNamespace(doc=doc))] == ["fine"]

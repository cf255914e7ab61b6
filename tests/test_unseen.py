"""Regressions from linting unseen reports (a red-team run): wording and shapes not in the seeds."""

from __future__ import annotations

import pytest

from helpers import codes, lint_text

SKELETON = """\
某某区2023年度法治政府建设情况报告
2023年，某某区深入学习贯彻习近平法治思想，扎实推进法治政府建设。现将有关情况报告如下：
{h1}
区政府全年召开常务会议学法6次，全区受理行政复议案件120件。
{h2}
一是基层执法力量不足。主要原因是编制保障不够。
{h3}
区长认真履行推进法治建设第一责任人职责，在年终述职中专题述法。
{h4}
一是深化行政执法改革；二是加强行政复议规范化建设。
五、其他需要报告的情况
无。
某某区人民政府
2024年1月20日
"""
H = dict(h1="一、主要举措和成效", h2="二、存在的不足和原因", h3="三、第一责任人履职情况", h4="四、2024年工作安排")


def skeleton(**kw) -> str:
    return SKELETON.format(**{**H, **kw})


def test_skeleton_is_clean():
    assert codes(lint_text(skeleton())) == []


@pytest.mark.parametrize("heading", ["一、法治政府建设工作开展情况", "一、2023年法治政府建设有关情况"])
def test_a_section_heading_is_never_the_title(heading):
    r = lint_text(skeleton(h1=heading))
    assert r.report.title == "某某区2023年度法治政府建设情况报告"
    assert codes(r) == []


@pytest.mark.parametrize("kw", [
    dict(h2="二、存在的困难和挑战"),
    dict(h2="二、面临的问题和原因分析"),
    dict(h3="三、区委书记、区长履行法治建设职责情况"),
    dict(h3="三、主要负责同志履职尽责情况"),
    dict(h4="四、努力方向"),
    dict(h4="四、今后工作设想"),
])
def test_section_wordings_of_other_regions(kw):
    assert codes(lint_text(skeleton(**kw))) == []


@pytest.mark.parametrize("causes", [
    "一是基层执法力量不足。既有编制不足的客观因素，也有培训不够的主观因素。",
    "一是基层执法力量不足。这主要是因为编制保障不够。",
    "一是基层执法力量不足。分析其成因，编制保障不够是关键。",
])
def test_causes_stated_in_other_words(causes):
    text = skeleton(h2="二、存在的不足").replace("一是基层执法力量不足。主要原因是编制保障不够。", causes)
    assert "S006" not in codes(lint_text(text))


def test_causes_in_a_section_of_their_own():
    text = skeleton(h2="二、存在的不足").replace(
        "一是基层执法力量不足。主要原因是编制保障不够。", "一是基层执法力量不足。\n三、原因分析\n编制保障不够。")
    text = text.replace("三、第一责任人履职情况", "四、第一责任人履职情况").replace("四、2024年工作安排", "五、2024年工作安排").replace("五、其他需要报告的情况", "六、其他需要报告的情况")
    assert "S006" not in codes(lint_text(text))


def test_shufa_only_planned_or_negated_is_a_warning():
    negated = skeleton().replace("在年终述职中专题述法。", "全年主持研究法治工作5次，2023年度未开展述法。")
    f = [x for x in lint_text(negated).findings if x.code == "M001"]
    assert [x.severity for x in f] == ["warning"] and f[0].excerpt == "述法"
    planned = skeleton().replace("在年终述职中专题述法。", "在年终述职中报告履职情况。").replace(
        "一是深化行政执法改革；", "2024年将组织党政主要负责人开展年度述法；一是深化行政执法改革；")
    f = [x for x in lint_text(planned).findings if x.code == "M001"]
    assert [x.severity for x in f] == ["warning"]


@pytest.mark.parametrize("sentence,expect", [
    ("上半年召开全区法治政府建设推进会，下半年组织开展专项督察。", []),
    ("2023年1月至12月，全区共办理行政处罚案件2236件。", []),
    ("2023年1月—12月，全区共办理行政处罚案件2236件。", []),
    ("上半年召开全区法治政府建设推进会。", []),  # no figure: not figures for part of the year
    ("前10个月，全区共办理行政处罚案件1900件。", ["前10个月"]),
    ("截至十月底，共办理信访事项300件。", ["截至十月底"]),
    ("一至十一月，全区共调解纠纷300件。", ["一至十一月"]),
    ("截止到10月底，共受理行政复议案件45件。", ["截止到10月底"]),
    ("到11月底，全区共办理信访事项520件。", ["到11月底"]),
    ("第一季度至第三季度，共开展执法检查126次。", ["第一季度至第三季度"]),
    ("力争到11月底前完成全部评查工作。", []),
])
def test_partial_periods_need_figures_and_part_of_the_year(sentence, expect):
    r = lint_text(skeleton().replace("全区受理行政复议案件120件。", "全区受理行政复议案件120件。" + sentence))
    assert [f.excerpt for f in r.findings if f.code == "D004"] == expect


def test_partial_periods_in_the_plan_are_next_year():
    text = skeleton().replace("一是深化行政执法改革；", "力争2024年上半年完成示范创建申报，1-6月完成案卷评查20件；一是深化行政执法改革；")
    assert "D004" not in codes(lint_text(text))


def test_provincial_report_is_held_to_the_provincial_deadline():
    text = skeleton().replace("某某区2023年度法治政府建设情况报告", "某某省人民政府2023年度法治政府建设情况报告").replace(
        "某某区人民政府\n2024年1月20日", "某某省人民政府\n2024年3月20日")
    assert "D001" not in codes(lint_text(text))
    late = text.replace("2024年3月20日", "2024年4月8日")
    assert "D001" in codes(lint_text(late))


def test_date_without_day_and_dotted_date():
    noday = lint_text(skeleton().replace("2024年1月20日", "2024年1月"))
    assert [(f.code, f.excerpt) for f in noday.findings if f.code.startswith("D")] == [("D002", "2024年1月")]
    dotted = lint_text(skeleton().replace("2024年1月20日", "2024.1.20"))
    assert "D006" not in codes(dotted) and dotted.report.signing_date.isoformat() == "2024-01-20"


def test_short_one_paragraph_per_line_file_is_not_hard_wrapped():
    r = lint_text(skeleton(h2="二、存在的问题"))
    assert r.report.located and [b.text for b in r.report.doc.blocks][-1] == "2024年1月20日"


def test_issuer_is_the_whole_body_name():
    r = lint_text(skeleton().replace("某某区2023年度法治政府建设情况报告", "杭州市司法局2023年度法治政府建设工作报告"))
    assert r.report.issuer == "杭州市司法局"


def test_hard_wrapped_heading_filling_its_line_is_not_merged_into_the_body():
    lines = [
        "某某区2023年度法治政府建设情况报告",
        "　　2023年，某某区坚持以习近平新时代中国特色社会主义",
        "思想为指导，深入学习贯彻习近平法治思想，扎实推进法治政府",
        "建设，各项工作取得积极成效。现将有关情况报告如下：",
        "一、2023年度推进法治政府建设的主要举措和成效",
        "　　区政府全年召开常务会议学法6次，专题研究法治政府建设",
        "工作3次。全区行政复议机关全年受理行政复议案件120件，",
        "审结115件，行政机关负责人出庭应诉率100%。",
        "二、2023年度推进法治政府建设存在的不足和原因",
        "　　一是基层执法力量不足，执法人员专业能力不强；二是法治",
        "宣传针对性不强。主要原因是编制保障不够，培训经费投入有限。",
        "三、党政主要负责人履行推进法治建设第一责任人职责情况",
        "　　区长认真履行推进法治建设第一责任人职责，全年主持研究",
        "法治政府建设重大事项7次，在区委全面依法治区委员会会议上",
        "作专题述法。",
        "四、2024年度推进法治政府建设的主要安排",
        "　　一是深化行政执法改革，推进执法规范化建设；二是加强行",
        "政复议规范化建设，提升办案质效；三是深化示范创建。",
        "五、其他需要报告的情况",
        "　　无其他需要报告的情况。",
        "某某区人民政府",
        "2024年1月20日",
    ]
    r = lint_text("\n".join(lines) + "\n")
    texts = [b.text for b in r.report.doc.blocks]
    assert "三、党政主要负责人履行推进法治建设第一责任人职责情况" in texts
    assert codes(r) == []


def test_word_auto_numbered_headings_are_read_with_their_labels():
    from lawgov_lint.document import Block, Document, Segment
    from lawgov_lint.engine import Options, lint_document

    paras = [("某某区2023年度法治政府建设情况报告", None), ("2023年，某某区扎实推进法治政府建设，深入学习贯彻习近平法治思想。", None),
             ("主要举措和成效", "一、"), ("全区受理行政复议案件120件。", None), ("存在的不足和原因", "二、"),
             ("执法力量不足，原因是编制不够。", None), ("第一责任人履职情况", "三、"), ("区长专题述法。", None),
             ("2024年工作安排", "四、"), ("深化改革。", None), ("其他需要报告的情况", "五、"), ("无。", None),
             ("2024年1月20日", None)]
    blocks = [Block(i + 1, t, [Segment(0)], label=lab) for i, (t, lab) in enumerate(paras)]
    r = lint_document(Document("auto.docx", "docx", blocks), Options())
    assert [h.text for h in r.report.headings][:2] == ["一、主要举措和成效", "二、存在的不足和原因"]
    assert [c for c in codes(r) if c.startswith("S")] == []


# --- from the code review ---------------------------------------------------------------------

def test_opening_year_in_chinese_numerals_is_located():
    text = skeleton().replace("某某区2023年度", "某某区2024年度").replace("2023年，某某区", "二〇二三年，某某区")
    f = next(x for x in lint_text(text).findings if x.code == "S011")
    assert f.excerpt == "二〇二三" and f.suggestion == "2024"


def test_plan_year_at_the_start_of_a_heading_and_with_word_labels():
    from lawgov_lint.document import Block, Document, Segment
    from lawgov_lint.engine import Options, lint_document

    r = lint_text(skeleton(h4="四、2023年工作安排"))
    f = next(x for x in r.findings if x.code == "S012")
    assert f.excerpt == "2023" and f.suggestion == "2024"
    paras = [("某某区2023年法治政府建设情况报告", None), ("2023年，某某区扎实推进法治政府建设。", None),
             ("主要举措和成效", "一、"), ("工作打算2023年", "二、"), ("深化改革。", None)]
    blocks = [Block(i + 1, t, [Segment(0)], label=lab) for i, (t, lab) in enumerate(paras)]
    res = lint_document(Document("auto.docx", "docx", blocks), Options())
    s012 = [x for x in res.findings if x.code == "S012"]
    assert [(x.excerpt, x.location.offset) for x in s012] == [("2023", 4)]


def test_a_failing_check_costs_its_findings_not_the_run():
    from lawgov_lint.checks import Check, Registry, builtin_registry

    def boom(ctx):
        raise RuntimeError("boom")
        yield  # pragma: no cover

    boom.__module__ = "lawgov_lint.checks.structure"  # a built-in check with a bug
    reg = builtin_registry()
    broken = Registry(reg.rules, tuple(Check(c.codes, boom) if c.codes == ("S013",) else c for c in reg.checks),
                      reg.origins)
    r = lint_text(skeleton().replace("在年终述职中专题述法", "在年终述职中述职"), registry=broken)
    assert r.error.startswith("internal error in check boom (S013): RuntimeError: boom")
    assert "M001" in codes(r)


def test_bad_extra_packs_are_one_line_errors(tmp_path):
    import subprocess
    import sys
    import os

    exe = os.path.join(os.path.dirname(sys.executable), "lawgov-lint")
    report = tmp_path / "r.txt"
    report.write_text(skeleton(), encoding="utf-8")
    for body, needle in [('[severity]\nS005 = "fatal"\n', "must be one of error, warning, info"),
                         ("[deadlines.submission.standard]\nmonth = 2\nday = 30\n", "valid month and day")]:
        pack = tmp_path / "p.toml"
        pack.write_text(body, encoding="utf-8")
        p = subprocess.run([exe, "--rule-pack", str(pack), str(report)], capture_output=True, text=True)
        assert p.returncode == 2 and needle in p.stderr and "Traceback" not in p.stderr


def test_relative_year_suggestion_matches_its_reading():
    text = skeleton().replace("一是基层执法力量不足。", "去年基层执法力量不足。")
    f = next(x for x in lint_text(text).findings if x.code == "D005")
    assert "reads as 2023" in f.message and f.suggestion == "2023年"

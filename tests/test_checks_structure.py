"""S, M, D and L checks on report text of our own wording (not the seeds', not the packs' synonyms)."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import COMPLETE, codes, lint_text

SMDL = ("S", "M", "D", "L")


def smdl(result) -> list[str]:
    return sorted(c for c in codes(result) if c.startswith(SMDL))


def test_complete_report_is_clean():
    r = lint_text(COMPLETE)
    assert smdl(r) == []
    rep = r.report
    assert rep.title == "江河县司法局2024年度法治政府建设工作报告"
    assert rep.issuer == "江河县司法局" or rep.issuer.startswith("江河县")
    assert rep.addressee == "县委、县政府"
    assert rep.reporting_year == 2024
    assert rep.signing_date == dt.date(2025, 1, 20)
    assert rep.contents_present() == {1: True, 2: True, 3: True, 4: True, 5: True}


def _drop(text: str, *prefixes: str) -> str:
    """Remove the sections starting with the given heading prefixes (heading and body)."""
    out, skip = [], False
    for line in text.splitlines():
        if line[:2] in ("一、", "二、", "三、", "四、", "五、"):
            skip = line.startswith(prefixes)
        elif line.startswith("江河县司法局") and len(line) < 10:
            skip = False
        if not skip:
            out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("drop,missing", [
    ("一、", "S001"), ("二、", "S002"), ("三、", "S003"), ("四、", "S004"), ("五、", "S005"),
])
def test_each_missing_content_is_reported(drop, missing):
    r = lint_text(_drop(COMPLETE, drop))
    found = [c for c in codes(r) if c.startswith("S00") and c not in ("S006", "S007")]
    assert found == [missing]
    f = next(f for f in r.findings if f.code == missing)
    assert f.location.line == 1 and f.excerpt.startswith("江河县")


@pytest.mark.parametrize("heading,content", [
    ("一、过去一年推进依法行政的做法与成绩", 1),
    ("第一部分 工作进展", 1),
    ("二、问题与不足", 2),
    ("二、当前面临的困难和问题", 2),
    ("三、党政主要领导履职尽责情况", 3),
    ("三、主要负责人推进法治建设履职情况", 3),
    ("四、下一步打算", 4),
    ("四、2025年重点任务", 4),
    ("四、2025年主要工作", 4),
    ("五、其他事项", 5),
])
def test_heading_wordings_classify(heading, content, packs):
    from lawgov_lint.structure import classify_heading

    assert classify_heading(heading, packs, 2024) == content


def test_thematic_sections_count_as_content_1():
    text = """\
某某镇2024年法治政府建设情况报告
2024年，我镇深入学习贯彻习近平法治思想。
一、坚持党的领导，筑牢法治根基
镇党委把法治建设纳入重要议事日程。
二、深化放管服改革，优化营商环境
全年办理行政复议案件3件。
三、存在的问题及原因
执法力量薄弱，原因是编制不足。
四、镇党政主要负责人履行第一责任人职责情况
镇党委书记在区委会议上现场述法。
五、2025年工作安排
持续提升依法行政水平。
"""
    r = lint_text(text)
    assert r.report.contents_present() == {1: True, 2: True, 3: True, 4: True, 5: False}
    assert smdl(r) == ["D006", "S005"]


def test_shortcomings_without_causes_and_with_causes():
    base = COMPLETE.replace("二、工作中的短板及其成因", "二、存在的短板").replace(
        "个别科室对法治建设重视不够。究其原因，主要是学法培训覆盖不全。", "个别科室对法治建设重视不够，培训覆盖不全。")
    r = lint_text(base)
    assert "S006" in codes(r)
    f = next(f for f in r.findings if f.code == "S006")
    assert f.excerpt == "二、存在的短板" and f.section == 2
    # causes stated in the body
    ok = base.replace("培训覆盖不全。", "培训覆盖不全，根源在于考核机制不健全。")
    assert "S006" not in codes(lint_text(ok))


def test_section_order_is_info():
    text = COMPLETE.replace("二、工作中的短板及其成因\n个别科室对法治建设重视不够。究其原因，主要是学法培训覆盖不全。\n", "")
    text = text.replace("四、2025年工作思路", "二、工作中的短板及其成因\n个别科室重视不够，原因是培训不足。\n四、2025年工作思路")
    r = lint_text(text)
    f = [f for f in r.findings if f.code == "S007"]
    assert len(f) == 1 and f[0].severity == "info"


@pytest.mark.parametrize("title,expect,severity", [
    ("江河县司法局2024年度法治政府工作报告", "法治政府建设", "error"),
    ("江河县司法局法治政府建设工作报告", "year", "error"),
    ("江河县司法局2024年度法治政府建设工作总结", "总结", "warning"),
])
def test_title_defects(title, expect, severity):
    r = lint_text(COMPLETE.replace("江河县司法局2024年度法治政府建设工作报告", title, 1))
    s010 = [f for f in r.findings if f.code == "S010"]
    assert s010, codes(r)
    assert any(f.severity == severity and (expect in f.message or expect in (f.suggestion or "")) for f in s010)


def test_title_without_issuer_is_a_warning():
    text = COMPLETE.replace("江河县司法局2024年度法治政府建设工作报告", "2024年度法治政府建设工作报告", 1)
    text = text.replace("江河县司法局\n2025年1月20日", "2025年1月20日")
    r = lint_text(text)
    s010 = [f for f in r.findings if f.code == "S010"]
    assert [f.severity for f in s010] == ["warning"] and "issuer" in s010[0].message


def test_title_year_mismatch_and_plan_year():
    text = COMPLETE.replace("2024年，县司法局在县委", "2023年，县司法局在县委").replace("四、2025年工作思路", "四、2024年工作思路")
    r = lint_text(text)
    s011 = next(f for f in r.findings if f.code == "S011")
    assert s011.excerpt == "2023" and s011.suggestion == "2024"
    s012 = next(f for f in r.findings if f.code == "S012")
    assert s012.excerpt == "2024" and s012.suggestion == "2025"


def test_plan_section_with_a_year_range_is_not_flagged():
    text = COMPLETE.replace("四、2025年工作思路", "四、2025年工作思路\n对照2021—2025年规划，做好收官工作。")
    assert "S012" not in codes(lint_text(text))


def test_request_wording_in_report():
    text = COMPLETE.replace("无。", "无。\n以上报告如无不妥，妥否，请批示。")
    r = lint_text(text)
    f = next(f for f in r.findings if f.code == "S013")
    assert f.excerpt == "妥否，请批示"


def test_shufa_token_aware():
    no = COMPLETE.replace("在县委全面依法治县委员会会议上专题述法", "在年终述职中准确表述法律依据")
    r = lint_text(no)
    assert "M001" in codes(r)
    for wording in ("向县委书面述法", "提交述法报告", "开展现场述法", "述职述廉述法"):
        assert "M001" not in codes(lint_text(COMPLETE.replace("专题述法", wording)))


def test_shufa_not_required_before_2021():
    text = COMPLETE.replace("2024", "2019").replace("2025", "2020").replace("专题述法", "述职")
    assert "M001" not in codes(lint_text(text))


def test_first_responsible_person_xi_and_review_mentions():
    text = (COMPLETE.replace("第一责任人", "带头人").replace("习近平法治思想", "党的二十大精神")
            .replace("办理行政复议案件12件，行政机关负责人出庭应诉率100%", "办理信访件12件"))
    r = lint_text(text)
    sev = {f.code: f.severity for f in r.findings}
    assert sev.get("M002") == "error" and sev.get("M003") == "warning" and sev.get("M004") == "info"


@pytest.mark.parametrize("date,profile,expect", [
    ("2025年3月2日", "standard", "error"),
    ("2025年3月1日", "standard", "warning"),
    ("2025年2月28日", "standard", None),
    ("2025年3月20日", "province", None),
    ("2025年4月1日", "province", "warning"),
    ("2025年2月1日", "demonstration", "error"),
    ("2025年1月31日", "demonstration", "warning"),
])
def test_submission_deadline(date, profile, expect):
    r = lint_text(COMPLETE.replace("2025年1月20日", date), deadline_profile=profile)
    d001 = [f for f in r.findings if f.code == "D001"]
    if expect is None:
        assert d001 == []
    else:
        assert [f.severity for f in d001] == [expect]
        assert d001[0].excerpt == date


def test_incomplete_date_and_its_month_still_dates_the_report():
    r = lint_text(COMPLETE.replace("2025年1月20日", "2025年1月    日").replace("无。", "今年无其他事项。"))
    d002 = next(f for f in r.findings if f.code == "D002")
    assert d002.excerpt == "2025年1月    日"
    assert "D006" not in codes(r) and "D001" not in codes(r)
    d005 = next(f for f in r.findings if f.code == "D005")
    assert d005.severity == "warning" and d005.suggestion == "2024年"


def test_placeholder_date():
    r = lint_text(COMPLETE.replace("2025年1月20日", "20××年×月×日"))
    assert "D002" in codes(r)


def test_publication_deadline():
    late = lint_text(COMPLETE, published_on=dt.date(2025, 4, 2))
    assert [f.severity for f in late.findings if f.code == "D003"] == ["error"]
    day = lint_text(COMPLETE, published_on=dt.date(2025, 4, 1))
    assert [f.severity for f in day.findings if f.code == "D003"] == ["warning"]
    ok = lint_text(COMPLETE, published_on=dt.date(2025, 3, 15))
    assert "D003" not in codes(ok)


@pytest.mark.parametrize("sentence,hit", [
    ("截至2024年9月底，共受理案件20件。", "截至2024年9月底"),
    ("1—10月，全县共调解纠纷300件。", "1—10月"),
    ("前三季度开展执法检查45次。", "前三季度"),
    ("上半年组织专题培训4场。", "上半年"),
    ("1月至11月，办理复议案件9件。", "1月至11月"),
])
def test_partial_periods(sentence, hit):
    r = lint_text(COMPLETE.replace("持续推进严格规范公正文明执法。", "持续推进严格规范公正文明执法。\n" + sentence, 1)
                  .replace("四、2025年工作思路\n持续推进严格规范公正文明执法。\n" + sentence, "四、2025年工作思路\n持续推进严格规范公正文明执法。"))
    # put the sentence in the achievements section instead
    r = lint_text(COMPLETE.replace("全年审查重大行政决策事项8件", sentence + "全年审查重大行政决策事项8件"))
    d004 = [f for f in r.findings if f.code == "D004"]
    assert [f.excerpt.replace(" ", "") for f in d004] == [hit]


@pytest.mark.parametrize("sentence", ["1—12月，全县共调解纠纷300件。", "截至12月底，共受理案件20件。", "10月20日召开推进会。"])
def test_whole_year_periods_are_fine(sentence):
    r = lint_text(COMPLETE.replace("全年审查重大行政决策事项8件", sentence + "全年审查重大行政决策事项8件"))
    assert "D004" not in codes(r)


def test_relative_years_by_dating():
    text = COMPLETE.replace("个别科室对法治建设重视不够。", "今年个别科室对法治建设重视不够。")
    dated_next = lint_text(text)
    assert [f.severity for f in dated_next.findings if f.code == "D005"] == ["warning"]
    dated_same = lint_text(text.replace("2025年1月20日", "2024年12月20日"))
    assert "D005" not in codes(dated_same)
    undated = lint_text(text.replace("江河县司法局\n2025年1月20日\n", ""))
    assert [f.severity for f in undated.findings if f.code == "D005"] == ["info"]
    assert "D006" in codes(undated)


def test_no_date_message_names_the_deadline():
    r = lint_text(COMPLETE.replace("江河县司法局\n2025年1月20日\n", ""), deadline_profile="province")
    f = next(f for f in r.findings if f.code == "D006")
    assert "2025-04-01" in f.message and f.severity == "info"


def test_cover_date_stands_in_and_cover_text_is_ignored():
    cover = """\
江河县人民政府文件
江政发〔2025〕3号
江河县人民政府关于报送2024年度法治政府建设情况报告的报告
市人民政府：
现将我县2024年度法治政府建设情况报告如下，今年我县将继续努力。妥否，请批示。
江河县人民政府
2025年3月5日
"""
    body = COMPLETE.replace("江河县司法局\n2025年1月20日\n", "")
    r = lint_text(cover + body)
    assert r.report.title == "江河县司法局2024年度法治政府建设工作报告"
    d001 = [f for f in r.findings if f.code == "D001"]
    assert len(d001) == 1 and "covering document" in d001[0].message
    assert "S013" not in codes(r)
    assert not [f for f in r.findings if f.code == "D005"]


def test_report_ends_at_attachment_and_imprint():
    text = COMPLETE + "附件3\n妥否，请批示。今年截至10月底共受理案件5件。\n"
    r = lint_text(text)
    assert "S013" not in codes(r) and "D004" not in codes(r)
    text2 = COMPLETE + "抄送：县人大常委会办公室。\n江河县司法局办公室 2025年1月  日印发\n"
    assert "D002" not in codes(lint_text(text2))


def test_no_title_means_whole_file_and_l002():
    # title-less, but its contents are recognisable: linted as a report (L002), not L003
    r = lint_text("一、主要举措和成效\n全年办理行政复议案件12件。\n第一责任人职责落实到位。\n")
    l002 = [f for f in r.findings if f.code == "L002"]
    assert len(l002) == 1 and l002[0].severity == "info"
    assert r.report.located is False

"""Web-page text (SPEC §3): page chrome is metadata, the page's 发布时间 feeds D003 (第二十四条)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import AS_OF, codes
from lawgov_lint.cli import main
from lawgov_lint.engine import Options, lint_document
from lawgov_lint.loaders.page import chrome_runs, classify
from lawgov_lint.loaders.text import load_text

WEB = Path(__file__).resolve().parents[1] / "fixtures" / "web"

BODY = """\
2024年，区城管局在区委、区政府领导下，坚持以习近平法治思想为指导，推动法治政府建设取得新进展。现将有关情况报告如下。
一、2024年推进法治政府建设的主要举措和成效
全年办理行政处罚案件412件，行政复议案件9件，主要负责人出庭应诉3次。
二、存在的不足和原因
执法规范化水平仍需提升，原因是执法人员业务培训不足。
三、主要负责人履行推进法治建设第一责任人职责情况
局长带头履行第一责任人职责，年终在区委全面依法治区委员会会议上专题述法。
四、2025年工作安排
继续推进严格规范公正文明执法。
东湖区城市管理局
2025年1月22日
"""
TITLE = "东湖区城市管理局2024年度法治政府建设情况报告"


def page(meta: str, head: str = "首页 > 政务公开 > 法治政府建设", tail: str = "【打印】【关闭】\n上一篇：东湖区城市管理局2024年工作总结") -> str:
    return f"{head}\n{TITLE}\n{meta}\n【字体：大 中 小】\n{BODY}{tail}\n"


def lint(text: str, **opts):
    opts.setdefault("as_of", AS_OF)
    return lint_document(load_text("page.txt", text.encode("utf-8")), Options(**opts))


def d003(result):
    return [f for f in result.findings if f.code == "D003"]


def test_chrome_is_never_title_opening_or_text():
    r = lint(page("发布时间：2025-03-18 11:20:05　来源：东湖区城市管理局　浏览次数：87"))
    rep = r.report
    assert rep.title == TITLE
    assert rep.doc.blocks[rep.opening_block].text.startswith("2024年，区城管局")
    assert all("浏览次数" not in b.text and "打印" not in b.text and "首页" not in b.text for b in rep.doc.blocks)
    # the page was published in 2025, the report is about 2024: no title/opening year mismatch
    assert "S011" not in codes(r) and "L002" not in codes(r)
    assert codes(r) == ["S005"]
    assert rep.doc.page.published_on == dt.date(2025, 3, 18)
    assert rep.doc.page.source == "东湖区城市管理局"


def test_findings_keep_the_physical_lines_of_the_page():
    text = page("发布时间：2025-03-18　来源：东湖区城市管理局").replace("412件，", "412件,")
    r = lint(text)
    p002 = next(f for f in r.findings if f.code == "P002")
    line = text.splitlines()[p002.location.line - 1]
    assert line[p002.location.column - 1] == ","


def test_page_published_after_the_deadline_is_d003_error_naming_the_line():
    r = lint(page("发布时间：2025-04-09 08:00　来源：东湖区城市管理局　浏览次数：12"))
    [f] = d003(r)
    assert f.severity == "error"
    assert f.message.startswith("published on 2025-04-09 (the page's 发布时间 on line 3), after the deadline 2025-04-01")
    assert f.location.line == 2  # on the title


def test_page_published_on_the_deadline_day_is_a_warning():
    [f] = d003(lint(page("发布日期：2025年4月1日　来源：东湖区城市管理局")))
    assert f.severity == "warning" and "the deadline day 2025-04-01 itself" in f.message


def test_page_published_in_time_is_silent():
    assert d003(lint(page("发布日期：2025/03/31　来源：东湖区城市管理局"))) == []


def test_a_repost_from_another_outlet_is_info_only():
    [f] = d003(lint(page("发布时间：2025-06-02 10:00　来源：东湖日报　浏览次数：5")))
    assert f.severity == "info" and "来源 东湖日报 is another outlet" in f.message
    [g] = d003(lint(page("发布时间：2025-06-02 10:00　来源：西山区司法局　浏览次数：5")))
    assert g.severity == "info"


def test_option_wins_over_the_page_date():
    [f] = d003(lint(page("发布时间：2025-03-01　来源：东湖区城市管理局"), published_on=dt.date(2025, 4, 20)))
    assert f.severity == "error" and "(--published-on)" in f.message


def test_signing_date_of_an_open_government_box_is_not_the_publication():
    meta = "索引号：11360102MB1234567X/2025-00031\n成文日期：2025-05-06\n发布机构：东湖区城市管理局"
    r = lint(page(meta))
    assert d003(r) == []
    assert r.report.doc.page.signing_date == dt.date(2025, 5, 6)
    assert r.report.doc.page.published_on is None


def test_report_lines_that_only_look_keyed_stay_text():
    # a report's own 时间/地点 lines (a meeting notice quoted in the body) are no page chrome
    lines = ["会议安排如下：", "时间：2024年6月12日", "地点：区政府三楼会议室", "作者：某某"]
    assert chrome_runs(lines) == [False, False, False, False]
    for t in ["（三）加强知识产权保护，维护版权所有者合法权益", "扫码缴费更便捷", "大", "微信"]:
        assert not classify(t).chrome, t


def test_chrome_forms():
    for t in ["当前位置：首页 > 政务公开 > 规划计划", "首页 » 部门文件", "打印本页 关闭窗口", "【打印】【关闭】",
              "字号：大 中 小", "分享到：", "下一篇：关于开展普法活动的通知", "沪ICP备12345678号",
              "日期：2025-02-03 来源：区政府办"]:
        assert classify(t).chrome and classify(t).strong, t


def test_json_gives_the_publication_date_and_its_source(tmp_path):
    f = tmp_path / "page.txt"
    f.write_text(page("发布时间：2025-04-09　来源：东湖区城市管理局"), encoding="utf-8")
    out = CliRunner().invoke(main, [str(f), "--output-format", "json", "--as-of", "2025-05-01", "--exit-zero"])
    rep = json.loads(out.output)["files"][0]["report"]
    assert rep["published_on"] == "2025-04-09" and rep["published_on_source"] == "page"
    assert list(rep)[-2:] == ["published_on", "published_on_source"]
    out = CliRunner().invoke(main, [str(f), "--output-format", "json", "--as-of", "2025-05-01", "--exit-zero",
                                    "--published-on", "2025-03-02"])
    rep = json.loads(out.output)["files"][0]["report"]
    assert rep["published_on"] == "2025-03-02" and rep["published_on_source"] == "option"
    g = tmp_path / "plain.txt"
    g.write_text(TITLE + "\n" + BODY, encoding="utf-8")
    out = CliRunner().invoke(main, [str(g), "--output-format", "json", "--as-of", "2025-05-01", "--exit-zero"])
    rep = json.loads(out.output)["files"][0]["report"]
    assert rep["published_on"] is None and rep["published_on_source"] is None


def test_full_web_page_text_fixture():
    r = lint_document(load_text("w.txt", (WEB / "webpage-lichuan-2024.txt").read_bytes()), Options(as_of=AS_OF))
    got = sorted((f.code, f.location.line) for f in r.findings)
    assert got == sorted([
        ("D003", 5),  # 发布时间 2025-04-10
        ("S005", 5),
        ("P002", 12), ("F004", 12),  # planted: 37件,纠正 and XX人次
        ("P001", 16),  # planted: 126个，。
        ("T001", 20),  # planted: 第一责任职责
    ])
    assert next(f for f in r.findings if f.code == "D003").severity == "error"
    assert r.report.title == "临川县司法局2024年度法治政府建设情况报告"
    assert r.report.doc.page.signing_date == dt.date(2025, 2, 20)


# --- reposts that lost their newlines -------------------------------------------------------

RUN_ON = ("2024年，区城管局推动法治政府建设取得新进展。现将有关情况报告如下。一、2024年主要举措和成效。"
          "全年办理行政处罚案件412件，行政复议案件9件。二、存在的不足和原因。执法规范化水平仍需提升，原因是培训不足。"
          "三、主要负责人履行推进法治建设第一责任人职责情况。局长带头履行第一责任人职责，年终专题述法。"
          "四、2025年工作安排。继续推进严格规范公正文明执法。")


def test_run_in_top_level_headings_of_a_repost_are_split_back():
    text = f"{TITLE}\n来源：东湖晚报　发布时间：2025-03-02 09:00　阅读次数：40\n{RUN_ON}\n东湖区城市管理局\n2025年1月22日\n"
    r = lint(text)
    heads = [b.text[:2] for b in r.report.doc.blocks]
    assert heads[2:6] == ["一、", "二、", "三、", "四、"]
    assert not {"S001", "S002", "S003", "S004"} & set(codes(r))
    # columns still point into the one physical line
    b = r.report.doc.blocks[3]
    assert b.segments[0].line == 3 and text.splitlines()[2][b.segments[0].column - 1:].startswith("二、存在")


def test_run_in_split_needs_a_page_and_a_sequence():
    # a plain text file (no page chrome) is left as written
    plain = load_text("p.txt", f"{TITLE}\n{RUN_ON}\n".encode())
    assert len(plain.blocks) == 2
    # an enumeration inside a sentence, or a lone 一、 after a full stop, is no heading
    listing = ("工作要求包括：一、提高认识；二、压实责任。下一步将抓好落实。一、此句单独出现不成序列。"
               "全年开展培训6次。")
    doc = load_text("q.txt", f"{TITLE}\n发布时间：2025-03-02　来源：东湖区城市管理局\n{listing}\n".encode())
    assert [b.text for b in doc.blocks][1:] == [listing]


def test_traditional_page_chrome_is_recognised():
    import opencc

    text = opencc.OpenCC("s2t").convert(page("发布时间：2025-04-09 08:00　来源：东湖区城市管理局　浏览次数：12"))
    assert "發佈時間" in text
    r = lint(text)
    assert r.report.doc.page.published_on == dt.date(2025, 4, 9)
    assert sorted(codes(r)) == ["D003", "F007", "S005"]


def test_full_repost_fixture():
    r = lint_document(load_text("w.txt", (WEB / "repost-runon-lichuan-2024.txt").read_bytes()), Options(as_of=AS_OF))
    got = sorted((f.code, f.severity if f.code == "D003" else "", f.location.line) for f in r.findings)
    # planted: 5件,全年 (P002); 104 + 172 ≠ 286 (N003); the page (来源 临川日报) went up on 2025-05-12
    assert got == [("D003", "info", 2), ("N003", "", 4), ("P002", "", 4), ("S005", "", 2)]


def test_full_traditional_mirror_fixture():
    r = lint_document(load_text("w.txt", (WEB / "traditional-mirror-baishui-2024.txt").read_bytes()),
                      Options(as_of=AS_OF))
    got = sorted((f.code, f.location.line, f.location.column, f.excerpt) for f in r.findings if f.code != "S005")
    # planted: 法治审核 for 法制审核 (T003), ，， (P001), 第一责任任 (T001); all at the Traditional original
    assert got == [("F007", 2, 1, "白水縣市場監督管理局2024年法治政府建設情況報告"),
                   ("P001", 11, 62, "，，"),
                   ("T001", 17, 11, "推進法治建設第一責任任"),
                   ("T003", 11, 51, "法治")]


@pytest.mark.parametrize("head, meta, tail, published, source", [
    ("", "时间：2025年3月5日 | 来源：东湖区城市管理局 | 作者：王敏 | 点击数：22", "", dt.date(2025, 3, 5), "东湖区城市管理局"),
    ("发布日期：2025-03-05\n来源：东湖区城市管理局\n字号：[大] [中] [小]", "", "", dt.date(2025, 3, 5), "东湖区城市管理局"),
    ("", "【发布时间：2025-03-06】【来源：东湖区城市管理局】【字体：大 中 小】", "", dt.date(2025, 3, 6), "东湖区城市管理局"),
    ("", "2025-03-07 10:00　来源：东湖区城市管理局", "Copyright © 2025 东湖区人民政府 版权所有\n扫一扫在手机打开当前页",
     dt.date(2025, 3, 7), "东湖区城市管理局"),
    ("当前位置：首页 > 政务公开", "发布时间：2025-03-08　作者：区城管局　编辑：张三", "（责任编辑：王五）\n【关闭窗口】【打印本页】【返回顶部】",
     dt.date(2025, 3, 8), None),
    ("索引号：001/2025-03\n发布机构：东湖区城市管理局\n生成日期：2025-04-20\n名　　称：东湖区城市管理局2024年度法治政府建设情况报告\n"
     "文　　号：东城管〔2025〕3号", "", "", None, None),
])
def test_chrome_variants_leave_the_findings_of_the_bare_report(head, meta, tail, published, source):
    bare = sorted(codes(lint(TITLE + "\n" + BODY)))
    text = "\n".join(x for x in [head, TITLE, meta] if x) + "\n" + BODY + tail + "\n"
    r = lint(text)
    assert sorted(codes(r)) == bare
    assert r.report.title == TITLE and r.report.doc.blocks[r.report.opening_block].text.startswith("2024年，区城管局")
    assert r.report.doc.page.published_on == published and r.report.doc.page.source == source


@pytest.mark.parametrize("source, repost", [
    ("东湖区城市管理局", False), ("东湖区司法局", False), ("区司法局", False), ("本网", False),
    ("东湖区人民政府办公室", False), ("东湖日报", True), ("新华社", True), ("西山区司法局", True),
    ("滨江市司法局", True), ("南州市东湖区融媒体中心", True),
])
def test_repost_is_judged_from_the_source_against_the_issuer(source, repost):
    [f] = d003(lint(page(f"发布时间：2025-05-06　来源：{source}　浏览次数：3")))
    assert f.severity == ("info" if repost else "error"), source

"""The .html/.htm loader (SPEC §3): article text, chrome out, tables as cells, the page's date kept."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from lawgov_lint.catalogue import builtin_catalogue
from click.testing import CliRunner

from helpers import AS_OF, codes
from lawgov_lint.cli import main
from lawgov_lint.document import LoadError
from lawgov_lint.engine import Options, lint_document
from lawgov_lint.loaders import format_of, load

WEB = Path(__file__).resolve().parents[1] / "fixtures" / "web"
PAGE = WEB / "saved-page-qingshan-2024.html"

REPORT_BODY = """\
<p>2024年，镇政府坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下。</p>
<p>一、2024年主要举措和成效</p>
<p>全年调处矛盾纠纷211起，办理行政复议答复4件。</p>
<p>二、存在的不足和原因</p>
<p>基层法治力量不足，原因是专职人员偏少。</p>
<p>三、主要负责人履行推进法治建设第一责任人职责情况</p>
<p>镇长认真履行第一责任人职责，年底在镇党委会议上专题述法。</p>
<p>四、2025年工作安排</p>
<p>继续加强基层法治建设。</p>
<p>白沙镇人民政府</p><p>2025年1月8日</p>
"""


def page(meta: str = "", info: str = "", body: str = REPORT_BODY, charset: str = "utf-8") -> str:
    return f"""<html><head><meta charset="{charset}"><title>白沙镇2024年度法治政府建设情况报告</title>{meta}
<script>var t = "法治政建设"; document.title = t;</script><style>p {{ color: red }}</style></head>
<body><nav><a href="/">首页</a><a href="/xxgk">信息公开</a></nav>
<div class="crumb">您现在的位置：<a href="/">首页</a> &gt; <a href="/x">通知公告</a></div>
<h1>白沙镇2024年度法治政府建设情况报告</h1>{info}
<div class="text">{body}</div>
<div><a href="#" onclick="print()">【打印】</a><a href="#">【关闭】</a></div></body></html>"""


def load_page(tmp_path, html: str, name: str = "page.html", encoding: str = "utf-8"):
    f = tmp_path / name
    f.write_bytes(html.encode(encoding))
    return load(f)


def lint(doc):
    return lint_document(doc, Options(as_of=AS_OF))


def test_saved_page_fixture_reads_the_article():
    doc = load(PAGE)
    assert doc.format == "html"
    texts = [b.text for b in doc.blocks]
    assert "青山区人民政府关于2024年度法治政府建设情况的报告" in texts
    assert texts[-2:] == ["青山区人民政府", "2025年2月26日"]
    assert doc.blocks[-1].align == "right"
    joined = "\n".join(texts)
    for chrome in ("统计代码", "setFont", "float: left", "首页", "浏览次数", "打印", "上一篇", "ICP备", "索引号",
                   "无障碍", "网站地图", "分享到"):
        assert chrome not in joined, chrome
    cells = [(b.table, b.row, b.col, b.text) for b in doc.blocks if b.table]
    assert cells[0] == (1, 1, 1, "指标") and (1, 3, 3, "47件") in cells and len(cells) == 9
    assert doc.page.published_on == dt.date(2025, 3, 28)
    assert doc.page.signing_date == dt.date(2025, 2, 26)  # the box's 成文日期 is not the publication
    assert doc.page.source == "青山区司法局"


def test_saved_page_fixture_findings_are_the_planted_ones():
    r = lint(load(PAGE))
    got = sorted((f.code, f.location.line, f.excerpt) for f in r.findings if f.code != "S005")
    assert got == [("F004", 8, "*"), ("P001", 5, "。。")]
    assert r.report.title == "青山区人民政府关于2024年度法治政府建设情况的报告"
    assert r.report.signing_date == dt.date(2025, 2, 26)


def test_scripts_styles_and_navigation_are_dropped(tmp_path):
    doc = load_page(tmp_path, page())
    joined = "\n".join(b.text for b in doc.blocks)
    assert "法治政建设" not in joined and "color" not in joined and "信息公开" not in joined
    assert doc.blocks[0].text == "白沙镇2024年度法治政府建设情况报告"
    assert codes(lint(doc)) == ["S005"]


def test_meta_publication_date_when_the_text_has_none(tmp_path):
    doc = load_page(tmp_path, page(meta='<meta name="PubDate" content="2025-04-16 09:00">'))
    assert doc.page.published_on == dt.date(2025, 4, 16)
    [f] = [f for f in lint(doc).findings if f.code == "D003"]
    assert f.severity == "error" and "(the page's <meta> publication date)" in f.message


def test_page_text_date_wins_over_meta(tmp_path):
    info = '<div class="info"><span>发布日期：2025-03-20</span> <span>来源：白沙镇人民政府</span></div>'
    doc = load_page(tmp_path, page(meta='<meta name="PubDate" content="2025-04-16">', info=info))
    assert doc.page.published_on == dt.date(2025, 3, 20)
    assert "D003" not in codes(lint(doc))


def test_gbk_page_with_declared_charset(tmp_path):
    doc = load_page(tmp_path, page(charset="gb2312"), name="gbk.htm", encoding="gb18030")
    assert doc.format == "html" and doc.blocks[0].text == "白沙镇2024年度法治政府建设情况报告"


def test_br_separated_paragraphs_and_layout_tables(tmp_path):
    body = ("<table><tr><td><p>" + REPORT_BODY.replace("</p><p>", "<br>").replace("</p>\n<p>", "<br>\n").replace("<p>", "").replace("</p>", "")
            + "</p></td></tr></table>")
    doc = load_page(tmp_path, page(body=body))
    texts = [b.text for b in doc.blocks]
    assert "一、2024年主要举措和成效" in texts and "2025年1月8日" in texts
    assert all(b.table is None for b in doc.blocks)  # a layout table is not a data table


def test_text_less_page_is_a_clear_error(tmp_path):
    with pytest.raises(LoadError, match="no text found"):
        load_page(tmp_path, "<html><head><script>render()</script></head><body><div id=app></div></body></html>")


def test_format_and_folder_runs(tmp_path):
    assert format_of("a.htm") == "html" and format_of("b.HTML") == "html"
    (tmp_path / "a.html").write_text(page(), encoding="utf-8")
    (tmp_path / "b.htm").write_text(page(), encoding="utf-8")
    out = CliRunner().invoke(main, [str(tmp_path), "--output-format", "json", "--as-of", "2025-05-01", "--exit-zero"])
    files = json.loads(out.output)["files"]
    assert sorted(Path(f["path"]).name for f in files) == ["a.html", "b.htm"]
    assert {f["format"] for f in files} == {"html"} and all(f["error"] is None for f in files)


def test_old_cms_page_with_layout_tables_in_gb2312():
    doc = load(WEB / "oldcms-layout-table-2023.htm")
    assert doc.format == "html" and all(b.table is None for b in doc.blocks)
    assert doc.page.published_on == dt.date(2024, 4, 3) and builtin_catalogue().render(doc.page.published_where, "en") == "the page's date line"
    r = lint(doc)
    assert r.report.title == "松溪镇人民政府2023年度法治政府建设工作报告"
    got = sorted((f.code, f.location.line) for f in r.findings if f.code != "S005")
    # planted: the page went up on 2024-04-03 (D003); 化解 326 > 排查 318 (N001, and the 100% rate N002);
    # no 行政复议/应诉 anywhere (M004 info)
    assert got == [("D003", 2), ("M004", 2), ("N001", 6), ("N002", 6)]
    assert next(f for f in r.findings if f.code == "D003").severity == "error"


def test_traditional_version_of_a_saved_page(tmp_path):
    import opencc

    html = opencc.OpenCC("s2t").convert(PAGE.read_text(encoding="utf-8"))
    assert "發佈時間" in html and "法治政府建設" in html
    doc = load_page(tmp_path, html)
    assert doc.page.published_on == dt.date(2025, 3, 28)
    trad = lint(doc)
    simp = lint(load(PAGE))
    assert codes(trad).count("F007") == 1
    key = lambda r: [(f.code, f.location.block, f.location.offset, f.location.length) for f in r.findings if f.code != "F007"]  # noqa: E731
    assert key(trad) == key(simp)


def test_repost_page_that_lost_its_paragraphs(tmp_path):
    one = "".join(REPORT_BODY.replace("</p><p>", "\n").replace("<p>", "").replace("</p>", "").splitlines()[:-1])
    one = one.replace("如下。", "如下。").replace("成效", "成效。").replace("原因", "原因。")
    body = f"<p>{one}</p><p>白沙镇人民政府</p><p>2025年1月8日</p>"
    info = '<div class="info">来源：南山晚报　发布时间：2025-04-20 07:30</div>'
    doc = load_page(tmp_path, page(info=info, body=body))
    heads = [b.text[:2] for b in doc.blocks]
    assert heads[1:3] == ["20", "一、"] and "二、" in heads and "四、" in heads
    r = lint(doc)
    assert not {"S001", "S002", "S003", "S004"} & set(codes(r))
    [d] = [f for f in r.findings if f.code == "D003"]
    assert d.severity == "info"

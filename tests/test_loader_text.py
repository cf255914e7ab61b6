"""Text loader: encodings and the three text shapes of SPEC §3, with locations."""

from __future__ import annotations

import pytest

from lawgov_lint.document import LoadError, locate
from lawgov_lint.loaders import load
from lawgov_lint.loaders.text import decode, load_text

from helpers import FIXTURES, note_texts

PARA = "全年共办理行政复议案件12件，行政机关负责人出庭应诉率达到100%。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"])
def test_encodings_are_detected(encoding):
    text = "某某镇2024年法治政府建设情况报告\n" + PARA + "\n" + "依法行政能力持续提升，法治政府建设取得新进展。" * 4 + "\n"
    doc = load_text("r.txt", text.encode(encoding))
    assert doc.blocks[0].text == "某某镇2024年法治政府建设情况报告"
    assert doc.blocks[1].text == PARA
    if encoding in ("gb18030", "gbk"):
        assert doc.encoding == "gb18030"
        assert note_texts(doc) == ["decoded as gb18030"]


def test_binary_is_not_text():
    with pytest.raises(LoadError, match="not a text file"):
        decode(bytes(range(256)) * 20)


def test_unsupported_suffix_names_the_conversion(tmp_path):
    p = tmp_path / "old.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(LoadError, match=r"\.doc: a legacy Word file: .*save it as \.docx"):
        load(p)


def test_empty_file_is_bad_input(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(LoadError, match="no text found"):
        load(p)
    p.write_text("\n  \n\u3000\n", encoding="utf-8")
    with pytest.raises(LoadError, match="no text found"):
        load(p)


def _hard_wrapped() -> str:
    # A hard-wrapped extraction of our own: ~28 characters per line, a blank line after each,
    # a page number, and a heading that must not absorb the body after it.
    lines = [
        " 某某街道2024年度法治政府建设情况报告 ",
        "",
        "2024 年，街道坚持以习近平法治思想为指导，全面推",
        "",
        "进依法行政，各项工作取得新进展。",
        "",
        "一、主要举措和成效",
        "",
        "（一）健全依法决策机制，严格落实重大行政决策程",
        "",
        "序规定",
        "",
        "全年共审查重大行政决策事项 6 件，合法性审查率达到",
        "",
        "— 2 —",
        "",
        " 100%，未发生因决策失误引发的行政争议。",
        "",
        "二、存在的不足和原因",
        "",
        "一是执法人员力量不足，二是培训覆盖面还不够广，需要",
        "",
        "进一步加强。",
        "",
        "三、党政主要负责人履行推进法治建设第一责任人职责",
        "",
        "街道党工委书记、办事处主任认真履行推进法治建设第一",
        "",
        "责任人职责，带头尊法学法守法用法，对法治建设重要工",
        "",
        "作亲自部署、重大问题亲自过问、重点环节亲自协调、重",
        "",
        "要任务亲自督办，年内在区委依法治区委员会会议上专题",
        "",
        "述法，把法治建设成效纳入街道各部门年度绩效考核内容",
        "",
        "之中，切实发挥领导干部的示范带头作用。",
        "",
    ]
    return "\n".join(lines * 1)


def test_hard_wrapped_paragraphs_are_rebuilt():
    doc = load_text("r.txt", _hard_wrapped().encode())
    texts = [b.text for b in doc.blocks]
    assert texts[0] == "某某街道2024年度法治政府建设情况报告"
    assert texts[1] == "2024 年，街道坚持以习近平法治思想为指导，全面推进依法行政，各项工作取得新进展。"
    assert texts[2] == "一、主要举措和成效"
    assert texts[3] == "（一）健全依法决策机制，严格落实重大行政决策程序规定"
    # the page number is dropped and the paragraph continues across the page break
    assert texts[4] == "全年共审查重大行政决策事项 6 件，合法性审查率达到100%，未发生因决策失误引发的行政争议。"
    assert texts[5] == "二、存在的不足和原因"
    assert not any("— 2 —" in t for t in texts)


def test_hard_wrapped_locations_point_at_physical_lines():
    doc = load_text("r.txt", _hard_wrapped().encode())
    b = doc.blocks[4]
    pos = b.text.index("100%")
    loc = locate(doc, b, pos, pos + 4)
    assert (loc.line, loc.column, loc.end_column) == (17, 2, 6)  # line 17 starts with a space
    assert loc.offset == pos and loc.length == 4


def test_one_paragraph_per_line_split_at_page_breaks():
    long1 = "严格落实行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度，全面规范执法行为，开展执法案卷评查，提升执法"
    rest = "质量和水平。"
    text = "\n".join([
        "某某县2024年法治政府建设情况报告",
        "",
        "一、2024年主要举措和成效",
        "",
        long1,
        "",
        "",
        rest,
        "",
        "（二）加强普法宣传",
        "",
        "全年开展法治宣传活动58场次。",
    ])
    doc = load_text("r.txt", text.encode())
    texts = [b.text for b in doc.blocks]
    assert texts == ["某某县2024年法治政府建设情况报告", "一、2024年主要举措和成效", long1 + rest,
                     "（二）加强普法宣传", "全年开展法治宣传活动58场次。"]
    joined = doc.blocks[2]
    loc = locate(doc, joined, len(long1), len(long1) + 2)
    assert (loc.line, loc.column) == (8, 1)


def test_markdown_headings_and_comments():
    text = "# 某某区2024年法治政府建设情况报告\n\n<!-- a comment -->\n## 一、主要举措和成效\n\n正文。\n"
    doc = load_text("r.md", text.encode(), "md")
    assert [b.text for b in doc.blocks] == ["某某区2024年法治政府建设情况报告", "一、主要举措和成效", "正文。"]
    assert doc.blocks[0].heading_level == 1 and doc.blocks[1].heading_level == 2
    loc = locate(doc, doc.blocks[1], 0, 2)
    assert (loc.line, loc.column) == (4, 4)


@pytest.mark.parametrize("name,count_min", [("zhaoxiang-2023", 28), ("qingpu-2023", 200)])
def test_seed_hard_wrapped_headings_stand_alone(name, count_min):
    doc = load(FIXTURES / f"{name}.txt")
    texts = [b.text for b in doc.blocks]
    assert len(texts) >= count_min
    for t in texts:
        assert not (t.startswith(("一、", "二、", "三、", "四、")) and "。" in t[:30]), t
    assert not any(t.strip() in ("— 9 —", "5", "— 1 —") for t in texts)


def test_big5_report_is_decoded_through_charset_normalizer():
    # neither UTF nor GB18030: the encoding is charset-normalizer's guess among Chinese code pages,
    # which must hold from the lowest declared charset-normalizer to the newest
    text = ("某市2023年度法治政府建設情況報告\n"
            + "堅持以習近平法治思想為指導，依法行政水平持續提升，行政復議案件辦理質量穩步提高。" * 5 + "\n")
    decoded, encoding = decode(text.encode("big5"))
    assert decoded == text
    assert encoding == "big5"

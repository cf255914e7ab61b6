"""The .docx loader: body order, tables, styles, tracked changes, headers/footers, errors."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from lawgov_lint.document import LoadError
from lawgov_lint.loaders import load
from lawgov_lint.loaders.docx import load_docx
from helpers import note_texts

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
W = nsdecls("w")


def _bytes(d) -> bytes:
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _load(d):
    return load_docx("t.docx", _bytes(d))


def _append_xml(d, xml: str) -> None:
    """Append a body-level element (before the final sectPr)."""
    d.element.body.insert(len(d.element.body) - 1, parse_xml(xml))


def _where(block):
    return (block.table, block.row, block.col)


# --------------------------------------------------------------------------- body order and tables

def test_paragraphs_and_tables_keep_document_order():
    d = docx.Document()
    d.add_paragraph("一、总体情况")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "指标", "数量"
    t.cell(1, 0).text, t.cell(1, 1).text = "行政复议", "12件"
    d.add_paragraph("")  # empty: no block
    d.add_paragraph("二、存在的不足和原因")
    d.add_table(rows=1, cols=1).cell(0, 0).text = "第二张表"

    doc = _load(d)

    assert [b.text for b in doc.blocks] == ["一、总体情况", "指标", "数量", "行政复议", "12件",
                                           "二、存在的不足和原因", "第二张表"]
    assert [b.index for b in doc.blocks] == list(range(1, 8))
    assert _where(doc.blocks[0]) == (None, None, None)
    assert [_where(b) for b in doc.blocks[1:5]] == [(1, 1, 1), (1, 1, 2), (1, 2, 1), (1, 2, 2)]
    assert _where(doc.blocks[6]) == (2, 1, 1)
    assert all(len(b.segments) == 1 and b.segments[0].start == 0 for b in doc.blocks if not b.in_table)
    assert doc.format == "docx" and doc.path == "t.docx"


def test_merged_cells_are_one_block_at_their_first_grid_column():
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "合并标题"  # horizontal: gridSpan
    t.cell(0, 2).text = "备注"
    t.cell(1, 0).text, t.cell(1, 1).text = "甲", "1"
    t.cell(2, 0).text, t.cell(2, 1).text = "乙", "2"
    t.cell(1, 2).merge(t.cell(2, 2)).text = "跨两行"  # vertical: vMerge restart/continue

    cells = {_where(b): b.text for b in _load(d).blocks}

    assert cells == {
        (1, 1, 1): "合并标题", (1, 1, 3): "备注",
        (1, 2, 1): "甲", (1, 2, 2): "1", (1, 2, 3): "跨两行",
        (1, 3, 1): "乙", (1, 3, 2): "2",
    }


def test_cell_paragraphs_join_with_newlines_and_nested_tables_are_flattened():
    d = docx.Document()
    cell = d.add_table(rows=1, cols=2).cell(0, 0)
    cell.text = "第一段"
    cell.add_paragraph("")
    cell.add_paragraph("第二段")
    inner = cell.add_table(rows=2, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "甲", "乙"
    inner.cell(1, 0).text, inner.cell(1, 1).text = "丙", "丁"

    (block,) = _load(d).blocks

    assert block.text == "第一段\n第二段\n甲\t乙\n丙\t丁"
    assert [s.start for s in block.segments] == [0, 4, 8]
    assert _where(block) == (1, 1, 1)


def test_body_content_controls_are_opened_in_place():
    d = docx.Document()
    d.add_paragraph("前")
    _append_xml(d, f'<w:sdt {W}><w:sdtPr/><w:sdtContent>'
                   '<w:p><w:r><w:t>控件里的段落</w:t></w:r></w:p>'
                   '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>控件里的表格</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
                   '</w:sdtContent></w:sdt>')
    _append_xml(d, f'<w:p {W}><w:r><w:t>后</w:t></w:r></w:p>')

    doc = _load(d)

    assert [b.text for b in doc.blocks] == ["前", "控件里的段落", "控件里的表格", "后"]
    assert _where(doc.blocks[2]) == (1, 1, 1)


# --------------------------------------------------------------------------- styles

def test_heading_levels_come_from_styles_outline_levels_and_inheritance():
    d = docx.Document()
    d.add_paragraph("2023年法治政府建设情况报告", style="Title")
    d.add_paragraph("一、主要举措", style="Heading 1")
    d.add_paragraph("（一）加强领导", style="Heading 2")
    custom = d.styles.add_style("我的小标题", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = d.styles["Heading 3"]
    d.add_paragraph("1.健全制度", style="我的小标题")
    d.add_paragraph("正文。", style="Normal")
    _append_xml(d, f'<w:p {W}><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>大纲级别2</w:t></w:r></w:p>')

    levels = [(b.text, b.style, b.heading_level) for b in _load(d).blocks]

    assert levels == [
        ("2023年法治政府建设情况报告", "Title", 0),
        ("一、主要举措", "Heading 1", 1),
        ("（一）加强领导", "Heading 2", 2),
        ("1.健全制度", "我的小标题", 3),
        ("正文。", "Normal", None),
        ("大纲级别2", "Normal", 2),
    ]


def test_chinese_heading_style_names():
    d = docx.Document()
    style = d.styles.add_style("标题 2", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("（二）依法行政", style=style)
    assert _load(d).blocks[0].heading_level == 2


def test_alignment_direct_and_from_style():
    d = docx.Document()
    d.add_paragraph("标题").alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("正文").alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    date_style = d.styles.add_style("成文日期", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    date_style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.add_paragraph("2024年1月10日", style=date_style)
    p = d.add_paragraph("覆盖样式", style=date_style)
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT

    assert [b.align for b in _load(d).blocks] == ["center", None, "right", None]


# --------------------------------------------------------------------------- automatic numbering

REPORT_LEVELS = ('<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
                 '<w:lvlText w:val="%1、"/></w:lvl>'
                 '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
                 '<w:lvlText w:val="（%2）"/></w:lvl>'
                 '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                 '<w:lvlText w:val="%3."/></w:lvl>')


def _numbering(d, abstract_id: int, levels: str, nums: dict[int, str] | None = None) -> None:
    """Add an abstract list definition and the w:num instances using it (numId → extra XML)."""
    root = d.part.numbering_part.element
    root.insert(0, parse_xml(f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">'
                             f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'))
    for num_id, extra in (nums or {abstract_id: ""}).items():
        root.append(parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                              f'{extra}</w:num>'))


def _numbered(d, text: str, num_id: int, ilvl: int | None = 0, style: str | None = None) -> None:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num_id is not None:
        ilvl_xml = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        ppr += f'<w:numPr>{ilvl_xml}<w:numId w:val="{num_id}"/></w:numPr>'
    _append_xml(d, f'<w:p {W}><w:pPr>{ppr}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>')


def test_auto_numbered_headings_get_the_label_word_draws():
    d = docx.Document()
    _numbering(d, 90, REPORT_LEVELS)
    d.add_paragraph("2023年法治政府建设情况报告")
    outline = [(0, "主要举措和成效"), (1, "加强组织领导"), (2, "健全工作机制。"), (2, "抓好学法用法。"),
               (None, "正文段落，没有编号。"), (1, "依法全面履行职能"), (2, "深化改革。"),
               (0, "存在的不足和原因"), (1, "基层执法力量不足"), (2, "编制保障不够。"), (0, "主要安排")]
    for ilvl, text in outline:
        _numbered(d, text, 90 if ilvl is not None else None, ilvl)

    doc = _load(d)

    assert [(b.label, b.text) for b in doc.blocks] == [
        (None, "2023年法治政府建设情况报告"),
        ("一、", "主要举措和成效"), ("（一）", "加强组织领导"), ("1.", "健全工作机制。"), ("2.", "抓好学法用法。"),
        (None, "正文段落，没有编号。"), ("（二）", "依法全面履行职能"), ("1.", "深化改革。"),
        ("二、", "存在的不足和原因"), ("（一）", "基层执法力量不足"), ("1.", "编制保障不够。"),
        ("三、", "主要安排"),
    ]


def test_numbering_counts_past_ten_in_chinese_and_counts_empty_items():
    d = docx.Document()
    _numbering(d, 90, REPORT_LEVELS)
    _numbered(d, "", 90)  # an empty numbered paragraph: no block, but Word gives it 一、
    for n in range(2, 13):
        _numbered(d, f"第{n}项", 90)
    assert [b.label for b in _load(d).blocks] == ["二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、",
                                                "十一、", "十二、"]


def test_numbering_start_restart_and_start_override():
    d = docx.Document()
    levels = ('<w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
              '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/>'
              '<w:lvlRestart w:val="0"/></w:lvl>'  # never restarts
              '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%1-%3)"/>'
              '<w:isLgl/></w:lvl>')  # legal numbering: every number decimal
    _numbering(d, 91, levels, {91: "", 92: "",  # 92 shares the counters of 91
                               93: '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'})
    _numbered(d, "甲", 91, 0)
    _numbered(d, "乙", 91, 1)
    _numbered(d, "丙", 92, 0)
    _numbered(d, "丁", 92, 1)
    _numbered(d, "戊", 93, 0)  # a list of its own, from 一
    _numbered(d, "己", 93, 2)
    assert [b.label for b in _load(d).blocks] == ["三、", "三.1", "四、", "四.2", "一、", "(1-1)"]


def test_numbering_inherited_from_a_paragraph_style():
    d = docx.Document()
    levels = REPORT_LEVELS.replace('<w:lvl w:ilvl="1"><w:start w:val="1"/>',
                                   '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:pStyle w:val="ReportH2"/>')
    _numbering(d, 94, levels)
    h1 = d.styles.add_style("报告一级标题", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    h1.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:numId w:val="94"/></w:numPr>'))
    h2 = d.styles.add_style("报告二级标题", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    h2.element.set(qn("w:styleId"), "ReportH2")
    h2.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="1"/><w:numId w:val="94"/></w:numPr>'))
    h1_child = d.styles.add_style("报告一级标题（加粗）", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    h1_child.base_style = h1
    d.add_paragraph("主要举措和成效", style=h1)
    d.add_paragraph("加强组织领导", style=h2)  # level 2, named by the style and the level: （一）
    d.add_paragraph("存在的不足", style=h1_child)  # through basedOn
    _numbered(d, "不再编号", 0, None, style=h1.style_id)  # numId 0 switches the style's numbering off
    d.add_paragraph("主要安排", style=h1)

    labels = [(b.label, b.text) for b in _load(d).blocks]

    assert labels == [("一、", "主要举措和成效"), ("（一）", "加强组织领导"), ("二、", "存在的不足"),
                      (None, "不再编号"), ("三、", "主要安排")]


def test_bullets_and_plain_paragraphs_get_no_label():
    d = docx.Document()
    _numbering(d, 95, '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
                      '<w:lvlText w:val=""/></w:lvl>')
    _numbered(d, "要点一", 95)
    _numbered(d, "要点二", 95)
    d.add_paragraph("项目符号", style="List Bullet")  # the template's own bullet style
    d.add_paragraph("普通段落")
    d.add_paragraph("编号", style="List Number")
    assert [b.label for b in _load(d).blocks] == [None, None, None, None, "1."]


def test_numbered_paragraph_in_a_table_cell():
    d = docx.Document()
    _numbering(d, 96, REPORT_LEVELS)
    _numbered(d, "正文前的标题", 96)
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    cell._tc.remove(cell.paragraphs[0]._p)
    cell._tc.append(parse_xml(f'<w:p {W}><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="96"/></w:numPr>'
                              '</w:pPr><w:r><w:t>表格里的标题</w:t></w:r></w:p>'))
    _numbered(d, "表格后的标题", 96)
    assert [(b.label, b.table) for b in _load(d).blocks] == [("一、", None), ("二、", 1), ("三、", None)]


@pytest.mark.parametrize(("n", "fmt", "shown"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCounting", "二十"), (21, "chineseCounting", "二十一"), (99, "chineseCounting", "九十九"),
    (100, "chineseCountingThousand", "一百"), (101, "chineseCountingThousand", "一百零一"),
    (110, "chineseCountingThousand", "一百一十"), (12, "chineseCountingThousand", "十二"),
    (3, "ideographTraditional", "丙"), (2, "chineseLegalSimplified", "贰"), (3, "decimalEnclosedCircle", "③"),
    (7, "decimalFullWidth", "７"), (4, "upperRoman", "IV"), (28, "lowerLetter", "bb"), (5, "decimal", "5"),
    (5, "someFutureFormat", "5"), (5, "none", ""),
])
def test_number_formats(n, fmt, shown):
    from lawgov_lint.loaders.docx.styles import _format_number

    assert _format_number(n, fmt) == shown


def test_auto_numbered_repro_headings():
    # headings in style List Paragraph numbered 一、… by numPr, with no marker in their text
    d = docx.Document()
    _numbering(d, 90, REPORT_LEVELS)
    d.add_paragraph("某某区2023年度法治政府建设情况报告")
    for text in ("主要举措和成效", "存在的不足和原因", "党政主要负责人履行推进法治建设第一责任人职责情况"):
        p = d.add_paragraph(text, style="List Paragraph")
        p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))
        d.add_paragraph("正文。")
    doc = _load(d)
    assert [(b.label, b.text) for b in doc.blocks if b.label] == [
        ("一、", "主要举措和成效"), ("二、", "存在的不足和原因"), ("三、", "党政主要负责人履行推进法治建设第一责任人职责情况")]
    assert all(b.style == "List Paragraph" for b in doc.blocks if b.label)


# --------------------------------------------------------------------------- paragraph text

def test_tracked_changes_are_accepted():
    d = docx.Document()
    _append_xml(d, f'<w:p {W}><w:r><w:t>法治</w:t></w:r>'
                   '<w:del w:id="1" w:author="a"><w:r><w:delText>政</w:delText></w:r></w:del>'
                   '<w:ins w:id="2" w:author="a"><w:r><w:t>政府</w:t></w:r></w:ins>'
                   '<w:r><w:t>建设</w:t></w:r></w:p>')
    # a deleted paragraph mark: accepting joins this paragraph with the next one
    _append_xml(d, f'<w:p {W}><w:pPr><w:rPr><w:del w:id="3" w:author="a"/></w:rPr></w:pPr>'
                   '<w:r><w:t>前半句，</w:t></w:r></w:p>')
    _append_xml(d, f'<w:p {W}><w:r><w:t>后半句。</w:t></w:r></w:p>')
    _append_xml(d, f'<w:p {W}><w:moveFrom w:id="4" w:author="a"><w:r><w:t>移走的</w:t></w:r></w:moveFrom>'
                   '<w:r><w:t>留下的</w:t></w:r></w:p>')

    doc = _load(d)

    assert [b.text for b in doc.blocks] == ["法治政府建设", "前半句，后半句。", "留下的"]
    assert note_texts(doc) == ["tracked changes were accepted for linting"]
    assert note_texts(doc, "zh") == ["文档中的修订已按接受后的文本检查"]


def test_no_tracked_changes_no_note():
    d = docx.Document()
    d.add_paragraph("正文。")
    assert _load(d).notes == []


def test_field_results_hyperlinks_tabs_breaks_and_hidden_text():
    d = docx.Document()
    part = d.part
    rid = part.relate_to("https://example.org", docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    _append_xml(d, f'<w:p {W} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                   '<w:r><w:t xml:space="preserve">共</w:t></w:r>'
                   '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                   '<w:r><w:instrText xml:space="preserve"> = 2 + 3 </w:instrText></w:r>'
                   '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                   '<w:r><w:t>5</w:t></w:r>'
                   '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
                   '<w:r><w:t>件</w:t><w:tab/><w:t>见</w:t></w:r>'
                   f'<w:hyperlink r:id="{rid}"><w:r><w:t>网站</w:t></w:r></w:hyperlink>'
                   '<w:r><w:br/><w:t>下一行</w:t></w:r>'
                   '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>'
                   '<w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>'
                   '</w:p>')

    assert _load(d).blocks[0].text == "共5件\t见网站\n下一行7"


def test_page_break_before_a_title_is_not_text():
    d = docx.Document()
    d.add_paragraph("通知正文。")
    _append_xml(d, f'<w:p {W}><w:r><w:br w:type="page"/></w:r><w:r><w:t>2022年法治政府建设工作情况报告</w:t></w:r></w:p>')
    assert [b.text for b in _load(d).blocks] == ["通知正文。", "2022年法治政府建设工作情况报告"]


def test_text_box_content_follows_its_anchor_once():
    d = docx.Document()
    box = ('<w:txbxContent><w:p><w:r><w:t>文本框里的落款</w:t></w:r></w:p></w:txbxContent>')
    _append_xml(d, f'<w:p {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
                   'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
                   'xmlns:v="urn:schemas-microsoft-com:vml">'
                   '<w:r><w:t>锚定段落</w:t></w:r>'
                   '<w:r><mc:AlternateContent>'
                   f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>'
                   f'<mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict></mc:Fallback>'
                   '</mc:AlternateContent></w:r></w:p>')
    d.add_paragraph("下一段")

    assert [b.text for b in _load(d).blocks] == ["锚定段落", "文本框里的落款", "下一段"]


# --------------------------------------------------------------------------- headers and footers

def test_headers_and_footers_are_separate_from_the_body():
    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "上海市某区人民政府"
    section.footer.paragraphs[0].text = "— 1 —"
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "首页页眉"
    d.add_paragraph("正文第一段。")
    d.add_section()
    d.sections[1].header.is_linked_to_previous = False
    d.sections[1].header.paragraphs[0].text = "第二节页眉"
    d.add_paragraph("正文第二段。")

    doc = _load(d)

    assert [b.text for b in doc.blocks] == ["正文第一段。", "正文第二段。"]
    assert sorted(doc.headers) == sorted(["上海市某区人民政府", "首页页眉", "第二节页眉"])
    assert doc.footers == ["— 1 —"]


# --------------------------------------------------------------------------- errors

def test_legacy_doc_renamed_to_docx():
    with pytest.raises(LoadError, match=r"legacy Word/WPS \(\.doc/\.wps\) file renamed to \.docx: open it and save it as \.docx"):
        load_docx("x.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)


def test_password_protected_docx():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 100
    with pytest.raises(LoadError, match="password-protected .docx"):
        load_docx("x.docx", data)


@pytest.mark.parametrize("data", [b"just some text", b"PK\x03\x04 truncated zip"])
def test_not_a_zip(data):
    with pytest.raises(LoadError, match=r"^damaged or not a \.docx file \(.+\): re-save it from Word as \.docx$"):
        load_docx("x.docx", data)


def test_zip_without_word_document():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(LoadError, match=r"damaged or not a \.docx file \(an Excel workbook\)"):
        load_docx("x.docx", buf.getvalue())


def test_strict_open_xml_is_named():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("_rels/.rels", '<Relationships><Relationship Id="rId1" '
                    'Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" '
                    'Target="word/document.xml"/></Relationships>')
        zf.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(LoadError, match="Strict Open XML document: save it as a regular Word Document"):
        load_docx("x.docx", buf.getvalue())


def test_damaged_document_xml():
    d = docx.Document()
    d.add_paragraph("正文")
    src = zipfile.ZipFile(io.BytesIO(_bytes(d)))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]  # cut mid-element
            zf.writestr(item, data)
    with pytest.raises(LoadError, match=r"^damaged or not a \.docx file \(.+\): re-save it from Word as \.docx$"):
        load_docx("x.docx", buf.getvalue())


def test_dispatch_by_suffix(tmp_path):
    d = docx.Document()
    d.add_paragraph("法治政府建设情况报告")
    path = tmp_path / "report.docx"
    d.save(path)
    doc = load(path)
    assert doc.format == "docx" and doc.blocks[0].text == "法治政府建设情况报告"


# --------------------------------------------------------------------------- real fixtures

def _fixture(name: str) -> bytes:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"fixture {name} not generated")
    return path.read_bytes()


def test_qingpu_fixture_structure():
    doc = load_docx("qingpu-2023.docx", _fixture("qingpu-2023.docx"))
    titles = [b for b in doc.blocks if b.heading_level == 0]
    assert [b.text for b in titles] == ["关于2023年青浦区法治政府建设情况的报告"]
    # the feedback table (附件3) comes after the report, cell by cell
    header_row = [b.text for b in doc.blocks if b.table == 1 and b.row == 1]
    assert header_row == ["序号", "单位", "建议修改", "是否采纳", "修改后内容"]
    assert titles[0].index < min(b.index for b in doc.blocks if b.table == 1)
    assert doc.footers and not any(b.text in doc.footers for b in doc.blocks)
    date = next(b for b in doc.blocks if b.text == "2023年12月21日")
    assert date.align == "right"


def test_anting_fixture_incomplete_date_kept_verbatim():
    doc = load_docx("anting-2023.docx", _fixture("anting-2023.docx"))
    date = [b for b in doc.blocks if b.text.startswith("2024年1月")]
    assert [(b.text, b.align) for b in date] == [("2024年1月  日", "right")]
    assert [b.text[:2] for b in doc.blocks if b.heading_level == 1] == ["1、", "二、", "三、", "四、"]


@pytest.mark.parametrize("name", ["anting-2023", "miaohang-2023", "qingpu-2023", "waigang-2022", "zhaoxiang-2023"])
def test_fixtures_have_no_auto_numbering_labels(name):
    doc = load_docx(f"{name}.docx", _fixture(f"{name}.docx"))
    assert [b.label for b in doc.blocks if b.label is not None] == []

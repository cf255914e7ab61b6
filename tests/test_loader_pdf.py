"""The PDF loader: lines, running headers/footers, paragraph rebuilding, locations, errors.

Most tests typeset small Chinese documents straight into PDF (a text layer in
the standard CJK font STSong-Light, which needs no embedded font file), so
that every line position is known exactly. One test prints a .docx through
LibreOffice when ``soffice`` is installed, and the last ones read the real
fixtures when they have been generated.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from lawgov_lint.document import LoadError
from lawgov_lint.loaders import load
from lawgov_lint.loaders.pdf import load_pdf

from helpers import note_texts

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# --------------------------------------------------------------------------- a tiny PDF writer

PAGE_W, PAGE_H = 595, 842
EM = 16  # body font size
LEFT, RIGHT = 80, 80 + 27 * EM  # 27 characters per line
TOP, BOTTOM = 740, 110  # baseline of the first / lowest body line
PITCH = 28


def _hex(text: str) -> str:
    return f"<{text.encode('utf-16-be').hex()}>"


# /F2 of _pdf: a font not embedded whose codes <20> and <A0> fall on blank glyphs (space, no-break
# space) of the font pdfium substitutes, while its ToUnicode map reads them as 。 and 法 — CJK text in
# a font whose glyphs this machine lacks, as on a machine without a CJK font.
_BLANK_CODES = {"。": "20", "法": "A0"}


def _pdf(pages: list[list[tuple[float, float, float, str] | str]], encrypt_user_password: bytes | None = None) -> bytes:
    """A PDF whose pages show (x, baseline y, font size, text) lines in STSong-Light (UCS-2).

    An item that is a string is copied into the content stream as it is (font /F1, and /F2 of
    :data:`_BLANK_CODES`).
    """
    objs: list[bytes] = []

    def add(body: bytes) -> int:
        objs.append(body)
        return len(objs)

    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
               b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
               b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 "
               b"/W [1 95 500] >>] >>")
    chars = " ".join(f"<{code}> <{ord(ch):04X}>" for ch, code in _BLANK_CODES.items())
    cmap = (f"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Blank def "
            f"1 begincodespacerange <00> <FF> endcodespacerange {len(_BLANK_CODES)} beginbfchar {chars} endbfchar "
            f"endcmap CMapName currentdict /CMap defineresource pop end end").encode()
    to_unicode = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap))
    blank = add(b"<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 32 /LastChar 160 /Widths [%s] "
                b"/Encoding /WinAnsiEncoding /ToUnicode %d 0 R >>" % (b" ".join([b"1000"] * 129), to_unicode))
    pages_id = len(objs) + 1 + 2 * len(pages)
    kids = []
    for lines in pages:
        ops = [item if isinstance(item, str) else f"BT /F1 {item[2]} Tf {item[0]} {item[1]} Td {_hex(item[3])} Tj ET"
               for item in lines]
        stream = "\n".join(ops).encode() + b"\n"  # (pdfminer 20231228 drops a last operator with no delimiter after it)
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> "
                        b"/Contents %d 0 R >>" % (pages_id, PAGE_W, PAGE_H, font, blank, content)))
    add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    trailer_extra = b""
    if encrypt_user_password is not None:
        encrypt, file_id = _standard_security(encrypt_user_password)
        trailer_extra = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (add(encrypt), file_id.hex().encode(), file_id.hex().encode())
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, catalog, trailer_extra, xref)
    return bytes(out)


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _standard_security(user: bytes, owner: bytes = b"owner") -> tuple[bytes, bytes]:
    """An /Encrypt dictionary (standard handler, revision 2) requiring ``user`` to open."""
    file_id = hashlib.md5(b"lawgov-lint test").digest()
    o = _rc4(hashlib.md5((owner + _PAD)[:32]).digest()[:5], (user + _PAD)[:32])
    p = (-4).to_bytes(4, "little", signed=True)
    key = hashlib.md5((user + _PAD)[:32] + o + p + file_id).digest()[:5]
    u = _rc4(key, _PAD)
    return b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (o.hex().encode(), u.hex().encode()), file_id


def _width(text: str, size: float = EM) -> float:
    return sum(0.5 if ch.isascii() else 1.0 for ch in text) * size


# Punctuation that never starts a line (避头尾): office suites hang it at the end of the line before.
CLOSING = "。，、；：！？）》」』】〕”’…—"


@dataclass
class Typeset:
    """Lays out paragraphs like a 公文 printed from Word: 2-em first-line indent, fixed pitch,
    closing punctuation hanging in the right margin rather than starting a line."""

    header: str | None = None
    page_number: str | None = "— {} —"
    indent: float = 2 * EM
    pages: list[list[tuple[float, float, float, str]]] = field(default_factory=lambda: [[]])
    y: float = TOP
    where: dict[str, tuple[int, int]] = field(default_factory=dict)  # line text → (page, page_line)
    laid: list[list[tuple[int, int, str]]] = field(default_factory=list)  # per paragraph: (page, page_line, text)

    def _line(self, x: float, text: str, size: float = EM, pitch: float = PITCH) -> None:
        if self.y < BOTTOM:
            self.new_page()
        page = self.pages[-1]
        if not page and self.header:
            page.append((LEFT, PAGE_H - 60, 10.5, self.header))
        page.append((x, self.y, size, text))
        self.where.setdefault(text, (len(self.pages), len(page)))
        self.laid[-1].append((len(self.pages), len(page), text))
        self.y -= pitch

    def new_page(self) -> None:
        self.pages.append([])
        self.y = TOP

    def para(self, text: str, indent: float | None = None, gap: float = 0) -> None:
        indent = self.indent if indent is None else indent
        self.y -= gap
        self.laid.append([])
        x, line = LEFT + indent, ""
        for ch in text:
            if x + _width(line + ch) > RIGHT and not (line and ch in CLOSING):
                self._line(x, line)
                x, line = LEFT, ""
            line += ch
        self._line(x, line)

    def line(self, x: float, text: str) -> None:
        """One physical line as a paragraph of its own."""
        self.laid.append([])
        self._line(x, text)

    def centered(self, text: str, size: float = EM) -> None:
        self.laid.append([])
        self._line((LEFT + RIGHT - _width(text, size)) / 2, text, size, pitch=PITCH + size - EM)

    def right(self, text: str, right_indent: float = 4 * EM) -> None:
        self.laid.append([])
        self._line(RIGHT - right_indent - _width(text), text)

    def pdf(self) -> bytes:
        pages = [list(p) for p in self.pages]
        if self.page_number:
            for number, page in enumerate(pages, start=1):
                label = self.page_number.format(number)
                page.append(((PAGE_W - _width(label, 14)) / 2, 60, 14, label))
        return _pdf(pages)


def _texts(doc) -> list[str]:
    return [b.text for b in doc.blocks]


def _find(doc, needle: str):
    found = [b for b in doc.blocks if needle in b.text]
    assert len(found) == 1, f"{needle!r} in {len(found)} blocks"
    return found[0]


BODY1 = ("2023年，在区委、区政府的坚强领导下，我区坚持以习近平法治思想为指导，全面推进法治政府建设，"
         "各项工作取得新成效。全年共办理行政复议案件141件，依法作出决定125件。")
BODY2 = "强化学习领会，区委常委会专题学习习近平法治思想，党政主要负责人带头开展述法。"

# --------------------------------------------------------------------------- paragraphs


def test_heading_and_body_paragraphs_are_rebuilt():
    t = Typeset()
    t.para("一、主要举措和成效")
    t.para("（一）加强领导")
    t.para(BODY1)
    t.para(BODY2)
    t.para("二、存在的不足和原因")

    doc = load_pdf("t.pdf", t.pdf())

    assert _texts(doc) == ["一、主要举措和成效", "（一）加强领导", BODY1, BODY2, "二、存在的不足和原因"]
    assert [b.index for b in doc.blocks] == [1, 2, 3, 4, 5]
    assert doc.format == "pdf" and doc.path == "t.pdf"
    # one segment per physical line, where the typesetter put it
    body = doc.blocks[2]
    assert len(body.segments) == 3
    assert [(s.page, s.page_line, body.text[s.start:s.start + 5]) for s in body.segments] == \
        [(page, line, text[:5]) for page, line, text in t.laid[2]]


def test_heading_never_absorbs_the_following_unindented_body():
    t = Typeset(indent=0)  # block style: nothing indented, no gaps
    t.para("一、主要举措和成效")
    t.para(BODY1)
    t.para("（二）依法行政")
    t.para(BODY2)

    assert _texts(load_pdf("t.pdf", t.pdf())) == ["一、主要举措和成效", BODY1, "（二）依法行政", BODY2]


def test_block_style_paragraphs_separated_by_gaps():
    t = Typeset(indent=0)
    first = "第一段的内容比较长，需要折行才能排完，" * 3 + "结束"  # ends without 。 on a short line
    t.para(first)
    t.para(first.replace("第一段", "第二段"), gap=12)

    assert _texts(load_pdf("t.pdf", t.pdf())) == [first, first.replace("第一段", "第二段")]


def test_paragraph_continues_across_a_page_break():
    t = Typeset()
    long_text = "".join(f"第{n}项工作依法推进，成效明显；" for n in range(1, 60)) + "全年任务圆满完成。"
    t.para("一、主要举措和成效")
    t.para(long_text)
    t.para(BODY2)

    doc = load_pdf("t.pdf", t.pdf())

    assert len(t.pages) == 2
    assert _texts(doc) == ["一、主要举措和成效", long_text, BODY2]
    block = doc.blocks[1]
    pages = [s.page for s in block.segments]
    assert pages[0] == 1 and pages[-1] == 2
    first_on_2 = block.segments[pages.index(2)]
    assert first_on_2.page_line == 1
    # the page numbers between the two halves are not in the text
    assert "—" not in block.text and doc.footers == ["— 1 —", "— 2 —"]


def test_paragraph_ending_at_a_page_end_is_not_joined_to_the_next_page():
    t = Typeset()
    filler = "依法行政工作持续推进。"
    while t.y - PITCH >= BOTTOM:  # fill page 1 leaving one line
        t.para(filler)
    t.para("最后一段在本页最后一行结束。")
    t.para(BODY2)  # first line of page 2, indented

    doc = load_pdf("t.pdf", t.pdf())

    assert _texts(doc)[-2:] == ["最后一段在本页最后一行结束。", BODY2]
    assert doc.blocks[-1].segments[0].page == 2


def test_page_numbers_and_running_headers_are_dropped():
    t = Typeset(header="上海市青浦区人民政府公报", page_number="- {} -")
    for n in range(60):
        t.para(f"第{n + 1}段正文，依法推进各项工作。")

    doc = load_pdf("t.pdf", t.pdf())

    assert len(t.pages) == 3
    assert all(not re.fullmatch(r"[-—\s\d]+", b.text) for b in doc.blocks)
    assert not any("公报" in b.text for b in doc.blocks)
    assert doc.footers == ["- 1 -", "- 2 -", "- 3 -"]
    assert doc.headers == ["上海市青浦区人民政府公报"]
    assert len(doc.blocks) == 60
    # page_line counts the dropped header line, as a reader counting lines on the page would
    assert doc.blocks[0].segments[0].page_line == 2


@pytest.mark.parametrize("label", ["— {} —", "－{}－", "第 {} 页", "{}/3", "{}", "第{}页 共3页"])
def test_page_number_formats(label):
    t = Typeset(page_number=label)
    for n in range(60):
        t.para(f"第{n + 1}段正文。")

    doc = load_pdf("t.pdf", t.pdf())

    assert len(doc.blocks) == 60
    assert doc.footers == [label.format(n) for n in (1, 2, 3)]


def test_lone_page_number_on_a_single_page_document():
    t = Typeset(page_number="{}")
    t.para(BODY1)
    doc = load_pdf("t.pdf", t.pdf())
    assert _texts(doc) == [BODY1] and doc.footers == ["1"]


def test_centered_title_signature_and_right_aligned_date():
    t = Typeset()
    t.centered("关于2023年青浦区法治政府建设情况的", size=22)  # a title wrapped over two lines
    t.centered("报告", size=22)
    t.centered("（2024年1月10日）", size=22)  # same size, still not part of the title
    t.para(BODY1)
    t.right("上海市青浦区人民政府")
    t.right("2024年1月10日")

    doc = load_pdf("t.pdf", t.pdf())

    assert [(b.text, b.align) for b in doc.blocks] == [
        ("关于2023年青浦区法治政府建设情况的报告", "center"),
        ("（2024年1月10日）", "center"),
        (BODY1, None),
        ("上海市青浦区人民政府", "right"),
        ("2024年1月10日", "right"),
    ]


def test_date_under_a_wide_title_is_its_own_block():
    t = Typeset()
    t.centered("关于2023年青浦区法治政府建设情况的报告", size=22)
    t.centered("（2024年1月10日）", size=22)
    t.para(BODY2)
    assert _texts(load_pdf("t.pdf", t.pdf())) == ["关于2023年青浦区法治政府建设情况的报告", "（2024年1月10日）", BODY2]


def test_indented_heading_is_not_taken_for_a_centered_line():
    t = Typeset()
    t.para("（二）服务保障国家战略探索新举措")
    t.para(BODY2)
    assert [b.align for b in load_pdf("t.pdf", t.pdf()).blocks] == [None, None]


def test_location_of_a_sentence():
    t = Typeset(header="青浦区法治政府建设情况报告")
    for n in range(25):
        t.para(f"第{n + 1}段正文，依法推进各项工作。")
    t.para(BODY1)

    doc = load_pdf("t.pdf", t.pdf())

    block = _find(doc, "依法作出决定125件")
    segment = block.segment_at(block.text.index("依法作出决定125件"))
    page, page_line, _text = next(laid for laid in t.laid[-1] if "依法作出" in laid[2])
    assert (segment.page, segment.page_line) == (page, page_line) == (2, 6)


def test_ascii_words_split_over_lines_keep_one_space():
    t = Typeset()
    t.para("Rule of law government annual report, lawgov lint test of words wrapped over lines.")
    (block,) = load_pdf("t.pdf", t.pdf()).blocks
    assert block.text == "Rule of law government annual report, lawgov lint test of words wrapped over lines."


def test_wrapped_attachment_list_and_label_lines():
    t = Typeset()
    t.para("特此请示。")
    t.line(LEFT + 2 * EM, "附件：1.关于《关于2023年青浦区法治政府建设情况的")
    t._line(LEFT + 5 * EM, "报告（送审稿）》的起草说明")
    t.new_page()
    t.line(LEFT, "附件2")
    t.centered("关于2023年青浦区法治政府建设情况的报告", size=22)

    assert _texts(load_pdf("t.pdf", t.pdf())) == [
        "特此请示。",
        "附件：1.关于《关于2023年青浦区法治政府建设情况的报告（送审稿）》的起草说明",
        "附件2",
        "关于2023年青浦区法治政府建设情况的报告",
    ]


def test_lines_are_built_from_geometry_not_content_order():
    # the page number and the second line are drawn first
    pages = [[(LEFT, TOP - PITCH, EM, "第二行的内容。"), (290, 60, 14, "— 1 —"),
              (LEFT + 2 * EM, TOP, EM, "第一行。"), (LEFT + 2 * EM + 4 * EM, TOP, EM, "同一行后半。")]]
    doc = load_pdf("t.pdf", _pdf(pages))
    assert _texts(doc) == ["第一行。同一行后半。", "第二行的内容。"]
    assert [s.page_line for s in doc.blocks[1].segments] == [2]


def _interleaved(x: float, y: float, line: str, apart: str = "“”‘’", size: float = EM) -> str:
    """Content-stream operators drawing ``line`` as LibreOffice does with a fallback font.

    Two text objects: first the line without the ``apart`` characters, gaps
    left where they go, then those characters as one object spaced out over
    the line (all characters are 1 em wide).
    """
    ops = []
    for keep in (lambda ch: ch not in apart, lambda ch: ch in apart):
        drawn = [i for i, ch in enumerate(line) if keep(ch)]
        if not drawn:
            continue
        parts = [_hex(line[drawn[0]])]
        for prev, i in zip(drawn, drawn[1:]):
            if i > prev + 1:
                parts.append(str(-1000 * (i - prev - 1)))  # move right over the characters left out
            parts.append(_hex(line[i]))
        ops.append(f"BT /F1 {size} Tf {x + drawn[0] * size} {y} Td [{' '.join(parts)}] TJ ET")
    return "\n".join(ops)


def test_characters_of_a_line_are_put_in_x_order():
    # quotes drawn as a second text object spread over the line: pdfium gives them after the line
    line1 = "深化“党建＋网格”工作机制，开展“法律明白人”培养"
    line2 = "工程，培育“法律明白人”二百八十名。"
    data = _pdf([[_interleaved(LEFT + 2 * EM, TOP, line1), _interleaved(LEFT, TOP - PITCH, line2)]])
    (block,) = load_pdf("t.pdf", data).blocks

    assert block.text == line1 + line2
    assert [(s.start, s.page_line) for s in block.segments] == [(0, 1), (len(line1), 2)]


def test_a_short_jump_back_without_a_space_is_put_in_order():
    # 法_新 drawn first with a gap, then ” in the gap: pdfium reads 法 新” (no space at the jump)
    data = _pdf([[f"BT /F1 {EM} Tf {LEFT} {TOP} Td [{_hex('法')} -1000 {_hex('新')}] TJ ET",
                  f"BT /F1 {EM} Tf {LEFT + EM} {TOP} Td {_hex('”')} Tj ET",
                  f"BT /F1 {EM} Tf {LEFT + 3 * EM} {TOP} Td {_hex('媒体普法。')} Tj ET"]])
    assert _texts(load_pdf("t.pdf", data)) == ["法”新媒体普法。"]


def test_characters_drawn_after_the_next_line_go_back_into_their_line():
    line = "全区培育法律明白人二百八十名，实现全覆盖。"
    x0 = LEFT + 2 * EM
    # the line with gaps at 法 (4) and 人 (8), then the next line, then 法 and 人 as one text object
    page = [f"BT /F1 {EM} Tf {x0} {TOP} Td [{_hex(line[:4])} -1000 {_hex(line[5:8])} -1000 {_hex(line[9:])}] TJ ET",
            (x0, TOP - PITCH, EM, BODY2),
            f"BT /F1 {EM} Tf {x0 + 4 * EM} {TOP} Td [{_hex('法')} -3000 {_hex('人')}] TJ ET"]

    doc = load_pdf("t.pdf", _pdf([page]))

    assert _texts(doc) == [line, BODY2]
    assert doc.blocks[0].segments[0].page_line == 1


def test_overprinted_characters_in_a_rebuilt_line_are_kept_once():
    from lawgov_lint.loaders.pdf.extract import _line_from_chars
    from lawgov_lint.loaders.pdf.model import _Piece

    text = "法治政府 法治"
    boxes = {0: 80, 1: 96, 2: 112, 3: 128, 5: 80.4, 6: 96.4}  # 法治 drawn again over itself
    group = [_Piece("法治政府", 80, 144, 700, 716, 16, 0, 4, True), _Piece("法治", 80.4, 112.4, 700, 716, 16, 5, 7)]
    line = _line_from_chars(group, text, lambda ti: ti, lambda ci: (boxes[ci], boxes[ci] + 16, 700, 716),
                            lambda ci: ci == 4)
    assert (line.text, line.x0, line.x1) == ("法治政府", 80, 144)


def _blank(text: str) -> str:
    """``text`` (of :data:`_BLANK_CODES`) as a string of font /F2."""
    return "<" + "".join(_BLANK_CODES[ch] for ch in text) + ">"


def _missing_font_page(lone: str | None, first: str = "全区各部门依法推进各项工作，") -> list:
    """Line ``first``, a line in a font without glyphs here, then ``lone`` drawn as an object of its own."""
    y = TOP - 3 * PITCH
    page: list = [(LEFT + 2 * EM, y, EM, first)]
    page.append(f"BT /F2 {EM} Tf {LEFT} {y - PITCH} Td {_blank('法法法法')} Tj ET")
    if lone is not None:
        page.append(lone.format(x=LEFT + 4 * EM, y=y - PITCH))
    return page


@pytest.mark.parametrize("pages, note", [
    ([_missing_font_page("BT /F2 16 Tf {x} {y} Td <20> Tj ET")],
     "page 1: text in fonts not embedded in the PDF could not be read; "
     "install a CJK font such as fonts-noto-cjk or lint the .docx"),
    ([_missing_font_page("BT /F2 16 Tf {x} {y} Td <20> Tj ET"),
      _missing_font_page("BT /F2 16 Tf {x} {y} Td <20> Tj ET", "第二页的正文，"), [(LEFT, TOP, EM, "第三页。")]],
     "pages 1–2: text in fonts not embedded in the PDF could not be read; "
     "install a CJK font such as fonts-noto-cjk or lint the .docx"),
])
def test_text_left_out_for_want_of_glyphs_is_noted(pages, note):
    # a one-character object whose glyph is missing has empty bounds: pdfium's text page leaves it out
    doc = load_pdf("t.pdf", _pdf(pages))
    assert note_texts(doc) == [note]
    assert "".join(_texts(doc)).startswith("全区各部门依法推进各项工作，法法法法")  # what could be read is kept


@pytest.mark.parametrize("pages", [
    [_missing_font_page(None)],  # glyphs missing, but nothing left out
    [_missing_font_page("BT /F2 0 Tf {x} {y} Td <20> Tj ET")],  # an invisible (size 0) object
])
def test_no_note_when_nothing_was_left_out(pages):
    assert load_pdf("t.pdf", _pdf(pages)).notes == []


def _cjk_font_installed() -> bool:
    """Whether pdfium finds a font for STSong-Light here (a glyph box for 法 of 法治)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(_pdf([[(LEFT, TOP, EM, "法治")]]))
    try:
        left, bottom, right, top = pdf[0].get_textpage().get_charbox(0)
        return top - bottom > 1
    finally:
        pdf.close()


def test_no_note_for_a_space_drawn_on_its_own():
    # a space object has empty bounds too; with the glyphs of the page there, it is no sign of loss
    if not _cjk_font_installed():
        pytest.skip("no CJK font installed: a lone space cannot be told from a character left out")
    page = [(LEFT + 2 * EM, TOP, EM, "全区各部门依法推进各项工作。"), f"BT /F1 {EM} Tf {LEFT + 20 * EM} {TOP} Td {_hex(' ')} Tj ET"]
    assert load_pdf("t.pdf", _pdf([page])).notes == []


# --------------------------------------------------------------------------- errors


def _blank_pdf(pages: int = 1) -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(PAGE_W, PAGE_H)
    buf = io.BytesIO()
    pdf.save(buf)
    pdf.close()
    return buf.getvalue()


def test_no_text_layer_is_a_clear_error():
    with pytest.raises(LoadError, match=r"^no text layer: this PDF looks like a scanned image; OCR it first or lint the original \.docx$"):
        load_pdf("scan.pdf", _blank_pdf(2))


def test_pages_without_text_are_noted():
    t = Typeset(page_number=None)
    t.para(BODY1)
    doc = load_pdf("t.pdf", _pdf([t.pages[0], [], []]))  # then two pages with nothing on them
    assert _texts(doc) == [BODY1]
    assert note_texts(doc) == ["pages 2–3 have no text layer (scanned?) and were not linted"]
    assert note_texts(doc, "zh") == ["第2–3页没有文字层（可能是扫描件），未检查"]


def test_text_layer_without_unicode_mapping():
    garbled = "".join(chr(0xE000 + i) for i in range(20))  # what glyph-only fonts extract as
    with pytest.raises(LoadError, match=r"^unreadable text layer: .*lint the original \.docx$"):
        load_pdf("x.pdf", _pdf([[(LEFT, TOP, EM, garbled)], [(LEFT, TOP, EM, "第1页")]]))


def test_password_protected():
    data = _pdf([[(LEFT, TOP, EM, "机密")]], encrypt_user_password=b"secret")
    with pytest.raises(LoadError, match=r"^password-protected PDF: remove the password and try again$"):
        load_pdf("x.pdf", data)


@pytest.mark.parametrize("data", [b"%PDF-1.7\n1 0 obj garbage", b"PK\x03\x04 a zip file", b"hello"])
def test_damaged(data):
    with pytest.raises(LoadError, match=r"^damaged PDF \(.+\): re-export it$"):
        load_pdf("x.pdf", data)


def test_dispatch_by_suffix(tmp_path):
    t = Typeset()
    t.para(BODY2)
    path = tmp_path / "r.pdf"
    path.write_bytes(t.pdf())
    assert _texts(load(path)) == [BODY2]


# --------------------------------------------------------------------------- tables

STAT_ROWS = [("事项", "受理（件）", "办结（件）"), ("信访", "57", "55"), ("调解", "214", "209"), ("合计", "271", "264")]


def _table_items(top: float, rows=STAT_ROWS, widths=(9 * EM, 8 * EM, 8 * EM), ruled: bool = True) -> list:
    """A table of ``rows`` whose first row's top edge is at ``top``: cell text 0.5 em in from each
    cell's left edge, and (``ruled``) its borders stroked as lines."""
    items: list = []
    edges = [LEFT + sum(widths[:i]) for i in range(len(widths) + 1)]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            items.append((edges[c] + EM / 2, top - (r + 1) * PITCH + 9, EM, text))
    if ruled:
        bottom = top - len(rows) * PITCH
        ops = [f"{LEFT} {top - r * PITCH} m {edges[-1]} {top - r * PITCH} l" for r in range(len(rows) + 1)]
        ops += [f"{x} {top} m {x} {bottom} l" for x in edges]
        items.append("0.5 w " + " ".join(ops) + " S")
    return items


def _report_with_table(ruled: bool = True, rows=STAT_ROWS) -> tuple[bytes, Typeset]:
    t = Typeset(page_number=None)
    t.para("一、主要举措和成效")
    t.para("全年矛盾纠纷化解工作情况如下表。")
    top = t.y + PITCH - 8
    t.pages[-1].extend(_table_items(top, rows, ruled=ruled))
    t.y = top - len(rows) * PITCH - PITCH
    t.para(BODY2)
    return t.pdf(), t


def test_ruled_table_cells_become_blocks_in_place():
    data, _t = _report_with_table()
    doc = load_pdf("t.pdf", data)
    assert doc.table_pages == [1]

    blocks = doc.read_tables([1])

    assert [(b.text, b.table, b.row, b.col) for b in blocks] == [
        ("一、主要举措和成效", None, None, None),
        ("全年矛盾纠纷化解工作情况如下表。", None, None, None),
        *[(text, 1, r, c) for r, row in enumerate(STAT_ROWS, start=1) for c, text in enumerate(row, start=1)],
        (BODY2, None, None, None),
    ]
    assert [b.index for b in blocks] == list(range(1, len(blocks) + 1))
    # a cell's location is the physical line of its row, counted as a reader counts lines
    cell = next(b for b in blocks if b.text == "214")
    assert (cell.segments[0].page, cell.segments[0].page_line) == (1, 5)


@pytest.mark.parametrize("repeat_header", [False, True])
def test_a_table_going_on_over_a_page_break_stays_one_table(tmp_path, repeat_header):
    first = STAT_ROWS[:3]
    rest = [("仲裁", "30", "28"), ("复议", "12", "12"), ("诉讼", "9", "8"), ("合计", "322", "312")]  # totals right
    t = Typeset(page_number=None)
    t.centered("关于2023年某区法治政府建设情况的报告", size=22)
    t.para("一、推进法治政府建设的主要举措和成效")
    t.para("全年矛盾纠纷化解工作情况如下表。")
    t.pages[-1].extend(_table_items(BOTTOM - 8 + len(first) * PITCH - PITCH, first))  # ends at the foot of page 1
    t.new_page()
    second = STAT_ROWS[:1] + rest if repeat_header else rest
    t.pages[-1].extend(_table_items(TOP + PITCH - 8, second))
    t.y = TOP - len(second) * PITCH
    t.para("二、存在的不足和原因")
    t.para("基层执法力量不足，原因是编制调整滞后。")

    res = _lint_pdf(t.pdf(), tmp_path)

    cells = [(b.text, b.table, b.row, b.col) for b in res.report.doc.blocks if b.table]
    assert cells == [(text, 1, r, c) for r, row in enumerate(first + rest, start=1) for c, text in enumerate(row, start=1)]
    assert not [f for f in res.findings if f.code == "N003"]  # the rows of page 1 are counted in the total


def test_cell_text_over_two_lines_is_joined():
    from lawgov_lint.loaders.pdf.tables import _cell_text

    assert _cell_text("行政复议\n纠错率") == "行政复议纠错率"
    assert _cell_text("Rule of\nlaw 2023") == "Rule of law 2023"
    assert _cell_text("受 理") == "受理"  # a space inferred between Chinese characters


@pytest.mark.parametrize("rows, ruled", [
    (STAT_ROWS, False),  # the same columns without ruling lines: a layout, not a table to read
    (STAT_ROWS[:1], True),  # one ruled row: a boxed line, not a table
])
def test_no_table_without_ruled_rows_and_columns(rows, ruled):
    data, _t = _report_with_table(ruled=ruled, rows=rows + [("", "", "")] if len(rows) == 1 else rows)
    doc = load_pdf("t.pdf", data)
    assert doc.read_tables is None or doc.read_tables(doc.table_pages) is None


def test_a_ruled_grid_without_text_is_no_table():
    from lawgov_lint.loaders.pdf.tables import _find_tables

    blank = [("", "", "")] * 3
    data = _pdf([[(LEFT, TOP, EM, BODY2)] + _table_items(TOP - PITCH, blank)])
    assert _find_tables(data, [1]) == []


def test_text_only_pages_are_no_table_candidates():
    t = Typeset()
    t.para(BODY1)
    t.centered("关于2023年青浦区法治政府建设情况的报告", size=22)
    t.right("上海市青浦区人民政府")
    doc = load_pdf("t.pdf", t.pdf())
    assert doc.table_pages == [] and doc.read_tables is None


def _lint_pdf(data: bytes, tmp_path, name="r.pdf"):
    from lawgov_lint.engine import Options, lint_path

    path = tmp_path / name
    path.write_bytes(data)
    return lint_path(path, Options())


def _report_then_attachment_table() -> bytes:
    """A report whose 合计 row is wrong (57 + 214 ≠ 270), then 附件2: a ruled feedback table."""
    t = Typeset(page_number=None)
    t.centered("关于2023年某区法治政府建设情况的报告", size=22)
    t.para("一、推进法治政府建设的主要举措和成效")
    t.para("全年矛盾纠纷化解工作情况如下表。")
    top = t.y + PITCH - 8
    wrong = STAT_ROWS[:3] + [("合计", "270", "264")]
    t.pages[-1].extend(_table_items(top, wrong))
    t.y = top - len(wrong) * PITCH - PITCH
    t.para("二、存在的不足和原因")
    t.para("基层执法力量不足，原因是编制调整滞后。")
    t.new_page()
    t.line(LEFT, "附件2")
    t.centered("意见反馈表", size=22)
    feedback = [("单位", "意见（条）", "采纳（条）"), ("区司法局", "3", "2"), ("区财政局", "1", "1"), ("合计", "9", "9")]
    top = t.y + PITCH - 8
    t.pages[-1].extend(_table_items(top, feedback))
    return t.pdf()


def test_tables_are_read_in_the_report_proper_only(tmp_path, monkeypatch):
    import lawgov_lint.loaders.pdf.tables as pdf_loader

    asked = []
    find = pdf_loader._find_tables
    monkeypatch.setattr(pdf_loader, "_find_tables", lambda data, pages: asked.append(pages) or find(data, pages))

    res = _lint_pdf(_report_then_attachment_table(), tmp_path)

    assert asked == [[1]]  # the attachment's ruled page is never handed to pdfplumber
    cells = [b for b in res.report.doc.blocks if b.table]
    assert {b.segments[0].page for b in cells} == {1}
    n003 = [(f.code, f.message, f.location.table, f.location.row, f.location.col) for f in res.findings if f.code == "N003"]
    assert n003 == [("N003", "the 合计 row of table 1, column 2, is 270件 but the other rows add up to 271件", 1, 4, 2)]


def test_a_report_without_table_candidates_never_imports_pdfplumber():
    code = ("import sys; from lawgov_lint.engine import Options, lint_path; "
            f"lint_path({str(FIXTURES / 'qingpu-2023.pdf')!r}, Options()); "
            "print('pdfplumber' in sys.modules)")
    if not (FIXTURES / "qingpu-2023.pdf").exists():
        pytest.skip("fixture qingpu-2023.pdf not generated")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "False", out.stderr  # its only tables are in 附件3, outside the report


# --------------------------------------------------------------------------- printed by LibreOffice

@pytest.fixture(scope="module")
def office_pdf(tmp_path_factory):
    """A .docx built with python-docx, printed to PDF by LibreOffice."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) not installed")
    if not _cjk_font_installed():
        pytest.skip("no CJK font installed (fonts-noto-cjk): LibreOffice cannot set the Chinese text")
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    d = docx.Document()
    section = d.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    normal = d.styles["Normal"]
    normal.font.size = Pt(16)
    normal.font.name = "Noto Serif CJK SC"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.space_after = Pt(0)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    run = footer.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        el = OxmlElement("w:fldChar" if kind else ("w:instrText" if text == " PAGE " else "w:t"))
        if kind:
            el.set(qn("w:fldCharType"), kind)
        else:
            el.text = text
        run._r.append(el)
    footer.add_run(" —")

    paragraphs = []

    def add(text, align=None, indent=True, size=None):
        p = d.add_paragraph(text)
        if align:
            p.alignment = align
        if indent:
            p.paragraph_format.first_line_indent = Pt(32)
        if size:
            for r in p.runs:
                r.font.size = Pt(size)
        paragraphs.append(text)

    add("关于2023年某区法治政府建设情况的报告", WD_ALIGN_PARAGRAPH.CENTER, indent=False, size=22)
    add("一、推进法治政府建设的主要举措和成效")
    for n in range(1, 12):
        add(f"{n}.第{n}项工作。" + "严格规范公正文明执法，持续深化行政执法体制改革，" * 3
            + f"全年共办理行政复议案件{100 + n}件，依法作出决定{90 + n}件，占{n}0%。")
    add("二、存在的不足和原因")
    add("上海市某区人民政府", WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    add("2024年1月10日", WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    root = tmp_path_factory.mktemp("office")
    src = root / "office.docx"
    d.save(src)
    profile = (root / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(root), str(src)], check=True, capture_output=True, timeout=180)
    return (root / "office.pdf").read_bytes(), paragraphs


def test_office_pdf_paragraphs_match_the_docx(office_pdf):
    data, paragraphs = office_pdf
    doc = load_pdf("office.pdf", data)
    assert _texts(doc) == paragraphs
    assert doc.blocks[0].align == "center"
    assert [b.align for b in doc.blocks[-2:]] == ["right", "right"]
    assert doc.footers[:2] == ["— 1 —", "— 2 —"]
    crossing = [b for b in doc.blocks if len({s.page for s in b.segments}) == 2]
    assert crossing, "some paragraph should continue across a page break"


QUOTED = ["党建＋网格＋调解", "法律明白人", "八五", "谁执法谁普法", "放管服", "首违不罚", "枫桥经验", "一网通办",
          "门前三包", "双随机、一公开", "蓉城警法", "民主法治示范社区"]


@pytest.fixture(scope="module")
def office_quotes_pdf(tmp_path_factory):
    """A .docx in python-docx's default fonts, full of curly quotes, printed to PDF by LibreOffice.

    LibreOffice draws the quotes of a line in a fallback font as one text
    object spread over the line, after (or before) the Chinese text.
    """
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) not installed")
    import docx
    from docx.shared import Pt

    d = docx.Document()
    paragraphs = ["一、推进法治政府建设的主要举措和成效"]
    for n in range(24):  # the quotes land at different places of the lines, line ends included
        a, b, c = QUOTED[n % 12], QUOTED[(n + 5) % 12], QUOTED[(n + 7) % 12]
        paragraphs.append(f"{'依法' * (n % 7)}深化“{a}”工作机制，开展“{b}”培养工程，全区培育“{c}”{200 + n}名，"
                          f"{'持续' * (n % 5)}推进“{a}”“{b}”建设，实现每个村（社区）全覆盖。")
    paragraphs.append("二、存在的不足和原因")
    for text in paragraphs:
        d.add_paragraph(text).paragraph_format.first_line_indent = Pt(22)
    root = tmp_path_factory.mktemp("office-quotes")
    src = root / "quotes.docx"
    d.save(src)
    profile = (root / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(root), str(src)], check=True, capture_output=True, timeout=180)
    return (root / "quotes.pdf").read_bytes(), paragraphs


def test_office_pdf_curly_quotes_stay_in_place(office_quotes_pdf):
    data, paragraphs = office_quotes_pdf
    assert _texts(load_pdf("quotes.pdf", data)) == paragraphs


@pytest.fixture(scope="module")
def office_table(tmp_path_factory):
    """A report with a statistics table (Word's "Table Grid"), saved by python-docx and printed
    to PDF by LibreOffice: (docx path, pdf path)."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) not installed")
    if not _cjk_font_installed():
        pytest.skip("no CJK font installed (fonts-noto-cjk): LibreOffice cannot set the Chinese text")
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    d = docx.Document()
    d.styles["Normal"].font.size = Pt(16)

    def add(text, center=False):
        p = d.add_paragraph(text)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            p.paragraph_format.first_line_indent = Pt(32)

    add("关于2023年某县法治政府建设情况的报告", center=True)
    add("一、推进法治政府建设的主要举措和成效")
    add("全县坚持严格规范公正文明执法，持续深化行政执法体制改革。" * 4)
    add("全年行政争议案件办理情况如下：")
    rows = [("类别", "收案（件）", "办结（件）", "纠错（件）"), ("行政复议", "86", "80", "9"),
            ("行政应诉", "41", "37", "3"), ("行政裁决", "12", "12", "1"), ("合计", "139", "139", "13")]
    table = d.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    add("二、存在的不足和原因")
    add("基层执法人员法治素养有待提升，原因是培训覆盖面不够。" * 3)
    root = tmp_path_factory.mktemp("office-table")
    src = root / "table.docx"
    d.save(src)
    profile = (root / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(root), str(src)], check=True, capture_output=True, timeout=180)
    return src, root / "table.pdf"


def test_office_pdf_table_reads_as_the_docx_table(office_table):
    from lawgov_lint.engine import Options, lint_path

    def table_facts(path):
        res = lint_path(path, Options())
        cells = [(b.text, b.table, b.row, b.col) for b in res.report.doc.blocks if b.table]
        n003 = [(f.message, f.location.table, f.location.row, f.location.col) for f in res.findings if f.code == "N003"]
        return cells, n003

    docx_path, pdf_path = office_table
    cells, n003 = table_facts(pdf_path)
    assert (cells, n003) == table_facts(docx_path)
    assert len(cells) == 20
    # 80 + 37 + 12 = 129, not 139
    assert n003 == [("the 合计 row of table 1, column 3, is 139件 but the other rows add up to 129件", 1, 5, 3)]


# --------------------------------------------------------------------------- real fixtures


def _fixture(name: str) -> bytes:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"fixture {name} not generated")
    return path.read_bytes()


def _page_text(page) -> str:
    textpage = page.get_textpage()
    return textpage.get_text_range(0, textpage.count_chars())  # (pypdfium2 4.x reads a default range otherwise)


def _page_of(data: bytes, needle: str) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    hits = [i + 1 for i in range(len(pdf)) if needle in re.sub(r"\s", "", _page_text(pdf[i]))]
    assert len(hits) == 1
    return hits[0]


PAGE_NUMBER = re.compile(r"^[\s\-—－]*\d+[\s\-—－]*$")


def test_qingpu_fixture_sentence_is_one_block_on_the_right_page():
    data = _fixture("qingpu-2023.pdf")
    doc = load_pdf("qingpu-2023.pdf", data)
    block = _find(doc, "占88.8%")
    assert "提案办理结果中“解决采纳”125件，占88.8%" in block.text
    assert block.text.startswith("1.主动接受各方监督。")
    segment = block.segment_at(block.text.index("占88.8%"))
    assert segment.page == _page_of(data, "占88.8%")
    assert not any(PAGE_NUMBER.match(b.text) for b in doc.blocks)
    assert "— 9 —" in doc.footers
    assert [b.text.replace(" ", "") for b in doc.blocks if b.text.replace(" ", "") in ("附件1", "附件2", "附件3")] \
        == ["附件1", "附件2", "附件3"]
    title = next(b for b in doc.blocks if b.text == "关于2023年青浦区法治政府建设情况的报告")
    assert title.align == "center"


@pytest.mark.parametrize("name", ["anting-2023", "miaohang-2023", "qingpu-2023", "waigang-2022", "zhaoxiang-2023"])
def test_fixture_headings_are_blocks_of_their_own(name):
    import docx

    pdf_doc = load_pdf(name, _fixture(f"{name}.pdf"))
    word = docx.Document(io.BytesIO(_fixture(f"{name}.docx")))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    texts = {b.text.replace(" ", "") for b in pdf_doc.blocks}
    assert headings and all(h.replace(" ", "") in texts for h in headings)
    assert not any(PAGE_NUMBER.match(b.text) for b in pdf_doc.blocks)


def test_a_piece_spanning_two_lines_is_split_by_characters():
    # pdfium normally breaks lines itself; when it does not, characters are regrouped by position
    from lawgov_lint.loaders.pdf.extract import _split_by_chars

    text = "第一行文字第二行"
    boxes = [(80 + 16 * i, 96 + 16 * i, 700, 716) for i in range(5)] + \
            [(80 + 16 * i, 96 + 16 * i, 672, 688) for i in range(3)]
    pieces = _split_by_chars(text, 0, len(text), lambda i: i, lambda ci: boxes[ci], 16)
    assert [(p.text, p.x0, p.top) for p in pieces] == [("第一行文字", 80, 716), ("第二行", 80, 688)]


def test_indent_typed_as_full_width_spaces():
    # WPS/Word documents often indent with two typed 全角 spaces instead of a paragraph indent
    t = Typeset(indent=0)
    t.para("\u3000\u3000" + BODY1)
    t.para("\u3000\u3000" + BODY2)
    assert _texts(load_pdf("t.pdf", t.pdf())) == [BODY1, BODY2]


def test_kangxi_radicals_and_compatibility_ideographs_read_as_the_ideograph():
    # some pdfium builds report 二 as ⼆ (U+2F06) when the font maps both to one glyph
    from lawgov_lint.loaders.pdf.model import _RADICALS

    assert "第⼆⼗五条 ⾏政复议".translate(_RADICALS) == "第二十五条 行政复议"
    assert "\uf9b5例".translate(_RADICALS) == "例例"  # a compatibility ideograph (例) → 例
    assert all(len(v) == 1 for v in _RADICALS.values())  # one to one: text indices stay char indices

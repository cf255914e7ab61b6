"""Read a .pdf report into a :class:`~lawgov_lint.document.Document` (SPEC §3).

Text comes from the PDF's text layer through pypdfium2, page by page:

1. **Physical lines.** pdfium's text (``get_text_range``) is split at the line
   breaks pdfium generates; each piece is placed with the loose boxes (origin
   and advance width) of its first and last visible characters, checked to lie
   on one baseline (otherwise it is split character by character), and pieces
   that overlap vertically are merged into one physical line, left to right
   (so content-stream order does not matter). Within a piece pdfium keeps the
   content-stream order of each text object; where objects interleave (curly
   quotes LibreOffice draws in a fallback font as one object spread over the
   line) the text jumps back next to a space or a non-ASCII punctuation mark,
   and those places are checked. A line that jumps back, or whose pieces
   overlap (characters drawn after the next line), is rebuilt from its
   characters in x order. Only a few pdfium calls are made per line, which
   keeps loading within about 1.6× the time of bare text extraction.
   Spaces that pdfium *infers* from wide gaps next to Chinese text (justified
   lines, ``2023 年`` where digits are set in another font) are dropped: they
   are not in the file. Real space characters are kept. Where fonts not
   embedded in the PDF are missing on this machine (no CJK font installed),
   pdfium leaves out one-character text objects (a lone ``。``): such pages
   get one ``Document.notes`` entry (:func:`_unread_objects`).
2. **Running headers and footers.** The first/last two lines of a page that
   lie in the top/bottom margin band (:data:`MARGIN_BAND` of the page height)
   are dropped when they are decorated page numbers (``- 8 -``, ``— 9 —``,
   ``第 3 页``), or bare ones (``4``, ``3/25``) or text recurring on most pages
   (digits ignored) standing apart from the body. Their text goes to
   ``Document.headers`` / ``Document.footers``.
3. **Paragraphs** are rebuilt from geometry, in units of the body font size
   (*em*), against the body's left/right margins (per odd/even page). A
   paragraph starts
   - at a first-line indent (≥ :data:`INDENT_EM`) — unless the line continues a
     hanging indent (``附件：1.……`` wrapped under the item text);
   - after a vertical gap over :data:`GAP_FACTOR` × the body line pitch, and
     at a change of font size (:data:`SIZE_CHANGE`);
   - after a short line (ending over :data:`SHORT_EM` before the right margin)
     that closes a sentence, is a heading, or stops far short
     (:data:`FAR_SHORT_EM`); in block-style text (no first-line indents) also
     after a sentence-final line :data:`END_SHORT_EM` short;
   - at centered and right-aligned lines (two centered lines of one size make
     one wrapped title), at a heading line with a marker
     (:func:`~lawgov_lint.markers.looks_like_heading_line`), and at ``附件 N`` /
     版记 lines. A heading line ending short never absorbs the line after it
     (in block-style text not even a full-width one, unless the two still
     read as one heading).
   A paragraph continues across a page break unless the page's last line
   ends it by the rules above, the next page's first line is indented, or the
   page ended early (:data:`PAGE_END_PITCHES`: a page break). Lines are joined
   with nothing between them (one space between two ASCII letters/digits).

4. **Tables.** A page whose lines look like table rows (pieces, or the
   characters around a space, :data:`TABLE_GAP_EM` apart on
   :data:`TABLE_ROWS` lines) is listed in ``Document.table_pages``; nothing
   more is done while loading. ``Document.read_tables(pages)``, which the
   structure parser calls for the pages of the report proper only, checks
   those pages for ruling lines through pdfium's path objects, and only
   then imports pdfplumber and runs its table finder (lines strategy) there.
   A table of two rows and two columns or more replaces its lines: each
   non-empty cell is one block with ``table``/``row``/``col`` (1-based, as
   for .docx tables), where the table stands. A table going on over a page
   break stays one table (a repeated header row left out).

Every physical line is one :class:`~lawgov_lint.document.Segment` with its
page and ``page_line`` (1-based, counted from the top of the page including
dropped header lines, as a person counts them).
"""

from __future__ import annotations

import functools
import re
import statistics
import threading
from collections import Counter
from dataclasses import dataclass

from ..document import Block, Document, LoadError, Segment
from ..i18n import Msg, msg
from ..markers import ends_sentence, find_marker, looks_like_heading_line

# Thresholds, in em (the body font size) unless stated otherwise.
MARGIN_BAND = 0.15  # fraction of the page height searched for running headers/footers
INDENT_EM = 1.2  # a first-line indent (公文 use 2 em)
SHORT_EM = 1.5  # a line ending this far before the right margin is "short"
FAR_SHORT_EM = 6.0  # … and this far short ends a paragraph even without 。
GAP_FACTOR = 1.25  # a line pitch this many times the body pitch starts a paragraph
END_SHORT_EM = 0.7  # in block-style text, a line ending a sentence this short ends the paragraph
CENTER_TOL_EM = 0.5  # |left gap - right gap| for a centered line
CENTER_MIN_EM = 4.0  # a centered body-size line leaves at least this much on the left
SIZE_CHANGE = 0.15  # relative font-size change that starts a paragraph
PAGE_END_PITCHES = 1.6  # a page whose last line sits this many pitches above the usual last line ended early
REPEAT_SHARE = 0.5  # a margin line recurring on this share of pages is a running header
GARBLED_SHARE = 0.3  # share of undecodable characters that makes the text layer unusable
TABLE_GAP_EM = 1.0  # pieces of a line this far apart are cells of a table row
TABLE_ROWS = 2  # lines of cells that make a page worth looking for ruled tables

_PDFIUM_LOCK = threading.Lock()  # pdfium is not thread-safe

_PAGE_NUMBER = re.compile(
    r"""^[\s\-—–－―─~～·•.。_]*                      # decorations: - 8 -, — 9 —, －9－
        (?:第\s*)?(?:\d{1,4}|[ivxlcdmIVXLCDM]{1,6})(?:\s*页)?   # 第 3 页, 8, iv
        (?:\s*[/／]\s*\d{1,4}|\s*[,，]?\s*共\s*\d{1,4}\s*页)?     # 3/25, 第3页 共25页
        [\s\-—–－―─~～·•.。_]*$""",
    re.VERBOSE,
)
# Characters a text layer without a usable Unicode mapping yields.
_UNDECODABLE = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b-\x1f]")
# Lines that stand alone: an attachment label (附件 2) and 版记 lines (抄送：…, ……2024年1月5日印发).
_LABEL = re.compile(
    r"""^\s*(?:附\s*件\s*\d{0,2}\s*[:：]?\s*$
        |抄\s*送\s*[:：]
        |.{2,30}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发\s*$)""",
    re.VERBOSE,
)
# Where a line drawn out of order jumps back (see _jumps_back): spaces and characters that
# are neither ASCII nor Chinese/full-width (curly quotes, dashes, ellipses, middle dots).
_JUMP_SITE = re.compile(r"[^\x21-\x7e\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff"
                        r"\uf900-\ufaff\uff00-\uffef]+")
_SPACES = re.compile(r" +")
_DATE_LINE = re.compile(r"^\s*[（(]?\s*\d{4}\s*年\s*\d{1,2}\s*月[\s\d]*日\s*[）)]?\s*$")
_PAGE_OF = re.compile(r"^\s*(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)


def _radical_table() -> dict[int, str]:
    """Kangxi radicals (U+2F00–U+2FD5) and CJK compatibility ideographs (U+F900–U+FAFF) → the unified
    ideograph they stand for (NFKC, one code point each). A font subset whose glyph of 二 is also mapped
    to ⼆ (U+2F06) makes some pdfium builds report the radical (seen with pypdfium2 4.30 on Chromium's
    PDFs); the text of the report is the ideograph. One to one, so text indices stay char indices."""
    import unicodedata

    table = {}
    for cp in [*range(0x2F00, 0x2FD6), *range(0xF900, 0xFB00)]:
        ch = chr(cp)
        n = unicodedata.normalize("NFKC", ch)
        if n != ch and len(n) == 1:
            table[cp] = n
    return table


_RADICALS = _radical_table()


@dataclass(slots=True)
class _Piece:
    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    size: float
    start: int = -1  # the page-text range the piece was read from (pdfium text indices)
    end: int = -1
    disordered: bool = False  # its characters are not in x order (drawn out of order)
    gaps: int = 0  # spaces standing for a gap of TABLE_GAP_EM or more (cells of a table row)


@dataclass(slots=True)
class _Line:
    page: int  # 1-based
    page_line: int  # 1-based among the page's lines, top first
    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    size: float
    page_width: float
    page_height: float
    # text properties used by the paragraph rules, set by _paragraphs
    marker: bool = False  # starts with a heading marker
    heading: bool = False  # looks like a standalone heading line
    ends: bool = False  # ends a sentence (。！？；： …)

    @property
    def mid(self) -> float:
        return (self.bottom + self.top) / 2


@dataclass(slots=True)
class _Frame:
    """Body geometry: margins and units the paragraph rules are measured in."""

    left: float
    right: float
    em: float
    pitch: float
    indent_style: bool = True  # paragraphs start with a first-line indent (公文), not only with gaps
    bottom: float = 0.0  # where a full page's last body line sits (PDF y of its box bottom)

    @property
    def width(self) -> float:
        return max(self.right - self.left, self.em)


def load_pdf(name: str, data: bytes, max_pages: int | None = None) -> Document:
    """Load a PDF's text layer as paragraphs.

    Args:
        name: the path to record in ``Document.path``.
        data: the file's bytes.
        max_pages: refuse a PDF with more pages, before extracting any text.

    Returns:
        A Document of format "pdf": one block per rebuilt paragraph, each with
        one segment per physical line (``page``, ``page_line``) and ``align``
        "center"/"right" when its lines are centered/right-aligned. Running
        headers/footers and page numbers are in ``headers``/``footers``;
        ``notes`` names pages without a text layer and pages whose text in
        fonts not embedded could not all be read (no CJK font installed).

    Raises:
        LoadError: password-protected, damaged, no text layer (a scan), a
            text layer that cannot be decoded, or more pages than ``max_pages``.
    """
    with _PDFIUM_LOCK:
        pages, notes = _extract(data, max_pages)
    lines_by_page = [_group_lines(pno, rows, width, height)
                     for pno, (rows, width, height) in enumerate(pages, start=1)]
    headers, footers = _drop_running(lines_by_page)
    body = [line for page in lines_by_page for line in page]
    doc = Document(path=name, format="pdf", blocks=_paragraphs(body), headers=headers, footers=footers,
                   notes=notes)
    doc.table_pages = [pno for pno, (rows, _w, _h) in enumerate(pages, start=1) if _table_like(rows)]
    if doc.table_pages:
        doc.read_tables = functools.partial(_with_tables, data, body)  # picklable, unlike a lambda
    return doc


# --------------------------------------------------------------------------- extraction

def _extract(data: bytes, max_pages: int | None = None) -> tuple[list[tuple[list[list[_Piece]], float, float]], list[str]]:
    """Per page: the text pieces with geometry grouped into physical lines (top first), the
    page width and height; and notes."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)  # pypdfium2 >= 5; 4.x only puts the reason in the message
        if code is None:
            code = raw.FPDF_GetLastError()
        if code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
            raise LoadError("password-protected PDF: remove the password and try again") from None
        raise LoadError(f"damaged PDF ({_damage_reason(data, code)}): re-export it") from None
    except Exception as e:  # pragma: no cover - defensive: pdfium bindings raising something else
        raise LoadError(f"damaged PDF ({type(e).__name__}): re-export it") from None
    pages: list[tuple[list[list[_Piece]], float, float]] = []
    notes: list[Msg] = []
    textless: list[int] = []
    unread: list[int] = []  # pages with text objects pdfium could not read (fonts missing)
    total = garbled = 0
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise LoadError("damaged PDF (no pages): re-export it")
        if max_pages is not None and n_pages > max_pages:
            raise LoadError(f"refused before extraction: {n_pages} pages, over the limit of {max_pages} (max-pages)")
        rect = raw.FS_RECTF()
        for index in range(n_pages):
            try:
                page = pdf[index]
                textpage = page.get_textpage()
            except pdfium.PdfiumError:
                pages.append(([], 595.0, 842.0))
                textless.append(index + 1)
                continue
            try:
                width, height = page.get_size()
                rows, missing = _page_rows(textpage, raw, rect)
                if missing and _unread_objects(page, textpage, raw):
                    unread.append(index + 1)
            finally:
                textpage.close()
                page.close()
            if not rows:
                textless.append(index + 1)
            for row in rows:
                for piece in row:
                    total += len(piece.text)
                    garbled += len(_UNDECODABLE.findall(piece.text))
            pages.append((rows, width, height))
    finally:
        pdf.close()
    if len(textless) == len(pages):
        raise LoadError("no text layer: this PDF looks like a scanned image; OCR it first or lint the original .docx")
    if total and garbled / total > GARBLED_SHARE:
        raise LoadError("unreadable text layer: its fonts have no Unicode mapping; "
                        "re-export the PDF with embedded fonts or lint the original .docx")
    if len(textless) == 1:
        notes.append(msg("ui.note.page-textless", page=textless[0]))
    elif textless:
        notes.append(msg("ui.note.pages-textless", pages=_ranges(textless)))
    if unread:
        where = msg("ui.where.page", page=unread[0]) if len(unread) == 1 else msg("ui.note.pages", pages=_ranges(unread))
        notes.append(msg("ui.note.unembedded-fonts", where=where))
    return pages, notes


# A CJK character (ideograph, CJK or full-width punctuation): its glyph box is never empty when its font is there.
_CJK = re.compile(r"[\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uffef]")


def _glyphs_missing(textpage, raw, text: str, char_index) -> bool:
    """Whether the page draws CJK characters without glyphs: a font not embedded in the PDF that
    this machine has no font for (no CJK font installed).

    pdfium still reads such characters, placed by their advance widths, but their glyph boxes are
    empty. Only the first CJK character of each line is looked at (one call per line).
    """
    import ctypes

    handle = textpage.raw
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    for line in re.finditer(r"[^\r\n]+", text):
        m = _CJK.search(text, line.start(), line.end())
        if m is None:
            continue
        ci = char_index(m.start())
        if ci < 0 or not raw.FPDFText_GetCharBox(handle, ci, left, right, bottom, top):
            continue
        if top.value - bottom.value < 0.1 or right.value - left.value < 0.1:  # points; 一 is ~1 pt tall at 16 pt
            return True
    return False


def _unread_objects(page, textpage, raw) -> int:
    """How many text objects of the page pdfium's text page left out for want of their glyphs.

    pdfium leaves out a text object whose bounds have no width. Without the
    font, a one-character object (a lone ``。`` at a line start, a character
    drawn on its own) has none: its text is lost, and ``FPDFTextObj_GetText``
    gives ''. Only objects with empty bounds in fonts not embedded in the PDF
    are looked at. A text object at font size 0 is invisible on purpose.
    """
    import ctypes

    handle = page.raw
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    size = ctypes.c_float()
    count = 0
    for i in range(raw.FPDFPage_CountObjects(handle)):
        obj = raw.FPDFPage_GetObject(handle, i)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_TEXT:
            continue
        if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top) or right.value - left.value > 0.01:
            continue
        font = raw.FPDFTextObj_GetFont(obj)
        if not font or raw.FPDFFont_GetIsEmbedded(font):
            continue
        if not raw.FPDFTextObj_GetFontSize(obj, size) or size.value <= 0:
            continue
        if raw.FPDFTextObj_GetText(obj, textpage.raw, None, 0) <= 2:  # the terminating NUL only: nothing read
            count += 1
    return count


def _damage_reason(data: bytes, code: int | None) -> str:
    head = data[:1024]
    if b"%PDF" not in head:
        if head.startswith(b"PK"):
            return "a ZIP/Office file, not a PDF"
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            return "a legacy Office file, not a PDF"
        return "no %PDF header"
    return {2: "file cannot be read", 3: "broken file structure", 5: "page error"}.get(code or 0, "unreadable")


def _ranges(numbers: list[int]) -> str:
    out: list[str] = []
    start = prev = numbers[0]
    for n in numbers[1:] + [None]:  # type: ignore[list-item]
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(str(start) if start == prev else f"{start}–{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(out)


def _page_rows(textpage, raw, rect) -> tuple[list[list[_Piece]], bool]:
    """The page's physical lines, top first: pieces of its text split at pdfium's line breaks,
    with loose-box geometry, each line's characters in x order (:func:`_in_x_order`); and whether
    CJK glyphs are missing on the page (:func:`_glyphs_missing`)."""
    n_chars = textpage.count_chars()
    if n_chars <= 0:
        return [], False
    # The explicit range reads the same in every pypdfium2 release: 4.x sends a call with the default
    # range to get_text_bounded(), which leaves characters out and breaks the text/char index mapping.
    text = textpage.get_text_range(0, n_chars).translate(_RADICALS)
    handle = textpage.raw
    loose_box = raw.FPDFText_GetLooseCharBox

    def box(ci: int) -> tuple[float, float, float, float]:
        loose_box(handle, ci, rect)
        return rect.left, rect.right, rect.bottom, rect.top

    if len(text) == n_chars:
        def char_index(ti: int) -> int:
            return ti

        def extent(ti: int) -> tuple[float, float] | None:
            loose_box(handle, ti, rect)
            return rect.left, rect.right
    else:  # pdfium inserted/excluded characters, or UTF-16 surrogate pairs
        offsets = _utf16_offsets(text)

        def char_index(ti: int) -> int:
            return raw.FPDFText_GetCharIndexFromTextIndex(handle, offsets[ti])

        def extent(ti: int) -> tuple[float, float] | None:
            ci = char_index(ti)
            if ci < 0:
                return None
            loose_box(handle, ci, rect)
            return rect.left, rect.right

    def is_generated(ci: int) -> bool:
        return raw.FPDFText_IsGenerated(handle, ci) == 1

    pieces: list[_Piece] = []
    for m in re.finditer(r"[^\r\n]+", text):
        a, b = m.span()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a == b:
            continue
        c0, c1 = char_index(a), char_index(b - 1)
        if c0 < 0 or c1 < 0:
            continue
        l0, r0, b0, t0 = box(c0)
        l1, r1, b1, t1 = box(c1)
        h = min(t0 - b0, t1 - b1)
        overlap = min(t0, t1) - max(b0, b1)
        size = raw.FPDFText_GetFontSize(handle, c0)
        if size < 2:  # font size 1 scaled by the text matrix: use the box height
            size = max(t0 - b0, 1.0)
        if (h > 0 and overlap < 0.5 * h) or r1 < l0:
            # pdfium did not break between two physical lines: split by characters
            pieces.extend(_split_by_chars(text, a, b, char_index, box, size))
            continue
        piece_text = text[a:b]
        gaps = 0
        if " " in piece_text:
            piece_text = _drop_generated_spaces(text, a, b, char_index, is_generated)
            gaps = _wide_gaps(text, a, b, char_index, box, size)
        disordered = _jumps_back(text, a, b, extent)
        pieces.append(_Piece(piece_text, l0, r1, min(b0, b1), max(t0, t1), size, a, b, disordered, gaps))
    rows = _in_x_order(_rows(pieces), text, char_index, box, is_generated)
    return rows, bool(rows) and _glyphs_missing(textpage, raw, text, char_index)


def _drop_generated_spaces(text: str, a: int, b: int, char_index, is_generated) -> str:
    """``text[a:b]`` without the spaces pdfium inferred from gaps next to CJK text.

    pdfium inserts a space where glyphs are far apart: in justified or
    letter-spaced Chinese lines (``代 表 建 议``) and between Han characters
    and digits set in another font (``2023 年``). Such spaces are not in the
    PDF; spaces between two ASCII characters are kept (words of Latin text).
    """
    out = []
    for i in range(a, b):
        ch = text[i]
        if ch == " " and a < i < b - 1 and not (text[i - 1].isascii() and text[i + 1].isascii()):
            ci = char_index(i)
            if ci >= 0 and is_generated(ci):
                continue
        out.append(ch)
    return "".join(out)


def _wide_gaps(text: str, a: int, b: int, char_index, box, size: float) -> int:
    """How many runs of spaces in ``text[a:b]`` stand for a gap of :data:`TABLE_GAP_EM` or more:
    pdfium joins the cells of a table row into one line with a space between them."""
    count = 0
    for m in _SPACES.finditer(text, a, b):
        s, e = m.span()
        if s == a or e == b:
            continue
        c0, c1 = char_index(s - 1), char_index(e)
        if c0 < 0 or c1 < 0:
            continue
        if box(c1)[0] - box(c0)[1] > TABLE_GAP_EM * size:
            count += 1
    return count


def _utf16_offsets(text: str) -> list[int]:
    offsets = []
    pos = 0
    for ch in text:
        offsets.append(pos)
        pos += 2 if ord(ch) > 0xFFFF else 1
    return offsets


def _split_by_chars(text, a, b, char_index, box, size) -> list[_Piece]:
    """``text[a:b]``, which pdfium gave as one line, split into pieces by character position."""
    out: list[_Piece] = []
    cur: list[str] = []
    geo: list[float] = []  # x0, x1, bottom, top of the current piece
    first = last = a  # text range of the current piece

    def close() -> None:
        out.append(_Piece("".join(cur).rstrip(), *geo, size, first, last + 1))

    for ti in range(a, b):
        ch = text[ti]
        ci = char_index(ti)
        if ch.isspace() or ci < 0:
            if cur:
                cur.append(ch)
            continue
        left, right, bottom, top = box(ci)
        mid = (bottom + top) / 2
        if cur and (geo[2] <= mid <= geo[3]) and left >= geo[0] - size:
            cur.append(ch)
            geo[1] = max(geo[1], right)
            geo[2] = min(geo[2], bottom)
            geo[3] = max(geo[3], top)
        else:
            if cur:
                close()
            cur = [ch]
            geo = [left, right, bottom, top]
            first = ti
        last = ti
    if cur:
        close()
    return out


def _jumps_back(text: str, a: int, b: int, extent) -> bool:
    """Whether ``text[a:b]`` (one pdfium line) goes backwards along the line somewhere.

    pdfium orders the text objects of a line by their starting points but
    keeps each object's characters in content-stream order. When two objects
    interleave, the text jumps back: LibreOffice draws the curly quotes of a
    line in a Western fallback font as one object spread over the line, and
    the Chinese text as another with gaps left for them. Such a jump is next
    to a space pdfium generated for it or to a character of the other font
    (“ ” ‘ ’ — … ·), so only the characters around spaces and non-ASCII
    punctuation are looked at: a few calls per line, not one per character.
    ``extent(ti)`` is the (left, right) edge of the character at text index
    ``ti``, or None.
    """
    for m in _JUMP_SITE.finditer(text, a, b):
        s, e = m.span()
        prev = -1.0e9
        for ti in range(s - 1 if s > a else s, e + 1 if e < b else e):
            if text[ti] == " ":
                continue
            x = extent(ti)
            if x is None:
                continue
            left, right = x
            if left < prev:
                return True
            prev = left - 0.5 - 0.1 * (right - left)
    return False


def _rows(pieces: list[_Piece]) -> list[list[_Piece]]:
    """Pieces grouped into physical lines (overlapping vertically by half a line), top first."""
    ordered = sorted(pieces, key=lambda p: -(p.bottom + p.top))
    groups: list[list[_Piece]] = []
    lo = hi = 0.0
    for piece in ordered:
        if groups:
            h = min(hi - lo, piece.top - piece.bottom)
            overlap = min(hi, piece.top) - max(lo, piece.bottom)
            if h > 0 and overlap >= 0.5 * h:
                groups[-1].append(piece)
                lo, hi = min(lo, piece.bottom), max(hi, piece.top)
                continue
        groups.append([piece])
        lo, hi = piece.bottom, piece.top
    return groups


def _in_x_order(rows: list[list[_Piece]], text: str, char_index, box, is_generated) -> list[list[_Piece]]:
    """The physical lines (``rows`` of pieces), each line drawn out of order rebuilt in x order.

    A line is rebuilt from its characters when one of its pieces jumps back
    (:func:`_jumps_back`) or when two of its pieces (of about one font size)
    overlap: pdfium broke the line where the content stream left it and came
    back later (a character drawn after the next line, a quote drawn after
    its line). All other lines keep their pieces, read with a few calls each.
    """
    for i, row in enumerate(rows):
        if len(row) == 1 and not row[0].disordered:
            continue
        if any(p.disordered for p in row) or _overlapping(row):
            rows[i] = [_line_from_chars(row, text, char_index, box, is_generated)]
    return rows


def _overlapping(row: list[_Piece]) -> bool:
    """Whether a piece starts inside an earlier one of about its font size (by a quarter em)."""
    ordered = sorted(row, key=lambda p: p.x0)
    reach = ordered[0]  # the piece reaching farthest right so far
    for piece in ordered[1:]:
        if (piece.x0 < reach.x1 - 0.25 * min(reach.size, piece.size)
                and abs(reach.size - piece.size) <= 0.3 * max(reach.size, piece.size)):
            return True
        if piece.x1 > reach.x1:
            reach = piece
    return False


def _line_from_chars(group: list[_Piece], text: str, char_index, box, is_generated) -> _Piece:
    """One physical line from the characters of its pieces, left to right.

    Generated spaces are dropped (they mark where the stream jumped, not
    gaps in the line); real spaces are kept. A space is put back between
    two ASCII characters set apart (words) and, as between pieces in
    :func:`_group_lines`, at a gap over 0.8 em between characters of different
    pieces. A character drawn twice at about the same place (fake bold) is
    kept once.
    """
    chars = []  # (left, text index, char, right, bottom, top, size, piece number)
    for number, piece in enumerate(group):
        for ti in range(piece.start, piece.end):
            ch = text[ti]
            if ch in "\r\n":
                continue
            ci = char_index(ti)
            if ci < 0 or ch == " " and is_generated(ci):
                continue
            left, right, bottom, top = box(ci)
            chars.append((left, ti, ch, right, bottom, top, piece.size, number))
    if not chars:
        return group[0]
    chars.sort()
    out: list[str] = []
    prev = None
    for c in chars:
        ch = c[2]
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
            continue
        if prev is not None:
            size = max(prev[6], c[6])
            if ch == prev[2] and abs(c[0] - prev[0]) < 0.3 * size:
                continue  # overprinted
            gap = c[0] - prev[3]
            if out and out[-1] != " " and (
                    gap > 0.8 * size and c[7] != prev[7]
                    or gap > 0.2 * size and ch.isascii() and prev[2].isascii()):
                out.append(" ")
        out.append(ch)
        prev = c
    visible = [c for c in chars if not c[2].isspace()] or chars
    sizes = Counter(c[6] for c in visible)
    return _Piece("".join(out).strip(), min(c[0] for c in visible), max(c[3] for c in visible),
                  min(c[4] for c in visible), max(c[5] for c in visible), sizes.most_common(1)[0][0],
                  min(p.start for p in group), max(p.end for p in group))


# --------------------------------------------------------------------------- tables

@dataclass(slots=True)
class _Table:
    page: int
    top: float  # PDF y of the table's top and bottom edges (origin at the page bottom)
    bottom: float
    x0: float
    x1: float
    cells: list[tuple[int, int, str, float, float]]  # (row, col, text, top, bottom), 1-based, merged cells once


def _table_like(rows: list[list[_Piece]]) -> bool:
    """Whether a page's lines look like table rows: :data:`TABLE_ROWS` lines whose pieces, or the
    characters around a space, stand :data:`TABLE_GAP_EM` apart (cells). Read from the lines
    already built (:func:`_wide_gaps`)."""
    count = 0
    for row in rows:
        ordered = sorted(row, key=lambda p: p.x0)
        if any(p.gaps for p in row) or any(b.x0 - a.x1 > TABLE_GAP_EM * max(a.size, b.size)
                                           for a, b in zip(ordered, ordered[1:])):
            count += 1
            if count >= TABLE_ROWS:
                return True
    return False


def _ruled_pages(data: bytes, pages: list[int]) -> list[int]:
    """The ``pages`` (1-based) that draw ruling lines: two horizontal and two vertical strokes or
    rectangles among their path objects, or one path of a grid's many segments, as table borders
    are drawn."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    out = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    with _PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(data)
        try:
            for pno in pages:
                try:
                    page = pdf[pno - 1]
                except pdfium.PdfiumError:
                    continue
                try:
                    across = down = 0
                    handle = page.raw
                    for i in range(raw.FPDFPage_CountObjects(handle)):
                        obj = raw.FPDFPage_GetObject(handle, i)
                        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_PATH:
                            continue
                        if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                            continue
                        w, h = right.value - left.value, top.value - bottom.value
                        across += w >= 10  # a horizontal rule, or a rectangle's top and bottom edges
                        down += h >= 8
                        if w >= 10 and h >= 8 and raw.FPDFPath_CountSegments(obj) >= 8:
                            across, down = across + 2, down + 2  # a grid drawn as one path
                    if across >= 2 and down >= 2:
                        out.append(pno)
                finally:
                    page.close()
        finally:
            pdf.close()
    return out


def _find_tables(data: bytes, pages: list[int]) -> list[_Table]:
    """The ruled tables of ``pages`` (1-based) with at least two rows and two columns, found by
    pdfplumber's table finder (lines strategy), top to bottom; cell text joined over its lines."""
    import io
    import logging

    import pdfplumber

    tables: list[_Table] = []
    quiet = logging.getLogger("pdfminer")  # its warnings (a font without FontBBox…) are not the user's business
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        with pdfplumber.open(io.BytesIO(data), pages=pages) as pdf:
            for page in pdf.pages:
                height = float(page.height)
                found = []
                for table in page.find_tables():
                    texts = table.extract()
                    grid = [row.cells for row in table.rows]
                    if len(grid) < 2 or max(len(r) for r in grid) < 2:
                        continue
                    cells = []
                    for r, (boxes, row_texts) in enumerate(zip(grid, texts), start=1):
                        for c, (box, text) in enumerate(zip(boxes, row_texts), start=1):
                            if box is None or not text or not text.strip():
                                continue
                            cells.append((r, c, _cell_text(text), height - float(box[1]), height - float(box[3])))
                    if not cells:
                        continue
                    x0, y0, x1, y1 = table.bbox
                    found.append(_Table(page.page_number, height - float(y0), height - float(y1),
                                        float(x0), float(x1), cells))
                tables.extend(sorted(found, key=lambda t: -t.top))
    except Exception:  # noqa: BLE001 - a table the finder cannot read stays as the text lines it was
        return []
    finally:
        quiet.setLevel(level)
    return tables


def _cell_text(text: str) -> str:
    """A cell's text from pdfplumber: lines joined as in a paragraph (a space only between ASCII
    letters/digits), spaces inferred between Chinese characters dropped."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    out = ""
    for ln in lines:
        if out and _ascii_alnum(out[-1]) and _ascii_alnum(ln[0]):
            out += " "
        out += ln
    return re.sub(r"(?<=[^\x00-\x7f]) +(?=[^\x00-\x7f])", "", out)


def _with_tables(data: bytes, lines: list[_Line], pages: list[int]) -> list[Block] | None:
    """The document's blocks again, with the ruled tables of ``pages`` as table cells.

    The physical lines inside a table are left out of the paragraphs; each
    non-empty cell becomes one block (``table``/``row``/``col`` 1-based, the
    tables numbered in reading order) placed where the table stands, with the
    ``page`` and ``page_line`` of its first line. A table that goes on over a
    page break (:func:`_continues`) keeps its number and counts its rows on,
    its header row repeated on the new page left out. Returns None when no
    page of ``pages`` has a ruled table (pdfplumber is only imported for ruled
    pages).
    """
    ruled = _ruled_pages(data, pages) if pages else []
    tables = _find_tables(data, ruled) if ruled else []
    if not tables:
        return None
    kept: list[_Line] = []
    inside: dict[int, list[_Line]] = {}  # table number → its lines
    for line in lines:
        hit = next((k for k, t in enumerate(tables) if t.page == line.page and t.bottom <= line.mid <= t.top
                    and line.x0 < t.x1 and line.x1 > t.x0), None)
        if hit is None:
            kept.append(line)
        else:
            inside.setdefault(hit, []).append(line)
    inserts: dict[int, list[Block]] = {}
    number = 0
    last_row = 0  # the last row number given in the current table
    header: list[tuple[int, str]] = []  # (col, text) of the current table's first row
    prev: _Table | None = None
    for k, table in enumerate(tables):
        own = inside.get(k, [])
        first_row = [(c, text) for r, c, text, _t, _b in table.cells if r == 1]
        skip_row = 0
        if prev is not None and _continues(prev, table, kept):
            offset = last_row
            if first_row == header:  # the header row repeated on the new page
                skip_row, offset = 1, last_row - 1
        else:
            number, offset, header, last_row = number + 1, 0, first_row, 0
        cells = []
        for row, col, text, top, bottom in table.cells:
            if row == skip_row:
                continue
            first = next((ln for ln in own if bottom <= ln.mid <= top), own[0] if own else None)
            cells.append(Block(index=0, text=text, segments=[Segment(0, page=table.page,
                               page_line=first.page_line if first else None)],
                               table=number, row=row + offset, col=col))
            last_row = max(last_row, row + offset)
        at = next((i for i, ln in enumerate(kept) if ln.page > table.page
                   or ln.page == table.page and ln.mid < table.bottom), len(kept))
        inserts.setdefault(at, []).extend(cells)
        prev = table
    return _paragraphs(kept, inserts)


def _continues(prev: _Table, table: _Table, kept: list[_Line]) -> bool:
    """Whether ``table`` goes on with ``prev`` over a page break: it is on the next page, has as many
    columns, and no body line stands between them (below ``prev`` or above ``table``)."""
    if table.page != prev.page + 1 or max(c[1] for c in table.cells) != max(c[1] for c in prev.cells):
        return False
    return not any(ln.page == prev.page and ln.mid < prev.bottom or ln.page == table.page and ln.mid > table.top
                   for ln in kept)


# --------------------------------------------------------------------------- lines

def _group_lines(page: int, groups: list[list[_Piece]], width: float, height: float) -> list[_Line]:
    """Physical lines from the pieces of each line (:func:`_rows`), top to bottom."""
    lines: list[_Line] = []
    for number, group in enumerate(groups, start=1):
        group.sort(key=lambda p: p.x0)
        text = group[0].text
        for prev, piece in zip(group, group[1:]):
            gap = piece.x0 - prev.x1
            text += (" " if gap > 0.8 * max(prev.size, piece.size) else "") + piece.text
        size = max(group, key=lambda p: len(p.text)).size
        lines.append(_Line(page, number, text, group[0].x0, max(p.x1 for p in group),
                           min(p.bottom for p in group), max(p.top for p in group), size, width, height))
    return lines


def _is_page_number(text: str) -> bool:
    t = text.strip()
    return bool(t) and len(t) <= 24 and bool(_PAGE_NUMBER.match(t) or _PAGE_OF.match(t))


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _drop_running(pages: list[list[_Line]]) -> tuple[list[str], list[str]]:
    """Remove running headers/footers and page numbers from ``pages`` (in place).

    Only the first/last two lines of a page that lie in the margin band are
    candidates. A decorated page number (``— 9 —``, ``第 3 页``) is always
    dropped; a bare number (``4``, ``3/25``) and a line recurring on most pages
    (digits ignored) only when they stand apart from the body, farther from
    their neighbour line than 1.3 × the usual line pitch.

    Returns the dropped texts (headers, footers); recurring texts listed once.
    """
    bands: list[tuple[list[_Line], list[_Line]]] = []  # per page: top and bottom candidates, outermost first
    for lines in pages:
        if not lines:
            bands.append(([], []))
            continue
        height = lines[0].page_height
        band = MARGIN_BAND * height
        tops = [ln for ln in lines[:2] if ln.mid >= height - band]
        bottoms = [ln for ln in lines[-2:][::-1] if ln.mid <= band and ln not in tops]
        bands.append((tops, bottoms))
    pages_with_text = sum(1 for lines in pages if lines)
    recurring = Counter()
    for tops, bottoms in bands:
        recurring.update({(_running_key(ln.text), True) for ln in tops}
                         | {(_running_key(ln.text), False) for ln in bottoms})
    need = max(2, REPEAT_SHARE * pages_with_text)
    steps = [a.mid - b.mid for lines in pages for a, b in zip(lines, lines[1:]) if a.mid - b.mid > 0]
    pitch = statistics.median(steps) if steps else 0.0

    headers: list[str] = []
    footers: list[str] = []
    for pi, (tops, bottoms) in enumerate(bands):
        lines = pages[pi]
        dropped: set[int] = set()
        for candidates, top in ((tops, True), (bottoms, False)):
            for line in reversed(candidates):  # innermost first: its neighbour is a body line
                i = lines.index(line)
                rest = lines[i + 1:] if top else lines[:i][::-1]
                neighbour = next((ln for ln in rest if id(ln) not in dropped), None)
                apart = neighbour is None or abs(line.mid - neighbour.mid) > 1.3 * pitch
                text = line.text.strip()
                number = _is_page_number(text)
                decorated = number and re.search(r"[-—–－―─~～第页]", text) is not None
                repeated = pages_with_text >= 2 and recurring[(_running_key(text), top)] >= need
                if decorated or apart and (number or repeated):
                    dropped.add(id(line))
                    target = headers if top else footers
                    if number or line.text not in target:
                        target.append(line.text)
        if dropped:
            pages[pi] = [ln for ln in lines if id(ln) not in dropped]
    return headers, footers


# --------------------------------------------------------------------------- paragraphs

def _frames(lines: list[_Line]) -> dict[int, _Frame]:
    """Body geometry for odd (1) and even (0) pages (mirrored margins differ)."""
    sizes = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    em = sizes.most_common(1)[0][0] if sizes else 12.0
    body = [ln for ln in lines if abs(ln.size - em) <= SIZE_CHANGE * em and len(ln.text) >= 2] or lines

    def frame(subset: list[_Line]) -> _Frame:
        left = _edge([ln.x0 for ln in subset], smallest=True)
        right = _edge([ln.x1 for ln in subset], smallest=False)
        # Margins are about symmetric: this keeps the right margin in place when few lines are full.
        right = max(right, statistics.median(ln.page_width for ln in subset) - left)
        pitches = [a.bottom - b.bottom for a, b in zip(subset, subset[1:])
                   if a.page == b.page and 0.8 * em < a.bottom - b.bottom < 4 * em]
        pitch = statistics.median(pitches) if pitches else 1.5 * em
        return _Frame(left, max(right, left + em), em, pitch)

    whole = frame(body)
    frames = {}
    for parity in (0, 1):
        subset = [ln for ln in body if ln.page % 2 == parity]
        frames[parity] = frame(subset) if len(subset) >= 8 else whole
    # Indent style: first-line indents are at least half as common as paragraph-ending lines.
    indented = ends = 0
    for ln in body:
        f = frames[ln.page % 2]
        if INDENT_EM * em <= ln.x0 - f.left <= 4 * em and _align_of(ln, f) is None:
            indented += 1
        if f.right - ln.x1 > SHORT_EM * em and ln.ends:
            ends += 1
    last_bottoms: dict[int, float] = {}
    for ln in body:
        last_bottoms[ln.page] = min(ln.bottom, last_bottoms.get(ln.page, ln.bottom))
    full_pages = [v for k, v in last_bottoms.items() if k != max(last_bottoms)] or list(last_bottoms.values())
    for f in frames.values():
        f.indent_style = indented >= max(1, 0.5 * ends)
        f.bottom = statistics.median(full_pages) if full_pages else 0.0
    return frames


def _edge(values: list[float], smallest: bool) -> float:
    """The left (or right) margin: the outermost well-populated 2-pt bin (the outermost value if few)."""
    if len(values) < 8:
        return min(values) if smallest else max(values)
    bins = Counter(round(v / 2) for v in values)
    top = max(bins.values())
    good = [b for b, n in bins.items() if n >= max(2, 0.25 * top)] or list(bins)
    b = min(good) if smallest else max(good)
    near = [v for v in values if abs(v / 2 - b) <= 1]
    return statistics.median(near)


def _align_of(line: _Line, f: _Frame) -> str | None:
    lg = line.x0 - f.left
    rg = f.right - line.x1
    em = f.em
    big = line.size >= 1.1 * em
    if abs(lg - rg) <= CENTER_TOL_EM * em and (lg >= CENTER_MIN_EM * em or big and lg >= -em):
        return "center"
    if lg >= 0.3 * f.width and rg <= 6 * em and rg < lg - 2 * em:
        return "right"
    return None


def _paragraphs(lines: list[_Line], inserts: dict[int, list[Block]] | None = None) -> list[Block]:
    """Paragraph blocks from the physical lines; ``inserts`` maps a line index to table-cell blocks
    standing before that line (``len(lines)``: at the end). Blocks are numbered from 1."""
    inserts = inserts or {}
    if not lines:
        return _numbered([b for at in sorted(inserts) for b in inserts[at]])
    for line in lines:
        line.marker = find_marker(line.text) is not None
        line.heading = line.marker and looks_like_heading_line(line.text)
        line.ends = ends_sentence(line.text)
    frames = _frames(lines)
    paras: list[list[_Line]] = []
    aligns: list[list[str | None]] = []
    before: dict[int, list[Block]] = {}  # paragraph number → table cells placed before it
    prev: _Line | None = None
    prev_align: str | None = None
    for i, line in enumerate(lines):
        f = frames[line.page % 2]
        align = _align_of(line, f)
        if i in inserts:
            before[len(paras)] = inserts[i]
            prev = None
        if prev is None or _starts_paragraph(prev, prev_align, line, align, frames, paras[-1]):
            paras.append([line])
            aligns.append([align])
        else:
            paras[-1].append(line)
            aligns[-1].append(align)
        prev, prev_align = line, align
    blocks = []
    for number, (group, group_aligns) in enumerate(zip(paras, aligns)):
        blocks.extend(before.get(number, []))
        text = ""
        segments = []
        for line in group:
            if text and _ascii_alnum(text[-1]) and _ascii_alnum(line.text[0]):
                text += " "
            segments.append(Segment(len(text), page=line.page, page_line=line.page_line))
            text += line.text
        align = group_aligns[0] if len(set(group_aligns)) == 1 else None
        blocks.append(Block(index=0, text=text, segments=segments, align=align))
    blocks.extend(inserts.get(len(lines), []))
    return _numbered(blocks)


def _numbered(blocks: list[Block]) -> list[Block]:
    for number, block in enumerate(blocks, start=1):
        block.index = number
    return blocks


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _hanging(a: _Line, b: _Line, para: list[_Line], frames: dict[int, _Frame]) -> bool:
    """Whether indented line ``b`` continues a hanging-indent paragraph (an 附件 list, a list item).

    ``a`` is the previous (full-width) line, ``para`` its paragraph so far.
    Positions are compared relative to each page's left margin.
    """
    em = frames[b.page % 2].em

    def rel(line: _Line) -> float:
        return line.x0 - frames[line.page % 2].left

    if len(para) == 1:  # 附件：1.关于…… / ……(continuation under the item text)
        return rel(a) >= INDENT_EM * em and rel(b) > rel(a) + 0.5 * em
    return abs(rel(b) - rel(a)) <= 0.5 * em and abs(rel(b) - rel(para[1])) <= 0.5 * em


def _starts_paragraph(a: _Line, a_align: str | None, b: _Line, b_align: str | None,
                      frames: dict[int, _Frame], para: list[_Line]) -> bool:
    """Whether line ``b`` starts a new paragraph after line ``a`` (``para`` holds ``a``)."""
    fa, fb = frames[a.page % 2], frames[b.page % 2]
    em = fb.em
    a_short_by = fa.right - a.x1
    b_indent = b.x0 - fb.left
    if b.marker and (b.heading and fb.right - b.x1 > SHORT_EM * em
                     or a.ends and not (fa.indent_style and a.text.endswith("；"))):
        return True  # (an enumeration （一）…；（二）…； may wrap onto a line starting with a marker)
    if _LABEL.match(a.text) or _LABEL.match(b.text):
        return True
    if a.size and not (1 - SIZE_CHANGE) <= b.size / a.size <= 1 + SIZE_CHANGE:
        return True
    if a_align or b_align:
        # a wrapped centered title: two centered lines of one size, the first one wide
        return not (a_align == b_align == "center" and a.page == b.page
                    and a.x1 - a.x0 >= 0.5 * fa.width and not _DATE_LINE.match(b.text)
                    and a.bottom - b.bottom <= GAP_FACTOR * max(fa.pitch, 1.3 * a.size))
    a_full = a_short_by <= SHORT_EM * em
    if b_indent >= INDENT_EM * em and not (a_full and _hanging(a, b, para, frames)):
        return True
    a_heading = False
    if para[0].marker:
        para_text = "".join(line.text for line in para)
        a_heading = looks_like_heading_line(para_text)
        if a_heading and not fa.indent_style and not looks_like_heading_line(para_text + b.text):
            return True  # a heading never absorbs the body line after it (a wrapped one continues)
    if a.page == b.page:
        pitch = a.bottom - b.bottom
        if pitch <= 0 or pitch > GAP_FACTOR * max(fa.pitch, 1.2 * a.size):
            return True
    elif a.bottom - fa.bottom > PAGE_END_PITCHES * fa.pitch:
        return True  # the page ends early: a page break (widow control moves at most one line)
    if a_short_by > SHORT_EM * em:
        return a.ends or a_short_by > max(FAR_SHORT_EM * em, 0.25 * fa.width) or a_heading
    # Without first-line indents a paragraph's last line may fall just short of the margin.
    return not fa.indent_style and a_short_by > END_SHORT_EM * em and a.ends

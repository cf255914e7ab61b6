"""Reading a PDF's text layer with pdfium: pieces of text in reading order with their boxes, per page, and notes on what could not be read (no text layer, fonts not embedded)."""

from __future__ import annotations

import re
from collections import Counter

from ...document import LoadError
from ...i18n import Msg, msg
from .model import GARBLED_SHARE, TABLE_GAP_EM, _JUMP_SITE, _LINE, _Piece, _RADICAL_SITE, _SPACES, _radicals, _undecodable


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
                    text = piece.text
                    total += len(text)
                    if "\ufffd" in text or not text.isprintable():  # the others are not printable
                        garbled += len(_undecodable().findall(text))
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
# U+3001–303F, U+3400–4DBF, U+4E00–9FFF, U+F900–FAFF, U+FF01–FFEF, tested in code: a character class
# this wide costs ~2 ms to compile, more than every search of a PDF.
def _first_cjk(text: str, start: int, end: int) -> int:
    """Index of the first CJK character of ``text[start:end]``, or -1."""
    for i in range(start, end):
        o = ord(text[i])
        if 0x4E00 <= o <= 0x9FFF or (0x3001 <= o and (o <= 0x303F or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF
                                                      or 0xFF01 <= o <= 0xFFEF)):
            return i
    return -1


def _glyphs_missing(textpage, raw, text: str, spans: list[tuple[int, int]], char_index) -> bool:
    """Whether the page draws CJK characters without glyphs: a font not embedded in the PDF that
    this machine has no font for (no CJK font installed).

    pdfium still reads such characters, placed by their advance widths, but their glyph boxes are
    empty. Only the first CJK character of each line (``spans``: the lines' text) is looked at
    (one call per line).
    """
    import ctypes

    handle = textpage.raw
    char_box = raw.FPDFText_GetCharBox
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    for a, b in spans:
        at = a if 0x4E00 <= ord(text[a]) <= 0x9FFF else _first_cjk(text, a, b)  # most lines start with a Han character
        if at < 0:
            continue
        ci = char_index(at)
        if ci < 0 or not char_box(handle, ci, left, right, bottom, top):
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
    text = textpage.get_text_range(0, n_chars)
    if _RADICAL_SITE.search(text):  # rare: translating every page costs more than the search
        text = text.translate(_radicals())
    handle = textpage.raw
    loose_box = raw.FPDFText_GetLooseCharBox

    boxes: dict[int, tuple[float, float, float, float]] = {}  # the characters' boxes read so far

    def box(ci: int) -> tuple[float, float, float, float]:
        found = boxes.get(ci)
        if found is None:
            loose_box(handle, ci, rect)
            found = boxes[ci] = (rect.left, rect.right, rect.bottom, rect.top)
        return found

    identity = len(text) == n_chars
    if identity:
        def char_index(ti: int) -> int:
            return ti
    else:  # pdfium inserted/excluded characters, or UTF-16 surrogate pairs
        offsets = _utf16_offsets(text)

        def char_index(ti: int) -> int:
            return raw.FPDFText_GetCharIndexFromTextIndex(handle, offsets[ti])

    def extent(ti: int) -> tuple[float, float, float, float] | None:
        ci = ti if identity else char_index(ti)
        if ci < 0:
            return None
        found = boxes.get(ci)
        if found is None:
            loose_box(handle, ci, rect)
            found = boxes[ci] = (rect.left, rect.right, rect.bottom, rect.top)
        return found

    def is_generated(ci: int) -> bool:
        return raw.FPDFText_IsGenerated(handle, ci) == 1

    font_size = raw.FPDFText_GetFontSize
    pieces: list[_Piece] = []
    spans: list[tuple[int, int]] = []  # each line's text, stripped (for _glyphs_missing)
    for m in _LINE.finditer(text):
        a, b = m.span()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a == b:
            continue
        spans.append((a, b))
        if identity:
            c0, c1 = a, b - 1
        else:
            c0, c1 = char_index(a), char_index(b - 1)
            if c0 < 0 or c1 < 0:
                continue
        loose_box(handle, c0, rect)  # the line's ends, read once (not kept: rarely asked for again)
        l0, b0, t0 = rect.left, rect.bottom, rect.top
        loose_box(handle, c1, rect)
        r1, b1, t1 = rect.right, rect.bottom, rect.top
        h = min(t0 - b0, t1 - b1)
        overlap = min(t0, t1) - max(b0, b1)
        size = font_size(handle, c0)
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
            gaps = _wide_gaps(text, a, b, extent, size)
        disordered = _jumps_back(text, a, b, extent)
        pieces.append(_Piece(piece_text, l0, r1, min(b0, b1), max(t0, t1), size, a, b, disordered, gaps))
    rows = _in_x_order(_rows(pieces), text, char_index, box, is_generated)
    return rows, bool(rows) and _glyphs_missing(textpage, raw, text, spans, char_index)


def _drop_generated_spaces(text: str, a: int, b: int, char_index, is_generated) -> str:
    """``text[a:b]`` without the spaces pdfium inferred from gaps next to CJK text.

    pdfium inserts a space where glyphs are far apart: in justified or
    letter-spaced Chinese lines (``代 表 建 议``) and between Han characters
    and digits set in another font (``2023 年``). Such spaces are not in the
    PDF; spaces between two ASCII characters are kept (words of Latin text).
    Only the inner spaces are looked at (one pdfium call for each next to non-ASCII text).
    """
    if b - a < 3:  # no inner character (and a negative end would count from the end of the text)
        return text[a:b]
    out = []
    kept = a  # text[kept:i] is still to be copied
    i = text.find(" ", a + 1, b - 1)
    while i >= 0:
        if not (text[i - 1].isascii() and text[i + 1].isascii()):
            ci = char_index(i)
            if ci >= 0 and is_generated(ci):
                out.append(text[kept:i])
                kept = i + 1
        i = text.find(" ", i + 1, b - 1)
    if kept == a:
        return text[a:b]
    out.append(text[kept:b])
    return "".join(out)


def _wide_gaps(text: str, a: int, b: int, extent, size: float) -> int:
    """1 when a run of spaces in ``text[a:b]`` stands for a gap of :data:`TABLE_GAP_EM` or more
    (pdfium joins the cells of a table row into one line with a space between them), else 0.
    Only whether there is one matters (:func:`~.tables._table_like`): the first one found ends the search.
    ``extent(ti)`` is the box (left, right, bottom, top) of the character at text index ``ti``, or None."""
    limit = TABLE_GAP_EM * size
    for m in _SPACES.finditer(text, a, b):
        s, e = m.span()
        if s == a or e == b:
            continue
        before, after = extent(s - 1), extent(e)
        if before is None or after is None:
            continue
        if after[0] - before[1] > limit:
            return 1
    return 0


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
    ``extent(ti)`` is the box (left, right, bottom, top) of the character at
    text index ``ti``, or None.
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
            left = x[0]
            if left < prev:
                return True
            prev = left - 0.5 - 0.1 * (x[1] - left)
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

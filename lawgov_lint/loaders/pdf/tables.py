"""Ruled tables on the pages of the report proper, read through pdfplumber: each non-empty cell one block, a table going on over a page break kept as one."""

from __future__ import annotations

import re

from ...document import Block, Segment
from .model import TABLE_GAP_EM, TABLE_ROWS, _Line, _PDFIUM_LOCK, _Piece, _Record
from .paragraphs import _ascii_alnum, _paragraphs


# --------------------------------------------------------------------------- tables

class _Table(_Record):
    """A ruled table found on a page."""

    __slots__ = ("page", "top", "bottom", "x0", "x1", "cells")

    def __init__(self, page: int, top: float, bottom: float, x0: float, x1: float,
                 cells: list[tuple[int, int, str, float, float]]) -> None:
        self.page = page
        self.top = top  # PDF y of the table's top and bottom edges (origin at the page bottom)
        self.bottom = bottom
        self.x0 = x0
        self.x1 = x1
        self.cells = cells  # (row, col, text, top, bottom), 1-based, merged cells once


def _table_like(rows: list[list[_Piece]]) -> bool:
    """Whether a page's lines look like table rows: :data:`TABLE_ROWS` lines whose pieces, or the
    characters around a space, stand :data:`TABLE_GAP_EM` apart (cells). Read from the lines
    already built (:func:`_wide_gaps`)."""
    count = 0
    for row in rows:
        if len(row) == 1:  # most lines: one piece, no gap between pieces
            if row[0].gaps:
                count += 1
                if count >= TABLE_ROWS:
                    return True
            continue
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

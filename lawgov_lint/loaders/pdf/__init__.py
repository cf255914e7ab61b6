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
   keeps loading within about 1.5× the time of bare text extraction
   (each character box is read once per page).
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
     (:func:`~lawgov_lint.lexers.markers.looks_like_heading_line`), and at ``附件 N`` /
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

Modules: :mod:`.extract` (pdfium's text layer → pieces of lines), :mod:`.lines` (lines, running
headers/footers), :mod:`.paragraphs` (lines → paragraphs), :mod:`.tables` (ruled tables through
pdfplumber), :mod:`.model` (the values and thresholds they share).
"""

from __future__ import annotations

import functools

from ...document import Document
from .model import _PDFIUM_LOCK
from .extract import _extract
from .tables import _table_like, _with_tables
from .lines import _drop_running, _group_lines
from .paragraphs import _paragraphs


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

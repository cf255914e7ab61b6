"""The document model every loader produces and every later stage reads.

A :class:`Document` is an ordered list of :class:`Block` values: one per body
paragraph or table cell, in reading order, with the source location of every
character so that a finding can point back at the original file.

Terms: *block* = one paragraph (or one table cell); *segment* = one physical
piece of a block (a line of a .txt file, a line of a PDF page, a run of a
.docx paragraph) that the block's text was joined from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Literal

from .i18n import Msg

Format = Literal["docx", "pdf", "txt", "md", "html"]


@dataclass(frozen=True, slots=True)
class Segment:
    """Where a stretch of a block's text came from.

    ``start`` is the offset (code points) in the block text where this segment
    begins; the segment runs until the next segment's ``start``.
    ``line`` is the 1-based physical line in a .txt/.md file (None otherwise);
    ``column`` the 1-based code-point column of the segment's first character in
    that physical line. ``page``/``page_line`` are 1-based for PDF, else None.
    """

    start: int
    line: int | None = None
    column: int = 1
    page: int | None = None
    page_line: int | None = None


@dataclass(slots=True)
class Block:
    """One paragraph or table cell.

    Attributes:
        index: 1-based position among the document's body blocks.
        text: the block's original text (code points; line breaks of a
            hard-wrapped source are removed, nothing else is changed).
        style: the Word paragraph style name (docx) or None.
        heading_level: outline level from a Word heading style (1-based) or None;
            a hint only — structure parsing reads the text markers first.
        table, row, col: 1-based table-cell coordinates for docx tables, else None.
        segments: source pieces, sorted by ``start``; at least one.
        align: "center", "right" or None when known (docx alignment, PDF geometry).
        label: the list label Word draws before the paragraph from automatic
            numbering (``一、``, ``（二）``, ``3.``), which is not part of ``text``;
            None when the paragraph is not auto-numbered.
    """

    index: int
    text: str
    segments: list[Segment] = field(default_factory=list)
    style: str | None = None
    heading_level: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    align: str | None = None
    label: str | None = None

    def segment_at(self, offset: int) -> Segment:
        """The segment containing code-point ``offset`` of :attr:`text`."""
        found = self.segments[0] if self.segments else Segment(0)
        for seg in self.segments:
            if seg.start <= offset:
                found = seg
            else:
                break
        return found

    @property
    def in_table(self) -> bool:
        return self.table is not None


@dataclass(frozen=True, slots=True)
class Suppression:
    """A suppression comment found by a loader.

    ``codes`` are rule codes or prefixes (empty = all rules); ``block`` is the
    0-based index of the block it applies to (None for a file-level
    ``ignore-file``); ``line`` the 1-based physical line (text) or block number
    (docx) where the comment is, for L001 messages.
    """

    codes: tuple[str, ...]
    block: int | None
    line: int
    file_level: bool = False


@dataclass(slots=True)
class PageMeta:
    """What a published web page says about the report around its text (SPEC §3 web-page text).

    Attributes:
        published_on: the page's 发布时间/发布日期 (or ``<meta>`` publication date), the
            publication date D003 checks (第二十四条), or None.
        published_where: where that date was read, as a catalogue message (``the page's 发布时间 on
            line 2`` / ``网页第2行所载发布时间``).
        signing_date: a 成文日期/发文日期 the page's 政府信息公开 box gives (not the publication).
        source: the page's 来源, when it names one (a repost names another outlet).
        publisher: the 发布机构 of a 政府信息公开 box.
        lines: the chrome lines themselves (breadcrumb, meta line, controls, footer), in order;
            never body blocks.
    """

    published_on: date | None = None
    published_where: "Msg | None" = None
    signing_date: date | None = None
    source: str | None = None
    publisher: str | None = None
    lines: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    """A loaded document.

    Attributes:
        path: the path as given by the user (or the ``--stdin-filename``).
        format: "docx", "pdf", "txt" or "md".
        blocks: body blocks in reading order (indices 1..n).
        headers, footers: text of running headers/footers (docx) or the running
            lines dropped from PDF pages; never part of the body.
        notes: loader remarks worth telling the user (encoding detected, tracked
            changes accepted, …), as catalogue messages (:class:`lawgov_lint.i18n.Msg`,
            ids ``ui.note.*``) that the reporters render in the run's language.
        encoding: the detected text encoding for .txt/.md, else None.
        suppressions: ``lawgov-lint: ignore[…]`` comments found by the loader.
        page: web-page metadata (chrome lines and the publication date) of a report
            copied from or saved as a web page, else None.
        table_pages: PDF pages whose lines look like table rows (cells set apart);
            their text is in ``blocks`` as loose lines until ``read_tables`` is called.
        read_tables: ``read_tables(pages)`` gives the blocks again with the ruled
            tables found on ``pages`` as table cells (``table``/``row``/``col``), or
            None when there is none; the structure parser calls it for the pages of
            the report proper only, so tables elsewhere cost nothing.
    """

    path: str
    format: Format
    blocks: list[Block]
    headers: list[str] = field(default_factory=list)
    footers: list[str] = field(default_factory=list)
    notes: list[Msg] = field(default_factory=list)
    encoding: str | None = None
    suppressions: list[Suppression] = field(default_factory=list)
    page: PageMeta | None = None
    table_pages: list[int] = field(default_factory=list)
    read_tables: Callable[[list[int]], list[Block] | None] | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Location:
    """A finding's place, as SPEC §7 LOCATION.

    All numbers 1-based except ``offset``. ``line`` is the physical line for
    .txt/.md and the block number for .docx/.pdf. ``column``/``end_column`` are
    code-point columns: within the physical line for .txt/.md, within the
    block text otherwise. ``offset``/``length`` count code points in the block's
    original text.
    """

    block: int
    line: int
    column: int
    end_line: int
    end_column: int
    page: int | None
    page_line: int | None
    table: int | None
    row: int | None
    col: int | None
    offset: int
    length: int

    def as_dict(self) -> dict:
        return {
            "block": self.block,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "page": self.page,
            "page_line": self.page_line,
            "table": self.table,
            "row": self.row,
            "col": self.col,
            "offset": self.offset,
            "length": self.length,
        }


def _line_col(block: Block, offset: int, fmt: str, seg: Segment | None = None) -> tuple[int, int]:
    seg = block.segment_at(offset) if seg is None else seg
    if fmt in ("txt", "md") and seg.line is not None:
        return seg.line, seg.column + (offset - seg.start)
    return block.index, offset + 1


def locate(doc: Document, block: Block, start: int, end: int) -> Location:
    """Map a code-point range ``[start, end)`` of ``block.text`` to a Location.

    Raises:
        ValueError: when the range lies outside the block text.
    """
    if not (0 <= start <= end <= len(block.text)):
        raise ValueError(f"range {start}:{end} outside block {block.index} of length {len(block.text)}")
    seg = block.segment_at(start)
    if doc.format not in ("txt", "md"):  # lines are blocks, columns code points of the block
        page_line = seg.page_line if seg.page is not None else None
        last = start if end <= start else end - 1
        return Location(block.index, block.index, start + 1, block.index, last + 1 + (end > start), seg.page,
                        page_line, block.table, block.row, block.col, start, end - start)
    line, column = _line_col(block, start, doc.format, seg)
    last = max(start, end - 1)
    end_line, end_col = _line_col(block, last, doc.format, seg if last == start else None)
    end_column = end_col + (1 if end > start else 0)
    page_line = None
    if seg.page is not None and seg.page_line is not None:
        page_line = seg.page_line
    return Location(
        block=block.index,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        page=seg.page,
        page_line=page_line,
        table=block.table,
        row=block.row,
        col=block.col,
        offset=start,
        length=end - start,
    )


class LoadError(Exception):
    """A file could not be read as a report.

    The message is one line saying what is wrong and what to do; the CLI
    prefixes the path and exits with code 2.
    """

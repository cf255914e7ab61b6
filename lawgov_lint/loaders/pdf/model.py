"""What the PDF reader works with: pieces of text with their boxes, physical lines, a page's text frame, and the layout thresholds (in em of the body font) that turn lines into paragraphs."""

from __future__ import annotations

import functools
import re
import threading



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


@functools.cache
def _undecodable() -> re.Pattern[str]:
    """Characters a text layer without a usable Unicode mapping yields (compiled when first needed:
    the private-use range costs 0.6 ms to compile, and text that is all printable has none)."""
    return re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b-\x1f]")


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
_LINE = re.compile(r"[^\r\n]+")  # a line of pdfium's page text
_RADICAL_SITE = re.compile("[\u2f00-\u2fd5\uf900-\ufaff]")  # where _radicals() may change the text
_DATE_LINE = re.compile(r"^\s*[（(]?\s*\d{4}\s*年\s*\d{1,2}\s*月[\s\d]*日\s*[）)]?\s*$")
_PAGE_OF = re.compile(r"^\s*(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)


@functools.cache
def _radicals() -> dict[int, str]:
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



class _Record:
    """A plain record with ``__slots__`` (a ``dataclass(slots=True)`` costs ~0.5 ms to build at import,
    four of them a third of the loader's start-up); shown by its fields. Records are never compared."""

    __slots__ = ()

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"


class _Piece(_Record):
    """A run of a physical line's text with its box (PDF points, origin at the page bottom)."""

    __slots__ = ("text", "x0", "x1", "bottom", "top", "size", "start", "end", "disordered", "gaps")

    def __init__(self, text: str, x0: float, x1: float, bottom: float, top: float, size: float,
                 start: int = -1, end: int = -1, disordered: bool = False, gaps: int = 0) -> None:
        self.text = text
        self.x0 = x0
        self.x1 = x1
        self.bottom = bottom
        self.top = top
        self.size = size
        self.start = start  # the page-text range the piece was read from (pdfium text indices)
        self.end = end
        self.disordered = disordered  # its characters are not in x order (drawn out of order)
        self.gaps = gaps  # 1 when spaces stand for a gap of TABLE_GAP_EM or more (cells of a table row)


class _Line(_Record):
    """A physical line of a page."""

    __slots__ = ("page", "page_line", "text", "x0", "x1", "bottom", "top", "size", "page_width", "page_height",
                 "marker", "heading", "ends", "label")

    def __init__(self, page: int, page_line: int, text: str, x0: float, x1: float, bottom: float, top: float,
                 size: float, page_width: float, page_height: float, marker: bool = False, heading: bool = False,
                 ends: bool = False, label: bool = False) -> None:
        self.page = page  # 1-based
        self.page_line = page_line  # 1-based among the page's lines, top first
        self.text = text
        self.x0 = x0
        self.x1 = x1
        self.bottom = bottom
        self.top = top
        self.size = size
        self.page_width = page_width
        self.page_height = page_height
        # text properties used by the paragraph rules, set by _paragraphs
        self.marker = marker  # starts with a heading marker
        self.heading = heading  # looks like a standalone heading line
        self.ends = ends  # ends a sentence (。！？；： …)
        self.label = label  # stands alone: an attachment label or a 版记 line (_LABEL)

    @property
    def mid(self) -> float:
        return (self.bottom + self.top) / 2


class _Frame(_Record):
    """Body geometry: margins and units the paragraph rules are measured in."""

    __slots__ = ("left", "right", "em", "pitch", "indent_style", "bottom")

    def __init__(self, left: float, right: float, em: float, pitch: float, indent_style: bool = True,
                 bottom: float = 0.0) -> None:
        self.left = left
        self.right = right
        self.em = em
        self.pitch = pitch
        self.indent_style = indent_style  # paragraphs start with a first-line indent (公文), not only with gaps
        self.bottom = bottom  # where a full page's last body line sits (PDF y of its box bottom)

    @property
    def width(self) -> float:
        return max(self.right - self.left, self.em)


def _median(values) -> float:
    """The median, as ``statistics.median`` gives it (the mean of the middle two of an even count),
    without importing :mod:`statistics` (2 ms at start-up)."""
    data = sorted(values)
    n = len(data)
    if n == 0:
        raise ValueError("no median for empty data")
    if n % 2 == 1:
        return data[n // 2]
    return (data[n // 2 - 1] + data[n // 2]) / 2


def __getattr__(name: str):
    if name == "_RADICALS":  # the table by its former name, built when first asked for
        return _radicals()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

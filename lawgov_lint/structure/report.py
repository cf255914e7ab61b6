"""What the structure analysis finds: the :class:`Report` (the report proper inside its document) and its parts — headings, sections, run-in contents, dated lines, 发文字号."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import recache
from ..document import Document
from ..lexers.markers import Marker
from ..normalize import NormText
from ..packs import Packs

# 发文字号: 机关代字 + bracketed year + serial + 号 (GB/T 9704—2012 §7.2.4), loosely,
# so that F001 can judge malformed ones.
DOC_NUMBER_RE = recache.compile(
    r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{1,10})\s*([〔\[【(（［]?)\s*(\d{2,4})\s*([〕\]】)）］]?)\s*(第?)\s*(\d{1,4})\s*号"
)
ATTACHMENT_RE = recache.compile(r"^附\s*件\s*(\d{1,2})?\s*$")
ATTACHMENT_LIST_RE = recache.compile(r"^附\s*件\s*[：:]")
IMPRINT_RE = recache.compile(r"(?:^抄\s*送\s*[：:])|(?:\d{4}年\d{1,2}月\d{0,2}日?印发$)|(?:^印\s*发\s*[：:])")

@dataclass(slots=True)
class Heading:
    """A heading in the report proper.

    ``block`` is the 0-based index into ``Document.blocks``; ``level`` is the
    1-based outline level inferred from the markers' nesting; ``text`` the
    heading's own text (marker included; for a heading run into its first
    sentence, up to that sentence's end); ``end`` the length of ``text`` in the
    normalised block; ``content`` the 第二十五条 content number (1–5) or None.
    """

    block: int
    level: int
    marker: Marker | None
    text: str
    end: int
    run_in: bool = False
    content: int | None = None
    parent: int | None = None  # index into Report.headings

@dataclass(slots=True)
class Section:
    """A stretch of the report belonging to one required content.

    ``content`` is 1–5; ``heading`` indexes ``Report.headings`` (None for a
    section inferred without a heading); blocks ``[start, end)`` are 0-based.
    """

    content: int
    heading: int | None
    start: int
    end: int

@dataclass(slots=True)
class RunIn:
    """A required content given only a paragraph, not a heading (S008).

    ``block`` is 0-based; ``start``/``end`` the normalised span of the item
    (an enumerated ``三是…`` item up to its first sentence end, or the first
    sentence of a paragraph); ``inside`` the content of the section it sits in.
    """

    content: int
    block: int
    start: int
    end: int
    inside: int | None = None

@dataclass(slots=True)
class DatedLine:
    """A 成文日期 line: its block (0-based), the date (None if incomplete), normalised span.

    For an incomplete date (``2024年1月  日``) ``year``/``month`` keep what is known.
    """

    block: int
    date: dt.date | None
    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None

@dataclass(slots=True)
class DocNumber:
    """A 发文字号 found in a block: ``block`` 0-based, span in normalised text."""

    block: int
    text: str
    start: int
    end: int

@dataclass(slots=True)
class Report:
    """The analysed document: the report proper and what surrounds it.

    Block indices are 0-based positions in ``doc.blocks``; the report proper is
    ``doc.blocks[start:end]``. ``norm[i]`` is the normalised text of block i.
    """

    doc: Document
    norm: list[NormText]
    packs: Packs
    start: int = 0
    end: int = 0
    located: bool = False
    title_blocks: list[int] = field(default_factory=list)
    title: str | None = None
    issuer: str | None = None
    reporting_year: int | None = None
    reporting_year_source: str | None = None  # "title" | "opening" | "evidence" | "option" | None
    expected_year: int | None = None  # --year / config ``year``: the year the reviewer is collecting
    document_number: DocNumber | None = None
    cover_document_numbers: list[DocNumber] = field(default_factory=list)
    addressee: str | None = None
    signing: DatedLine | None = None
    cover_signing: DatedLine | None = None
    headings: list[Heading] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    run_ins: list[RunIn] = field(default_factory=list)  # contents given only a paragraph (S008)
    opening_block: int | None = None
    cover_blocks: list[int] = field(default_factory=list)
    cache: dict = field(default_factory=dict, repr=False, compare=False)  # facts computed once per report

    @property
    def signing_line(self) -> DatedLine | None:
        """The 成文日期 line that counts: the report's own, else the cover's."""
        return self.signing or self.cover_signing

    @property
    def signing_date(self) -> dt.date | None:
        """The 成文日期 that counts for deadlines: the report's own, else the cover's."""
        if self.signing and self.signing.date:
            return self.signing.date
        if self.cover_signing and self.cover_signing.date and not self.signing:
            return self.cover_signing.date
        return None

    def body_range(self) -> range:
        return range(self.start, self.end)

    def contents_present(self) -> dict[int, bool]:
        have = {s.content for s in self.sections}
        return {c: c in have for c in range(1, 6)}

    def section_of(self, block: int) -> int | None:
        """The content number (1–5) of the innermost section containing 0-based ``block``."""
        best: Section | None = None
        for s in self.sections:
            if s.start <= block < s.end and (best is None or s.start >= best.start):
                best = s
        return best.content if best else None

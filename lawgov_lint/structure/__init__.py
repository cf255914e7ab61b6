"""The report proper and its structure (SPEC §3 "The report proper", §4).

Given a loaded :class:`~lawgov_lint.document.Document`, :func:`analyse` finds
the report inside whatever wraps it (a 请示 or 通知 cover, a 起草说明, 附件
lists, feedback tables, a 版记) and parses it: title, issuer, 发文字号
(``document_number``), 主送 (``addressee``), heading tree, sections mapped to the
five required contents of 第二十五条 (``required_contents``), 落款 and 成文日期
(``signing_date``), and the reporting year (报告年度, ``reporting_year``).

Modules: :mod:`.report` (the values), :mod:`.locate`, :mod:`.elements`, :mod:`.headings`,
:mod:`.year`, :mod:`.sections` — in the order :func:`analyse` runs them.
"""

from __future__ import annotations

from ..document import Document
from ..normalize import normalize_document
from ..packs import Packs
from .elements import parse_elements
from .headings import parse_headings
from .locate import locate
from .report import DatedLine, DocNumber, Heading, Report, RunIn, Section
from .sections import build_sections, classify_heading, find_run_ins, strong_content_3
from .year import opening_year, opening_year_span, weigh_reporting_year


def analyse(doc: Document, packs: Packs, year: int | None = None) -> Report:
    """Normalise, locate the report proper and parse its structure.

    ``year`` is the reporting year the reviewer expects (``--year``): it supplies Y when
    the report gives none (see :func:`weigh_reporting_year`).
    """
    rep = Report(doc=doc, norm=normalize_document(doc), packs=packs)
    locate(rep)
    if doc.table_pages and doc.read_tables is not None:  # PDF tables: read those of the report proper only
        proper = {s.page for b in doc.blocks[rep.start:rep.end] for s in b.segments}
        blocks = doc.read_tables([p for p in doc.table_pages if p in proper])
        doc.table_pages, doc.read_tables = [], None
        if blocks is not None:
            doc.blocks = blocks
            rep = Report(doc=doc, norm=normalize_document(doc), packs=packs)
            locate(rep)
    parse_elements(rep)
    parse_headings(rep)
    weigh_reporting_year(rep, year)
    build_sections(rep)
    find_run_ins(rep)
    return rep


__all__ = ["analyse", "Report", "Heading", "Section", "RunIn", "DatedLine", "DocNumber", "classify_heading",
           "strong_content_3", "opening_year", "opening_year_span"]

"""HTML loader (.html, .htm): the article of a saved government web page (SPEC §3).

Parsing is lxml's (``lxml.html``, libxml2's forgiving HTML parser; lxml is already installed
with python-docx). We do not use lxml's ``Cleaner`` (moved to the separate ``lxml_html_clean``
package in lxml 5.2): it sanitises HTML for display again, while we only read text, so dropping
``<script>``, ``<style>`` and the other non-text elements is one ``drop_tree`` each.

The page becomes :class:`~lawgov_lint.document.Block` values in reading order: every block
element (``<p>``, ``<h1>``–``<h6>``, ``<li>``, a ``<div>`` with its own text …) is a paragraph and
a ``<br>`` ends one; a data table's cells are blocks with ``table``/``row``/``col`` (a layout
table, whose cells hold paragraphs or tables, is read as ordinary content). Then, as for web-page
text (:mod:`lawgov_lint.loaders.page`): page chrome (breadcrumb, the 发布时间/来源/浏览次数 line, the
政府信息公开 box — read row by row —, 【打印】【关闭】, 上一篇/下一篇, the footer) is taken out into
``Document.page``, and so are short blocks that are links only (menus). The publication date is
the page's own 发布时间/发布日期, else its ``<meta>`` date (the 政府网站 ``PubDate``, Open Graph's
``article:published_time``, Dublin Core ``DC.date.issued`` …).

Locations: ``line`` is the block number, as for .docx (HTML source lines do not map to what a
reader sees).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Block, Document, LoadError, PageMeta, Segment
from ..i18n import msg
from .page import DATE_VALUE_RE, chrome_runs, page_meta, parse_date, run_in_heading_cuts

_DROP = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "select",
         "button", "input", "textarea", "map", "head", "title", "nav")
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr",
          "td", "th", "caption", "thead", "tbody", "tfoot", "pre", "blockquote", "section", "article", "header",
          "footer", "aside", "main", "center", "address", "form", "fieldset", "figure", "figcaption", "hr",
          "body", "html"}
_META_DATE_NAMES = ("pubdate", "publishdate", "publish_date", "publish-date", "publishtime", "firstpublishedtime",
                    "article:published_time", "og:published_time", "og:release_date", "dc.date.issued",
                    "dcterms.issued", "dc.date", "date", "releasedate", "createdate", "maketime")
_META_SOURCE_NAMES = ("contentsource", "source", "author")
_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’《》"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
_LINK_ONLY_MAX = 30


@dataclass(slots=True)
class _Piece:
    """One block being built: text, whether all of it sat inside links, table coordinates."""

    text: list[str] = field(default_factory=list)
    link_chars: int = 0
    table: int | None = None
    row: int | None = None
    col: int | None = None
    align: str | None = None


def _decode(data: bytes) -> str:
    """The page's text: BOM, then the declared charset (``<meta charset>``), then our text decoder."""
    from .text import decode

    head = data[:4096].decode("ascii", "replace")
    m = re.search(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", head, re.IGNORECASE)
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        enc = m.group(1).lower()
        if enc in ("gb2312", "gbk", "gb_2312-80", "x-gbk"):
            enc = "gb18030"  # pages declared GB2312 use GBK characters freely
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)[0]


def _clean(s: str) -> str:
    s = re.sub(r"[ \t\r\n\f\u200b\ufeff]+", " ", s.replace("\u00a0", " "))
    s = _SPACE_BETWEEN_CJK.sub("", s)
    return s.strip(" \u3000")


def _meta(root) -> tuple[str | None, str | None]:
    """(publication date text, source) from the page's ``<meta>`` tags."""
    date = source = None
    for el in root.iter("meta"):
        name = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if not content:
            continue
        if date is None and name in _META_DATE_NAMES and DATE_VALUE_RE.search(content):
            date = content
        elif source is None and name in _META_SOURCE_NAMES:
            source = content
    return date, source


def _is_layout_cell(cell) -> bool:
    return any(d.tag in ("p", "div", "table", "h1", "h2", "h3", "ul", "ol") for d in cell.iterdescendants()
               if isinstance(d.tag, str))


def _walk(root) -> list[_Piece]:
    """Block pieces in reading order (see module doc)."""
    pieces: list[_Piece] = []
    cur = _Piece()
    tables = 0
    cell_of: dict = {}  # data-table cell element -> (table, row, col)

    for table in root.iter("table"):
        rows = [tr for tr in table.iter("tr") if tr.getparent() is table or tr.getparent().getparent() is table]
        cells = [c for tr in rows for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
        if not cells or any(_is_layout_cell(c) for c in cells):
            continue
        tables += 1
        for r, tr in enumerate(rows, start=1):
            col = 0
            for c in tr:
                if isinstance(c.tag, str) and c.tag in ("td", "th"):
                    col += 1
                    cell_of[c] = (tables, r, col)

    def flush() -> None:
        nonlocal cur
        if "".join(cur.text).strip():
            pieces.append(cur)
        cur = _Piece(table=cur.table, row=cur.row, col=cur.col, align=cur.align)

    def visit(el, in_link: bool) -> None:
        nonlocal cur
        tag = el.tag if isinstance(el.tag, str) else ""
        block = tag in _BLOCK
        if tag == "br":
            flush()
        elif block:
            flush()
            if el in cell_of:
                cur.table, cur.row, cur.col = cell_of[el]
            style = (el.get("style") or "").replace(" ", "").lower()
            align = (el.get("align") or "").lower()
            if "text-align:center" in style or align == "center" or tag == "center":
                cur.align = "center"
            elif "text-align:right" in style or align == "right":
                cur.align = "right"
        link = in_link or tag == "a"
        if el.text and tag:
            cur.text.append(el.text)
            if link:
                cur.link_chars += len(el.text.strip())
        for child in el:
            visit(child, link)
            if child.tail:
                cur.text.append(child.tail)
                if in_link or tag == "a":
                    cur.link_chars += len(child.tail.strip())
        if block:
            flush()
            if el in cell_of:
                cur.table = cur.row = cur.col = None
            cur.align = None

    visit(root, False)
    flush()
    return pieces


def load_html(name: str, data: bytes) -> Document:
    """Load a saved web page.

    Args:
        name: path to record in the Document.
        data: the raw bytes of the page.

    Returns:
        A Document of format "html" whose blocks are the page's paragraphs and data-table cells,
        with ``page`` holding the chrome lines and the publication date.

    Raises:
        LoadError: the page cannot be parsed or holds no text.
    """
    import lxml.html
    from lxml import etree

    text = _decode(data)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses a str with an encoding declaration
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as e:
        raise LoadError(f"not a readable HTML page ({str(e)[:80]}): save the page again or copy its text") from None
    meta_date, meta_source = _meta(root)
    for el in list(root.iter(*_DROP)):
        if el.getparent() is not None:
            el.drop_tree()
    pieces = [p for p in _walk(root)]
    texts = [_clean("".join(p.text)) for p in pieces]
    keep = [bool(t) for t in texts]
    for i, (p, t) in enumerate(zip(pieces, texts)):
        if t and p.link_chars >= len(re.sub(r"[\s|｜/·•,，、>＞»]", "", t)) and len(t) <= _LINK_ONLY_MAX:
            keep[i] = False  # a menu entry or a link list
    # chrome: judged on lines, a data-table row read as one line
    lines: list[str] = []
    owners: list[list[int]] = []
    for i, (p, t) in enumerate(zip(pieces, texts)):
        if not keep[i]:
            continue
        if p.table is not None and owners and pieces[owners[-1][0]].table == p.table and pieces[owners[-1][0]].row == p.row:
            lines[-1] += " " + t
            owners[-1].append(i)
        else:
            lines.append(t)
            owners.append([i])
    flags = chrome_runs(lines)
    meta = page_meta(lines, flags, [None] * len(lines))
    for own, is_chrome in zip(owners, flags):
        if is_chrome:
            for i in own:
                keep[i] = False
    kept = [(p, t) for i, (p, t) in enumerate(zip(pieces, texts)) if keep[i]]
    cuts = run_in_heading_cuts([t if p.table is None else "" for p, t in kept]) if meta or meta_date else {}
    blocks: list[Block] = []
    numbers: dict[int, int] = {}  # tables renumbered: a dropped 信息公开 box is not table 1
    for k, (p, t) in enumerate(kept):
        table = numbers.setdefault(p.table, len(numbers) + 1) if p.table is not None else None
        bounds = [0, *cuts.get(k, []), len(t)]
        for a, b in zip(bounds, bounds[1:]):  # a repost's run-in headings split back (see page.py)
            part = t[a:b].strip(" \u3000")
            if part:
                blocks.append(Block(index=len(blocks) + 1, text=part, segments=[Segment(0)], table=table,
                                    row=p.row, col=p.col, align=p.align))
    if not blocks:
        raise LoadError("no text found in the page (it may be built by scripts): save the page's text as .txt")
    if meta_date or meta_source:
        meta = meta or PageMeta()
        if meta.published_on is None and meta_date:
            meta.published_on = parse_date(DATE_VALUE_RE.search(meta_date).group(0))
            meta.published_where = msg("D003.where-meta") if meta.published_on else None
        if meta.source is None and meta_source:
            meta.source = meta_source
    return Document(path=name, format="html", blocks=blocks, page=meta)


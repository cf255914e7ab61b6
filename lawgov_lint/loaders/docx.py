"""Read a .docx report into a :class:`~lawgov_lint.document.Document` (SPEC §3).

The body XML is walked in document order — paragraphs and tables interleaved,
content controls (``w:sdt``) and custom-XML wrappers opened — so that a table
between two paragraphs stays between them. Each non-empty paragraph becomes
one block; each table cell becomes one block with 1-based ``table``/``row``/
``col`` (``col`` is the cell's first grid column, so merged cells are counted
once). Text is taken as Word shows it after accepting tracked changes:
inserted text kept, deleted text dropped, field results kept, field codes and
hidden text dropped. Headers and footers go to ``Document.headers`` /
``Document.footers``, never into the body.

A paragraph numbered by Word's automatic list numbering (``w:numPr`` on the
paragraph or inherited from its style) has no ``一、`` in its text; the label
Word draws for it is computed from numbering.xml (:class:`_Numbering`) and
stored in ``Block.label``, the text left unchanged.

XML is parsed by python-docx (lxml with entity resolution disabled); this
module only walks the resulting trees.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from ..document import Block, Document, LoadError, Segment
from ..i18n import msg

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
M_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
STRICT_NS_PREFIX = "http://purl.oclc.org/ooxml/"  # ISO 29500 Strict namespaces

OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
_PAGE_BREAK = "\x0c"  # placeholder for w:br w:type="page"/"column" while a paragraph is read
_RENDERED_BREAK = "\x00"  # placeholder for w:lastRenderedPageBreak (XML text never holds NUL)

# Elements that only wrap other content: their children are walked as if
# they stood in the wrapper's place.
_WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag", W + "hyperlink",
             W + "fldSimple", W + "ins", W + "moveTo", W + "bdo", W + "dir"}
# Tracked-change elements whose content is gone once the changes are accepted.
_DELETED = {W + "del", W + "moveFrom"}
_TRACKED = {W + "ins", W + "del", W + "moveFrom", W + "moveTo"}
# Paragraph-level children that never contribute text.
_NO_TEXT = {W + "pPr", W + "rPr", W + "sdtPr", W + "sdtEndPr", W + "customXmlPr", W + "smartTagPr",
            W + "proofErr", W + "bookmarkStart", W + "bookmarkEnd", W + "commentRangeStart",
            W + "commentRangeEnd", W + "permStart", W + "permEnd"}

_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_NAMES = {"title", "标题"}


def load_docx(name: str, data: bytes) -> Document:
    """Load a .docx file's body, headers and footers.

    Args:
        name: the path to record in ``Document.path``.
        data: the file's bytes.

    Returns:
        A Document of format "docx": one block per non-empty paragraph and per
        non-empty table cell, in document order, each with a single
        ``Segment(0)`` (a table cell has one segment per paragraph it holds),
        and ``label`` set for a paragraph (a cell: its first paragraph)
        numbered by automatic list numbering. When Word recorded its last
        layout (``w:lastRenderedPageBreak``), segments carry the 1-based
        ``page`` each stretch of text was on (a block crossing a page break
        gets a second segment there); otherwise ``page`` is None.

    Raises:
        LoadError: a legacy .doc/.wps (OLE2) or password-protected file, a
            damaged file or one that is not a Word document.
    """
    docx_doc = _open(data)
    styles = _StyleTable.from_document(docx_doc)
    walker = _Walker(styles, _Numbering.from_document(docx_doc, styles))
    body = docx_doc.element.body
    walker.walk_body(body)
    walker.finish()
    if not walker.rendered_breaks:  # Word recorded no layout: no page numbers rather than "page 1" everywhere
        for b in walker.blocks:
            b.segments = [Segment(seg.start) for seg in b.segments]
    doc = Document(path=name, format="docx", blocks=walker.blocks)
    doc.headers, doc.footers = _headers_footers(docx_doc)
    if walker.tracked_changes:
        doc.notes.append(msg("ui.note.tracked-changes"))
    from ..suppress import read_docx_suppressions  # lazy: suppress.py imports this module's walker

    doc.suppressions = read_docx_suppressions(data)
    return doc


# --------------------------------------------------------------------------- opening

def _open(data: bytes):
    """The python-docx Document for ``data``, or a LoadError saying why not."""
    if data[:4] == OLE2_MAGIC:
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise LoadError("password-protected .docx: remove the password in Word "
                            "(File → Info → Protect Document) and save it again")
        raise LoadError("a legacy Word/WPS (.doc/.wps) file renamed to .docx: open it and save it as .docx")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise LoadError("damaged or not a .docx file (not a ZIP package): re-save it from Word as .docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            rels = zf.read("_rels/.rels") if "_rels/.rels" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise LoadError(f"damaged or not a .docx file (bad ZIP: {_short(e)}): re-save it from Word as .docx") from None
    if "word/document.xml" not in names:
        what = None
        if any(n.startswith("xl/") for n in names):
            what = "an Excel workbook"
        elif any(n.startswith("ppt/") for n in names):
            what = "a PowerPoint file"
        elif "[Content_Types].xml" not in names:
            what = "a ZIP archive without word/document.xml"
        if what:
            raise LoadError(f"damaged or not a .docx file ({what}): re-save it from Word as .docx")
    if STRICT_NS_PREFIX.encode() in rels:
        raise LoadError("a Strict Open XML document: save it as a regular Word Document (.docx)")

    import docx  # python-docx; imported late so that `--help` stays fast

    try:
        result = docx.Document(io.BytesIO(data))
    except ValueError as e:  # wrong main content type: a template or macro document
        msg = str(e)
        what = "a Word template or macro-enabled document" if "content type" in msg else _short(e)
        raise LoadError(f"damaged or not a .docx file ({what}): re-save it from Word as .docx") from None
    except KeyError:
        raise LoadError("damaged or not a .docx file (word/document.xml missing): "
                        "re-save it from Word as .docx") from None
    except Exception as e:  # BadZipFile, PackageNotFoundError, lxml XMLSyntaxError, …
        raise LoadError(f"damaged or not a .docx file ({_short(e)}): re-save it from Word as .docx") from None
    return result


def _short(e: BaseException) -> str:
    text = " ".join(str(e).split()) or type(e).__name__
    return text[:80]


# --------------------------------------------------------------------------- styles

@dataclass(slots=True)
class _StyleInfo:
    name: str | None
    based_on: str | None
    outline: int | None  # w:outlineLvl (0-based; 9 = body text)
    jc: str | None
    num_id: str | None = None  # w:numPr/w:numId: the style numbers its paragraphs
    ilvl: int | None = None  # w:numPr/w:ilvl


@dataclass(slots=True)
class _StyleTable:
    """Paragraph styles by id, with inherited heading level and alignment."""

    styles: dict[str, _StyleInfo] = field(default_factory=dict)
    default_id: str | None = None
    numbering_styles: dict[str, str] = field(default_factory=dict)  # numbering style id → its w:numId

    @classmethod
    def from_document(cls, docx_doc) -> "_StyleTable":
        table = cls()
        try:
            styles = docx_doc.styles
        except Exception:  # no or damaged styles part: styles are only hints
            return table
        for style in styles:
            el = style.element
            kind = el.get(W + "type")
            sid = el.get(W + "styleId")
            if sid is None or kind not in (None, "paragraph", "numbering"):
                continue
            ppr = el.find(W + "pPr")
            num_id, ilvl = _num_pr(ppr)
            if kind == "numbering":
                if num_id is not None:
                    table.numbering_styles[sid] = num_id
                continue
            based = el.find(W + "basedOn")
            table.styles[sid] = _StyleInfo(
                name=style.name,
                based_on=based.get(W + "val") if based is not None else None,
                outline=_outline(ppr),
                jc=_jc(ppr),
                num_id=num_id,
                ilvl=ilvl,
            )
            if el.get(W + "default") in ("1", "true", "on"):
                table.default_id = sid
        return table

    def _chain(self, sid: str | None):
        seen: set[str] = set()
        while sid is not None and sid in self.styles and sid not in seen:
            seen.add(sid)
            info = self.styles[sid]
            yield info
            sid = info.based_on

    def resolve(self, sid: str | None) -> tuple[str | None, int | None, str | None]:
        """(style name, heading level, alignment) of paragraph style ``sid``."""
        if sid not in self.styles:
            sid = self.default_id
        if sid is None:
            return None, None, None
        name = self.styles[sid].name
        level: int | None = None
        level_known = False
        jc: str | None = None
        jc_known = False
        for info in self._chain(sid):
            if not level_known:
                lname = (info.name or "").strip()
                m = _HEADING_NAME.match(lname)
                if m:
                    level, level_known = int(m.group(1)), True
                elif lname.lower() in _TITLE_NAMES:
                    level, level_known = 0, True
                elif info.outline is not None:
                    level, level_known = (info.outline + 1 if info.outline < 9 else None), True
            if not jc_known and info.jc is not None:
                jc, jc_known = info.jc, True
        return name, level, jc

    def numbering(self, sid: str | None) -> tuple[str | None, int | None, str | None]:
        """(numId, ilvl, id of the style giving the numId) inherited by paragraph style ``sid``."""
        if sid not in self.styles:
            sid = self.default_id
        num_id: str | None = None
        owner: str | None = None
        ilvl: int | None = None
        current = sid
        for info in self._chain(sid):
            if num_id is None and info.num_id is not None:
                num_id, owner = info.num_id, current
            if ilvl is None and info.ilvl is not None:
                ilvl = info.ilvl
            current = info.based_on
        return num_id, ilvl, owner


def _num_pr(ppr) -> tuple[str | None, int | None]:
    """(w:numId, w:ilvl) of a w:pPr's w:numPr, each None when absent."""
    if ppr is None:
        return None, None
    num_pr = ppr.find(W + "numPr")
    if num_pr is None:
        return None, None
    el = num_pr.find(W + "numId")
    num_id = el.get(W + "val") if el is not None else None
    el = num_pr.find(W + "ilvl")
    ilvl = _int(el.get(W + "val"), 0) if el is not None else None
    return num_id, ilvl


def _style_id(ppr) -> str | None:
    """The paragraph style id a ``w:pPr`` names (``w:pStyle/@w:val``), if any."""
    ps = ppr.find(W + "pStyle") if ppr is not None else None
    return ps.get(W + "val") if ps is not None else None


def _outline(ppr) -> int | None:
    if ppr is None:
        return None
    el = ppr.find(W + "outlineLvl")
    if el is None:
        return None
    try:
        return int(el.get(W + "val"))
    except (TypeError, ValueError):
        return None


def _jc(ppr) -> str | None:
    if ppr is None:
        return None
    el = ppr.find(W + "jc")
    return el.get(W + "val") if el is not None else None


def _align(jc: str | None) -> str | None:
    if jc == "center":
        return "center"
    if jc in ("right", "end"):
        return "right"
    return None


# --------------------------------------------------------------------------- list numbering

@dataclass(slots=True)
class _Level:
    """One level (w:lvl) of a list definition."""

    start: int = 1  # w:start
    fmt: str = "decimal"  # w:numFmt
    text: str = ""  # w:lvlText, with %1 … %9 standing for the counters of levels 1 … 9
    restart: int | None = None  # w:lvlRestart: restarts after level 1 … n only (0 = never); None = after any higher level
    legal: bool = False  # w:isLgl: all numbers in the label as decimal
    style: str | None = None  # w:pStyle: the paragraph style this level belongs to


def _level(lvl, base: _Level | None = None) -> _Level:
    level = _Level() if base is None else _Level(base.start, base.fmt, base.text, base.restart, base.legal, base.style)
    for child in lvl:
        tag = child.tag
        if not isinstance(tag, str):  # an XML comment or processing instruction
            continue
        val = child.get(W + "val")
        if tag == W + "start":
            level.start = _int(val, 1)
        elif tag == W + "numFmt":
            level.fmt = val or "decimal"
        elif tag == W + "lvlText":
            level.text = val or ""
        elif tag == W + "lvlRestart":
            level.restart = _int(val, 0)
        elif tag == W + "isLgl":
            level.legal = _on(child)
        elif tag == W + "pStyle":
            level.style = val
    return level


@dataclass(slots=True)
class _List:
    """What a w:num gives: its abstract definition's levels (overrides applied) and its counters' key."""

    levels: dict[int, _Level]
    key: str  # numbering is counted per abstract definition; a w:num restarting a level counts on its own


class _Numbering:
    """Word's automatic list numbering: numbering.xml definitions and running counters.

    Counters are kept per abstract list definition (``w:abstractNum``) and
    level, in document order; a ``w:num`` with a ``w:startOverride`` starts a
    list of its own. A level restarts when a higher level advances, unless its
    ``w:lvlRestart`` says otherwise. :meth:`label` advances the counters, so it
    is called once for every numbered paragraph, in document order, including
    empty ones (Word numbers them too).
    """

    def __init__(self, lists: dict[str, _List], styles: _StyleTable) -> None:
        self.lists = lists
        self.styles = styles
        self.counters: dict[str, list[int | None]] = {}

    @classmethod
    def from_document(cls, docx_doc, styles: _StyleTable) -> "_Numbering":
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        try:
            root = docx_doc.part.part_related_by(RT.NUMBERING).element
        except Exception:  # no (or an unreadable) numbering part: nothing is auto-numbered
            return cls({}, styles)
        abstracts = {}
        for el in root.findall(W + "abstractNum"):
            levels = {}
            for lvl in el.findall(W + "lvl"):
                levels[_int(lvl.get(W + "ilvl"), 0)] = _level(lvl)
            link = el.find(W + "numStyleLink")
            abstracts[el.get(W + "abstractNumId")] = (levels, link.get(W + "val") if link is not None else None)
        nums = {el.get(W + "numId"): el for el in root.findall(W + "num")}
        lists: dict[str, _List] = {}
        for num_id, el in nums.items():
            abstract_id = _abstract_of(el)
            seen = set()
            # a list style (w:numStyleLink) points at the w:num of the definition it shares
            while abstract_id in abstracts and abstracts[abstract_id][1] is not None and abstract_id not in seen:
                seen.add(abstract_id)
                linked = nums.get(styles.numbering_styles.get(abstracts[abstract_id][1], ""))
                if linked is None:
                    break
                abstract_id = _abstract_of(linked)
            if abstract_id not in abstracts:
                continue
            levels = dict(abstracts[abstract_id][0])
            key = "a" + abstract_id
            for override in el.findall(W + "lvlOverride"):
                ilvl = _int(override.get(W + "ilvl"), 0)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    levels[ilvl] = _level(lvl, levels.get(ilvl))
                start = override.find(W + "startOverride")
                if start is not None:
                    base = levels.get(ilvl, _Level())
                    levels[ilvl] = _Level(_int(start.get(W + "val"), 1), base.fmt, base.text, base.restart,
                                          base.legal, base.style)
                    key = "n" + num_id
            lists[num_id] = _List(levels, key)
        return cls(lists, styles)

    def label(self, ppr, style_id: str | None) -> str | None:
        """The label Word draws before a paragraph with properties ``ppr``, or None."""
        num_id, ilvl = _num_pr(ppr)
        owner = None
        style_num, style_ilvl, style_owner = self.styles.numbering(style_id)
        if num_id is None:
            num_id, owner = style_num, style_owner
        if num_id is None or num_id not in self.lists:  # numId 0: numbering switched off
            return None
        lst = self.lists[num_id]
        if ilvl is None and owner is not None:
            # numbered through its style: the level that names the style, else the style's w:ilvl
            ilvl = next((i for i, lv in lst.levels.items() if lv.style == owner), style_ilvl)
        if ilvl is None:
            ilvl = style_ilvl if style_ilvl is not None else 0
        ilvl = min(max(ilvl, 0), 8)
        level = lst.levels.get(ilvl)
        if level is None:
            return None
        counters = self.counters.setdefault(lst.key, [None] * 9)
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            restart = lst.levels[deeper].restart if deeper in lst.levels else None
            if restart is None or ilvl < restart:
                counters[deeper] = None
        if level.fmt == "bullet":
            return None

        def number(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            ref = lst.levels.get(k, _Level())
            value = counters[k] if counters[k] is not None else ref.start
            return _format_number(value, "decimal" if level.legal and ref.fmt != "none" else ref.fmt)

        text = re.sub(r"%([1-9])", number, level.text)
        return text if text.strip() else None


def _abstract_of(num) -> str | None:
    el = num.find(W + "abstractNumId")
    return el.get(W + "val") if el is not None else None


_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def _chinese(n: int, digits: str = _CN_DIGITS, units: str = "十百千", zero: str = "零") -> str:
    """``n`` (1 … 9999) in Chinese counting with units: 十一, 二十, 一百零一, 一千二百."""
    if n >= 10000:
        return "".join(digits[int(d)] for d in str(n))
    parts = []
    pending_zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d == 0:
            pending_zero = bool(parts)
            continue
        if pending_zero:
            parts.append(zero)
            pending_zero = False
        parts.append(digits[d] + unit)
    text = "".join(parts)
    if digits is _CN_DIGITS and 10 <= n < 20:
        text = text[1:]  # 十一, not 一十一
    return text


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = []
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def _format_number(n: int, fmt: str) -> str:
    """Counter value ``n`` as w:numFmt ``fmt`` shows it (decimal for formats not listed)."""
    if fmt == "none":
        return ""
    if n <= 0:
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting", "koreanCounting"):
        if fmt in ("chineseCounting", "taiwaneseCounting") and n >= 100:
            return "".join(_CN_DIGITS[int(d)] for d in str(n))  # 一〇一
        return _chinese(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _CN_LEGAL, "拾佰仟")
    if fmt in ("ideographTraditional", "ideographLegalTraditional"):
        return _TIANGAN[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)


# --------------------------------------------------------------------------- body walk

class _Walker:
    """Walks body-level content in order and collects blocks."""

    def __init__(self, styles: _StyleTable, numbering: _Numbering | None = None) -> None:
        self.styles = styles
        self.numbering = numbering  # None: labels are not computed (headers, footers)
        self.blocks: list[Block] = []
        self.tracked_changes = False
        self.table_count = 0
        self._carry = ""  # text of a paragraph whose mark was deleted (merges into the next)
        self._carry_page: int | None = None
        # Pages as Word last laid the document out (w:lastRenderedPageBreak): the current page,
        # how many such breaks were seen, and (offset, page) pairs of the last paragraph read.
        self.page = 1
        self.rendered_breaks = 0
        self.paragraph_pages: list[tuple[int, int]] = [(0, 1)]
        # Set to a list to record (w:p, text, [(w:r, start, end)…]) for every paragraph read
        # (the annotator maps findings back to runs with it).
        self.seen: list | None = None
        self._run_spans: list | None = None
        self._para_out: list | None = None

    # -- containers
    def walk_body(self, container) -> None:
        for child in container:
            tag = child.tag
            if tag == W + "p":
                self._paragraph(child)
            elif tag == W + "tbl":
                self._flush_carry()
                self._table(child)
            elif tag in _DELETED:
                self.tracked_changes = True
            elif tag in _WRAPPERS:
                if tag in _TRACKED:
                    self.tracked_changes = True
                self.walk_body(child)

    def finish(self) -> None:
        """Emit a paragraph still waiting for the one its deleted mark joins it to."""
        self._flush_carry()

    def _flush_carry(self) -> None:
        if self._carry.strip():
            self._emit(Block(index=0, text=self._carry, segments=[Segment(0, page=self._carry_page)]))
        self._carry = ""

    def _emit(self, block: Block) -> None:
        block.index = len(self.blocks) + 1
        self.blocks.append(block)

    # -- paragraphs
    def _paragraph(self, p) -> None:
        text, boxes = self.paragraph_text(p)
        ppr = p.find(W + "pPr")
        mark_deleted = False
        if ppr is not None:
            rpr = ppr.find(W + "rPr")
            if rpr is not None:
                if rpr.find(W + "ins") is not None:
                    self.tracked_changes = True
                if rpr.find(W + "del") is not None:
                    self.tracked_changes = mark_deleted = True
        shift = len(self._carry)
        segments = [Segment(0, page=self._carry_page)] if shift else []
        segments += [Segment(off + shift, page=pg) for off, pg in self.paragraph_pages if off + shift > 0 or not shift]
        text = self._carry + text
        self._carry = ""
        if mark_deleted:
            # Accepting the change joins this paragraph with the next one (numbered as that one).
            self._carry = text
            self._carry_page = segments[0].page
        else:
            label = self._label(p)
            if text.strip():
                style, level, align = self._para_props(p)
                self._emit(Block(index=0, text=text, segments=segments, style=style,
                                 heading_level=level, align=align, label=label))
        for box in boxes:  # text boxes anchored in this paragraph follow it
            self.walk_body(box)

    def _para_props(self, p) -> tuple[str | None, int | None, str | None]:
        ppr = p.find(W + "pPr")
        name, level, jc = self.styles.resolve(_style_id(ppr))
        direct_outline = _outline(ppr)
        if direct_outline is not None:
            level = direct_outline + 1 if direct_outline < 9 else None
        direct_jc = _jc(ppr)
        if direct_jc is not None:
            jc = direct_jc
        return name, level, _align(jc)

    def _label(self, p) -> str | None:
        """The automatic-numbering label of paragraph ``p`` (advancing the list counters)."""
        if self.numbering is None:
            return None
        ppr = p.find(W + "pPr")
        return self.numbering.label(ppr, _style_id(ppr))

    def paragraph_text(self, p) -> tuple[str, list]:
        """The visible text of paragraph ``p`` and the text boxes anchored in it."""
        out: list[str] = []
        boxes: list = []
        fields: list[bool] = []  # stack: True while in a field's result part
        if self.seen is not None:
            self._run_spans, self._para_out = [], out
        self._inline(p, out, boxes, fields)
        raw = "".join(out)
        clean = raw.replace(_RENDERED_BREAK, "") if _RENDERED_BREAK in raw else raw
        # A page or column break at either end is layout (a title starting a new page), not text.
        lead = len(clean) - len(clean.lstrip(_PAGE_BREAK))
        text = clean.strip(_PAGE_BREAK).replace(_PAGE_BREAK, "\n")
        pages = [(0, self.page)]
        if clean is not raw or self.seen is not None:
            index = [0] * (len(raw) + 1)  # raw offset -> offset in text
            k = 0
            for i, ch in enumerate(raw):
                index[i] = min(max(k - lead, 0), len(text))
                if ch == _RENDERED_BREAK:
                    self.page += 1
                    self.rendered_breaks += 1
                    at = index[i]
                    pages = [(o, pg) for o, pg in pages if o != at] + [(at, self.page)]
                else:
                    k += 1
            index[len(raw)] = min(max(k - lead, 0), len(text))
            if self.seen is not None:
                spans = [(r, index[a], index[b]) for r, a, b in self._run_spans]
                self.seen.append((p, text, spans))
                self._run_spans = self._para_out = None
        self.paragraph_pages = pages
        return text, boxes

    def _inline(self, el, out: list[str], boxes: list, fields: list[bool]) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):  # comments, processing instructions
                continue
            if tag == W + "r":
                self._run(child, out, boxes, fields)
            elif tag in _DELETED:
                self.tracked_changes = True
            elif tag in _NO_TEXT:
                continue
            elif tag == W + "txbxContent":
                boxes.append(child)
            elif tag == MC_FALLBACK:
                continue  # the mc:Choice branch holds the same content
            elif tag == M_T:
                if all(fields):
                    out.append(child.text or "")
            else:
                if tag in _TRACKED:
                    self.tracked_changes = True
                self._inline(child, out, boxes, fields)

    def _run(self, r, out: list[str], boxes: list, fields: list[bool]) -> None:
        if self._run_spans is not None and out is self._para_out:
            before = sum(map(len, out))
            self._read_run(r, out, boxes, fields)
            self._run_spans.append((r, before, sum(map(len, out))))
        else:
            self._read_run(r, out, boxes, fields)

    def _read_run(self, r, out: list[str], boxes: list, fields: list[bool]) -> None:
        rpr = r.find(W + "rPr")
        hidden = rpr is not None and _on(rpr.find(W + "vanish"))
        for child in r:
            tag = child.tag
            if not isinstance(tag, str):  # an XML comment or processing instruction
                continue
            if tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    fields.append(False)
                elif kind == "separate" and fields:
                    fields[-1] = True
                elif kind == "end" and fields:
                    fields.pop()
                continue
            if tag == W + "rPr":
                continue
            if tag == W + "ruby":  # phonetic guide: keep the base text, not the annotation
                base = child.find(W + "rubyBase")
                if base is not None:
                    self._inline(base, out, boxes, fields)
                continue
            if tag in (W + "drawing", W + "pict", W + "object") or tag.endswith("}AlternateContent"):
                self._inline(child, [], boxes, [])  # only collect text boxes
                continue
            if tag == W + "lastRenderedPageBreak":
                out.append(_RENDERED_BREAK)  # layout, not text: turned into a page number
                continue
            if hidden or not all(fields):
                continue
            if tag == W + "t":
                out.append(child.text or "")
            elif tag in (W + "tab", W + "ptab"):
                out.append("\t")
            elif tag == W + "br" and child.get(W + "type") in ("page", "column"):
                out.append(_PAGE_BREAK)
            elif tag in (W + "br", W + "cr"):
                out.append("\n")
            elif tag == W + "noBreakHyphen":
                out.append("-")
            elif tag == W + "sym":
                ch = _sym_char(child.get(W + "char"))
                if ch:
                    out.append(ch)
            elif tag in (W + "delText", W + "instrText", W + "delInstrText"):
                continue

    # -- tables
    def _table(self, tbl) -> None:
        self.table_count += 1
        tno = self.table_count
        for rno, tr in enumerate(_children(tbl, W + "tr"), start=1):
            grid_col = 1
            trpr = tr.find(W + "trPr")
            if trpr is not None:
                gb = trpr.find(W + "gridBefore")
                grid_col += _int(gb.get(W + "val") if gb is not None else None, 0)
            for tc in _children(tr, W + "tc"):
                tcpr = tc.find(W + "tcPr")
                span = 1
                skip = False
                if tcpr is not None:
                    gs = tcpr.find(W + "gridSpan")
                    span = max(1, _int(gs.get(W + "val") if gs is not None else None, 1))
                    vm = tcpr.find(W + "vMerge")
                    if vm is not None and vm.get(W + "val") in (None, "continue"):
                        skip = True  # continuation of a vertically merged cell
                    hm = tcpr.find(W + "hMerge")
                    if hm is not None and hm.get(W + "val") in (None, "continue"):
                        skip = True  # legacy horizontal merge continuation
                col = grid_col
                grid_col += span
                if skip:
                    continue
                self._cell(tc, tno, rno, col)

    def _cell(self, tc, tno: int, rno: int, col: int) -> None:
        parts: list[str] = []
        pages: list[int | None] = []
        first_props: tuple[str | None, int | None, str | None] | None = None
        label = None
        for kind, el in self._cell_items(tc):
            if kind == "p":
                text, boxes = self.paragraph_text(el)
                page = [pg for off, pg in self.paragraph_pages if off == 0][-1]
                para_label = self._label(el)
                for box in boxes:
                    nested = self._flatten(box)
                    if nested:
                        text = f"{text}\n{nested}" if text.strip() else nested
                if text.strip():
                    parts.append(text)
                    pages.append(page)
                    if first_props is None:
                        first_props = self._para_props(el)
                        label = para_label
            else:
                nested = self._flatten_table(el)
                if nested:
                    parts.append(nested)
                    pages.append(self.page)
        if not parts:
            return
        segments = []
        offset = 0
        for part, page in zip(parts, pages):
            segments.append(Segment(offset, page=page))
            offset += len(part) + 1
        style, _level, align = first_props or (None, None, None)
        self._emit(Block(index=0, text="\n".join(parts), segments=segments, style=style,
                         table=tno, row=rno, col=col, align=align, label=label))

    def _cell_items(self, container):
        """(kind, element) for the paragraphs and nested tables of a cell, in order."""
        for child in container:
            tag = child.tag
            if tag == W + "p":
                yield "p", child
            elif tag == W + "tbl":
                yield "tbl", child
            elif tag in _DELETED:
                self.tracked_changes = True
            elif tag in _WRAPPERS:
                if tag in _TRACKED:
                    self.tracked_changes = True
                yield from self._cell_items(child)

    def _flatten(self, container) -> str:
        """All text of a container (text box content), paragraphs joined by "\\n"."""
        lines = []
        for kind, el in self._cell_items(container):
            if kind == "p":
                text, boxes = self.paragraph_text(el)
                self._label(el)  # numbered paragraphs in text boxes and nested tables count too
                texts = [text] + [self._flatten(box) for box in boxes]
                text = "\n".join(t for t in texts if t.strip())
            else:
                text = self._flatten_table(el)
            if text.strip():
                lines.append(text)
        return "\n".join(lines)

    def _flatten_table(self, tbl) -> str:
        """A nested table as text: cells joined by tabs, rows by newlines."""
        rows = []
        for tr in _children(tbl, W + "tr"):
            cells = []
            for tc in _children(tr, W + "tc"):
                tcpr = tc.find(W + "tcPr")
                if tcpr is not None:
                    vm = tcpr.find(W + "vMerge")
                    if vm is not None and vm.get(W + "val") in (None, "continue"):
                        continue
                cells.append(self._flatten(tc).replace("\n", " "))
            if any(c.strip() for c in cells):
                rows.append("\t".join(cells))
        return "\n".join(rows)


def _children(el, tag: str):
    """Children of ``el`` with ``tag``, looking through sdt/customXml wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
            yield from _children(child, tag)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _on(el) -> bool:
    """A w:ST_OnOff toggle element is present and not switched off."""
    return el is not None and el.get(W + "val") not in ("0", "false", "off")


def _sym_char(code: str | None) -> str:
    """The character of a w:sym, or "" for symbol-font private-use codes."""
    try:
        cp = int(code or "", 16)
    except ValueError:
        return ""
    if 0xE000 <= cp <= 0xF8FF or cp < 0x20:
        return ""
    return chr(cp)


# --------------------------------------------------------------------------- headers / footers

def _headers_footers(docx_doc) -> tuple[list[str], list[str]]:
    """Texts of all header and footer parts referenced by any section, once each."""
    headers: list[str] = []
    footers: list[str] = []
    seen: set[str] = set()
    walker = _Walker(_StyleTable())
    body = docx_doc.element.body
    sect_prs = body.findall(".//" + W + "sectPr")
    related = docx_doc.part.related_parts
    for sect in sect_prs:
        for ref in sect:
            if ref.tag not in (W + "headerReference", W + "footerReference"):
                continue
            rid = ref.get(R_ID)
            part = related.get(rid) if rid else None
            if part is None or str(part.partname) in seen:
                continue
            seen.add(str(part.partname))
            element = getattr(part, "element", None)
            if element is None:
                continue
            text = walker._flatten(element).strip()
            if text:
                (headers if ref.tag == W + "headerReference" else footers).append(text)
    return headers, footers

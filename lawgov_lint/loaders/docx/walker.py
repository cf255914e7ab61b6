"""The body walk of the .docx reader: paragraphs and tables in document order become blocks
(text as Word shows it with tracked changes accepted), and the Word comments' anchors are noted
on the way (the block each ``w:commentRangeStart`` / ``w:commentReference`` falls in)."""

from __future__ import annotations

from bisect import bisect_left

from ...document import Block, Segment
from .ooxml import M_T, MC_FALLBACK, W, _children, _int, _on, field_char, first
from .styles import Numbering, StyleTable, _align, ppr_props

_COMMENT_START = W + "commentRangeStart"
_COMMENT_REFERENCE = W + "commentReference"
_P, _R, _T, _PPR, _RPR, _TBL = W + "p", W + "r", W + "t", W + "pPr", W + "rPr", W + "tbl"
_TXBX, _VANISH, _INS, _DEL = W + "txbxContent", W + "vanish", W + "ins", W + "del"
_FLD_CHAR, _RUBY, _RUBY_BASE, _RENDERED = W + "fldChar", W + "ruby", W + "rubyBase", W + "lastRenderedPageBreak"
_GRAPHICS = (W + "drawing", W + "pict", W + "object")
_TABS = (W + "tab", W + "ptab")
_BR, _CR, _NB_HYPHEN, _SYM, _TYPE, _VAL = W + "br", W + "cr", W + "noBreakHyphen", W + "sym", W + "type", W + "val"
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


# --------------------------------------------------------------------------- body walk

class Walker:
    """Walks body-level content in order and collects blocks."""

    def __init__(self, styles: StyleTable, numbering: Numbering | None = None) -> None:
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
        # Word comments: id → (anchored by its w:commentRangeStart, 0-based block index or None). An
        # anchor waits in _anchors until the next block is emitted: the block it is in, or (an empty
        # paragraph, deleted text) the next block after it.
        self.comment_blocks: dict[str, tuple[bool, int | None]] = {}
        self._anchors: list[tuple[str, bool]] = []

    # -- containers
    def walk_body(self, container) -> None:
        for kind, el in self._cell_items(container):
            if kind == "p":
                self._paragraph(el)
            else:
                self._flush_carry()
                self._table(el)

    def finish(self) -> None:
        """Emit a paragraph still waiting for the one its deleted mark joins it to; comments anchored
        after the last block anchor in no block."""
        self._flush_carry()
        for cid, start in self._anchors:
            self._place(cid, start, None)
        self._anchors = []

    def _anchor(self, el) -> None:
        cid = el.get(W + "id")
        if cid is not None:
            self._anchors.append((cid, el.tag == W + "commentRangeStart"))

    def _place(self, cid: str, start: bool, block: int | None) -> None:
        # where its w:commentRangeStart is, else its (first) w:commentReference
        if cid not in self.comment_blocks or start and not self.comment_blocks[cid][0]:
            self.comment_blocks[cid] = (start, block)

    def _flush_carry(self) -> None:
        if self._carry.strip():
            self._emit(Block(index=0, text=self._carry, segments=[Segment(0, page=self._carry_page)]))
        self._carry = ""

    def _emit(self, block: Block) -> None:
        block.index = len(self.blocks) + 1
        self.blocks.append(block)
        for cid, start in self._anchors:
            self._place(cid, start, len(self.blocks) - 1)
        self._anchors = []

    # -- paragraphs
    def _paragraph(self, p) -> None:
        text, boxes = self.paragraph_text(p)
        ppr = first(p, _PPR)
        props = ppr_props(ppr)
        mark_deleted = False
        if ppr is not None:
            rpr = first(ppr, _RPR)
            if rpr is not None:
                if first(rpr, _INS) is not None:
                    self.tracked_changes = True
                if first(rpr, _DEL) is not None:
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
            label = self._label(p, props)
            if text.strip():
                style, level, align = self._para_props(p, props)
                self._emit(Block(index=0, text=text, segments=segments, style=style,
                                 heading_level=level, align=align, label=label))
        for box in boxes:  # text boxes anchored in this paragraph follow it
            self.walk_body(box)

    def _para_props(self, p, props: tuple | None = None) -> tuple[str | None, int | None, str | None]:
        """(style name, heading level, alignment) of paragraph ``p``; ``props``: its
        :func:`~.styles.ppr_props`, when already read."""
        sid, _num_id, _ilvl, direct_outline, direct_jc = props or ppr_props(first(p, _PPR))
        name, level, jc = self.styles.resolve(sid)
        if direct_outline is not None:
            level = direct_outline + 1 if direct_outline < 9 else None
        if direct_jc is not None:
            jc = direct_jc
        return name, level, _align(jc)

    def _label(self, p, props: tuple | None = None) -> str | None:
        """The automatic-numbering label of paragraph ``p`` (advancing the list counters)."""
        if self.numbering is None:
            return None
        sid, num_id, ilvl, _outline, _jc = props or ppr_props(first(p, _PPR))
        return self.numbering.label_of(num_id, ilvl, sid)

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
            size = len(text)
            breaks = []  # raw offsets of the rendered page breaks
            if clean is not raw:
                i = raw.find(_RENDERED_BREAK)
                while i >= 0:
                    breaks.append(i)
                    i = raw.find(_RENDERED_BREAK, i + 1)
            for j, i in enumerate(breaks):
                # raw offset i is text offset i - j (the breaks before it are not text) - lead
                self.page += 1
                self.rendered_breaks += 1
                at = min(max(i - j - lead, 0), size)
                pages = [(o, pg) for o, pg in pages if o != at] + [(at, self.page)]
            if self.seen is not None:
                def index(i: int) -> int:  # raw offset -> offset in text
                    return min(max(i - bisect_left(breaks, i) - lead, 0), size)

                spans = [(r, index(a), index(b)) for r, a, b in self._run_spans]
                self.seen.append((p, text, spans))
                self._run_spans = self._para_out = None
        self.paragraph_pages = pages
        return text, boxes

    def _inline(self, el, out: list[str], boxes: list, fields: list[bool]) -> None:
        for child in el:
            tag = child.tag
            if tag == _R:
                self._run(child, out, boxes, fields)
            elif tag in _NO_TEXT:
                if tag == _COMMENT_START:
                    self._anchor(child)
            elif not isinstance(tag, str):  # comments, processing instructions
                continue
            elif tag in _DELETED:
                self.tracked_changes = True
            elif tag == _TXBX:
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
        rpr = first(r, _RPR)
        hidden = rpr is not None and _on(first(rpr, _VANISH))
        for child in r:
            tag = child.tag
            if tag == _T:
                if not hidden and all(fields):
                    out.append(child.text or "")
            elif tag == _RPR:
                continue
            elif not isinstance(tag, str):  # an XML comment or processing instruction
                continue
            elif tag == _FLD_CHAR:
                field_char(child, fields)
            elif tag == _COMMENT_REFERENCE:
                self._anchor(child)
            elif tag == _RUBY:  # phonetic guide: keep the base text, not the annotation
                base = first(child, _RUBY_BASE)
                if base is not None:
                    self._inline(base, out, boxes, fields)
            elif tag in _GRAPHICS or tag.endswith("}AlternateContent"):
                self._inline(child, [], boxes, [])  # only collect text boxes
            elif tag == _RENDERED:
                out.append(_RENDERED_BREAK)  # layout, not text: turned into a page number
            elif hidden or not all(fields):
                continue
            elif tag in _TABS:
                out.append("\t")
            elif tag == _BR:
                out.append(_PAGE_BREAK if child.get(_TYPE) in ("page", "column") else "\n")
            elif tag == _CR:
                out.append("\n")
            elif tag == _NB_HYPHEN:
                out.append("-")
            elif tag == _SYM:
                ch = _sym_char(child.get(W + "char"))
                if ch:
                    out.append(ch)

    # -- tables
    def _table(self, tbl) -> None:
        self.table_count += 1
        tno = self.table_count
        for rno, tr in enumerate(_children(tbl, W + "tr"), start=1):
            grid_col = 1
            trpr = first(tr, W + "trPr")
            if trpr is not None:
                gb = first(trpr, W + "gridBefore")
                grid_col += _int(gb.get(W + "val") if gb is not None else None, 0)
            for tc in _children(tr, W + "tc"):
                tcpr = first(tc, W + "tcPr")
                span = 1
                skip = False
                if tcpr is not None:
                    gs = first(tcpr, W + "gridSpan")
                    span = max(1, _int(gs.get(W + "val") if gs is not None else None, 1))
                    vm = first(tcpr, W + "vMerge")
                    if vm is not None and vm.get(W + "val") in (None, "continue"):
                        skip = True  # continuation of a vertically merged cell
                    hm = first(tcpr, W + "hMerge")
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
        """(kind, element) for the paragraphs and tables of a container (the body, a cell, a text box),
        in order, through content controls and tracked insertions; deleted text and comment starts
        are noted on the way."""
        for child in container:
            tag = child.tag
            if tag == _P:
                yield "p", child
            elif tag == _TBL:
                yield "tbl", child
            elif tag in _DELETED:
                self.tracked_changes = True
            elif tag == _COMMENT_START:
                self._anchor(child)
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
                tcpr = first(tc, W + "tcPr")
                if tcpr is not None:
                    vm = first(tcpr, W + "vMerge")
                    if vm is not None and vm.get(W + "val") in (None, "continue"):
                        continue
                cells.append(self._flatten(tc).replace("\n", " "))
            if any(c.strip() for c in cells):
                rows.append("\t".join(cells))
        return "\n".join(rows)








def _sym_char(code: str | None) -> str:
    """The character of a w:sym, or "" for symbol-font private-use codes."""
    try:
        cp = int(code or "", 16)
    except ValueError:
        return ""
    if 0xE000 <= cp <= 0xF8FF or cp < 0x20:
        return ""
    return chr(cp)

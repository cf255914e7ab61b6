"""Paragraphs rebuilt from physical lines: indents, short lines, gaps, size changes, centred and hanging lines."""

from __future__ import annotations

from collections import Counter

from ...document import Block, Segment
from ...lexers.markers import ends_sentence, find_marker, looks_like_heading_line
from .model import _median, CENTER_MIN_EM, CENTER_TOL_EM, END_SHORT_EM, FAR_SHORT_EM, GAP_FACTOR, INDENT_EM, PAGE_END_PITCHES, SHORT_EM, SIZE_CHANGE, _DATE_LINE, _Frame, _LABEL, _Line


# --------------------------------------------------------------------------- paragraphs

def _frames(lines: list[_Line]) -> dict[int, _Frame]:
    """Body geometry for odd (1) and even (0) pages (mirrored margins differ)."""
    sizes = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    em = sizes.most_common(1)[0][0] if sizes else 12.0
    body = [ln for ln in lines if abs(ln.size - em) <= SIZE_CHANGE * em and len(ln.text) >= 2] or lines

    def frame(subset: list[_Line]) -> _Frame:
        left = _edge([ln.x0 for ln in subset], smallest=True)
        right = _edge([ln.x1 for ln in subset], smallest=False)
        # Margins are about symmetric: this keeps the right margin in place when few lines are full.
        right = max(right, _median(ln.page_width for ln in subset) - left)
        pitches = [a.bottom - b.bottom for a, b in zip(subset, subset[1:])
                   if a.page == b.page and 0.8 * em < a.bottom - b.bottom < 4 * em]
        pitch = _median(pitches) if pitches else 1.5 * em
        return _Frame(left, max(right, left + em), em, pitch)

    whole: _Frame | None = None  # both parities' fallback, measured only when one needs it
    frames = {}
    for parity in (0, 1):
        subset = [ln for ln in body if ln.page % 2 == parity]
        if len(subset) >= 8:
            frames[parity] = frame(subset)
        else:
            whole = whole or frame(body)
            frames[parity] = whole
    # Indent style: first-line indents are at least half as common as paragraph-ending lines.
    indented = ends = 0
    for ln in body:
        f = frames[ln.page % 2]
        if INDENT_EM * em <= ln.x0 - f.left <= 4 * em and _align_of(ln, f) is None:
            indented += 1
        if f.right - ln.x1 > SHORT_EM * em and ln.ends:
            ends += 1
    last_bottoms: dict[int, float] = {}
    for ln in body:
        last_bottoms[ln.page] = min(ln.bottom, last_bottoms.get(ln.page, ln.bottom))
    full_pages = [v for k, v in last_bottoms.items() if k != max(last_bottoms)] or list(last_bottoms.values())
    for f in frames.values():
        f.indent_style = indented >= max(1, 0.5 * ends)
        f.bottom = _median(full_pages) if full_pages else 0.0
    return frames


def _edge(values: list[float], smallest: bool) -> float:
    """The left (or right) margin: the outermost well-populated 2-pt bin (the outermost value if few)."""
    if len(values) < 8:
        return min(values) if smallest else max(values)
    bins = Counter(round(v / 2) for v in values)
    top = max(bins.values())
    good = [b for b, n in bins.items() if n >= max(2, 0.25 * top)] or list(bins)
    b = min(good) if smallest else max(good)
    near = [v for v in values if abs(v / 2 - b) <= 1]
    return _median(near)


def _align_of(line: _Line, f: _Frame) -> str | None:
    lg = line.x0 - f.left
    rg = f.right - line.x1
    em = f.em
    big = line.size >= 1.1 * em
    if abs(lg - rg) <= CENTER_TOL_EM * em and (lg >= CENTER_MIN_EM * em or big and lg >= -em):
        return "center"
    if lg >= 0.3 * f.width and rg <= 6 * em and rg < lg - 2 * em:
        return "right"
    return None


def _paragraphs(lines: list[_Line], inserts: dict[int, list[Block]] | None = None) -> list[Block]:
    """Paragraph blocks from the physical lines; ``inserts`` maps a line index to table-cell blocks
    standing before that line (``len(lines)``: at the end). Blocks are numbered from 1."""
    inserts = inserts or {}
    if not lines:
        return _numbered([b for at in sorted(inserts) for b in inserts[at]])
    for line in lines:
        line.marker = find_marker(line.text) is not None
        line.heading = line.marker and looks_like_heading_line(line.text)
        line.ends = ends_sentence(line.text)
        line.label = _is_label(line.text)
    frames = _frames(lines)
    paras: list[list[_Line]] = []
    aligns: list[list[str | None]] = []
    before: dict[int, list[Block]] = {}  # paragraph number → table cells placed before it
    prev: _Line | None = None
    prev_align: str | None = None
    for i, line in enumerate(lines):
        f = frames[line.page % 2]
        align = _align_of(line, f)
        if i in inserts:
            before[len(paras)] = inserts[i]
            prev = None
        if prev is None or _starts_paragraph(prev, prev_align, line, align, frames, paras[-1]):
            paras.append([line])
            aligns.append([align])
        else:
            paras[-1].append(line)
            aligns[-1].append(align)
        prev, prev_align = line, align
    blocks = []
    for number, (group, group_aligns) in enumerate(zip(paras, aligns)):
        blocks.extend(before.get(number, []))
        text = ""
        segments = []
        for line in group:
            if text and _ascii_alnum(text[-1]) and _ascii_alnum(line.text[0]):
                text += " "
            segments.append(Segment(len(text), page=line.page, page_line=line.page_line))
            text += line.text
        align = group_aligns[0] if len(set(group_aligns)) == 1 else None
        blocks.append(Block(index=0, text=text, segments=segments, align=align))
    blocks.extend(inserts.get(len(lines), []))
    return _numbered(blocks)


def _numbered(blocks: list[Block]) -> list[Block]:
    for number, block in enumerate(blocks, start=1):
        block.index = number
    return blocks


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _is_label(text: str) -> bool:
    """Whether a line stands alone (:data:`~.model._LABEL`); each form has 附, 抄 or 印 (tested first, in C)."""
    return ("附" in text or "抄" in text or "印" in text) and _LABEL.match(text) is not None


def _hanging(a: _Line, b: _Line, para: list[_Line], frames: dict[int, _Frame]) -> bool:
    """Whether indented line ``b`` continues a hanging-indent paragraph (an 附件 list, a list item).

    ``a`` is the previous (full-width) line, ``para`` its paragraph so far.
    Positions are compared relative to each page's left margin.
    """
    em = frames[b.page % 2].em

    def rel(line: _Line) -> float:
        return line.x0 - frames[line.page % 2].left

    if len(para) == 1:  # 附件：1.关于…… / ……(continuation under the item text)
        return rel(a) >= INDENT_EM * em and rel(b) > rel(a) + 0.5 * em
    return abs(rel(b) - rel(a)) <= 0.5 * em and abs(rel(b) - rel(para[1])) <= 0.5 * em


def _starts_paragraph(a: _Line, a_align: str | None, b: _Line, b_align: str | None,
                      frames: dict[int, _Frame], para: list[_Line]) -> bool:
    """Whether line ``b`` starts a new paragraph after line ``a`` (``para`` holds ``a``)."""
    fa, fb = frames[a.page % 2], frames[b.page % 2]
    em = fb.em
    a_short_by = fa.right - a.x1
    b_indent = b.x0 - fb.left
    if b.marker and (b.heading and fb.right - b.x1 > SHORT_EM * em
                     or a.ends and not (fa.indent_style and a.text.endswith("；"))):
        return True  # (an enumeration （一）…；（二）…； may wrap onto a line starting with a marker)
    if a.label or b.label:
        return True
    if a.size and not (1 - SIZE_CHANGE) <= b.size / a.size <= 1 + SIZE_CHANGE:
        return True
    if a_align or b_align:
        # a wrapped centered title: two centered lines of one size, the first one wide
        return not (a_align == b_align == "center" and a.page == b.page
                    and a.x1 - a.x0 >= 0.5 * fa.width and not _DATE_LINE.match(b.text)
                    and a.bottom - b.bottom <= GAP_FACTOR * max(fa.pitch, 1.3 * a.size))
    a_full = a_short_by <= SHORT_EM * em
    if b_indent >= INDENT_EM * em and not (a_full and _hanging(a, b, para, frames)):
        return True
    a_heading = False
    if para[0].marker:
        para_text = "".join([line.text for line in para])
        a_heading = looks_like_heading_line(para_text)
        if a_heading and not fa.indent_style and not looks_like_heading_line(para_text + b.text):
            return True  # a heading never absorbs the body line after it (a wrapped one continues)
    if a.page == b.page:
        pitch = a.bottom - b.bottom
        if pitch <= 0 or pitch > GAP_FACTOR * max(fa.pitch, 1.2 * a.size):
            return True
    elif a.bottom - fa.bottom > PAGE_END_PITCHES * fa.pitch:
        return True  # the page ends early: a page break (widow control moves at most one line)
    if a_short_by > SHORT_EM * em:
        return a.ends or a_short_by > max(FAR_SHORT_EM * em, 0.25 * fa.width) or a_heading
    # Without first-line indents a paragraph's last line may fall just short of the margin.
    return not fa.indent_style and a_short_by > END_SHORT_EM * em and a.ends

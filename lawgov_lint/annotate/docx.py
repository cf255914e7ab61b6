"""Findings as Word comments (批注) in a copy of a .docx (``--annotate DIR``, SPEC §7).

Each finding becomes one comment by ``lawgov-lint`` anchored on exactly the
characters it is about: the body is walked with the loader's own walker (so a
finding's block and offsets mean the same paragraphs and characters as when
it was linted), the runs at the range's two ends are split where needed (each
half keeps the run's formatting, ``w:rPr``), and python-docx's comments API
(≥ 1.2) marks the range and writes ``word/comments.xml``. A range that cannot
be isolated (its end falls inside a run holding more than plain text, such as
a tab or a field) grows to the whole run; a block whose paragraphs cannot be
found again, or a finding without a range, is anchored on the whole paragraph
(findings about the report as a whole are already placed on its title by the
checks). Table cells are paragraphs like any other.

Extension point: :func:`annotate_docx` takes the findings and a ``text_of``
callable, and returns the opened python-docx document before saving through
``edit`` so that tracked changes (修订) for safe fixes can be added later.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from ..findings import Finding
from ..loaders.docx.ooxml import W
from ..loaders.docx.styles import Numbering, StyleTable
from ..loaders.docx.walker import Walker

AUTHOR = "lawgov-lint"
INITIALS = "LL"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def comment_text(f: Finding, lang: str = "en") -> str:
    """The comment a reviewer reads, in ``lang``: ``ERROR S006 message [name]`` and the suggestion on a new
    line (``suggestion: …``); in Chinese ``【错误】S006 message [name]`` and ``修改建议：…``."""
    from ..catalogue import ui

    t = ui(lang)
    level = t(f"ui.level.{f.severity}")
    head = f"【{level}】{f.code}" if lang == "zh" else f"{level} {f.code}"
    text = f"{head} {f.message} [{f.name}]"
    if f.suggestion:
        text += "\n" + t("ui.suggestion.label") + f.suggestion
    return text


@dataclass(slots=True)
class _Piece:
    """One paragraph of a block: its element, where its text starts in the block, and its runs."""

    p: object
    start: int
    length: int
    spans: list  # [[w:r, start, end]] in paragraph-text offsets, in document order


class _Recorder(Walker):
    """The loader's walker, also remembering which paragraphs and runs each block was read from."""

    def __init__(self, styles, numbering) -> None:
        super().__init__(styles, numbering)
        self.seen = []
        self.pieces: list[list[_Piece]] = []

    def _emit(self, block) -> None:
        super()._emit(block)
        pieces: list[_Piece] = []
        cursor = 0
        for p, text, spans in self.seen:
            if not text.strip():
                continue
            pos = block.text.find(text, cursor)
            if pos < 0:
                continue
            pieces.append(_Piece(p, pos, len(text), [[r, a, b] for r, a, b in spans]))
            cursor = pos + len(text)
        self.seen = []
        self.pieces.append(pieces)


# What each child of a run adds to the text the loader reads (None: not splittable around it).
_ONE_CHAR = {W + "tab", W + "ptab", W + "br", W + "cr", W + "noBreakHyphen", W + "sym"}
_NOTHING = {W + "rPr", W + "lastRenderedPageBreak"}


def _child_lengths(r) -> list[int] | None:
    """Characters each child of run ``r`` contributes, or None when the run holds more than plain text."""
    out = []
    for c in r:
        tag = c.tag if isinstance(c.tag, str) else ""
        if tag == W + "t":
            out.append(len(c.text or ""))
        elif tag in _ONE_CHAR:
            out.append(1)
        elif tag in _NOTHING or not tag:
            out.append(0)
        else:
            return None
    return out


def _split(piece: _Piece, k: int) -> None:
    """Split the run of ``piece`` that strictly contains offset ``k`` in two runs with the same ``w:rPr``.

    Only a run of plain text (``w:t``, tabs, breaks) whose length is what the
    loader read from it is split; otherwise the range keeps the whole run.
    """
    for i, (r, a, b) in enumerate(piece.spans):
        if not a < k < b:
            continue
        lengths = _child_lengths(r)
        if lengths is None or sum(lengths) != b - a:
            return
        cut, pos = k - a, 0
        children = list(r)
        second = copy.deepcopy(r)
        for c in list(second):
            if not (isinstance(c.tag, str) and c.tag == W + "rPr"):
                second.remove(c)
        for child, n in zip(children, lengths):
            if child.tag == W + "rPr":
                continue
            if pos >= cut:
                second.append(child)  # moves it out of the first run
            elif pos + n > cut:  # a w:t straddling the cut
                tail = copy.deepcopy(child)
                child.text, tail.text = child.text[: cut - pos], child.text[cut - pos:]
                child.set(XML_SPACE, "preserve")
                tail.set(XML_SPACE, "preserve")
                second.append(tail)
            pos += n
        r.addnext(second)
        piece.spans[i:i + 1] = [[r, a, k], [r.getnext(), k, b]]
        return


def _runs_for(piece: _Piece, lo: int, hi: int) -> tuple[object, object] | None:
    """First and last run covering ``[lo, hi)`` of the piece's text after splitting at both ends."""
    if hi > lo:
        _split(piece, lo)
        _split(piece, hi)
    texty = [s for s in piece.spans if s[2] > s[1]]
    inside = [s for s in texty if s[1] < hi and s[2] > lo] if hi > lo else []
    if not inside:
        inside = texty
    if not inside:
        return None
    return inside[0][0], inside[-1][0]


def _anchor(pieces: list[_Piece], start: int, end: int) -> tuple[object, object] | None:
    """First and last ``w:r`` of the block range ``[start, end)`` (the whole block when empty)."""
    if end <= start:
        start, end = 0, max((p.start + p.length for p in pieces), default=0)
    hit = [p for p in pieces if p.start < end and p.start + p.length > start]
    if not hit:
        return None
    first = _runs_for(hit[0], max(0, start - hit[0].start), min(hit[0].length, end - hit[0].start))
    last = first if len(hit) == 1 else _runs_for(hit[-1], 0, min(hit[-1].length, end - hit[-1].start))
    if first is None or last is None:
        return first or last
    return first[0], last[1]


def annotate_docx(src: str | Path | bytes, dst: str | Path | None, findings: Iterable[Finding], *,
                  author: str = AUTHOR, initials: str = INITIALS,
                  text_of: Callable[[Finding], str] = comment_text,
                  edit: Callable[[object], None] | None = None, date: dt.date | None = None) -> bytes:
    """Copy the .docx ``src`` with one Word comment per finding; write it to ``dst`` atomically.

    Args:
        src: the linted .docx (a path, or its bytes). It is only read.
        dst: the annotated copy to write (None: only return the bytes).
        findings: the findings of that file (block numbers and code-point
            offsets as produced when it was linted).
        author, initials: the comments' author (批注 show them in Word/WPS).
        text_of: the comment text of a finding.
        edit: called with the python-docx Document after the comments are
            added and before saving (hook for tracked changes).
        date: the comments' date (``w:date``, midnight UTC) and the package's
            member dates; default today. The same findings and date give the
            same bytes.

    Returns:
        The annotated document's bytes.

    Raises:
        OSError: ``src`` cannot be read; lawgov_lint.outputs.OutputError:
            ``dst`` cannot be written.
    """
    import docx
    from docx.text.run import Run

    from ..outputs import stable_zip

    when = date or dt.date.today()
    data = src if isinstance(src, bytes) else Path(src).read_bytes()
    document = docx.Document(io.BytesIO(data))
    styles = StyleTable.from_document(document)
    walker = _Recorder(styles, Numbering.from_document(document, styles))
    walker.walk_body(document.element.body)
    walker.finish()
    blocks, pieces = walker.blocks, walker.pieces
    fallback = next((i for i, ps in enumerate(pieces) if ps), None)
    for f in findings:
        i = f.location.block - 1
        start, end = f.location.offset, f.location.offset + f.location.length
        ok = 0 <= i < len(blocks) and blocks[i].text[start:end] == f.excerpt
        runs = _anchor(pieces[i], start, end) if ok else None
        if runs is None and 0 <= i < len(blocks):
            runs = _anchor(pieces[i], 0, 0)
        if runs is None and fallback is not None:
            runs = _anchor(pieces[fallback], 0, 0)
        if runs is None:
            continue
        first, last = (Run(r, document._body) for r in runs)
        comment = document.add_comment([first, last], text=text_of(f), author=author, initials=initials)
        comment._comment_elm.set(W + "date", f"{when.isoformat()}T00:00:00Z")
    if edit is not None:
        edit(document)
    buf = io.BytesIO()
    document.save(buf)
    out = stable_zip(buf.getvalue(), when)
    if dst is not None:
        from ..outputs import write_bytes

        write_bytes(dst, out, make_dirs=True)
    return out


def read_comments(src: str | Path | bytes) -> list[dict]:
    """The comments of a .docx with the text they are anchored on, in anchor order.

    Returns:
        ``[{"id", "author", "initials", "text", "anchor"}]``; ``anchor`` is the
        text between ``w:commentRangeStart`` and ``w:commentRangeEnd`` (the
        paragraphs of a range spanning several joined by ``\\n``).
    """
    import docx

    data = src if isinstance(src, bytes) else Path(src).read_bytes()
    document = docx.Document(io.BytesIO(data))
    anchors: dict[int, list[str]] = {}
    order: list[int] = []
    open_ids: list[int] = []
    for el in document.element.body.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == W + "commentRangeStart":
            cid = int(el.get(W + "id"))
            open_ids.append(cid)
            anchors[cid] = []
            order.append(cid)
        elif tag == W + "commentRangeEnd":
            cid = int(el.get(W + "id"))
            if cid in open_ids:
                open_ids.remove(cid)
        elif tag == W + "t":
            for cid in open_ids:
                anchors[cid].append(el.text or "")
        elif tag == W + "tab":
            for cid in open_ids:
                anchors[cid].append("\t")
        elif tag == W + "p":
            for cid in open_ids:
                if anchors[cid]:
                    anchors[cid].append("\n")
    by_id = {c.comment_id: c for c in document.comments}
    out = []
    for cid in order:
        c = by_id.get(cid)
        if c is None:
            continue
        out.append({"id": cid, "author": c.author, "initials": c.initials, "text": c.text,
                    "anchor": "".join(anchors[cid]).strip("\n")})
    return out

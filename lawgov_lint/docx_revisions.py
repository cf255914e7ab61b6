"""Fixes as tracked changes (修订) in a Word document: ``w:del`` + ``w:ins`` that Word, WPS and
LibreOffice show, and the drafter accepts or rejects (ECMA-376 Part 1 §17.13.5 revisions).

python-docx has no API for revisions, so this module edits the WordprocessingML of a python-docx
``Document`` directly, and only that: for each edit, the runs holding the range are split at its
ends (each piece keeps a copy of the run's ``w:rPr``, so the formatting stays), the runs inside are
wrapped in ``<w:del>`` (their ``w:t`` become ``w:delText``), and the replacement follows in
``<w:ins>`` as a run with the formatting of the first deleted one. Author ``lawgov-lint``, a date.

Edits address the lawgov-lint :class:`~lawgov_lint.document.Document` the findings came from —
``(block, offset, length, replacement)`` with the block 0-based and the range in code points of
its text — and are mapped to ``w:p`` elements by their visible text (:func:`paragraph_map`). An
edit is skipped, never guessed, when its paragraph cannot be found, when the text at its range is
not the expected one, when it runs across paragraphs or through a field, a tracked change already
there or a run that is not plain text.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence

from .loaders.docx.ooxml import MC_FALLBACK, W, field_char

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
AUTHOR = "lawgov-lint"
# wrappers whose runs are ordinary text of the paragraph (a run inside may be revised)
_PLAIN_PARENTS = {W + "p", W + "hyperlink", W + "smartTag", W + "customXml", W + "sdtContent"}
_SKIP = {W + "del", W + "moveFrom", W + "pPr"}
_WRAPPERS = {W + "hyperlink", W + "smartTag", W + "customXml", W + "sdt", W + "sdtContent", W + "ins",
             W + "moveTo", W + "fldSimple"}


@dataclass(frozen=True, slots=True)
class TextEdit:
    """Replace ``length`` code points at ``offset`` of block ``block`` (0-based) with ``replacement``;
    ``expected`` is the text there (the finding's excerpt), checked before the edit is made."""

    block: int
    offset: int
    length: int
    replacement: str
    expected: str


@dataclass(slots=True)
class _Atom:
    run: Any          # the w:r element
    child: Any        # the w:t / w:tab / … element inside it
    text: str
    editable: bool    # a w:t of a plain run (can be split and revised)


def _atoms(p) -> list[_Atom]:
    """The visible characters of paragraph ``p`` as atoms, in order (tracked deletions dropped,
    insertions kept, field codes dropped and field results kept: as the loader reads them)."""
    out: list[_Atom] = []
    fields: list[bool] = []

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == W + "r":
                run(child)
            elif tag in _WRAPPERS or tag == W + "sdt":
                walk(child)

    def run(r) -> None:
        rpr = r.find(W + "rPr")
        hidden = rpr is not None and rpr.find(W + "vanish") is not None
        plain = r.getparent().tag in _PLAIN_PARENTS and not fields
        for child in r:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if field_char(child, fields):
                continue
            if hidden or not all(fields):
                continue
            if tag == W + "t":
                out.append(_Atom(r, child, child.text or "", plain))
            elif tag in (W + "tab", W + "ptab"):
                out.append(_Atom(r, child, "\t", False))
            elif tag in (W + "br", W + "cr"):
                out.append(_Atom(r, child, "\x0c" if child.get(W + "type") in ("page", "column") else "\n", False))
            elif tag == W + "noBreakHyphen":
                out.append(_Atom(r, child, "-", False))

    walk(p)
    return out


def paragraph_text(p) -> str:
    """The visible text of a ``w:p`` element, as the .docx loader reads it."""
    return "".join(a.text for a in _atoms(p)).strip("\x0c").replace("\x0c", "\n")


def paragraph_map(docx_document, blocks: Sequence[str], window: int = 60) -> dict[int, list[tuple[Any, int]]]:
    """Map blocks (their texts, in order) to body ``w:p`` elements.

    Returns:
        ``{block index: [(w:p, start offset of its text in the block), …]}`` — one paragraph for a
        body paragraph, several for a table cell (joined by "\\n" in the block). Blocks not found
        among the next ``window`` non-empty paragraphs are left out.
    """
    paras = [(p, paragraph_text(p)) for p in docx_document.element.body.iter(W + "p")
             if not any(a.tag == MC_FALLBACK for a in p.iterancestors())]  # Word reads mc:Choice
    paras = [(p, t) for p, t in paras if t.strip()]
    out: dict[int, list[tuple[Any, int]]] = {}
    j = 0
    for b, text in enumerate(blocks):
        for start in range(j, min(len(paras), j + window)):
            parts: list[tuple[Any, int]] = []
            joined = ""
            k = start
            while k < len(paras) and len(joined) < len(text):
                if parts:
                    joined += "\n"
                parts.append((paras[k][0], len(joined)))
                joined += paras[k][1]
                k += 1
            if joined == text:
                out[b] = parts
                j = k
                break
    return out


def _next_id(docx_document) -> int:
    ids = [int(v) for el in docx_document.element.body.iter() if (v := el.get(W + "id")) and v.lstrip("-").isdigit()]
    return max(ids, default=0) + 1


def _split(atom: _Atom, at: int) -> tuple[_Atom, _Atom]:
    """Split an editable atom's run at ``at`` characters of its text; both halves keep the rPr.
    The run first loses every child but its rPr and this w:t (other children go to copies)."""
    r = atom.run
    left = copy.deepcopy(r)
    for child in list(left):
        if child.tag != W + "rPr":
            left.remove(child)
    right = copy.deepcopy(left)
    lt = _t(left, atom.text[:at])
    rt = _t(right, atom.text[at:])
    # keep the other children of the original run (before/after the w:t) in runs of their own
    kids = [c for c in r if c.tag != W + "rPr"]
    pos = kids.index(atom.child)
    before, after = kids[:pos], kids[pos + 1:]
    parent = r.getparent()
    idx = parent.index(r)
    def holding(children):  # a run with the original formatting holding ``children``
        if not children:
            return []
        run = copy.deepcopy(left)
        run.remove(run.find(W + "t"))
        run.extend(children)
        return [run]

    new = holding(before) + [left, right] + holding(after)
    parent.remove(r)
    for n, el in enumerate(new):
        parent.insert(idx + n, el)
    return _Atom(left, lt, atom.text[:at], True), _Atom(right, rt, atom.text[at:], True)


def _t(run, text: str):
    from docx.oxml import OxmlElement

    t = OxmlElement("w:t")
    t.text = text
    t.set(XML_SPACE, "preserve")
    run.append(t)
    return t


def _isolate(atoms: list[_Atom], start: int, end: int) -> list[_Atom] | None:
    """Split runs so that ``[start, end)`` of the atoms' text is exactly whole editable atoms, each
    alone in its run under one parent; None when that is not possible (a tab, a field, a revision
    in the way)."""
    pos = 0
    out: list[_Atom] = []
    for a in atoms:
        a_start, a_end = pos, pos + len(a.text)
        pos = a_end
        if a_end <= start or a_start >= end:
            continue
        if not a.editable:
            return None
        lo, hi = max(start, a_start) - a_start, min(end, a_end) - a_start
        if hi < len(a.text):
            a = _split(a, hi)[0]
        if lo > 0:
            a = _split(a, lo)[1]
        elif any(c.tag != W + "rPr" and c is not a.child for c in a.run):
            empty, a = _split(a, 0)  # alone in its run: its siblings go to runs of their own
            empty.run.getparent().remove(empty.run)
        out.append(a)
    if not out or len({id(a.run.getparent()) for a in out}) != 1:
        return None
    return out


def _revise(docx_document, atoms: list[_Atom], replacement: str, rid: int, date: str) -> int:
    """Wrap the atoms' runs in w:del and put the replacement after them in w:ins. Returns the next id."""
    from docx.oxml import OxmlElement

    runs = [a.run for a in atoms]
    parent = runs[0].getparent()
    idx = parent.index(runs[0])
    dele = OxmlElement("w:del")
    for k, v in (("w:id", str(rid)), ("w:author", AUTHOR), ("w:date", date)):
        dele.set(W + k[2:], v)
    rpr = runs[0].find(W + "rPr")
    for a in atoms:
        parent.remove(a.run)
        a.child.tag = W + "delText"
        dele.append(a.run)
    parent.insert(idx, dele)
    rid += 1
    if replacement:
        ins = OxmlElement("w:ins")
        for k, v in (("w:id", str(rid)), ("w:author", AUTHOR), ("w:date", date)):
            ins.set(W + k[2:], v)
        run = OxmlElement("w:r")
        if rpr is not None:
            run.append(copy.deepcopy(rpr))
        _t(run, replacement)
        ins.append(run)
        parent.insert(idx + 1, ins)
        rid += 1
    return rid


def edits_from_findings(findings: Iterable[Any], unsafe: bool = False) -> list[TextEdit]:
    """The findings' fixes as edits (safe ones; unsafe ones too with ``unsafe``). For ``--annotate
    DIR --fix``: ``track_changes(docx, [b.text for b in doc.blocks], edits_from_findings(result.findings))``."""
    return [TextEdit(f.location.block - 1, f.location.offset, f.location.length, f.fix.replacement, f.excerpt)
            for f in findings if f.fix is not None and (unsafe or f.fix.applicability == "safe")]


def track_changes(docx_document, blocks: Sequence[str], edits: Iterable[TextEdit],
                  date: dt.datetime | None = None) -> list[TextEdit]:
    """Make each edit a tracked change in ``docx_document`` (a python-docx Document, changed in place).

    Args:
        blocks: the texts of the lawgov-lint Document's blocks, in order.
        edits: the edits (typically the findings' safe fixes); overlapping ones after the first skipped.
        date: the revisions' date (default: now, UTC, to the second).

    Returns:
        The edits made (the others were skipped: see the module doc).
    """
    when = (date or dt.datetime.now(dt.timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    where = paragraph_map(docx_document, blocks)
    rid = _next_id(docx_document)
    made: list[TextEdit] = []
    by_block: dict[int, list[TextEdit]] = {}
    for e in edits:
        by_block.setdefault(e.block, []).append(e)
    for b, es in by_block.items():
        if b not in where:
            continue
        taken = -1
        chosen = []
        for e in sorted(es, key=lambda e: (e.offset, e.length)):
            if e.offset >= taken and blocks[b][e.offset:e.offset + e.length] == e.expected:
                chosen.append(e)
                taken = e.offset + max(e.length, 1)
        for e in reversed(chosen):  # right to left: earlier offsets stay valid
            for p, start in reversed(where[b]):
                if start <= e.offset:
                    break
            local = e.offset - start
            atoms = _atoms(p)
            text = "".join(a.text for a in atoms)
            lead = len(text) - len(text.lstrip("\x0c"))  # a leading page break is not in the block text
            if text[lead + local: lead + local + e.length] != e.expected or e.length == 0:
                continue
            isolated = _isolate(atoms, lead + local, lead + local + e.length)
            if isolated is None:
                continue
            rid = _revise(docx_document, isolated, e.replacement, rid, when)
            made.append(e)
    return sorted(made, key=lambda e: (e.block, e.offset))


def accept_all(element) -> None:
    """Accept every tracked change under ``element`` (drop w:del/w:moveFrom, unwrap w:ins/w:moveTo):
    what Word's 接受所有修订 does to the text. For tests and previews."""
    for tag in (W + "del", W + "moveFrom"):
        for el in list(element.iter(tag)):
            el.getparent().remove(el)
    for tag in (W + "ins", W + "moveTo"):
        for el in list(element.iter(tag)):
            parent = el.getparent()
            idx = parent.index(el)
            for n, child in enumerate(list(el)):
                parent.insert(idx + n, child)
            parent.remove(el)


def iter_revisions(element) -> Iterator[tuple[str, str, str]]:
    """``(kind "del"|"ins", author, text)`` of each tracked change under ``element``."""
    for el in element.iter(W + "del", W + "ins"):
        if el.getparent() is not None and el.getparent().tag == W + "rPr":
            continue  # a paragraph-mark revision
        text = "".join(t.text or "" for t in el.iter(W + "t", W + "delText"))
        yield el.tag[len(W):], el.get(W + "author"), text


__all__ = ["TextEdit", "edits_from_findings", "track_changes", "paragraph_map", "paragraph_text", "accept_all", "iter_revisions", "AUTHOR"]

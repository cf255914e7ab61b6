"""Applying findings' exact edits (``--fix``, ``--unsafe-fixes``, ``--diff``) to .txt/.md files.

A finding's :class:`~lawgov_lint.findings.Fix` replaces its own range: code points
``[offset, offset + length)`` of one block's original text. In a .txt/.md file a block is joined
from physical lines (:class:`~lawgov_lint.document.Segment`), so each edit is mapped back to a
physical line and column and checked against the file before it is made: an edit whose range runs
across a line break, or whose text is no longer where the finding says, is left alone (the finding
stays in the remaining ones). Overlapping edits are made one per pass; passes repeat (re-lint,
apply) until nothing applicable is left, at most :data:`MAX_PASSES` times, as ruff does.

The file keeps its encoding, its byte-order mark and each line's own line ending. Word files are
fixed only as tracked changes in an annotated copy (``--annotate DIR --fix``); a PDF is never
edited.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .document import Document
from .findings import Finding

MAX_PASSES = 10
_EOL = re.compile(r"(\r\n|\r|\n)")
_BOMS = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff",
         "utf-32-le": b"\xff\xfe\x00\x00", "utf-32-be": b"\x00\x00\xfe\xff"}


class FixError(Exception):
    """A file could not be fixed (unwritable, or a replacement its encoding cannot hold); one line."""


@dataclass(frozen=True, slots=True)
class LineEdit:
    """One edit on a physical line: ``length`` code points from 1-based ``column`` of 1-based
    ``line`` (line ending excluded) become ``replacement``; ``expected`` is the text replaced."""

    line: int
    column: int
    length: int
    expected: str
    replacement: str
    finding: Finding


def applicable(findings: Iterable[Finding], unsafe: bool = False) -> list[Finding]:
    """The findings whose fix ``--fix`` applies: safe ones, and unsafe ones with ``unsafe``."""
    return [f for f in findings if f.fix is not None and (unsafe or f.fix.applicability == "safe")]


def line_edits(doc: Document, findings: Iterable[Finding]) -> list[LineEdit]:
    """Map findings of a .txt/.md document to physical-line edits.

    A range on one physical line is one edit. A range that runs on into the next lines of a
    hard-wrapped paragraph is one edit per line — the first takes the replacement, the others
    delete their part — and :func:`apply_line_edits` makes them all or none. A finding on text no
    line holds (a space the loader put between English words of two lines) maps to nothing.
    """
    out = []
    for f in findings:
        if f.fix is None:
            continue
        block = doc.blocks[f.location.block - 1]
        s, e = f.location.offset, f.location.offset + f.location.length
        segs = block.segments
        pieces: list[LineEdit] | None = []
        for k, seg in enumerate(segs):
            seg_end = segs[k + 1].start if k + 1 < len(segs) else len(block.text)
            a, b = max(s, seg.start), min(e, seg_end)
            if a > b or (a == b and not (s == e and seg is block.segment_at(s))):
                continue
            if seg.line is None:
                pieces = None
                break
            pieces.append(LineEdit(seg.line, seg.column + (a - seg.start), b - a, block.text[a:b], "", f))
        if not pieces:
            continue
        pieces[0] = LineEdit(*(getattr(pieces[0], k) for k in ("line", "column", "length", "expected")),
                             f.fix.replacement, f)
        out.extend(pieces)
    return out


def apply_line_edits(text: str, edits: Iterable[LineEdit]) -> tuple[str, list[LineEdit]]:
    """Apply edits to ``text`` (decoded, BOM removed), keeping every line ending as it is.

    Edits of one finding (:func:`line_edits`) are made together or not at all.

    Returns:
        ``(new text, edits made)``; a finding's edits are not made when one of them does not find
        its ``expected`` text at its place or overlaps an edit made before it (in line/column order).
    """
    parts = _EOL.split(text)  # line, ending, line, ending, …, line
    lines = parts[0::2]
    groups: dict[int, list[LineEdit]] = {}
    for ed in edits:
        groups.setdefault(id(ed.finding) if ed.finding is not None else id(ed), []).append(ed)
    made: list[LineEdit] = []
    taken: dict[int, list[tuple[int, int]]] = {}  # line → column ranges already edited

    def fits(ed: LineEdit) -> bool:
        if not 1 <= ed.line <= len(lines):
            return False
        raw = lines[ed.line - 1].replace("\f", " ")
        lo, hi = ed.column, ed.column + max(ed.length, 1)
        return raw[ed.column - 1: ed.column - 1 + ed.length] == ed.expected and \
            not any(lo < b and a < hi for a, b in taken.get(ed.line, []))

    for group in sorted(groups.values(), key=lambda g: min((x.line, x.column, x.length) for x in g)):
        if "".join(x.replacement for x in group) == "".join(x.expected for x in group):
            continue  # a no-op would be "fixed" again on every pass
        if all(fits(ed) for ed in group):
            for ed in group:
                taken.setdefault(ed.line, []).append((ed.column, ed.column + max(ed.length, 1)))
            made.extend(group)
    for ed in sorted(made, key=lambda x: (x.line, x.column), reverse=True):
        ln = lines[ed.line - 1]
        lines[ed.line - 1] = ln[: ed.column - 1] + ed.replacement + ln[ed.column - 1 + ed.length:]
    parts[0::2] = lines
    return "".join(parts), sorted(made, key=lambda x: (x.line, x.column))


def read_text(data: bytes) -> tuple[str, str, bytes]:
    """Decode a .txt/.md file as the loader does: ``(text without BOM, encoding, BOM bytes)``."""
    from .loaders.text import decode

    text, encoding = decode(data)
    bom = _BOMS.get(encoding.lower().replace("_", "-"), b"")
    return text, encoding, bom if data.startswith(bom) else b""


def encode_text(text: str, encoding: str, bom: bytes) -> bytes:
    """The inverse of :func:`read_text`. Raises FixError when the encoding cannot hold a character."""
    try:
        return bom + text.encode(encoding)
    except UnicodeEncodeError as e:
        raise FixError(f"the fixed text has “{e.object[e.start:e.end]}”, which {encoding} cannot hold; "
                       "file left unchanged") from None


@dataclass(slots=True)
class FixOutcome:
    """What fixing one file did: the findings fixed, the text before and after, the final result."""

    path: str
    fixed: list[Finding]
    before: str
    after: str
    result: object  # engine.FileResult of the last lint (the remaining findings)

    def diff(self) -> str:
        """A unified diff of the change (empty when nothing changed)."""
        def lines(t: str) -> list[str]:
            return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", t)

        return "".join(difflib.unified_diff(lines(self.before), lines(self.after),
                                            fromfile=f"a/{self.path}", tofile=f"b/{self.path}"))


def fix_file(path: str, lint: Callable[[bytes], object], unsafe: bool = False, write: bool = True) -> FixOutcome:
    """Fix one .txt/.md file until no applicable fix is left.

    Args:
        path: the file.
        lint: lints given bytes of this file and returns an ``engine.FileResult``.
        unsafe: also apply unsafe fixes.
        write: write the result back (False for ``--diff``).

    Raises:
        FixError: unreadable, unwritable, or not encodable back.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise FixError(f"cannot read the file ({e.strerror or e})") from None
    text, encoding, bom = read_text(data)
    before = text
    fixed: list[Finding] = []
    result = lint(data)
    for _ in range(MAX_PASSES):
        doc = result.report.doc if getattr(result, "report", None) is not None else None
        todo = applicable(result.findings, unsafe) if doc is not None else []
        if not todo:
            break
        text, made = apply_line_edits(text, line_edits(doc, todo))
        if not made:
            break
        fixed.extend({id(ed.finding): ed.finding for ed in made}.values())
        data = encode_text(text, encoding, bom)
        result = lint(data)
    if write and text != before:
        tmp = Path(path).with_name(Path(path).name + ".lawgov-fix.tmp")
        try:
            tmp.write_bytes(data)
            tmp.replace(path)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            raise FixError(f"cannot write the file ({e.strerror or e})") from None
    return FixOutcome(path, fixed, before, text, result)


def fix_results(results: list, tasks: list, pack_sets: dict, unsafe: bool, diff: bool, out, err,
                annotating: bool = False) -> tuple[list, int]:
    """``--fix``/``--diff`` over a CLI run: fix each .txt/.md result in place (or print its diff).

    Args:
        results: the ``FileResult`` list of the first lint, in task order.
        tasks: the CLI's ``(path, options, data, display, plugins)`` tuples.
        pack_sets: rule packs by ``tuple(options.rule_packs)``.
        out, err: streams for the diffs and for the per-file notes.

    Returns:
        ``(results after fixing, number of findings fixed or fixable)``.
    """
    from .engine import lint_path
    from .catalogue import ui

    new = []
    total = 0
    for r, (path, options, data, display, _) in zip(results, tasks):
        t = ui(options.lang)
        if r.error or data is not None or r.format not in ("txt", "md"):
            reason = None
            if not r.error and r.format == "docx" and applicable(r.findings, unsafe) and not annotating:
                reason = "ui.fix.not.docx"
            elif not r.error and r.format == "pdf" and applicable(r.findings, unsafe):
                reason = "ui.fix.not.pdf"
            elif not r.error and data is not None and applicable(r.findings, unsafe):
                reason = "ui.fix.not.stdin"
            if reason:
                err.write(t("ui.fix.not", path=r.path, reason=t(reason)) + "\n")
            new.append(r)
            continue
        packs = pack_sets[tuple(options.rule_packs)]
        try:
            outcome = fix_file(path, lambda b, p=path, o=options, g=r.registry: lint_path(
                p, o, packs, data=b, display_name=r.path, registry=g),
                               unsafe=unsafe, write=not diff)
        except FixError as e:
            err.write(t("ui.fix.not", path=r.path, reason=e) + "\n")
            new.append(r)
            continue
        total += len(outcome.fixed)
        if diff:
            out.write(outcome.diff())
            new.append(r)
        else:
            new.append(outcome.result)
        if outcome.fixed:
            left = len(outcome.result.findings)
            err.write(t("ui.fix.would" if diff else "ui.fix.done", path=r.path, n=len(outcome.fixed), left=left) + "\n")
    return new, total

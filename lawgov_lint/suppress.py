"""Suppression comments: ``lawgov-lint: ignore[CODE,…]`` (like ruff's ``# noqa``).

Where they are written:

* ``.txt`` / ``.md``: an HTML comment on a line of its own,
  ``<!-- lawgov-lint: ignore[T001,P002] -->``, suppresses those rules on the
  paragraph that starts on the next non-blank line;
  ``<!-- lawgov-lint: ignore-file[S005] -->`` anywhere suppresses them in the
  whole file. The text loader records them (:func:`text_directive`).
* ``.docx``: a Word comment (批注) whose text starts with
  ``lawgov-lint: ignore[…]`` suppresses those rules on the paragraph (or table
  cell) the comment is anchored on; ``ignore-file[…]`` in a comment anywhere
  covers the whole file (:func:`read_docx_suppressions`).

Codes may be rule codes (``T001``), code prefixes (``T``, ``S00``) or rule
names (``term-near-miss``), separated by commas; a bare ``ignore`` without
brackets suppresses every rule. The engine applies suppressions after the
findings are made (:func:`apply_suppressions`) and reports every suppression
that matched nothing as L001 (SPEC §5).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .document import Suppression
from .i18n import Msg, msg
from .selectors import matches as selector_matches

#: The ``codes`` of a comment that starts like a directive but cannot be parsed.
MALFORMED = "!malformed"

_DIRECTIVE = re.compile(
    r"^lawgov-lint\s*[:：]\s*(?P<kind>ignore-file|ignore)(?![\w-])\s*(?:\[(?P<codes>[^\]]*)\])?\s*$",
    re.IGNORECASE,
)
_HTML_COMMENT = re.compile(r"^<!--\s*(?P<body>.*?)\s*-->$", re.DOTALL)
_PREFIX = re.compile(r"^lawgov-lint\s*[:：]", re.IGNORECASE)


def parse_directive(text: str) -> tuple[str, tuple[str, ...]] | None:
    """Parse the text of a suppression comment (without ``<!-- -->``).

    Returns:
        ``("ignore" | "ignore-file", codes)`` — codes as written (codes,
        prefixes or names; empty = every rule); ``("malformed", (MALFORMED,
        text))`` for text that starts with ``lawgov-lint:`` but is not a
        directive; None for any other text.
    """
    text = text.strip()
    if not _PREFIX.match(text):
        return None
    m = _DIRECTIVE.match(text)
    if m is None:
        return "malformed", (MALFORMED, text)
    raw = m.group("codes")
    codes: tuple[str, ...] = ()
    if raw is not None:
        codes = tuple(c for c in re.split(r"[\s,，、;；]+", raw.strip()) if c)
        if not codes:
            return "malformed", (MALFORMED, text)
    return m.group("kind").lower(), codes


def text_directive(line: str) -> tuple[str, tuple[str, ...]] | None:
    """A physical line of a .txt/.md file that is a whole ``<!-- lawgov-lint: … -->`` comment."""
    m = _HTML_COMMENT.match(line.strip())
    if m is None:
        return None
    return parse_directive(m.group("body"))


def is_malformed(s: Suppression) -> bool:
    return bool(s.codes) and s.codes[0] == MALFORMED


def canonical_text(s: Suppression, fmt: str) -> str:
    """How a suppression reads, for L001 excerpts: ``<!-- lawgov-lint: ignore[T001] -->``
    (a malformed one as it was written)."""
    if is_malformed(s):
        body = s.codes[1] if len(s.codes) > 1 else "lawgov-lint:"
    else:
        kind = "ignore-file" if s.file_level else "ignore"
        codes = "" if not s.codes else "[" + ",".join(s.codes) + "]"
        body = f"lawgov-lint: {kind}{codes}"
    return body if fmt == "docx" else f"<!-- {body} -->"


# --------------------------------------------------------------------------- applying

@dataclass(slots=True)
class Unused:
    """A suppression that matched nothing (or in part): what L001 reports.

    ``selectors`` are the unused codes as written (empty when a bare ``ignore``
    matched nothing); ``unknown`` those that name no rule at all.
    """

    suppression: Suppression
    selectors: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    malformed: bool = False
    dangling: bool = False  # applies to no paragraph (a comment at the end of a file)

    def message(self) -> Msg:
        """The L001 message (catalogue ids ``L001.*``)."""
        if self.malformed:
            return msg("L001.malformed")
        if self.dangling:
            return msg("L001.dangling")
        parts = []
        if self.unknown:
            parts.append(msg("L001.unknown-rules", codes=_codes(self.unknown)))
        used = [s for s in self.selectors if s not in self.unknown]
        if used:
            parts.append(msg("L001.matched-none-of", codes=_codes(used)))
        if not self.selectors:
            parts.append(msg("L001.matched-none"))
        return msg("L001.unused-file" if self.suppression.file_level else "L001.unused", reasons=parts)


def _codes(codes: list[str]) -> "Msg | str":
    """Rule selectors as one message argument: ``D004, X999`` in English, ``D004、X999`` in Chinese."""
    return codes[0] if len(codes) == 1 else msg("L001.codes", first=codes[0], rest=_codes(codes[1:]))


def apply_suppressions(
    findings: list, suppressions: Iterable[Suppression], *,
    known: Callable[[str], bool], enabled: Callable[[str], bool],
) -> tuple[list, list[Unused]]:
    """Drop suppressed findings; say which suppressions matched nothing.

    Args:
        findings: :class:`~lawgov_lint.findings.Finding` values.
        suppressions: the document's suppressions.
        known: whether a selector names at least one registered rule.
        enabled: whether a selector names at least one rule that ran on this
            file (a code that was not selected is never reported unused).

    Returns:
        ``(kept findings, unused suppressions)``, findings in their order.
    """
    sups = list(suppressions)
    used: list[set[str]] = [set() for _ in sups]
    used_all = [False] * len(sups)
    kept = []
    for f in findings:
        hit = False
        for i, s in enumerate(sups):
            if is_malformed(s) or f.code == "L001":
                continue
            if not s.file_level and (s.block is None or s.block != f.location.block - 1):
                continue
            if not s.codes:
                used_all[i] = hit = True
                continue
            for sel in s.codes:
                if selector_matches(sel, f.code, f.name):
                    used[i].add(sel)
                    hit = True
        if not hit:
            kept.append(f)
    unused: list[Unused] = []
    for i, s in enumerate(sups):
        if is_malformed(s):
            unused.append(Unused(s, malformed=True))
            continue
        if not s.file_level and s.block is None:
            unused.append(Unused(s, list(s.codes), dangling=True))
            continue
        if not s.codes:
            if not used_all[i]:
                unused.append(Unused(s))
            continue
        unknown = [c for c in s.codes if not known(c)]
        idle = [c for c in s.codes if c not in used[i] and (c in unknown or (enabled(c) and c.upper() != "L001"))]
        if idle:
            unused.append(Unused(s, idle, unknown))
    return kept, unused


# --------------------------------------------------------------------------- Word comments

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_COMMENTS_REL = "/relationships/comments"


def read_docx_suppressions(zip_bytes: bytes) -> list[Suppression]:
    """Suppressions written as Word comments (批注) in a .docx package.

    A comment whose text starts with ``lawgov-lint: ignore[…]`` suppresses
    those rules on the paragraph or table cell it is anchored on (where its
    ``w:commentRangeStart`` is, else its ``w:commentReference``);
    ``ignore-file[…]`` covers the whole file. Other comments are ignored.

    Blocks are counted exactly as :func:`lawgov_lint.loaders.docx.load_docx`
    counts them (its own body walker is reused): non-empty body paragraphs,
    paragraphs of text boxes after their anchor paragraph, and table cells, in
    body order. An anchor outside any block (an empty paragraph, deleted text)
    goes to the next block after it.

    XML is parsed with python-docx's parser (``docx.oxml.parse_xml``: lxml with
    entity resolution off); nothing else parses XML here.

    Args:
        zip_bytes: the .docx file's bytes.

    Returns:
        Suppressions in comment order; ``block`` is the 0-based index in
        ``Document.blocks`` (None when the anchor is in no block), ``line`` the
        1-based block number (0 when unanchored). Empty when the package has no
        comments or cannot be read (the loader reports damaged files itself).
    """
    from docx.oxml import parse_xml

    try:
        zf = zipfile.ZipFile(io.BytesIO(zip_bytes))
        names = set(zf.namelist())
        comments_name = _comments_part(zf, names)
        if comments_name is None or "word/document.xml" not in names:
            return []
        comments_root = parse_xml(zf.read(comments_name))
    except Exception:  # BadZipFile, lxml XMLSyntaxError …: the loader reports a damaged file itself
        return []
    directives: dict[str, tuple[str, tuple[str, ...]]] = {}
    order: list[str] = []
    for c in comments_root.iter(_W + "comment"):
        cid = c.get(_W + "id")
        text = "".join(t.text or "" for t in c.iter(_W + "t")).strip()
        parsed = parse_directive(text)
        if cid is not None and parsed is not None and cid not in directives:
            directives[cid] = parsed
            order.append(cid)
    if not directives:
        return []
    try:
        document_root = parse_xml(zf.read("word/document.xml"))
    except Exception:
        return []
    body = document_root.find(_W + "body")
    if body is None:
        return []
    owner = _block_owners(body)
    anchors: dict[str, object] = {}
    for el in body.iter(_W + "commentRangeStart", _W + "commentReference"):
        cid = el.get(_W + "id")
        if cid in directives and (cid not in anchors or el.tag == _W + "commentRangeStart"
                                  and anchors[cid].tag != _W + "commentRangeStart"):
            anchors[cid] = el
    position = {el: i for i, el in enumerate(body.iter())}
    owned = sorted(((position[el], b) for el, b in owner.items() if el in position))
    out: list[Suppression] = []
    for cid in order:
        kind, codes = directives[cid]
        anchor = anchors.get(cid)
        block = _block_of(anchor, owner, owned, position) if anchor is not None else None
        if kind == "ignore-file":
            out.append(Suppression(codes, None, (block + 1) if block is not None else 0, file_level=True))
        else:
            out.append(Suppression(codes, block, (block + 1) if block is not None else 0))
    return out


def _comments_part(zf: zipfile.ZipFile, names: set[str]) -> str | None:
    """The comments part's name: from the document's relationships, else word/comments.xml."""
    rels = "word/_rels/document.xml.rels"
    if rels in names:
        from docx.oxml import parse_xml

        try:
            root = parse_xml(zf.read(rels))
        except Exception:
            root = None
        if root is not None:
            for rel in root.iter(_REL_NS + "Relationship"):
                if (rel.get("Type") or "").endswith(_COMMENTS_REL) and rel.get("TargetMode") != "External":
                    target = (rel.get("Target") or "").lstrip("/")
                    name = target if target.startswith("word/") else "word/" + target
                    if name in names:
                        return name
    return "word/comments.xml" if "word/comments.xml" in names else None


def _block_owners(body) -> dict:
    """Element (w:p or w:tc) → 0-based block index, walking the body as the docx loader does."""
    from .loaders.docx import _StyleTable, _Walker

    class _Tracker(_Walker):
        def __init__(self) -> None:
            super().__init__(_StyleTable())
            self.owner: dict = {}
            self.pending: list = []

        def _emit(self, block) -> None:
            super()._emit(block)
            for el in self.pending:
                self.owner[el] = len(self.blocks) - 1
            self.pending = []

        def _paragraph(self, p) -> None:
            self.pending.append(p)
            super()._paragraph(p)
            if p in self.pending and not self._carry:
                self.pending.remove(p)  # an empty paragraph: no block of its own

        def _cell(self, tc, tno: int, rno: int, col: int) -> None:
            self.pending.append(tc)
            super()._cell(tc, tno, rno, col)
            if tc in self.pending:
                self.pending.remove(tc)

    tracker = _Tracker()
    tracker.walk_body(body)
    return tracker.owner


def _block_of(anchor, owner: dict, owned: list[tuple[int, int]], position: dict) -> int | None:
    el = anchor
    while el is not None:
        if el in owner:
            return owner[el]
        el = el.getparent()
    pos = position.get(anchor)
    if pos is None:
        return None
    for p, b in owned:
        if p > pos:
            return b
    return None

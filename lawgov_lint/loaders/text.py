"""Plain-text loader (.txt, .md): encoding detection and paragraph rebuilding.

Text reports arrive in three shapes (SPEC §3):

* hard-wrapped PDF extractions — every physical line is ~28–40 characters,
  often with a blank line after each, page numbers on lines of their own and
  extraction spaces (``2023 年``);
* one paragraph per line, headings on lines of their own;
* one paragraph per line but split mid-sentence at page breaks by blank lines.

:func:`rebuild_paragraphs` detects the shape from the line-width distribution
and joins physical lines into paragraphs without ever merging a heading into
the body after it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..document import Block, Document, LoadError, PageMeta, Segment, Suppression
from ..i18n import msg
from ..lexers.markers import CLOSING, ends_sentence, find_marker, looks_like_heading_line

_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—－–~～]+\s*\d{1,4}\s*[-—－–~～]+|\d{1,3}|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
# a line ending in a 文种 is a title, never the first half of a split paragraph
_DOC_TYPE_END = re.compile(r"(?:报告|通知|请示|意见|决定|说明|汇总表|函|纪要|方案)(?:[（(][^）)]{1,6}[）)])?$")
_BLANK = " \t\u3000\u00a0\ufeff"


def _plausible(text: str, tolerance: float = 0.01) -> bool:
    """True when decoded text looks like real prose: control/unassigned characters under ``tolerance``."""
    if not text:
        return False
    sample = text[:20000]
    bad = 0
    for ch in sample:
        cat = unicodedata.category(ch)
        if ch in "\r\n\t\f":
            continue
        if cat in ("Cc", "Co", "Cs", "Cn") or ch == "\ufffd":
            bad += 1
    return bad / len(sample) < tolerance


def decode(data: bytes) -> tuple[str, str]:
    """Decode report bytes: BOMs, then strict UTF-8, then detection.

    Returns:
        ``(text, encoding)`` with the encoding name as Python knows it.

    Raises:
        LoadError: when no encoding gives plausible text (binary data).
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                raise LoadError(f"the file starts with a {enc} byte-order mark but is not valid {enc}") from None
            return text.lstrip("\ufeff"), enc.replace("-sig", "")
    try:
        text = data.decode("utf-8")
        # valid UTF-8 is almost never an accident; refuse only what is mostly control characters
        if "\x00" not in text[:4000] and _plausible(text, 0.1 if len(text) > 50 else 1.01):
            return text, "utf-8"
    except UnicodeDecodeError:
        pass
    # UTF-16 without BOM: NUL bytes on alternate positions.
    head = data[:4000]
    if len(head) >= 4 and head.count(0) > len(head) // 4:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _plausible(text):
                return text, enc
    if b"\x00" not in head:
        try:
            text = data.decode("gb18030")
            if _plausible(text) and _mostly_cjk_or_ascii(text):
                return text, "gb18030"
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    # only encodings a Chinese report is written in: never a silent guess at a Western code page
    best = from_bytes(data, cp_isolation=["gb18030", "gbk", "gb2312", "big5", "hz", "utf_16", "utf_32"]).best()
    if best is not None:
        text = str(best)
        if _plausible(text) and _mostly_cjk_or_ascii(text):
            return text, best.encoding
    raise LoadError("not a text file (no encoding gives readable text): lint the original .docx or .pdf")


def _mostly_cjk_or_ascii(text: str) -> bool:
    sample = text[:20000]
    good = sum(1 for ch in sample if ch.isascii() or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or ch in "“”‘’—…·")
    return good / max(1, len(sample)) > 0.9


_WIDE = frozenset(("W", "F"))


@lru_cache(maxsize=16384)
def display_width(s: str) -> int:
    """Columns ``s`` takes on a page: East-Asian wide/full-width chars count 2. Kept for the lines
    seen last: a text's lines are measured several times while its paragraphs are rebuilt, and the
    language server's re-lint measures mostly the same lines again."""
    if s.isascii():
        return len(s)
    eaw = unicodedata.east_asian_width
    return len(s) + sum(1 for ch in s if eaw(ch) in _WIDE)


@dataclass(slots=True)
class _Line:
    number: int  # 1-based physical line
    column: int  # 1-based column of the first kept character
    text: str  # stripped
    blank_before: bool = False
    md_level: int | None = None
    break_before: bool = False  # a suppression comment stood just before: a paragraph starts here
    indent: int = 0  # display width of the leading blanks (an ideographic space counts 2)


def _physical_lines(text: str, markdown: bool, directives: list | None = None) -> list[_Line]:
    """The non-blank physical lines; ``lawgov-lint:`` comment lines go to ``directives``.

    ``directives`` receives ``(line number, kind, codes)`` for every line that is
    a whole ``<!-- lawgov-lint: … -->`` comment (see :mod:`lawgov_lint.suppress`);
    such lines are not text, and the next line starts a paragraph.
    """
    from ..suppress import text_directive

    out: list[_Line] = []
    blank = False
    in_comment = False
    pending_break = False
    for i, raw in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        raw = raw.replace("\f", " ")
        stripped = raw.strip(_BLANK)
        if not in_comment and stripped.startswith("<!--") and stripped.endswith("-->"):
            parsed = text_directive(stripped)
            if parsed is not None:
                if directives is not None:
                    directives.append((i, *parsed))
                pending_break = True
                continue
        if markdown:
            if in_comment or stripped.startswith("<!--"):
                in_comment = "-->" not in stripped
                continue
        if not stripped:
            blank = True
            continue
        lead = len(raw) - len(raw.lstrip(_BLANK))
        level = None
        if markdown:
            m = re.match(r"^(#{1,6})\s+", stripped)
            if m:
                level = len(m.group(1))
                lead += m.end()
                stripped = stripped[m.end():]
        indent = display_width(raw[: len(raw) - len(raw.lstrip(_BLANK))].replace("\t", "    "))
        out.append(_Line(i, lead + 1, stripped, blank, level, pending_break, indent))
        blank = False
        pending_break = False
    return out


def _is_hard_wrapped(lines: list[_Line]) -> tuple[bool, int]:
    """(hard-wrapped?, the full line width in columns)."""
    widths = sorted(display_width(l.text) for l in lines)
    if len(widths) < 12:
        return False, 0
    median = widths[len(widths) // 2]
    upper = [w for w in widths if w >= median]
    counts: dict[int, int] = {}
    for w in upper:
        counts[w] = counts.get(w, 0) + 1
    full = max(counts, key=lambda w: (counts[w], w))
    if full > 100:
        return False, full
    near_lines = [l for l in lines if full - 6 <= display_width(l.text) <= full + 4]
    near = len(near_lines) / len(lines)
    # in a hard-wrapped text most full lines break mid-sentence; in one-paragraph-per-line text they end one
    ending = sum(1 for l in near_lines if ends_sentence(l.text)) / max(1, len(near_lines))
    # a page line holds at least ~20 characters; a dozen lines make a shape
    return full >= 40 and len(near_lines) >= 10 and near >= 0.45 and ending < 0.5, full


def _unbalanced_open(s: str) -> bool:
    return s.count("《") > s.count("》") or s.count("（") + s.count("(") > s.count("）") + s.count(")")


def _hard_break(cur: list[_Line], line: _Line, full: int, tiny: int, indents: bool = False) -> bool:
    """Whether a hard-wrapped paragraph ``cur`` ends before ``line``.

    A full-width line continues unless it ends a sentence and a heading marker
    follows. A line a few characters short (an indented first line, a page's
    last line) continues unless it ends a sentence, completes a heading or a
    heading follows. A clearly short line (titles, headings, signatures, last
    lines) ends the paragraph — except a title line with an unclosed 《 or （.
    """
    prev = cur[-1]
    if line.md_level is not None or prev.md_level is not None:
        return True
    if indents and line.indent >= 2:
        return True  # the document indents its first lines: an indented line starts a paragraph
    w = display_width(prev.text)
    marker_next = find_marker(line.text) is not None
    joined = "".join(l.text for l in cur)
    if len(cur) == 1 and w >= full and display_width(line.text) >= full and looks_like_heading_line(joined):
        return True  # a heading that happens to fill the line, then a full body line
    if len(joined) <= 60 and _DOC_TYPE_END.search(joined) and not _unbalanced_open(joined):
        return True  # a title ends with its 文种 (…报告)
    if w >= full:
        return marker_next and ends_sentence(prev.text)
    if _unbalanced_open(joined) and display_width(line.text) < full and not marker_next:
        return False
    if ends_sentence(prev.text):
        return True
    # between "full" and "tiny": an indented first line or a page's last line
    return w < tiny or marker_next or looks_like_heading_line(joined)


def rebuild_paragraphs(lines: list[_Line]) -> list[list[_Line]]:
    """Group physical lines into paragraphs (lists of lines), per SPEC §3."""
    lines = [l for l in lines if not _PAGE_NUMBER.match(l.text)]
    if not lines:
        return []
    hard, width = _is_hard_wrapped(lines)
    paras: list[list[_Line]] = []
    if hard:
        full = width - 6
        tiny = width - 12
        indented = sum(1 for l in lines if l.indent >= 2) / len(lines)
        indents = 0.05 <= indented <= 0.6
        cur: list[_Line] = []
        for line in lines:
            if cur and (line.break_before or _hard_break(cur, line, full, tiny, indents)):
                paras.append(cur)
                cur = []
            cur.append(line)
        if cur:
            paras.append(cur)
        return paras
    for line in lines:
        if paras:
            prev_para = paras[-1]
            prev = prev_para[-1]
            joined = "".join(l.text for l in prev_para)
            if (
                line.blank_before
                and not line.break_before
                and display_width(joined) >= 90
                and not _DOC_TYPE_END.search(joined)
                and not ends_sentence(prev.text)
                and prev.text[-1:] not in CLOSING
                and not looks_like_heading_line(joined)
                and find_marker(line.text) is None
                and line.md_level is None
                and prev.md_level is None
            ):
                prev_para.append(line)
                continue
        paras.append([line])
    return paras


def _join(parts: list[_Line]) -> tuple[str, list[Segment]]:
    text = ""
    segments: list[Segment] = []
    for line in parts:
        if text and text[-1].isascii() and text[-1].isalpha() and line.text[0].isascii() and line.text[0].isalpha():
            text += " "  # English words broken at a line end; digits of a number join without a space
        segments.append(Segment(start=len(text), line=line.number, column=line.column))
        text += line.text
    return text, segments


def load_text(name: str, data: bytes, fmt: str = "txt") -> Document:
    """Load a .txt/.md report.

    Args:
        name: path to record in the Document.
        data: the raw bytes.
        fmt: "txt" or "md" (Markdown headings ``#`` become heading hints and
            HTML comments are skipped).

    Raises:
        LoadError: undecodable or empty text.
    """
    text, encoding = decode(data)
    directives: list[tuple[int, str, tuple[str, ...]]] = []
    lines = _physical_lines(text, markdown=fmt == "md", directives=directives)
    lines, page = _drop_page_chrome(lines)
    if page is not None:
        lines = split_run_in_headings(lines)
    blocks: list[Block] = []
    for group in rebuild_paragraphs(lines):
        joined, segments = _join(group)
        blocks.append(
            Block(
                index=len(blocks) + 1,
                text=joined,
                segments=segments,
                heading_level=group[0].md_level,
            )
        )
    notes = [] if encoding == "utf-8" else [msg("ui.note.decoded", encoding=encoding)]
    doc = Document(path=name, format=fmt, blocks=blocks, notes=notes, encoding=encoding)  # type: ignore[arg-type]
    doc.suppressions = _suppressions(directives, blocks)
    doc.page = page
    return doc


def split_run_in_headings(lines: list[_Line]) -> list[_Line]:
    """Split top-level headings that a repost ran into the previous paragraph back onto lines
    of their own (see :func:`lawgov_lint.loaders.page.run_in_heading_cuts`); columns are kept."""
    from .page import run_in_heading_cuts  # imported here: a reporter importing display_width compiles none of it

    cuts = run_in_heading_cuts([l.text for l in lines])
    if not cuts:
        return lines
    out: list[_Line] = []
    for k, line in enumerate(lines):
        if k not in cuts:
            out.append(line)
            continue
        bounds = [0, *sorted(cuts[k]), len(line.text)]
        for a, b in zip(bounds, bounds[1:]):
            part = line.text[a:b].rstrip(" \u3000")
            lead = len(part) - len(part.lstrip(" \u3000"))
            if not part.strip():
                continue
            out.append(_Line(line.number, line.column + a + lead, part.strip(" \u3000"),
                             line.blank_before if a == 0 else False, line.md_level if a == 0 else None,
                             line.break_before or a > 0, line.indent if a == 0 else 0))
    return out


def _drop_page_chrome(lines: list[_Line]) -> tuple[list[_Line], PageMeta | None]:
    """Take web-page chrome lines out of the text (see :mod:`lawgov_lint.loaders.page`); the line
    after a dropped one starts a paragraph."""
    from .page import chrome_runs, page_meta

    texts = [l.text for l in lines]
    flags = chrome_runs(texts)
    if not any(flags):
        return lines, None
    meta = page_meta(texts, flags, [l.number for l in lines])
    kept: list[_Line] = []
    dropped = False
    for line, is_chrome in zip(lines, flags):
        if is_chrome:
            dropped = True
            continue
        if dropped:
            line.break_before = True
            dropped = False
        kept.append(line)
    return kept, meta


def _suppressions(directives: list[tuple[int, str, tuple[str, ...]]], blocks: list[Block]) -> list[Suppression]:
    """Map ``ignore`` comments to the block that starts after them (0-based; None at the end of the file)."""
    out = []
    for line, kind, codes in directives:
        if kind == "ignore-file":
            out.append(Suppression(codes, None, line, file_level=True))
            continue
        target = None
        for i, b in enumerate(blocks):
            if any(seg.line is not None and seg.line > line for seg in b.segments):
                target = i
                break
        out.append(Suppression(codes, target, line))
    return out

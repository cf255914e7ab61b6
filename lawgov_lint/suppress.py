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
  covers the whole file (:func:`suppressions_from_comments`; the .docx loader
  finds the comments and their anchors).

Codes may be rule codes (``T001``), code prefixes (``T``, ``S00``) or rule
names (``term-near-miss``), separated by commas; a bare ``ignore`` without
brackets suppresses every rule. The engine applies suppressions after the
findings are made (:func:`apply_suppressions`) and reports every suppression
that matched nothing as L001 (SPEC §5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from . import recache
from .document import Suppression
from .i18n import Msg, msg
from .selectors import matches as selector_matches

#: The ``codes`` of a comment that starts like a directive but cannot be parsed.
MALFORMED = "!malformed"

_DIRECTIVE = recache.compile(
    r"^lawgov-lint\s*[:：]\s*(?P<kind>ignore-file|ignore)(?![\w-])\s*(?:\[(?P<codes>[^\]]*)\])?\s*$",
    re.IGNORECASE,
)
_HTML_COMMENT = recache.compile(r"^<!--\s*(?P<body>.*?)\s*-->$", re.DOTALL)
_PREFIX = recache.compile(r"^lawgov-lint\s*[:：]", re.IGNORECASE)


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

def suppressions_from_comments(comments: Iterable[tuple[str, int | None]]) -> list[Suppression]:
    """Suppressions from Word comments (批注): ``(comment text, anchor block)`` pairs in comment order.

    The .docx loader reads the comments and, in its one walk of the body, the 0-based index of the
    block each comment is anchored on (where its ``w:commentRangeStart`` is, else its
    ``w:commentReference``; an anchor outside any block goes to the next block, None when there
    is none). A comment whose text starts with ``lawgov-lint: ignore[…]`` suppresses those rules
    on that block; ``ignore-file[…]`` covers the whole file. Other comments are ignored.

    Returns:
        Suppressions in comment order; ``line`` is the 1-based block number (0 when unanchored).
    """
    out: list[Suppression] = []
    for text, block in comments:
        parsed = parse_directive(text.strip())
        if parsed is None:
            continue
        kind, codes = parsed
        line = (block + 1) if block is not None else 0
        if kind == "ignore-file":
            out.append(Suppression(codes, None, line, file_level=True))
        else:
            out.append(Suppression(codes, block, line))
    return out

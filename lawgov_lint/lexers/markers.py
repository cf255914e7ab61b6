"""Heading markers of Chinese official documents (GB/T 9704—2012 §7.3.3).

The standard levels are ``一、`` → ``（一）`` → ``1.`` → ``（1）``; real reports
also use ``1、``, half-width brackets ``(一)``, ``第一部分`` and spaces after the
marker. This module only recognises markers; deciding whether a paragraph is a
heading is structure parsing's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from .. import recache
from ..numerals import CN_DIGITS, cn_ordinal

_CN = f"[{CN_DIGITS}]{{1,3}}"

# kind → regex matching the marker at the start of a (stripped) paragraph.
# Order matters: longer/more specific forms first.
MARKER_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("part", recache.compile(rf"^第({_CN})(?:部分|章)[、，,.\s]?\s*")),
    ("cn_paren", recache.compile(rf"^[（(]\s*({_CN})\s*[）)]\s*")),
    ("cn_dun", recache.compile(rf"^({_CN})\s*[、.．]\s*")),
    ("num_paren", recache.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*")),
    ("num_dot", recache.compile(r"^(\d{1,2})\s*[.．](?!\d)\s*")),
    ("num_dun", recache.compile(r"^(\d{1,2})\s*、\s*")),
    ("circled", recache.compile(r"^([①-⑳])\s*")),
]

# what a marker can start with (MARKER_PATTERNS' first characters; \d is any decimal digit: str.isdecimal)
_FIRST = frozenset("第（(" + CN_DIGITS + "".join(map(chr, range(ord("①"), ord("⑳") + 1))))

# The level each marker kind has in GB/T 9704 (the expected nesting).
STANDARD_LEVEL = {"part": 0, "cn_dun": 1, "cn_paren": 2, "num_dot": 3, "num_dun": 3, "num_paren": 4, "circled": 5}


@dataclass(frozen=True, slots=True)
class Marker:
    """A heading marker found at the start of a paragraph.

    ``kind`` is one of MARKER_PATTERNS' kinds, ``number`` the 1-based ordinal
    it states, ``start``/``end`` its code-point span in the text given (leading
    whitespace included in ``start``), ``text`` the marker as written.
    """

    kind: str
    number: int
    start: int
    end: int
    text: str


def _ordinal(kind: str, raw: str) -> int:
    if kind in ("cn_paren", "cn_dun", "part"):
        return cn_ordinal(raw)
    if kind == "circled":
        return ord(raw) - ord("①") + 1
    return int(raw)


@lru_cache(maxsize=2048)  # the same paragraph is asked about by the locator, the heading parser and F/P
def find_marker(text: str) -> Marker | None:
    """The heading marker at the start of ``text`` (after leading blanks), if any.

    Not every marked paragraph is a heading (``一是…`` never matches; a list
    item ``1.`` inside body text does), so callers weigh the context.
    """
    stripped = text.lstrip(" \u3000\t")
    first = stripped[:1]
    if not first or not (first in _FIRST or first.isdecimal()):
        return None  # no pattern can match: most paragraphs
    lead = len(text) - len(stripped)
    for kind, pattern in MARKER_PATTERNS:
        m = pattern.match(stripped)
        if not m:
            continue
        if kind == "num_dot" and re.match(r"^\d{1,2}\s*[.．]\s*\d", stripped):
            continue  # a decimal number, not a marker
        try:
            number = _ordinal(kind, m.group(1))
        except (ValueError, TypeError):
            continue
        if kind == "cn_dun" and stripped[m.end(1):m.end(1) + 1] in ".．" and number > 10:
            continue
        return Marker(kind, number, lead, lead + m.end(), stripped[: m.end()].rstrip())
    return None


TERMINAL_PUNCT = "。！？；…"
CLOSING = "”’）)》」』】"


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence-final punctuation (closing quotes skipped)."""
    t = text.rstrip(" \u3000\t")
    while t and t[-1] in CLOSING:
        t = t[:-1]
    return bool(t) and (t[-1] in TERMINAL_PUNCT or t[-1] in "：:")


def looks_like_heading_line(text: str, max_len: int = 60) -> bool:
    """A standalone heading line: a marker, short, not ending a sentence with 。

    Used by loaders so that paragraph rebuilding never merges a heading into
    the body that follows it.
    """
    t = text.strip(" \u3000\t")
    m = find_marker(t)
    if not m or len(t) > max_len:
        return False
    body = t[m.end:]
    return bool(body) and "。" not in body[:-1] and not body.endswith("。")

"""A cheap screen before a costly pattern: the characters one of which starts every match.

Checks run pack patterns (F004's placeholders, D004's partial periods) over every paragraph, and
a pattern that opens with a lookbehind is tried at every position. Most paragraphs hold none of
the characters such a match must start with (``X × * □ ？``, ``截 前 上``); one scan for them, in
C, tells so. The analysis reads the pattern with the standard library's own parser and gives up
(no screen, the pattern is simply run) on anything it does not follow.
"""

from __future__ import annotations

import re

from .. import recache
from functools import lru_cache

_MAX_CHARS = 64  # a screen of more characters than this would pass nearly every paragraph


@lru_cache(maxsize=256)
def screen(pattern: str, flags: int = 0) -> re.Pattern[str] | None:
    """A one-class pattern that finds a character in every text where ``pattern`` matches (the
    character its match starts with), or None when that cannot be told: the pattern may match
    the empty string, or starts with a negated class, a category (``\\d``, ``\\w``), any character,
    a wide range, a back reference, or matches ignoring case. Lookarounds and anchors consume
    nothing and are passed over, so ``(?<![A-Za-z])[Xx]{2,}`` screens with ``[Xx]``.
    """
    chars = first_chars(pattern, flags)
    if chars is None:
        return None
    return recache.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The characters one of which every match of ``pattern`` starts with, or None (see :func:`screen`).
    Kept between runs with the compiled patterns (:func:`lawgov_lint.recache.derived`)."""
    return recache.derived("first_chars", pattern, flags, lambda: _first_chars(pattern, flags))


def _first_chars(pattern: str, flags: int) -> frozenset[str] | None:
    try:
        from re import _constants as c, _parser

        parsed = _parser.parse(pattern, flags)
        if parsed.state.flags & re.IGNORECASE:
            return None
        chars, nullable = _first(list(parsed), c)
    except Exception:  # noqa: BLE001 - the parser is the standard library's private one: a surprise only loses the screen
        return None
    return None if chars is None or nullable else frozenset(chars)


def _first(items, c) -> tuple[set[str] | None, bool]:
    """(the characters a match of the sequence ``items`` can start with, whether it can be empty)."""
    out: set[str] = set()
    for op, av in items:
        chars, nullable = _first_item(op, av, c)
        if chars is None:
            return None, False
        out |= chars
        if len(out) > _MAX_CHARS:
            return None, False
        if not nullable:
            return out, False
    return out, True


def _first_item(op, av, c) -> tuple[set[str] | None, bool]:
    if op is c.LITERAL:
        return {chr(av)}, False
    if op is c.IN:
        chars: set[str] = set()
        for o, a in av:
            if o is c.LITERAL:
                chars.add(chr(a))
            elif o is c.RANGE and a[1] - a[0] < _MAX_CHARS:
                chars.update(map(chr, range(a[0], a[1] + 1)))
            else:
                return None, False  # NEGATE, CATEGORY, a wide range
        return chars, False
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return set(), True  # consumes nothing
    if op is c.SUBPATTERN:
        _, add_flags, _, sub = av
        if add_flags & re.IGNORECASE:
            return None, False
        return _first(list(sub), c)
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _first(list(av), c)
    if op is c.BRANCH:
        out: set[str] = set()
        empty = False
        for sub in av[1]:
            chars, nullable = _first(list(sub), c)
            if chars is None:
                return None, False
            out |= chars
            empty = empty or nullable
        return out, empty
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        low, _, sub = av
        chars, nullable = _first(list(sub), c)
        return chars, nullable or low == 0
    return None, False  # ANY, NOT_LITERAL, GROUPREF, conditionals …


__all__ = ["screen", "first_chars"]

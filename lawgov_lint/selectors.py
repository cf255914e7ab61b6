"""Rule selectors (``--select``, ``ignore``, suppression comments): how one names rules.

A selector is ``ALL``, a code prefix (``N``, ``S1``, ``D004``, any case) or a rule's
kebab-case name. One definition serves selection, per-file ignores and suppressions.
"""

from __future__ import annotations


def specificity(selector: str, code: str, name: str) -> int | None:
    """How specifically ``selector`` names rule ``code``/``name``: None (not at all),
    0 ``ALL``, 1–3 a code prefix by its length, 4 the full code or the rule name."""
    if selector == name:
        return 4
    s = selector.upper()
    if s == "ALL":
        return 0
    if code.startswith(s):
        return len(s)
    return None


def matches(selector: str, code: str, name: str) -> bool:
    """Whether ``selector`` names rule ``code``/``name`` at all."""
    return specificity(selector, code, name) is not None

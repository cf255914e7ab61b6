"""Findings: the values checks produce and reporters format (SPEC §7 FINDING)."""

from __future__ import annotations

from dataclasses import dataclass

from .document import Location

DOCS_URL = "https://github.com/lawgov-lint/lawgov-lint/blob/main/docs/rules.md#{anchor}"
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}
APPLICABILITY = ("safe", "unsafe")


@dataclass(frozen=True, slots=True)
class Fix:
    """An exact edit for a finding (SPEC §7 FINDING ``fix``): ``replacement`` replaces the
    finding's own range (``location.offset``/``length``, code points of the block's original text).

    ``applicability`` is ``"safe"`` when the edit cannot change the meaning (a full-width mark for a
    half-width one, a doubled mark, a year-range dash) — ``--fix`` applies it; ``"unsafe"`` when a
    reader should confirm it (a term near-miss, a known confusion) — only with ``--unsafe-fixes``.

    Raises:
        ValueError: an applicability other than safe/unsafe.
    """

    replacement: str
    applicability: str = "safe"

    def __post_init__(self) -> None:
        if self.applicability not in APPLICABILITY:
            raise ValueError(f"fix applicability {self.applicability!r} is not one of {', '.join(APPLICABILITY)}")

    def as_dict(self) -> dict:
        return {"replacement": self.replacement, "applicability": self.applicability}


def rule_url(code: str, name: str) -> str:
    """The rule's entry in the project's documentation (docs/rules.md)."""
    return DOCS_URL.format(anchor=f"{code.lower()}-{name}")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one file.

    ``location`` points at the block and code-point range in the original
    text; ``excerpt`` is the offending text itself; ``section`` the required
    content (1–5) the block belongs to, or None; ``fix`` the exact edit of that range, or None
    when the right correction is not certain (the ``suggestion`` is then advice only).
    """

    path: str
    code: str
    name: str
    severity: str
    message: str
    suggestion: str | None
    location: Location
    excerpt: str
    section: int | None
    url: str
    fix: Fix | None = None

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "suggestion": self.suggestion,
            "location": self.location.as_dict(),
            "excerpt": self.excerpt,
            "section": self.section,
            "url": self.url,
            "fix": self.fix.as_dict() if self.fix else None,
        }

    def sort_key(self) -> tuple:
        return (self.location.block, self.location.offset, self.code, self.message)

"""Findings: the values checks produce and reporters format (SPEC §7 FINDING)."""

from __future__ import annotations

from dataclasses import dataclass

from .document import Location

DOCS_URL = "https://github.com/lawgov-lint/lawgov-lint/blob/main/docs/rules.md#{anchor}"
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


def rule_url(code: str, name: str) -> str:
    """The rule's entry in the project's documentation (docs/rules.md)."""
    return DOCS_URL.format(anchor=f"{code.lower()}-{name}")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one file.

    ``location`` points at the block and code-point range in the original
    text; ``excerpt`` is the offending text itself; ``section`` the required
    content (1–5) the block belongs to, or None.
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
        }

    def sort_key(self) -> tuple:
        return (self.location.block, self.location.offset, self.code, self.message)

"""Per-file compliance summary and run totals (SPEC §7 SUMMARY)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .checks.dates import deadline_status
from .engine import FileResult, Options
from .facts.mentions import shufa_mentions


def compliance(result: FileResult, options: Options) -> dict[str, Any] | None:
    """``{"path", "contents", "shufa", "signing_date", "deadline", "days_left"}`` or None if unreadable."""
    rep = result.report
    if rep is None:
        return None
    present = rep.contents_present()
    status, days_left, _ = deadline_status(rep, options, rep.packs)
    date = rep.signing_date
    return {
        "path": result.path,
        "contents": {str(k): v for k, v in present.items()},
        "shufa": bool(shufa_mentions(rep, rep.packs)),
        "signing_date": date.isoformat() if date else None,
        "deadline": status,
        "days_left": days_left,
    }


def totals(results: list[FileResult], options: Options) -> dict[str, Any]:
    """The run summary: counts by severity and code, and each file's compliance."""
    sev = Counter(f.severity for r in results for f in r.findings)
    codes = Counter(f.code for r in results for f in r.findings)
    comp = [c for r in results if (c := compliance(r, r.options or options)) is not None]
    return {
        "files": len(results),
        "errors": sev.get("error", 0),
        "warnings": sev.get("warning", 0),
        "infos": sev.get("info", 0),
        "by_code": {k: codes[k] for k in sorted(codes)},
        "compliance": comp,
    }

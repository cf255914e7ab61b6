"""``concise`` (one line per finding) and ``--statistics`` (counts by code)."""

from __future__ import annotations

from collections import Counter
from typing import IO, Any

from ..checks import RULES
from ..engine import FileResult, Options
from .text import location_label


def report_concise(results: list[FileResult], options: Options, summary: dict[str, Any], stream: IO[str], color: bool) -> None:
    for r in results:
        if r.error:
            stream.write(f"{r.path}: ERROR {r.error}\n")
            continue
        for f in r.findings:
            stream.write(f"{f.path}:{location_label(f)}: {f.severity} {f.code} {f.message}\n")
    n = summary["errors"] + summary["warnings"] + summary["infos"]
    stream.write(f"Found {n} finding(s) in {summary['files']} file(s).\n")


def report_statistics(results: list[FileResult], options: Options, summary: dict[str, Any], stream: IO[str], color: bool) -> None:
    counts = Counter((f.code, f.severity) for r in results for f in r.findings)
    for (code, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        stream.write(f"{n:>5}  {code}  {RULES[code].name:<36} {sev}\n")
    for r in results:
        if r.error:
            stream.write(f"{r.path}: ERROR {r.error}\n")

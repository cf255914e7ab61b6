"""``sarif``: SARIF 2.1.0 (OASIS), one run with every rule in ``tool.driver.rules``.

Regions use 1-based lines and columns; ``endColumn`` is exclusive and columns
count Unicode code points (``run.columnKind`` says so). For .docx and .pdf the
line is the block (paragraph) number, as in the JSON output. Relative paths are
URI references against ``%SRCROOT%`` (what GitHub code scanning resolves
against the repository root), absolute ones ``file://`` URIs; both are
percent-encoded. Unreadable files are ``toolExecutionNotifications`` of a failed
invocation. A finding with an exact edit carries SARIF ``fixes`` (one ``artifactChange``
replacing the result's region; ``properties.applicability`` says safe or unsafe) when the file is
text (.txt/.md: a .docx or .pdf region is a paragraph, not a place in the file's bytes) and the
region lies on one line.
"""

from __future__ import annotations

import json
import os
from pathlib import PurePath, PurePosixPath, PureWindowsPath
from typing import IO, Any
from urllib.parse import quote

from .. import __version__
from ..checks import builtin_registry
from ..engine import FileResult, Options
from ..findings import rule_url

LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def artifact_location(path: str) -> dict[str, str]:
    """A SARIF artifactLocation for a path as given on the command line."""
    p: PurePath = PureWindowsPath(path) if os.sep == "\\" else PurePosixPath(path)
    if p.is_absolute():
        posix = p.as_posix()
        return {"uri": "file://" + ("/" if not posix.startswith("/") else "") + quote(posix, safe="/:")}
    posix = p.as_posix()
    if posix.startswith("./"):
        posix = posix[2:]
    return {"uri": quote(posix, safe="/"), "uriBaseId": "%SRCROOT%"}


def build(results: list[FileResult]) -> dict[str, Any]:
    registry = next((r.registry for r in results if r.registry is not None), None) or builtin_registry()
    rules = list(registry.iter_rules())
    index = {r.code: i for i, r in enumerate(rules)}
    sarif_results = []
    notifications = []
    for r in results:
        if r.error:
            notifications.append({"level": "error", "message": {"text": f"{r.path}: {r.error}"},
                                  "locations": [{"physicalLocation": {"artifactLocation": artifact_location(r.path)}}]})
            continue
        for f in r.findings:
            loc = f.location
            region = {"startLine": loc.line, "startColumn": loc.column, "endLine": loc.end_line,
                      "endColumn": loc.end_column, "snippet": {"text": f.excerpt}}
            res: dict[str, Any] = {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": LEVEL[f.severity],
                "message": {"text": f.message + (f" (suggestion: {f.suggestion})" if f.suggestion else "")},
                "locations": [{"physicalLocation": {"artifactLocation": artifact_location(f.path), "region": region}}],
                "properties": {k: v for k, v in (("block", loc.block), ("page", loc.page), ("pageLine", loc.page_line),
                                                 ("table", loc.table), ("row", loc.row), ("col", loc.col),
                                                 ("section", f.section)) if v is not None},
            }
            if f.fix is not None and loc.line == loc.end_line and r.format in ("txt", "md"):
                deleted = {k: region[k] for k in ("startLine", "startColumn", "endLine", "endColumn")}
                res["fixes"] = [{
                    "description": {"text": f"replace “{f.excerpt}” with “{f.fix.replacement}”"},
                    "artifactChanges": [{"artifactLocation": artifact_location(f.path), "replacements": [
                        {"deletedRegion": deleted, "insertedContent": {"text": f.fix.replacement}}]}],
                    "properties": {"applicability": f.fix.applicability},
                }]
            sarif_results.append(res)
    driver = {
        "name": "lawgov-lint",
        "version": __version__,
        "informationUri": "https://github.com/lawgov-lint/lawgov-lint",
        "rules": [
            {
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": f"{r.summary} Source: {r.source}"},
                "helpUri": rule_url(r.code, r.name),
                "help": {"text": _help(r)},
                "defaultConfiguration": {"level": LEVEL[r.severity]},
                "properties": {"tags": [r.family]},
            }
            for r in rules
        ],
    }
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {"tool": {"driver": driver}, "invocations": [invocation], "columnKind": "unicodeCodePoints",
                           "results": sarif_results}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _help(r) -> str:
    parts = [r.summary]
    if r.why:
        parts.append(r.why)
    parts.append(f"Source: {r.source}")
    if r.fail:
        parts.append(f"Fails: {r.fail}")
    if r.passes:
        parts.append(f"Passes: {r.passes}")
    return "\n".join(parts)


def report_sarif(results: list[FileResult], options: Options, summary: dict[str, Any], stream: IO[str], color: bool) -> None:
    json.dump(build(results), stream, ensure_ascii=False, indent=2)
    stream.write("\n")

"""``sarif``: SARIF 2.1.0 (OASIS), one run with every rule in ``tool.driver.rules``."""

from __future__ import annotations

import json
from typing import IO, Any

from .. import __version__
from ..checks import iter_rules
from ..engine import FileResult, Options
from ..findings import rule_url

LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def build(results: list[FileResult]) -> dict[str, Any]:
    rules = list(iter_rules())
    index = {r.code: i for i, r in enumerate(rules)}
    sarif_results = []
    notifications = []
    for r in results:
        if r.error:
            notifications.append({"level": "error", "message": {"text": f"{r.path}: {r.error}"},
                                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": r.path}}}]})
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
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": f.path}, "region": region}}],
                "properties": {"block": loc.block, "page": loc.page, "pageLine": loc.page_line,
                               "section": f.section},
            }
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
                "defaultConfiguration": {"level": LEVEL[r.severity]},
            }
            for r in rules
        ],
    }
    run: dict[str, Any] = {"tool": {"driver": driver}, "results": sarif_results}
    if notifications:
        run["invocations"] = [{"executionSuccessful": False, "toolExecutionNotifications": notifications}]
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def report_sarif(results: list[FileResult], options: Options, summary: dict[str, Any], stream: IO[str], color: bool) -> None:
    json.dump(build(results), stream, ensure_ascii=False, indent=2)
    stream.write("\n")

"""L — the linter itself."""

from __future__ import annotations

from typing import Iterator

from . import Hit, check, rule

rule("L001", "unused-suppression", "warning",
     "A suppression comment matched no finding.", "lawgov-lint (like ruff RUF100)",
     fail="<!-- lawgov-lint: ignore[T001] --> before a paragraph without T001",
     passes="<!-- lawgov-lint: ignore[T001] --> before a paragraph with a T001 finding")
rule("L002", "report-not-located", "info",
     "No report title was found; the whole file was linted as the report.", "SPEC §3 (the report proper)",
     fail="a file whose title line does not name 法治政府 … 报告",
     passes="某某区2024年法治政府建设情况报告")


@check("L002")
def not_located(ctx) -> Iterator[Hit]:
    rep = ctx.report
    if not rep.located and ctx.doc.blocks:
        yield Hit("L002", 0, 0, len(ctx.doc.blocks[0].text),
                  "no report title (a short line naming 法治政府 and 报告) was found; the whole file was linted as the report")

"""L — the linter itself."""

from __future__ import annotations

from typing import Iterator

from . import Hit, check, rule

rule("L001", "unused-suppression", "warning",
     "A suppression comment (lawgov-lint: ignore[…]) matched no finding, names an unknown rule or is malformed.",
     "lawgov-lint (like ruff RUF100)",
     why="A stale exception hides nothing today but will hide a real defect tomorrow; a typo in a comment "
         "silently suppresses nothing. Reported at the comment's line; rules not selected in the run are "
         "never reported.",
     fail="<!-- lawgov-lint: ignore[D004] -->\n全年办理行政复议案件12件。",
     passes="<!-- lawgov-lint: ignore[D004] -->\n截至11月底，办理行政复议案件12件。")
rule("L002", "report-not-located", "info",
     "No report title was found; the whole file was linted as the report.", "SPEC §3 (the report proper)",
     why="Without a title the cover 请示/通知, drafting notes and 附件 cannot be told apart from the report, "
         "so structure findings may concern text that is not the report.",
     fail="a file whose title line does not name 法治政府 … 报告",
     passes="某某区2024年法治政府建设情况报告")


@check("L002")
def not_located(ctx) -> Iterator[Hit]:
    rep = ctx.report
    if not rep.located and ctx.doc.blocks:
        yield Hit("L002", 0, 0, len(ctx.doc.blocks[0].text),
                  "no report title (a short line naming 法治政府 and 报告) was found; the whole file was linted as the report")

"""L — the linter itself."""

from __future__ import annotations

from typing import Iterator

from .. import recache
from ..i18n import Msg, msg
from ..lexers.markers import find_marker
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


rule("L003", "not-a-report", "warning",
     "The file is not a 法治政府建设 report: no report proper, and its own title names another 文种 or nothing "
     "in it matches contents (一)–(四); no other rule is run on it.",
     "SPEC §5 L003; 《法治政府建设与责任落实督察工作规定》第二十五条 (the contents a report has)",
     why="A folder of submissions also holds drafting notes (起草说明), covering letters (函, 通知, 请示) and "
         "feedback tables. Linting them as reports floods the reviewer with missing-section errors about files "
         "that were never meant to be reports; one finding says what the file is instead.",
     fail="关于本区年度工作安排的起草说明\n现将起草有关情况说明如下。",
     passes="一、主要举措和成效\n全年推进依法行政……\n二、存在的不足和原因\n……")

# The document's own title is among its first short lines (after a 版头, an issuer or 附件1 line).
_TITLE_MAX = 60
_TITLE_LINES = 4
_DRAFT_MARK = recache.compile(r"[（(][^）)]{1,8}[）)]$")  # （送审稿） （代拟稿）


def _kind_named(rep, text: str) -> str | None:
    """The 文种 a title line ends with (pack ``report.title.cover_doc_types``, or 表), else None."""
    core = _DRAFT_MARK.sub("", text).rstrip("：:")
    kinds = list(rep.packs["report"]["title"]["cover_doc_types"]) + ["表"]
    return next((k for k in sorted(kinds, key=len, reverse=True) if core.endswith(k)), None)


def own_title(rep) -> tuple[int, str, str] | None:
    """The document's own title when it names another 文种: (0-based block, text, 文种), else None.

    Looks at the first few short lines, stopping at the first sentence, table
    cell or numbered heading (the body has begun).
    """
    for i, b in enumerate(rep.doc.blocks[:_TITLE_LINES]):
        t = rep.norm[i].text.strip()
        if not t:
            continue
        if b.in_table or len(t) > _TITLE_MAX or "。" in t or find_marker(t) is not None:
            return None
        kind = _kind_named(rep, t)
        if kind is not None:
            return i, t, kind
    return None


# the lead-in of a report about rule-of-law government: 现将我区2024年法治政府建设情况报告如下
_SAYS_REPORT = recache.compile(r"法治[^。；]{0,30}(?:报告|汇报|总结)如下")


def not_a_report(rep) -> tuple[int, Msg] | None:
    """Why the document is not a report (SPEC §5 L003), or None when it may be one.

    Returns (0-based block to anchor on, reason as a catalogue message ``L003.*``). Only when no report proper
    was located: the document's own title ends in another 文种 of the pack
    (``report.title.cover_doc_types``: 通知, 请示, 函, 说明 …, or 表), or the
    file opens with a table and has none of contents (一)–(四), or no heading
    or paragraph matches contents (一)–(四).
    """
    if rep.located or not rep.doc.blocks:
        return None
    found = own_title(rep)
    if found is not None:
        return found[0], msg("L003.title-kind", kind=found[2])
    present = rep.contents_present()
    if any(present[c] for c in range(1, 5)):
        return None
    if any(_SAYS_REPORT.search(b.text) for b in rep.doc.blocks[:8]):
        return None  # a title-less report says what it is in its lead-in (现将…法治政府建设情况报告如下)
    if rep.doc.blocks[0].in_table:
        return 0, msg("L003.opens-with-table")
    return 0, msg("L003.no-contents")


@check("L003")
def not_report(ctx) -> Iterator[Hit]:
    why = not_a_report(ctx.report)
    if why is None:
        return
    i, reason = why
    yield Hit("L003", i, 0, len(ctx.doc.blocks[i].text),
              msg("L003.not-a-report", reason=reason), msg("L003.not-a-report.hint"))


@check("L002")
def not_located(ctx) -> Iterator[Hit]:
    # (on a file that is no report the engine runs L003 alone, SPEC §5 L003)
    rep = ctx.report
    if not rep.located and ctx.doc.blocks:
        yield Hit("L002", 0, 0, len(ctx.doc.blocks[0].text),
                  msg("L002.not-located"))

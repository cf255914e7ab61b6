"""What a check reads and what it yields: :class:`Context` (the analysed report, the run's options
and packs) and :class:`Hit` (a rule code and a range, before the engine stamps severity and renders
the message). Both are re-exported by :mod:`lawgov_lint.checks`, where check modules and plugins
import them from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..document import Document
    from ..findings import Fix
    from ..i18n import Msg
    from ..options import Options
    from ..packs import Packs
    from ..structure import Report


@dataclass(slots=True)
class Hit:
    """What a check yields: a rule code and where, before severity is stamped.

    ``block`` is the 0-based index in ``Document.blocks``; ``start``/``end`` are
    code-point offsets in that block's *original* text. ``severity`` is a hint
    for rules with graded severities (used unless configuration overrides).
    ``message``/``suggestion`` are catalogue messages (:class:`lawgov_lint.i18n.Msg`,
    rendered by the engine in the run's language) or, from older plugins,
    finished strings shown as they are.
    ``fix`` is the exact edit of ``[start, end)`` (:class:`lawgov_lint.findings.Fix`) or None.
    """

    code: str
    block: int
    start: int
    end: int
    message: "Msg | str"
    suggestion: "Msg | str | None" = None
    severity: str | None = None
    fix: "Fix | None" = None


@dataclass(slots=True)
class Context:
    """What a check reads: the analysed report, options and pack data."""

    report: "Report"
    options: "Options"
    packs: "Packs"

    @property
    def doc(self) -> "Document":
        return self.report.doc

    def span(self, block: int, nstart: int, nend: int) -> tuple[int, int]:
        """Original offsets of the normalised range ``[nstart, nend)`` of a block."""
        return self.report.norm[block].span(nstart, nend)

    def hit(self, code: str, block: int, nstart: int, nend: int, message: "Msg | str",
            suggestion: "Msg | str | None" = None, severity: str | None = None, fix: "Fix | None" = None) -> Hit:
        """A Hit from a *normalised* range of a block (``fix`` replaces the original range it maps to)."""
        s, e = self.span(block, nstart, nend)
        return Hit(code, block, s, e, message, suggestion, severity, fix)


def title_hit(ctx: Context, code: str, message: "Msg | str", suggestion: "Msg | str | None" = None,
              severity: str | None = None) -> Hit:
    """A Hit on the whole title line (or the first block of the report proper when no title
    was found): where findings about the report as a whole — a missing section, mention or
    date — are anchored."""
    rep = ctx.report
    i = rep.title_blocks[0] if rep.title_blocks else rep.start
    return Hit(code, i, 0, len(ctx.doc.blocks[i].text), message, suggestion, severity)


def block_memo(ctx: Context, name: str) -> dict[int, Any]:
    """A dict in the report's cache (``report.cache``) for a value computed once per block and
    shared by several checks (e.g. the machine-text spans F and P both skip)."""
    return ctx.report.cache.setdefault(("block", name), {})

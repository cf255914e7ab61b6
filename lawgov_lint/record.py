"""The facts the engine records about each report, once, for every reporter and the summary.

Reporters and the summary only format these values (SPEC §7 FILE ``report``/``facts`` and SUMMARY
``compliance``); nothing downstream recomputes 述法 mentions or the deadline status.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .facts.deadlines import deadline_status, publication
from .document import Location, locate
from .facts.mentions import shufa_mentions
from .options import Options
from .structure import Report


@dataclass(frozen=True, slots=True)
class SectionFact:
    """A section mapped to required content ``content`` (1–5): its heading text and where it is."""

    content: int
    heading: str
    location: Location


@dataclass(frozen=True, slots=True)
class ReportFacts:
    """What one report says about itself and how it stands (computed by :func:`report_facts`).

    ``contents`` maps each required content of 第二十五条 (1–5) to whether a section gives it;
    ``sections`` are the headed sections; ``shufa`` the locations of 述法 mentions; ``deadline``
    is ``"ok" | "due-day" | "late" | "unknown"`` for the 成文日期 against the submission deadline
    ``due`` (None when the reporting year is unknown), ``days_left`` counted from ``--as-of``;
    ``published_on``/``published_on_source`` the publication date D003 judges and where it came
    from (``"option"`` or ``"page"``).
    """

    contents: dict[int, bool]
    sections: list[SectionFact] = field(default_factory=list)
    shufa: list[Location] = field(default_factory=list)
    signing_date: dt.date | None = None
    deadline: str = "unknown"
    days_left: int | None = None
    due: dt.date | None = None
    published_on: dt.date | None = None
    published_on_source: str | None = None

    def compliance(self, path: str) -> dict[str, Any]:
        """SPEC §7 SUMMARY ``compliance`` entry: ``{"path", "contents", "shufa", "signing_date",
        "deadline", "days_left"}``."""
        return {
            "path": path,
            "contents": {str(k): v for k, v in self.contents.items()},
            "shufa": bool(self.shufa),
            "signing_date": self.signing_date.isoformat() if self.signing_date else None,
            "deadline": self.deadline,
            "days_left": self.days_left,
        }


def report_facts(rep: Report, options: Options) -> ReportFacts:
    """The facts of an analysed report under ``options`` (``as_of``, deadline profile, ``published_on``)."""
    doc = rep.doc
    sections = []
    for sec in rep.sections:
        if sec.heading is None:
            continue
        h = rep.headings[sec.heading]
        s, e = rep.norm[h.block].span(0, h.end)
        sections.append(SectionFact(sec.content, h.text, locate(doc, doc.blocks[h.block], s, e)))
    shufa = []
    for b, ns, ne in shufa_mentions(rep, rep.packs):
        s, e = rep.norm[b].span(ns, ne)
        shufa.append(locate(doc, doc.blocks[b], s, e))
    status, days_left, due = deadline_status(rep, options, rep.packs)
    pub, pub_source, _ = publication(rep, options)
    return ReportFacts(rep.contents_present(), sections, shufa, rep.signing_date, status, days_left, due,
                       pub, pub_source)

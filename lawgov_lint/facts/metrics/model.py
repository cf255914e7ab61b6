"""The values of metric facts: :class:`Metric` (one figure), :class:`Breakdown` (a 其中 list and its
total), :class:`MetricFacts` (all of one report), the raw scanner match and the patterns they share.

A *figure* (统计数字) is a number as written with its unit; see the package docstring for what each
field means. Source for the written forms: GB/T 15835—2011 (数字用法).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ... import recache
from ...document import Document, locate
from ...i18n import Msg


INF = math.inf

_CN_ALL = "零〇一二两三四五六七八九十百千万亿"

# A numeral: 百分之… (a Chinese percentage), an Arabic number (thousands
# separators, decimals, a 万/亿 multiplier) or a run of Chinese numerals. An Arabic number starts
# after no digit, point, comma or Latin letter; that test is made after its first digit (the two
# characters behind), so that every branch starts with a character class and the engine skips
# ahead to the next possible first character instead of trying each position. A lone Chinese
# numeral is a run of one only when it is 十 or 余/多 follows (一是, 进一步, 百姓 are never figures:
# one numeral below 十 is no statistic); elsewhere the run must be two or more long.
NUM_RE = recache.compile(
    r"百分之(?P<pcn>[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)"
    r"|(?P<ar>\d(?<![\d.,A-Za-z].)(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d*(?:\.\d+)?))(?P<mult>千万|百万|万|亿)?"
    rf"|(?P<cn>[{_CN_ALL}]{{2,}}|十|[{_CN_ALL}](?=[余多]))"
)
SENTENCE_END = "。！？!?"
CLAUSE_END = "；;"
PRE_BOUNDARY = "，,；;。：:！？!?、（("
LIST_SEP = "、，,和及与或"
QUOTE_RE = recache.compile(r"“[^“”]{0,40}”|‘[^‘’]{0,40}’|\"[^\"]{0,40}\"|《[^《》]{0,80}》|〈[^〈〉]{0,60}〉")
TOTAL_RE = recache.compile(r"共计|累计|合计|总计|总共|一共|全年|年内|本年度|(?<![公中])共(?![同享建治商青产识性通赢担融进存筑生])")
YEAR_RE = recache.compile(r"(?<!\d)(\d{4})年(?!\d)|(?<![\d.])((?:19|20)\d{2})(?=[总共全累])")
TOPIC_RE = recache.compile(r"在([^，。；：]{1,14}?)(?:领域|方面|行业)")
AMONG_RE = recache.compile(r"([\u4e00-\u9fff“”]{2,16}?)中(?![心国央华期旬级层小型等文外间标断止转介共])[，,]?")
PAREN_RE = recache.compile(r"[（(][^（()）]{0,80}[）)]")
FULL_YEAR_RE = recache.compile(r"(?:1[-－—~～至到]12月|1月[-－—~～至到]12月|截[至止]\d{0,4}年?12月)")


@dataclass(slots=True)
class Metric:
    """One figure (统计数字) of the report proper.

    ``block`` is the 0-based index in ``Document.blocks``; ``start``/``end`` the
    figure's span in the block's *normalised* text (approximation words
    included), ``ostart``/``oend`` the same span in the original text;
    ``label_start`` the normalised offset where its label begins (for
    diagnostics that quote ``复议纠错率为0件``). ``kind`` is ``count``,
    ``amount`` (money), ``percent``, ``points`` (个百分点), ``measure`` or
    ``bare`` (a number without unit after 为/是/达). ``factor`` converts the
    written unit to a base unit (万元 → 10000 元). ``sentence``/``clause`` are
    report-wide ids. ``total`` is the index (in the metrics list) of the figure
    a 其中 / "X中" item belongs to; ``numerator`` the figure a share (占 p%)
    is of. ``twin`` the figure this one restates in another unit (294批342人次).
    ``subject`` is the text before 共/累计/全年 in its clause (镇领导干部共走访…);
    ``agent`` who the figure is about when that names an organisation or people
    (区城管执法局, 镇人民调解委员会), carried to later figures of its clause;
    ``scope`` a scope word of its clause (全区, 区级); ``topic`` the last
    “在…领域/方面” of its paragraph; ``period`` a partial-period expression,
    ``year`` another year (or 去年) the figure is about; ``plan`` set in the
    content-4 section (下一年度安排) or for a later year.
    """

    block: int
    start: int
    end: int
    ostart: int
    oend: int
    text: str
    number: str
    value: float | None
    unit: str
    kind: str
    lo: float
    hi: float
    exact_text: bool
    label: str = ""
    label_start: int = 0
    subject: str | None = None
    agent: str | None = None
    approx: str | None = None
    period: str | None = None
    year: str | None = None
    scope: str | None = None
    topic: str | None = None
    growth: bool = False
    plan: bool = False
    sentence: int = 0
    clause: int = 0
    share_of: str | None = None
    rate: str | None = None
    numerator: int | None = None
    total: int | None = None
    total_label: str | None = None
    breakdown: int | None = None
    after_qizhong: bool = False
    respectively: str | None = None
    twin: int | None = None
    table: tuple[int, int, int] | None = None
    index: int = 0
    factor: float = 1.0

    @property
    def approximate(self) -> bool:
        return self.approx is not None

    @property
    def partial(self) -> bool:
        return self.period is not None

    @property
    def base_lo(self) -> float:
        return self.lo * self.factor

    @property
    def base_hi(self) -> float:
        return self.hi * self.factor

    @property
    def plain(self) -> bool:
        """Exact, whole-year, reporting-year figure: fit for relation checks."""
        return (self.approx is None and self.period is None and self.year is None and not self.growth
                and self.respectively != "unpaired" and self.value is not None)

    def qualifiers(self) -> list[str]:
        """Qualifiers as ``kind:value`` strings (``approximate:余``, ``period:1-11月``, ``scope:全区``)."""
        q = []
        if self.approx:
            q.append(f"approximate:{self.approx}")
        if self.period:
            q.append(f"period:{self.period}")
        if self.year:
            q.append(f"year:{self.year}")
        if self.scope:
            q.append(f"scope:{self.scope}")
        if self.agent:
            q.append(f"agent:{self.agent}")
        if self.topic:
            q.append(f"topic:{self.topic}")
        if self.growth:
            q.append("growth")
        if self.plan:
            q.append("plan")
        if self.rate:
            q.append(f"rate:{self.rate}")
        if self.share_of is not None:
            q.append(f"share-of:{self.share_of or 'total'}")
        if self.total is not None:
            q.append(f"part-of:{self.total_label or '?'}")
        elif self.after_qizhong:
            q.append("within:其中")
        if self.respectively:
            q.append("respectively" if self.respectively == "paired" else "respectively:unpaired")
        if self.table:
            q.append("table")
        return q

    def as_dict(self, doc: Document) -> dict[str, Any]:
        """SPEC §7 ``facts.metrics`` entry: label, value, unit, kind, qualifiers, text, location."""
        value: Any = self.value
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            value = int(value)
        block = doc.blocks[self.block]
        return {
            "label": self.label,
            "value": value,
            "unit": self.unit,
            "kind": self.kind,
            "qualifiers": self.qualifiers(),
            "text": self.text,
            "location": locate(doc, block, self.ostart, self.oend).as_dict(),
        }


@dataclass(slots=True)
class Breakdown:
    """A 其中 (or "X中，…") breakdown: a stated total and the items stated as its parts.

    ``total`` and ``items`` index the metrics list. ``exhaustive``: the items
    cover the total (an item named 其他/其余, or every member of a complete
    category set); ``disjoint``: the items cannot overlap (exhaustive, or
    distinct members of one category set). ``reason`` says why, as a catalogue
    message (``N003.reason.*``, see :mod:`lawgov_lint.i18n`), None when neither.
    """

    total: int
    items: list[int]
    exhaustive: bool = False
    disjoint: bool = False
    reason: Msg | None = None
    categories: list[str] = field(default_factory=list)


@dataclass(slots=True)
class MetricFacts:
    """The figures of one report and what the text says about them, computed once per report.

    ``sentences`` groups the running-text figures by (block, sentence) in reading order (table cells
    are in no sentence), so that relations are looked up within a sentence without rescanning.
    """

    metrics: list[Metric]
    breakdowns: list[Breakdown]
    sentences: dict[tuple[int, int], list[Metric]] = field(default_factory=dict)

    def sentence_of(self, m: Metric) -> list[Metric]:
        """The figures of ``m``'s sentence, in reading order ([] for a table cell)."""
        return self.sentences.get((m.block, m.sentence), []) if m.table is None else []


@dataclass(slots=True)
class _Raw:
    """A figure as the scanner reads it, before its label and relations: its span (``start`` with the
    approximation words, ``num_start``/``num_end`` the number itself), value, unit and bounds."""

    start: int
    num_start: int
    num_end: int
    end: int
    number: str
    value: Decimal
    unit: str
    kind: str
    factor: float
    lo: float
    hi: float
    exact: bool
    approx: str | None

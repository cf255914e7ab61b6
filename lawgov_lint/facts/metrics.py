"""Metrics: every figure of the report proper with its label, unit and qualifiers.

A *figure* (:class:`Metric`, 统计数字) is a number as written with its unit —
``515起``, ``1.2万件``, ``三百余人次``, ``98.94%``, ``5286.34万元`` — read from the
normalised text of a paragraph or from a docx table cell. Each figure carries:

* ``value``: the number in the written unit, numeral multipliers applied
  (``1.2万件`` → 12000 件; ``5286.34万元`` stays 5286.34 万元, money is converted
  only for comparisons through :attr:`Metric.factor`);
* ``lo``/``hi``: the interval the true value lies in given the displayed
  precision — rounding *or* truncation at the last shown digit (``98.94%`` →
  [98.935, 98.95)); exact integers are points; approximations (余 多 近 约 以上 …)
  are inequalities and make every relation check silent;
* ``label``: the noun phrase naming what is counted (``受理行政处罚案件``);
* qualifiers: scope (全区, 区级), partial period (1-11月, 截至10月底), another
  year, topic (在食品药品领域), growth (同比增长), plan section, 其中 membership,
  分别 pairing.

Sentences (split at 。！？) and clauses (split at ；) bound every relation; a
sentence that starts with 其中 continues the previous one. 其中 breakdowns and
"X中，…" breakdowns are resolved here into :class:`Breakdown` values, so that
the N checks (``lawgov_lint.checks.numbers``) only judge relations.

Policy lives in ``rules/metrics.toml`` (units, approximation words, fixed
expressions, scope words, relation words). Chinese numerals are read with
``cn2an``. Source for the written forms: GB/T 15835—2011 (数字用法).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ..i18n import Msg, msg
from ..numerals import cn_value
from ..document import Document, locate
from ..structure import Report

INF = math.inf

_CN_ALL = "零〇一二两三四五六七八九十百千万亿"

# A numeral: 百分之… (a Chinese percentage), an Arabic number (thousands
# separators, decimals, a 万/亿 multiplier) or a run of Chinese numerals.
NUM_RE = re.compile(
    r"百分之(?P<pcn>[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)"
    r"|(?<![\d.,A-Za-z])(?P<ar>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?)(?P<mult>千万|百万|万|亿)?"
    rf"|(?P<cn>[{_CN_ALL}]+)"
)
SENTENCE_END = "。！？!?"
CLAUSE_END = "；;"
PRE_BOUNDARY = "，,；;。：:！？!?、（("
LIST_SEP = "、，,和及与或"
QUOTE_RE = re.compile(r"“[^“”]{0,40}”|‘[^‘’]{0,40}’|\"[^\"]{0,40}\"|《[^《》]{0,80}》|〈[^〈〉]{0,60}〉")
TOTAL_RE = re.compile(r"共计|累计|合计|总计|总共|一共|全年|年内|本年度|(?<![公中])共(?![同享建治商青产识性通赢担融进存筑生])")
YEAR_RE = re.compile(r"(?<!\d)(\d{4})年(?!\d)|(?<![\d.])((?:19|20)\d{2})(?=[总共全累])")
TOPIC_RE = re.compile(r"在([^，。；：]{1,14}?)(?:领域|方面|行业)")
AMONG_RE = re.compile(r"([\u4e00-\u9fff“”]{2,16}?)中(?![心国央华期旬级层小型等文外间标断止转介共])[，,]?")
FULL_YEAR_RE = re.compile(r"(?:1[-－—~～至到]12月|1月[-－—~～至到]12月|截[至止]\d{0,4}年?12月)")


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


# ---------------------------------------------------------------- configuration

@dataclass(slots=True)
class _Conf:
    units: list[tuple[str, str, float]]  # (unit, kind, factor), longest first
    money: dict[str, float]
    approx_before: list[str]
    approx_middle: list[str]
    approx_after: list[str]
    fixed: list[str]
    scopes: list[str]
    partial: list[re.Pattern[str]]
    growth: re.Pattern[str] | None
    rate_suffixes: list[str]
    not_rates: list[str]
    fillers: list[str]
    copulas: list[str]
    stage_verbs: list[str]
    agents: list[str]
    rest_words: list[str]
    partitions: list[dict]
    tables: dict
    raw: dict


def _desc(words) -> list[str]:
    return sorted(set(words), key=lambda w: (-len(w), w))


def _conf(rep: Report) -> _Conf:
    """The metrics pack of ``rep`` compiled (computed once per report, kept in ``rep.cache``)."""
    conf = rep.cache.get("metrics.conf")
    if conf is not None:
        return conf
    m = rep.packs["metrics"]
    u = m.get("units", {})
    units: list[tuple[str, str, float]] = []
    for w in u.get("count", []):
        units.append((w, "count", 1.0))
    money = {k: float(v) for k, v in u.get("money", {}).items()}
    for w, f in money.items():
        units.append((w, "amount", f))
    for w in u.get("percent", []):
        units.append((w, "percent", 1.0))
    for w in u.get("points", []):
        units.append((w, "points", 1.0))
    for w in u.get("measure", []):
        units.append((w, "measure", 1.0))
    units.sort(key=lambda x: (-len(x[0]), x[0]))
    ap = m.get("approximations", {})
    q = m.get("qualifiers", {})
    partial_src = list(rep.packs["report"].get("dates", {}).get("partial_periods", [])) + list(q.get("partial_periods", []))
    partial = []
    for p in partial_src:
        try:
            partial.append(re.compile(p))
        except re.error:
            continue
    growth_words = _desc(q.get("growth", []))
    level = "".join(re.escape(s) for s in q.get("growth_level_suffixes", []))
    growth = None
    if growth_words:
        alts = "|".join(re.escape(w) if w not in ("增加",) else r"(?<!新)增加" for w in growth_words)
        growth = re.compile(rf"(?:{alts})" + (rf"(?![{level}])" if level else ""))
    rel = m.get("relation_words", {})
    conf = _Conf(
        units=units,
        money=money,
        approx_before=_desc(ap.get("before", [])),
        approx_middle=_desc(ap.get("middle", [])),
        approx_after=_desc(ap.get("after", [])),
        fixed=_desc(m.get("fixed_expressions", {}).get("phrases", [])),
        scopes=_desc(q.get("scopes", [])),
        partial=partial,
        growth=growth,
        rate_suffixes=_desc(q.get("rate_suffixes", [])),
        not_rates=_desc(q.get("not_rates", [])),
        fillers=_desc(q.get("label_fillers", [])),
        copulas=_desc(q.get("copulas", [])),
        stage_verbs=_desc(rel.get("stage_verbs", [])),
        agents=_desc(rel.get("agents", [])),
        rest_words=_desc(m.get("breakdowns", {}).get("rest_words", [])),
        partitions=list(m.get("partitions", [])),
        tables=dict(m.get("tables", {})),
        raw=m,
    )
    rep.cache["metrics.conf"] = conf
    return conf


def metric_conf(rep: Report) -> "_Conf":
    """The compiled reading policy (units, rate words, …) of ``rep``'s metrics pack."""
    return _conf(rep)




# ---------------------------------------------------------------- numerals

def _interval(value: Decimal, decimals: int, mult: int, exact_int: bool) -> tuple[float, float]:
    """Interval of the true value given the displayed precision (rounding ∪ truncation)."""
    v = float(value * mult)
    if exact_int:
        return v, v
    step = float(Decimal(1).scaleb(-decimals) * mult)
    return v - step / 2, v + step


# ---------------------------------------------------------------- helpers

def _spans(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a < s and e <= b for a, b in spans) or any(a <= s and e <= b and b - a > e - s for a, b in spans)


def _strip_start(label: str, words: list[str]) -> str:
    changed = True
    while changed and label:
        changed = False
        m = re.match(r"\d{4}年度?|[一二三四五六七八九十]是|首先|其次|再次|最后", label)
        if m:
            label = label[m.end():]
            changed = True
            continue
        for w in words:
            if label.startswith(w):
                if w == "共" and len(label) > 1 and label[1] in "同享建治商青产识性通赢担融进存筑生":
                    continue
                label = label[len(w):]
                changed = True
                break
    return label


def _strip_end(label: str, words: list[str]) -> str:
    changed = True
    while changed and label:
        changed = False
        for w in words:
            if label.endswith(w):
                label = label[: -len(w)]
                changed = True
                break
    return label


def clean_label(label: str) -> str:
    """A label without quotes, spaces and trailing 的/数量 filler (for display and matching)."""
    label = re.sub(r"[“”‘’\"\s]", "", label)
    label = re.sub(r"[（(][^（()）]*[）)]", "", label)
    return label.strip("，,、：:的（）()")


def is_rate_label(label: str, conf: _Conf) -> bool:
    """True when ``label`` names a rate or share (…率, …比例, 占比) and not 频率/效率/表率…"""
    if not label:
        return False
    if any(label.endswith(w) for w in conf.not_rates):
        return False
    return any(label.endswith(s) for s in conf.rate_suffixes)


def suffix_match(label: str, phrase: str, minimum: int = 2) -> int:
    """Length of the longest suffix of ``label`` (≥ ``minimum``) that occurs in ``phrase``; 0 if none."""
    best = 0
    for k in range(minimum, len(label) + 1):
        if label[-k:] in phrase:
            best = k
    return best


# ---------------------------------------------------------------- sentences

def _segments(text: str) -> tuple[list[int], list[int]]:
    """Sentence and clause number of every character of ``text`` (block-local).

    A sentence that starts with 其中 continues the previous sentence.
    """
    sent = [0] * len(text)
    clause = [0] * len(text)
    s = c = 0
    i = 0
    n = len(text)
    while i < n:
        sent[i] = s
        clause[i] = c
        ch = text[i]
        if ch in SENTENCE_END:
            j = i + 1
            while j < n and text[j] in "”’）)":
                sent[j] = s
                clause[j] = c
                j += 1
            rest = text[j:j + 3].lstrip()
            if not rest.startswith("其中"):
                s += 1
            c += 1
            i = j
            continue
        if ch in CLAUSE_END:
            c += 1
        i += 1
    return sent, clause


# ---------------------------------------------------------------- scanning

@dataclass(slots=True)
class _Raw:
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


def _scan(text: str, conf: _Conf, quotes: list[tuple[int, int]], fixed: list[tuple[int, int]]) -> list[_Raw]:
    """Figures of a normalised text in order (numbers with a unit, or bare numbers after 为/是/达)."""
    out: list[_Raw] = []
    for m in NUM_RE.finditer(text):
        s, e = m.start(), m.end()
        if _inside(quotes, s, e) or any(a <= s < b or a < e <= b for a, b in fixed):
            continue
        before = text[max(0, s - 1):s]
        if before and (before == "第" or before in "-－—~～+＋/.·•"):
            continue
        mult = 1
        decimals = 0
        exact_int = False
        number = m.group(0)
        middle = None
        unit = ""
        if m.group("pcn") is not None:
            raw = m.group("pcn")
            if "点" in raw:
                whole, frac = raw.split("点", 1)
                wv = cn_value(whole)
                fv = "".join(str("零一二三四五六七八九".find(c) if c in "一二三四五六七八九" else 0) for c in frac)
                value = None if wv is None else Decimal(f"{wv}.{fv}")
                decimals = len(frac)
            else:
                value = cn_value(raw)
            if value is None:
                continue
            unit, kind, factor = "%", "percent", 1.0
            lo, hi = _interval(value, decimals, 1, False)
            out.append(_Raw(s, s, e, e, number, value, unit, kind, factor, lo, hi, False, None))
            continue
        if m.group("ar") is not None:
            ar = m.group("ar").replace(",", "")
            try:
                value = Decimal(ar)
            except InvalidOperation:
                continue
            decimals = len(ar.split(".", 1)[1]) if "." in ar else 0
            mg = m.group("mult")
            if mg:
                mult = {"万": 10_000, "亿": 100_000_000, "千万": 10_000_000, "百万": 1_000_000}[mg]
            exact_int = decimals == 0 and mult == 1
        else:
            cn = m.group("cn")
            if not any(c in "一二两三四五六七八九十" for c in cn) and not text.startswith(("余", "多"), e):
                continue
            pos = e
            mg = ""
            if cn[-1] in "万亿" and len(cn) > 1 and text.startswith("元", e):
                mg = cn[-1]
                cn = cn[:-1]
            value = cn_value(cn)
            if value is None:
                continue
            exact_int = True
            if value < 10 and not text.startswith(("余", "多"), e):
                continue  # 三项制度, 两个清单, 一件事: not statistics
            number = cn
            if mg:
                e = pos - 1  # 三十万元: 万元 is the unit, read below
        pos = e
        if m.group("ar") is not None and m.group("mult") in ("万", "亿"):
            # 5286.34万元 / 10万余元: money in 万元, not a multiplier
            k = pos
            mid = next((w for w in conf.approx_middle if text.startswith(w, k)), None)
            if text.startswith("元", k + (len(mid) if mid else 0)):
                mult = 1
                middle = mid
                number = m.group("ar")
                unit = m.group("mult") + "元"
                pos = k + (len(mid) if mid else 0) + 1
                exact_int = False
        if not unit:
            mid = next((w for w in conf.approx_middle if text.startswith(w, pos)), None)
            if mid:
                nxt = pos + len(mid)
                if any(text.startswith(u, nxt) for u, _, _ in conf.units):
                    middle = mid
                    pos = nxt
            for u, kind, factor in conf.units:
                if text.startswith(u, pos):
                    unit = u
                    pos += len(u)
                    break
        if unit:
            kind, factor = next(((k, f) for u, k, f in conf.units if u == unit), ("count", 1.0))
        else:
            kind, factor = "bare", 1.0
            # a bare number: only after 为/是/达 and before a clause end (败诉率为0，)
            if m.group("ar") is None or mult != 1:
                continue
            pre = text[max(0, s - 2):s]
            nxt = text[pos:pos + 1]
            if not (pre.endswith(("为", "是", "达")) and (nxt == "" or nxt in "，,。；;、）)")):
                continue
        after = next((w for w in conf.approx_after if text.startswith(w, pos)), None)
        if after:
            pos += len(after)
        start = s
        before_word = next((w for w in conf.approx_before if text.endswith(w, 0, s)), None)
        if before_word:
            start = s - len(before_word)
        approx = before_word or middle or after
        if kind in ("amount",) and unit != "元":
            exact_int = False
        if kind in ("percent", "points", "measure"):
            exact_int = False
        lo, hi = _interval(value, decimals, mult, exact_int and kind in ("count", "amount", "bare"))
        if kind == "bare" and decimals:
            lo, hi = _interval(value, decimals, 1, False)
        out.append(_Raw(start, s, m.end() if m.group("cn") is None else s + len(number), pos, number,
                        value * mult, unit, kind, factor, lo, hi, exact_int, approx))
    return out


# ---------------------------------------------------------------- labels

def _label(text: str, raw: _Raw, pre_start: int, conf: _Conf) -> tuple[str, int, str | None, str | None]:
    """(label, label start, subject, share_of) for a figure whose pre-text starts at ``pre_start``."""
    pre = text[pre_start:raw.start]
    # strip copulas (为, 达到, 共计 …) between label and number
    pre = _strip_end(pre, conf.copulas)
    share_of = None
    if raw.kind in ("percent", "bare"):
        core = pre
        sm = re.search(r"(?:所)?占(?P<x>[^，。；]*?)(?:的)?(?:比例|比重)?$", core)
        if core.endswith("占比") or core.endswith("所占比例") or core.endswith("所占比重"):
            share_of = ""
            pre = core[: core.rfind("占")] if "占" in core else core
        elif sm:
            x = sm.group("x").strip("的")
            share_of = x
            pre = core[: sm.start()]
    # subject before 共/累计
    subject = None
    pre = _strip_lead(pre, conf)
    lab = _strip_start(pre, conf.fillers)
    tm = None
    for tm_ in TOTAL_RE.finditer(lab):
        tm = tm_
    if tm is not None and tm.start() > 0:
        subject = lab[: tm.start()]
        lab = lab[tm.end():]
    lab = _strip_start(_strip_lead(lab, conf), conf.fillers)
    lab = _strip_end(lab, conf.copulas) if lab not in conf.copulas else ""
    if lab.startswith(("对", "为", "向")) and len(lab) <= 2:
        lab = ""
    lstart = raw.start - len(pre) + (len(pre) - len(lab)) if lab else raw.start
    idx = text.rfind(lab, pre_start, raw.start) if lab else -1
    if idx >= 0:
        lstart = idx
    if subject is not None:
        subject = re.split(r"[》）)]", subject)[-1]
        subject = _strip_end(_strip_start(clean_label(subject), conf.fillers), conf.fillers)
        for w in conf.scopes:
            if subject.startswith(w):
                subject = subject[len(w):]
        subject = clean_label(subject) or None
    return clean_label(lab), lstart, subject, share_of


def _strip_lead(label: str, conf: _Conf) -> str:
    """Drop leading partial periods, years and scope words (截止10月底, 2023年, 全区) from a label."""
    changed = True
    while changed and label:
        changed = False
        for p in conf.partial:
            m = p.match(label)
            if m and m.end() > 0:
                label = label[m.end():]
                changed = True
        m = re.match(r"\d{4}年度?|全年|今年|年内", label)
        if m:
            label = label[m.end():]
            changed = True
        for w in conf.scopes:
            if label.startswith(w) and len(label) > len(w):
                label = label[len(w):]
                changed = True
                break
    return label


def _agent_of(m: Metric, conf: _Conf) -> str | None:
    """Who the figure is about: the subject before 共/全年, else an organisation before the verb."""
    if m.subject and any(a in m.subject for a in conf.agents):
        return m.subject
    label = m.label
    cut = min((label.find(v) for v in conf.stage_verbs if label.find(v) > 0), default=-1)
    if cut > 0:
        prefix = label[:cut]
        if any(a in prefix for a in conf.agents):
            return prefix
    return None


def _post_noun(text: str, pos: int, conf: _Conf | None = None) -> tuple[str, int]:
    """A noun phrase right after a measure word (走访83家企业 → 企业), and where it ends.

    When the phrase runs on into the next figure (1368个人民调解组织共受理调解纠纷18752件) it ends
    before a total word (共, 累计) or after an organisation followed by a stage verb (组织|受理): what
    follows is the next figure's label.
    """
    if pos >= len(text) or not ("\u4e00" <= text[pos] <= "\u9fff" or text[pos] in "“"):
        return "", pos
    j = pos
    while j < len(text) and j - pos < 12:
        ch = text[j]
        if ch in PRE_BOUNDARY or ch.isdigit() or ch in "。；;":
            break
        j += 1
    phrase = text[pos:j]
    runs_on = j < len(text) and (text[j].isdigit() or (j - pos >= 12 and text[j] not in PRE_BOUNDARY + "。；;"))
    if runs_on and conf is not None:
        cuts = [m.start() for m in TOTAL_RE.finditer(phrase) if m.start() > 0]
        for a in conf.agents:
            k = phrase.find(a)
            e = k + len(a)
            if k >= 0 and e < len(phrase) and any(phrase.startswith(v, e) for v in conf.stage_verbs):
                cuts.append(e)
        if cuts:
            phrase = phrase[: min(cuts)]
    cut = re.search(r"以及|并且", phrase)
    if cut and cut.start() > 0:
        phrase = phrase[: cut.start()]
    end = pos + len(phrase)
    phrase = re.sub(r"^(?:为|是|属于|系)", "", phrase)
    return phrase, end


# ---------------------------------------------------------------- extraction

def cstart_of(text: str, pos: int) -> int:
    """Start of the comma clause containing ``pos``."""
    b = pos
    while b > 0 and text[b - 1] not in "，,；;。！？!?":
        b -= 1
    return b


def _period_at(text: str, sentence_start: int, pos: int, conf: _Conf, block_period: str | None) -> str | None:
    seg = text[sentence_start:pos]
    found = None
    for p in conf.partial:
        for m in p.finditer(seg):
            if FULL_YEAR_RE.match(m.group(0)):
                continue
            if found is None or m.start() > found[0]:
                found = (m.start(), m.group(0))
    if found:
        return found[1]
    return block_period


def _year_at(text: str, sentence_start: int, pos: int, rep: Report, quotes, parens_all) -> str | None:
    y = rep.reporting_year
    seg = text[sentence_start:pos]
    last = None
    parens = [(a, b) for a, b in parens_all if not (a < pos < b)]
    for m in YEAR_RE.finditer(seg):
        a = sentence_start + m.start()
        if _inside(quotes, a, a + len(m.group(0))) or _inside(parens, a, a + len(m.group(0))):
            continue
        after = seg[m.end():m.end() + 1]
        if after and after in "—-－~～至到":
            continue
        last = int(m.group(1) or m.group(2))
    if re.search(r"去年|上年|上一年度|上年度|同期", text[cstart_of(text, pos):pos]):
        return "去年"
    if last is not None and y is not None and last != y:
        return str(last)
    return None


def _extract_text_block(rep: Report, i: int, conf: _Conf, out: list[Metric], ids: list[int]) -> None:
    text = rep.norm[i].text
    if not text:
        return
    quotes = _spans(text, QUOTE_RE)
    fixed = []
    for ph in conf.fixed:
        p = text.find(ph)
        while p >= 0:
            fixed.append((p, p + len(ph)))
            p = text.find(ph, p + 1)
    raws = _scan(text, conf, quotes, fixed)
    if not raws:
        return
    sent, clause = _segments(text)
    parens_all = _spans(text, PAREN_RE)
    topics = [(m.end(), m.group(1)) for m in TOPIC_RE.finditer(text)]
    # sentence starts
    sent_start: dict[int, int] = {}
    for k, sid in enumerate(sent):
        sent_start.setdefault(sid, k)
    # a period at the very start of the paragraph covers the whole paragraph
    block_period = None
    head = text[:16]
    for p in conf.partial:
        m = p.search(head)
        if m and m.start() <= 4 and not FULL_YEAR_RE.match(m.group(0)):
            block_period = m.group(0)
            break
    section = rep.section_of(i)
    base_sent, base_clause = ids
    prev_end = 0
    prev_metric: Metric | None = None
    first_in_block = len(out)
    for raw in raws:
        s = raw.num_start
        sid = sent[min(s, len(sent) - 1)]
        cid = clause[min(s, len(clause) - 1)]
        sstart = sent_start[sid]
        # pre-text boundary: the last separator before the figure, or the previous figure
        b = raw.start
        while b > 0 and text[b - 1] not in PRE_BOUNDARY:
            if text[b - 1] == "”":
                q = text.rfind("“", 0, b - 1)
                if q >= 0 and b - q <= 40:
                    b = q
                    continue
            if text[b - 1] in "）)":
                # skip a bracketed aside: 纠错（含撤销、确认违法）29件
                depth = 0
                j = b - 1
                while j >= 0:
                    if text[j] in "）)":
                        depth += 1
                    elif text[j] in "（(":
                        depth -= 1
                        if depth == 0:
                            break
                    j -= 1
                if j < 0:
                    break
                b = j
                continue
            b -= 1
        pre_start = max(b, prev_end if prev_metric is not None and sent[min(prev_metric.start, len(sent) - 1)] == sid else 0)
        label, lstart, subject, share_of = _label(text, raw, pre_start, conf)
        post, post_end = ("", raw.end)
        if raw.kind in ("count", "measure", "percent"):
            post, post_end = _post_noun(text, raw.end, conf)
        if post:
            label = clean_label(label + post) if label else clean_label(post)
        twin = None
        if prev_metric is not None and prev_end == raw.start and not label:
            label = prev_metric.label
            lstart = prev_metric.label_start
            twin = prev_metric.index
        ostart, oend = rep.norm[i].span(raw.start, raw.end)
        orig = rep.doc.blocks[i].text[ostart:oend]
        met = Metric(
            block=i, start=raw.start, end=raw.end, ostart=ostart, oend=oend, text=orig, number=raw.number,
            value=float(raw.value), unit=raw.unit, kind=raw.kind, lo=raw.lo, hi=raw.hi, exact_text=raw.exact,
            label=label, label_start=lstart, subject=subject, approx=raw.approx, factor=raw.factor,
            sentence=base_sent + sid, clause=base_clause + cid, share_of=share_of, twin=twin,
        )
        if met.approx is not None:
            met.lo, met.hi = (-INF, INF)
        met.period = _period_at(text, sstart, s, conf, block_period)
        met.year = _year_at(text, sstart, s, rep, quotes, parens_all)
        seg = text[cstart_of(text, s):s]
        best = None
        for w in conf.scopes:
            p = seg.rfind(w)
            if p >= 0 and (best is None or p > best[0] or (p == best[0] and len(w) > len(best[1]))):
                best = (p, w)
        met.scope = best[1] if best else None
        met.topic = next((t for a, t in reversed(topics) if a < s), None)
        # growth: a change word in the clause before the figure (同比增长12%), or a value listed right
        # after a growth figure (同比分别下降12.3%、11.0%)
        cstart = cstart_of(text, s)
        if conf.growth is not None:
            gm = None
            for g in conf.growth.finditer(text, cstart, s):
                gm = g
            after_prev = prev_end if prev_metric is not None else -1
            between = text[prev_end:raw.start] if prev_metric is not None else ""
            if gm is not None and gm.end() > after_prev:
                met.growth = True
            elif prev_metric is not None and prev_metric.growth and between \
                    and all(c in LIST_SEP + " " for c in between):
                met.growth = True
        met.plan = section == 4 or (met.year is not None and met.year.isdigit()
                                     and rep.reporting_year is not None and int(met.year) > rep.reporting_year)
        if met.kind in ("percent", "bare") and is_rate_label(met.label, conf):
            met.rate = met.label
        met.agent = _agent_of(met, conf)
        if met.agent is None and prev_metric is not None and prev_metric.clause == met.clause \
                and prev_metric.agent and any(a in prev_metric.agent for a in conf.agents):
            met.agent = prev_metric.agent  # 区城管执法局立案查处…1240件，罚没款386.2万元
        met.index = len(out)
        if met.share_of is not None and prev_metric is not None and prev_metric.sentence == met.sentence \
                and prev_metric.kind in ("count", "amount", "measure", "bare"):
            met.numerator = prev_metric.index
            if not met.label:
                met.label = f"{prev_metric.label}占比" if prev_metric.label else "占比"
        out.append(met)
        prev_end = max(raw.end, post_end)
        prev_metric = met
    _respectively(text, out, first_in_block, conf)


def _respectively(text: str, out: list[Metric], first: int, conf: _Conf) -> None:
    """Pair the items named before 分别 with the values after it; mark unpaired lists."""
    block_metrics = out[first:]
    for m in re.finditer(r"分别", text):
        p = m.end()
        vals = [x for x in block_metrics if x.start >= p]
        if not vals:
            continue
        # values must start right after 分别 (with at most a short verb) and follow each other
        gap = text[p:vals[0].start]
        if len(gap) > 4 or any(c in "，,。；;" for c in gap):
            continue
        chain = [vals[0]]
        for x in vals[1:]:
            between = text[chain[-1].end:x.start]
            if between and all(c in LIST_SEP + " " for c in between) or between in ("和", "及", "以及", "与"):
                chain.append(x)
            else:
                break
        # items: the clause before 分别
        b = m.start()
        while b > 0 and text[b - 1] not in "，,；;。：:！？!?":
            b -= 1
        items_text = text[b:m.start()]
        if conf.growth is not None:
            items_text = conf.growth.sub("", items_text)
        items_text = _strip_end(items_text, conf.copulas)
        items_text = _strip_start(items_text, conf.fillers)
        items = [clean_label(x) for x in re.split(r"、|以及|和|及|与|，|,", items_text) if clean_label(x)]
        if len(chain) == 1 and len(items) > 1:
            chain[0].respectively = "unpaired"
            continue
        if len(items) == len(chain):
            for it, x in zip(items, chain):
                x.label = it
                x.label_start = text.find(it, b) if text.find(it, b) >= 0 else x.label_start
                x.respectively = "paired"
                x.twin = None
                if x.kind in ("percent", "bare"):
                    x.rate = it if any(it.endswith(s) for s in conf.rate_suffixes) else x.rate
        else:
            for x in chain:
                x.respectively = "unpaired"


def _breakdowns(rep: Report, metrics: list[Metric], conf: _Conf) -> list[Breakdown]:
    """Resolve 其中 lists and "X中，…" phrases into breakdowns (total + items)."""
    out: list[Breakdown] = []
    by_sentence: dict[int, list[Metric]] = {}
    for m in metrics:
        if m.table is None:
            by_sentence.setdefault(m.sentence, []).append(m)
    countable = ("count", "amount", "measure")
    ms_all = metrics
    for sid, ms in by_sentence.items():
        i = ms[0].block
        text = rep.norm[i].text
        lo_pos = min(m.start for m in ms)
        hi_pos = max(m.end for m in ms)
        # sentence extent in the text
        s0 = lo_pos
        while s0 > 0 and text[s0 - 1] not in SENTENCE_END:
            s0 -= 1
        s1 = hi_pos
        while s1 < len(text) and text[s1] not in SENTENCE_END:
            s1 += 1
        quotes = _spans(text, QUOTE_RE)
        qz = [q.start() for q in re.finditer("其中", text[s0:s1])]
        qz = [s0 + q for q in qz if not _inside(quotes, s0 + q, s0 + q + 2)]
        # a sentence continued by 。其中 — the 其中 after a full stop
        for k, p in enumerate(qz):
            nxt = qz[k + 1] if k + 1 < len(qz) else len(text)
            cut = False
            if not text.startswith(("其中：", "其中:"), p):
                # the list ends at ； (…终止3件；以镇政府为被告的行政诉讼案件9件 is a sibling), unless the
                # clauses go on in parallel with a share each (解决采纳24件，占75%；列入计划8件，占20%)
                seg_start = p
                for semi in re.finditer(r"[；;]", text[p:nxt]):
                    here = p + semi.start()
                    def has_share(a: int, b: int) -> bool:
                        return any(a <= m.start < b and m.share_of is not None and m.numerator is not None
                                   and a <= ms_all[m.numerator].start for m in ms)
                    nxt_semi = re.search(r"[；;]", text[here + 1:nxt])
                    seg_end = here + 1 + nxt_semi.start() if nxt_semi else nxt
                    if has_share(seg_start, here) and has_share(here + 1, seg_end):
                        seg_start = here + 1
                        continue
                    nxt = here
                    cut = True
                    break
            if k + 1 < len(qz) and not cut:
                # the figure right before the next 其中 is that list's total, not an item of this one
                last = [m for m in ms if p <= m.start and m.end <= nxt]
                if last:
                    nxt = last[-1].start
            for m in ms:
                if p <= m.start < nxt:
                    m.after_qizhong = True
            parens = _spans(text, PAREN_RE)
            cands = [m for m in ms if m.end <= p and m.kind in countable and not m.growth and m.share_of is None
                     and m.respectively != "unpaired" and not m.year
                     and not (_inside(parens, m.start, m.end) and not _inside(parens, p, p + 2))]
            groups: dict[int, list[int]] = {}
            cats: dict[int, list[str]] = {}
            owner = ""
            first_item: Metric | None = None
            for m in ms:
                if not (p <= m.start < nxt) or m.share_of is not None or m.kind not in countable:
                    continue
                if _inside(parens, m.start, m.end) and not _inside(parens, p, p + 2):
                    continue  # （含撤销8件、确认违法4件）: a sub-item, not an item
                if m.growth or m.respectively == "unpaired":
                    break
                same = [c for c in cands if _unit_compatible(c, m)]
                if not same:
                    owner = m.label  # an attribute of the items (简易案件693件 … 金额70350元)
                    prev = _previous_total(rep, by_sentence.get(sid - 1, []), ms, p, m, conf)
                    if prev is None:
                        continue
                    same = [prev]
                scored = [(suffix_match(_object_label(c, same, conf), m.label), c) for c in same if c.label]
                scored = [x for x in scored if x[0] >= 2]
                matched = False
                if scored:
                    best = max(x[0] for x in scored)
                    tops = [c for sc, c in scored if sc == best]
                    # a tie: the total of the list's first item, else the one naming the item's verb
                    # (其中新收一审案件… after 新收…86件，审结90件), else the nearest
                    verbs = [v for v in conf.stage_verbs if v in m.label]
                    named = [c for c in tops if any(v in c.label for v in verbs)]
                    if first_item is not None and first_item.total is not None \
                            and any(c.index == first_item.total for c in tops):
                        total = next(c for c in tops if c.index == first_item.total)
                    elif named:
                        total = named[-1]
                    else:
                        total = tops[-1]
                    matched = True
                else:
                    total = same[-1]
                    between = [c for c in ms if total.end <= c.start and c.end <= p and c.kind in countable]
                    if between or p - total.end > 30:
                        continue  # not the figure the 其中 follows: no total for this item
                if first_item is None:
                    first_item = m
                else:
                    sv = [v for v in conf.stage_verbs
                          if v in m.label and v not in total.label and v not in first_item.label]
                    if sv and not matched:
                        break  # 审结45件 after 其中维持…: a sibling of the total, the list is over
                m.total = total.index
                m.total_label = total.label
                groups.setdefault(total.index, []).append(m.index)
                cat = m.label
                if owner and (not cat or suffix_match(cat, total.label) >= 2 or len(cat) <= 4):
                    cat = owner + cat
                cats.setdefault(total.index, []).append(cat)
                owner = ""
            for t, items in groups.items():
                bd = Breakdown(t, items, categories=cats[t])
                _classify(bd, conf)
                for it in items:
                    metrics[it].breakdown = len(out)
                out.append(bd)
        # "X中，…": 代表建议办理结果中“解决采纳”112件
        for m in ms:
            if m.kind not in countable or m.total is not None or m.after_qizhong:
                continue
            b = m.start
            while b > 0 and text[b - 1] not in "，,；;。！？!?":
                b -= 1
            am = AMONG_RE.search(text, b, m.start)
            if not am or am.start() != b and text[b:am.start()].strip():
                continue
            phrase = am.group(1)
            scored = []
            for c in ms:
                if c.end > b or c.kind not in countable or not _unit_compatible(c, m) or c.growth:
                    continue
                sc = suffix_match(c.label, phrase)
                if sc >= 2:
                    scored.append((sc, c))
            if not scored:
                continue
            best = max(sc for sc, _ in scored)
            tops = [c for sc, c in scored if sc == best]
            if len(tops) != 1:
                continue
            total = tops[0]
            if m.label.startswith(phrase + "中"):
                m.label = m.label[len(phrase) + 1:] or m.label
                m.label_start = max(m.label_start, am.end())
            m.total = total.index
            m.total_label = total.label
            bd = Breakdown(total.index, [m.index], categories=[m.label])
            m.breakdown = len(out)
            out.append(bd)
    return out


PAREN_RE = re.compile(r"[（(][^（()）]{0,80}[）)]")


def _previous_total(rep: Report, prev: list[Metric], ms: list[Metric], p: int, m: Metric,
                    conf: _Conf) -> Metric | None:
    """The total of a 其中 item whose own sentence has no figure of its kind before the 其中: a
    list of counts after an amount (全年查处案件812件。罚没款共计156.3万元，其中一般程序案件530件、
    罚没款148.9万元…). It is the one figure of the item's kind in the sentence right before, in the
    same paragraph, whose label ends most like the item's (…案件 / …案件); a tie or none: None."""
    if not prev or prev[0].block != m.block:
        return None
    if any(c.kind == m.kind and c.end <= p for c in ms):
        return None  # the sentence has its own figure of this kind: not this case
    same = [c for c in prev if _unit_compatible(c, m)]
    if not same:
        return None
    text = rep.norm[m.block].text
    if text[same[-1].end:ms[0].start].count("。") != 1:
        return None  # not the sentence right before
    scored = [(suffix_match(_object_label(c, same, conf), m.label), c) for c in same]
    best = max(sc for sc, _ in scored)
    tops = [c for sc, c in scored if sc == best]
    if best < 2 or len(tops) != 1:
        return None  # no figure, or more than one (完成案件1333件，有效记录案件1319件), it can be the total of
    c = tops[0]
    if c.growth or c.share_of is not None or c.year or c.respectively == "unpaired" or c.total is not None:
        return None
    return c


def _verbless(label: str, conf: _Conf) -> str:
    """``label`` without its stage verbs and carry-over words (审结, 受理, 旧存 …): the object it counts."""
    for v in conf.stage_verbs + _desc(conf.raw.get("relation_words", {}).get("carry_over", [])):
        label = label.replace(v, "")
    return label


def _object_label(c: Metric, cands: list[Metric], conf: _Conf) -> str:
    """The label a 其中 list is matched against: an elliptical label (审结90件 after 新收行政诉讼案件86件，
    旧存12件) names only a verb and counts the object of the last figure before it that names one, so
    that object is added; a tie between two totals then goes to the nearer one, the figure the 其中
    follows."""
    if len(_verbless(c.label, conf)) >= 2:
        return c.label
    for x in reversed([x for x in cands if x.end <= c.start]):
        obj = _verbless(x.label, conf)
        if len(obj) >= 2:
            return c.label + obj
    return c.label


def _parenthetical(rep: Report, metrics: list[Metric], out: list[Breakdown], conf: _Conf) -> None:
    """A figure followed by a bracketed list of figures in its unit: 1009件（人大建议406件，政协提案603件）."""
    by_block: dict[int, list[Metric]] = {}
    for m in metrics:
        if m.table is None:
            by_block.setdefault(m.block, []).append(m)
    for i, ms in by_block.items():
        text = rep.norm[i].text
        for pm in PAREN_RE.finditer(text):
            a, b = pm.span()
            before = [m for m in ms if m.end <= a]
            if not before or text[before[-1].end:a].strip():
                continue
            t = before[-1]
            if t.kind not in ("count", "amount", "measure") or t.total is not None:
                continue
            items = [m for m in ms if a < m.start and m.end < b and _unit_compatible(t, m)
                     and m.total is None and not m.growth and not m.year and m.approx is None]
            if not items:
                continue
            for m in items:
                m.total = t.index
                m.total_label = t.label
                m.breakdown = len(out)
            bd = Breakdown(t.index, [m.index for m in items], categories=[m.label for m in items])
            _classify(bd, conf)
            out.append(bd)


def _sum_lines(rep: Report, metrics: list[Metric], out: list[Breakdown]) -> None:
    """A 合计 figure after the figures it adds up: 非常满意802条，满意163条，合计965条."""
    by_sentence: dict[int, list[Metric]] = {}
    for m in metrics:
        if m.table is None:
            by_sentence.setdefault(m.sentence, []).append(m)
    for ms in by_sentence.values():
        text = rep.norm[ms[0].block].text
        for k, t in enumerate(ms):
            if k < 2 or t.label or t.kind not in ("count", "amount"):
                continue
            b = cstart_of(text, t.start)
            head = text[b:t.start]
            if not re.fullmatch(r"(?:以上|上述|两项|三项|各项)?(?:合计|总计|共计)(?:为|达)?", head):
                continue
            parts = []
            for m in reversed(ms[:k]):
                if not _unit_compatible(t, m) or m.total is not None or m.share_of is not None:
                    break
                parts.append(m)
            if len(parts) < 2 or any(m.kind == "percent" for m in ms[k - len(parts):k]):
                continue
            parts.reverse()
            bd = Breakdown(t.index, [m.index for m in parts], exhaustive=True, disjoint=True,
                           reason=msg("N003.reason.sum-line"), categories=[m.label for m in parts])
            for m in parts:
                m.total = t.index
                m.total_label = "合计"
                m.breakdown = len(out)
            out.append(bd)


def _next_sentence(rep: Report, metrics: list[Metric], out: list[Breakdown], conf: _Conf) -> None:
    """A total in one sentence and its breakdown in the next, introduced by one of metrics.toml
    [breakdowns] ``next_sentence_leads`` (全年查处案件320件。按案件类型分，简易程序案件150件，一般程序案件160件。).
    Kept only when the items are every member of a complete category set (简易/一般) and the sentence
    before has exactly one figure of their kind: otherwise whose parts they are is not certain (a list
    of results closed by 其他 may lag a total of applications still pending), and N says nothing."""
    leads = tuple(_desc(conf.raw.get("breakdowns", {}).get("next_sentence_leads", [])))
    if not leads:
        return
    by_block: dict[int, list[Metric]] = {}
    for m in metrics:
        if m.table is None:
            by_block.setdefault(m.block, []).append(m)
    countable = ("count", "amount", "measure")
    for i, ms in by_block.items():
        text = rep.norm[i].text
        for sm in re.finditer(r"[。！？!?]\s*", text):
            a = sm.end()
            if not text.startswith(leads, a):
                continue
            b = a
            while b < len(text) and text[b] not in SENTENCE_END:
                b += 1
            items = [m for m in ms if a <= m.start and m.end <= b]
            before = [m for m in ms if m.end <= sm.start()]
            if len(items) < 2 or not before:
                continue
            if any(m.total is not None or m.kind not in countable or m.growth or m.share_of is not None
                   or m.approx or m.year for m in items):
                continue
            if not all(_unit_compatible(items[0], m) for m in items):
                continue
            s0 = sm.start()
            while s0 > 0 and text[s0 - 1] not in SENTENCE_END:
                s0 -= 1
            prev = [m for m in before if m.start >= s0 and _unit_compatible(m, items[0])]
            if len(prev) != 1 or prev[0].growth or prev[0].share_of is not None or prev[0].total is not None:
                continue
            t = prev[0]
            bd = Breakdown(t.index, [m.index for m in items], categories=[m.label for m in items])
            _classify(bd, conf)
            if not bd.exhaustive or bd.reason is None or bd.reason.id != "N003.reason.complete-set":
                continue  # 其他 closes a list of results, but results may lag the total (cases pending)
            bd.reason = msg("N003.reason.next-sentence", reason=bd.reason)
            for m in items:
                m.total = t.index
                m.total_label = t.label
                m.breakdown = len(out)
            out.append(bd)


def _unit_compatible(a: Metric, b: Metric) -> bool:
    if a.kind == "amount" and b.kind == "amount":
        return True
    return a.kind == b.kind and a.unit == b.unit and a.kind != "bare"


def _classify(bd: Breakdown, conf: _Conf) -> None:
    cats = bd.categories
    if any(any(c.startswith(w) for w in conf.rest_words) for c in cats):
        bd.exhaustive = bd.disjoint = True
        bd.reason = msg("N003.reason.ends-with-rest")
        return
    for part in conf.partitions:
        members = sorted(part.get("members", []), key=len, reverse=True)
        hits = []
        for c in cats:
            mm = [w for w in members if w in c]
            if len(mm) != 1 and not (mm and all(w in mm[0] for w in mm)):
                hits = None
                break
            hits.append(mm[0])
        if hits is None or len(set(hits)) != len(hits) or len(hits) < 2:
            continue
        bd.disjoint = True
        if part.get("complete") and set(hits) == set(part.get("members", [])):
            bd.exhaustive = True
            bd.reason = msg("N003.reason.complete-set", members="/".join(part["members"]))
        else:
            bd.reason = msg("N003.reason.distinct-set", members="/".join(part["members"]))
        return


# ---------------------------------------------------------------- tables

def _extract_tables(rep: Report, conf: _Conf, out: list[Metric]) -> None:
    grid: dict[int, dict[tuple[int, int], int]] = {}
    for i in rep.body_range():
        b = rep.doc.blocks[i]
        if b.table is None or b.row is None or b.col is None:
            continue
        grid.setdefault(b.table, {})[(b.row, b.col)] = i
    skip_cols = conf.tables.get("skip_columns", [])
    for t, cells in grid.items():
        def txt(r: int, c: int) -> str:
            i = cells.get((r, c))
            return rep.norm[i].text.strip() if i is not None else ""

        rows = sorted({r for r, _ in cells})
        cols = sorted({c for _, c in cells})
        header_row = rows[0]
        for r in rows[1:]:
            row_label = ""
            for c in cols:
                v = txt(r, c)
                if v and not _numeric_cell(v, conf) and not any(txt(header_row, c).startswith(w) for w in skip_cols):
                    row_label = v
                    break
            for c in cols:
                i = cells.get((r, c))
                if i is None:
                    continue
                head = txt(header_row, c)
                if any(head.startswith(w) for w in skip_cols):
                    continue
                v = rep.norm[i].text
                raw = _numeric_cell(v, conf)
                if raw is None:
                    continue
                unit, kind, factor = raw.unit, raw.kind, raw.factor
                if not unit:
                    hm = re.search(r"[（(]([^）)]{1,4})[）)]", head)
                    hu = hm.group(1) if hm else ""
                    hit = next(((u, k, f) for u, k, f in conf.units if u == hu), None)
                    if hit:
                        unit, kind, factor = hit
                    else:
                        kind = "count" if raw.exact else "bare"
                ostart, oend = rep.norm[i].span(raw.start, raw.end)
                label = clean_label(f"{row_label}／{re.sub(r'[（(][^）)]{1,6}[）)]', '', head)}") if head else row_label
                met = Metric(
                    block=i, start=raw.start, end=raw.end, ostart=ostart, oend=oend,
                    text=rep.doc.blocks[i].text[ostart:oend], number=raw.number, value=float(raw.value),
                    unit=unit, kind=kind, lo=raw.lo if raw.approx is None else -INF,
                    hi=raw.hi if raw.approx is None else INF, exact_text=raw.exact, label=label,
                    label_start=raw.start, approx=raw.approx, factor=factor, table=(t, r, c),
                    sentence=-1, clause=-1,
                )
                met.index = len(out)
                if kind == "percent" and is_rate_label(clean_label(head), conf):
                    met.rate = clean_label(head)
                out.append(met)


_BARE_CELL = re.compile(r"^\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*$")


def _numeric_cell(text: str, conf: _Conf) -> _Raw | None:
    """The single figure a table cell consists of (``12``, ``12件``, ``98.5%``), else None."""
    t = text.strip()
    if not t:
        return None
    m = _BARE_CELL.match(t)
    if m:
        ar = m.group(1).replace(",", "")
        value = Decimal(ar)
        decimals = len(ar.split(".", 1)[1]) if "." in ar else 0
        lo, hi = _interval(value, decimals, 1, decimals == 0)
        s = text.find(m.group(1))
        return _Raw(s, s, s + len(m.group(1)), s + len(m.group(1)), m.group(1), value, "", "bare", 1.0, lo, hi,
                    decimals == 0, None)
    raws = _scan(t + "。", conf, [], [])
    if len(raws) == 1 and raws[0].start == 0 and raws[0].end == len(t) and raws[0].kind != "bare":
        off = text.find(t)
        r = raws[0]
        r.start += off
        r.end += off
        r.num_start += off
        r.num_end += off
        return r
    return None


# ---------------------------------------------------------------- entry points

def extract_facts(rep: Report) -> MetricFacts:
    """All figures and breakdowns of the report proper (computed once, kept in ``rep.cache``)."""
    facts = rep.cache.get("metrics")
    if facts is not None:
        return facts
    conf = _conf(rep)
    metrics: list[Metric] = []
    skip = set(rep.title_blocks)
    if rep.signing is not None:
        skip.add(rep.signing.block)
    sent_base = 0
    clause_base = 0
    for i in rep.body_range():
        if i in skip or rep.doc.blocks[i].in_table:
            continue
        t = rep.norm[i].text
        if not t or not any(ch.isdigit() or ch in _CN_ALL for ch in t):
            continue
        _extract_text_block(rep, i, conf, metrics, [sent_base, clause_base])
        sent_base += len(t) + 1
        clause_base += len(t) + 1
    _extract_tables(rep, conf, metrics)
    breakdowns = _breakdowns(rep, metrics, conf)
    _parenthetical(rep, metrics, breakdowns, conf)
    _sum_lines(rep, metrics, breakdowns)
    _next_sentence(rep, metrics, breakdowns, conf)
    sentences: dict[tuple[int, int], list[Metric]] = {}
    for x in metrics:
        if x.table is None:
            sentences.setdefault((x.block, x.sentence), []).append(x)
    facts = MetricFacts(metrics, breakdowns, sentences)
    rep.cache["metrics"] = facts
    return facts


def extract_metrics(rep: Report) -> list[Metric]:
    """Every figure of the report proper, in reading order (text first, then table cells).

    Returns:
        Metric values; ``Metric.as_dict(doc)`` gives the JSON ``facts.metrics`` entry.
    """
    return extract_facts(rep).metrics


def metrics_dicts(rep: Report) -> list[dict[str, Any]]:
    """``facts.metrics`` for the JSON output (SPEC §7)."""
    return [m.as_dict(rep.doc) for m in extract_metrics(rep)]


__all__ = ["Metric", "Breakdown", "MetricFacts", "extract_metrics", "extract_facts", "metrics_dicts",
           "clean_label", "is_rate_label", "suffix_match", "metric_conf"]

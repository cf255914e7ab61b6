"""Scanning paragraphs for figures: numerals and units (Arabic and Chinese, 万/亿 multipliers), the
precision interval of each, and the qualifiers a sentence gives them — approximation, partial period,
other year, topic, scope, growth, plan section, 分别 pairing.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from decimal import Decimal, InvalidOperation

from ... import recache
from ...numerals import cn_value
from ...structure import Report
from .model import (_Raw, FULL_YEAR_RE, INF, LIST_SEP, Metric, NUM_RE, PAREN_RE, PRE_BOUNDARY, QUOTE_RE, TOPIC_RE,
                    YEAR_RE)
from .packs import _Conf
from .text import _inside, _segment_bounds, _spans, cstart_of
from .labels import _agent_of, _label, _post_noun, _strip_end, _strip_start, clean_label, is_rate_label


# ---------------------------------------------------------------- numerals

def _interval(value: Decimal, decimals: int, mult: int, exact_int: bool) -> tuple[float, float]:
    """Interval of the true value given the displayed precision (rounding ∪ truncation)."""
    v = float(value * mult)
    if exact_int:
        return v, v
    step = float(Decimal(1).scaleb(-decimals) * mult)
    return v - step / 2, v + step


# ---------------------------------------------------------------- scanning


def _fixed_spans(text: str, conf: _Conf) -> list[tuple[int, int]]:
    """Every occurrence of a fixed expression (十四五, 一网通办) in ``text``."""
    fixed = []
    if conf.fixed_any is None or conf.fixed_any.search(text):
        for ph in conf.fixed:
            p = text.find(ph)
            while p >= 0:
                fixed.append((p, p + len(ph)))
                p = text.find(ph, p + 1)
    return fixed


def _scan(text: str, conf: _Conf, quotes: list[tuple[int, int]] | None = None,
          fixed: list[tuple[int, int]] | None = None) -> list[_Raw]:
    """Figures of a normalised text in order (numbers with a unit, or bare numbers after 为/是/达).
    ``quotes`` and ``fixed`` (spans no figure is read in) default to the quotes and fixed expressions
    of ``text``."""
    out: list[_Raw] = []
    for m in NUM_RE.finditer(text):
        s, e = m.span()
        pcn, ar, mg, cn = m.group("pcn", "ar", "mult", "cn")
        if ar is not None and mg is None:
            nc = text[e:e + 1]
            if nc and nc not in conf.unit_at and nc not in conf.middle_at and nc not in "，,。；;、）)":
                continue  # 2023年, 3.: no unit can follow and a bare number ends its clause: never read below
        if quotes is None:  # found when first needed: most paragraphs have no figure to test
            quotes = _spans(text, QUOTE_RE)
            fixed = _fixed_spans(text, conf)
        if (quotes and _inside(quotes, s, e)) or (fixed and any(a <= s < b or a < e <= b for a, b in fixed)):
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
        if pcn is not None:
            raw = pcn
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
        if ar is not None:
            ar = ar.replace(",", "")
            try:
                value = Decimal(ar)
            except InvalidOperation:
                continue
            decimals = len(ar.split(".", 1)[1]) if "." in ar else 0
            if mg:
                mult = {"万": 10_000, "亿": 100_000_000, "千万": 10_000_000, "百万": 1_000_000}[mg]
            exact_int = decimals == 0 and mult == 1
        else:
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
        if ar is not None and mg in ("万", "亿"):
            # 5286.34万元 / 10万余元: money in 万元, not a multiplier
            k = pos
            mid = _word_at(text, k, conf.middle_at)
            if text.startswith("元", k + (len(mid) if mid else 0)):
                mult = 1
                middle = mid
                number = m.group("ar")
                unit = mg + "元"
                pos = k + (len(mid) if mid else 0) + 1
                exact_int = False
        if not unit:
            mid = _word_at(text, pos, conf.middle_at)
            if mid:
                nxt = pos + len(mid)
                if _word_at(text, nxt, conf.unit_at) is not None:
                    middle = mid
                    pos = nxt
            found = _word_at(text, pos, conf.unit_at)
            if found is not None:
                unit = found[0]
                pos += len(unit)
        if unit:
            kind, factor = conf.unit_kind.get(unit, ("count", 1.0))
        else:
            kind, factor = "bare", 1.0
            # a bare number: only after 为/是/达 and before a clause end (败诉率为0，)
            if ar is None or mult != 1:
                continue
            pre = text[max(0, s - 2):s]
            nxt = text[pos:pos + 1]
            if not (pre.endswith(("为", "是", "达")) and (nxt == "" or nxt in "，,。；;、）)")):
                continue
        after = _word_at(text, pos, conf.after_at)
        if after:
            pos += len(after)
        start = s
        before_word = None
        if s > 0:
            for w in conf.before_end.get(text[s - 1], ()):
                if text.endswith(w, 0, s):
                    before_word = w
                    break
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
        out.append(_Raw(start, s, m.end() if cn is None else s + len(number), pos, number,
                        value * mult, unit, kind, factor, lo, hi, exact_int, approx))
    return out


def _word_at(text: str, pos: int, index: dict[str, list]):
    """The first of the words (or ``(word, …)`` tuples) of ``index`` (grouped by first character,
    :func:`.packs._by_char`) that ``text`` has at ``pos``; None when none."""
    if pos >= len(text):
        return None
    for w in index.get(text[pos], ()):
        if text.startswith(w if isinstance(w, str) else w[0], pos):
            return w
    return None


_LAST_YEAR_RE = recache.compile(r"去年|上年|上一年度|上年度|同期")
_CLAUSE_BREAK_RE = recache.compile(r"[，,；;。！？!?]")  # where cstart_of stops
_FOUR_DIGITS_RE = recache.compile(r"\d{4}")  # what every year YEAR_RE reads has
_RESPECTIVELY_RE = recache.compile(r"分别")
_ITEM_SEP_RE = recache.compile(r"、|以及|和|及|与|，|,")


def _partial_in(text: str, conf: _Conf) -> bool:
    """Some partial period of ``conf`` matches somewhere in ``text`` (each pattern tried only where a
    string it needs is: one search per pattern beats one search of them all joined)."""
    for p, need in zip(conf.partial, conf.partial_each):
        if (need is None or all(w in text for w in need)) and p.search(text) is not None:
            return True
    return False


def _period_at(text: str, sentence_start: int, pos: int, conf: _Conf, block_period: str | None) -> str | None:
    seg = text[sentence_start:pos]
    if conf.partial_needs is not None and conf.partial_needs.search(seg) is None:
        return block_period
    found = None
    for p, need in zip(conf.partial, conf.partial_each):
        if need is not None and not all(w in seg for w in need):
            continue  # it lacks a string every match has
        for m in p.finditer(seg):
            if FULL_YEAR_RE.match(m.group(0)):
                continue
            if found is None or m.start() > found[0]:
                found = (m.start(), m.group(0))
    if found:
        return found[1]
    return block_period


def _year_at(text: str, sentence_start: int, pos: int, rep: Report, quotes, parens_all,
             cstart: int | None = None, years: bool = True, last_year: bool = True) -> str | None:
    """The year a figure at ``pos`` is about when not the reporting year: the last year named before it
    in its sentence, or 去年 for 去年/上年/同期 in its clause. ``years`` False: the sentence names no
    year; ``last_year`` False: the paragraph has no 去年/上年/同期 (nothing to search)."""
    y = rep.reporting_year
    seg = text[sentence_start:pos]
    last = None
    parens = None
    for m in (YEAR_RE.finditer(seg) if years else ()):
        if parens is None:
            parens = [(a, b) for a, b in parens_all if not (a < pos < b)]
        a = sentence_start + m.start()
        if _inside(quotes, a, a + len(m.group(0))) or _inside(parens, a, a + len(m.group(0))):
            continue
        after = seg[m.end():m.end() + 1]
        if after and after in "—-－~～至到":
            continue
        last = int(m.group(1) or m.group(2))
    if last_year and _LAST_YEAR_RE.search(text, cstart_of(text, pos) if cstart is None else cstart, pos):
        return "去年"
    if last is not None and y is not None and last != y:
        return str(last)
    return None


def _extract_text_block(rep: Report, i: int, conf: _Conf, out: list[Metric], ids: list[int]) -> None:
    text = rep.norm[i].text
    if not text:
        return
    raws = _scan(text, conf)
    if not raws:
        return
    quotes = _spans(text, QUOTE_RE)
    sent_bounds, clause_bounds, sent_start = _segment_bounds(text)
    last_char = len(text) - 1
    scope_at: list[tuple[int, str]] = []  # every occurrence of a scope word: (offset, word)
    if conf.scopes_any is None or conf.scopes_any.search(text):
        for w in conf.scopes:
            p = text.find(w)
            while p >= 0:
                scope_at.append((p, w))
                p = text.find(w, p + 1)
    last_year = _LAST_YEAR_RE.search(text) is not None
    clause_breaks = [m.start() for m in _CLAUSE_BREAK_RE.finditer(text)]
    years_in: dict[int, bool] = {}  # sentence → does it have four digits in a row (a year YEAR_RE can read)
    parens_all = _spans(text, PAREN_RE)
    topics = [(m.end(), m.group(1)) for m in TOPIC_RE.finditer(text)]
    # a period at the very start of the paragraph covers the whole paragraph
    block_period = None
    head = text[:16]
    for p in (conf.partial if _partial_in(head, conf) else ()):
        m = p.search(head)
        if m and m.start() <= 4 and not FULL_YEAR_RE.match(m.group(0)):
            block_period = m.group(0)
            break
    section = rep.section_of(i)
    base_sent, base_clause = ids
    prev_end = 0
    prev_metric: Metric | None = None
    first_in_block = len(out)
    period_in: dict[int, bool] = {}  # sentence → does any partial period match in it
    has_period = True
    for raw in raws:
        s = raw.num_start
        sid = bisect_right(sent_bounds, min(s, last_char))
        cid = bisect_right(clause_bounds, min(s, last_char))
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
        pre_start = max(b, prev_end if prev_metric is not None
                        and bisect_right(sent_bounds, min(prev_metric.start, last_char)) == sid else 0)
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
        if conf.partial_leftward:
            has_period = period_in.get(sid)
            if has_period is None:
                nxt = sent_start.get(sid + 1, len(text))
                has_period = period_in[sid] = (
                    (conf.partial_needs is None or conf.partial_needs.search(text, sstart, nxt) is not None)
                    and _partial_in(text[sstart:nxt], conf))
        met.period = _period_at(text, sstart, s, conf, block_period) if has_period else block_period
        k = bisect_left(clause_breaks, s) - 1  # cstart_of(text, s): after the last clause break before s
        cstart = clause_breaks[k] + 1 if k >= 0 else 0
        years = years_in.get(sid)
        if years is None:
            years = years_in[sid] = _FOUR_DIGITS_RE.search(text, sstart, sent_start.get(sid + 1, len(text))) is not None
        met.year = _year_at(text, sstart, s, rep, quotes, parens_all, cstart, years, last_year)
        best = None  # the last scope word of the clause before the figure (the longer at one offset)
        for p, w in scope_at:
            if cstart <= p and p + len(w) <= s and (best is None or p > best[0]
                                                    or (p == best[0] and len(w) > len(best[1]))):
                best = (p, w)
        met.scope = best[1] if best else None
        met.topic = next((t for a, t in reversed(topics) if a < s), None) if topics else None
        # growth: a change word in the clause before the figure (同比增长12%), or a value listed right
        # after a growth figure (同比分别下降12.3%、11.0%)
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
    for m in _RESPECTIVELY_RE.finditer(text):
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
        items_text = _strip_end(items_text, conf.copulas, conf.copulas_end)
        items_text = _strip_start(items_text, conf.fillers, conf.fillers_at)
        items = [clean_label(x) for x in _ITEM_SEP_RE.split(items_text) if clean_label(x)]
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

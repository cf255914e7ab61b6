"""T002 — titles: regulations, plans and meetings cited in 《》 or named in running text.

Cited titles are compared with the canonical titles of ``rules/titles.toml`` (rapidfuzz edit
distance; a national law in force of ``rules/laws.toml`` cited exactly is never a near-miss), the
edition of a plan with the reporting year, and meetings (plenary sessions, party congresses: the
calendar of titles.toml [meetings]) with the date the report was written.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable, Iterator

from rapidfuzz.distance import Levenshtein

from .. import recache
from ..findings import Fix
from ..i18n import Msg, msg
from ..nearmiss import NearMiss, NearMissFinder, look_alikes, sound_alike
from ..packs import per_packs
from ..spans import inside, title_spans
from . import Hit, body_blocks, check, rule
from .confusions import confusion_spans, source_text

rule("T002", "title-mismatch", "error",
     "A regulation, plan or meeting cited with a character added, dropped or changed, or with a word that "
     "turns one known term into another (法治建设 ↔ 法治政府建设; in the running duty term a warning); a plan "
     "cited with an edition that does not cover the reporting year; a meeting named before it was held; a "
     "plenary session named without 全会. A national law in force cited exactly is never a near-miss.",
     "《党政机关公文处理工作条例》 (引用公文先引标题，后引发文字号); the canonical titles of rules/titles.toml; "
     "the national laws in force of rules/laws.toml (国家法律法规数据库)",
     fail="根据《法治政府建设与责任落实督查工作规定》……", passes="根据《法治政府建设与责任落实督察工作规定》……",
     severities=("error", "warning"))

_DASHES = re.escape("—–－―‐‑~～-")
_PERIOD = recache.compile(rf"（\s*(\d{{4}})\s*年?\s*[{_DASHES}]+\s*(\d{{4}})\s*(年?)\s*）$")
_PREFIX = "中华人民共和国"
_SPACES = recache.compile(r"\s+")
_YEAR_DASH = recache.compile(rf"(\d{{4}})年?[{_DASHES}]+(\d{{4}})")


def fold_title(t: str) -> str:
    """A cited title with the variants that are not T002's folded: spaces, bracket widths,
    nested 《》 → 〈〉, dash/hyphen variants between years → —."""
    t = _SPACES.sub("", t)
    t = t.replace("(", "（").replace(")", "）").replace("<", "〈").replace(">", "〉")
    t = t.replace("《", "〈").replace("》", "〉")
    t = _YEAR_DASH.sub(r"\1—\2", t)
    return t


@dataclass(frozen=True, slots=True)
class TitleEntry:
    """A canonical title of titles.toml: its source, the periods it was issued for (whether a cited
    period is checked against them), and the other names it goes by."""

    title: str
    source: str
    periods: tuple[tuple[int, int], ...]
    check_period: bool
    aliases: tuple[str, ...]


def _title_entries(ctx) -> list[TitleEntry]:
    """The canonical titles of titles.toml (built once per Packs)."""
    return per_packs(ctx.packs, "titles.entries", lambda: _read_entries(ctx.packs))


def _read_entries(packs) -> list[TitleEntry]:
    out = []
    for e in packs["titles"].get("titles", []):
        periods = []
        for p in e.get("periods", []):
            m = re.match(r"(\d{4})\D+(\d{4})", p)
            if m:
                periods.append((int(m.group(1)), int(m.group(2))))
        out.append(TitleEntry(e["title"], e.get("source", ""), tuple(periods), bool(e.get("check_period")),
                              tuple(e.get("aliases", []))))
    return out


def titles_known(ctx) -> set[str]:
    """Canonical titles and their short forms: never T001 near-misses."""
    known = set()
    for e in _title_entries(ctx):
        known.add(e.title)
        known.update(e.aliases)
        if e.title.startswith(_PREFIX):
            known.add(e.title[len(_PREFIX):])
    return known


def _edition(periods, y: int | None) -> tuple[int, int] | None:
    if y is not None:
        for a, b in periods:
            if a <= y <= b or a <= y + 1 <= b:
                return a, b
    return periods[-1] if periods else None


def _fmt_period(p: tuple[int, int]) -> str:
    return f"（{p[0]}—{p[1]}年）"


def _near_title(base: str, entries: list[TitleEntry],
                look: dict[str, set[str]] | None = None) -> tuple[TitleEntry, str] | None:
    """The canonical entry whose title ``base`` near-misses (see titles.toml), with that form.
    A replaced character must be a sound-alike or a look-alike (``look``) of the canonical one in
    titles under 12 characters (《优化营商坏境条例》, 《中华人民共和国民法曲》)."""
    look = look or {}

    def alike(a: str, b: str) -> bool:
        return b in look.get(a, ()) or sound_alike(a, b)

    best = None
    for e in entries:
        forms = [e.title]
        if e.title.startswith(_PREFIX):
            forms.append(e.title[len(_PREFIX):])
        for c in forms:
            if len(c) < 5 or abs(len(c) - len(base)) > 2 or base[0] != c[0]:
                continue
            limit = 1 if len(c) < 12 else 2
            d = Levenshtein.distance(base, c, score_cutoff=limit)
            if d == 0 or d > limit:
                continue
            if base[-1] != c[-1]:
                truncated = len(c) >= 8 and len(base) == len(c) - 1 and c.startswith(base)
                if not truncated and not (len(base) == len(c) and alike(c[-1], base[-1])):
                    continue
            ops = Levenshtein.editops(c, base)
            ok = True
            for op in ops:
                if op.tag == "insert":
                    # only a doubled character, or a particle slipped into a long title (…人的职责规定)
                    ch = base[op.dest_pos]
                    near = base[op.dest_pos - 1:op.dest_pos] + base[op.dest_pos + 1:op.dest_pos + 2]
                    if ch not in near and not (len(c) >= 12 and ch in _TITLE_PARTICLES):
                        ok = False
                elif op.tag == "replace" and len(c) < 12:
                    a, b = c[op.src_pos], base[op.dest_pos]
                    if not alike(a, b):
                        ok = False
            if ok and (best is None or d < best[0]):
                best = (d, e, c)
    return (best[1], best[2]) if best else None


def _genre_swapped(base: str, pm: re.Match | None, entries: list[TitleEntry],
                   genres: tuple[str, ...]) -> tuple[TitleEntry, str] | None:
    """A plan cited with its 文种 word swapped (《法治中国建设纲要（2020—2025年）》 for 规划): the stem
    is a canonical title's and the cited period is that title's edition. Without a period a local
    document of the same stem (某某区法治政府建设实施方案) cannot be told apart: silent."""
    if pm is None:
        return None
    g1 = next((g for g in genres if base.endswith(g)), None)
    if g1 is None:
        return None
    period = (int(pm.group(1)), int(pm.group(2)))
    stem = base[:-len(g1)]
    for e in entries:
        if period not in e.periods:
            continue
        for c in (e.title, e.title.removeprefix(_PREFIX)):
            g2 = next((g for g in genres if c.endswith(g)), None)
            if g2 is not None and g2 != g1 and c[:-len(g2)] == stem and len(stem) >= 4:
                return e, c
    return None


_TITLE_PARTICLES = "的之和与及"
# words that put the old edition of a plan in its own period (收官, 总结评估, 实施期间, 十三五)
_EXEMPT_PERIOD = recache.compile(r"收官|总结|评估|期间|回顾|十三五|实施以来")
_YEAR = recache.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def _about_period(clause: str, a: int, b: int) -> bool:
    """The clause is about the plan's own period: an exempting word, or a year within [a, b]
    named outside the cited title (2020年，全面完成《纲要（2015—2020年）》确定的任务)."""
    if _EXEMPT_PERIOD.search(clause):
        return True
    outside = re.sub(r"《[^》]*》", "", clause)
    return any(a <= int(m.group(1)) <= b for m in _YEAR.finditer(outside))


_MARKS = recache.compile("[《〈<》〉>]")


def _cited_titles(text: str) -> list[tuple[int, int]]:
    """Inner spans of every title cited in 《》 or nested 〈〉 (and < > inside 《》)."""
    out = []
    if "《" not in text and "〈" not in text:
        return out
    stack: list[int] = []
    for mark in _MARKS.finditer(text):
        i, ch = mark.start(), mark.group()
        if ch in "《〈" or (ch == "<" and stack):
            stack.append(i)
        elif (ch in "》〉" or (ch == ">" and stack)) and stack:
            s = stack.pop()
            out.append((s + 1, i))
    return sorted(out)


def laws_in_force(packs) -> frozenset[str]:
    """Folded titles of the national laws in force (laws.toml ``laws``), each also without its
    中华人民共和国 prefix: exact citations that are never a near-miss of another title (the list is
    checked when the packs load); built once per Packs."""
    return per_packs(packs, "titles.laws", lambda: _laws_in_force(packs))


def _laws_in_force(packs) -> frozenset[str]:
    laws = packs["laws"].get("laws", [])
    out = set()
    for t in laws:
        out.add(fold_title(t))
        out.add(fold_title(t.removeprefix(_PREFIX)))
    return frozenset(out)


def _word_swaps(packs) -> list[tuple[str, str]]:
    """titles.toml [word_swaps] ``pairs`` in both directions: (written, meant); built once per Packs."""
    return per_packs(packs, "titles.swaps", lambda: _read_word_swaps(packs))


def _read_word_swaps(packs) -> list[tuple[str, str]]:
    out = []
    for a, b in packs["titles"].get("word_swaps", {}).get("pairs", []):
        out += [(a, b), (b, a)]
    return out


def _swapped_title(base: str, exact: dict[str, "TitleEntry"], swaps) -> tuple["TitleEntry", str, str, str] | None:
    """A canonical title that ``base`` turns into when one word of a swap pair is put back
    (《…履行推进法治政府建设第一责任人职责规定》 → 法治建设): ``(entry, canonical, written, meant)``."""
    for wrong, right in swaps:
        pos = base.find(wrong)
        while pos >= 0:
            cand = base[:pos] + right + base[pos + len(wrong):]
            if cand in exact:
                return exact[cand], cand, wrong, right
            pos = base.find(wrong, pos + 1)
    return None


def _check_cited_title(ctx, i: int, s: int, e: int, entries, exact, y, laws=frozenset(),
                       swaps=()) -> Iterator[Hit]:
    text = ctx.report.norm[i].text
    raw = text[s:e]
    folded = fold_title(raw)
    pm = _PERIOD.search(folded)
    base = folded[:pm.start()] if pm else folded
    if not base:
        return
    entry = exact.get(base)
    canon = base
    if entry is None and base in laws:
        return  # a law in force, cited exactly (网络安全法 is no slip for 国家安全法)
    if entry is None and swaps:
        sw = _swapped_title(base, exact, swaps)
        if sw is not None:
            entry, canon, wrong, right = sw
            fixed = canon + (folded[pm.start():] if pm else "")
            yield ctx.hit("T002", i, s, e, msg("T002.title-word", cited=raw, title=fixed, right=right, wrong=wrong,
                                               source=source_text(entry.source)), fixed)
            return
    if entry is None:
        near = _near_title(base, entries, per_packs(ctx.packs, "terms.look_alikes",
                                                    lambda: look_alikes(ctx.packs["terms"])))
        if near is None:
            near = _genre_swapped(base, pm, entries, tuple(ctx.packs["titles"].get("genre_words", [])))
        if near is None or base in exact:
            return
        entry, canon = near
        fixed = canon + (_fmt_period(_edition(entry.periods, y)) if pm and entry.periods else "")
        if pm and entry.periods:
            a, b = int(pm.group(1)), int(pm.group(2))
            if (a, b) in entry.periods:
                fixed = canon + _fmt_period((a, b))
        yield ctx.hit("T002", i, s, e, msg("T002.title", cited=raw, title=fixed, source=source_text(entry.source)),
                      fixed, fix=Fix(fixed, "unsafe"))
        return
    if not pm or not entry.periods or base not in (fold_title(entry.title), fold_title(entry.title.removeprefix(_PREFIX))):
        return  # no edition cited, or a short form (《纲要》) that may name another plan
    a, b = int(pm.group(1)), int(pm.group(2))
    clause_start = max(text.rfind(c, 0, s) for c in "。；")
    clause = text[clause_start + 1: text.find("。", e) if text.find("。", e) >= 0 else len(text)]
    if (a, b) not in entry.periods:
        if a > max(p[1] for p in entry.periods):
            return  # a newer edition than the pack knows
        good = _edition(entry.periods, y)
        yield ctx.hit("T002", i, s, e,
                      msg("T002.no-edition", title=entry.title, start=a, end=b,
                          editions="、".join(_fmt_period(p) for p in entry.periods)), canon + _fmt_period(good))
        return
    if entry.check_period and y is not None and not (a <= y <= b or a <= y + 1 <= b) \
            and not _about_period(clause, a, b):
        good = _edition(entry.periods, y)
        if good and good != (a, b) and (good[0] <= y <= good[1] or good[0] <= y + 1 <= good[1]):
            yield ctx.hit("T002", i, s, e,
                          msg("T002.edition-year", title=entry.title, start=a, end=b, year=y,
                              good_start=good[0], good_end=good[1]), canon + _fmt_period(good))
        return  # no known edition covers the year: perhaps a newer one the pack does not know
    if not pm.group(3):
        yield ctx.hit("T002", i, s, e, msg("T002.edition-nian", title=entry.title), canon + _fmt_period((a, b)))


_CN_ORD = {c: k for k, c in enumerate("一二三四五六七八九", start=1)}
_PLENUM = recache.compile(r"(十[五六七八九]|二十[一二]?)届((?:[一二三四五六七八九]中[、，]?)+)全会")
_CONGRESS = recache.compile(r"党的(十[五六七八九]|二十[一二]?)大")


def _central_plenum(text: str, start: int, conf: dict) -> bool:
    """The plenary session at ``start`` is the Central Committee's: named by 党的/中央, or not
    qualified by a local party body (区委十八届九中全会 is the district committee's, whose plenary
    sessions have their own numbering). The qualifiers are titles.toml [meetings] ``central_before``
    and ``local_before``."""
    before = text[max(0, start - 8):start]
    central = conf.get("central_before", ["党的", "中共中央", "党中央", "中央"])
    local = conf.get("local_before", [])
    if before.removesuffix("第").endswith(tuple(central)):
        return True
    return not before.removesuffix("第").endswith(tuple(local))


def _date(d: dt.date) -> Msg:
    """A date in the reader's language: 2024-03-01 in English, 2024年3月1日 in Chinese."""
    return msg("T002.date", year=d.year, month=d.month, day=d.day)


def _writing_date(rep) -> tuple[dt.date | None, "Msg | str"]:
    """The latest date the report can have been written, and how it is known (the 成文日期, the
    year and month of the 落款, or the reporting year), as shown in a message."""
    d = rep.signing_date
    if d:
        return d, _date(d)
    line = rep.signing_line
    if line and line.year and line.month:
        last = calendar.monthrange(line.year, line.month)[1]
        return dt.date(line.year, line.month, last), f"{line.year}年{line.month}月"
    if rep.reporting_year:
        return dt.date(rep.reporting_year + 1, 12, 31), msg("T002.written-year", year=rep.reporting_year)
    return None, ""


def _calendar(ctx, conf: dict) -> tuple[dict[str, list[dt.date]], dict[str, dt.date]]:
    """The plenums and congresses of titles.toml [meetings] ``conf`` as dates (read once per Packs)."""
    return per_packs(ctx.packs, "titles.calendar", lambda: (
        {k: [dt.date.fromisoformat(d) for d in v] for k, v in conf.get("plenums", {}).items()},
        {k: dt.date.fromisoformat(v) for k, v in conf.get("congresses", {}).items()}))


def _meetings(ctx, i: int, latest: dt.date, shown: "Msg | str", conf: dict) -> Iterator[Hit]:
    text = ctx.report.norm[i].text
    plenums, congresses = _calendar(ctx, conf)
    complete = conf.get("complete", {})
    future = conf.get("future_words", [])

    def clause_of(s: int) -> str:
        a = max(text.rfind(c, 0, s) for c in "。；，")
        return text[a + 1:s]

    for m in _PLENUM.finditer(text):
        term = m.group(1)
        if any(w in clause_of(m.start()) for w in future):
            continue
        if not _central_plenum(text, m.start(), conf):
            continue  # 县委十八届九中全会: a local party committee's plenary session
        ords = [_CN_ORD[c] for c in re.findall(r"([一二三四五六七八九])中", m.group(2))]
        dates = plenums.get(term, [])
        for n in ords:
            if term in complete and n > complete[term]:
                yield ctx.hit("T002", i, m.start(), m.end(),
                              msg("T002.no-such-plenum", term=term, count=complete[term],
                                  name=f"{term}届{'一二三四五六七八九'[n - 1]}中全会"),
                              msg("T002.no-such-plenum.hint"))
                break
            held = dates[n - 1] if n <= len(dates) else None
            if held is None and dates and latest <= dates[-1]:
                held = dates[-1] + dt.timedelta(days=1)  # later than the last one the pack knows
            if held is not None and held > latest:
                prior = [(k, d) for k, d in enumerate(dates, start=1) if d <= latest]
                name = f"{term}届{'一二三四五六七八九'[n - 1]}中全会"
                sugg = f"{term}届{'一二三四五六七八九'[prior[-1][0] - 1]}中全会" if prior else None
                hint = msg("T002.plenum.latest", name=sugg, date=_date(prior[-1][1])) if sugg else ""
                message = (msg("T002.plenum-later", name=name, held=_date(held), written=shown, latest=hint)
                           if n <= len(dates) else
                           msg("T002.plenum-not-held", name=name, written=shown, latest=hint))
                s = m.start() + m.group(0).find(f"{'一二三四五六七八九'[n - 1]}中")
                e = m.end() if len(ords) == 1 else s + 2
                yield ctx.hit("T002", i, m.start() if len(ords) == 1 else s, e,
                              message,
                              sugg if len(ords) == 1 else (sugg[len(term) + 1:len(term) + 3] if sugg else None))
                break
    for m in _CONGRESS.finditer(text):
        held = congresses.get(m.group(1))
        if held is None or held <= latest or any(w in clause_of(m.start()) for w in future):
            continue
        yield ctx.hit("T002", i, m.start(), m.end(),
                      msg("T002.congress-later", number=m.group(1), held=_date(held), written=shown),
                      msg("T002.congress-later.hint"))


def _meeting_names(conf: dict) -> list[str]:
    """Meeting names for running-text near-misses: listed names, held congresses and plenums."""
    names = list(conf.get("names", []))
    names += [f"党的{k}大" for k in conf.get("congresses", {})]
    cn = "一二三四五六七八九"
    for term, dates in conf.get("plenums", {}).items():
        names += [f"{term}届{cn[n]}中全会" for n in range(len(dates))]
    return names


def _exact_titles(entries: list[TitleEntry]) -> dict[str, TitleEntry]:
    """Folded canonical titles, their aliases and their forms without 中华人民共和国 → entry."""
    exact: dict[str, TitleEntry] = {}
    for e in entries:
        for form in (e.title, *e.aliases):
            exact[fold_title(form)] = e
        if e.title.startswith(_PREFIX):
            exact[fold_title(e.title[len(_PREFIX):])] = e
    return exact


def _exact(ctx) -> dict[str, TitleEntry]:
    """:func:`_exact_titles` of the run's titles (built once per Packs)."""
    return per_packs(ctx.packs, "titles.exact", lambda: _exact_titles(_title_entries(ctx)))


def _running_finder(ctx, exact: dict[str, TitleEntry]) -> NearMissFinder | None:
    """The finder of titles and meeting names in running text (near-misses of the longer ones);
    ``exact`` is :func:`_exact` (the finder is built once per Packs)."""
    def build() -> NearMissFinder | None:
        running = [t for t in exact if len(t) >= 10 and "〈" not in t]
        running += _meeting_names(ctx.packs["titles"].get("meetings", {}))
        return NearMissFinder.from_pack(running, ctx.packs["terms"], titles_known(ctx), ctx.packs) if running else None

    return per_packs(ctx.packs, "titles.running", build)


def _running_titles(ctx, finder: NearMissFinder | None, i: int) -> list[NearMiss]:
    """Near-misses of titles and meeting names in block i's running text (outside 《》), except
    those that are a known confusion (T003 reports the slip); found once per report and block."""
    if finder is None:
        return []
    done = ctx.report.cache.setdefault("titles.running_found", {})
    if i in done:
        return done[i]
    text = ctx.report.norm[i].text
    spans: list[tuple[int, int]] | None = None

    def skip(a: int, b: int) -> bool:
        nonlocal spans
        if spans is None:
            spans = title_spans(text)
        return inside(spans, a, b)

    found = finder.find(text, skip=skip)
    if found:
        t003 = confusion_spans(ctx, i)
        found = [nm for nm in found if not inside(t003, nm.start, nm.end)]
    done[i] = found
    return found


def title_spans_t002(ctx) -> Callable[[int], list[tuple[int, int]]]:
    """Block → spans T002 reports in running text: a slip in a term inside a title (全面依法冶国 in
    中央全面依法冶国工作会议) is reported once, against the title."""
    finder = _running_finder(ctx, _exact(ctx))
    return lambda i: [(nm.start, nm.end) for nm in _running_titles(ctx, finder, i)]


# a cut name is followed by what follows a plenary session's name (精神, 以来, 部署 …), so that 第五届一中
# (a school's No. 1 middle school) is not taken for one
_PLENUM_CUT = recache.compile(r"(?<![一二三四五六七八九十])([一二三四五六七八九十]{1,3})届((?:[一二三四五六七八九]中[、，和及与]?)*"
                         r"[一二三四五六七八九]中)(?![一二三四五六七八九]中|\s*全会|\s*全体会议|[、，和及与][一二三四五六七八九]中)"
                         r"(?=精神|以来|决定|公报|会议|部署|要求|提出|审议|通过|上的|作出|[，。；])")


def _cut_plenums(ctx, i: int) -> Iterator[Hit]:
    """Plenary sessions named without 全会 in running text (学习十九届五中精神). A list of ordinals
    sharing one trailing 全会 (二中、三中、四中全会) is complete and matched whole, so it is silent."""
    text = ctx.report.norm[i].text
    if "届" not in text:  # in every match: a cheap test before the expression
        return
    spans = None
    for m in _PLENUM_CUT.finditer(text):
        if spans is None:
            spans = title_spans(text)
        if inside(spans, m.start(), m.end()):
            continue
        name = m.group(0)
        yield ctx.hit("T002", i, m.start(), m.end(), msg("T002.plenum-cut", name=name),
                      name.rstrip("、，和及与") + "全会")


def _swapped_forms(ctx, conf: dict, swaps) -> list[tuple[str, str, str, str]]:
    """``(term, wrong, right, written)`` for each [word_swaps] ``terms`` entry and each swap pair
    whose meant word is in it, in that order (built once per Packs)."""
    return per_packs(ctx.packs, "titles.swapped_forms", lambda: [
        (term, wrong, right, term.replace(right, wrong, 1))
        for term in conf.get("terms", []) for wrong, right in swaps if right in term])


def _swapped_terms(ctx, i: int, swaps) -> Iterator[Hit]:
    """A fixed running term with one word of a swap pair in place of the other
    (推进法治政府建设第一责任人 for 推进法治建设第一责任人), per titles.toml [word_swaps] ``terms``, at
    ``terms_severity`` (warning: the slip is common and the meaning survives; a cited title is exact)."""
    text = ctx.report.norm[i].text
    spans = None
    conf = ctx.packs["titles"].get("word_swaps", {})
    for term, wrong, right, written in _swapped_forms(ctx, conf, swaps):
        pos = text.find(written)
        while pos >= 0:
            if spans is None:
                spans = title_spans(text)
            if not inside(spans, pos, pos + len(written)):
                yield ctx.hit("T002", i, pos, pos + len(written),
                              msg("T002.term-word", written=written, term=term, right=right, wrong=wrong), term,
                              severity=conf.get("terms_severity"))
            pos = text.find(written, pos + 1)


@check("T002")
def title_mismatch(ctx) -> Iterator[Hit]:
    rep = ctx.report
    entries = _title_entries(ctx)
    exact = _exact(ctx)
    laws = laws_in_force(ctx.packs)
    swaps = _word_swaps(ctx.packs)
    y = rep.reporting_year
    finder = _running_finder(ctx, exact)
    latest, shown = _writing_date(rep)
    meetings = ctx.packs["titles"].get("meetings", {})
    for i in body_blocks(ctx):
        text = rep.norm[i].text
        for s, e in _cited_titles(text):
            yield from _check_cited_title(ctx, i, s, e, entries, exact, y, laws, swaps)
        yield from _swapped_terms(ctx, i, swaps)
        yield from _cut_plenums(ctx, i)
        if finder is not None:
            for nm in _running_titles(ctx, finder, i):
                entry = exact.get(nm.term)
                message = (msg("T002.running-sourced", found=nm.found, title=nm.term, edit=nm.describe(),
                               source=source_text(entry.source)) if entry else
                           msg("T002.running", found=nm.found, title=nm.term, edit=nm.describe()))
                yield ctx.hit("T002", i, nm.start, nm.end, message, nm.term, fix=Fix(nm.term, "unsafe"))
        if latest is not None and meetings:
            yield from _meetings(ctx, i, latest, shown, meetings)



"""T — terms and typos: canonical terms, titles, known confusions, fixed formulas.

A reviewer's second reading catches slips in the fixed political and legal vocabulary of a 法治政府建设
年度报告. The data (canonical terms, titles, confusions, formulas, each with its source) lives in
``rules/terms.toml`` and ``rules/titles.toml``; this module holds the mechanism:

* :class:`NearMissFinder` finds one-edit near-misses of a list of terms in a text: a character
  dropped, doubled, two neighbours swapped, or one replaced by a sound-alike (same pinyin, via
  pypinyin) or a look-alike. Candidates are found by exact anchors (the term's head and tail), so a
  clean report costs a few ``str.find`` calls per term; each candidate is then judged (edit kind,
  position, dictionary words and token boundaries through jieba, evidence in the report).
* T002 compares titles cited in 《》 with the canonical titles (rapidfuzz edit distance) and checks
  the edition of a plan against the reporting year, and meetings against the report's date.

Quoted or cited text (“…”, 《…》) is never rewritten by T001/T003/T004; the title line is S010's.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Iterator

from rapidfuzz.distance import Levenshtein

from ..findings import Fix
from . import Hit, check, rule

rule("T001", "term-near-miss", "error",
     "A near-miss of a canonical term: a character dropped, doubled, swapped, or replaced by a "
     "sound-alike or look-alike (法治政建设 → 法治政府建设).",
     "《法治政府建设实施纲要（2021—2025年）》; 《党政主要负责人履行推进法治建设第一责任人职责规定》 "
     "(the canonical terms of rules/terms.toml)",
     fail="镇长切实履行法治政建设第一责任人职责。", passes="镇长切实履行推进法治建设第一责任人职责。",
     why="Fixed political and legal terms are read as signals of care; a slip in one is the first thing a "
         "reviewer circles. Only one-edit near-misses outside quotations and titles are reported.")
rule("T002", "title-mismatch", "error",
     "A regulation, plan or meeting cited with a character added, dropped or changed, or with a word that "
     "turns one known term into another (法治建设 ↔ 法治政府建设; in the running duty term a warning); a plan "
     "cited with an edition that does not cover the reporting year; a meeting named before it was held; a "
     "plenary session named without 全会. A national law in force cited exactly is never a near-miss.",
     "《党政机关公文处理工作条例》 (引用公文先引标题，后引发文字号); the canonical titles of rules/titles.toml; "
     "the national laws in force of rules/laws.toml (国家法律法规数据库)",
     fail="根据《法治政府建设与责任落实督查工作规定》……", passes="根据《法治政府建设与责任落实督察工作规定》……",
     severities=("error", "warning"))
rule("T003", "known-confusion", "error",
     "A known confusion in its context: 工作体质 → 体制, 法制政府 → 法治政府, 执法决定法治审核 → 法制审核 …",
     "《现代汉语词典》; the confusions of rules/terms.toml, each with its source",
     fail="进一步完善行政执法工作体质。", passes="进一步完善行政执法工作体制。",
     severities=("error", "warning", "info"))
rule("T004", "formula-near-miss", "warning",
     "A fixed formula of the genre near-missed (特此报吿, 现将有关情况报告下, 现降……报告如下).",
     "《党政机关公文处理工作条例》第八条 (报告); the formulas of rules/terms.toml",
     fail="特此报。", passes="特此报告。")

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002fa1f]")


def is_han(ch: str) -> bool:
    """True for a Han character (CJK unified ideographs and extensions)."""
    return bool(ch) and HAN.match(ch) is not None


# ---------------------------------------------------------------- quoted and cited spans

_TITLE_OPEN, _TITLE_CLOSE = "《〈", "》〉"


def title_spans(text: str) -> list[tuple[int, int]]:
    """Outermost balanced 《…》 spans ``(start, end)`` including the marks; nested 〈〉/《》 allowed."""
    out = []
    depth, start = 0, -1
    for i, ch in enumerate(text):
        if ch in _TITLE_OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif ch in _TITLE_CLOSE and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1))
    return out


_QUOTE = re.compile(r"“[^“”\n]{1,100}”|‘[^‘’\n]{1,60}’|\"[^\"\n]{1,60}\"")


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Quoted and cited stretches (“…” up to 100 characters, 《…》) that T001/T003/T004 leave alone."""
    spans = title_spans(text)
    spans += [(m.start(), m.end()) for m in _QUOTE.finditer(text)]
    return sorted(spans)


def _inside(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(s < b and a < e for s, e in spans)


# ---------------------------------------------------------------- sound- and look-alikes

from ..segment import pinyin_readings as readings  # noqa: E402 - cached, and loads its table on first use


def sound_alike(a: str, b: str) -> bool:
    """True when two Han characters share a toneless pinyin reading (IME slips: 建/健, 察/查)."""
    return a != b and bool(readings(a) & readings(b))


def _dictionary_word(word: str) -> bool:
    from ..segment import tokenizer

    return tokenizer().FREQ.get(word, 0) > 0


def _aligned(text: str, a: int, b: int) -> bool:
    """True when jieba's token boundaries around ``text[a:b]`` fall at ``a`` and ``b``."""
    from ..segment import tokens

    lo = max(0, a - 12)
    hi = min(len(text), b + 12)
    cuts = set()
    for _, s, e in tokens(text[lo:hi]):
        cuts.add(lo + s)
        cuts.add(lo + e)
    return a in cuts and b in cuts


# ---------------------------------------------------------------- near-miss finder

@dataclass(frozen=True, slots=True)
class NearMiss:
    """A one-edit near-miss of ``term`` at ``text[start:end]``.

    ``kind`` is "dropped", "doubled", "swapped", "sound-alike" or "look-alike"; ``index`` the position
    in the term where the edit happened; ``found`` the text as written.
    """

    start: int
    end: int
    term: str
    kind: str
    index: int
    found: str

    def describe(self) -> str:
        t, i = self.term, self.index
        if self.kind == "dropped":
            return f"“{t[i]}” dropped from “{t}”"
        if self.kind == "doubled":
            return f"a character doubled in “{t}”"
        if self.kind == "swapped":
            return f"“{t[i:i + 2]}” swapped in “{t}”"
        return f"“{t[i]}” written as its {self.kind} “{self.found[i]}” in “{t}”"


def _classify(term: str, w: str) -> tuple[str, int] | None:
    """The single edit turning ``term`` into ``w``: (kind, index) or None."""
    m, n = len(term), len(w)
    if n == m:
        diffs = [i for i in range(m) if term[i] != w[i]]
        if len(diffs) == 1:
            return "sub", diffs[0]
        if len(diffs) == 2 and diffs[1] == diffs[0] + 1:
            i = diffs[0]
            if term[i] == w[i + 1] and term[i + 1] == w[i]:
                return "swapped", i
        return None
    if n == m - 1:
        i = next((k for k in range(n) if term[k] != w[k]), n)
        if term[:i] + term[i + 1:] == w:
            return "dropped", i
        return None
    if n == m + 1:
        i = next((k for k in range(m) if term[k] != w[k]), m)
        if w[:i] + w[i + 1:] == term:
            return "added", i
    return None


@dataclass(slots=True)
class NearMissFinder:
    """Finds one-edit near-misses of ``terms`` (see module doc); settings from terms.toml [near_miss].

    ``known`` are strings never reported (the terms themselves and the pack's ``valid`` words).
    """

    terms: list[str]
    settings: dict
    known: set[str] = field(default_factory=set)
    look: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def from_pack(cls, terms: Iterable[str], pack: dict, extra_known: Iterable[str] = ()) -> "NearMissFinder":
        settings = dict(pack.get("near_miss", {}))
        words = sorted({t for t in terms if t}, key=lambda t: (-len(t), t))
        known = set(words) | set(pack.get("valid", [])) | set(extra_known)
        for group in pack.get("terms", []):
            known.update(group.get("words", []))
        look: dict[str, set[str]] = {}
        for group in settings.get("look_alikes", []):
            for ch in group:
                look.setdefault(ch, set()).update(c for c in group if c != ch)
        return cls(words, settings, known, look)

    def _s(self, key: str, default):
        return self.settings.get(key, default)

    def _substitution_ok(self, term: str, w: str, i: int, evidence: Callable[[str], bool]) -> str | None:
        """The kind of a one-character replacement worth reporting ("sound-alike", "look-alike"), or None."""
        old, new = term[i], w[i]
        if not is_han(new) or not is_han(old):
            return None
        if new in self._s("particles", ""):
            return None
        pairs = self._s("ambiguous_pairs", [])
        if any(old in p and new in p for p in pairs):
            return None
        m = len(term)
        if m < self._s("min_length_anywhere", 6) and i == 0:
            return None  # a short term with another first character is another word (航政执法)
        if m < self._s("evidence_below", 6) and not evidence(term):
            return None
        if new in self.look.get(old, ()):
            kind = "look-alike"
        elif sound_alike(old, new):  # pypinyin is loaded only when a candidate gets this far
            kind = "sound-alike"
        else:
            return None
        if m < self._s("dictionary_check_below", 8):
            # a replacement forming another dictionary word is a whole-word confusion: [[confusions]]
            for s in (i - 1, i):
                if s >= 0 and s + 2 <= len(w):
                    big = w[s:s + 2]
                    if big != term[s:s + 2] and _dictionary_word(big):
                        return None
        return kind

    def _covered_by_known(self, text: str, a: int, b: int, w: str) -> bool:
        """True when ``text[a:b]`` lies inside an occurrence of a known (correct) longer word."""
        lo, hi = max(0, a - 24), min(len(text), b + 24)
        ctx = text[lo:hi]
        for kw in self.known:
            if len(kw) <= len(w) or w not in kw:
                continue
            pos = ctx.find(kw)
            while pos >= 0:
                if lo + pos <= a and b <= lo + pos + len(kw):
                    return True
                pos = ctx.find(kw, pos + 1)
        return False

    def find(self, text: str, evidence: Callable[[str], bool] = lambda t: True,
             skip: Callable[[int, int], bool] = lambda a, b: False) -> list[NearMiss]:
        """Near-misses in ``text`` (normalised), sorted by position; the longest term wins on overlaps.

        ``evidence(term)`` says whether the correct term occurs elsewhere in the report (asked only
        for short terms); ``skip(a, b)`` vetoes a span (quotations, titles).
        """
        found: list[NearMiss] = []
        min_len = self._s("min_length", 4)
        min_drop = self._s("min_length_dropped", 6)
        align_below = self._s("dictionary_check_below", 8)
        n = len(text)
        for term in self.terms:
            m = len(term)
            if m < min_len or m > n + 1:
                continue
            k = max(2, (m - 1) // 2)
            windows: set[tuple[int, int]] = set()
            head, tail = term[:k], term[m - k:]
            pos = text.find(head)
            while pos >= 0:
                windows.update((pos, pos + L) for L in (m - 1, m, m + 1))
                pos = text.find(head, pos + 1)
            pos = text.find(tail)
            while pos >= 0:
                e = pos + k
                windows.update((e - L, e) for L in (m - 1, m, m + 1))
                pos = text.find(tail, pos + 1)
            chars = set(term)
            for a, b in windows:
                if a < 0 or b > n:
                    continue
                w = text[a:b]
                if w == term or w in self.known:
                    continue
                edit = _classify(term, w)
                if edit is None:
                    continue
                kind, i = edit
                if any(not is_han(c) and c not in chars for c in w):
                    continue
                if kind == "dropped":
                    if m < min_drop or not (0 < i < m - 1):
                        continue
                    if text[b:b + 1] == term[i] or text[a - 1:a] == term[i]:
                        continue  # the character is next door: a swap, judged as such
                elif kind == "added":
                    if not (0 < i < m) or not (w[i] == w[i - 1] or w[i] == w[i + 1]):
                        continue
                    kind = "doubled"
                elif kind == "sub":
                    kind = self._substitution_ok(term, w, i, evidence)
                    if kind is None:
                        continue
                if skip(a, b):
                    continue
                # the edit must not be explained by the text around it: 法治政府建设 exact next door
                if text.startswith(term, max(0, a - 1)) or text.startswith(term, a + 1):
                    continue
                if self._covered_by_known(text, a, b, w):
                    continue
                if m < align_below and not _aligned(text, a, b):
                    continue
                found.append(NearMiss(a, b, term, kind, i, w))
        # one slip, one finding: of overlapping near-misses (依法国治 in 全面依法国治; 推进法治建设第一责人
        # and 第一责人职责, one dropped 任) only the longest canonical term that explains the slip is kept
        found.sort(key=lambda x: (-len(x.term), -(x.end - x.start), x.start))
        out: list[NearMiss] = []
        for x in found:
            if any(y.start < x.end and x.start < y.end for y in out):
                continue
            out.append(x)
        return sorted(out, key=lambda x: x.start)


# ---------------------------------------------------------------- helpers over the report

def _body_blocks(ctx) -> list[int]:
    """Blocks of the report proper, title blocks excluded (the title line is S010's)."""
    rep = ctx.report
    titles = set(rep.title_blocks)
    return [i for i in rep.body_range() if i not in titles]


def _evidence(ctx) -> Callable[[str], bool]:
    rep = ctx.report
    body = "\n".join(rep.norm[i].text for i in rep.body_range())
    cache: dict[str, bool] = {}

    def has(term: str) -> bool:
        if term not in cache:
            cache[term] = term in body
        return cache[term]

    return has


def _term_source(pack: dict, term: str) -> str | None:
    for group in pack.get("terms", []):
        if term in group.get("words", []):
            return group.get("source")
    return None


# ---------------------------------------------------------------- T001

@check("T001")
def term_near_miss(ctx) -> Iterator[Hit]:
    from ..segment import use_pack_words

    use_pack_words(ctx.packs)  # a reviewer's extra [dictionary] words reach jieba too
    pack = ctx.packs["terms"]
    terms = [w for g in pack.get("terms", []) for w in g.get("words", [])]
    if not terms:
        return
    finder = NearMissFinder.from_pack(terms, pack, _titles_known(ctx))
    evidence = _evidence(ctx)
    t002 = _title_spans_t002(ctx)
    for i in _body_blocks(ctx):
        text = ctx.report.norm[i].text
        spans = protected_spans(text)
        taken: list[tuple[int, int]] | None = None
        for nm in finder.find(text, evidence, lambda a, b: _inside(spans, a, b)):
            if taken is None:
                taken = _confusion_spans(ctx, i) + t002(i)
            if _inside(taken, nm.start, nm.end):
                continue  # one slip, one finding: a known confusion (T003) or a title's near-miss (T002)
            src = _term_source(pack, nm.term)
            yield ctx.hit("T001", i, nm.start, nm.end,
                          f"“{nm.found}” looks like a slip for “{nm.term}”: {nm.describe()}"
                          + (f" (term of {src})" if src else ""), nm.term, fix=Fix(nm.term, "unsafe"))


# ---------------------------------------------------------------- T002: titles

_DASHES = re.escape("—–－―‐‑~～-")
_PERIOD = re.compile(rf"（\s*(\d{{4}})\s*年?\s*[{_DASHES}]+\s*(\d{{4}})\s*(年?)\s*）$")
_PREFIX = "中华人民共和国"


def fold_title(t: str) -> str:
    """A cited title with the variants that are not T002's folded: spaces, bracket widths,
    nested 《》 → 〈〉, dash/hyphen variants between years → —."""
    t = re.sub(r"\s+", "", t)
    t = t.replace("(", "（").replace(")", "）").replace("<", "〈").replace(">", "〉")
    t = t.replace("《", "〈").replace("》", "〉")
    t = re.sub(rf"(\d{{4}})年?[{_DASHES}]+(\d{{4}})", r"\1—\2", t)
    return t


@dataclass(frozen=True, slots=True)
class TitleEntry:
    title: str
    source: str
    periods: tuple[tuple[int, int], ...]
    check_period: bool
    aliases: tuple[str, ...]


def _title_entries(ctx) -> list[TitleEntry]:
    out = []
    for e in ctx.packs["titles"].get("titles", []):
        periods = []
        for p in e.get("periods", []):
            m = re.match(r"(\d{4})\D+(\d{4})", p)
            if m:
                periods.append((int(m.group(1)), int(m.group(2))))
        out.append(TitleEntry(e["title"], e.get("source", ""), tuple(periods), bool(e.get("check_period")),
                              tuple(e.get("aliases", []))))
    return out


def _titles_known(ctx) -> set[str]:
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


def _look_alikes(pack: dict) -> dict[str, set[str]]:
    """Look-alike character → its look-alikes, from terms.toml [near_miss] look_alikes."""
    look: dict[str, set[str]] = {}
    for group in pack.get("near_miss", {}).get("look_alikes", []):
        for ch in group:
            look.setdefault(ch, set()).update(c for c in group if c != ch)
    return look


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
            if len(c) < 5 or abs(len(c) - len(base)) > 2:
                continue
            limit = 1 if len(c) < 12 else 2
            d = Levenshtein.distance(base, c, score_cutoff=limit)
            if d == 0 or d > limit:
                continue
            if base[0] != c[0]:
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
_EXEMPT_PERIOD = re.compile(r"收官|总结|评估|期间|回顾|十三五|实施以来")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def _about_period(clause: str, a: int, b: int) -> bool:
    """The clause is about the plan's own period: an exempting word, or a year within [a, b]
    named outside the cited title (2020年，全面完成《纲要（2015—2020年）》确定的任务)."""
    if _EXEMPT_PERIOD.search(clause):
        return True
    outside = re.sub(r"《[^》]*》", "", clause)
    return any(a <= int(m.group(1)) <= b for m in _YEAR.finditer(outside))


def _cited_titles(text: str) -> list[tuple[int, int]]:
    """Inner spans of every title cited in 《》 or nested 〈〉 (and < > inside 《》)."""
    out = []
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in "《〈" or (ch == "<" and stack):
            stack.append(i)
        elif (ch in "》〉" or (ch == ">" and stack)) and stack:
            s = stack.pop()
            out.append((s + 1, i))
    return sorted(out)


def laws_in_force(packs) -> frozenset[str]:
    """Folded titles of the national laws in force (laws.toml ``laws``), each also without its
    中华人民共和国 prefix: exact citations that are never a near-miss of another title (the list is
    checked when the packs load)."""
    laws = packs["laws"].get("laws", [])
    out = set()
    for t in laws:
        out.add(fold_title(t))
        out.add(fold_title(t.removeprefix(_PREFIX)))
    return frozenset(out)


def _word_swaps(packs) -> list[tuple[str, str]]:
    """titles.toml [word_swaps] ``pairs`` in both directions: (written, meant)."""
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
            yield ctx.hit("T002", i, s, e,
                          f"《{raw}》 differs from the title 《{fixed}》: “{right}” written as “{wrong}”"
                          f" ({entry.source})", fixed)
            return
    if entry is None:
        near = _near_title(base, entries, _look_alikes(ctx.packs["terms"]))
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
        yield ctx.hit("T002", i, s, e,
                      f"《{raw}》 differs from the title 《{fixed}》 ({entry.source})", fixed, fix=Fix(fixed, "unsafe"))
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
                      f"《{entry.title}》 has no edition （{a}—{b}年）; editions: "
                      + "、".join(_fmt_period(p) for p in entry.periods), canon + _fmt_period(good))
        return
    if entry.check_period and y is not None and not (a <= y <= b or a <= y + 1 <= b) \
            and not _about_period(clause, a, b):
        good = _edition(entry.periods, y)
        if good and good != (a, b) and (good[0] <= y <= good[1] or good[0] <= y + 1 <= good[1]):
            yield ctx.hit("T002", i, s, e,
                          f"the {a}—{b} edition of 《{entry.title}》 does not cover {y}; "
                          f"a {y} report follows the {good[0]}—{good[1]} edition", canon + _fmt_period(good))
        return  # no known edition covers the year: perhaps a newer one the pack does not know
    if not pm.group(3):
        yield ctx.hit("T002", i, s, e, f"the edition of 《{entry.title}》 is written without 年",
                      canon + _fmt_period((a, b)))


_CN_ORD = {c: k for k, c in enumerate("一二三四五六七八九", start=1)}
_PLENUM = re.compile(r"(十[五六七八九]|二十[一二]?)届((?:[一二三四五六七八九]中[、，]?)+)全会")
_CONGRESS = re.compile(r"党的(十[五六七八九]|二十[一二]?)大")


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


def _writing_date(rep) -> tuple[dt.date | None, str]:
    """The latest date the report can have been written, and how it is known."""
    d = rep.signing_date
    if d:
        return d, d.isoformat()
    line = rep.signing_line
    if line and line.year and line.month:
        last = calendar.monthrange(line.year, line.month)[1]
        return dt.date(line.year, line.month, last), f"{line.year}年{line.month}月"
    if rep.reporting_year:
        return dt.date(rep.reporting_year + 1, 12, 31), f"a report on {rep.reporting_year}"
    return None, ""


def _meetings(ctx, i: int, latest: dt.date, shown: str, conf: dict) -> Iterator[Hit]:
    text = ctx.report.norm[i].text
    plenums = {k: [dt.date.fromisoformat(d) for d in v] for k, v in conf.get("plenums", {}).items()}
    complete = conf.get("complete", {})
    congresses = {k: dt.date.fromisoformat(v) for k, v in conf.get("congresses", {}).items()}
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
                              f"the {term}届 Central Committee held {complete[term]} plenary sessions; "
                              f"there was no {term}届{'一二三四五六七八九'[n - 1]}中全会",
                              "check the meeting's name")
                break
            held = dates[n - 1] if n <= len(dates) else None
            if held is None and dates and latest <= dates[-1]:
                held = dates[-1] + dt.timedelta(days=1)  # later than the last one the pack knows
            if held is not None and held > latest:
                prior = [(k, d) for k, d in enumerate(dates, start=1) if d <= latest]
                name = f"{term}届{'一二三四五六七八九'[n - 1]}中全会"
                when = f"opened on {held.isoformat()}" if n <= len(dates) else "had not been held"
                sugg = f"{term}届{'一二三四五六七八九'[prior[-1][0] - 1]}中全会" if prior else None
                hint = f"; the latest plenary session by then was the {sugg} ({prior[-1][1].isoformat()})" if sugg else ""
                s = m.start() + m.group(0).find(f"{'一二三四五六七八九'[n - 1]}中")
                e = m.end() if len(ords) == 1 else s + 2
                yield ctx.hit("T002", i, m.start() if len(ords) == 1 else s, e,
                              f"the {name} {when}, after this report ({shown}) was written{hint}",
                              sugg if len(ords) == 1 else (sugg[len(term) + 1:len(term) + 3] if sugg else None))
                break
    for m in _CONGRESS.finditer(text):
        held = congresses.get(m.group(1))
        if held is None or held <= latest or any(w in clause_of(m.start()) for w in future):
            continue
        yield ctx.hit("T002", i, m.start(), m.end(),
                      f"党的{m.group(1)}大 opened on {held.isoformat()}, after this report ({shown}) was written",
                      "check the congress named, or say 迎接 if it is still to come")


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


def _running_finder(ctx, exact: dict[str, TitleEntry]) -> NearMissFinder | None:
    """The finder of titles and meeting names in running text (near-misses of the longer ones)."""
    running = [t for t in exact if len(t) >= 10 and "〈" not in t]
    running += _meeting_names(ctx.packs["titles"].get("meetings", {}))
    return NearMissFinder.from_pack(running, ctx.packs["terms"], _titles_known(ctx)) if running else None


def _running_titles(ctx, finder: NearMissFinder | None, i: int) -> list[NearMiss]:
    """Near-misses of titles and meeting names in block i's running text (outside 《》), except
    those that are a known confusion (T003 reports the slip)."""
    if finder is None:
        return []
    text = ctx.report.norm[i].text
    spans = title_spans(text)
    found = finder.find(text, skip=lambda a, b: _inside(spans, a, b))
    if found:
        t003 = _confusion_spans(ctx, i)
        found = [nm for nm in found if not _inside(t003, nm.start, nm.end)]
    return found


def _title_spans_t002(ctx) -> Callable[[int], list[tuple[int, int]]]:
    """Block → spans T002 reports in running text: a slip in a term inside a title (全面依法冶国 in
    中央全面依法冶国工作会议) is reported once, against the title."""
    finder = _running_finder(ctx, _exact_titles(_title_entries(ctx)))
    return lambda i: [(nm.start, nm.end) for nm in _running_titles(ctx, finder, i)]


# a cut name is followed by what follows a plenary session's name (精神, 以来, 部署 …), so that 第五届一中
# (a school's No. 1 middle school) is not taken for one
_PLENUM_CUT = re.compile(r"(?<![一二三四五六七八九十])([一二三四五六七八九十]{1,3})届((?:[一二三四五六七八九]中[、，和及与]?)*"
                         r"[一二三四五六七八九]中)(?![一二三四五六七八九]中|\s*全会|\s*全体会议|[、，和及与][一二三四五六七八九]中)"
                         r"(?=精神|以来|决定|公报|会议|部署|要求|提出|审议|通过|上的|作出|[，。；])")


def _cut_plenums(ctx, i: int) -> Iterator[Hit]:
    """Plenary sessions named without 全会 in running text (学习十九届五中精神). A list of ordinals
    sharing one trailing 全会 (二中、三中、四中全会) is complete and matched whole, so it is silent."""
    text = ctx.report.norm[i].text
    spans = title_spans(text)
    for m in _PLENUM_CUT.finditer(text):
        if _inside(spans, m.start(), m.end()):
            continue
        name = m.group(0)
        yield ctx.hit("T002", i, m.start(), m.end(),
                      f"“{name}” names a plenary session without 全会", name.rstrip("、，和及与") + "全会")


def _swapped_terms(ctx, i: int, swaps) -> Iterator[Hit]:
    """A fixed running term with one word of a swap pair in place of the other
    (推进法治政府建设第一责任人 for 推进法治建设第一责任人), per titles.toml [word_swaps] ``terms``, at
    ``terms_severity`` (warning: the slip is common and the meaning survives; a cited title is exact)."""
    text = ctx.report.norm[i].text
    spans = title_spans(text)
    conf = ctx.packs["titles"].get("word_swaps", {})
    for term in conf.get("terms", []):
        for wrong, right in swaps:
            if right not in term:
                continue
            written = term.replace(right, wrong, 1)
            pos = text.find(written)
            while pos >= 0:
                if not _inside(spans, pos, pos + len(written)):
                    yield ctx.hit("T002", i, pos, pos + len(written),
                                  f"“{written}” differs from the fixed term “{term}”: “{right}” written as “{wrong}” "
                                  "(《党政主要负责人履行推进法治建设第一责任人职责规定》)", term,
                                  severity=conf.get("terms_severity"))
                pos = text.find(written, pos + 1)


@check("T002")
def title_mismatch(ctx) -> Iterator[Hit]:
    rep = ctx.report
    entries = _title_entries(ctx)
    exact = _exact_titles(entries)
    laws = laws_in_force(ctx.packs)
    swaps = _word_swaps(ctx.packs)
    y = rep.reporting_year
    finder = _running_finder(ctx, exact)
    latest, shown = _writing_date(rep)
    meetings = ctx.packs["titles"].get("meetings", {})
    for i in _body_blocks(ctx):
        text = rep.norm[i].text
        for s, e in _cited_titles(text):
            yield from _check_cited_title(ctx, i, s, e, entries, exact, y, laws, swaps)
        yield from _swapped_terms(ctx, i, swaps)
        yield from _cut_plenums(ctx, i)
        if finder is not None:
            for nm in _running_titles(ctx, finder, i):
                entry = exact.get(nm.term)
                yield ctx.hit("T002", i, nm.start, nm.end,
                              f"“{nm.found}” differs from the title “{nm.term}”: {nm.describe()}"
                              + (f" ({entry.source})" if entry else ""), nm.term, fix=Fix(nm.term, "unsafe"))
        if latest is not None and meetings:
            yield from _meetings(ctx, i, latest, shown, meetings)


# ---------------------------------------------------------------- T003

@lru_cache(maxsize=64)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _confusions(ctx, i: int) -> Iterator[tuple[int, int, str, str, dict, tuple[int, int]]]:
    """Known confusions in block i outside quotations: ``(start, end, wrong, right, entry, match span)``."""
    entries = ctx.packs["terms"].get("confusions", [])
    text = ctx.report.norm[i].text
    spans = protected_spans(text)
    seen: set[tuple[int, int]] = set()
    for entry in entries:
        for m in _compile(entry["pattern"]).finditer(text):
            g = next((k for k, v in m.groupdict().items() if k.startswith("w") and v is not None), None)
            if g is None:
                continue
            s, e = m.span(g)
            if (s, e) in seen or (_inside(spans, s, e) and not entry.get("quoted")):
                continue  # `quoted` entries are names conventionally written in quotes (“枫桥经验”)
            seen.add((s, e))
            wrong = m.group(g)
            right = entry["right"]
            if isinstance(right, dict):
                right = right.get(wrong)
                if right is None:
                    continue
            yield s, e, wrong, right, entry, m.span()


def _confusion_spans(ctx, i: int) -> list[tuple[int, int]]:
    """Spans T003 reports in block i: one slip, one finding, and the known confusion (行政执法体质 →
    体制) is more specific than a near-miss of a term (行政执法体制改革). Like T004's deference to
    T001, this holds whatever rules are selected (checks do not see the selection)."""
    if not ctx.packs["terms"].get("confusions"):
        return []
    return [(s, e) for s, e, *_ in _confusions(ctx, i)]


@check("T003")
def known_confusion(ctx) -> Iterator[Hit]:
    if not ctx.packs["terms"].get("confusions", []):
        return
    for i in _body_blocks(ctx):
        text = ctx.report.norm[i].text
        for s, e, wrong, right, entry, match in _confusions(ctx, i):
            m_start, m_end = match
            ctx_text = text[max(m_start, s - 4):min(m_end, e + 4)]
            fixed = ctx_text.replace(wrong, right, 1)
            yield ctx.hit("T003", i, s, e,
                          f"“{ctx_text}” should read “{fixed}”: {entry.get('source', '')}".rstrip(": "),
                          right, severity=entry.get("severity"), fix=Fix(right, entry.get("fix", "unsafe")))


# ---------------------------------------------------------------- T004

@check("T004")
def formula_near_miss(ctx) -> Iterator[Hit]:
    rep = ctx.report
    conf = ctx.packs["terms"].get("formulas", {})
    words = conf.get("words", [])
    source = conf.get("source", "")
    blocks = _body_blocks(ctx)
    done: dict[int, list[tuple[int, int]]] = {}  # spans already reported: one slip, one finding
    if words:
        pack = ctx.packs["terms"]
        finder = NearMissFinder.from_pack(words, pack)
        terms = NearMissFinder.from_pack([w for g in pack.get("terms", []) for w in g.get("words", [])], pack)
        evidence = _evidence(ctx)
        for i in blocks:
            text = rep.norm[i].text
            spans = protected_spans(text)
            found = finder.find(text, evidence, lambda a, b: _inside(spans, a, b))
            if found:
                # a slip inside a canonical term inside the formula is T001's (or T003's)
                taken = [(x.start, x.end) for x in terms.find(text, evidence, lambda a, b: _inside(spans, a, b))]
                taken += _confusion_spans(ctx, i)
                found = [nm for nm in found if not _inside(taken, nm.start, nm.end)]
            for nm in found:
                done.setdefault(i, []).append((nm.start, nm.end))
                yield ctx.hit("T004", i, nm.start, nm.end,
                              f"the fixed formula “{nm.term}” is near-missed: {nm.describe()}", nm.term)
    lead = conf.get("lead_in", {})
    if lead.get("head") and lead.get("tail"):
        look = _look_alikes(ctx.packs["terms"])
        for i in blocks:
            yield from _lead_in(ctx, i, lead, look, done.get(i, []))
    closings = conf.get("closings", [])
    ok = set(conf.get("closing_ok", []))
    for i in blocks[-8:]:
        t = rep.norm[i].text.strip()
        if not t or len(t) > 10 or t in ok:
            continue
        for c in closings:
            if Levenshtein.distance(t, c, score_cutoff=1) == 1 and t.rstrip("。") != c.rstrip("。"):
                off = rep.norm[i].text.find(t)
                yield ctx.hit("T004", i, off, off + len(t),
                              f"the closing formula “{c}” is near-missed ({source.split(';')[0]})", c)
                break


def _alike(a: str, b: str, look: dict[str, set[str]]) -> bool:
    return a != b and is_han(a) and is_han(b) and (b in look.get(a, ()) or sound_alike(a, b))


def _lead_in(ctx, i: int, lead: dict, look: dict[str, set[str]],
             taken: list[tuple[int, int]]) -> Iterator[Hit]:
    """The lead-in formula 现将……报告如下 with one character changed (terms.toml [formulas.lead_in]):
    in its tail (报吿如下, 报告入下, 报告下) when a clause of the sentence opens with an accepted head
    (现将, 现就, 现把 …), or in its head (现降, 见将) when the sentence ends with an accepted tail
    (报告如下, 汇报如下). Source: 《党政机关公文处理工作条例》第八条 (报告); the genre's usage."""
    text = ctx.report.norm[i].text
    head, tail = lead["head"], lead["tail"]
    ok_heads = tuple(lead.get("ok_heads", [head]))
    ok_tails = tuple(lead.get("ok_tails", [tail]))
    particles = ctx.packs["terms"].get("near_miss", {}).get("particles", "")
    spans = protected_spans(text) + taken  # quotations, and slips T004's word list already reported
    for sm in re.finditer(r"[^。；！？\n：:]+", text):  # 报告如下： may run into the first heading
        a, b = sm.span()
        sent = sm.group(0).rstrip(" ：:，,")
        end = a + len(sent)
        if not sent or len(sent) > 160:
            continue
        starts = [a] + [a + k + 1 for k, ch in enumerate(sent) if ch in "，,：:"]
        heads = [p for p in starts if text.startswith(ok_heads, p)]
        if sent.endswith(ok_tails):
            for p in starts:
                h = text[p:p + len(head)]
                if len(h) < len(head) or h == head or text.startswith(ok_heads, p):
                    continue
                if h[0] != head[0] and h[0] in lead.get("subjects", ""):
                    continue  # 县将…报告如下: the county as the subject, not a slip for 现将
                diffs = [k for k in range(len(head)) if h[k] != head[k]]
                if len(diffs) == 1 and _alike(head[diffs[0]], h[diffs[0]], look) \
                        and not _inside(spans, p, p + len(head)):
                    k = diffs[0]
                    yield ctx.hit("T004", i, p, p + len(head),
                                  f"the lead-in formula “{head}……{tail}” is near-missed: “{head[k]}” written as "
                                  f"its {'look' if h[k] in look.get(head[k], ()) else 'sound'}-alike “{h[k]}”", head)
                    break
            continue
        if not heads:
            continue
        for n in (len(tail) + 1, len(tail), len(tail) - 1):
            w = text[end - n:end]
            if len(w) != n or end - n <= heads[-1]:
                continue
            edit = _classify(tail, w)
            if edit is None:
                continue
            kind, k = edit
            if kind == "sub":
                if w[k] in particles or not _alike(tail[k], w[k], look):
                    continue
                what = f"“{tail[k]}” written as “{w[k]}”"
            elif kind == "dropped":
                what = f"“{tail[k]}” dropped"
            elif kind == "added" and (w[k] == w[k - 1:k] or w[k] == w[k + 1:k + 2]):
                what = "a character doubled"
            else:
                continue
            if _inside(spans, end - n, end):
                break
            yield ctx.hit("T004", i, end - n, end,
                          f"the lead-in formula “{head}……{tail}” is near-missed: {what}", tail)
            break


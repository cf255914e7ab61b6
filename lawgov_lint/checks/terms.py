"""T001 and T004 — near-misses of the canonical terms and of the genre's fixed formulas.

A reviewer's second reading catches slips in the fixed political and legal vocabulary of a 法治政府建设
年度报告. The data (canonical terms, formulas, each with its source) lives in ``rules/terms.toml``;
the finder of one-edit near-misses is :mod:`lawgov_lint.nearmiss`, titles (T002) are
:mod:`.titles`, known confusions (T003) :mod:`.confusions`.

Quoted or cited text (“…”, 《…》) is never rewritten by T001/T003/T004; the title line is S010's.
One slip gives one finding: T001 and T004 leave the spans T003 and T002 report.
"""

from __future__ import annotations

import re
from typing import Callable, Iterator

from rapidfuzz.distance import Levenshtein

from .. import recache
from ..findings import Fix
from ..i18n import msg
from ..nearmiss import NearMissFinder, classify, look_alikes, sound_alike
from ..packs import per_packs
from ..spans import inside, is_han, protected_spans
from . import Hit, body_blocks, check, rule
from .confusions import confusion_spans, source_text
from .titles import title_spans_t002, titles_known

rule("T001", "term-near-miss", "error",
     "A near-miss of a canonical term: a character dropped, doubled, swapped, or replaced by a "
     "sound-alike or look-alike (法治政建设 → 法治政府建设).",
     "《法治政府建设实施纲要（2021—2025年）》; 《党政主要负责人履行推进法治建设第一责任人职责规定》 "
     "(the canonical terms of rules/terms.toml)",
     fail="镇长切实履行法治政建设第一责任人职责。", passes="镇长切实履行推进法治建设第一责任人职责。",
     why="Fixed political and legal terms are read as signals of care; a slip in one is the first thing a "
         "reviewer circles. Only one-edit near-misses outside quotations and titles are reported.")
rule("T004", "formula-near-miss", "warning",
     "A fixed formula of the genre near-missed (特此报吿, 现将有关情况报告下, 现降……报告如下).",
     "《党政机关公文处理工作条例》第八条 (报告); the formulas of rules/terms.toml",
     fail="特此报。", passes="特此报告。")


# ---------------------------------------------------------------- helpers over the report

def _evidence(ctx) -> Callable[[str], bool]:
    """Whether a term occurs in the report proper (asked of short terms); the answers are kept per
    report (``rep.cache``), shared by T001 and T004."""
    rep = ctx.report
    cache: dict[str, bool] = rep.cache.setdefault("terms.evidence", {})
    body: str | None = None

    def has(term: str) -> bool:
        nonlocal body
        if term not in cache:
            if body is None:
                body = "\n".join(rep.norm[i].text for i in rep.body_range())
            cache[term] = term in body
        return cache[term]

    return has


def _term_source(pack: dict, term: str) -> str | None:
    for group in pack.get("terms", []):
        if term in group.get("words", []):
            return group.get("source")
    return None


def _canonical_terms(pack: dict) -> list[str]:
    return [w for g in pack.get("terms", []) for w in g.get("words", [])]


def _term_finder(ctx, with_titles: bool) -> NearMissFinder:
    """The finder of the canonical terms (built once per Packs): T001's never reports a canonical
    title or its short form; T004's, which only tells where T001 reports, knows no titles."""
    packs = ctx.packs
    pack = packs["terms"]
    if with_titles:
        return per_packs(packs, "terms.T001", lambda: NearMissFinder.from_pack(
            _canonical_terms(pack), pack, titles_known(ctx), packs))
    return per_packs(packs, "terms.T004.terms", lambda: NearMissFinder.from_pack(
        _canonical_terms(pack), pack, packs=packs))


def _lazy_skip(text: str) -> Callable[[int, int], bool]:
    """``skip(a, b)`` for a finder: the span overlaps a quotation or a cited title of ``text``
    (found only when a candidate gets that far)."""
    spans: list[tuple[int, int]] | None = None

    def skip(a: int, b: int) -> bool:
        nonlocal spans
        if spans is None:
            spans = protected_spans(text)
        return inside(spans, a, b)

    return skip


# ---------------------------------------------------------------- T001

@check("T001")
def term_near_miss(ctx) -> Iterator[Hit]:
    pack = ctx.packs["terms"]
    if not _canonical_terms(pack):
        return
    finder = _term_finder(ctx, True)
    evidence = _evidence(ctx)
    t002 = title_spans_t002(ctx)
    for i in body_blocks(ctx):
        text = ctx.report.norm[i].text
        taken: list[tuple[int, int]] | None = None
        for nm in finder.find(text, evidence, _lazy_skip(text)):
            if taken is None:
                taken = confusion_spans(ctx, i) + t002(i)
            if inside(taken, nm.start, nm.end):
                continue  # one slip, one finding: a known confusion (T003) or a title's near-miss (T002)
            src = _term_source(pack, nm.term)
            message = (msg("T001.slip-sourced", found=nm.found, term=nm.term, edit=nm.describe(),
                           source=source_text(src))
                       if src else msg("T001.slip", found=nm.found, term=nm.term, edit=nm.describe()))
            yield ctx.hit("T001", i, nm.start, nm.end, message, nm.term, fix=Fix(nm.term, "unsafe"))


# ---------------------------------------------------------------- T004

@check("T004")
def formula_near_miss(ctx) -> Iterator[Hit]:
    rep = ctx.report
    conf = ctx.packs["terms"].get("formulas", {})
    words = conf.get("words", [])
    source = conf.get("source", "")
    blocks = body_blocks(ctx)
    done: dict[int, list[tuple[int, int]]] = {}  # spans already reported: one slip, one finding
    if words:
        packs = ctx.packs
        pack = packs["terms"]
        finder = per_packs(packs, "terms.T004.formulas", lambda: NearMissFinder.from_pack(words, pack, packs=packs))
        evidence = _evidence(ctx)
        for i in blocks:
            text = rep.norm[i].text
            skip = _lazy_skip(text)
            found = finder.find(text, evidence, skip)
            if found:
                # a slip inside a canonical term inside the formula is T001's (or T003's)
                taken = [(x.start, x.end) for x in _term_finder(ctx, False).find(text, evidence, skip)]
                taken += confusion_spans(ctx, i)
                found = [nm for nm in found if not inside(taken, nm.start, nm.end)]
            for nm in found:
                done.setdefault(i, []).append((nm.start, nm.end))
                yield ctx.hit("T004", i, nm.start, nm.end,
                              msg("T004.formula", term=nm.term, edit=nm.describe()), nm.term)
    lead = conf.get("lead_in", {})
    if lead.get("head") and lead.get("tail"):
        look = per_packs(ctx.packs, "terms.look_alikes", lambda: look_alikes(ctx.packs["terms"]))
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
                              msg("T004.closing", formula=c, source=source_text(source.split(";")[0])), c)
                break


def _alike(a: str, b: str, look: dict[str, set[str]]) -> bool:
    return a != b and is_han(a) and is_han(b) and (b in look.get(a, ()) or sound_alike(a, b))


_SENTENCE = recache.compile(r"[^。；！？\n：:]+")


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
    # a clause opening with an accepted head, or a sentence ending with an accepted tail: neither
    # can be without one of them in the block
    if not per_packs(ctx.packs, "terms.lead_in", lambda: recache.compile("|".join(map(re.escape, ok_heads + ok_tails)))
                     ).search(text):
        return
    particles = ctx.packs["terms"].get("near_miss", {}).get("particles", "")
    spans = protected_spans(text) + taken  # quotations, and slips T004's word list already reported
    for sm in _SENTENCE.finditer(text):  # 报告如下： may run into the first heading
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
                        and not inside(spans, p, p + len(head)):
                    k = diffs[0]
                    kind = "look-alike" if h[k] in look.get(head[k], ()) else "sound-alike"
                    yield ctx.hit("T004", i, p, p + len(head),
                                  msg(f"T004.lead-in.{kind}", head=head, tail=tail, char=head[k], found=h[k]), head)
                    break
            continue
        if not heads:
            continue
        for n in (len(tail) + 1, len(tail), len(tail) - 1):
            w = text[end - n:end]
            if len(w) != n or end - n <= heads[-1]:
                continue
            edit = classify(tail, w)
            if edit is None:
                continue
            kind, k = edit
            if kind == "sub":
                if w[k] in particles or not _alike(tail[k], w[k], look):
                    continue
                what = msg("T004.edit.written-as", char=tail[k], found=w[k])
            elif kind == "dropped":
                what = msg("T004.edit.dropped", char=tail[k])
            elif kind == "added" and (w[k] == w[k - 1:k] or w[k] == w[k + 1:k + 2]):
                what = msg("T004.edit.doubled")
            else:
                continue
            if inside(spans, end - n, end):
                break
            yield ctx.hit("T004", i, end - n, end, msg("T004.lead-in", head=head, tail=tail, edit=what), tail)
            break



"""P — punctuation: doubled marks, half-width marks in Chinese text, unbalanced pairs.

Source: GB/T 15834—2011《标点符号用法》 (full-width marks in Chinese text; 引号、书名号、括号 in
pairs; a title inside a title is marked 〈〉). Marks are judged on the normalised text, whose
punctuation is the original's (only spaces next to CJK characters are removed), and reported on the
original. The data (which marks, which pairs) is in ``rules/format.toml`` [punctuation].
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from .. import recache
from ..lexers.machine import in_spans, machine_spans
from ..lexers.markers import find_marker
from ..findings import Fix
from ..i18n import Msg, msg
from ..spans import is_han
from . import Hit, check, rule
from .format import DOC_NUMBER_ANY, machine_spans_at, question_residue

_ASCII_PAREN_RE = recache.compile(r"\(([^()（）\n]{1,60})\)")

GBT15834 = "GB/T 15834—2011《标点符号用法》"

rule("P001", "doubled-punctuation", "error",
     "A punctuation mark doubled or two marks run together (，， 。。 ，。).",
     f"{GBT15834} §4 (one mark per pause)",
     fail="坚持和发展新时代“枫桥经验”，，建立“三所联动”机制。",
     passes="坚持和发展新时代“枫桥经验”，建立“三所联动”机制。")
rule("P002", "half-width-punctuation", "warning",
     "A half-width , ; : ( ) in Chinese text (not in URLs, English names or numbers such as 1,000).",
     f"{GBT15834} §3 (Chinese text uses full-width marks)",
     fail="共办理案件62件,处罚金额57万元。", passes="共办理案件62件，处罚金额57万元；合计1,000元。")
rule("P003", "unbalanced-pair", "error",
     "An unbalanced or wrongly nested “” 《》 （） 〔〕 within a paragraph; a title inside a title uses 〈〉.",
     f"{GBT15834} §4.4 (引号), §4.9 (括号), §4.15 (书名号)",
     fail="印发《某某镇落实《2024年度工作要点》的分工方案，细化任务。",
     passes="印发《某某镇落实〈2024年度工作要点〉分工方案》，细化任务。")

_CJK_CLOSE = "”’）》〉」』】〕"
_CJK_OPEN = "“‘（《〈「『【〔"


def _conf(ctx) -> dict:
    return ctx.packs["format"].get("punctuation", {})


def _blocks(ctx) -> list[int]:
    return list(ctx.report.body_range())


# ---------------------------------------------------------------- P001

@check("P001")
def doubled(ctx) -> Iterator[Hit]:
    conf = _conf(ctx)
    seps = conf.get("separators", "，。、；：？！")
    allowed = set(conf.get("allowed_pairs", []))
    strength = conf.get("strength", "。？！；：，、")
    run = recache.compile(f"[{re.escape(seps)}]{{2,}}")
    placeholders = ctx.packs["format"].get("placeholders", {})
    for i in _blocks(ctx):
        text = ctx.report.norm[i].text
        residue = None
        for m in run.finditer(text):
            marks = m.group(0)
            if marks in allowed:
                continue
            if residue is None:
                residue = question_residue(text, placeholders)
            if (m.start(), m.end()) in residue:
                continue  # ？？件: marks standing for a figure are F004's template residue
            if set(marks) == {"。"} and len(marks) >= 3:
                sugg, what = "……", "P001.ellipsis"
            else:
                sugg = min(set(marks), key=lambda c: strength.find(c) if c in strength else 99)
                what = "P001.doubled" if len(set(marks)) == 1 else "P001.run-together"
            yield ctx.hit("P001", i, m.start(), m.end(), msg(what, marks=marks), sugg,
                          fix=Fix(sugg, "safe" if len(set(marks)) == 1 else "unsafe"))


# ---------------------------------------------------------------- P002

def _side(ch: str) -> str:
    if not ch:
        return "none"
    if is_han(ch) or ch in _CJK_CLOSE or ch in _CJK_OPEN or ch in "，。、；：？！…—·":
        return "han"
    if ch.isdigit() or ch in "%％":
        return "digit"
    if ch.isascii():
        return "ascii"
    return "other"


def _list_marker(text: str, pos: int) -> bool:
    """``text[pos]`` is the ) of an enumeration marker like 1) a) 一) at the start of a clause."""
    j = pos - 1
    while j >= 0 and pos - 1 - j < 3 and (text[j].isascii() and text[j].isalnum() or text[j] in "一二三四五六七八九十"):
        j -= 1
    if j == pos - 1 or pos - 1 - j > 2:
        return False
    return j < 0 or text[j] in "，。；：、 \t（(“"


@check("P002")
def half_width(ctx) -> Iterator[Hit]:
    table = _conf(ctx).get("half_width", {",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})
    for i in _blocks(ctx):
        text = ctx.report.norm[i].text
        if not any(c in text for c in table):
            continue
        machine = machine_spans_at(ctx, i)  # URLs, e-mail addresses, file paths (shared with F)
        in_url = lambda p: in_spans(machine, p)  # noqa: E731
        used: set[int] = set()
        # paired half-width brackets in Chinese text: (一) 村(居) (2021-2025年) (1)
        for m in _ASCII_PAREN_RE.finditer(text):
            inner = m.group(1)
            if in_url(m.start()):
                continue
            used.update((m.start(), m.end() - 1))  # a pair is judged as a pair, never mark by mark
            outside = (_side(text[m.start() - 1] if m.start() else ""), _side(text[m.end()] if m.end() < len(text) else ""))
            if not (any(is_han(c) for c in inner)
                    or (re.fullmatch(r"\d{1,2}", inner) and ("han" in outside or outside[0] == "none"))):
                continue
            s, e = ctx.span(i, m.start(), m.end())
            yield ctx.hit("P002", i, m.start(), m.end(),
                          msg("P002.brackets", found=m.group(0)), f"（{inner}）",
                          fix=Fix("（" + ctx.doc.blocks[i].text[s + 1:e - 1] + "）"))
        for m in re.finditer(r"[,;:()]", text):
            p = m.start()
            ch = m.group(0)
            if p in used or in_url(p) or ch not in table:
                continue
            left = _side(text[p - 1] if p > 0 else "")
            right = _side(text[p + 1] if p + 1 < len(text) else "")
            if ch in "()":
                if ch == ")" and _list_marker(text, p):
                    continue
                if left != "han" and right != "han":
                    continue
            else:
                flag = (left == "han" and right in ("han", "digit", "none")) or \
                       (left in ("digit", "ascii") and right == "han")
                if ch == ":" and left == "digit" and right == "digit":
                    flag = False
                if not flag:
                    continue
            yield ctx.hit("P002", i, p, p + 1, msg("P002.mark", mark=ch), table[ch], fix=Fix(table[ch]))


# ---------------------------------------------------------------- P003

@dataclass(slots=True)
class _Problem:
    """A paired mark problem at ``start``…``end`` of a text: its kind, the mark, a suggested fix."""

    start: int
    end: int
    kind: str      # "unclosed", "unopened", "unclosed-nested", "nested-title", "angle-title",
                   # "nested-quote", "quote-turned"
    mark: str
    suggestion: str | None = None


_FOLD = {"(": "（", ")": "）"}


@lru_cache(maxsize=16)
def _pair_marks(pairs: tuple[tuple[str, ...], ...]) -> re.Pattern[str]:
    """The characters :func:`pair_problems` acts on: the marks of ``pairs``, ( ) when they fold
    into one of them, and <."""
    chars = {c for pair in pairs for c in pair if len(c) == 1}
    chars |= {raw for raw, folded in _FOLD.items() if folded in chars}
    chars.add("<")
    return recache.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def pair_problems(text: str, pairs: list[list[str]],
                  machine: list[tuple[int, int]] | None = None) -> list[_Problem]:
    """Unbalanced or wrongly nested pairs in one paragraph of normalised text.

    Half-width ( ) count as （ ）; a ) ending an enumeration marker (1) a)) is not a closer;
    〔〕 inside a 发文字号 are F001's; URLs, e-mail addresses and file paths are skipped. < > inside 《》 are a nested title written with the wrong marks.
    ``machine`` is ``machine_spans(text)`` when the caller has it already.
    """
    marks = [m.start() for m in _pair_marks(tuple(tuple(p) for p in pairs)).finditer(text)]
    if not marks:
        return []
    opens = {o: c for o, c in pairs}
    closes = {c: o for o, c in pairs}
    skip: set[int] = set()
    for m in DOC_NUMBER_ANY.finditer(text) if "号" in text else ():  # every 文号 ends with 号
        skip.update(range(m.start(), m.end()))
    for s, e in machine_spans(text) if machine is None else machine:  # a bracket inside a URL or a file path is not prose's
        skip.update(range(s, e))
    stack: list[tuple[str, int]] = []
    problems: list[_Problem] = []
    nested_titles: list[tuple[int, int, int]] = []  # (outer start, inner start, inner end)
    nested_quotes: list[tuple[int, int, int]] = []
    for pos in marks:  # every other character is passed over
        if pos in skip:
            continue
        raw = text[pos]
        ch = _FOLD.get(raw, raw)
        if raw == "<" and any(s[0] == "《" for s in stack):
            end = text.find(">", pos + 1)
            stop = text.find("》", pos + 1)
            if end > pos and (stop < 0 or end < stop):
                inner = text[pos + 1:end]
                problems.append(_Problem(pos, end + 1, "angle-title", "<>", f"〈{inner}〉"))
                skip.update((pos, end))
            continue
        if ch in opens:
            if ch == "《":
                outer = next((s for s in reversed(stack) if s[0] == "《"), None)
                if outer is not None:
                    nested_titles.append((outer[1], pos, -1))
            stack.append((ch, pos))
        elif ch in closes:
            if ch == "）" and not (stack and stack[-1][0] == "（") and _list_marker(text, pos):
                continue
            want = closes[ch]
            if stack and stack[-1][0] == want:
                _, start = stack.pop()
                if want == "《":
                    for k, (o, s, e) in enumerate(nested_titles):
                        if s == start:
                            nested_titles[k] = (o, s, pos + 1)
                if want == "“" and stack and stack[-1][0] == "“":
                    nested_quotes.append((stack[-1][1], start, pos + 1))
            elif any(s[0] == want for s in stack):
                while stack and stack[-1][0] != want:
                    o, s = stack.pop()
                    problems.append(_Problem(s, s + 1, "unclosed", o))
                stack.pop()
            else:
                problems.append(_Problem(pos, pos + 1, "unopened", raw))
    for o, s in stack:
        problems.append(_Problem(s, s + 1, "unclosed", text[s]))
    unclosed = {p.start for p in problems if p.kind == "unclosed"}
    for outer, s, e in nested_quotes:
        if outer not in unclosed:  # judged only inside a quotation that is itself closed
            problems.append(_Problem(s, e, "nested-quote", "“”", f"‘{text[s + 1:e - 1]}’"))
    unclosed_titles = {p.start for p in problems if p.kind == "unclosed" and p.mark == "《"}
    for outer, s, e in nested_titles:
        if e < 0:
            continue
        if outer in unclosed_titles:
            for p in problems:
                if p.start == outer and p.kind == "unclosed":
                    p.kind = "unclosed-nested"
            continue
        problems.append(_Problem(s, e, "nested-title", "《》", f"〈{text[s + 1:e - 1]}〉"))
    return _merge_quote_slips(text, sorted(problems, key=lambda p: p.start))


def _merge_quote_slips(text: str, problems: list[_Problem]) -> list[_Problem]:
    """“两个确立“ or ”两个确立”: one quotation mark turned the wrong way, one finding (not two)."""
    out: list[_Problem] = []
    k = 0
    while k < len(problems):
        p = problems[k]
        q = problems[k + 1] if k + 1 < len(problems) else None
        if (q is not None and p.mark == q.mark and p.mark in "“”" and p.kind == q.kind
                and p.kind in ("unclosed", "unopened") and 0 < q.start - p.end <= 30
                and not any(c in "“”" for c in text[p.end:q.start])):
            inner = text[p.end:q.start]
            out.append(_Problem(p.start, q.end, "quote-turned", p.mark, f"“{inner}”"))
            k += 2
            continue
        out.append(p)
        k += 1
    return out


_CLOSER = {"“": "”", "《": "》", "（": "）", "(": "）", "〔": "〕", "〈": "〉", "【": "】"}


def _continues(ctx, i: int, j: int) -> bool:
    """Block j continues block i's paragraph (a split the loader could not repair)."""
    rep = ctx.report
    if j >= rep.end or ctx.doc.blocks[i].in_table or ctx.doc.blocks[j].in_table:
        return False
    t = rep.norm[i].text.rstrip()
    return bool(t) and t[-1] not in "。！？；：" and find_marker(rep.norm[j].text) is None


@check("P003")
def unbalanced(ctx) -> Iterator[Hit]:
    pairs = _conf(ctx).get("pairs", [["“", "”"], ["《", "》"], ["（", "）"], ["〔", "〕"], ["〈", "〉"]])
    blocks = _blocks(ctx)
    found = {i: pair_problems(ctx.report.norm[i].text, pairs, machine_spans_at(ctx, i)) for i in blocks}
    # a paragraph split across two blocks: an opener left open at the end of one and closed at the
    # start of the next is not a problem
    for i, j in zip(blocks, blocks[1:]):
        if j != i + 1 or not _continues(ctx, i, j):
            continue
        open_end = [p for p in found[i] if p.kind.startswith("unclosed")]
        close_start = [p for p in found[j] if p.kind == "unopened"]
        for p in list(open_end):
            want = _CLOSER.get(p.mark)
            q = next((q for q in close_start if _FOLD.get(q.mark, q.mark) == want), None)
            if q is not None:
                found[i].remove(p)
                found[j].remove(q)
                close_start.remove(q)
    for i in blocks:
        for p in found[i]:
            message = msg(f"P003.{p.kind}", mark=p.mark) if p.kind in ("unclosed", "unopened", "quote-turned") \
                else msg(f"P003.{p.kind}")
            sugg: Msg | str | None = p.suggestion  # the corrected pair, e.g. 〈…〉 ‘…’ “…”
            if sugg is None and p.kind == "unclosed" and p.mark in _CLOSER:
                sugg = msg("P003.unclosed.hint", closer=_CLOSER[p.mark])
            elif sugg is None and p.kind == "unclosed-nested":
                sugg = msg("P003.unclosed-nested.hint")
            elif sugg is None and p.kind == "unopened":
                sugg = msg("P003.unopened.hint")
            yield ctx.hit("P003", i, p.start, p.end, message, sugg)

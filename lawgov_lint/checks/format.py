"""F — 公文 format: 发文字号, heading numbering, 成文日期, placeholders, year ranges.

Sources: GB/T 9704—2012《党政机关公文格式》 §7.2.4 (发文字号 ``代字〔2024〕5号``: 六角括号, full
year, no 第, no leading 0), §7.3.3 (heading levels 一、 → （一） → 1. → （1）), §7.3.5.3 (成文日期
in Arabic numerals, no zero padding); GB/T 15835—2011《出版物上数字用法》 and GB/T 15834—2011
§4.13 (year ranges with 一字线: 2021—2025年). Data in ``rules/format.toml``.

Only the report proper produces findings, except F001 and F003, which also judge the covering
document's own 发文字号 and 成文日期 (SPEC §3).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from .. import recache
from ..packs import per_packs
from ..numerals import to_cn
from ..lexers.dates import find_dates
from ..lexers.machine import in_spans, machine_spans
from ..lexers.markers import find_marker
from ..lexers.screen import screen
from ..findings import Fix
from ..i18n import Msg, msg
from . import Hit, check, rule
from .context import block_memo

GBT9704 = "GB/T 9704—2012《党政机关公文格式》"

rule("F001", "document-number", "error",
     "The 发文字号 is not 代字〔YYYY〕N号 (square, lenticular or round brackets, a two-digit year, 第5号, 05号, "
     "a bracket lost).", f"{GBT9704} §7.2.4",
     fail="某府发[2024]第05号", passes="某府发〔2024〕5号")
rule("F002", "heading-numbering", "error",
     "Heading numbers duplicated or skipped within a level (error); a marker of the wrong type for its level, "
     "mixed markers at one level, or （1）（2）（3） then （四） (warning).", f"{GBT9704} §7.3.3",
     fail="一、… （一）… （二）… （四）…", passes="一、… （一）… （二）… （三）…",
     severities=("error", "warning"))
rule("F003", "date-format", "warning",
     "The 成文日期 is zero-padded (2024年03月) or written in Chinese numerals.", f"{GBT9704} §7.3.5.3",
     fail="2025年01月20日", passes="2025年1月20日")
rule("F004", "placeholder", "error",
     "Template residue left in the text (*次, XX件, ××, X册 — a placeholder before any measure word of "
     "rules/measure_words.toml).", f"{GBT9704} (a 公文 is complete)",
     fail="全年共办理行政复议案件XX件。", passes="全年共办理行政复议案件12件。")
rule("F005", "year-range-dash-lost", "error",
     "A year range whose dash was lost (20212025年).", "GB/T 15834—2011 §4.13; GB/T 15835—2011",
     fail="《法治政府建设实施纲要（20212025年）》", passes="《法治政府建设实施纲要（2021—2025年）》")
rule("F006", "year-range-hyphen", "info",
     "A year range written with a hyphen (2021-2025年) instead of 一字线 (2021—2025年).",
     "GB/T 15834—2011 §4.13 (连接号); GB/T 15835—2011", fail="（2021-2025年）", passes="（2021—2025年）")

# ---------------------------------------------------------------- machine text

# URLs, e-mail addresses and file paths are machine text (lexers.machine): nothing inside them is
# judged by F or P.


def machine_spans_at(ctx, i: int) -> list[tuple[int, int]]:
    """:func:`machine_spans` of block ``i``'s normalised text, computed once per report (F and P
    share it); the list is shared, not to be changed."""
    memo = block_memo(ctx, "machine_spans")
    spans = memo.get(i)
    if spans is None:
        spans = memo[i] = machine_spans(ctx.report.norm[i].text)
    return spans


# ---------------------------------------------------------------- F001

_OB = r"[\[【(（［〔﹝{｛<〈]"
_CB = r"[\]】)）］〕﹞}｝>〉]"
_NOT_AFTER = r"(?!楼|线|院|门|房|地块|机|台|车|床|仓|库|口)"
# a 文号 in running text: some bracket around the year
DOC_NUMBER_ANY = recache.compile(
    rf"(?<=[\u4e00-\u9fff])\s*(?:(?P<ob>{_OB})\s*(?P<year>\d{{4}}|\d{{2}})\s*(?P<cb>{_CB}?)"
    rf"|(?P<year2>\d{{4}})\s*(?P<cb2>{_CB}))\s*(?P<di>第?)\s*(?P<num>\d{{1,4}})\s*号{_NOT_AFTER}"
)
# a 文号 line (cover, preamble): the whole line is the 文号 (maybe followed by 签发人). Brackets may
# be missing altogether; in the 文号 position (below the 版头, above a title) also a two-digit year,
# ``2026年3号`` and a lost 号 (see _in_number_position).
DOC_NUMBER_LINE = recache.compile(
    rf"^(?P<org>[\u4e00-\u9fff]{{1,12}}?)\s*(?P<ob>{_OB}?)\s*(?P<year>\d{{4}}|\d{{2}})\s*(?P<nian>年?)\s*"
    rf"(?P<cb>{_CB}?)\s*(?P<di>第?)\s*(?P<num>\d{{1,4}})\s*(?P<hao>号?)"
)
_BRACKET_NAMES = {"〔": "六角", "〕": "六角", "[": "square", "［": "square", "]": "square", "］": "square", "【": "lenticular",
                  "】": "lenticular", "(": "round", "（": "round", ")": "round", "）": "round",
                  "﹝": "small-form", "﹞": "small-form", "{": "curly", "｛": "curly", "}": "curly",
                  "｝": "curly", "<": "angle", "〈": "angle", ">": "angle", "〉": "angle"}


def _bracket_kind(name: str) -> "Msg | str":
    """A bracket kind of ``_BRACKET_NAMES`` in the reader's language; an unknown mark as it is."""
    return msg(f"F001.bracket.{name}") if name in set(_BRACKET_NAMES.values()) else name


def _judge_number(ob: str, year: str, cb: str, di: str, num: str, nian: str = "", hao: str = "号") -> list[Msg]:
    """What is wrong with a 文号's year and serial, as catalogue messages (empty list when it is right)."""
    wrong = []
    if nian and not ob and not cb:
        wrong.append(msg("F001.year-nian", year=year))
    elif nian:
        wrong.append(msg("F001.nian"))
    if not ob and not cb:
        if not nian:
            wrong.append(msg("F001.no-brackets"))
    elif not ob or not cb:
        wrong.append(msg("F001.bracket-lost"))
    if ob and cb and _BRACKET_NAMES.get(ob, ob) != _BRACKET_NAMES.get(cb, cb) and "〔" in ob + cb:
        wrong.append(msg("F001.unmatched", open=ob, close=cb))
    elif (ob and ob != "〔") or (cb and cb != "〕"):
        kinds = [_bracket_kind(k) for k in sorted({_BRACKET_NAMES.get(c, c) for c in (ob, cb) if c and c not in "〔〕"})]
        shown = kinds[0] if len(kinds) == 1 else msg("F001.bracket.two", first=kinds[0], second=kinds[1])
        wrong.append(msg("F001.wrong-brackets", kinds=shown))
    if len(year) == 2:
        wrong.append(msg("F001.two-digit-year"))
    if di:
        wrong.append(msg("F001.di"))
    if len(num) > 1 and num.startswith("0"):
        wrong.append(msg("F001.leading-zero"))
    if not hao:
        wrong.append(msg("F001.no-hao"))
    return wrong


def _fixed_number(year: str, num: str) -> str:
    y = year if len(year) == 4 else "20" + year
    return f"〔{y}〕{int(num)}号"


def _number_hit(ctx, i: int, s: int, e: int, wrong: list[Msg], year: str, num: str, whose: str) -> Hit:
    """``whose`` is "own" (the report's 发文字号), "cover" (the covering document's) or "cited"."""
    text = ctx.report.norm[i].text
    return ctx.hit("F001", i, s, e, msg(f"F001.number-{whose}", number=text[s:e], problems=wrong),
                   _fixed_number(year, num))


_TITLE_LIKE = recache.compile(r"关于|(?:通知|请示|报告|函|意见|决定)$")


def _in_number_position(rep, j: int, lo: int) -> bool:
    """Block j (a short line) sits where a 发文字号 goes: the first line, right below the 版头
    (``…文件``), or right above a title (the report's, or a cover's ``关于…的通知``)."""
    if j == lo:
        return True
    if j - 1 >= 0 and rep.norm[j - 1].text.strip().endswith("文件"):
        return True
    if rep.title_blocks and j + 1 == rep.title_blocks[0]:
        return True
    if j + 1 < len(rep.norm):
        nxt = rep.norm[j + 1].text.strip()
        return len(nxt) <= 80 and bool(_TITLE_LIKE.search(nxt))
    return False


@check("F001")
def document_number(ctx) -> Iterator[Hit]:
    rep = ctx.report
    conf = ctx.packs["format"].get("document_number", {})
    limit = conf.get("cover_blocks", 12)
    own_numbering = tuple(conf.get("own_numbering", ["公告", "通告", "令"]))
    first_title = rep.title_blocks[0] if rep.title_blocks else rep.start
    cover = rep.cover_blocks[:limit]
    # a 文号 line right above the report's title is the report's own, even when the structure
    # parser (which needs a well-formed 文号) left it outside the report proper
    lines = [(j, "own" if j + 1 == first_title else "cover", cover[0] if cover else 0) for j in cover]
    lines += [(j, "own", rep.start) for j in range(rep.start, first_title)]
    done: set[int] = set()
    for j, whose, lo in lines:
        t = rep.norm[j].text
        stripped = t.strip()
        if len(stripped) > 40 or not stripped:
            continue
        m = DOC_NUMBER_LINE.match(stripped)
        if not m:
            continue
        rest = stripped[m.end():].strip()
        if rest and not rest.startswith("签发人"):
            continue
        ob, year, cb, nian, hao = m.group("ob"), m.group("year"), m.group("cb"), m.group("nian"), m.group("hao")
        lenient = len(year) == 2 or nian or not hao
        if lenient:
            if len(year) == 2 and not (ob or cb):
                continue  # 区司发245号: no telling the year from the serial
            if not hao and not (ob and cb):
                continue  # 电话12345678: without 号 only a bracketed year makes a 文号
            if nian and (m.group("di") or not hao):
                continue  # 公告2024年第3号: a 公告's own numbering
            if len(year) == 4 and not 1949 <= int(year) <= 2099:
                continue
            if m.group("org").endswith(own_numbering):
                continue  # 公告 and 令 have their own numbering (公安部公告2025年第3号, 司法部令第5号)
            if not _in_number_position(rep, j, lo):
                continue
        off = t.find(stripped)
        wrong = _judge_number(ob, year, cb, m.group("di"), m.group("num"), nian, hao)
        done.add(j)
        if wrong:
            s = off + (m.start("ob") if ob else m.start("year"))
            e = off + (m.end("hao") if hao else m.end("num"))
            yield _number_hit(ctx, j, s, e, wrong, year, m.group("num"), whose)
    titles = set(rep.title_blocks)
    for i in rep.body_range():
        if i in done or i in titles:
            continue
        t = rep.norm[i].text
        if "号" not in t:
            continue  # (every 文号 ends with 号: the pattern is costly to run on every paragraph)
        machine = machine_spans_at(ctx, i)
        for m in DOC_NUMBER_ANY.finditer(t):
            if in_spans(machine, *m.span()):
                continue
            ob = m.group("ob") or ""
            year = m.group("year") or m.group("year2")
            cb = m.group("cb") if m.group("year") else m.group("cb2")
            if len(year) == 2 and ob in "(（":
                continue  # (12)3号 is not a 文号
            wrong = _judge_number(ob, year, cb or "", m.group("di"), m.group("num"))
            if wrong:
                s = m.start("ob") if m.group("year") else m.start("year2")
                yield _number_hit(ctx, i, s, m.end(), wrong, year, m.group("num"), "cited")


# ---------------------------------------------------------------- F002



def marker_text(kind: str, n: int) -> str:
    """The standard written form of marker ``kind`` with number ``n`` (``cn_paren`` 3 → （三）)."""
    return {
        "part": f"第{to_cn(n)}部分",
        "cn_dun": f"{to_cn(n)}、",
        "cn_paren": f"（{to_cn(n)}）",
        "num_dot": f"{n}.",
        "num_dun": f"{n}、",
        "num_paren": f"（{n}）",
        "circled": chr(ord("①") + n - 1) if 1 <= n <= 20 else f"({n})",
    }[kind]


def _missed_between(ctx, a: int, b: int, kind: str, numbers: set[int]) -> bool:
    """A block between blocks a and b starts with a marker of ``kind`` numbered in ``numbers``
    (a heading the structure parser did not take as one): then the sequence is not judged."""
    for j in range(a + 1, b):
        m = find_marker(ctx.report.norm[j].text)
        if m and m.kind == kind and m.number in numbers:
            return True
    return False


# the usual rank of each marker kind (GB/T 9704—2012 §7.3.3: 一、 → （一） → 1. → （1）; 第X部分 above all)
_RANK = {"part": 0, "cn_dun": 1, "cn_paren": 2, "num_dot": 3, "num_dun": 3, "num_paren": 4, "circled": 5}


def _parent_between(ctx, a: int, b: int, kind: str) -> bool:
    """A block between blocks a and b starts with a marker of a kind ranked above ``kind`` (第二部分
    between two 一、): the restart of ``kind`` at 1 after it may be under a parent the parser did not
    take as a heading. Without one, ``一、`` right after ``一、`` (sub-headings （一）（二） between them or
    not) is the same number twice, the second meant as ``（一）`` or ``二、``."""
    rank = _RANK.get(kind, 0)
    for j in range(a + 1, b):
        m = find_marker(ctx.report.norm[j].text)
        if m and m.kind != kind and _RANK.get(m.kind, 0) < rank:
            return True
    return False


def _effective_tree(heads) -> tuple[list[int | None], list[int]]:
    """Parents and levels of the headings, with two repairs:

    * a heading never nests under a heading with the same marker kind (``2、`` after a top-level
      ``1、`` is its sibling, not its child);
    * a heading with the wrong marker type that continues its parent's numbering is the parent's
      sibling (``一、 二、 3、 四、``: ``3、`` is a mis-marked ``三、``, not a child of ``二、``) — when it is
      the parent's first child and the next heading of the parent's type continues after it.

    (``第X部分`` above ``一、`` needs no repair: the structure parser ranks ``part`` above ``cn_dun``.)
    """
    parent: list[int | None] = []
    level: list[int] = []
    for k, h in enumerate(heads):
        p = h.parent
        while (p is not None and h.marker is not None and heads[p].marker is not None
               and heads[p].marker.kind == h.marker.kind):
            p = parent[p]
        if (p is not None and h.marker is not None and heads[p].marker is not None and h.marker.kind != "part"
                and h.marker.number == heads[p].marker.number + 1 and p not in parent[p + 1:]):
            nxt = next((n for n in range(k + 1, len(heads)) if heads[n].marker is not None
                        and heads[n].marker.kind == heads[p].marker.kind), None)
            if (nxt is not None and heads[nxt].marker.number == h.marker.number + 1
                    and heads[nxt].parent == heads[p].parent):
                p = parent[p]
        parent.append(p)
        level.append(1 if p is None else level[p] + 1)
    return parent, level


@check("F002")
def heading_numbering(ctx) -> Iterator[Hit]:
    rep = ctx.report
    conf = ctx.packs["format"].get("headings", {})
    top_ok = set(conf.get("top_level_ok", ["cn_dun", "part"]))
    heads = [(k, h) for k, h in enumerate(rep.headings) if h.marker is not None]
    if not heads:
        return
    eparent, elevel = _effective_tree(rep.headings)
    flagged: set[int] = set()
    # ---- sequence within each parent: duplicates and gaps (error); restart or run-on both fine
    groups: dict[object, list[int]] = {}
    order: list[object] = []
    for k, h in heads:
        key = (eparent[k], elevel[k])
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(k)
    seen_level_numbers: dict[int, int] = {}
    # a series: sibling groups chained by run-on numbering (（一）（二） | （三）（四）); marker kinds are
    # compared within a series, never between sections that each restart their numbering
    series: list[list[int]] = []
    current: dict[int, list[int]] = {}
    for key in sorted(order, key=lambda g: rep.headings[groups[g][0]].block):
        ks = groups[key]
        level = key[1]
        prev_last = seen_level_numbers.get(level)
        first = rep.headings[ks[0]]
        n0 = first.marker.number
        if prev_last is not None and n0 != 1 and n0 == prev_last + 1 and level in current:
            current[level].extend(ks)
        else:
            current[level] = list(ks)
            series.append(current[level])
        if n0 != 1 and n0 != (prev_last or 0) + 1:
            expected = 1 if prev_last is None else prev_last + 1
            lo = rep.headings[eparent[ks[0]]].block if eparent[ks[0]] is not None else rep.start - 1
            if expected < n0 and not _missed_between(ctx, lo, first.block, first.marker.kind,
                                                     set(range(1, n0))):
                want = marker_text(first.marker.kind, 1 if prev_last is None else expected)
                message = (msg("F002.starts-at", marker=first.marker.text, number=n0) if prev_last is None else
                           msg("F002.starts-after", marker=first.marker.text, number=n0, previous=prev_last))
                yield ctx.hit("F002", first.block, first.marker.start, first.marker.end, message, want)
                flagged.add(ks[0])
        used = {n0}
        for a, b in zip(ks, ks[1:]):
            ha, hb = rep.headings[a], rep.headings[b]
            na, nb = ha.marker.number, hb.marker.number
            if nb == na + 1:
                used.add(nb)
                continue
            if nb == 1 and not (na == 1 and not _parent_between(ctx, ha.block, hb.block, hb.marker.kind)):
                used = {1}
                continue  # a restart: probably a parent heading the parser did not see
            if nb in used:
                sub = {"cn_dun": "cn_paren", "cn_paren": "num_dot", "num_dot": "num_paren"}.get(hb.marker.kind)
                meant = (msg("F002.repeats.sub-heading", marker=marker_text(sub, 1))
                         if na == nb == 1 and sub else "")
                yield ctx.hit("F002", hb.block, hb.marker.start, hb.marker.end,
                              msg("F002.repeats", marker=hb.marker.text, level=elevel[b], meant=meant),
                              marker_text(hb.marker.kind, na + 1))
                flagged.add(b)
                used.add(nb)
            elif nb > na + 1 and not _missed_between(ctx, ha.block, hb.block, hb.marker.kind,
                                                     set(range(na + 1, nb))):
                missing = "、".join(marker_text(hb.marker.kind, n) for n in range(na + 1, nb))
                yield ctx.hit("F002", hb.block, hb.marker.start, hb.marker.end,
                              msg("F002.jump", before=ha.marker.text, after=hb.marker.text, missing=missing),
                              marker_text(hb.marker.kind, na + 1))
                flagged.add(b)
                used.add(nb)
            else:
                used.add(nb)
        seen_level_numbers[level] = rep.headings[ks[-1]].marker.number
    # ---- marker types (warning): a wrong top-level type; mixed kinds among siblings; a run-on series
    # that changes its marker type at a section boundary (（1）（2）（3） then （四）)
    expected_kind = conf.get("expected", {})
    H = rep.headings

    def majority(ks: list[int]) -> str:
        kinds = [H[k].marker.kind for k in ks]
        std = expected_kind.get(str(elevel[ks[0]]))
        return max(set(kinds), key=lambda kd: (kinds.count(kd), kd == std, -kinds.index(kd)))

    def shown(ks: list[int]) -> str:
        return "".join(H[k].marker.text for k in ks[:4]) + ("…" if len(ks) > 4 else "")

    def where(level: int) -> Msg:
        return msg("F002.level-top") if level == 1 else msg("F002.level-n", level=level)

    for ks in series:
        level = elevel[ks[0]]
        major = majority(ks)
        if level == 1 and major not in top_ok:
            h = H[ks[0]]
            if ks[0] not in flagged:
                yield ctx.hit("F002", h.block, h.marker.start, h.marker.end,
                              msg("F002.top-level", marker=h.marker.text),
                              marker_text("cn_dun", h.marker.number), severity="warning")
                flagged.add(ks[0])
            continue
        # siblings under one parent: each run of minority markers, one finding at its first heading
        for key in [g for g in order if groups[g][0] in ks]:
            sib = groups[key]
            run: list[int] = []
            for pos, k in enumerate(sib + [None]):
                if k is not None and H[k].marker.kind != major:
                    run.append(k)
                    continue
                if run and run[0] not in flagged and (len(run) < len(sib)):
                    h0 = H[run[0]]
                    before = (msg("F002.mix.before", marker=H[sib[pos - len(run) - 1]].marker.text)
                              if pos - len(run) > 0 else "")
                    after = msg("F002.mix.after", marker=H[k].marker.text) if k is not None else ""
                    yield ctx.hit("F002", h0.block, h0.marker.start, h0.marker.end,
                                  msg("F002.mix", level=where(level), before=before, run=shown(run), after=after,
                                      first=marker_text(major, 1)),
                                  marker_text(major, h0.marker.number), severity="warning")
                    flagged.add(run[0])
                run = []
        # a run-on series whose sibling groups use different marker types: one finding where it changes
        sib_groups = [groups[g] for g in order if groups[g][0] in ks]
        for g1, g2 in zip(sib_groups, sib_groups[1:]):
            k1, k2 = majority(g1), majority(g2)
            if k1 == k2 or g2[0] in flagged:
                continue
            h = H[g2[0]]
            if k2 == major:
                minority = [k for k in g1 if H[k].marker.kind == k1]
                sugg: Msg | str = msg("F002.run-on.hint", markers=shown(minority),
                                      renumbered="".join(marker_text(major, H[k].marker.number)
                                                         for k in minority[:4]))
            else:
                sugg = marker_text(major, h.marker.number)
            yield ctx.hit("F002", h.block, h.marker.start, h.marker.end,
                          msg("F002.run-on", level=where(level), run=shown(g1), marker=h.marker.text,
                              first=marker_text(major, 1)), sugg, severity="warning")
            flagged.add(g2[0])


# ---------------------------------------------------------------- F003

_DOTTED_DATE = recache.compile(r"^(\d{4})\s*[.．/\-－]\s*(\d{1,2})\s*[.．/\-－]\s*(\d{1,2})$")


@check("F003")
def date_format(ctx) -> Iterator[Hit]:
    rep = ctx.report
    lines = []
    if rep.signing is not None:
        lines.append((rep.signing, "own"))
    if rep.cover_signing is not None:
        lines.append((rep.cover_signing, "cover"))
    for line, whose in lines:
        dates = find_dates(line.text)
        if not dates:
            continue
        d = dates[0]
        if not (d.chinese or d.zero_padded):
            continue
        why = msg("F003.chinese-numerals") if d.chinese else msg("F003.zero-padded")
        fixed = f"{d.date.year}年{d.date.month}月{d.date.day}日"
        s = line.start + d.start
        yield ctx.hit("F003", line.block, s, s + (d.end - d.start),
                      msg(f"F003.style-{whose}", date=d.text, why=why), fixed)
    # a 成文日期 written as 2025.1.20 / 2025-01-20 in the 落款 position
    candidates = [(j, "own") for j in range(max(rep.start, rep.end - 4), rep.end)]
    if rep.cover_blocks:
        candidates += [(j, "cover") for j in rep.cover_blocks[-4:]]
    for j, whose in candidates:
        t = rep.norm[j].text
        m = _DOTTED_DATE.match(t.strip())
        if not m:
            continue
        y, mo, d = (int(g) for g in m.groups())
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            continue
        off = t.find(t.strip())
        yield ctx.hit("F003", j, off, off + len(t.strip()),
                      msg(f"F003.not-nyr-{whose}", date=t.strip()), f"{y}年{mo}月{d}日")


# ---------------------------------------------------------------- F004

_DATE_NEAR = recache.compile(r"^[年月日]")
_UNITS = "件次人个项家场起户名条份批期篇所处%％万亿元余"


_MD_BREAK = recache.compile(r"^\s{0,3}([*_\-])(?:\s*\1){2,}\s*$")
_MD_RUN = recache.compile(r"(?<!\\)(\*+|_+)")


def _md_punct(c: str) -> bool:
    import unicodedata

    return unicodedata.category(c)[:1] in "PS"


def markdown_emphasis(text: str) -> set[int]:
    """Positions of ``*``/``_`` that are Markdown emphasis delimiters (``**粗体**``, ``*斜体*``,
    ``__粗体__``): runs of one to three that can open and close by CommonMark's flanking rules,
    paired with a later run of the same character. Not markup: an unpaired run (``共**件``), a
    longer run (``____件``), a pair that stands where figures go (``受理**件，办结**件``).
    CommonMark's rule against intraword ``_`` is not applied: Chinese has no spaces between words."""
    runs = []
    for m in _MD_RUN.finditer(text):
        s, e = m.span()
        if e - s > 3:
            continue
        before = text[s - 1] if s > 0 else " "
        after = text[e] if e < len(text) else " "
        ws_b, ws_a = before.isspace(), after.isspace()
        left = not ws_a and (not _md_punct(after) or ws_b or _md_punct(before))
        right = not ws_b and (not _md_punct(before) or ws_a or _md_punct(after))
        runs.append((s, e, m.group(1)[0], left, right))
    marks: set[int] = set()
    openers: list[tuple[int, int, str]] = []
    for s, e, ch, can_open, can_close in runs:
        k = next((k for k in range(len(openers) - 1, -1, -1) if openers[k][2] == ch), None) if can_close else None
        if k is not None:
            os_, oe, _ = openers[k]
            del openers[k:]
            if oe < len(text) and e < len(text) and text[oe] in _UNITS and text[e] in _UNITS:
                continue  # 受理**件，办结**件: two blanks before units, not bold
            n = min(oe - os_, e - s)
            marks.update(range(oe - n, oe))
            marks.update(range(s, s + n))
        elif can_open:
            openers.append((s, e, ch))
    return marks


def question_residue(text: str, conf: dict) -> list[tuple[int, int]]:
    """Question marks standing for a figure before a unit (受理案件？件, ？？场), per format.toml
    [placeholders] ``question``: not after a question (是否…？, …吗？), not before a doubled unit."""
    pat = conf.get("question")
    if not pat:
        return []
    scr = screen(pat)
    if scr is not None and scr.search(text) is None:
        return []
    qwords = tuple(conf.get("question_words", []))
    out = []
    for m in _compile(pat).finditer(text):
        s, e = m.span()
        clause = re.split(r"[。；！？?]", text[:s])[-1]
        if text[e + 1:e + 2] == text[e:e + 1] or any(w in clause for w in qwords):
            continue  # a question mark ending a question: 是否…？件件落实
        out.append((s, e))
    return out


@lru_cache(maxsize=32)
def _compile(pattern: str) -> re.Pattern[str]:
    return recache.compile(pattern)


def measure_alternation(packs) -> str:
    """The measure words and units of measure_words.toml as one regex alternation, longest first
    (the list is checked when the packs load); built once per Packs value."""
    words = packs["measure_words"].get("words", [])
    return per_packs(packs, "measure_alternation",
                     lambda: "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))))


def _measure_pattern(pattern: str | None, packs) -> re.Pattern[str] | None:
    """A format.toml [placeholders] pattern with ``{measure}`` replaced by the measure words."""
    if not pattern:
        return None
    if "{measure}" in pattern:
        pattern = pattern.replace("{measure}", f"(?:{measure_alternation(packs)})")
    return _compile(pattern)


def _placeholder_patterns(packs) -> tuple[list[tuple[re.Pattern[str], re.Pattern[str] | None]], re.Pattern[str],
                                          re.Pattern[str] | None]:
    """F004's patterns (the [placeholders] runs, then single and empty), each with its
    :func:`~lawgov_lint.lexers.screen.screen`, the measure-word pattern and the single one;
    compiled once per Packs value."""
    def build():
        conf = packs["format"].get("placeholders", {})
        pats = [recache.compile(p) for p in conf.get("runs", [])]
        measure = _measure_pattern("{measure}", packs)
        single = _measure_pattern(conf.get("single"), packs)
        empty = _measure_pattern(conf.get("empty"), packs)
        pats += [p for p in (single, empty) if p is not None]
        return [(p, screen(p.pattern, p.flags)) for p in pats], measure, single

    return per_packs(packs, "F004", build)


@check("F004")
def placeholder(ctx) -> Iterator[Hit]:
    rep = ctx.report
    conf = ctx.packs["format"].get("placeholders", {})
    pats, measure, single = _placeholder_patterns(ctx.packs)
    marker_words = tuple(conf.get("marker_words", []))
    marker_before = conf.get("marker_before", "")
    anonymised = tuple(conf.get("anonymised_before", []))
    surnames = conf.get("surnames", "")
    markdown = ctx.doc.format == "md"
    for i in rep.body_range():
        t = rep.norm[i].text
        markup: set[int] = set()
        if markdown:
            if _MD_BREAK.match(t):
                continue  # a thematic break (*** or ___)
            markup = markdown_emphasis(t)  # in Markdown, **粗体** is markup, not template residue
        found: list[tuple[int, int]] = []
        machine = machine_spans_at(ctx, i)
        for p, scr in pats:
            if scr is not None and scr.search(t) is None:
                continue  # no character a match starts with
            for m in p.finditer(t):
                s, e = m.span()
                if markup and all(k in markup for k in range(s, e)):
                    continue
                if in_spans(machine, s, e):
                    continue  # www.xxx.gov.cn, a file path: machine text
                if (_DATE_NEAR.match(t[e:e + 1]) or (t[e:e + 1] == "号" and "月" in t[max(0, s - 3):s])
                        or (s > 0 and t[s - 1] in "年月") or re.match(r"\d", t[e:e + 1])):
                    continue  # a date or a number: D002's, or not a placeholder (〔2024〕XX号 is residue)
                if single is not None and p is single:
                    if t.startswith(marker_words, e):
                        continue  # 带*项目: a marker on a word, not a figure
                    if t[s] in "*＊" and s > 0 and t[s - 1] in marker_before:
                        continue  # 带*, 标*: a footnote marker
                if t.startswith(anonymised, e) or (s > 0 and t[s - 1] in surnames and t[e:e + 1] not in _UNITS):
                    continue  # an anonymised name (××公司, 张××), not template residue
                if any(a < e and s < b for a, b in found):
                    continue
                found.append((s, e))
        found += [(s, e) for s, e in question_residue(t, conf)
                  if not in_spans(machine, s, e) and not any(a < e and s < b for a, b in found)]
        for s, e in sorted(found):
            figure = t[e:e + 1] in _UNITS or t[e:e + 1] == "号" or bool(measure.match(t, e))
            yield ctx.hit("F004", i, s, e,
                          msg("F004.residue", text=t[s:e]),
                          msg("F004.residue.figure-hint") if figure else msg("F004.residue.text-hint"))


# ---------------------------------------------------------------- F005, F006

_RANGE_LOST = recache.compile(r"(?<![\d.\-])((?:19|20)\d{2}) ?((?:19|20)\d{2})(?=年|）|\))")
_RANGE_HYPHEN = recache.compile(r"(?<![\d.\-－])((?:19|20)\d{2})(年?) ?([-－–‐‑−]) ?((?:19|20)\d{2})(?![\d.]|[-－]\d)")
# what every match of each holds (cheap to look for: no lookbehind at every position)
_RANGE_LOST_HINT = recache.compile(r"(?:19|20)\d{2} ?(?:19|20)\d{2}")
_RANGE_DASHES = "-－–‐‑−"


@check("F005", "F006")
def year_ranges(ctx) -> Iterator[Hit]:
    rep = ctx.report
    for i in rep.body_range():
        t = rep.norm[i].text
        lost = _RANGE_LOST_HINT.search(t) is not None
        hyphen = any(c in t for c in _RANGE_DASHES)
        if not (lost or hyphen):
            continue  # most paragraphs: neither pattern can match
        machine = machine_spans_at(ctx, i)
        for m in _RANGE_LOST.finditer(t) if lost else ():
            a, b = int(m.group(1)), int(m.group(2))
            if 0 < b - a <= 30 and not in_spans(machine, *m.span()):
                yield ctx.hit("F005", i, m.start(), m.end(),
                              msg("F005.lost-dash", range=m.group(0)), f"{a}—{b}", fix=Fix(f"{a}—{b}"))
        for m in _RANGE_HYPHEN.finditer(t) if hyphen else ():
            a, b = int(m.group(1)), int(m.group(4))
            if 0 < b - a <= 30 and not in_spans(machine, *m.span()):
                yield ctx.hit("F006", i, m.start(), m.end(),
                              msg("F006.hyphen", range=m.group(0)),
                              f"{a}{m.group(2)}—{b}", fix=Fix(f"{a}{m.group(2)}—{b}"))

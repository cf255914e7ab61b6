"""T003 — known confusions: a wrong word in its context (工作体质 → 体制, 法制政府 → 法治政府).

The confusions, each with its pattern, its correction and its source, are ``rules/terms.toml``
[[confusions]]. :func:`confusion_spans` tells T001, T002 and T004 where T003 reports, so that one
slip gives one finding.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from .. import recache
from ..findings import Fix
from ..i18n import Msg, msg
from ..packs import per_packs
from ..spans import inside, protected_spans
from . import Hit, body_blocks, check, rule

rule("T003", "known-confusion", "error",
     "A known confusion in its context: 工作体质 → 体制, 法制政府 → 法治政府, 执法决定法治审核 → 法制审核 …",
     "《现代汉语词典》; the confusions of rules/terms.toml, each with its source",
     fail="进一步完善行政执法工作体质。", passes="进一步完善行政执法工作体制。",
     severities=("error", "warning", "info"))

@lru_cache(maxsize=64)
def _compile(pattern: str) -> re.Pattern[str]:
    return recache.compile(pattern)


_WORDS = recache.compile(r"[^\\()\[\]{}?*+.^$|]*(?:\|[^\\()\[\]{}?*+.^$|]*)*")  # plain words between |


def _group_bodies(pattern: str) -> Iterator[tuple[str, str]]:
    """``(name, text up to the next ")")`` of each named group ``(?P<name>…)`` of ``pattern`` (outside
    character classes and escapes); the text is the group's body when it holds no group of its own."""
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":  # skip the class: a leading ^ and a leading ] are part of it
            i += 1
            if pattern.startswith("^", i):
                i += 1
            if pattern.startswith("]", i):
                i += 1
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
            i += 1
            continue
        if pattern.startswith("(?P<", i):
            close = pattern.find(">", i)
            end = pattern.find(")", close)
            if close < 0 or end < 0:
                return
            yield pattern[i + 4:close], pattern[close + 1:end]
        i += 1


def required_words(pattern: str) -> tuple[str, ...] | None:
    """Words one of which a text holds wherever a [[confusions]] ``pattern`` reports: a match reports
    only through a ``w…`` group, so when each such group is a plain list of words (体质,
    首要责任人|首要负责人|第一负责人), a text with none of them has nothing to report and its regular
    expression need not run. None when a ``w`` group is anything else (枫[乔侨荞]经验), or the
    pattern ignores case or whitespace."""
    if _compile(pattern).flags & (re.IGNORECASE | re.VERBOSE):
        return None
    words: list[str] = []
    for name, body in _group_bodies(pattern):
        if name.startswith("w"):
            if not _WORDS.fullmatch(body):
                return None
            words += body.split("|")
    return tuple(dict.fromkeys(words)) or None


def _compiled(ctx) -> list[tuple[re.Pattern[str], dict, tuple[str, ...] | None]]:
    """Each [[confusions]] entry with its pattern compiled and its :func:`required_words` (once per Packs)."""
    return per_packs(ctx.packs, "confusions.compiled", lambda: [
        (_compile(e["pattern"]), e, required_words(e["pattern"])) for e in ctx.packs["terms"].get("confusions", [])])


def _confusions(ctx, i: int) -> list[tuple[int, int, str, str, dict, tuple[int, int]]]:
    """Known confusions in block i outside quotations: ``(start, end, wrong, right, entry, match span)``;
    found once per report and block (T003 reports them, T001, T002 and T004 leave their spans)."""
    done = ctx.report.cache.setdefault("confusions", {})
    found = done.get(i)
    if found is None:
        found = done[i] = list(_find_confusions(ctx, i))
    return found


def _find_confusions(ctx, i: int) -> Iterator[tuple[int, int, str, str, dict, tuple[int, int]]]:
    text = ctx.report.norm[i].text
    spans = None
    seen: set[tuple[int, int]] = set()
    for rx, entry, words in _compiled(ctx):
        if words is not None:
            for w in words:
                if w in text:
                    break
            else:
                continue
        for m in rx.finditer(text):
            g = next((k for k, v in m.groupdict().items() if k.startswith("w") and v is not None), None)
            if g is None:
                continue
            s, e = m.span(g)
            if (s, e) in seen:
                continue
            if not entry.get("quoted"):
                if spans is None:
                    spans = protected_spans(text)
                if inside(spans, s, e):
                    continue  # `quoted` entries are names conventionally written in quotes (“枫桥经验”)
            seen.add((s, e))
            wrong = m.group(g)
            right = entry["right"]
            if isinstance(right, dict):
                right = right.get(wrong)
                if right is None:
                    continue
            yield s, e, wrong, right, entry, m.span()


def confusion_spans(ctx, i: int) -> list[tuple[int, int]]:
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
    for i in body_blocks(ctx):
        text = ctx.report.norm[i].text
        for s, e, wrong, right, entry, match in _confusions(ctx, i):
            m_start, m_end = match
            ctx_text = text[max(m_start, s - 4):min(m_end, e + 4)]
            fixed = ctx_text.replace(wrong, right, 1)
            source = entry.get("source", "").rstrip(": ")
            message = (msg("T003.confusion-sourced", text=ctx_text, fixed=fixed, source=source_text(source))
                       if source else msg("T003.confusion", text=ctx_text, fixed=fixed))
            yield ctx.hit("T003", i, s, e, message,
                          right, severity=entry.get("severity"), fix=Fix(right, entry.get("fix", "unsafe")))


_GLOSS = recache.compile(r"\s*\([^()]*[A-Za-z]{3}[^()]*\)|\s+vs\s+")


def source_text(source: str) -> Msg:
    """A ``source`` of rules/terms.toml or titles.toml for a T message: as written, in English; in
    Chinese without the English glosses (“体制 (system of organisation) vs 体质 (physique)” → “体制、体质”)
    and with full-width brackets and separators."""
    zh = _GLOSS.sub(lambda m: "、" if "vs" in m.group(0) else "", source)
    zh = re.sub(r"\s*\(([^()]*)\)", r"（\1）", zh).replace(": ", "：").replace("; ", "；").replace(", ", "，")
    return msg("T.source", source=source, source_zh=zh)



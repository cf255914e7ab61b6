"""T003 — known confusions: a wrong word in its context (工作体质 → 体制, 法制政府 → 法治政府).

The confusions, each with its pattern, its correction and its source, are ``rules/terms.toml``
[[confusions]]. :func:`confusion_spans` tells T001, T002 and T004 where T003 reports, so that one
slip gives one finding.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..findings import Fix
from ..i18n import Msg, msg
from ..spans import inside, protected_spans
from . import Hit, body_blocks, check, rule

rule("T003", "known-confusion", "error",
     "A known confusion in its context: 工作体质 → 体制, 法制政府 → 法治政府, 执法决定法治审核 → 法制审核 …",
     "《现代汉语词典》; the confusions of rules/terms.toml, each with its source",
     fail="进一步完善行政执法工作体质。", passes="进一步完善行政执法工作体制。",
     severities=("error", "warning", "info"))

@lru_cache(maxsize=64)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _confusions(ctx, i: int) -> list[tuple[int, int, str, str, dict, tuple[int, int]]]:
    """Known confusions in block i outside quotations: ``(start, end, wrong, right, entry, match span)``;
    found once per report and block (T003 reports them, T001, T002 and T004 leave their spans)."""
    done = ctx.report.cache.setdefault("confusions", {})
    found = done.get(i)
    if found is None:
        found = done[i] = list(_find_confusions(ctx, i))
    return found


def _find_confusions(ctx, i: int) -> Iterator[tuple[int, int, str, str, dict, tuple[int, int]]]:
    entries = ctx.packs["terms"].get("confusions", [])
    text = ctx.report.norm[i].text
    spans = None
    seen: set[tuple[int, int]] = set()
    for entry in entries:
        for m in _compile(entry["pattern"]).finditer(text):
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


_GLOSS = re.compile(r"\s*\([^()]*[A-Za-z]{3}[^()]*\)|\s+vs\s+")


def source_text(source: str) -> Msg:
    """A ``source`` of rules/terms.toml or titles.toml for a T message: as written, in English; in
    Chinese without the English glosses (“体制 (system of organisation) vs 体质 (physique)” → “体制、体质”)
    and with full-width brackets and separators."""
    zh = _GLOSS.sub(lambda m: "、" if "vs" in m.group(0) else "", source)
    zh = re.sub(r"\s*\(([^()]*)\)", r"（\1）", zh).replace(": ", "：").replace("; ", "；").replace(", ", "，")
    return msg("T.source", source=source, source_zh=zh)



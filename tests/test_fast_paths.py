"""The fast paths give what their plain definitions give (issue 14: speed).

Each reference below is the earlier, obviously correct implementation; the package's version
scans with regular expressions and translate tables, or skips work it can prove useless, and must
agree on any text.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from rapidfuzz import fuzz

from lawgov_lint.lexers.markers import find_marker
from lawgov_lint.normalize import NormText, is_cjk, normalize
from lawgov_lint.packs import load_packs
from lawgov_lint.spans import is_han, title_spans
from lawgov_lint.structure.sections import _content_scores

PACKS = load_packs()
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

ALPHABET = " \n\r\t\u3000\u00a0\u2003ａＺ０９ｚ！～aZ09.,;:()<>[]\"'“”‘’《》〈〉（）【】〔〕一二中国法治，。、；：？！—…·"
texts = st.text(alphabet=ALPHABET, max_size=60) | st.text(max_size=30)


def _fold(ch: str) -> str:
    o = ord(ch)
    if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
        return chr(o - 0xFEE0)
    if ch in "\u3000\u00a0\t":
        return " "
    return ch


def normalize_reference(text: str) -> NormText:
    out: list[str] = []
    src: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        ch = _fold(text[i])
        if ch in (" ", "\n", "\r"):
            j = i
            while j < n and _fold(text[j]) in (" ", "\n", "\r"):
                j += 1
            prev = out[-1] if out else ""
            nxt = _fold(text[j]) if j < n else ""
            if prev and nxt and not is_cjk(prev) and not is_cjk(nxt):
                out.append(" ")
                src.append(i)
            i = j
            continue
        out.append(ch)
        src.append(i)
        i += 1
    src.append(n)
    return NormText("".join(out), tuple(src))


def title_spans_reference(text: str) -> list[tuple[int, int]]:
    out = []
    depth, start = 0, -1
    for i, ch in enumerate(text):
        if ch in "《〈":
            if depth == 0:
                start = i
            depth += 1
        elif ch in "》〉" and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1))
    return out


@settings(max_examples=400, deadline=None)
@given(texts)
def test_normalize_agrees_with_the_character_loop(text):
    assert normalize(text) == normalize_reference(text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_title_spans_agree_with_the_character_loop(text):
    assert title_spans(text) == title_spans_reference(text)


def test_is_han_by_code_point():
    import re

    han = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002fa1f]")
    for ch in ["", "中", "㐀", "䶿", "鿿", "\U00020000", "\U0002fa1f", "\U0002fa20", "a", "，", "《", "中a", "a中"]:
        assert is_han(ch) == (bool(ch) and han.match(ch) is not None), ch


def _content_scores_reference(body: str, packs) -> dict[int, float]:
    conf = packs["sections"]
    threshold = conf.get("thresholds", {}).get("synonym", 88)
    scores: dict[int, float] = {}
    for key, c in conf["contents"].items():
        best = 0.0
        for syn in c["synonyms"]:
            if syn in body:
                best = max(best, 100.0 + len(syn))
            elif len(syn) >= 4:
                best = max(best, fuzz.partial_ratio(syn, body))
        for kw in c.get("keywords", []):
            if kw in body:
                best = max(best, 95.0 + len(kw) / 10)
        if best >= threshold:
            scores[int(key)] = best
    return scores


SYNONYM_CHARS = sorted({ch for c in PACKS["sections"]["contents"].values() for s in c["synonyms"] for ch in s})
headings = st.text(alphabet=SYNONYM_CHARS + list("一二、（）的和及年2025"), min_size=1, max_size=24)


@settings(max_examples=800, deadline=None)
@given(headings)
def test_content_scores_skip_only_synonyms_that_cannot_reach_the_threshold(body):
    assert _content_scores(body, PACKS) == _content_scores_reference(body, PACKS)


def test_content_scores_of_the_fixture_headings():
    from lawgov_lint.loaders import load
    from lawgov_lint.structure import analyse

    n = 0
    for path in sorted(FIXTURES.glob("*.docx")):
        for h in analyse(load(path), PACKS).headings:
            m = find_marker(h.text)
            body = (h.text[m.end:] if m else h.text).strip()
            assert _content_scores(body, PACKS) == _content_scores_reference(body, PACKS), h.text
            n += 1
    assert n > 50


# ---------------------------------------------------------------- screens before pack patterns

SCREENED = [
    *PACKS["format"]["placeholders"]["runs"], PACKS["format"]["placeholders"]["question"],
    *PACKS["report"]["dates"]["partial_periods"],
    r"(?:^|x)y", r"(a)\1b", r"(?<=[一二])三+", r"(?=[ab])[a-c]{2}", r"(?>ab|c)d", r"[a-c]*+d", r"(?:ab)?c",
]
pattern_texts = st.text(alphabet="Xx×＊*□_＿【】？?截至止到前上半年一二三1１23月底个季度，。abcdy（）()[] ", max_size=40)


@settings(max_examples=500, deadline=None)
@given(pattern_texts)
def test_a_screen_never_turns_away_a_text_its_pattern_matches(text):
    import re

    from lawgov_lint.lexers.screen import screen

    for pattern in SCREENED:
        scr = screen(pattern)
        if re.search(pattern, text):
            assert scr is None or scr.search(text), (pattern, text)


def test_screens_name_the_first_character_or_give_up():
    from lawgov_lint.lexers.screen import first_chars

    assert first_chars(r"(?<![A-Za-z])[Xx]{2,}(?![A-Za-z])") == {"X", "x"}
    assert first_chars(r"(?:^|(?<=[，。]))到\d月") == {"到"}
    assert first_chars(r"(?:ab)?c") == {"a", "c"}
    for unknown in ["", "a?", "(?i)ab", "(?i:a)b", r"\d+", ".x", "[^a]", r"[\u4e00-\u9fff]", "(a)?\\1"]:
        assert first_chars(unknown) is None, unknown

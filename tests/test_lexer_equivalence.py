"""The fast lexers give what their plain character-by-character definitions give (issue 14: speed).

Each reference below is the earlier, obviously correct implementation; the package's version
scans with regular expressions and translate tables instead, and must agree on any text.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lawgov_lint.normalize import NormText, is_cjk, normalize
from lawgov_lint.spans import is_han, title_spans

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

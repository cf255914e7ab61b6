"""The shortcuts metric extraction takes must find exactly what the plain reading finds.

Each fast path (NUM_RE's character-class start, sentence bounds by bisection, the literal strings a
partial-period pattern needs, the per-character word indexes) is checked against the straightforward
definition it replaces, on random strings over the characters that matter.
"""

from __future__ import annotations

import random
import re

import pytest

from lawgov_lint.facts.metrics.model import _CN_ALL, NUM_RE
from lawgov_lint.facts.metrics.packs import _by_char, _literal_runs, _needs_any, _needs_each
from lawgov_lint.facts.metrics.text import _inside, _segment_bounds, _segments
from lawgov_lint.packs import load_packs

# NUM_RE as first written: the lookbehind before the number, any run of Chinese numerals
_PLAIN_NUM_RE = re.compile(
    r"百分之(?P<pcn>[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)"
    r"|(?<![\d.,A-Za-z])(?P<ar>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?)(?P<mult>千万|百万|万|亿)?"
    rf"|(?P<cn>[{_CN_ALL}]+)"
)


def _plain_numerals(t: str) -> list:
    """The matches _scan went on to read: a lone numeral only when it is 十 or 余/多 follows."""
    out = []
    for m in _PLAIN_NUM_RE.finditer(t):
        s, e = m.span()
        if m.group("cn") is not None and e - s == 1 and m.group("cn") != "十" and not t.startswith(("余", "多"), e):
            continue
        out.append((m.span(), m.groupdict()))
    return out


def _strings(alphabet: str, n: int, seed: int, longest: int = 14) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, longest))) for _ in range(n)]


def test_numerals_found_as_first_written():
    for t in _strings("0123456789,.,.aZ百分之点零〇一二两三四五六七八九十百千万亿元件余多 ，١٢\n", 30000, 7):
        assert [(m.span(), m.groupdict()) for m in NUM_RE.finditer(t)] == _plain_numerals(t), t


def test_sentence_bounds_agree_with_the_character_walk():
    for t in _strings("。！？!?；;”’）)其中 a1", 30000, 1, 12):
        sent, clause = _segments(t)
        ends, breaks, starts = _segment_bounds(t)
        from bisect import bisect_right

        assert [bisect_right(ends, k) for k in range(len(t))] == sent, t
        assert [bisect_right(breaks, k) for k in range(len(t))] == clause, t
        first: dict[int, int] = {}
        for k, sid in enumerate(sent):
            first.setdefault(sid, k)
        assert starts == first, t


def test_inside_is_proper_containment():
    rnd = random.Random(3)
    for _ in range(5000):
        spans = [tuple(sorted((rnd.randint(0, 9), rnd.randint(0, 9)))) for _ in range(rnd.randint(0, 3))]
        s = rnd.randint(0, 9)
        e = rnd.randint(s, 9)
        plain = any(a < s and e <= b for a, b in spans) or any(a <= s and e <= b and b - a > e - s for a, b in spans)
        assert _inside(spans, s, e) == plain


def test_word_index_keeps_the_order_of_its_list():
    words = ["人次", "件", "人", "万元", "个百分点", "个"]
    idx = _by_char(words)
    assert idx["人"] == ["人次", "人"] and idx["个"] == ["个百分点", "个"]
    assert _by_char(words, last=True)["次"] == ["人次"]


@pytest.fixture(scope="module")
def partial_patterns() -> list[re.Pattern[str]]:
    packs = load_packs([])
    src = list(packs["report"]["dates"]["partial_periods"]) + list(packs["metrics"]["qualifiers"]["partial_periods"])
    return [re.compile(p) for p in src]


def test_a_partial_period_has_the_strings_it_needs(partial_patterns):
    each = _needs_each(partial_patterns)
    anyone = _needs_any(each)
    assert anyone is not None and all(need for need in each)
    texts = _strings("截至止到今年本年前第一二三季度上半个月份底末以来目前发稿自12-至，。2023年", 20000, 5, 16)
    texts += ["截至2023年11月底", "1-11月", "今年前10个月", "3月以来", "前三季度", "一至三季度", "截止目前"]
    for t in texts:
        for p, need in zip(partial_patterns, each):
            if p.search(t):
                assert anyone.search(t), (p.pattern, t)
                assert all(w in t for w in need), (p.pattern, t, need)


def test_patterns_without_a_certain_run_give_no_filter():
    each = _needs_each([re.compile(r"\d+"), re.compile("(?i)abc"), re.compile("ab|cd"), re.compile("[]a]b?")])
    assert each == [None, None, None, None]
    assert _needs_any(each) is None


@pytest.mark.parametrize("pattern, runs", [
    (r"截[至止]到?\d{4}年\d{1,2}月(?:\d{1,2}日)?(?:底|末|份)?", ["截", "年", "月"]),
    (r"(?<![\d年])\d{1,2}月(?:份)?以来", ["月", "以来"]),
    (r"前(?:\d{1,2}|[一二三]{1,3})个月", ["前", "个月"]),
    (r"ab+c\.d{2,}e", ["a", "c", "e"]),
    (r"x(y|z)*w", ["x", "w"]),
])
def test_literal_runs(pattern, runs):
    assert _literal_runs(pattern) == runs


def test_random_patterns_match_only_where_their_runs_are():
    rnd = random.Random(9)
    pieces = ["a", "b", "c", "ab", "a?", "b*", "c+", "[ab]", "(a|b)", "(?:ab)?", "\\.", "a{2}", "(?<!a)", "."]
    texts = _strings("abc.", 400, 2, 8)
    for _ in range(400):
        src = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 5)))
        runs = _literal_runs(src)
        if runs is None:
            continue
        p = re.compile(src)
        for t in texts:
            if p.search(t):
                assert all(w in t for w in runs), (src, t, runs)


def test_residual_takes_equal_length_words_out_in_a_fixed_order():
    """Of two words of one length that overlap in a label, the one first in code-point order goes: the
    same under every string-hash seed (a set's order used to decide)."""
    from lawgov_lint.facts.relations import _residual, _residual_words

    assert _residual_words(["调解", "案件", "调解案"], ["件数"]) == ["调解案", "件数", "案件", "调解"]
    assert _residual("调解案件数", ["案件", "调解"], []) == "数"
    assert _residual("办结案件", ["结案", "办结"], []) == "案件"  # 办结 < 结案: 办结 goes first, 结案 is no more

"""The near-miss finder's fast path and the caches of the T checks.

The finder skips anchor hits inside an exact occurrence of the term and windows whose ends cannot
survive its checks; it must find exactly what the plain algorithm finds (a reference copy below).
Finders, look-alike maps and title tables are built once per Packs object: an extra pack's terms
never reach another Packs' finder, whatever order the runs come in.
"""

from __future__ import annotations

import pickle

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import lint_text, report
from lawgov_lint.checks.titles import laws_in_force
from lawgov_lint.engine import Options, lint_document
from lawgov_lint.loaders.text import load_text
from lawgov_lint.nearmiss import NearMiss, NearMissFinder, aligned, classify
from lawgov_lint.packs import per_packs
from lawgov_lint.packs import load_packs
from lawgov_lint.spans import is_han

PACKS = load_packs()
PACK = PACKS["terms"]
TERMS = [w for g in PACK["terms"] for w in g["words"]]
FORMULAS = PACK["formulas"]["words"]


def reference_find(self: NearMissFinder, text, evidence=lambda t: True, skip=lambda a, b: False):
    """The finder's algorithm as first written: every head and tail hit of every term gives its
    three windows, each judged in full."""
    found = []
    min_len = self._s("min_length", 4)
    min_drop = self._s("min_length_dropped", 6)
    align_below = self._s("dictionary_check_below", 8)
    n = len(text)
    for term in self.terms:
        m = len(term)
        if m < min_len or m > n + 1:
            continue
        k = max(2, (m - 1) // 2)
        windows = set()
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
            edit = classify(term, w)
            if edit is None:
                continue
            kind, i = edit
            if any(not is_han(c) and c not in chars for c in w):
                continue
            if kind == "dropped":
                if m < min_drop or not (0 < i < m - 1):
                    continue
                if text[b:b + 1] == term[i] or text[a - 1:a] == term[i]:
                    continue
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
            if text.startswith(term, max(0, a - 1)) or text.startswith(term, a + 1):
                continue
            if self._covered_by_known(text, a, b, w):
                continue
            if m < align_below and not aligned(text, a, b, self.packs):
                continue
            found.append(NearMiss(a, b, term, kind, i, w))
    found.sort(key=lambda x: (-len(x.term), -(x.end - x.start), x.start))
    out = []
    for x in found:
        if any(y.start < x.end and x.start < y.end for y in out):
            continue
        out.append(x)
    return sorted(out, key=lambda x: x.start)


# slips the finder is built for, and look-alikes, sound-alikes and filler around them
_SWAPS = "建健设没治冶制察查责贵府复议仪规观发医形正递退权言课功知智志职值质任认"


@st.composite
def _slipped(draw, words):
    term = draw(st.sampled_from(words))
    i = draw(st.integers(0, len(term) - 1))
    kind = draw(st.sampled_from(["exact", "drop", "double", "swap", "sub"]))
    if kind == "drop":
        return term[:i] + term[i + 1:]
    if kind == "double":
        return term[:i + 1] + term[i:]
    if kind == "swap" and i + 1 < len(term):
        return term[:i] + term[i + 1] + term[i] + term[i + 2:]
    if kind == "sub":
        return term[:i] + draw(st.sampled_from(_SWAPS)) + term[i + 1:]
    return term


def _texts(words):
    piece = st.one_of(_slipped(words), st.text(alphabet="法治政府建设行政，。“”《》的和推进第一责任人A1 ", max_size=6))
    return st.lists(piece, max_size=8).map("".join)


_T001 = NearMissFinder.from_pack(TERMS, PACK, packs=PACKS)
_T004 = NearMissFinder.from_pack(FORMULAS, PACK, packs=PACKS)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts(TERMS), evidence=st.booleans())
def test_fast_finder_finds_what_the_plain_algorithm_finds(text, evidence):
    ev = lambda t: evidence  # noqa: E731
    assert _T001.find(text, ev) == reference_find(_T001, text, ev)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts(FORMULAS))
def test_fast_finder_on_long_formulas(text):
    skip = lambda a, b: a < 3  # noqa: E731
    assert _T004.find(text, skip=skip) == reference_find(_T004, text, skip=skip)


@pytest.mark.parametrize("text,kind", [
    ("推进拔治政府建设工作。", "sound-alike"),  # the first character replaced: the tail anchors it
    ("推进法治政府建折工作。", "sound-alike"),  # the last one replaced: the head anchors it
    ("推进治法政府建设工作。", "swapped"),  # the first two swapped
    ("推进法治政府设建工作。", "swapped"),  # the last two swapped
])
def test_slips_at_either_end_of_a_term(text, kind):
    found = _T001.find(text)
    assert [(nm.term, nm.kind) for nm in found] == [("法治政府建设", kind)]
    assert found == reference_find(_T001, text)


def test_fast_finder_on_the_seed_reports():
    from helpers import FIXTURES

    text = (FIXTURES / "qingpu-2023.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        assert _T001.find(line) == reference_find(_T001, line)


def test_finder_with_a_term_shorter_than_the_minimum_and_one_longer_than_the_text():
    f = NearMissFinder.from_pack(["法治", "法治政府建设"], PACK, packs=PACKS)
    assert f.find("法治政建") == reference_find(f, "法治政建") == []
    assert [nm.term for nm in f.find("推进法治政建设")] == ["法治政府建设"]


# ---------------------------------------------------------------- caches per Packs and per report

def test_per_packs_is_one_value_per_packs_object():
    a, b = load_packs(), load_packs()
    built = []
    assert per_packs(a, "test.x", lambda: built.append("a") or ["a"]) == ["a"]
    assert per_packs(a, "test.x", lambda: built.append("again") or ["again"]) == ["a"]
    assert per_packs(b, "test.x", lambda: built.append("b") or ["b"]) == ["b"]
    assert built == ["a", "b"]
    assert per_packs(None, "test.x", lambda: 1) == 1 and per_packs({"terms": {}}, "test.x", lambda: 2) == 2


def _lint(doc: str, packs):
    return lint_document(load_text("case.txt", doc.encode()), Options(), packs)


def test_an_extra_packs_terms_never_reach_another_packs_finder(tmp_path):
    extra = tmp_path / "local.toml"
    extra.write_text('[[terms.terms]]\nsource = "某省规定"\nwords = ["江南法治指数评估"]\n'
                     '[laws]\nlaws = ["中华人民共和国食品卫生法"]\n', encoding="utf-8")
    plain, local = load_packs(), load_packs([extra])
    doc = report("2024年，我区在江南法治指评估中位列第一。\n执法人员仍在引用《中华人民共和国食品卫生法》开展检查。")

    def t_findings(packs):
        return [(f.code, f.suggestion) for f in _lint(doc, packs).findings if f.code in ("T001", "T002")]

    for _ in range(2):  # in both orders, with every cache warm
        assert t_findings(plain) == [("T002", "中华人民共和国食品安全法")]
        assert t_findings(local) == [("T001", "江南法治指数评估")]
    assert "食品卫生法" not in "".join(laws_in_force(plain))
    assert "食品卫生法" in "".join(laws_in_force(local))


def test_per_report_caches_travel_with_the_result():
    doc = report("推进法治政建设，完善行政执法工作体质。\n根据《法治政府建设与责任落实督查工作规定》开展督察。")
    first = lint_text(doc)
    assert sorted(f.code for f in first.findings if f.code.startswith("T")) == ["T001", "T002", "T003"]
    pickle.dumps(first)  # a worker sends its result back: the report's cache must pickle
    assert lint_text(doc).findings == first.findings


# ---------------------------------------------------------------- known confusions: the words a block must hold

@pytest.mark.parametrize("pattern,words", [
    ("(?:工作|管理)(?P<w>体质)", ("体质",)),
    ("法治(?:政府)?建设(?P<w>首要责任人|首要负责人|第一负责人)", ("首要责任人", "首要负责人", "第一负责人")),
    ("(?:学习|认真)(?P<w>贯切)|(?P<w2>贯切)(?:落实|执行)", ("贯切",)),
    (r"[(?P<w>x)](?P<w>b)", ("b",)),  # a class is no group
    (r"\((?P<w>x)\)", ("x",)),
    ("(?P<w>枫[乔侨荞]经验)", None),  # not a plain word: the pattern always runs
    ("(?P<w>a(?:b|c))", None),
    (r"(?P<w>a\.b)", None),
    ("(?i)(?P<w>ab)", None),
    ("(?P<x>q)", None),  # no w group: nothing known
])
def test_required_words(pattern, words):
    from lawgov_lint.checks.confusions import required_words

    assert required_words(pattern) == words


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_a_built_in_confusion_reports_only_where_one_of_its_words_is():
    import re
    import tomllib

    from helpers import FIXTURES, ROOT
    from lawgov_lint.checks.confusions import required_words

    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    for case in sorted((ROOT / "tests" / "cases").glob("*.toml")):
        texts += list(_strings(tomllib.loads(case.read_text(encoding="utf-8"))))
    reported = 0
    for entry in PACK["confusions"]:
        words = required_words(entry["pattern"])
        if words is None:
            continue
        for text in texts:
            for m in re.finditer(entry["pattern"], text):
                wrong = [v for k, v in m.groupdict().items() if k.startswith("w") and v is not None]
                if wrong:
                    reported += 1
                    assert wrong[0] in words
    assert reported >= 20  # the case files hold many known confusions

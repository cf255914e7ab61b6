"""The PDF reader's fast paths give what the plain forms they replace give.

Each shortcut in lawgov_lint.loaders.pdf (a test made in C before a regex, a search before a translate,
a loop over the spaces only, a hand-written record instead of a dataclass) is checked here against the
plain form, so that a later change of one side cannot make them differ unseen.
"""

from __future__ import annotations

import pickle
import random
import re
import statistics

import pytest

from lawgov_lint.loaders.pdf import model
from lawgov_lint.loaders.pdf.extract import _drop_generated_spaces, _wide_gaps
from lawgov_lint.loaders.pdf.model import _LABEL, _RADICAL_SITE, _Line, _Piece, _median, _radicals, _undecodable
from lawgov_lint.loaders.pdf.paragraphs import _is_label


@pytest.mark.parametrize("values", [[3.0], [2.0, 1.0], [5.5, 1.25, 3.0], [1, 2, 3, 4], [0.1, 0.2, 0.7, 0.3, 0.9, 0.4]])
def test_median_is_statistics_median(values):
    assert _median(values) == statistics.median(values)
    assert _median(iter(values)) == statistics.median(values)


def test_median_random_floats():
    rng = random.Random(7)
    for n in range(1, 40):
        values = [rng.uniform(0, 800) for _ in range(n)]
        assert _median(values) == statistics.median(values)


def test_median_of_nothing_raises_like_statistics():
    with pytest.raises(ValueError):
        _median([])


def test_every_undecodable_character_fails_the_printable_test():
    # _extract runs the pattern only on text that has U+FFFD or is not all printable
    pattern = _undecodable()
    chars = [chr(cp) for cp in range(0x10000) if pattern.match(chr(cp))]
    assert len(chars) > 6000
    assert all(ch == "\ufffd" or not ch.isprintable() for ch in chars)


def test_radical_site_finds_every_character_the_table_maps():
    table = _radicals()
    assert table and all(_RADICAL_SITE.match(chr(cp)) for cp in table)
    assert "第⼆⼗五条".translate(table) == "第二十五条"
    assert model._RADICALS is table  # the former name still reads the table


def _drop_generated_reference(text, a, b, char_index, is_generated):
    out = []
    for i in range(a, b):
        ch = text[i]
        if ch == " " and a < i < b - 1 and not (text[i - 1].isascii() and text[i + 1].isascii()):
            ci = char_index(i)
            if ci >= 0 and is_generated(ci):
                continue
        out.append(ch)
    return "".join(out)


def test_drop_generated_spaces_matches_the_character_loop():
    rng = random.Random(3)
    alphabet = "法治 政府a b1 2“”—"
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        a = rng.randint(0, len(text))
        b = rng.randint(a, len(text))
        generated = {i for i in range(len(text)) if rng.random() < 0.5}
        index = (lambda i: i) if rng.random() < 0.5 else (lambda i: -1 if i % 3 == 0 else i)
        got = _drop_generated_spaces(text, a, b, index, generated.__contains__)
        assert got == _drop_generated_reference(text, a, b, index, generated.__contains__)


def test_wide_gaps_tells_whether_a_gap_is_wide():
    rng = random.Random(5)
    for _ in range(300):
        text = "".join(rng.choice("表格  内容 a") for _ in range(rng.randint(1, 25))).strip() or "表"
        lefts = [rng.uniform(0, 400) for _ in text]
        boxes = [(x, x + rng.uniform(5, 20), 700.0, 716.0) for x in lefts]

        def extent(ti, boxes=boxes):
            return None if ti % 7 == 6 else boxes[ti]

        count = 0  # the count the former _wide_gaps gave
        for m in re.finditer(" +", text):
            s, e = m.span()
            if s == 0 or e == len(text) or extent(s - 1) is None or extent(e) is None:
                continue
            count += boxes[e][0] - boxes[s - 1][1] > 16.0
        assert _wide_gaps(text, 0, len(text), extent, 16.0) == (1 if count else 0)


@pytest.mark.parametrize("text", ["附件2", "附 件 1：", "抄送：区委办公室", "上海市青浦区人民政府办公室2024年1月5日印发",
                                  "附件", "附近的居民", "印发实施意见", "抄写", "一、主要举措", "", "   附件 3  "])
def test_label_shortcut_is_the_pattern(text):
    assert _is_label(text) == (_LABEL.match(text) is not None)


def test_records_pickle_and_show_their_fields():
    # Document.read_tables is a partial over the body lines: they go to --jobs workers by pickle
    line = _Line(3, 7, "法治政府", 90.0, 505.5, 700.0, 716.0, 16.0, 595.0, 842.0, marker=True)
    again = pickle.loads(pickle.dumps(line))
    assert [getattr(again, k) for k in _Line.__slots__] == [getattr(line, k) for k in _Line.__slots__]
    assert again.mid == 708.0
    piece = _Piece("法治", 80, 112, 700, 716, 16)
    assert (piece.start, piece.end, piece.disordered, piece.gaps) == (-1, -1, False, 0)
    assert repr(piece).startswith("_Piece(text='法治', x0=80,")

"""The JSON reporter's encoder writes what ``json.dumps(obj, ensure_ascii=False, indent=2)`` writes
(issue 14: speed; SPEC §7: same input, same bytes), for any value JSON can hold — escapes, non-ASCII,
lone surrogates, empty and nested containers, non-string keys, NaN and infinities — and the streamed
document is the one ``json.dumps`` gives for the whole run."""

from __future__ import annotations

import enum
import io
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawgov_lint.engine import lint_path
from lawgov_lint.options import Options
from lawgov_lint.reporters.json import JsonStream, build, dumps_indented

from helpers import FIXTURES


class _Level(enum.IntEnum):
    ONE = 1


class _Name(str):
    pass


def _reference(obj, depth: int = 0) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)


strings = st.text() | st.text(alphabet="\"\\/\b\f\n\r\t\x00\x1f\x7f\u2028\u2029\ud800\udfff中文，。", max_size=12)
scalars = (st.none() | st.booleans() | st.integers() | st.integers(min_value=-(10**40), max_value=10**40)
           | st.floats() | st.sampled_from([0.0, -0.0, 1e16, 1e-7, math.inf, -math.inf, math.nan, 0.1 + 0.2])
           | strings | st.just(_Level.ONE) | strings.map(_Name))
keys = strings | st.integers() | st.floats(allow_nan=False) | st.booleans() | st.none() | strings.map(_Name)
values = st.recursive(
    scalars,
    lambda inner: (st.lists(inner, max_size=5) | st.lists(inner, max_size=3).map(tuple)
                   | st.dictionaries(keys, inner, max_size=5)),
    max_leaves=40,
)


@settings(max_examples=600, deadline=None)
@given(values, st.integers(min_value=0, max_value=4))
def test_any_value_is_encoded_as_json_dumps_indent_2(obj, depth):
    assert dumps_indented(obj, depth) == _reference(obj, depth)


@pytest.mark.parametrize("obj", [
    {}, [], (), {"a": {}}, {"a": []}, [[], {}, [[]]], {"": ""}, [None, True, False], {1: 1, 1.5: 2, True: 3, None: 4},
    {"位置": {"行": 1, "列": None}, "x": ["\u2028", "\ud83d", "\\", '"']}, [float("nan"), math.inf, -math.inf],
])
def test_edge_values(obj):
    for depth in (0, 1, 3):
        assert dumps_indented(obj, depth) == _reference(obj, depth)


@pytest.mark.parametrize("obj", [object(), {"a": {1, 2}}, [b"bytes"], {(1, 2): 3}])
def test_what_json_refuses_is_refused(obj):
    with pytest.raises(TypeError):
        json.dumps(obj, ensure_ascii=False, indent=2)
    with pytest.raises(TypeError):
        dumps_indented(obj)


def test_the_streamed_document_is_json_dumps_of_the_whole_run():
    options = Options()
    results = [lint_path(FIXTURES / name, options) for name in ("qingpu-2023.docx", "anting-2023.txt")]
    summary = {"files": 2, "findings": {"error": 1}, "empty": {}, "rules": []}
    out = io.StringIO()
    stream = JsonStream(options, out)
    for r in results:
        stream.file(r)
    stream.end(results, summary)
    assert out.getvalue() == json.dumps(build(results, summary), ensure_ascii=False, indent=2) + "\n"
    empty = io.StringIO()
    JsonStream(options, empty).end([], summary)
    assert empty.getvalue() == json.dumps(build([], summary), ensure_ascii=False, indent=2) + "\n"

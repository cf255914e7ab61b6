"""Values kept between runs in the user cache directory (issue 14): compiled patterns, pattern screens and
configuration tables. A kept value is the value itself: the same Pattern, the same table, never a stale one."""

from __future__ import annotations

import re
import sys

import pytest

from lawgov_lint import config, installed, recache
from lawgov_lint.lexers.screen import _first_chars, first_chars

PATTERNS = [
    (r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{1,10})\s*([〔\[【(（［]?)\s*(\d{2,4})", 0),
    (r"(?P<year>\d{4})年(?P<month>\d{1,2})月", 0),
    (r"^第([一二三四五六七八九十]{1,3})(?:部分|章)", re.MULTILINE),
    (r"(?:报|日报|APP)$", re.IGNORECASE),
    (r"共计|累计|(?<![公中])共(?![同享建])", 0),
]
TEXT = "区司法局2023年12月报告：第三部分 共计15件，日报app\n第一章 总共 公共（2024）"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """A fresh, empty user cache directory and a process that has read nothing from it yet."""
    monkeypatch.setattr(installed, "user_cache_dir", lambda: str(tmp_path))
    monkeypatch.setattr(recache, "_kept", None)
    monkeypatch.setattr(recache, "_new", {})
    return tmp_path


def _same(a: re.Pattern, b: re.Pattern) -> None:
    assert a == b
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    assert [m.span() for m in a.finditer(TEXT)] == [m.span() for m in b.finditer(TEXT)]
    assert [m.groups() for m in a.finditer(TEXT)] == [m.groups() for m in b.finditer(TEXT)]


def test_a_pattern_is_the_one_re_compiles_before_and_after_it_is_kept(cache_dir, monkeypatch):
    for p, f in PATTERNS:
        _same(recache.compile(p, f), re.compile(p, f))
    recache._store()
    assert list(cache_dir.glob("regex-*.marshal"))
    monkeypatch.setattr(recache, "_kept", None)
    monkeypatch.setattr(recache, "_new", {})
    for p, f in PATTERNS:
        _same(recache.compile(p, f), re.compile(p, f))
    assert recache._new == {}  # every one came from the file


def test_a_bad_pattern_raises_what_re_raises(cache_dir):
    with pytest.raises(re.error) as ours:
        recache.compile(r"(?P<x>a")
    with pytest.raises(re.error) as theirs:
        re.compile(r"(?P<x>a")
    assert str(ours.value) == str(theirs.value)


def test_a_program_the_engine_refuses_is_compiled_again(cache_dir, monkeypatch):
    p = r"(\d{4})年"
    key = (p, 0)
    monkeypatch.setattr(recache, "_kept", {key: (32, b"\x00\x01\x02\x03", 0, {}, (None,))})
    _same(recache.compile(p), re.compile(p))
    assert key in recache._new


def test_a_screen_is_kept_with_the_patterns(cache_dir, monkeypatch):
    p = r"(?<![A-Za-z])[Xx×*＊]{2,}"
    assert first_chars(p) == _first_chars(p, 0) == frozenset("Xx×*＊")
    recache._store()
    monkeypatch.setattr(recache, "_kept", None)
    monkeypatch.setattr(recache, "_new", {})
    monkeypatch.setattr("lawgov_lint.lexers.screen._first_chars", lambda *a: pytest.fail("not kept"))
    assert first_chars(p) == frozenset("Xx×*＊")


def test_a_configuration_file_is_read_again_when_its_bytes_change(cache_dir, tmp_path, monkeypatch):
    folder = tmp_path / "reports"
    folder.mkdir()
    py = folder / "pyproject.toml"
    py.write_text('[project]\nname = "x"\n\n[tool.lawgov-lint]\nignore = ["P001"]\n', encoding="utf-8")
    assert config._table_of(py) == {"ignore": ["P001"]}
    monkeypatch.setitem(sys.modules, "tomllib", None)  # a kept table needs no TOML parser
    assert config._table_of(py) == {"ignore": ["P001"]}
    py.write_text('[project]\nname = "x"\n\n[tool.lawgov-lint]\nignore = ["P002"]\n', encoding="utf-8")
    with pytest.raises(ImportError):
        config._table_of(py)
    monkeypatch.undo()
    monkeypatch.setattr(installed, "user_cache_dir", lambda: str(cache_dir))
    assert config._table_of(py) == {"ignore": ["P002"]}
    other = folder / "lawgov-lint.toml"  # the same bytes under another name are another table
    other.write_bytes(py.read_bytes())
    assert config._table_of(other)["tool"] == {"lawgov-lint": {"ignore": ["P002"]}}


def test_invalid_toml_is_reported_every_time(cache_dir, tmp_path):
    py = tmp_path / "pyproject.toml"
    py.write_text("[tool.lawgov-lint\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(config.ConfigError, match="invalid TOML"):
            config._table_of(py)


def test_a_pattern_the_parser_warns_about_is_warned_about_and_never_kept(cache_dir):
    p = r"[[a]x]"  # FutureWarning: possible nested set
    with pytest.warns(FutureWarning):
        _same(recache.compile(p), re.compile(p))
    assert (p, 0) not in recache._new

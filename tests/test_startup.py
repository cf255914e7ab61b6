"""Start-up: what a plain lint of one report imports (issue 14: nothing the file does not need)."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest

from lawgov_lint.numerals import cn_value


@pytest.mark.parametrize(("text", "value"), [("两", 2), ("两百", 200), ("百", 100), ("十", 10), ("千", 1000),
                                             ("一百零五", 105), ("两万", 20000), ("一百二十万", 1200000)])
def test_cn_value_reads_like_cn2an(text, value):
    import cn2an

    assert cn_value(text) == Decimal(value)
    expected = cn2an.cn2an("一" + text if text[0] in "十百千万亿" else text, "normal")
    assert str(cn_value(text)) == str(Decimal(str(expected)))


def test_small_numerals_do_not_import_cn2an():
    code = ("import sys; from lawgov_lint.numerals import cn_value; "
            "[cn_value(s) for s in ('两', '百', '两百', '十二', '二十三')]; print('cn2an' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_builtin_packs_cache_equals_the_toml_and_survives_a_bad_file(tmp_path, monkeypatch):
    from lawgov_lint import packs as P

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    P.builtin_packs.cache_clear()
    try:
        parsed = P.builtin_packs()  # parsed from TOML, then stored
        (cache,) = (tmp_path / "lawgov-lint").glob("packs-*.marshal")
        P.builtin_packs.cache_clear()
        assert P.builtin_packs() == parsed  # read from the cache
        cache.write_bytes(b"not a marshal file")
        P.builtin_packs.cache_clear()
        assert P.builtin_packs() == parsed  # a broken cache is parsed again and rewritten
        assert cache.read_bytes() != b"not a marshal file"
    finally:
        P.builtin_packs.cache_clear()


def test_pinyin_reading_table_round_trips():
    from lawgov_lint.segment import _ReadingTable

    table = {0x7EFF: "lu,lü", 0x4E00: "yi", 0x9F99: "long"}
    marshal = __import__("marshal")
    loaded = _ReadingTable(*marshal.loads(marshal.dumps(_ReadingTable.of(table).parts())))
    assert {cp: loaded.get(cp) for cp in table} == table
    assert loaded.get(0x4E01) is None and loaded.get(0) is None and loaded.get(0x10FFFF) is None
    assert _ReadingTable().get(0x4E00) is None


def test_slim_result_keeps_what_the_outputs_read():
    from lawgov_lint.engine import Options, lint_path, slim_result
    from lawgov_lint.reporters.json import file_object
    from lawgov_lint.summary import summary_row

    options = Options(as_of=__import__("datetime").date(2024, 6, 1))
    whole = lint_path("fixtures/qingpu-2023.docx", options)
    before = (file_object(whole), summary_row(whole, options))
    slim = slim_result(whole)
    assert slim.report.norm is None and slim.report.packs is None and slim.report.cache == {}
    assert (file_object(slim), summary_row(slim, options)) == before


def test_slim_result_without_the_document_keeps_the_json_and_summary():
    from lawgov_lint.engine import Options, lint_path, slim_result
    from lawgov_lint.reporters.json import file_object
    from lawgov_lint.summary import summary_row, totals

    options = Options(as_of=__import__("datetime").date(2024, 6, 1))
    whole = lint_path("fixtures/qingpu-2023.txt", options)
    before = (file_object(whole), summary_row(whole, options), totals([whole], options))
    slim = slim_result(whole, keep_document=False)
    assert slim.report.doc is None
    assert (file_object(slim), summary_row(slim, options), totals([slim], options)) == before

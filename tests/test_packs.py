"""Rule packs are validated when they load (pack_schema): one line naming the file, the key and the
problem, exit 2 — never an internal error later, never silence. Extra packs are routed by the sections
they hold, not by their file names."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lawgov_lint.engine import Options, lint_document
from lawgov_lint.loaders.text import load_text
from lawgov_lint.pack_schema import SCHEMA, SECTION_PACKS, route, validate
from lawgov_lint.packs import PackError, Packs, builtin_packs, load_packs

REPORT = ("关于2024年度法治政府建设情况的报告\n"
          "　　2024年，我局全面推进依法行政，规范公正文明执法水平持续提升。\n")


def test_the_built_in_packs_fit_the_schema_and_their_patterns_compile():
    packs = builtin_packs()
    for name, data in packs.items():
        routed = {name: data}
        validate(routed, f"built-in {name}.toml", compile_regex=True)
    assert set(packs) <= set(SCHEMA), set(packs) - set(SCHEMA)


def test_a_section_name_of_several_packs_must_be_written_under_its_pack(tmp_path):
    shared = [sec for sec in SECTION_PACKS if len(SECTION_PACKS[sec]) > 1]
    assert "words" in shared  # dictionary.words and measure_words.words
    pack = tmp_path / "units.toml"
    pack.write_text('words = ["宗"]\n', encoding="utf-8")
    with pytest.raises(PackError, match=r"section 'words' belongs to several packs .*\[dictionary\] words"):
        load_packs([str(pack)])
    pack.write_text('[measure_words]\nwords = ["宗"]\n', encoding="utf-8")
    assert "宗" in load_packs([str(pack)])["measure_words"]["words"]


def test_a_pack_is_routed_by_its_sections_not_its_file_name(tmp_path):
    pack = tmp_path / "my-own-words.toml"
    pack.write_text('[[confusions]]\npattern = \'(?P<w>依法行正)\'\nright = "依法行政"\n', encoding="utf-8")
    doc = load_text("r.txt", REPORT.replace("依法行政", "依法行正").encode())
    res = lint_document(doc, Options(rule_packs=[str(pack)], select=["T003"]))
    assert [(f.code, f.excerpt) for f in res.findings] == [("T003", "依法行正")]


@pytest.mark.parametrize("body, expected", [
    ('[[confusions]]\npattern = \'(?P<w>依法行(政\'\nright = "依法行政"\n',
     ["confusions[1].pattern", "invalid regular expression", "missing )"]),
    ('[[confusions]]\npatern = \'(?P<w>依法行正)\'\nright = "依法行政"\n',
     ["confusions[1]", "unknown key 'patern'", "did you mean 'pattern'"]),
    ('[[confusions]]\npattern = 3\nright = "依法行政"\n', ["confusions[1].pattern", "must be a regular expression"]),
    ('[[confusions]]\nright = "依法行政"\n', ["confusions[1]", "missing key 'pattern'"]),
    ('[near_miss]\nmin_length = "four"\n', ["near_miss.min_length", "must be an integer", "got a string"]),
    ('[[confusion]]\npattern = "x"\nright = "y"\n', ["unknown section 'confusion'", "did you mean 'confusions'"]),
    ('[terms]\nnear_mis = { min_length = 3 }\n', ["[terms] has no section 'near_mis'", "near_miss"]),
    ('[messages]\n"X.bad" = { en = "a {x}", zh = "甲{y}" }\n', ["X.bad", "different placeholders"]),
])
def test_a_bad_pack_is_one_line_naming_file_and_key(tmp_path, body, expected):
    pack = tmp_path / "mine.toml"
    pack.write_text(body, encoding="utf-8")
    with pytest.raises(PackError) as e:
        load_packs([str(pack)])
    msg = str(e.value)
    assert "\n" not in msg and msg.startswith(str(pack))
    for part in expected:
        assert part in msg, msg


def test_a_bad_pack_on_the_command_line_exits_2_with_one_line(tmp_path):
    pack = tmp_path / "typo.toml"
    pack.write_text('[[confusions]]\npatern = \'(?P<w>依法行正)\'\nright = "依法行政"\n', encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "lawgov_lint.cli", "--rule-pack", str(pack), str(report)],
                       capture_output=True, text=True)
    assert r.returncode == 2
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "patern" in lines[0] and "typo.toml" in lines[0], r.stderr
    assert "internal error" not in r.stdout + r.stderr and "Traceback" not in r.stderr


def test_an_unknown_pack_name_is_a_key_error_not_an_empty_table():
    packs = Packs({"terms": {"confusions": []}})
    assert packs["terms"] == {"confusions": []}
    assert packs["metrics"] == {}  # a known pack without data
    with pytest.raises(KeyError, match="termz"):
        packs["termz"]

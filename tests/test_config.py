"""Configuration files through the CLI: discovery, precedence, per-file-ignores, severity, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lawgov_lint.cli import main
from lawgov_lint.config import glob_match

from helpers import COMPLETE

AS_OF = ["--as-of", "2026-11-21"]
NO_FIVE = COMPLETE.replace("五、其他需要报告的情况\n无。\n", "")  # S005 (info) only
NO_SHUFA = NO_FIVE.replace("在县委全面依法治县委员会会议上专题述法", "在会上述职")  # M001 (error) + S005
LATE = COMPLETE.replace("2025年1月20日", "2025年3月15日")  # D001 error under the standard profile only


def run(*args, input=None):
    return CliRunner().invoke(main, [*AS_OF, *args], input=input, catch_exceptions=False)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path



def codes_by_path(result) -> dict[str, set[str]]:
    data = json.loads(result.stdout)
    return {f["path"]: {x["code"] for x in f["findings"]} for f in data["files"]}


def assert_config_error(r, *needles):
    assert r.exit_code == 2, r.output
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("lawgov-lint: error: ")
    for n in needles:
        assert str(n) in lines[0], lines[0]
    assert "Traceback" not in r.output


# --------------------------------------------------------------------------- discovery

def test_nearest_config_wins_per_file(tmp_path):
    write(tmp_path / "lawgov-lint.toml", 'ignore = ["S005"]\n')
    write(tmp_path / "town" / "lawgov-lint.toml", 'ignore = ["M001"]\n')  # nearest: S005 comes back
    a = write(tmp_path / "a.txt", NO_SHUFA)
    b = write(tmp_path / "town" / "deep" / "b.txt", NO_SHUFA)
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    c = write(outside / "c.txt", NO_SHUFA)
    r = run("--output-format", "json", str(a), str(b), str(c))
    got = codes_by_path(r)
    assert got[str(a)] == {"M001"}
    assert got[str(b)] == {"S005"}, "configurations are not merged: the nearest one alone applies"
    assert got[str(c)] == {"M001", "S005"}


def test_pyproject_with_table_is_found_and_without_is_skipped(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.lawgov-lint]\nignore = ["S005"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')  # no table: skipped
    a = write(tmp_path / "sub" / "a.txt", NO_FIVE)
    r = run("--output-format", "json", str(a))
    assert r.exit_code == 0 and codes_by_path(r)[str(a)] == set()


def test_lawgov_lint_toml_beats_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.lawgov-lint]\nignore = ["M001"]\n')
    write(tmp_path / "lawgov-lint.toml", 'ignore = ["S005"]\n')
    a = write(tmp_path / "a.txt", NO_SHUFA)
    assert codes_by_path(run("--output-format", "json", str(a)))[str(a)] == {"M001"}


def test_config_flag_and_isolated(tmp_path):
    write(tmp_path / "lawgov-lint.toml", 'ignore = ["S005"]\n')
    other = write(tmp_path / "conf" / "strict.toml", 'ignore = ["M001"]\n')
    a = write(tmp_path / "a.txt", NO_SHUFA)
    assert codes_by_path(run("--output-format", "json", str(a)))[str(a)] == {"M001"}
    assert codes_by_path(run("--output-format", "json", "--config", str(other), str(a)))[str(a)] == {"S005"}
    assert codes_by_path(run("--output-format", "json", "--isolated", str(a)))[str(a)] == {"M001", "S005"}
    r = run("--config", str(other), "--isolated", str(a))
    assert r.exit_code == 2 and "--isolated" in r.stderr


def test_config_flag_accepts_a_pyproject(tmp_path):
    py = write(tmp_path / "elsewhere" / "pyproject.toml", '[tool.lawgov-lint]\nselect = ["M"]\n')
    a = write(tmp_path / "a.txt", NO_SHUFA)
    assert codes_by_path(run("--output-format", "json", "--config", str(py), str(a)))[str(a)] == {"M001"}
    bare = write(tmp_path / "bare" / "pyproject.toml", '[project]\nname = "x"\n')
    assert_config_error(run("--config", str(bare), str(a)), bare, "[tool.lawgov-lint]")


# --------------------------------------------------------------------------- precedence

def test_cli_select_replaces_config_selection(tmp_path):
    write(tmp_path / "lawgov-lint.toml", 'select = ["S"]\n')
    a = write(tmp_path / "a.txt", NO_SHUFA)
    assert codes_by_path(run("--output-format", "json", str(a)))[str(a)] == {"S005"}
    assert codes_by_path(run("--output-format", "json", "--select", "M", str(a)))[str(a)] == {"M001"}
    # --extend-select and --ignore adjust the configuration's selection instead of replacing it
    assert codes_by_path(run("--output-format", "json", "--extend-select", "M001", str(a)))[str(a)] == {"M001", "S005"}
    assert codes_by_path(run("--output-format", "json", "--ignore", "S005", str(a)))[str(a)] == set()


def test_config_extend_select_and_specificity(tmp_path):
    write(tmp_path / "lawgov-lint.toml", 'ignore = ["S", "M"]\nextend-select = ["S005"]\n')
    a = write(tmp_path / "a.txt", NO_SHUFA)
    # within one layer the more specific S005 beats the broader ignore S
    assert codes_by_path(run("--output-format", "json", str(a)))[str(a)] == {"S005"}


def test_fail_on_from_config_and_cli_override(tmp_path):
    write(tmp_path / "lawgov-lint.toml", 'fail-on = "info"\n')
    a = write(tmp_path / "a.txt", NO_FIVE)  # one info
    assert run(str(a)).exit_code == 1
    assert run("--fail-on", "error", str(a)).exit_code == 0
    assert run("--isolated", str(a)).exit_code == 0


def test_fail_on_is_per_file(tmp_path):
    write(tmp_path / "strict" / "lawgov-lint.toml", 'fail-on = "info"\n')
    lax = write(tmp_path / "lax" / "a.txt", NO_FIVE)
    assert run(str(lax)).exit_code == 0
    strict = write(tmp_path / "strict" / "a.txt", NO_FIVE)
    assert run(str(lax), str(strict)).exit_code == 1


def test_severity_overrides(tmp_path):
    write(tmp_path / "lawgov-lint.toml", '[severity]\nS005 = "error"\nshufa-missing = "info"\n')
    a = write(tmp_path / "a.txt", NO_SHUFA)
    r = run("--output-format", "json", str(a))
    f = json.loads(r.stdout)["files"][0]["findings"]
    assert {x["code"]: x["severity"] for x in f} == {"S005": "error", "M001": "info"}
    assert r.exit_code == 1
    s = json.loads(r.stdout)["summary"]
    assert s["errors"] == 1 and s["infos"] == 1 and s["warnings"] == 0


def test_severity_override_beats_a_rule_pack(tmp_path):
    pack = write(tmp_path / "packs" / "extra.toml", '[severity]\nS005 = "info"\n')
    write(tmp_path / "lawgov-lint.toml", 'rule-packs = ["packs/extra.toml"]\n')
    a = write(tmp_path / "a.txt", NO_FIVE)
    r = run("--output-format", "json", str(a))
    assert [x["severity"] for x in json.loads(r.stdout)["files"][0]["findings"]] == ["info"], "pack from config"
    write(tmp_path / "lawgov-lint.toml", 'rule-packs = ["packs/extra.toml"]\nseverity = { S005 = "error" }\n')
    r = run("--output-format", "json", str(a))
    assert [x["severity"] for x in json.loads(r.stdout)["files"][0]["findings"]] == ["error"]
    assert pack.exists()


def test_deadline_profile_from_config_and_cli(tmp_path):
    write(tmp_path / "lawgov-lint.toml", 'deadline-profile = "province"\n')
    a = write(tmp_path / "a.txt", LATE)
    r = run("--output-format", "json", str(a))
    assert r.exit_code == 0 and codes_by_path(r)[str(a)] == set()
    assert json.loads(r.stdout)["summary"]["compliance"][0]["deadline"] == "ok"
    r = run("--output-format", "json", "--deadline-profile", "standard", str(a))
    assert codes_by_path(r)[str(a)] == {"D001"}
    assert json.loads(r.stdout)["summary"]["compliance"][0]["deadline"] == "late"


def test_cli_rule_pack_adds_to_config_packs(tmp_path):
    write(tmp_path / "lawgov-lint.toml", 'rule-packs = ["one.toml"]\n')
    write(tmp_path / "one.toml", '[severity]\nS005 = "info"\n')
    two = write(tmp_path / "two.toml", '[severity]\nS005 = "error"\n')
    a = write(tmp_path / "a.txt", NO_FIVE)
    r = run("--output-format", "json", "--rule-pack", str(two), str(a))
    assert [x["severity"] for x in json.loads(r.stdout)["files"][0]["findings"]] == ["error"], "CLI pack merged last"


# --------------------------------------------------------------------------- per-file-ignores

def test_per_file_ignores_globs(tmp_path):
    write(tmp_path / "lawgov-lint.toml", """
[per-file-ignores]
"*-draft.txt" = ["S005"]
"towns/**" = ["M"]
"!towns/**" = ["shufa-missing"]
""")
    a = write(tmp_path / "x" / "a-draft.txt", NO_SHUFA)  # name glob anywhere; outside towns/ → M001 too
    b = write(tmp_path / "towns" / "deep" / "b.txt", NO_SHUFA)  # ** crosses folders
    c = write(tmp_path / "c.txt", NO_SHUFA)
    got = codes_by_path(run("--output-format", "json", str(tmp_path)))
    assert got[str(a)] == set()
    assert got[str(b)] == {"S005"}
    assert got[str(c)] == {"S005"}


def test_per_file_ignores_beat_cli_select(tmp_path):
    write(tmp_path / "lawgov-lint.toml", '[per-file-ignores]\n"a.txt" = ["S005"]\n')
    a = write(tmp_path / "a.txt", NO_FIVE)
    assert codes_by_path(run("--output-format", "json", "--select", "S005", str(a)))[str(a)] == set()


@pytest.mark.parametrize("pattern,path,expect", [
    ("*.md", "a/b/x.md", True),
    ("drafts/**", "drafts/a/x.txt", True),
    ("drafts/**", "x/drafts/a.txt", False),
    ("**/drafts/*", "x/drafts/a.txt", True),
    ("drafts/", "drafts/q.txt", True),
    ("a/*.txt", "a/b/c.txt", False),
    ("[ab].txt", "q/a.txt", True),
    ("[!ab].txt", "q/a.txt", False),
    ("?.txt", "q/ab.txt", False),
])
def test_glob_semantics(tmp_path, pattern, path, expect):
    assert glob_match(pattern, tmp_path / path, tmp_path) is expect


def test_relative_glob_never_matches_outside_the_config_folder(tmp_path):
    assert glob_match("d/*.txt", tmp_path.parent / "d" / "x.txt", tmp_path) is False
    assert glob_match("*.txt", tmp_path.parent / "d" / "x.txt", tmp_path) is True


# --------------------------------------------------------------------------- stdin

def test_stdin_filename_drives_config_lookup(tmp_path, monkeypatch):
    write(tmp_path / "reports" / "lawgov-lint.toml", '[per-file-ignores]\n"draft.txt" = ["M001"]\n')
    monkeypatch.chdir(tmp_path)
    r = run("--output-format", "json", "--stdin-filename", "reports/draft.txt", "-", input=NO_SHUFA.encode())
    f = json.loads(r.stdout)["files"][0]
    assert f["path"] == "reports/draft.txt"
    assert {x["code"] for x in f["findings"]} == {"S005"}
    # without '-' the name alone means standard input, as in ruff
    r = run("--output-format", "json", "--stdin-filename", "other/draft.txt", input=NO_SHUFA.encode())
    assert {x["code"] for x in json.loads(r.stdout)["files"][0]["findings"]} == {"M001", "S005"}


def test_stdin_filename_with_paths_but_no_dash_is_a_usage_error(tmp_path):
    a = write(tmp_path / "a.txt", NO_FIVE)
    r = run("--stdin-filename", "x.txt", str(a))
    assert r.exit_code == 2 and "'-'" in r.stderr


def test_stdin_docx(tmp_path):
    from helpers import FIXTURES

    data = (FIXTURES / "miaohang-2023.docx").read_bytes()
    r = run("--output-format", "json", "--select", "M001", "--stdin-filename", "m.docx", "-", input=data)
    f = json.loads(r.stdout)["files"][0]
    assert f["format"] == "docx" and [x["code"] for x in f["findings"]] == ["M001"]


# --------------------------------------------------------------------------- errors

@pytest.mark.parametrize("content,needles", [
    ('selekt = ["S"]\n', ["'selekt'", "unknown key"]),
    ('extend_select = ["S"]\n', ["'extend_select'", "extend-select"]),
    ('select = "S"\n', ["select:", "list"]),
    ('select = ["Z9"]\n', ["select:", "'Z9'"]),
    ('ignore = ["no-such-rule"]\n', ["ignore:", "'no-such-rule'"]),
    ('fail-on = "fatal"\n', ["fail-on:", "'fatal'"]),
    ('deadline-profile = "county"\n', ["deadline-profile:", "'county'"]),
    ('severity = { S005 = "loud" }\n', ["severity.S005", "'loud'"]),
    ('severity = { Q123 = "info" }\n', ["severity.Q123", "unknown rule"]),
    ('severity = "info"\n', ["severity:", "table"]),
    ('per-file-ignores = ["a"]\n', ["per-file-ignores:", "table"]),
    ('[per-file-ignores]\n"*.txt" = ["X1"]\n', ["per-file-ignores", "'X1'"]),
    ('rule-packs = ["missing.toml"]\n', ["rule-packs:", "missing.toml"]),
    ('rule-packs = "a.toml"\n', ["rule-packs:", "list"]),
    ('select = [\n', ["invalid TOML"]),
])
def test_bad_config_is_one_line_naming_file_and_key(tmp_path, content, needles):
    cfg = write(tmp_path / "lawgov-lint.toml", content)
    a = write(tmp_path / "a.txt", NO_FIVE)
    assert_config_error(run(str(a)), cfg, *needles)


def test_bad_key_in_pyproject_names_the_table(tmp_path):
    cfg = write(tmp_path / "pyproject.toml", '[tool.lawgov-lint]\nfoo = 1\n')
    a = write(tmp_path / "a.txt", NO_FIVE)
    assert_config_error(run(str(a)), cfg, "'foo'", "[tool.lawgov-lint]")


def test_invalid_pyproject_on_the_way_up_is_an_error(tmp_path):
    cfg = write(tmp_path / "pyproject.toml", '[tool\n')
    a = write(tmp_path / "sub" / "a.txt", NO_FIVE)
    assert_config_error(run(str(a)), cfg, "invalid TOML")


def test_missing_config_file(tmp_path):
    a = write(tmp_path / "a.txt", NO_FIVE)
    assert_config_error(run("--config", str(tmp_path / "nope.toml"), str(a)), "nope.toml", "not found")


def test_bad_rule_pack_toml_from_config(tmp_path):
    pack = write(tmp_path / "bad.toml", "[severity\n")
    write(tmp_path / "lawgov-lint.toml", 'rule-packs = ["bad.toml"]\n')
    a = write(tmp_path / "a.txt", NO_FIVE)
    assert_config_error(run(str(a)), pack, "invalid TOML")


def test_config_error_from_the_console_script_has_no_traceback(tmp_path):
    cfg = write(tmp_path / "lawgov-lint.toml", 'fail-on = 3\n')
    a = write(tmp_path / "a.txt", NO_FIVE)
    exe = os.path.join(os.path.dirname(sys.executable), "lawgov-lint")
    p = subprocess.run([exe, str(a)], capture_output=True, text=True)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert p.stderr.strip() == f"lawgov-lint: error: {cfg}: fail-on: must be one of error, warning, info (got 3)"

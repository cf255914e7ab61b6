"""Plugins: the example package in tests/plugin_example installed into a temporary folder.

It is installed the way an installer lays it out — the package plus a
``.dist-info`` whose ``entry_points.txt`` comes from the example's own
pyproject.toml — and the CLI runs in a subprocess with that folder on
PYTHONPATH, so the test process's rule registry stays clean. One test also
installs it with ``pip install --no-deps --target`` (skipped with
LAWGOV_SKIP_WHEEL=1, like the wheel test, as pip builds it in an isolated
environment).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from helpers import COMPLETE, ROOT

EXAMPLE = ROOT / "tests" / "plugin_example"
EXE = os.path.join(os.path.dirname(sys.executable), "lawgov-lint")
UNFINISHED = COMPLETE.replace("办理行政复议案件12件", "办理行政复议案件（待补充）件")


def install_dist(target: Path, name: str, version: str, entry_points: dict[str, dict[str, str]],
                 modules: dict[str, str] | None = None, package: Path | None = None) -> None:
    """Lay out an installed distribution: its code and ``NAME-VERSION.dist-info``."""
    target.mkdir(parents=True, exist_ok=True)
    if package is not None:
        shutil.copytree(package, target / package.name, ignore=shutil.ignore_patterns("__pycache__"))
    for mod, code in (modules or {}).items():
        (target / f"{mod}.py").write_text(code, encoding="utf-8")
    info = target / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    lines = []
    for group, eps in entry_points.items():
        lines.append(f"[{group}]")
        lines += [f"{k} = {v}" for k, v in eps.items()]
        lines.append("")
    (info / "entry_points.txt").write_text("\n".join(lines), encoding="utf-8")
    (info / "RECORD").write_text("", encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A folder with the example plugin installed."""
    target = tmp_path_factory.mktemp("site")
    meta = tomllib.loads((EXAMPLE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    install_dist(target, meta["name"], meta["version"], meta["entry-points"],
                 package=EXAMPLE / "lawgov_example_plugin")
    return target


def cli(*args, path: Path | None = None, extra: list[Path] = (), cwd: Path | None = None):
    pp = os.pathsep.join(str(p) for p in ([path] if path else []) + list(extra))
    env = dict(os.environ, PYTHONPATH=pp, NO_COLOR="1")
    return subprocess.run([EXE, "--as-of", "2026-11-21", *args], capture_output=True, text=True, env=env, cwd=cwd)


@pytest.fixture()
def report(tmp_path) -> Path:
    p = tmp_path / "draft.txt"
    p.write_text(UNFINISHED, encoding="utf-8")
    return p


def codes(p) -> list[str]:
    return [f["code"] for f in json.loads(p.stdout)["files"][0]["findings"]]


def test_plugin_rule_is_listed_explained_and_run(site, report):
    listed = cli("--list-rules", path=site)
    assert listed.returncode == 0
    assert any(l.startswith("X001  unfinished-text") for l in listed.stdout.splitlines())
    explained = cli("--explain", "X001", path=site)
    assert explained.returncode == 0 and "待补充" in explained.stdout and "example plugin" in explained.stdout
    r = cli("--output-format", "json", str(report), path=site)
    assert r.returncode == 0, r.stderr  # X001 is a warning
    assert codes(r) == ["X001"]
    finding = json.loads(r.stdout)["files"][0]["findings"][0]
    assert finding["excerpt"] == "待补充" and finding["url"].endswith("#x001-unfinished-text")
    assert cli("--fail-on", "warning", str(report), path=site).returncode == 1


def test_plugin_rule_is_selectable_and_in_sarif(site, report):
    r = cli("--output-format", "json", "--select", "X", str(report), path=site)
    assert codes(r) == ["X001"]
    r = cli("--output-format", "json", "--ignore", "unfinished-text", str(report), path=site)
    assert codes(r) == []
    sarif = json.loads(cli("--output-format", "sarif", str(report), path=site).stdout)
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    res = run["results"][0]
    assert rules[res["ruleIndex"]]["id"] == "X001" and res["level"] == "warning"


def test_plugin_rule_runs_in_worker_processes(site, report, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text(UNFINISHED.replace("待补充", "TODO"), encoding="utf-8")
    r = cli("--output-format", "json", "--jobs", "2", str(report), str(other), path=site)
    assert [[f["code"] for f in x["findings"]] for x in json.loads(r.stdout)["files"]] == [["X001"], ["X001"]]


def test_plugin_reporter_is_used(site, report):
    r = cli("--output-format", "count", str(report), path=site)
    assert r.returncode == 0, r.stderr
    assert r.stdout == f"{report}\t1\tX001=1\n"


def test_no_plugins(site, report):
    r = cli("--output-format", "json", "--no-plugins", str(report), path=site)
    assert r.returncode == 0 and codes(r) == []
    assert "X001" not in cli("--list-rules", "--no-plugins", path=site).stdout
    r = cli("--no-plugins", "--output-format", "count", str(report), path=site)
    assert r.returncode == 2 and "unknown format 'count'" in r.stderr
    r = cli("--no-plugins", "--select", "X001", str(report), path=site)
    assert r.returncode == 2 and "unknown rule selector 'X001'" in r.stderr


def _one_line_error(p, *needles):
    assert p.returncode == 2, p.stdout + p.stderr
    assert "Traceback" not in p.stdout + p.stderr
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1, p.stderr
    for n in needles:
        assert n in lines[0], lines[0]


def test_rule_plugin_that_fails_to_load_stops_the_run(site, report, tmp_path):
    broken = tmp_path / "broken"
    install_dist(broken, "broken-plugin", "9.9", {"lawgov_lint.rules": {"boom": "broken_rules"}},
                 modules={"broken_rules": "import no_such_module_for_lawgov\n"})
    p = cli(str(report), path=site, extra=[broken])
    _one_line_error(p, "broken-plugin 9.9", "'boom'", "No module named 'no_such_module_for_lawgov'")
    assert p.stdout == "", "nothing is linted"
    ok = cli("--no-plugins", "--output-format", "json", str(report), path=site, extra=[broken])
    assert ok.returncode == 0


def test_rule_plugin_that_raises_when_called(tmp_path, report):
    broken = tmp_path / "broken"
    install_dist(broken, "raising-plugin", "1.0", {"lawgov_lint.rules": {"r": "raising:register"}},
                 modules={"raising": "def register():\n    raise RuntimeError('bad\\nconfig')\n"})
    _one_line_error(cli(str(report), path=broken), "raising-plugin 1.0", "RuntimeError: bad config")


def test_plugin_reusing_a_builtin_code_is_a_collision(tmp_path, report):
    broken = tmp_path / "broken"
    code = ("from lawgov_lint.checks import rule\n"
            "rule('S001', 'my-own-s001', 'info', 'x', 'y')\n")
    install_dist(broken, "colliding-plugin", "0.2", {"lawgov_lint.rules": {"c": "colliding"}},
                 modules={"colliding": code})
    _one_line_error(cli(str(report), path=broken), "colliding-plugin 0.2", "S001")


def test_reporter_plugin_that_fails_to_load(tmp_path, report):
    broken = tmp_path / "broken"
    install_dist(broken, "bad-reporter", "0.3", {"lawgov_lint.reporters": {"fancy": "bad_reporter:nope"}},
                 modules={"bad_reporter": "x = 1\n"})
    _one_line_error(cli(str(report), path=broken), "bad-reporter 0.3", "'fancy'")
    assert cli("--no-plugins", str(report), path=broken).returncode == 0


def test_reporter_plugin_may_not_shadow_a_builtin_format(tmp_path, report):
    broken = tmp_path / "broken"
    install_dist(broken, "shadow", "1.0", {"lawgov_lint.reporters": {"json": "shadow_rep:report"}},
                 modules={"shadow_rep": "def report(*a):\n    pass\n"})
    _one_line_error(cli(str(report), path=broken), "shadow 1.0", "'json'")


@pytest.mark.skipif(os.environ.get("LAWGOV_SKIP_WHEEL") == "1", reason="package builds disabled")
def test_example_plugin_installs_with_pip(tmp_path, report):
    target = tmp_path / "pipsite"
    src = tmp_path / "src"  # a copy: building in place would leave build/ and *.egg-info in tests/
    shutil.copytree(EXAMPLE, src, ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"))
    p = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target),
                        str(src)], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr[-2000:]
    assert list(target.glob("lawgov_lint_example_plugin-0.1.0.dist-info"))
    r = cli("--output-format", "count", str(report), path=target)
    assert r.returncode == 0, r.stderr
    assert r.stdout.endswith("\t1\tX001=1\n")


CRASHING_CHECK = """
from lawgov_lint.checks import Hit, check, rule

rule("X101", "crashing-rule", "warning", "crashes", "test", fail="x", passes="y", origin="crashy")
rule("X102", "bad-range-rule", "warning", "yields a bad range", "test", fail="x", passes="y", origin="crashy")


@check("X101", origin="crashy")
def crash(ctx):
    if any("待补充" in b.text for b in ctx.doc.blocks):
        raise ZeroDivisionError("division by zero")
    return iter(())


@check("X102", origin="crashy")
def bad_range(ctx):
    if any("TODO" in b.text for b in ctx.doc.blocks):
        yield Hit("X102", 0, 0, 10_000, "too long")
"""


def test_plugin_check_that_crashes_makes_that_file_an_error(tmp_path, report):
    broken = tmp_path / "broken"
    install_dist(broken, "crashy-plugin", "0.4", {"lawgov_lint.rules": {"c": "crashy"}}, modules={"crashy": CRASHING_CHECK})
    clean = tmp_path / "clean.txt"
    clean.write_text(COMPLETE, encoding="utf-8")
    todo = tmp_path / "todo.txt"
    todo.write_text(UNFINISHED.replace("待补充", "TODO"), encoding="utf-8")
    p = cli("--output-format", "json", str(report), str(clean), str(todo), path=broken)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    files = json.loads(p.stdout)["files"]
    assert "crashy.crash" in files[0]["error"] and "ZeroDivisionError: division by zero" in files[0]["error"]
    assert files[1]["error"] is None and files[1]["findings"] == []
    assert "crashy.bad_range" in files[2]["error"] and "outside the document" in files[2]["error"]


def test_reporter_plugin_that_crashes(tmp_path, report):
    broken = tmp_path / "broken"
    install_dist(broken, "crashy-reporter", "0.5", {"lawgov_lint.reporters": {"boom": "boom_rep:report"}},
                 modules={"boom_rep": "def report(results, options, summary, stream, color):\n    raise KeyError('x')\n"})
    _one_line_error(cli("--output-format", "boom", str(report), path=broken), "'boom'", "KeyError")

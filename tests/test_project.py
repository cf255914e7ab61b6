"""Project-level checks: layering, packaging of the rule packs, generated docs, README commands."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from helpers import ROOT

PKG = ROOT / "lawgov_lint"

# Lower layers never import higher ones (SPEC §4: data flows one way).
LAYERS = [
    {"document", "markers", "normalize", "packs", "i18n", "pack_schema", "numerals"},
    {"loaders", "segment", "suppress"},
    {"structure"},
    {"facts"},
    {"checks"},
    {"engine", "findings"},
    {"summary", "reporters", "docs", "plugins", "runner", "config", "fixes", "docx_revisions"},
    {"cli", "lsp"},
]


# text-level parsers that structure parsing itself needs
LOW_LEVEL = {"facts.dates": 0}


def _layer(mod: str) -> int:
    if mod in LOW_LEVEL:
        return LOW_LEVEL[mod]
    top = mod.split(".")[0]
    for i, names in enumerate(LAYERS):
        if top in names:
            return i
    return -1


def test_lower_layers_never_import_higher_ones():
    bad = []
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(PKG).with_suffix("")
        mod = ".".join(rel.parts)
        if mod.endswith("__init__") and len(rel.parts) == 1:
            continue
        me = _layer(mod)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                typing_only.update(id(n) for n in ast.walk(node))
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            targets = []
            if isinstance(node, ast.ImportFrom) and node.level > 0:
                base = list(rel.parts[:-1])[: len(rel.parts) - node.level] if node.level > 1 else list(rel.parts[:-1])
                name = ".".join(base + ([node.module] if node.module else []))
                targets = [name] if node.module else [".".join(base + [a.name]) for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("lawgov_lint."):
                targets = [node.module[len("lawgov_lint."):]]
            for t in targets:
                if t and _layer(t) > me >= 0 and "findings" not in t:
                    bad.append(f"{mod} imports {t}")
    assert not bad, bad


def test_no_top_level_rules_package_in_code():
    for path in PKG.rglob("*.py"):
        assert "import rules" not in path.read_text(encoding="utf-8")
    assert not (PKG / "checks" / "rules.py").exists()


def test_packs_found_from_the_editable_install():
    from importlib.resources import files

    names = {p.name for p in files("lawgov_lint.rules").iterdir()}
    assert {"sections.toml", "mentions.toml", "deadlines.toml", "dictionary.toml", "report.toml"} <= names


@pytest.mark.skipif(os.environ.get("LAWGOV_SKIP_WHEEL") == "1", reason="wheel build disabled")
def test_packs_found_from_a_wheel_install(tmp_path):
    out = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    wheel = next(tmp_path.glob("lawgov_lint-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "lawgov_lint/rules/sections.toml" in names
    assert not any(n.startswith("rules/") for n in names), "no top-level rules package"
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    code = ("import lawgov_lint, sys; from lawgov_lint.packs import builtin_packs; "
            "p = builtin_packs(); print(lawgov_lint.__file__); print(sorted(p))")
    env = dict(os.environ, PYTHONPATH=str(target))
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    first, second = res.stdout.splitlines()
    assert first.startswith(str(target))
    assert "sections" in second and "deadlines" in second


def test_readme_rule_table_is_current():
    from lawgov_lint.docs import update_readme

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert update_readme(text) == text, "run `python -m lawgov_lint.docs` to regenerate the rule table"


def test_readme_opens_with_the_two_commands_and_ci_runs_the_test_command():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("\n", 1)[1].strip() for b in text.split("```bash")[1:3]]
    assert "lawgov-lint fixtures/" in blocks[0] and "pip install" in blocks[0]
    assert "pytest" in blocks[1] and "[test]" in blocks[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "test-command" in ci and "README.md" in ci


def test_every_rule_is_documented_with_a_source():
    from lawgov_lint.checks import iter_rules

    for r in iter_rules():
        assert r.summary and r.source and r.fail and r.passes, r.code

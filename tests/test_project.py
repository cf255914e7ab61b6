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
    {"document", "lexers", "normalize", "packs", "i18n", "pack_schema", "numerals", "options", "catalogue",
     "selectors", "installed", "recache"},
    {"loaders", "segment", "suppress"},
    {"structure"},
    {"facts", "spans", "nearmiss"},
    {"checks"},
    {"engine", "findings", "record"},
    {"summary", "reporters", "docs", "plugins", "runner", "config", "fixes", "docx_revisions", "annotate", "outputs",
     "published"},
    {"cli", "lsp"},
]


def _layer(mod: str) -> int:
    top = mod.split(".")[0]
    for i, names in enumerate(LAYERS):
        if top in names:
            return i
    return -1


def test_every_module_has_a_layer():
    tops = {p.relative_to(PKG).parts[0].removesuffix(".py") for p in PKG.rglob("*.py")} - {"__init__"}
    assert not sorted(t for t in tops if _layer(t) < 0), "add the new module to LAYERS"


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


def _modules() -> dict[str, tuple[Path, bool]]:
    """``lawgov_lint.x.y`` → (file, is a package)."""
    out = {}
    for path in PKG.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        out[".".join(parts[:-1] if is_pkg else parts)] = (path, is_pkg)
    return out


def import_graph() -> dict[str, set[str]]:
    """Every import between modules of lawgov_lint: module level, inside functions, under
    TYPE_CHECKING. ``from .x import y`` is an edge to ``x.y`` when that is a module, else to ``x``."""
    mods = _modules()

    def resolve(name: str) -> str | None:
        while name and name not in mods:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for mod, (path, is_pkg) in mods.items():
        package = mod if is_pkg else mod.rpartition(".")[0]
        edges: set[str | None] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                edges.update(resolve(a.name) for a in node.names if a.name.split(".")[0] == "lawgov_lint")
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    full = ".".join(base + ([node.module] if node.module else []))
                else:
                    full = node.module or ""
                if full.split(".")[0] != "lawgov_lint":
                    continue
                for a in node.names:
                    sub = f"{full}.{a.name}"
                    edges.add(sub if sub in mods else resolve(full))
        graph[mod] = {e for e in edges if e is not None and e != mod}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_import_graph_finds_a_cycle_when_there_is_one():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    graph = import_graph()
    assert "lawgov_lint.checks.context" in graph["lawgov_lint.checks"]  # ``from .context import Hit``
    assert "lawgov_lint.loaders.docx" in graph["lawgov_lint.loaders"] or any(
        m.startswith("lawgov_lint.loaders.docx") for m in graph["lawgov_lint.loaders"])


def test_no_import_cycle_in_lawgov_lint():
    assert cycles(import_graph()) == []


# Modules being split by others (issue 15 item 5); the lead empties this list after merging.
TOO_LONG_FOR_NOW: set[str] = set()
MAX_LINES = 700


def test_no_module_is_over_700_lines():
    long = {}
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(PKG).as_posix()
        n = len(path.read_text(encoding="utf-8").splitlines())
        if n > MAX_LINES and rel not in TOO_LONG_FOR_NOW:
            long[rel] = n
    assert not long, f"split these into modules that each do one thing: {long}"


def test_the_allow_list_of_long_modules_names_existing_long_modules():
    for rel in TOO_LONG_FOR_NOW:
        path = PKG / rel
        if path.exists():
            assert len(path.read_text(encoding="utf-8").splitlines()) > MAX_LINES, f"{rel}: drop it from the list"


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

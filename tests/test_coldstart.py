"""Cold start (issue 14): a plain lint imports nothing it does not need, and what a run no longer checks
each time (the built-in message catalogue) is checked here."""

from __future__ import annotations

import subprocess
import sys

from lawgov_lint.i18n import Catalogue
from lawgov_lint.packs import builtin_packs, load_packs

from helpers import COMPLETE


def test_the_builtin_catalogue_passes_the_full_check():
    full = Catalogue(builtin_packs()["messages"])  # raises CatalogueError on a malformed entry
    assert load_packs().catalogue.entries == full.entries


def test_a_plain_lint_imports_no_metadata_toml_or_pickle(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(COMPLETE, encoding="utf-8")
    code = ("import sys; from lawgov_lint.cli import main; sys.argv = ['lawgov-lint', '--output-format', 'json', "
            f"'--as-of', '2026-11-21', {str(report)!r}]\n"
            "try: main()\nexcept SystemExit: pass\n"
            "print(sorted(m for m in ('importlib.metadata', 'tomllib', 'pickle', 'rich', 'lawgov_lint.pack_schema') "
            "if m in sys.modules), file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert out.stderr.strip().splitlines()[-1] == "[]", out.stderr[-2000:]


def test_the_collector_is_back_to_its_defaults_when_files_are_linted(tmp_path):
    """Start-up runs with a raised threshold; the files are linted with the defaults (memory stays flat)."""
    report = tmp_path / "report.txt"
    report.write_text(COMPLETE, encoding="utf-8")
    code = ("import gc, sys; before = gc.get_threshold(); import lawgov_lint.cli as c\n"
            "raised = gc.get_threshold() != before\n"
            "import lawgov_lint.engine as e; seen = []; lint = e.lint_path\n"
            "e.lint_path = lambda *a, **k: seen.append((gc.get_threshold() == before, gc.get_freeze_count() > 0)) "
            "or lint(*a, **k)\n"
            f"sys.argv = ['lawgov-lint', '--output-format', 'json', '--as-of', '2026-11-21', {str(report)!r}]\n"
            "try: c.main()\nexcept SystemExit: pass\n"
            "print(raised, seen, file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert out.stderr.strip().splitlines()[-1] == "True [(True, True)]", out.stderr[-2000:]

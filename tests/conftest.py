"""pytest fixtures; plain helpers live in tests/helpers.py."""

from __future__ import annotations

import pytest

from lawgov_lint.packs import load_packs


@pytest.fixture(scope="session")
def packs():
    return load_packs()


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch):
    """Tests run under an English locale unless they set another: the default language follows the
    locale (SPEC §7), so a developer's zh_CN shell must not change what the tests see."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")

"""pytest fixtures; plain helpers live in tests/helpers.py."""

from __future__ import annotations

import pytest

from lawgov_lint.packs import load_packs


@pytest.fixture(scope="session")
def packs():
    return load_packs()

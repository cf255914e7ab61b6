"""CI set-up: the lowest-versions environment pins exactly the floors pyproject.toml declares."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _floors() -> dict[str, str]:
    """name → lower bound of every dependency and test extra in pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = list(project["dependencies"]) + list(project["optional-dependencies"]["test"])
    floors = {}
    for spec in specs:
        m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(?:\[[^\]]*\])?\s*>=\s*([0-9][^,;\s]*)\s*(?:,.*)?(?:;.*)?", spec)
        assert m, f"{spec!r}: every dependency needs a tested lower bound (name>=X)"
        floors[_canonical(m.group(1))] = m.group(2)
    return floors


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / ".ci" / "lowest-constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)==(\S+)", line)
        assert m, f"{line!r}: the constraints file holds name==version pins only"
        pins[_canonical(m.group(1))] = m.group(2)
    return pins


def test_every_floor_is_pinned_in_the_lowest_constraints():
    from packaging.version import Version  # (comes with pytest)

    floors, pins = _floors(), _pins()
    wrong = {name: (floor, pins.get(name)) for name, floor in floors.items()
             if name not in pins or Version(pins[name]) != Version(floor)}
    assert not wrong, f"pyproject floor vs .ci/lowest-constraints.txt pin: {wrong}"


def test_a_pin_that_is_not_a_floor_says_why():
    # transitive pins (a floor release pulling an incompatible dependency) carry a comment
    floors = _floors()
    for line in (ROOT / ".ci" / "lowest-constraints.txt").read_text(encoding="utf-8").splitlines():
        code = line.split("#", 1)[0].strip()
        if code and _canonical(code.split("==")[0]) not in floors:
            assert "#" in line, f"{code}: not a declared dependency; say why it is pinned"


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash not installed")
def test_ci_script_parses_and_runs_both_environments():
    script = ROOT / ".ci" / "run"
    assert subprocess.run(["bash", "-n", str(script)], capture_output=True).returncode == 0
    text = script.read_text(encoding="utf-8")
    assert "-c .ci/lowest-constraints.txt" in text and "<!-- test-command -->" in text

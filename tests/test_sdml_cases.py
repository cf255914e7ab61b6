"""S, D, M and L002/L003 rule cases (issue 15 item 6): ``tests/cases/sdml.toml`` through the real pipeline
(text loader → normalisation → report locator → checks). See the case file's header for its format."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from lawgov_lint.engine import Options, lint_document
from lawgov_lint.loaders.text import load_text

DATA = tomllib.loads((Path(__file__).parent / "cases" / "sdml.toml").read_text(encoding="utf-8"))
BASE = DATA["base"]["text"]
CASES = DATA["case"]
AS_OF = dt.date(2025, 1, 25)
CODES = ["S001", "S002", "S003", "S004", "S005", "S006", "S007", "S008", "S010", "S011", "S012", "S013", "S014",
         "D001", "D002", "D003", "D004", "D005", "D006", "M001", "M002", "M003", "M004", "L002", "L003"]


def case_document(case: dict) -> str:
    """The case's text: ``doc``, or the base report with the ``edit`` pairs applied in order."""
    if "doc" in case:
        return case["doc"]
    text = BASE
    for old, new in case.get("edit", []):
        assert text.count(old) >= 1, f"{case['name']}: edit target not found: {old!r}"
        text = text.replace(old, new, 1)
    return text


def case_options(case: dict, **extra) -> Options:
    opts = dict(case.get("options", {}))
    if "published_on" in opts:
        opts["published_on"] = dt.date.fromisoformat(opts["published_on"])
    return Options(as_of=AS_OF, **opts, **extra)


def run_case(case: dict, **extra):
    doc = load_text("case.txt", case_document(case).encode("utf-8"))
    return lint_document(doc, case_options(case, **extra))


def test_case_file_covers_every_rule_both_ways():
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))
    for code in CODES:
        assert any(code in [e["code"] for e in c["expect"]] for c in CASES), f"no failing case for {code}"
        assert any(code in c["rules"] and not c["expect"] for c in CASES), f"no passing case for {code}"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case):
    res = run_case(case)
    assert res.error is None
    got = sorted((f.code, f.excerpt) for f in res.findings if f.code in case["rules"])
    want = case["expect"]
    assert sorted(f[0] for f in got) == sorted(e["code"] for e in want), [
        (f.code, f.excerpt, f.message) for f in res.findings if f.code in case["rules"]]
    for e in want:
        if "excerpt" in e:
            assert (e["code"], e["excerpt"]) in got, got

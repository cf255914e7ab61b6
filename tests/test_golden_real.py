"""Golden findings on the two real Shenzhen reports (title-less), in .txt, .docx and .pdf
(SPEC §6, tests/golden/real.toml, ../shared/real/README.md)."""

from __future__ import annotations

import tomllib

import pytest

from lawgov_lint.engine import Options, lint_path
from lawgov_lint.facts.mentions import shufa_mentions

from helpers import AS_OF, FIXTURES

GOLDEN = tomllib.loads((FIXTURES.parent / "tests" / "golden" / "real.toml").read_text(encoding="utf-8"))
REAL = ["shenzhen-guangming-2021", "shenzhen-longhua-2019"]
FORMATS = ["txt", "docx", "pdf"]

_cache: dict = {}


def result(name: str, fmt: str):
    if (name, fmt) not in _cache:
        _cache[name, fmt] = lint_path(FIXTURES / f"{name}.{fmt}", Options(as_of=AS_OF))
    return _cache[name, fmt]


def _squash(s: str) -> str:
    return "".join(s.split())


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", REAL)
def test_must_and_must_not(name, fmt):
    r = result(name, fmt)
    assert r.error is None
    g = GOLDEN[name]
    missing = [e for e in g["must"]
               if not any(f.code == e["code"] and _squash(e.get("excerpt", "")) in _squash(f.excerpt) for f in r.findings)]
    assert not missing, (missing, [(f.code, f.excerpt[:20]) for f in r.findings])
    wrong = [(f.code, f.excerpt[:20]) for e in g["must_not"] for f in r.findings
             if f.code == e["code"] and _squash(e.get("excerpt", "")) in _squash(f.excerpt)]
    assert not wrong


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", REAL)
def test_year_contents_and_shufa(name, fmt):
    rep = result(name, fmt).report
    g = GOLDEN[name]
    assert (rep.reporting_year, rep.reporting_year_source) == (g["reporting_year"], g["reporting_year_source"])
    assert [rep.contents_present()[n] for n in range(1, 6)] == g["contents"]
    assert bool(shufa_mentions(rep, rep.packs)) == g["shufa"]
    assert not rep.located  # the published copies lost their title


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", REAL)
def test_exact_findings(name, fmt):
    got = [f"{f.code} {_squash(f.excerpt)[:16]}" for f in result(name, fmt).findings]
    assert got == GOLDEN["exact"][name]


def test_run_in_content_3_is_info_and_located_on_the_item():
    r = result("shenzhen-guangming-2021", "docx")
    s008 = [f for f in r.findings if f.code == "S008"]
    assert len(s008) == 1 and s008[0].severity == "info" and s008[0].section == 3
    assert "（三）" in s008[0].message and "（一）" in s008[0].message

"""Golden findings on the real reports, in .txt, .docx and .pdf (SPEC §6, tests/golden/seeds.toml)."""

from __future__ import annotations

import tomllib

import pytest

from lawgov_lint import checks
from lawgov_lint.engine import Options, lint_path

from helpers import AS_OF, FIXTURES, SEEDS

GOLDEN = tomllib.loads((FIXTURES.parent / "tests" / "golden" / "seeds.toml").read_text(encoding="utf-8"))
FORMATS = ["txt", "docx", "pdf"]

_cache: dict = {}


def result(name: str, fmt: str):
    key = (name, fmt)
    if key not in _cache:
        _cache[key] = lint_path(FIXTURES / f"{name}.{fmt}", Options(as_of=AS_OF))
    return _cache[key]


def _implemented(code: str) -> bool:
    return code in checks.builtin_registry().rules


def _squash(s: str) -> str:
    return "".join(s.split())


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", SEEDS)
def test_must_find(name, fmt):
    r = result(name, fmt)
    assert r.error is None
    g = GOLDEN[name]
    missing = []
    for entry in g["must"]:
        if not _implemented(entry["code"]):
            continue
        want = _squash(entry.get("excerpt", ""))
        if not any(f.code == entry["code"] and want in _squash(f.excerpt) for f in r.findings):
            missing.append(entry)
    assert not missing, f"{name}.{fmt} misses {missing}; found {[(f.code, f.excerpt[:20]) for f in r.findings]}"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", SEEDS)
def test_must_not_find(name, fmt):
    r = result(name, fmt)
    g = GOLDEN[name]
    wrong = []
    for entry in g["must_not"]:
        want = _squash(entry.get("excerpt", ""))
        wrong += [(f.code, f.excerpt) for f in r.findings if f.code == entry["code"] and want in _squash(f.excerpt)]
    assert not wrong, f"{name}.{fmt}: {wrong}"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", SEEDS)
def test_contents_shufa_and_report_proper(name, fmt):
    r = result(name, fmt)
    g = GOLDEN[name]
    rep = r.report
    assert rep.located
    assert [rep.contents_present()[n] for n in range(1, 6)] == g["contents"]
    from lawgov_lint.facts.mentions import shufa_mentions

    assert bool(shufa_mentions(rep, rep.packs)) == g["shufa"]
    if "title" in g:
        assert rep.title == g["title"]
    for text in g.get("outside", []):
        inside = [i for i in range(rep.start, rep.end) if text in _squash(rep.doc.blocks[i].text)]
        assert not inside, f"{text!r} taken as part of the report proper (blocks {inside})"
    # outside the report proper only the cover's own 公文 elements may produce findings
    allowed = set(g.get("cover_codes_allowed", []))
    outside = [(f.code, f.excerpt) for f in r.findings
               if not (rep.start <= f.location.block - 1 < rep.end) and f.code not in allowed]
    assert not outside, outside


@pytest.mark.parametrize("name", SEEDS)
def test_same_smd_codes_in_all_formats(name):
    sets = {}
    for fmt in FORMATS:
        sets[fmt] = sorted(f.code for f in result(name, fmt).findings if f.code[0] in "SMD")
    assert sets["txt"] == sets["docx"] == sets["pdf"], sets


def test_qingpu_report_found_inside_its_request(packs):
    r = result("qingpu-2023", "docx")
    rep = r.report
    assert rep.title.startswith("关于2023年青浦区法治政府建设情况的报告")
    assert rep.signing_date.isoformat() == "2023-12-21"  # the 请示's date stands in
    assert rep.cover_document_numbers and rep.cover_document_numbers[0].text == "沪青司〔2023〕15号"
    # the 起草说明's headings are not report sections
    assert all(h.block >= rep.start for h in rep.headings)
    assert len([s for s in rep.sections if s.content in (1, 2, 3, 4)]) == 4


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", SEEDS)
def test_exact_findings(name, fmt):
    """Nothing more, nothing less than the hand-checked list, in document order."""
    got = [f"{f.code} {_squash(f.excerpt)[:16]}" for f in result(name, fmt).findings]
    assert got == GOLDEN["exact"][name]

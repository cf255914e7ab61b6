"""T rules (terms and typos): cases of our own wording, the near-miss finder, and the seeds."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from helpers import FIXTURES, lint_text, report
from lawgov_lint.checks.titles import fold_title
from lawgov_lint.nearmiss import NearMissFinder, sound_alike
from lawgov_lint.spans import protected_spans
from lawgov_lint.engine import Options, lint_path
from lawgov_lint.packs import load_packs

CASES = tomllib.loads((Path(__file__).parent / "cases" / "tpf.toml").read_text("utf-8"))["case"]
TITLE = "某某区2024年法治政府建设情况报告"


def tpf_findings(case: dict):
    """Lint a case of tests/cases/tpf.toml; its T, P and F findings."""
    text = case.get("doc") or report(case["body"], case.get("title", TITLE))
    return [f for f in lint_text(text).findings if f.code[0] in "TPF"]


def check_case(case: dict) -> None:
    found = tpf_findings(case)
    got = sorted((f.code, f.excerpt) for f in found)
    want = sorted((e["code"], e["excerpt"]) for e in case["expect"])
    assert got == want, [(f.code, f.excerpt, f.message) for f in found]
    for e in case["expect"]:
        if "suggestion" in e:
            assert any(f.code == e["code"] and f.excerpt == e["excerpt"] and f.suggestion == e["suggestion"]
                       for f in found), [(f.code, f.excerpt, f.suggestion) for f in found]
    for f in found:
        assert f.suggestion, f"{f.code} without a suggestion: {f.message}"


def family_cases(letter: str) -> list[dict]:
    low = letter.lower()
    return [c for c in CASES if c["name"].startswith((low, f"neg-{low}-"))]


def test_case_file_is_large_enough():
    positives = [c for c in CASES if c["expect"]]
    negatives = [c for c in CASES if not c["expect"]]
    assert len(positives) >= 60 and len(negatives) >= 60
    assert len({c["name"] for c in CASES}) == len(CASES), "case names must be unique"
    for c in CASES:
        assert c["name"][:1] in "tpf" or c["name"][:6] in ("neg-t-", "neg-p-", "neg-f-"), c["name"]


@pytest.mark.parametrize("case", family_cases("T"), ids=lambda c: c["name"])
def test_t_case(case):
    check_case(case)


# ---------------------------------------------------------------- locations and wording

def test_t001_location_and_suggestion():
    r = lint_text(report("2024年，全区深化法治政建设，成效明显。"))
    [f] = [f for f in r.findings if f.code == "T001"]
    assert (f.location.line, f.location.column, f.location.end_column) == (2, 11, 16)
    assert f.excerpt == "法治政建设" and f.suggestion == "法治政府建设"
    assert f.severity == "error" and f.name == "term-near-miss"
    assert "府" in f.message


def test_t003_info_entry_keeps_its_severity():
    r = lint_text(report("截止10月底，共办理行政复议案件37件。"))
    [f] = [f for f in r.findings if f.code == "T003"]
    assert f.severity == "info"


def test_title_line_is_left_to_s010():
    r = lint_text(report("2024年，我区依法行政水平持续提升。", title="某某区2024年度法治政府建没情况报告"))
    assert not [f for f in r.findings if f.code.startswith("T")]


def test_quoted_text_is_not_rewritten():
    r = lint_text(report("报告引用了群众来信原文：“要求尽快建设法制政府”。"))
    assert not [f for f in r.findings if f.code.startswith("T")]


def test_pack_severity_override(tmp_path):
    pack = tmp_path / "strict.toml"
    pack.write_text('[severity]\nT004 = "error"\n', encoding="utf-8")
    doc = report("2024年，本局依法行政工作稳步推进。\n特此报。")
    from lawgov_lint.engine import lint_document
    from lawgov_lint.loaders.text import load_text

    res = lint_document(load_text("case.txt", doc.encode()), Options(rule_packs=[str(pack)]))
    assert [f.severity for f in res.findings if f.code == "T004"] == ["error"]


def test_extra_pack_adds_a_term(tmp_path):
    pack = tmp_path / "local.toml"
    pack.write_text('[[terms.terms]]\nsource = "某省规定"\nwords = ["江南法治指数评估"]\n', encoding="utf-8")
    doc = report("2024年，我区在江南法治指评估中位列第一。")
    from lawgov_lint.engine import lint_document
    from lawgov_lint.loaders.text import load_text

    res = lint_document(load_text("case.txt", doc.encode()), Options(rule_packs=[str(pack)]))
    assert [(f.code, f.suggestion) for f in res.findings if f.code == "T001"] == [("T001", "江南法治指数评估")]


# ---------------------------------------------------------------- the finder itself

@pytest.fixture(scope="module")
def finder():
    packs = load_packs()
    pack = packs["terms"]
    return NearMissFinder.from_pack([w for g in pack["terms"] for w in g["words"]], pack)


@pytest.mark.parametrize("text,term,kind", [
    ("推进法治政建设", "法治政府建设", "dropped"),
    ("落实第一任责人职责", "第一责任人职责", "swapped"),
    ("推进法治政府府建设", "法治政府建设", "doubled"),
    ("推进法治政府健设工作", "法治政府建设", "sound-alike"),
    ("坚持严格规范公正文明执法与服务并重", None, None),
])
def test_finder_kinds(finder, text, term, kind):
    found = finder.find(text)
    if term is None:
        assert found == []
    else:
        [nm] = found
        assert (nm.term, nm.kind) == (term, kind)
        assert text[nm.start:nm.end] == nm.found


def test_finder_needs_evidence_for_short_terms(finder):
    text = "办理行政复仪案件"
    assert finder.find(text, evidence=lambda t: False) == []
    assert [nm.term for nm in finder.find(text, evidence=lambda t: True)] == ["行政复议"]


def test_finder_respects_skip(finder):
    text = "“法治政建设”"
    spans = protected_spans(text)
    assert finder.find(text, skip=lambda a, b: any(s < b and a < e for s, e in spans)) == []


def test_sound_alike_uses_all_readings():
    assert sound_alike("察", "查") and sound_alike("行", "航") and not sound_alike("治", "区")


def test_fold_title_ignores_width_dash_and_space():
    assert fold_title("法治政府建设实施纲要 (2021-2025年)") == "法治政府建设实施纲要（2021—2025年）"
    assert fold_title("实施《行政复议法》办法") == "实施〈行政复议法〉办法"


# ---------------------------------------------------------------- seeds, in all three formats

_DUTY = ("T002", "推进法治政府建设第一责任人", "推进法治建设第一责任人")  # the duty formula's word swapped
SEED_T = {
    "zhaoxiang-2023": [("T001", "第一责任职责", "第一责任人职责"), ("T003", "体质", "体制")],
    "waigang-2022": [("T001", "法治政建设", "法治政府建设"), ("T003", "截止", "截至"), ("T003", "截止", "截至"),
                     _DUTY, _DUTY],
    "anting-2023": [("T002", "二十届三中全会", "二十届二中全会"),
                    ("T002", "上海法治政府建设规划（2021-2025）", "上海法治政府建设规划（2021—2025年）"), _DUTY],
    "miaohang-2023": [],
    "qingpu-2023": [("T003", "截止", "截至")] * 4 + [_DUTY],
}


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
@pytest.mark.parametrize("seed", sorted(SEED_T))
def test_seed_t_findings(seed, fmt):
    path = FIXTURES / f"{seed}.{fmt}"
    if not path.exists():
        pytest.skip(f"{path.name} not made")
    res = lint_path(path, Options())
    got = sorted((f.code, "".join(f.excerpt.split()), f.suggestion) for f in res.findings if f.code[0] == "T")
    assert got == sorted(SEED_T[seed])


def test_seed_t_locations_txt():
    zx = lint_path(FIXTURES / "zhaoxiang-2023.txt", Options())
    locs = {f.excerpt: (f.location.line, f.location.column) for f in zx.findings if f.code in ("T001", "T003")}
    assert locs == {"体质": (123, 5), "第一责任职责": (266, 18)}
    wg = lint_path(FIXTURES / "waigang-2022.txt", Options())
    [t001] = [f for f in wg.findings if f.code == "T001"]
    assert (t001.location.line, t001.location.column) == (77, 283)


# ---------------------------------------------------------------- issue 10 kind 5: severities, locations, messages

def test_duty_term_word_swap_is_a_warning_with_its_location():
    r = lint_text(report("区长履行推进法治政府建设第一责任人职责。"))
    [f] = [f for f in r.findings if f.code == "T002"]
    assert f.severity == "warning"
    assert (f.location.line, f.location.column, f.location.end_column) == (2, 5, 18)
    assert "“法治建设” written as “法治政府建设”" in f.message


def test_cited_title_word_swap_stays_an_error():
    r = lint_text(report("严格执行《法治建设与责任落实督察工作规定》。"))
    [f] = [f for f in r.findings if f.code == "T002"]
    assert f.severity == "error" and f.suggestion == "法治政府建设与责任落实督察工作规定"
    assert "“法治政府建设” written as “法治建设”" in f.message


def test_near_synonym_of_first_responsible_person_is_a_warning():
    r = lint_text(report("书记落实法治建设首要责任人职责。"))
    [f] = [f for f in r.findings if f.code == "T003"]
    assert f.severity == "warning" and (f.location.column, f.location.end_column) == (9, 14)


def test_cut_plenum_message_and_location():
    r = lint_text(report("学习二十届二中精神。"))
    [f] = [f for f in r.findings if f.code == "T002"]
    assert (f.location.column, f.location.end_column) == (3, 8)
    assert "without 全会" in f.message and f.severity == "error"


def test_lead_in_slip_names_the_character():
    r = lint_text(report("现将本年度工作报告入下："))
    [f] = [f for f in r.findings if f.code == "T004"]
    assert "“如” written as “入”" in f.message and f.severity == "warning"


def test_laws_pack_lists_only_well_formed_unique_titles():
    laws = load_packs()["laws"]
    assert laws["source"] and laws["date"]
    titles = laws["laws"]
    assert len(titles) >= 250 and len(set(titles)) == len(titles)
    for t in titles:
        assert t.endswith(("法", "法典", "条例", "规则")), t
        assert "《" not in t and " " not in t, t
    for repealed in ("中华人民共和国合同法", "中华人民共和国物权法", "中华人民共和国婚姻法", "中华人民共和国民法总则"):
        assert repealed not in titles  # replaced by 民法典 (2021-01-01)


def test_a_pack_can_add_laws_and_a_bad_list_is_one_line(tmp_path):
    from lawgov_lint.engine import lint_document
    from lawgov_lint.loaders.text import load_text
    from lawgov_lint.packs import PackError

    doc = report("执法人员仍在引用《中华人民共和国食品卫生法》开展检查。")
    res = lint_document(load_text("case.txt", doc.encode()), Options())
    assert [f.suggestion for f in res.findings if f.code == "T002"] == ["中华人民共和国食品安全法"]
    extra = tmp_path / "local.toml"
    extra.write_text('[laws]\nlaws = ["中华人民共和国食品卫生法"]\n', encoding="utf-8")
    res = lint_document(load_text("case.txt", doc.encode()), Options(rule_packs=[str(extra)]))
    assert [f for f in res.findings if f.code == "T002"] == []
    bad = tmp_path / "bad.toml"
    bad.write_text('[measure_words]\nwords = ["件", 3]\n', encoding="utf-8")
    with pytest.raises(PackError, match=r"bad.toml: words\[2\]: must be a string, got an integer"):
        load_packs([bad])

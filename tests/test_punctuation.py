"""P rules (punctuation): cases of our own wording, the pair checker, and the seeds."""

from __future__ import annotations

import pytest

from helpers import FIXTURES, lint_text, report
from lawgov_lint.checks.punctuation import pair_problems
from lawgov_lint.engine import Options, lint_path
from test_terms import check_case, family_cases

PAIRS = [["“", "”"], ["《", "》"], ["（", "）"], ["〔", "〕"], ["〈", "〉"], ["【", "】"]]


@pytest.mark.parametrize("case", family_cases("P"), ids=lambda c: c["name"])
def test_p_case(case):
    check_case(case)


def p_findings(text: str):
    return [f for f in lint_text(text).findings if f.code.startswith("P")]


def test_p002_location_is_the_mark_in_the_original_text():
    [f] = p_findings(report("全年办理行政处罚案件86件 ,罚没款42万元。"))
    assert f.code == "P002" and f.excerpt == "," and f.suggestion == "，"
    assert (f.location.line, f.location.column, f.location.length) == (2, 15, 1)


def test_p001_location_and_severity():
    [f] = p_findings(report("严格规范公正文明执法，，执法满意度持续提升。"))
    assert (f.code, f.severity, f.location.column, f.location.end_column) == ("P001", "error", 11, 13)


def test_p003_split_paragraph_is_not_unbalanced():
    # a paragraph broken in two by a page break the loader could not repair
    text = report("2024年，我区认真落实《某某区2024年度法治政府建设\n工作要点》，各项任务按期完成。")
    assert p_findings(text) == []


def test_p003_points_at_the_unclosed_mark():
    [f] = p_findings(report("全年开展“法律进企业活动48场，服务企业320家。"))
    assert (f.code, f.excerpt, f.location.column) == ("P003", "“", 5)


@pytest.mark.parametrize("text,kinds", [
    ("印发《甲《乙》丙》", ["nested-title"]),
    ("印发《甲《乙》丙", ["unclosed-nested"]),
    ("印发《甲〈乙〉丙》", []),
    ("（一）甲（乙）", []),
    ("甲）乙", ["unopened"]),
    ("1）甲；2）乙", []),
    ("“甲“乙”丙”", ["nested-quote"]),
    ("《甲（乙》丙）", ["unclosed", "unopened"]),
    ("外府发〔2023】1号", []),
])
def test_pair_problems(text, kinds):
    assert [p.kind for p in pair_problems(text, PAIRS)] == kinds


SEED_P = {
    "anting-2023": [("P002", ","), ("P002", ","), ("P002", "(居)"), ("P003", "<中华人民共和国土地管理法>")],
    "miaohang-2023": [("P001", "，，")],
    "qingpu-2023": [("P002", "(一)"), ("P002", ","), ("P002", ",")],
    "waigang-2022": [("P003", "《")],
    "zhaoxiang-2023": [],
}


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
@pytest.mark.parametrize("seed", sorted(SEED_P))
def test_seed_p_findings(seed, fmt):
    path = FIXTURES / f"{seed}.{fmt}"
    if not path.exists():
        pytest.skip(f"{path.name} not made")
    res = lint_path(path, Options())
    got = sorted((f.code, "".join(f.excerpt.split())) for f in res.findings if f.code[0] == "P")
    assert got == sorted(SEED_P[seed])


def test_seed_p_contexts_txt():
    """The findings SPEC §6 names, at the text it names."""
    def around(path, code):
        res = lint_path(FIXTURES / path, Options())
        out = []
        for f in res.findings:
            if f.code == code:
                text = res.report.doc.blocks[f.location.block - 1].text
                out.append("".join(text[max(0, f.location.offset - 8): f.location.offset + f.location.length + 8].split()))
        return out

    assert any("2659400元,案件" in s for s in around("anting-2023.txt", "P002"))
    assert any("62件,处罚金额" in s for s in around("qingpu-2023.txt", "P002"))
    assert any("”，，" in s for s in around("miaohang-2023.txt", "P001"))
    assert any("印发《外冈镇落实" in s for s in around("waigang-2022.txt", "P003"))

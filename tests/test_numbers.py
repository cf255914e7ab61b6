"""N rules (numbers and metrics): extraction of figures, the relation checks, the seeds.

Cases live in ``tests/cases/numbers.toml`` and go through the real pipeline
(text loader → normalisation → report locator → checks), wrapped in a report
title so that the sentence is the report proper.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawgov_lint.document import Block, Document, Segment
from lawgov_lint.engine import Options, lint_document, lint_path
from lawgov_lint.facts.metrics import extract_facts, extract_metrics
from lawgov_lint.loaders.text import load_text
from lawgov_lint.packs import load_packs
from lawgov_lint.structure import analyse

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
TITLE = "某某区2024年法治政府建设情况报告"
CASES = tomllib.loads((Path(__file__).parent / "cases" / "numbers.toml").read_text(encoding="utf-8"))["case"]
OPTIONS = Options(as_of=dt.date(2025, 1, 15))


def _body(text: str) -> str:
    # one paragraph per line, a blank line between paragraphs (never joined)
    return "\n\n".join(line.strip() for line in text.strip().splitlines() if line.strip())


def lint_text(text: str):
    data = f"{TITLE}\n\n{_body(text)}\n".encode("utf-8")
    return lint_document(load_text("case.txt", data), OPTIONS)


def report_of(text: str):
    data = f"{TITLE}\n\n{_body(text)}\n".encode("utf-8")
    return analyse(load_text("case.txt", data), load_packs())


def n_codes(result) -> list[str]:
    return sorted(f.code for f in result.findings if f.code.startswith("N"))


# ---------------------------------------------------------------- the case file

def test_case_file_size():
    silent = [c for c in CASES if not c["expect"]]
    assert len(CASES) >= 80
    assert len(silent) >= 30
    for code in ("N001", "N002", "N003", "N004", "N005", "N006"):
        assert any(code in c["expect"] for c in CASES), code


@pytest.mark.parametrize("case", CASES, ids=[f"{i:02d}-{c['why'][:40]}" for i, c in enumerate(CASES)])
def test_case(case):
    res = lint_text(case["text"])
    assert res.error is None
    got = n_codes(res)
    assert got == sorted(case["expect"]), [(f.code, f.excerpt, f.message) for f in res.findings
                                           if f.code.startswith("N")]
    if "excerpt" in case:
        first = next(f for f in res.findings if f.code.startswith("N"))
        assert first.excerpt == case["excerpt"]


# ---------------------------------------------------------------- locations and messages

def test_n002_location_and_suggestion():
    res = lint_text("全年共办理人大代表建议48件，其中解决采纳类39件，占83.3%。")
    (f,) = [f for f in res.findings if f.code == "N002"]
    assert f.excerpt == "占83.3%"
    assert f.location.line == 3  # title, blank line, the paragraph
    text = "全年共办理人大代表建议48件，其中解决采纳类39件，占83.3%。"
    assert f.location.column == text.index("占83.3%") + 1
    assert f.location.length == len("占83.3%")
    assert f.suggestion == "占81.3%"  # the replacement of the marked span, 占 included
    assert f.fix is None  # the rate or one of the counts may be wrong: advice only
    assert "39件" in f.message and "48件" in f.message


def test_n005_excerpt_keeps_pdf_space():
    res = lint_text("2024年全镇共发生行政复议案件4件，复议纠错率为 0件。")
    (f,) = [f for f in res.findings if f.code == "N005"]
    assert f.excerpt == "复议纠错率为 0件"
    assert f.severity == "error"


def test_n006_points_at_the_first_value():
    res = lint_text("全年共受理行政复议案件126件，审结119件。\n全年共受理行政复议案件128件。")
    (f,) = [f for f in res.findings if f.code == "N006"]
    assert f.severity == "warning"
    assert "126件" in f.message and "line 3" in f.message
    assert f.location.line == 5


def test_n003_spans_total_to_last_part():
    text = "全年开展法治培训56场，其中线上培训20场，线下培训32场。"
    res = lint_text(text)
    (f,) = [f for f in res.findings if f.code == "N003"]
    assert f.excerpt == "开展法治培训56场，其中线上培训20场，线下培训32场"
    assert "52" in f.message


# ---------------------------------------------------------------- extraction

def _one(text: str, number: str):
    ms = extract_metrics(report_of(text))
    hits = [m for m in ms if m.number == number]
    assert len(hits) == 1, [(m.number, m.unit, m.label) for m in ms]
    return hits[0]


def test_extract_wan_with_precision():
    m = _one("全年共办理政务服务事项1.2万件。", "1.2万")
    assert (m.value, m.unit, m.kind) == (12000, "件", "count")
    assert m.label == "办理政务服务事项"
    assert m.lo == pytest.approx(11500) and m.hi == pytest.approx(13000)
    assert not m.approximate


def test_extract_chinese_numeral_with_yu():
    m = _one("全年组织专题培训，参训干部三百余人次。", "三百")
    assert (m.value, m.unit) == (300, "人次")
    assert m.approx == "余"
    assert "approximate:余" in m.qualifiers()
    assert m.text == "三百余人次"


def test_extract_pdf_space_between_number_and_unit():
    m = _one("综合行政执法队受理行政处罚案件515 起，公开237 起。", "515")
    assert (m.value, m.unit, m.text) == (515, "起", "515 起")
    assert m.label == "综合行政执法队受理行政处罚案件"


def test_extract_full_width_digits():
    m = _one("全年共受理行政复议案件１２件。", "12")
    assert (m.value, m.unit, m.text) == (12, "件", "１２件")
    assert m.label == "受理行政复议案件"


def test_extract_approximate_percent():
    m = _one("行政复议调解和解率近50%。", "50")
    assert (m.value, m.unit, m.kind) == (50, "%", "percent")
    assert m.approx == "近"
    assert m.rate == "行政复议调解和解率"


def test_extract_thousands_separator():
    m = _one("全年共办理政务服务事项1,234件。", "1,234")
    assert (m.value, m.unit, m.kind) == (1234, "件", "count")
    assert m.lo == m.hi == 1234
    m = _one("全年共接待来访群众1,086件次。", "1,086")
    assert (m.value, m.unit) == (1086, "件次")


def test_extract_figure_at_paragraph_start_and_bare_zero():
    rep = report_of("515起行政处罚案件全部按期办结，行政诉讼败诉率为0。")
    ms = extract_metrics(rep)
    assert [(m.number, m.unit, m.kind) for m in ms] == [("515", "起", "count"), ("0", "", "bare")]
    assert ms[1].rate == "行政诉讼败诉率"


def test_extract_money_units_and_conversion():
    m = _one("挽回直接经济损失850.26万元。", "850.26")
    assert (m.value, m.unit, m.kind, m.factor) == (850.26, "万元", "amount", 10000)
    m = _one("罚没款3.5亿元。", "3.5")
    assert (m.unit, m.factor) == ("亿元", 100000000)


def test_extract_qualifiers():
    rep = report_of("1-11月，全区共受理行政复议案件1225件，较上年增加25件，区级受理40余件。")
    by = {m.number: m for m in extract_metrics(rep)}
    assert by["1225"].period == "1-11月"
    assert "scope:全区" in by["1225"].qualifiers()
    assert by["1225"].label == "受理行政复议案件"
    assert by["25"].growth
    assert by["40"].approx == "余" and by["40"].scope == "区级"


def test_extract_fixed_expressions_are_not_figures():
    rep = report_of("深入实施“八五”普法规划，落实“十四五”规划和行政执法“三项制度”，推进“三所联动”，"
                    "学习党的二十大精神，召开第三次会议，轨交1号线周边治理，2.0版上线，“1+3+7+72”服务体系。")
    assert extract_metrics(rep) == []


def test_extract_post_noun_label():
    m = _one("2023年，镇领导干部共走访83家企业，收集问题13个。", "83")
    assert m.label == "走访企业"
    assert m.subject == "镇领导干部"


def test_extract_qizhong_breakdown():
    rep = report_of("今年以来累计开展合法性审查69件，其中重大行政决策15件，规范性文件5件，其他法律事务49件。")
    facts = extract_facts(rep)
    (bd,) = facts.breakdowns
    assert facts.metrics[bd.total].value == 69
    assert [facts.metrics[k].value for k in bd.items] == [15, 5, 49]
    assert bd.exhaustive and bd.disjoint
    assert "part-of:开展合法性审查" in facts.metrics[bd.items[0]].qualifiers()


def test_extract_qizhong_belongs_to_the_nearest_elliptical_figure():
    # 审结90件 names only a verb: it counts the object of 新收行政诉讼案件 (旧存 names none), and the
    # 其中 list that follows it is its breakdown, not 新收's
    rep = report_of("全年新收行政诉讼案件86件，旧存12件，审结90件，其中一审案件71件、二审案件19件。")
    facts = extract_facts(rep)
    (bd,) = facts.breakdowns
    assert facts.metrics[bd.total].value == 90
    assert [facts.metrics[k].value for k in bd.items] == [71, 19]


def test_extract_leading_count_keeps_to_its_noun():
    # the noun after 1368个 stops at 共 / after the organisation: 受理矛盾纠纷 is the next figure's label
    by = {m.number: m for m in extract_metrics(report_of(
        "全市1368个人民调解组织共受理矛盾纠纷18752件，调解成功18419件。"))}
    assert by["1368"].label.endswith("人民调解组织")
    assert by["18752"].label == "受理矛盾纠纷"
    by = {m.number: m for m in extract_metrics(report_of("全区32个调委会排查矛盾纠纷1260件。"))}
    assert by["32"].label.endswith("调委会")
    assert by["1260"].label == "排查矛盾纠纷"


def test_negations_and_their_exceptions():
    from lawgov_lint.facts.relations import _Negations, _has_word

    neg = _Negations(["不予", "未", "正在", "待"])
    neg.exceptions = ("接待",)
    assert _has_word("待整改", ["整改"], neg) is None
    assert _has_word("其余正在整改", ["整改"], neg) is None
    assert _has_word("接待受理", ["受理"], neg) == "受理"
    assert _has_word("不予受理", ["受理"], neg) is None


def test_extract_respectively_pairs():
    rep = report_of("群众满意率和知晓率分别为96%、88%。")
    ms = extract_metrics(rep)
    assert [(m.label, m.value) for m in ms] == [("群众满意率", 96), ("知晓率", 88)]
    assert all(m.respectively == "paired" for m in ms)
    rep = report_of("全年受理、审结、纠错行政复议案件分别为46件、52件。")
    assert all(m.respectively == "unpaired" for m in extract_metrics(rep))


def test_extract_table_cells():
    texts = ["某某区2024年法治政府建设情况报告", "全年行政复议和诉讼情况如下。"]
    blocks = [Block(i + 1, t, [Segment(0)]) for i, t in enumerate(texts)]
    grid = [["类别", "受理（件）", "审结（件）"],
            ["行政复议", "56", "50"],
            ["行政诉讼", "30", "28"],
            ["合计", "86", "80"]]
    for r, row in enumerate(grid, 1):
        for c, cell in enumerate(row, 1):
            blocks.append(Block(len(blocks) + 1, cell, [Segment(0)], table=1, row=r, col=c))
    blocks.append(Block(len(blocks) + 1, "二、存在的不足和原因", [Segment(0)]))
    doc = Document("t.docx", "docx", blocks)
    rep = analyse(doc, load_packs())
    ms = [m for m in extract_metrics(rep) if m.table]
    first = ms[0]
    assert (first.label, first.value, first.unit) == ("行政复议／受理", 56, "件")
    assert first.as_dict(doc)["location"]["table"] == 1
    res = lint_document(doc, OPTIONS)
    (f,) = [f for f in res.findings if f.code.startswith("N")]
    assert f.code == "N003" and f.location.row == 4 and f.location.col == 3
    assert "78" in f.message


def test_metrics_in_json_facts():
    res = lint_text("全年共受理行政复议案件64件，其中调解撤回21件，占32.8%。")
    assert [m["value"] for m in res.metrics] == [64, 21, 32.8]
    m = res.metrics[1]
    assert set(m) >= {"label", "value", "unit", "qualifiers", "text", "location"}
    assert m["unit"] == "件" and m["text"] == "21件"
    assert "part-of:受理行政复议案件" in m["qualifiers"]
    assert m["location"]["line"] == 3
    json.dumps(res.metrics, ensure_ascii=False)


# ---------------------------------------------------------------- the seeds (SPEC §6)

def _seed(name: str, ext: str = "txt"):
    return lint_path(FIXTURES / f"{name}.{ext}", OPTIONS)


def _n(res) -> list[tuple[str, str]]:
    return [(f.code, f.excerpt) for f in res.findings if f.code.startswith("N")]


@pytest.mark.parametrize("ext", ["txt", "docx", "pdf"])
def test_seed_zhaoxiang(ext):
    res = _seed("zhaoxiang-2023", ext)
    found = _n(res)
    assert [c for c, _ in found] == ["N005"]
    assert found[0][1].replace(" ", "") == "复议纠错率为0件"
    # 515 受理 ≥ 237 公开 is checked and passes: no N001
    rep = res.report
    labels = {m.number: m.label for m in extract_metrics(rep)}
    assert "受理行政处罚案件" in labels["515"] and "公开" in labels["237"]


@pytest.mark.parametrize("ext", ["txt", "docx", "pdf"])
def test_seed_anting(ext):
    res = _seed("anting-2023", ext)
    assert _n(res) == []
    facts = extract_facts(res.report)
    # the 简易/普通 amounts are an exhaustive breakdown of 2729750元 and add up
    (bd,) = [b for b in facts.breakdowns if facts.metrics[b.total].number == "2729750"]
    assert bd.exhaustive
    assert [facts.metrics[k].number for k in bd.items] == ["70350", "2659400"]


@pytest.mark.parametrize("ext", ["txt", "docx", "pdf"])
def test_seed_qingpu(ext):
    res = _seed("qingpu-2023", ext)
    found = _n(res)
    assert [c for c, _ in found] == ["N002"]
    assert found[0][1].replace(" ", "") == "占88.8%"
    # nothing from 附件3 (the feedback table is outside the report proper)
    end = res.report.end
    assert all(f.location.block <= end for f in res.findings if f.code.startswith("N"))


@pytest.mark.parametrize("name", ["miaohang-2023", "waigang-2022"])
def test_seed_silent(name):
    assert _n(_seed(name)) == []


def test_seed_metrics_are_extracted():
    res = _seed("qingpu-2023")
    texts = {m["text"].replace(" ", "") for m in res.metrics}
    assert {"155件", "141件", "112件", "72.3%", "125件", "88.8%", "1.8万余名"} <= texts
    assert any("period:1-11月" in m["qualifiers"] for m in res.metrics)


# ---------------------------------------------------------------- a Word report with golden findings

def _docx_report(tmp_path):
    """A small 镇 report as an office would type it: headings, figures in text and a table with 合计."""
    from docx import Document as Docx

    d = Docx()
    d.add_paragraph("某某镇2024年法治政府建设情况报告", style="Title")
    d.add_paragraph("2024年，某某镇深入学习贯彻习近平法治思想，扎实推进法治政府建设。现将有关情况报告如下：")
    d.add_paragraph("一、2024年推进法治政府建设的主要举措和成效", style="Heading 1")
    d.add_paragraph("镇综合行政执法队全年共受理行政处罚案件468起，公开行政处罚决定475起，罚没款共计156.8万元，"
                    "其中简易程序案件罚款3.2万元，普通程序案件罚款152.6万元。")
    d.add_paragraph("全镇各级调解组织共受理矛盾纠纷1562件，调解成功1452件，调解成功率97.7%；"
                    "全年行政诉讼败诉率为0件。")
    d.add_paragraph("全年行政复议和行政诉讼案件情况如下表。")
    rows = [["类别", "受理（件）", "审结（件）"], ["行政复议", "12", "11"], ["行政诉讼", "9", "11"],
            ["合计", "21", "23"]]
    t = d.add_table(rows=len(rows), cols=3)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            t.cell(r, c).text = cell
    d.add_paragraph("二、2024年推进法治政府建设存在的不足和原因", style="Heading 1")
    d.add_paragraph("一是部分干部法治思维有待提升。究其原因，主要是学法用法机制不够健全。")
    d.add_paragraph("三、党政主要负责人履行推进法治建设第一责任人职责情况", style="Heading 1")
    d.add_paragraph("镇党委书记、镇长带头履行第一责任人职责，在区委全面依法治区委员会会议上专题述法。")
    d.add_paragraph("四、2025年推进法治政府建设的主要安排", style="Heading 1")
    d.add_paragraph("全年开展各类普法活动不少于240场次，新建法治文化阵地3个。")
    d.add_paragraph("某某镇人民政府")
    d.add_paragraph("2025年1月20日")
    path = tmp_path / "report.docx"
    d.save(path)
    return path


GOLDEN_DOCX = [
    ("N001", "公开行政处罚决定475起"),          # 公开 475 > 受理 468
    ("N003", "罚没款共计156.8万元"),            # 3.2 + 152.6 = 155.8 ≠ 156.8 (简易/普通 cover all)
    ("N002", "调解成功率97.7%"),                # 1452 ÷ 1562 = 92.96%
    ("N005", "行政诉讼败诉率为0件"),
    ("N003", "23"),                             # table: 11 + 11 = 22 ≠ 23
]


def test_docx_report_golden(tmp_path):
    res = lint_path(_docx_report(tmp_path), OPTIONS)
    assert res.error is None
    found = [(f.code, f.excerpt) for f in res.findings if f.code.startswith("N")]
    for code, excerpt in GOLDEN_DOCX:
        assert any(c == code and e.startswith(excerpt) for c, e in found), (code, excerpt, found)
    assert len(found) == len(GOLDEN_DOCX), found
    table_hit = next(f for f in res.findings if f.code == "N003" and f.location.table is not None)
    assert (table_hit.location.table, table_hit.location.row, table_hit.location.col) == (1, 4, 3)
    # the plan figure (不少于240场次) is a target and an approximation
    plan = next(m for m in res.metrics if m["text"] == "不少于240场次")
    assert "plan" in plan["qualifiers"] and "approximate:不少于" in plan["qualifiers"]


# ---------------------------------------------------------------- --show-metrics

def test_metrics_table_renders():
    import io

    from lawgov_lint.reporters.metrics_table import render_metrics

    res = lint_text("1-11月，全区共受理行政复议案件1225件，其中维持800件。全年共开展普法活动三百余场次。")
    out = io.StringIO()
    render_metrics([res], out, color=False)
    text = out.getvalue()
    assert "受理行政复议案件" in text and "1,225" in text and "period:1-11月" in text
    assert "三百余场次" in text and "approximate:余" in text
    assert "part-of:受理行政复议案件" in text


# ---------------------------------------------------------------- robustness

_ALPHABET = "0123456789１２.,%％件起人次万亿元余多近约以上其中占率分别共计合计受理公开整改发现，。；、（）“”《》全区年月"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=_ALPHABET, min_size=1, max_size=80))
def test_extraction_never_fails(body):
    rep = report_of("全年" + body)
    for m in extract_metrics(rep):
        block = rep.doc.blocks[m.block]
        assert 0 <= m.ostart <= m.oend <= len(block.text)
        assert m.lo <= m.hi
        m.as_dict(rep.doc)
    lint_text("全年" + body)


# ---------------------------------------------------------------- relations are data

def test_a_reviewer_adds_a_relation_in_a_pack(tmp_path):
    text = "全年组织行政执法人员参加考试120人，考试合格126人。"
    assert n_codes(lint_text(text)) == []
    pack = tmp_path / "extra.toml"
    pack.write_text('[[metrics.subsets]]\nname = "passed ≤ examined"\npart = ["考试合格"]\n'
                    'whole = ["参加考试"]\n', encoding="utf-8")
    data = f"{TITLE}\n\n{text}\n".encode("utf-8")
    res = lint_document(load_text("case.txt", data), Options(as_of=OPTIONS.as_of, rule_packs=[str(pack)]))
    (f,) = [f for f in res.findings if f.code.startswith("N")]
    assert f.code == "N001" and "passed ≤ examined" in f.message


def test_severity_of_n006_can_be_overridden(tmp_path):
    text = "全年共受理行政复议案件126件。\n全年共受理行政复议案件128件。"
    res = lint_document(load_text("case.txt", f"{TITLE}\n\n{_body(text)}\n".encode()),
                        Options(as_of=OPTIONS.as_of, severity={"N006": "error"}))
    assert [f.severity for f in res.findings if f.code == "N006"] == ["error"]


# ---------------------------------------------------------------- issue 10 kind 5: one period, and a 其中 list after an amount

def test_n001_within_one_partial_period_names_both_figures():
    res = lint_text("截至11月底，全县受理法律援助申请148件，其中未成年人案件163件。")
    [f] = [f for f in res.findings if f.code == "N001"]
    assert f.excerpt == "未成年人案件163件" and f.severity == "error"
    assert "148件" in f.message and "163件" in f.message
    assert [g.code for g in res.findings if g.code == "D004"] == ["D004"]  # the period is still D004's


def test_n003_counts_after_an_amount_are_summed_against_the_count_before():
    res = lint_text("全年查处违章案件230件。罚款共计41.2万元，其中简易程序案件120件、罚款2.2万元，"
                    "一般程序案件104件、罚款39万元。")
    [f] = [f for f in res.findings if f.code == "N003"]
    assert "230件" in f.message and "224件" in f.message and "120件 + 104件" in f.message
    assert f.excerpt.startswith("查处违章案件230件。")


# ---------------------------------------------------------------- no shared state (issue 15 item 2)

def test_findings_do_not_depend_on_order_or_threads():
    """Sentence groups and the compiled pack live with each report: linting the cases in reverse
    order and in four threads gives each case the findings it has alone."""
    from concurrent.futures import ThreadPoolExecutor

    texts = [c["text"] for c in CASES if c["expect"]][:40]

    def run(text):
        return [(f.code, f.location.line, f.location.column, f.message) for f in lint_text(text).findings]

    alone = [run(t) for t in texts]
    assert [run(t) for t in reversed(texts)] == alone[::-1]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(run, texts * 2)) == alone * 2


# ---------------------------------------------------------------- relations are facts (issue 15 item 5)

def test_relations_are_found_by_the_facts_and_judged_by_the_checks():
    from lawgov_lint.facts.relations import PartOfWhole, RateOf, relations

    rep = report_of("全年受理行政处罚案件186件，上年结转4件，作出行政处罚决定196件。\n"
                    "收到政协提案141件，其中解决采纳125件，占88.8%。\n"
                    "全年开展法治培训56场，其中线上培训20场，线下培训32场。")
    ms = extract_facts(rep).metrics
    rel = relations(rep)
    assert relations(rep) is rel  # once per report
    by_number = {m.number + m.unit: m.index for m in ms}
    assert rel.parts == [PartOfWhole(by_number["196件"], by_number["186件"],
                                     "disclosed or decided ≤ received (行政处罚/复议)", 4.0)]
    assert rel.rates == [RateOf(by_number["88.8%"], by_number["125件"], by_number["141件"])]
    assert [(ms[b.total].number, [ms[k].number for k in b.items]) for b in rel.sums] == [("56", ["20", "32"])]
    assert rel.table_totals == [] and rel.restatements == []

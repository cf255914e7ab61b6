"""N rules in Chinese (issue 12): the exact 批注 of N001–N006, English unchanged, no English words.

The texts are the catalogue entries of ``rules/messages.n.toml`` rendered with ``lang="zh"``; the
English ones are the messages the N rules gave before the catalogue (tests/test_numbers.py asserts
more of them).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from lawgov_lint.cli import main
from lawgov_lint.document import Block, Document, Segment
from lawgov_lint.engine import Options, lint_document, lint_path
from lawgov_lint.loaders.text import load_text

from test_numbers import CASES, TITLE, _body

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2025, 1, 15)


def _lint(text: str, lang: str):
    data = f"{TITLE}\n\n{_body(text)}\n".encode("utf-8")
    return lint_document(load_text("case.txt", data), Options(as_of=AS_OF, lang=lang))


def _n(result) -> list[tuple[str, str, str | None]]:
    return [(f.code, f.message, f.suggestion) for f in result.findings if f.code.startswith("N")]


# ---------------------------------------------------------------- exact Chinese, one per rule at least

ZH = [
    ("全年受理行政处罚案件120件，公开行政处罚决定135件。",
     "N001", "“公开行政处罚决定135件”大于同一分句中的“受理行政处罚案件120件”，部分不能大于整体（公开或作出决定数不超过受理数）",
     "核实这两个数字"),
    ("全年受理行政处罚案件186件，上年结转4件，作出行政处罚决定196件。",
     "N001", "“作出行政处罚决定196件”大于同一分句中的“受理行政处罚案件186件”与上年结转4件之和，部分不能大于整体"
             "（公开或作出决定数不超过受理数）",
     "核实这两个数字"),
    ("全年办理法律援助案件156件，其中刑事法律援助案件172件。",
     "N001", "“刑事法律援助案件172件”是“办理法律援助案件156件”的其中项，却大于总数", "核实这两个数字"),
    ("收到政协提案141件，其中解决采纳125件，占88.8%。",
     "N002", "“占88.8%”与所列数据不符：解决采纳125件÷收到政协提案141件=88.652%（四舍五入为88.7%，截断为88.6%）",
     "占88.7%"),
    ("共排查各类安全隐患820处，整改到位790处，整改率98.5%。",
     "N002", "“整改率98.5%”与所列数据不符：整改到位790处÷排查各类安全隐患820处=96.341%（四舍五入、截断均为96.3%）",
     "整改率96.3%"),
    ("全年开展法治培训56场，其中线上培训20场，线下培训32场。",
     "N003", "“开展法治培训56场”的分项合计为52场（20场 + 32场）；分项即线上/线下全部类别，合计应等于总数",
     "更正总数或分项数字"),
    ("全年共办理合法性审查76件，其中重大行政决策12件，规范性文件9件，行政协议38件，其他法律事务15件。",
     "N003", "“办理合法性审查76件”的分项合计为74件（12件 + 9件 + 38件 + 15件）；分项以“其他”或“其余”收尾，合计应等于总数",
     "更正总数或分项数字"),
    ("群众满意率达105%。",
     "N004", "“群众满意率达105%”超过100%，部分占整体的比例不可能超过100%", "核实该数字（如为增长率，应写明“增长”或“同比”）"),
    ("2024年复议纠错率为0件。",
     "N005", "“复议纠错率”是比率，“0件”却使用了计数单位“件”", "复议纠错率为0%"),
    ("全年隐患整改率52起。",
     "N005", "“隐患整改率”是比率，“52起”却使用了计数单位“起”", "比率改用百分数表示，或删去“率”字按数量表述"),
    ("全年共受理行政复议案件126件，审结119件。\n全年共受理行政复议案件128件。",
     "N006", "“受理行政复议案件”此处为128件，第3行却为126件，二者口径和时段相同", "统一为一个数值，或写明二者口径、时段有何不同"),
]


@pytest.mark.parametrize("text,code,message,suggestion", ZH, ids=[f"{c}-{k}" for k, (_, c, _, _) in enumerate(ZH)])
def test_chinese_message_and_suggestion(text, code, message, suggestion):
    assert _n(_lint(text, "zh")) == [(code, message, suggestion)]


def test_n003_table_total_in_chinese():
    texts = [TITLE, "全年行政复议和诉讼情况如下。"]
    blocks = [Block(i + 1, t, [Segment(0)]) for i, t in enumerate(texts)]
    grid = [["类别", "受理（件）", "审结（件）"], ["行政复议", "56", "50"], ["行政诉讼", "30", "28"], ["合计", "86", "80"]]
    for r, row in enumerate(grid, 1):
        for c, cell in enumerate(row, 1):
            blocks.append(Block(len(blocks) + 1, cell, [Segment(0)], table=1, row=r, col=c))
    blocks.append(Block(len(blocks) + 1, "二、存在的不足和原因", [Segment(0)]))
    doc = Document("t.docx", "docx", blocks)
    zh = _n(lint_document(doc, Options(as_of=AS_OF, lang="zh")))
    en = _n(lint_document(doc, Options(as_of=AS_OF, lang="en")))
    assert zh == [("N003", "表1第3列“合计”行为80件，其余各行合计为78件", "更正合计行或其余各行的数字")]
    assert en == [("N003", "the 合计 row of table 1, column 3, is 80件 but the other rows add up to 78件",
                   "correct the total or the rows")]


# ---------------------------------------------------------------- English exactly as before

EN = [
    ("全年受理行政处罚案件120件，公开行政处罚决定135件。",
     "N001", "公开行政处罚决定 135件 exceeds 受理行政处罚案件 120件 in the same clause; a part cannot be larger than "
             "its whole (disclosed or decided ≤ received (行政处罚/复议))", "check both figures"),
    ("收到政协提案141件，其中解决采纳125件，占88.8%。",
     "N002", "“占88.8%” does not match 解决采纳 125件 ÷ 收到政协提案 141件 = 88.652% (88.7% rounded, 88.6% truncated)",
     "占88.7%"),
    ("全年开展法治培训56场，其中线上培训20场，线下培训32场。",
     "N003", "the parts of 开展法治培训 56场 add up to 52场 (20场 + 32场); the items are the categories 线上/线下, "
             "so they should equal the total", "correct the total or the parts"),
    ("群众满意率达105%。",
     "N004", "“群众满意率达105%”: a share or rate of a whole cannot exceed 100%",
     "check the figure (a growth rate would say 增长/同比)"),
    ("全年隐患整改率52起。",
     "N005", "隐患整改率 is a rate but 52起 is written with the count unit 起", "write the rate in %, or the count without 率"),
    ("全年共受理行政复议案件126件，审结119件。\n全年共受理行政复议案件128件。",
     "N006", "受理行政复议案件 is 128件 here but 126件 at line 3, with the same scope and period",
     "state one value, or say what differs (scope, period)"),
]


@pytest.mark.parametrize("text,code,message,suggestion", EN, ids=[c for _, c, _, _ in EN])
def test_english_unchanged(text, code, message, suggestion):
    assert _n(_lint(text, "en")) == [(code, message, suggestion)]


def test_cli_lang_zh_and_en():
    path = ROOT / "fixtures" / "qingpu-2023.txt"
    args = ["--output-format", "json", "--as-of", "2026-11-21", "--select", "N", str(path)]
    zh = CliRunner().invoke(main, ["--lang", "zh", *args]).output
    en = CliRunner().invoke(main, ["--lang", "en", *args]).output
    assert "“占88.8%”与所列数据不符：解决采纳125件÷政协提案141件=88.652%（四舍五入为88.7%，截断为88.6%）" in zh
    assert "“占88.8%” does not match 解决采纳 125件 ÷ 政协提案 141件 = 88.652% (88.7% rounded, 88.6% truncated)" in en


# ---------------------------------------------------------------- no English words in the Chinese

_QUOTED = re.compile(r"“[^”]*”|《[^》]*》|https?://\S+|\b[A-Z]\d{3}\b")
_LATIN = re.compile(r"[A-Za-z]{3,}")


def _latin_words(text: str | None) -> list[str]:
    return _LATIN.findall(_QUOTED.sub("", text or ""))


def _zh_findings():
    for case in CASES:
        yield case["text"][:20], _lint(case["text"], "zh")
    kinds = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
    files = [p for p in sorted((ROOT / "fixtures").rglob("*")) + sorted((ROOT / "tests" / "fixtures").rglob("*"))
             if p.suffix in kinds] + sorted((ROOT.parent / "shared" / "real").glob("*.txt"))
    for path in files:
        yield path.name, lint_path(str(path), Options(as_of=dt.date(2026, 11, 21), lang="zh"))


def test_no_english_words_in_chinese_n_messages():
    bad, seen = [], 0
    for where, result in _zh_findings():
        for code, message, suggestion in _n(result):
            seen += 1
            words = _latin_words(message) + _latin_words(suggestion)
            if words:
                bad.append((where, code, message, suggestion, words))
    assert seen >= 60  # the cases and fixtures do exercise every N message
    assert not bad, bad


# ---------------------------------------------------------------- --show-metrics

def test_metrics_table_in_chinese_and_english():
    import io

    from lawgov_lint.reporters.metrics_table import render_metrics

    text = "1-11月，全区共受理行政复议案件1225件，其中维持800件。"
    out = {}
    for lang in ("zh", "en"):
        stream = io.StringIO()
        render_metrics([_lint(text, lang)], stream, color=False)
        out[lang] = stream.getvalue()
    zh, en = out["zh"], out["en"]
    assert "case.txt — 统计数字" in zh and "原文" in zh and "限定" in zh
    assert "共2个数字，其中约数、部分时段、其他年度、增减或计划数字2个（数字类规则不对这些数字作比较）" in zh
    assert "case.txt — figures" in en and "as written" in en and "qualifiers" in en
    assert "2 figures, 2 approximate, partial-period, other-year, change or plan figures" in en
    assert "period:1-11月" in zh and "period:1-11月" in en  # qualifiers are the JSON tokens in both

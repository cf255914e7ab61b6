"""T, P and F findings in Chinese (issue 12): the exact Chinese of each rule, English unchanged with
--lang en, and no English words in a Chinese T/P/F message or advice on any fixture or real report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import AS_OF, FIXTURES, ROOT, lint_text, report
from lawgov_lint.cli import main
from lawgov_lint.engine import Options, lint_path

REAL = ROOT.parent / "shared" / "real"

# (body, code, excerpt, Chinese message, Chinese suggestion) — bodies of tests/cases/tpf.toml
ZH = [
    ("全镇上下切实履行推进法治政建设主体责任，确保各项任务落地见效。", "T001", "法治政建设",
     "“法治政建设”疑为“法治政府建设”之误：“法治政府建设”漏了“府”字（规范表述见《法治政府建设实施纲要（2021—2025年）》）",
     "法治政府建设"),
    ("执法队伍坚持严格规范公正文明执发，全年未发生执法过错。", "T001", "严格规范公正文明执发",
     "“严格规范公正文明执发”疑为“严格规范公正文明执法”之误：“严格规范公正文明执法”中的“法”误作同音字“发”"
     "（规范表述见《法治政府建设实施纲要（2021—2025年）》）", "严格规范公正文明执法"),
    ("对照《法治政府建设与责任落实督查工作规定》，梳理年度任务清单。", "T002", "法治政府建设与责任落实督查工作规定",
     "《法治政府建设与责任落实督查工作规定》与文件标题《法治政府建设与责任落实督察工作规定》不符"
     "（厅字〔2019〕28号（中共中央办公厅、国务院办公厅，2019年4月））", "法治政府建设与责任落实督察工作规定"),
    ("进一步理顺基层综合执法管理体质，实现一支队伍管执法。", "T003", "体质",
     "“管理体质”应为“管理体制”（《现代汉语词典》：体制、体质）", "体制"),
    ("2024年，本局依法行政工作稳步推进。\n特此报吿。", "T004", "特此报吿。",
     "结束语“特此报告。”有误（《党政机关公文处理工作条例》第八条（报告））", "特此报告。"),
    ("现把全年推进依法行政的主要做法报告入下：", "T004", "报告入下",
     "过渡用语“现将……报告如下”有误：“如”误作“入”", "报告如下"),
    ("全年共审查行政规范性文件17件。。", "P001", "。。", "标点符号重复“。。”", "。"),
    ("全年受理行政复议申请38件,办结35件。", "P002", ",", "中文行文中用了半角标点“,”", "，"),
    ("印发《关于加强行政执法协调监督工作体系建设的实施意见，明确职责分工。", "P003", "《",
     "本段中“《”缺少与之配对的后一半", "补上“》”，或删去"),
    ("按照《关于深化行政执法体制改革的实施意见》（某府办发[2023]12号）要求，完成改革任务。", "F001", "[2023]12号",
     "所引发文字号“[2023]12号”：年份用了方括号，应为六角括号〔〕", "〔2023〕12号"),
    ("2024年，我区法治政府建设稳步推进。\n一、主要举措和成效\n（一）完善依法决策机制\n全年审查决策事项6件。\n"
     "（二）规范行政执法\n全年办理执法案件120件。\n（四）强化行政监督\n自觉接受人大监督。", "F002", "（四）",
     "标题序号从“（二）”跳到“（四）”，缺少（三）", "（三）"),
    ("全年共开展“法律进社区”讲座XX场，覆盖居民5000余人次。", "F004", "XX",
     "正文中留有模板占位内容“XX”", "填写实际数字"),
    ("落实《某某市法治政府建设规划（20212025年）》确定的目标任务。", "F005", "20212025",
     "年份区间“20212025”缺少连接号", "2021—2025"),
    ("制定本区法治宣传教育第八个五年规划（2021-2025年）实施方案。", "F006", "2021-2025",
     "年份区间“2021-2025”用了短横线，年份区间应用一字线“—”", "2021—2025"),
]

DOCS = [
    ("某某镇2024年法治政府建设情况报告\n2024年，全镇依法行政水平持续提升。\n某某镇人民政府\n2025年01月08日\n",
     "F003", "成文日期“2025年01月08日”编了虚位（前面加0）；按GB/T 9704，成文日期用阿拉伯数字将年、月、日标全，"
     "月、日不编虚位", "2025年1月8日"),
    ("某某街道2023年法治政府建设情况报告\n2023年，街道深入学习贯彻党的二十届三中全会精神，法治建设取得新成效。\n"
     "某某街道办事处\n2024年2月5日\n", "T002",
     "二十届三中全会于2024年7月15日召开，晚于本报告成文时间（2024年2月5日）；当时最近一次全会是二十届二中全会"
     "（2023年2月26日）", "二十届二中全会"),
]


def _tpf(result):
    return [f for f in result.findings if f.code[0] in "TPF"]


@pytest.mark.parametrize("body, code, excerpt, message, suggestion", ZH, ids=[f"{z[1]}-{k}" for k, z in enumerate(ZH)])
def test_each_rule_in_chinese(body, code, excerpt, message, suggestion):
    found = _tpf(lint_text(report(body), lang="zh"))
    assert [(f.code, f.excerpt, f.message, f.suggestion) for f in found] == [(code, excerpt, message, suggestion)]


@pytest.mark.parametrize("doc, code, message, suggestion", DOCS, ids=["F003", "T002-plenum"])
def test_date_and_meeting_findings_in_chinese(doc, code, message, suggestion):
    found = [f for f in _tpf(lint_text(doc, lang="zh")) if f.code == code]
    assert [(f.message, f.suggestion) for f in found] == [(message, suggestion)]


def test_the_same_findings_in_english_are_as_before():
    """--lang en gives the English of the checks before the catalogue (same codes and places)."""
    zh = _tpf(lint_text(report(ZH[0][0]), lang="zh"))
    en = _tpf(lint_text(report(ZH[0][0]), lang="en"))
    assert [(f.code, f.location, f.suggestion) for f in zh] == [(f.code, f.location, f.suggestion) for f in en]
    assert en[0].message == ("“法治政建设” looks like a slip for “法治政府建设”: “府” dropped from “法治政府建设” "
                             "(term of 《法治政府建设实施纲要（2021—2025年）》)")
    t003 = _tpf(lint_text(report(ZH[3][0]), lang="en"))[0]
    assert t003.message == "“管理体质” should read “管理体制”: 《现代汉语词典》: 体制 (system of organisation) vs 体质 (physique)"
    f001 = _tpf(lint_text(report("印发某府办发（2025）第06号文件。"), lang="en"))
    assert [f.message for f in f001] == [
        "the cited 发文字号 “（2025）第06号”: round brackets instead of 六角括号〔〕; “第” before the serial number; "
        "a leading 0 in the serial number"]
    f002 = _tpf(lint_text(DOCS[1][0], lang="en"))
    assert [f.message for f in f002] == [
        "the 二十届三中全会 opened on 2024-07-15, after this report (2024-02-05) was written; the latest plenary "
        "session by then was the 二十届二中全会 (2023-02-26)"]


def test_a_list_of_problems_is_joined_in_the_readers_language():
    f001 = _tpf(lint_text(report("印发某府办发（2025）第06号文件。"), lang="zh"))
    assert [f.message for f in f001] == ["所引发文字号“（2025）第06号”：年份用了圆括号，应为六角括号〔〕；序号前多了“第”字；"
                                         "序号前加了“0”"]


def test_cli_lang_switches_the_language(tmp_path):
    path = tmp_path / "case.txt"
    path.write_text(report(ZH[6][0]), encoding="utf-8")
    args = ["--select", "P", "--as-of", AS_OF.isoformat(), "--output-format", "concise", str(path)]
    zh = CliRunner().invoke(main, ["--lang", "zh", *args])
    en = CliRunner().invoke(main, ["--lang", "en", *args])
    assert "标点符号重复“。。”" in zh.output and "doubled punctuation" not in zh.output
    assert "doubled punctuation “。。”" in en.output and "标点符号重复" not in en.output


# ---------------------------------------------------------------- no English words in Chinese findings

_EXEMPT = re.compile(r"“[^”]*”|‘[^’]*’|《[^》]*》|〈[^〉]*〉|https?://\S+|\b[A-Z]\d{3}\b|[\w.-]+\.(?:toml|docx|txt|pdf)\b")
_LATIN = re.compile(r"[A-Za-z]{3,}")


def _english_words(text: str | None) -> list[str]:
    return _LATIN.findall(_EXEMPT.sub("", text or ""))


def _corpus() -> list[Path]:
    paths = [p for p in sorted(FIXTURES.glob("*")) if p.suffix in (".txt", ".docx", ".pdf")]
    paths += sorted((FIXTURES / "web").glob("*"))
    paths += sorted(REAL.glob("*.txt")) if REAL.is_dir() else []
    return paths


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.name)
def test_chinese_tpf_findings_carry_no_english_words(path):
    result = lint_path(path, Options(as_of=AS_OF, lang="zh", select=["T", "P", "F"]))
    english = [(f.code, f.message, f.suggestion) for f in result.findings
               if _english_words(f.message) or _english_words(f.suggestion)]
    assert not english, english


def test_chinese_tpf_findings_of_the_case_file_carry_no_english_words():
    import tomllib

    cases = tomllib.loads((ROOT / "tests" / "cases" / "tpf.toml").read_text("utf-8"))["case"]
    english = []
    for case in cases:
        text = case.get("doc") or report(case["body"], case.get("title", "某某区2024年法治政府建设情况报告"))
        for f in _tpf(lint_text(text, lang="zh")):
            if _english_words(f.message) or _english_words(f.suggestion):
                english.append((case["name"], f.code, f.message, f.suggestion))
    assert not english, english


def test_every_tpf_entry_reads_chinese_without_english_words():
    from lawgov_lint.packs import builtin_packs

    entries = {k: v for k, v in builtin_packs()["messages"].items()
               if k.split(".")[0][:1] in ("T", "P", "F", "n") and not k.startswith("rule.")}
    assert len(entries) > 80
    english = {k: v["zh"] for k, v in entries.items()
               if _english_words(re.sub(r"\{[^}]*\}", "", v["zh"]))}
    assert not english, english

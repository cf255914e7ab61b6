"""Every rule's declared examples (``fail``/``passes`` in its metadata, shown by --explain and in
docs/rules.md) run as tests (issue 15 item 6).

An example is a fragment: it runs inside :data:`helpers.COMPLETE` (a compliant report with no
finding), placed where it belongs — in the body by default, as the title, as the 成文日期, in place of
a section. An example written as a description (``a report without a date line``) has its
document written out here, and the test pins the description, so that changing an example in a
rule's metadata without changing what runs fails here. ``fail`` must give a finding of its rule;
``passes`` must give none.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from helpers import COMPLETE, lint_text
from lawgov_lint.checks import builtin_registry

FACTS = "全年审查重大行政决策事项8件，办理行政复议案件12件，行政机关负责人出庭应诉率100%。"
TITLE = "江河县司法局2024年度法治政府建设工作报告"
OPENING = "2024年，县司法局在县委、县政府领导下，深入学习贯彻习近平法治思想，现将有关情况报告如下。"
LEADER = "局长切实履行第一责任人职责，在县委全面依法治县委员会会议上专题述法。"
SIGNED = "江河县司法局\n2025年1月20日"
SECTION = {  # heading line → the section's whole text in COMPLETE
    1: "一、2024年度法治政府建设工作成效\n（一）完善依法决策机制\n" + FACTS + "\n",
    2: "二、工作中的短板及其成因\n个别科室对法治建设重视不够。究其原因，主要是学法培训覆盖不全。\n",
    3: "三、主要负责人履行推进法治建设第一责任人职责情况\n" + LEADER + "\n",
    4: "四、2025年工作思路\n持续推进严格规范公正文明执法。\n",
    5: "五、其他需要报告的情况\n无。\n",
}
HEADING = {n: text.split("\n", 1)[0] for n, text in SECTION.items()}
BODY = {n: text.split("\n", 1)[1] for n, text in SECTION.items()}
for _n, _text in SECTION.items():
    assert _text in COMPLETE, _n


def in_body(text: str) -> str:
    return COMPLETE.replace(FACTS, FACTS + "\n" + text)


def replacing(old: str):
    return lambda text: COMPLETE.replace(old, text)


def as_title(text: str) -> str:
    return COMPLETE.replace(TITLE, text)


def without(n: int) -> str:
    return COMPLETE.replace(SECTION[n], "")


def dated(text: str) -> str:
    return COMPLETE.replace("2025年1月20日", re.search(r"dated (\S+)", text).group(1))


def numbered_subheadings(text: str) -> str:
    markers = [t.rstrip("…") for t in text.split()[1:]]
    subs = "".join(f"{m}推进第{i}项工作\n{FACTS}\n" for i, m in enumerate(markers, start=1))
    return COMPLETE.replace(SECTION[1], HEADING[1] + "\n" + subs)


def unglossed(text: str) -> str:
    """The example without its English gloss in brackets: ``（述职 alone is not 述法）``."""
    return re.sub(r"（[^）]*[A-Za-z][^）]*）", "", text)


def leader_line(text: str) -> str:
    """In place of the 第一责任人 paragraph, with a heading that does not name 第一责任人 either."""
    return COMPLETE.replace(LEADER, text).replace(HEADING[3], "三、主要负责人履行推进法治建设职责情况")


def ordered_sections(text: str) -> str:
    bodies = {"举措": BODY[1], "履职": BODY[3], "问题": BODY[2], "安排": BODY[4]}
    out = []
    for heading in text.split():
        body = next(b for k, b in bodies.items() if k in heading)
        out.append(f"{heading}\n{body}")
    return COMPLETE.replace("".join(SECTION[n] for n in range(1, 5)), "".join(out))


def traditional(text: str) -> str:
    import opencc

    title = text.split("（")[0]
    return opencc.OpenCC("s2t").convert(COMPLETE.replace(TITLE, "某县2024年法治政府建设情况报告")).replace(
        opencc.OpenCC("s2t").convert("某县2024年法治政府建设情况报告"), title)


# code → (how the fail example runs, how the passes example runs); absent: both in the body.
# A description is pinned: DESCRIBED[code] = (fail, passes) as declared, with its document here.
PLACE = {
    "D001": (dated, dated),
    "D006": (lambda t: COMPLETE.replace("\n2025年1月20日", ""), lambda t: COMPLETE.replace(SIGNED, t.split("with ")[1].replace(" / ", "\n"))),
    "F002": (numbered_subheadings, numbered_subheadings),
    "F003": (replacing("2025年1月20日"), replacing("2025年1月20日")),
    "F007": (traditional, lambda t: COMPLETE.replace(TITLE, t.split(",")[0]).replace(FACTS, FACTS + "与「臺灣」同胞交流。")),
    "L002": (lambda t: as_title("江河县司法局2024年度工作总结"), as_title),
    "L003": (lambda t: t + "\n", lambda t: TITLE + "\n" + t.replace("……", BODY[2].strip()) + "\n"),
    "M001": (lambda t: COMPLETE.replace(LEADER, unglossed(t)), replacing(LEADER)),
    "M002": (leader_line, leader_line),
    "M003": (replacing(OPENING), replacing(OPENING)),
    "M004": (lambda t: COMPLETE.replace(FACTS, "全年审查重大行政决策事项8件。"), replacing(FACTS)),
    "N006": (lambda t: in_body(t.replace("…… ", "\n")), lambda t: in_body(t.replace("…… ", "\n"))),
    "S001": (lambda t: COMPLETE.replace(SECTION[1], "").replace(HEADING[2], "一、存在的不足和原因"),
             lambda t: COMPLETE.replace(HEADING[1], t)),
    "S002": (lambda t: without(2), lambda t: COMPLETE.replace(HEADING[2], t)),
    "S003": (lambda t: without(3), lambda t: COMPLETE.replace(HEADING[3], t)),
    "S004": (lambda t: without(4), lambda t: COMPLETE.replace(HEADING[4], t)),
    "S005": (lambda t: without(5), lambda t: COMPLETE.replace(HEADING[5], t)),
    "S006": (lambda t: COMPLETE.replace(SECTION[2], t + "\n"),
             lambda t: COMPLETE.replace(SECTION[2], t.replace("……", "个别科室对法治建设重视不够。") + "\n")),
    "S007": (ordered_sections, ordered_sections),
    "S008": (lambda t: without(3).replace(SECTION[1], t.replace("……", "") + "\n"),
             lambda t: COMPLETE.replace(HEADING[3], t)),
    "S010": (as_title, as_title),
    "S011": (lambda t: COMPLETE.replace(TITLE + "\n\n县委、县政府：\n" + OPENING, t + "，现将有关情况报告如下。"),
             lambda t: COMPLETE.replace(TITLE + "\n\n县委、县政府：\n" + OPENING, t + "，现将有关情况报告如下。")),
    "S012": (lambda t: COMPLETE.replace(HEADING[4], t.split("… ")[1]), lambda t: COMPLETE.replace(HEADING[4], t.split("… ")[1])),
    "S013": (lambda t: COMPLETE.replace(SIGNED, t + "\n" + SIGNED), lambda t: COMPLETE.replace(SIGNED, t + "\n" + SIGNED)),
    "S014": (lambda t: as_title(t.split(" on ")[1]), lambda t: as_title(t.split(" on ")[1])),
    "T004": (lambda t: COMPLETE.replace(SIGNED, t + "\n" + SIGNED), lambda t: COMPLETE.replace(SIGNED, t + "\n" + SIGNED)),
}
OPTIONS = {
    "D003": lambda t: {"published_on": dt.date.fromisoformat(re.search(r"--published-on (\S+)", t).group(1))},
    "S014": lambda t: {"year": int(re.search(r"--year (\d{4})", t).group(1))},
}
DESCRIBED = {
    "D001": ("2024年度报告 dated 2025年3月5日", "2024年度报告 dated 2025年2月20日"),
    "D003": ("--published-on 2025-04-15 for a 2024 report; a page with 发布时间：2025-04-15",
             "--published-on 2025-03-20 for a 2024 report; a page with 发布时间：2025-03-20"),
    "D006": ("a report without a date line", "a report ending with 某某镇人民政府 / 2025年1月20日"),
    "F007": ("某縣2024年法治政府建設情況報告（a mirror in Traditional characters）",
             "某县2024年法治政府建设情况报告, quoting one Traditional name such as 「臺灣」"),
    "L002": ("a file whose title line does not name 法治政府 … 报告", "某某区2024年法治政府建设情况报告"),
    "M004": ("a report silent on 复议 and 应诉", "全年办理行政复议案件12件，行政机关负责人出庭应诉率100%。"),
    "S001": ("一、存在的不足和原因 … (no section of 主要举措和成效)", "一、2024年度推进法治政府建设的主要举措和成效"),
    "S002": ("一、主要举措和成效 … 二、2025年工作安排 (no 不足)", "二、存在的问题和原因"),
    "S003": ("a report without any section on 党政主要负责人履行第一责任人职责", "三、党政主要负责人履行推进法治建设第一责任人职责情况"),
    "S004": ("a report ending with its shortcomings, with no 下一年度安排", "四、2025年工作打算"),
    "S005": ("no 其他需要报告的情况 section", "五、其他需要报告的情况"),
    "S012": ("（title 2024）… 四、2024年工作安排", "（title 2024）… 四、2025年工作安排"),
    "S014": ("--year 2024 on 某县2023年法治政府建设情况报告", "--year 2024 on 某县2024年法治政府建设情况报告"),
}
RULES = list(builtin_registry().iter_rules())


def _run(code: str, which: int, text: str):
    place = PLACE.get(code, (in_body, in_body))[which]
    opts = OPTIONS.get(code, lambda t: {})(text)
    return lint_text(place(text), **opts)


def test_the_report_examples_run_in_has_no_finding():
    assert lint_text(COMPLETE).findings == []


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_fail_example_fails(r):
    assert r.fail, f"{r.code} declares no failing example"
    got = _run(r.code, 0, r.fail)
    assert r.code in [f.code for f in got.findings], (r.fail, [(f.code, f.message) for f in got.findings])


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_passes_example_passes(r):
    assert r.passes, f"{r.code} declares no passing example"
    got = _run(r.code, 1, r.passes)
    assert r.code not in [f.code for f in got.findings], (r.passes, [(f.code, f.message) for f in got.findings])


def test_described_examples_are_the_declared_ones():
    """A description runs as the document written out above: changing it means changing that too."""
    declared = {r.code: (r.fail, r.passes) for r in RULES}
    for code, pair in DESCRIBED.items():
        assert declared[code] == pair, code

"""Shared test helpers: build reports from text and lint them through the real pipeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lawgov_lint.engine import Options, lint_document
from lawgov_lint.loaders.text import load_text

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEEDS = ["anting-2023", "miaohang-2023", "qingpu-2023", "waigang-2022", "zhaoxiang-2023"]
AS_OF = dt.date(2026, 11, 21)


def lint_text(text: str, registry=None, **opts):
    """Lint a report given as text (one paragraph per line) with the default packs (and the
    built-in rules, or ``registry``)."""
    doc = load_text("case.txt", text.encode("utf-8"))
    opts.setdefault("as_of", AS_OF)
    return lint_document(doc, Options(**opts), registry=registry)


def codes(result) -> list[str]:
    return [f.code for f in result.findings]


def report(body: str, title: str = "某某区2024年法治政府建设情况报告") -> str:
    """A small report: title, then the given body lines."""
    return title + "\n" + body.strip("\n") + "\n"


# A complete, compliant report of our own wording (not from the seeds or the packs).
COMPLETE = """\
江河县司法局2024年度法治政府建设工作报告

县委、县政府：
2024年，县司法局在县委、县政府领导下，深入学习贯彻习近平法治思想，现将有关情况报告如下。
一、2024年度法治政府建设工作成效
（一）完善依法决策机制
全年审查重大行政决策事项8件，办理行政复议案件12件，行政机关负责人出庭应诉率100%。
二、工作中的短板及其成因
个别科室对法治建设重视不够。究其原因，主要是学法培训覆盖不全。
三、主要负责人履行推进法治建设第一责任人职责情况
局长切实履行第一责任人职责，在县委全面依法治县委员会会议上专题述法。
四、2025年工作思路
持续推进严格规范公正文明执法。
五、其他需要报告的情况
无。
江河县司法局
2025年1月20日
"""


def note_texts(doc, lang: str = "en") -> list[str]:
    """A document's loader notes (catalogue messages) rendered in ``lang``."""
    from lawgov_lint.catalogue import builtin_catalogue

    return [builtin_catalogue().render(n, lang) for n in doc.notes]

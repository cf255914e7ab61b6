"""L003: a file whose own title names another 文种 — a 表 (反馈表, 统计表, 一览表) among them — is no report."""

from __future__ import annotations

import pytest

from helpers import codes, lint_text


@pytest.mark.parametrize("title", ["青山镇2024年度法治政府建设情况反馈表", "2024年度法治政府建设重点任务统计表",
                                   "青山镇法治政府建设工作情况一览表"])
def test_a_table_titled_like_the_report_is_no_report(title):
    r = lint_text(f"{title}\n填报单位：青山镇人民政府\n一、主要举措\n已落实。\n二、存在问题\n无。\n")
    assert codes(r) == ["L003"]
    assert "表" in r.findings[0].message


def test_a_report_whose_title_ends_in_baogao_is_still_a_report():
    r = lint_text("青山镇2024年度法治政府建设情况报告\n现将有关情况报告如下：\n一、主要举措和成效\n已落实。\n")
    assert "L003" not in codes(r)

"""The generated rule pages in both languages (docs/rules.md, docs/rules.zh.md) and the README's Chinese parts
are current (`LC_ALL=C.UTF-8 python -m lawgov_lint.docs` regenerates them)."""

from __future__ import annotations

import pytest

from lawgov_lint.checks import iter_rules
from lawgov_lint.docs import RULE_PAGES, ZH_BEGIN, ZH_END, rule_text, rules_markdown, rules_page

from helpers import ROOT


@pytest.mark.parametrize("lang", sorted(RULE_PAGES))
def test_rule_pages_are_current(lang):
    text = (ROOT / RULE_PAGES[lang]).read_text(encoding="utf-8")
    assert rules_page(lang) == text, "run `LC_ALL=C.UTF-8 python -m lawgov_lint.docs` to regenerate the rule pages"


def test_the_chinese_rule_page_is_chinese_and_has_every_rule():
    page = rules_page("zh")
    for r in iter_rules():
        assert f'<a id="{r.code.lower()}-{r.name}"></a>' in page
        assert rule_text(r, "summary", "zh") in page
    assert "默认级别：" in page and "依据：" in page and "default severity" not in page


def test_readme_has_the_chinese_rule_table_and_chinese_output_first():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index(ZH_BEGIN) + len(ZH_BEGIN):readme.index(ZH_END)].strip()
    assert table == rules_markdown("zh")
    assert table.startswith("| 代码 | 名称 | 默认级别 | 规则 | 依据 |")
    output = readme[readme.index("<!-- output:begin -->"):readme.index("<!-- output:end -->")]
    runs = [line for line in output.splitlines() if line.startswith("$ lawgov-lint")]
    assert [r.split()[2:4] for r in runs] == [["--lang", "zh"], ["--lang", "zh"], ["--lang", "en"], ["--lang", "en"]]
    assert "共1个文件：" in output and "共检查1个文件，发现" in output
    assert output.index("共1个文件：") < output.index("1 file(s):")

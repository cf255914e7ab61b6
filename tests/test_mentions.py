"""述法 is read token-aware: another word ending in 述 rules it out only when 法 starts a word of its own."""

from __future__ import annotations

import pytest

from helpers import COMPLETE, codes, lint_text

DONE = "在县委全面依法治县委员会会议上专题述法"


@pytest.mark.parametrize("wording", [
    "在县委常委会会议上述法",              # 会议上 + 述法: 上述 is no word here
    "在全县领导干部大会上述法，接受评议",
    "年终述职时一并述法",
])
def test_shufa_after_a_place_word_is_shufa(wording):
    r = lint_text(COMPLETE.replace(DONE, wording))
    assert "M001" not in codes(r)


@pytest.mark.parametrize("wording", [
    "认真落实上述法律法规的要求",          # 上述 + 法律
    "准确表述法治建设的内涵",              # 表述 + 法治
    "严格按照前述法定程序办理",
])
def test_another_word_ending_in_shu_is_no_shufa(wording):
    r = lint_text(COMPLETE.replace(DONE, wording))
    assert [f.code for f in r.findings if f.code == "M001"] == ["M001"]

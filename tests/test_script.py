"""F007 and the Traditional → Simplified analysis (SPEC §3 Traditional characters, §5 F007)."""

from __future__ import annotations

import opencc
import pytest

from helpers import codes, lint_text
from lawgov_lint.normalize import TRADITIONAL_SHARE, detect_script, is_han, normalize, simplifier

# Our own small report with three planted defects: a near-miss 法治政建设 (T001), a doubled
# comma (P001) and a 述法-less (三) (M001). Its Traditional twin is made with OpenCC s2t, as a
# government site's 繁體 button makes it.
SIMPLIFIED = """\
临川县应急管理局2024年度法治政府建设情况报告
2024年，我局坚持以习近平法治思想为指导，认真贯彻落实上级关于法治政建设的部署，现将有关情况报告如下。
一、2024年推进法治政府建设的主要举措和成效
（一）健全执法制度体系
全年修订安全生产执法检查清单4份，开展执法检查218次，，下达整改指令书96份，整改完成96项。
（二）强化行政复议应诉
全年发生行政复议案件3件、行政诉讼案件2件，局长出庭应诉2次。
二、存在的不足和原因
执法人员专业能力参差不齐，主要原因是新进人员较多、培训时间不足。
三、主要负责人履行推进法治建设第一责任人职责情况
局长带头学习宪法和安全生产法，主持召开局党委会专题研究法治工作3次。
四、2025年工作安排
继续完善执法清单，加强执法队伍建设。
临川县应急管理局
2025年1月16日
"""
TRADITIONAL = opencc.OpenCC("s2t").convert(SIMPLIFIED)


def _keys(result):
    return [(f.code, f.location.line, f.location.column, f.location.end_column, f.excerpt) for f in result.findings]


def test_twin_is_really_traditional():
    assert "建設" in TRADITIONAL and "報告" in TRADITIONAL and "習近平" in TRADITIONAL


def test_traditional_mirror_gets_one_f007_and_the_same_findings_at_original_offsets():
    simp = lint_text(SIMPLIFIED)
    trad = lint_text(TRADITIONAL)
    assert {"T001", "P001", "M001"} <= set(codes(simp))
    assert "F007" not in codes(simp)
    assert codes(trad).count("F007") == 1
    assert "T001" in codes(trad) and codes(trad).count("T001") == codes(simp).count("T001")
    others = [k for k in _keys(trad) if k[0] != "F007"]
    # same codes, lines and columns; the excerpt is the original Traditional text
    assert [k[:4] for k in others] == [k[:4] for k in _keys(simp)]
    t001 = next(f for f in trad.findings if f.code == "T001")
    assert t001.excerpt == "法治政建設"
    assert TRADITIONAL.splitlines()[t001.location.line - 1][t001.location.column - 1:t001.location.end_column - 1] == "法治政建設"


def test_f007_message_gives_the_share_and_sits_on_the_title():
    trad = lint_text(TRADITIONAL)
    f = next(f for f in trad.findings if f.code == "F007")
    assert f.severity == "warning"
    assert f.location.line == 1 and f.location.column == 1
    assert f.message.startswith("the report is written in Traditional characters (")
    assert "% , converted" not in f.message and "converted to Simplified for the analysis" in f.message
    share = int(f.message.split(", ")[1].split("%")[0])
    assert 25 <= share <= 45  # a whole Traditional text changes about a third of its Han characters


def test_quoted_traditional_names_do_not_make_a_report_traditional():
    quoted = SIMPLIFIED.replace("继续完善执法清单", "参考《臺灣地區與大陸地區人民關係條例》和香港特別行政區的經驗，继续完善执法清单")
    result = lint_text(quoted)
    assert "F007" not in codes(result)
    # not converted: the quoted title keeps its characters for the other rules
    assert detect_script(quoted.splitlines()).traditional is False


def test_a_quoted_traditional_paragraph_stays_below_the_threshold():
    quote = "引用港方來函原文：「本署將繼續與內地有關部門保持緊密聯繫，共同處理跨境執法協作事宜。」"
    text = SIMPLIFIED.replace("继续完善执法清单", quote + "继续完善执法清单")
    assert not detect_script(text.splitlines()).traditional
    # measured without the cheap GB2312 pre-check: OpenCC changes under the threshold
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    changed = sum(1 for a, b in zip(text, simplifier()(text)) if a != b)
    assert 0.02 < changed / han < TRADITIONAL_SHARE
    assert "F007" not in codes(lint_text(text))


def test_simplified_text_converts_nothing():
    s = detect_script(SIMPLIFIED.splitlines())
    assert s.converted == 0 and s.han > 250 and not s.traditional


def test_normalize_maps_converted_characters_back_one_to_one():
    text = "本縣 2024 年發佈《關於頭髮與幹部的通知》"
    n = normalize(text, simplifier())
    assert n.text == "本县2024年发布《关于头发与干部的通知》"
    assert n.converted == 9  # 縣 發 佈 關 於 頭 髮 與 幹
    s, e = n.span(n.text.index("发布"), n.text.index("发布") + 2)
    assert text[s:e] == "發佈"


@pytest.mark.parametrize("share_text, expected", [
    ("縣政府開會討論了這個問題，們為國會說發", True),
    ("县政府开会讨论了这个问题", False),
])
def test_detect_script_on_short_texts(share_text, expected):
    assert detect_script([share_text * 3]).traditional is expected


from hypothesis import given, settings, strategies as st  # noqa: E402

_TRAD_ALPHABET = "發佈頭髮乾淨幹部後來關於與們這為國會說縣區鎮報告建設情況法治政府 　2024年，。“”《》abc\t"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_TRAD_ALPHABET, max_size=60))
def test_converted_offsets_always_map_inside_the_original(text):
    n = normalize(text, simplifier())
    assert len(n.source) == len(n.text) + 1 and n.source[-1] == len(text)
    for i in range(len(n.text)):
        s, e = n.span(i, i + 1)
        assert 0 <= s < e <= len(text)
        # only Han characters are converted; everything else maps back to itself (spaces folded)
        assert n.text[i] == text[s] or is_han(text[s]) or (n.text[i] == " " and text[s] in "\u3000\t")

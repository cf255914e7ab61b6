"""Property-based tests of the text pipeline (hypothesis): any text, no exception, findings inside blocks."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawgov_lint.document import LoadError
from lawgov_lint.engine import Options, lint_document
from lawgov_lint.loaders.text import load_text
from lawgov_lint.normalize import normalize

PIECES = [
    "某某区2024年法治政府建设情况报告", "一、", "（一）", "(二)", "1.", "2、", "（3）", "第一部分", "主要举措和成效",
    "存在的不足和原因", "第一责任人", "述法", "表述法律", "2025年1月", "日", "  ", "\u3000", "截至10月底", "1-11月",
    "受理", "公开", "件", "起", "%", "占", "率为", "0件", "，，", "。", "、", "《", "》", "“", "”", "（", "）", ",",
    "今年", "去年", "明年", "妥否，请批示", "附件2", "抄送：", "印发", "— 3 —", "5", "\n", "\n\n", "２０２３", "×",
    "XX", "〔2024〕", "号", "2021-2025年", "法制政府", "工作体质",
]

report_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(min_size=0, max_size=8)), min_size=0, max_size=80).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_text)
def test_any_text_lints_without_exception_and_findings_stay_in_their_blocks(text):
    try:
        doc = load_text("p.txt", text.encode("utf-8"))
    except LoadError:
        return
    if not any(b.text.strip() for b in doc.blocks):
        return
    result = lint_document(doc, Options())
    if doc.encoding != "utf-8":
        return
    physical = text.removeprefix("\ufeff").replace("\r\n", "\n")  # a leading BOM is the encoding, not text
    physical = physical.replace("\r", "\n").split("\n")
    for f in result.findings:
        loc = f.location
        block = doc.blocks[loc.block - 1]
        assert 0 <= loc.offset <= loc.offset + loc.length <= len(block.text)
        assert f.excerpt == block.text[loc.offset:loc.offset + loc.length]
        assert 1 <= loc.line <= len(physical)
        assert loc.column >= 1 and loc.end_line >= loc.line
        # the column points at the excerpt's first character in the physical line
        if loc.length:
            assert physical[loc.line - 1][loc.column - 1] == f.excerpt[0]


@given(st.text(max_size=200))
def test_normalise_offsets_round_trip(text):
    n = normalize(text)
    assert len(n.source) == len(n.text) + 1
    assert list(n.source) == sorted(n.source)
    for i, ch in enumerate(n.text):
        o = n.source[i]
        assert 0 <= o < len(text)
        if ch != " ":
            assert text[o] == ch or ord(text[o]) - 0xFEE0 == ord(ch)
    s, e = n.span(0, len(n.text))
    assert 0 <= s <= e <= len(text)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_load_or_fail_cleanly(data):
    try:
        load_text("b.txt", data)
    except LoadError:
        pass

"""Segmentation keeps the domain words whole and caches only in the user cache directory."""

from __future__ import annotations

from lawgov_lint.segment import tokens


def test_domain_words_stay_whole():
    words = [w for w, _, _ in tokens("党政主要负责人履行第一责任人职责并专题述法，准确表述法律依据")]
    assert "第一责任人" in words or "第一责任人职责" in words
    assert "专题述法" in words or "述法" in words
    assert "表述" in words and "述法" not in words[words.index("表述"):]


def test_spans_cover_the_text():
    text = "法治政府建设取得新成效。"
    toks = tokens(text)
    assert "".join(w for w, _, _ in toks) == text
    assert all(text[s:e] == w for w, s, e in toks)


def test_cache_goes_to_the_user_cache_dir(tmp_path, monkeypatch):
    import os

    from platformdirs import user_cache_dir

    from lawgov_lint import segment

    cache = user_cache_dir("lawgov-lint")
    segment.tokenizer()
    assert any(name.startswith("jieba-dict-") for name in os.listdir(cache))
    assert not any(p.name.startswith("jieba") for p in tmp_path.iterdir())

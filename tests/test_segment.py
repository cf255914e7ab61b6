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


def test_extra_pack_dictionary_words_reach_the_tokenizer(tmp_path):
    from lawgov_lint.packs import load_packs
    from lawgov_lint.segment import tokens, use_pack_words

    pack = tmp_path / "local.toml"
    pack.write_text('[dictionary]\nwords = [["浦江经验", 3000, "n"]]\n', encoding="utf-8")
    use_pack_words(load_packs([pack]))
    assert "浦江经验" in [w for w, _, _ in tokens("坚持和发展浦江经验")]

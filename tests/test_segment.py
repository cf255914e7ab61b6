"""Segmentation keeps the domain words whole and caches only in the user cache directory."""

from __future__ import annotations

from pathlib import Path

import pytest

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
    from lawgov_lint.segment import is_word, tokens

    pack = tmp_path / "local.toml"
    pack.write_text('[dictionary]\nwords = [["浦江经验", 3000, "n"]]\n', encoding="utf-8")
    packs = load_packs([pack])
    assert "浦江经验" in [w for w, _, _ in tokens("坚持和发展浦江经验", packs)]
    assert is_word("浦江经验", packs)


def test_one_runs_extra_words_never_reach_another_run(tmp_path):
    from lawgov_lint.packs import builtin_packs, load_packs
    from lawgov_lint.segment import is_word, tokens

    pack = tmp_path / "local.toml"
    pack.write_text('[dictionary]\nwords = [["浦江经验", 3000, "n"]]\n', encoding="utf-8")
    assert is_word("浦江经验", load_packs([pack]))
    assert not is_word("浦江经验", builtin_packs()) and not is_word("浦江经验")
    assert "浦江经验" not in [w for w, _, _ in tokens("坚持和发展浦江经验", builtin_packs())]


_SLIP = "局长履行第一责壬人职责。"  # T001: 壬 a sound-alike of 任; 壬人 a word only in the extra pack below


def _findings(result) -> list[tuple]:
    return [(f.code, f.severity, f.location, f.message, f.suggestion) for f in result.findings]


@pytest.mark.parametrize("select", [None, ["T001"], ["T002"], ["T"], ["T004", "T001"]])
def test_findings_do_not_depend_on_another_files_extra_words(tmp_path, select):
    """The same report gives the same findings alone and after a file linted with an extra pack
    adding dictionary words (issue 15 item 2), whatever is selected."""
    from helpers import COMPLETE, lint_text

    pack = tmp_path / "local.toml"
    pack.write_text('[dictionary]\nwords = [["壬人", 3000, "n"]]\n', encoding="utf-8")
    text = COMPLETE.replace("持续推进严格规范公正文明执法。", "持续推进严格规范公正文明执法。" + _SLIP)
    alone = _findings(lint_text(text, select=select))
    with_pack = _findings(lint_text(text, select=select, rule_packs=[str(pack)]))
    after = _findings(lint_text(text, select=select))
    assert after == alone
    if select is None or "T001" in select or select == ["T"]:
        # the pack's word makes 壬人 a dictionary word: a whole-word confusion, not T001's slip
        assert [f[0] for f in alone].count("T001") == 1
        assert [f[0] for f in with_pack].count("T001") == 0


@pytest.mark.parametrize("select", ["T", "T001", "T002,T004", "ALL"])
def test_one_run_a_file_after_a_folder_with_extra_words(tmp_path, select):
    """On the command line: a file's findings are the same bytes alone and after a file whose
    folder's configuration adds a rule pack with dictionary words."""
    import json

    from click.testing import CliRunner
    from helpers import AS_OF, COMPLETE

    from lawgov_lint.cli import main

    text = COMPLETE.replace("持续推进严格规范公正文明执法。", "持续推进严格规范公正文明执法。" + _SLIP)
    local, plain = tmp_path / "a", tmp_path / "b"
    local.mkdir()
    plain.mkdir()
    (local / "words.toml").write_text('[dictionary]\nwords = [["壬人", 3000, "n"]]\n', encoding="utf-8")
    (local / "lawgov-lint.toml").write_text('rule-packs = ["words.toml"]\n', encoding="utf-8")
    (plain / "lawgov-lint.toml").write_text("\n", encoding="utf-8")
    (local / "a.txt").write_text(text, encoding="utf-8")
    (plain / "b.txt").write_text(text, encoding="utf-8")
    args = ["--select", select, "--as-of", AS_OF.isoformat(), "--output-format", "json", "--lang", "en"]

    def findings(*paths) -> dict[str, str]:
        """File name → its findings as JSON text (the bytes a reader gets)."""
        result = CliRunner().invoke(main, [*args, *map(str, paths)])
        return {Path(f["path"]).name: json.dumps(f["findings"], ensure_ascii=False)
                for f in json.loads(result.output)["files"]}

    alone = findings(plain / "b.txt")["b.txt"]
    both = findings(local / "a.txt", plain / "b.txt")
    assert both["b.txt"] == alone
    if select in ("T", "T001", "ALL"):
        # the pack's word reaches a.txt, whose folder asks for it, and only a.txt
        assert '"T001"' in alone and '"T001"' not in both["a.txt"]


def test_the_prefix_dictionary_read_from_our_cache_is_jiebas(tmp_path, monkeypatch):
    """The second tokenizer reads the prefix dictionary from our marshal copy, not jieba's cache: the
    same words, frequencies and total as jieba's own initialize gives."""
    import os

    from lawgov_lint import segment

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    segment._tokenizer.cache_clear()
    try:
        first = segment.tokenizer()
        copies = [n for n in os.listdir(tmp_path / "lawgov-lint") if n.startswith("jieba-pfdict-")]
        assert len(copies) == 1
        segment._tokenizer.cache_clear()
        calls = []
        monkeypatch.setattr(type(first), "initialize", lambda self, *a: calls.append(1))
        second = segment.tokenizer()
        assert calls == [] and second.initialized and second is not first
        assert second.FREQ == first.FREQ and second.total == first.total
        assert segment.tokens("推进法治政府建设第一责任人职责") == [("推进", 0, 2), ("法治政府建设", 2, 8),
                                                            ("第一责任人职责", 8, 15)]
    finally:
        segment._tokenizer.cache_clear()

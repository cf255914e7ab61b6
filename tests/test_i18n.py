"""The message catalogue (SPEC §7 Language): both languages for every entry, same placeholders,
the language chosen from --lang, the configuration, then the locale."""

from __future__ import annotations

import pytest

from lawgov_lint.checks import iter_rules
from lawgov_lint.i18n import Catalogue, CatalogueError, detect_lang, msg, placeholders
from lawgov_lint.packs import builtin_packs


def _entries():
    return builtin_packs()["messages"]


def test_every_message_has_both_languages_with_the_same_placeholders():
    problems = []
    for mid, entry in _entries().items():
        if mid.startswith("rule."):
            continue
        if set(entry) != {"en", "zh"}:
            problems.append(f"{mid}: languages {sorted(entry)}")
        elif placeholders(entry["en"]) != placeholders(entry["zh"]):
            problems.append(f"{mid}: en {sorted(placeholders(entry['en']))} zh {sorted(placeholders(entry['zh']))}")
    assert not problems, problems


def test_every_rule_has_a_chinese_summary_and_rationale():
    entries = _entries()
    missing = [f"rule.{r.code}.{part}" for r in iter_rules() for part in ("summary", "why")
               if f"rule.{r.code}.{part}" not in entries or not entries[f"rule.{r.code}.{part}"].get("zh")]
    assert not missing, missing


def test_the_chinese_texts_are_chinese():
    for mid, entry in _entries().items():
        zh = entry.get("zh", "")
        if mid.startswith("ui.severity") or not zh:
            continue
        import re

        prose = re.sub(r"--[a-z-]+|lawgov-lint|\{[a-z_]+\}|\S+\.(?:toml|txt|md|docx)\S*", " ", zh)  # options, names
        latin_words = [w for w in prose.split() if w.isascii() and w.isalpha() and len(w) > 3 and not w.isupper()]
        assert not latin_words or mid.startswith("rule."), (mid, latin_words)


def test_render_fills_placeholders_in_the_chosen_language():
    cat = Catalogue({"X.rate": {"en": "“{stated}” does not match {value}", "zh": "“{stated}”与{value}不符"}})
    m = msg("X.rate", stated="占88.8%", value="88.65%")
    assert cat.render(m, "zh") == "“占88.8%”与88.65%不符"
    assert cat.render(m, "en") == "“占88.8%” does not match 88.65%"
    assert cat.render("a plain string from an old plugin", "zh") == "a plain string from an old plugin"
    assert cat.render(None, "zh") is None


def test_an_extension_entry_without_chinese_falls_back_to_english_for_that_message_only():
    cat = Catalogue({"X.only-en": {"en": "only English {n}"}, "X.both": {"en": "both", "zh": "两种"}})
    assert cat.text("X.only-en", "zh", {"n": 3}) == "only English 3"
    assert cat.text("X.both", "zh") == "两种"


@pytest.mark.parametrize("entry, why", [
    ({"en": "a {x}", "zh": "甲{y}"}, "different placeholders"),
    ({"zh": "只有中文"}, "no English"),
    ({"en": 3}, "must be a table"),
    ({"fr": "non"}, "must be a table"),
])
def test_a_malformed_entry_is_one_line_naming_it(entry, why):
    with pytest.raises(CatalogueError, match=why) as e:
        Catalogue({"X.bad": entry}, label="my-pack.toml")
    assert "my-pack.toml" in str(e.value) and "X.bad" in str(e.value) and "\n" not in str(e.value)


@pytest.mark.parametrize("env, expected", [
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
    ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),  # the first set variable decides
    ({"LC_ALL": "", "LC_MESSAGES": "zh_CN.GB18030", "LANG": "en_US"}, "zh"),
    ({}, "en"),
])
def test_language_from_the_locale(env, expected):
    assert detect_lang(env, platform="linux") == expected


def test_lang_option_config_and_locale_choose_the_language(tmp_path, monkeypatch):
    import subprocess
    import sys

    def explain(*args, env_lang=None, cwd=None):
        env = {k: v for k, v in __import__("os").environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
        if env_lang:
            env["LANG"] = env_lang
        return subprocess.run([sys.executable, "-m", "lawgov_lint.cli", "--explain", "S006", *args],
                              capture_output=True, text=True, env=env, cwd=cwd).stdout

    assert "默认级别" in explain(env_lang="zh_CN.UTF-8")
    assert "default severity" in explain(env_lang="en_US.UTF-8")
    assert "default severity" in explain("--lang", "en", env_lang="zh_CN.UTF-8")
    assert "默认级别" in explain("--lang", "zh", env_lang="en_US.UTF-8")
    assert "default severity" in explain()


def test_config_lang_is_validated(tmp_path):
    from lawgov_lint.config import ConfigError, load_config

    cfg = tmp_path / "lawgov-lint.toml"
    cfg.write_text('lang = "zh"\n', encoding="utf-8")
    assert load_config(cfg).lang == "zh"
    cfg.write_text('lang = "fr"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="lang"):
        load_config(cfg)


def test_nested_messages_and_lists_render_in_the_same_language():
    cat = Catalogue({"X.outer": {"en": "title {title}: {problems}", "zh": "标题{title}：{problems}"},
                     "X.year": {"en": "no year", "zh": "缺少年份"},
                     "X.word": {"en": "no “{w}”", "zh": "缺少“{w}”"}})
    m = msg("X.outer", title="《某某》", problems=[msg("X.year"), msg("X.word", w="报告")])
    assert cat.render(m, "zh") == "标题《某某》：缺少年份；缺少“报告”"
    assert cat.render(m, "en") == "title 《某某》: no year; no “报告”"


def test_no_message_id_is_defined_in_two_catalogue_files():
    import tomllib
    from importlib.resources import files

    seen: dict[str, str] = {}
    twice = []
    for entry in sorted(files("lawgov_lint.rules").iterdir(), key=lambda e: e.name):
        if entry.name.startswith("messages") and entry.name.endswith(".toml"):
            for mid in tomllib.loads(entry.read_text(encoding="utf-8")):
                if mid in seen:
                    twice.append(f"{mid}: {seen[mid]} and {entry.name}")
                seen[mid] = entry.name
    assert not twice, twice

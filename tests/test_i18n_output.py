"""With ``--lang zh`` nothing a reader sees is English (issue 12, “done means”), on every fixture and real report.

“English” is a Latin word of three or more letters outside what may stay as it is: text quoted from the report
(“”, 《》, 「」), rule codes and names in [brackets], file paths and URLs, the tool's name, and the names of
file formats that Chinese writing uses as they are (Word, PDF, WPS, OFD). Checked:

* every finding's message, and its suggestion when that is advice (a suggestion that *is* the replacement
  text — ``截至``, ``，`` — is the report's own words and is not checked);
* the tool's own words in the ``text`` and ``concise`` output: everything but the findings' messages and
  suggestions, the quoted source lines (``   │ …``), the report paths of the compliance table, and the read
  errors of unreadable files (LoadError messages stay English: one line naming what to do with the file).

One lint per output format over all the files together (the CLI as a user runs it).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from lawgov_lint.cli import main

from helpers import ROOT

FILES = sorted(
    [p for p in (ROOT / "fixtures").glob("*") if p.suffix in (".txt", ".docx", ".pdf", ".html", ".htm")]
    + [p for p in (ROOT / "fixtures" / "web").glob("*") if p.suffix in (".txt", ".html", ".htm")]
    + sorted((ROOT.parent / "shared" / "real").glob("*.txt")))
ARGS = ["--as-of", "2026-11-21", "--lang", "zh", "--no-plugins"]

_ALLOWED = [
    re.compile(r"“[^”]*”|《[^》]*》|「[^」]*」|‘[^’]*’"),  # quoted report text
    re.compile(r"\[[^\]]*\]"),  # rule codes and names in brackets
    re.compile(r"https?://\S+"),  # URLs
    re.compile(r"[\w./\\-]*[/\\][\w./\\-]*|[\w.-]+\.(?:docx|pdf|txt|md|html?|toml|csv|xlsx)\b"),  # paths
    re.compile(r"\blawgov-lint\b"),
    re.compile(r"Word|PDF|WPS|OFD"),  # format names as Chinese writing uses them: Word文件, PDF文件
]
_WORD = re.compile(r"[A-Za-z]{3,}")


def english_words(text: str) -> list[str]:
    """The Latin words of 3+ letters of ``text`` outside quotes, [brackets], paths, URLs and the tool's name."""
    for pattern in _ALLOWED:
        text = pattern.sub(" ", text)
    return _WORD.findall(text)


def test_english_words_sees_through_quotes_codes_and_paths():
    assert english_words("“1-11月”为部分时段数据 [partial-period] fixtures/qingpu-2023.docx S005") == []
    assert english_words("《使用手册》见 https://example.org/a；Word文件、PDF文件") == []
    assert english_words("the report covers the whole year") == ["the", "report", "covers", "the", "whole", "year"]


def _run(*args: str) -> str:
    import os

    paths = [os.path.relpath(p, ROOT) for p in FILES]
    out = CliRunner().invoke(main, [*ARGS, *args, *paths], catch_exceptions=False)
    assert out.exit_code in (0, 1), out.output
    return out.output


@pytest.fixture(scope="module")
def linted(tmp_path_factory):
    import os

    cwd = os.getcwd()
    os.chdir(ROOT)  # paths as a user types them
    try:
        data = json.loads(_run("--output-format", "json"))
        text = _run("--output-format", "text")
        concise = _run("--output-format", "concise")
    finally:
        os.chdir(cwd)
    return data, text, concise


def _advice(f: dict) -> bool:
    return bool(f["suggestion"]) and not (f["fix"] and f["suggestion"] == f["fix"]["replacement"])


def test_files_are_found():
    assert len(FILES) >= 25 and any(p.parent.name == "real" for p in FILES)


def test_no_finding_carries_english(linted):
    data, _, _ = linted
    bad = []
    for file in data["files"]:
        for f in file["findings"]:
            for part in ("message",) + (("suggestion",) if _advice(f) else ()):
                words = english_words(f[part])
                if words:
                    bad.append(f"{file['path']} {f['code']} {part}: {f[part]}  ← {words}")
    assert not bad, f"{len(bad)} English finding texts, e.g.\n" + "\n".join(bad[:40])


def _without_findings(output: str, data: dict) -> str:
    """The output with the findings' messages and suggestions, the read errors and the source lines taken out
    (each taken out with the words around it, so that a short text such as “2” takes nothing else)."""
    texts = set()
    for file in data["files"]:
        if file["error"]:
            texts.add(file["error"])
        for f in file["findings"]:
            texts.add(f" {f['code']} {f['message']}")
            if f["suggestion"]:
                texts.add(f"修改建议：{f['suggestion']}")
    for t in sorted(texts, key=len, reverse=True):
        output = output.replace(t, " ")
    lines = []
    for line in output.splitlines():
        if line.startswith("   │ "):
            continue  # the report's own text
        if line.startswith("│"):  # a row of the compliance table: its first cell is the report's path (folded)
            line = "│".join(line.split("│")[2:])
        lines.append(line)
    return "\n".join(lines)


@pytest.mark.parametrize("fmt", ["text", "concise"])
def test_the_tool_s_own_words_are_chinese(linted, fmt):
    data, text, concise = linted
    shown = _without_findings(text if fmt == "text" else concise, data)
    bad = [(line, english_words(line)) for line in shown.splitlines() if english_words(line)]
    assert not bad, "\n".join(f"{words}: {line}" for line, words in bad[:40])

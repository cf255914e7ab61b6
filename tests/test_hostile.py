"""Hostile and broken input: one clear line, exit 2, no traceback, nothing written (issue 6).

The broken files are generated here, not committed.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lawgov_lint.document import LoadError
from lawgov_lint.loaders import Limits, load

from helpers import COMPLETE, FIXTURES, note_texts

EXE = os.path.join(os.path.dirname(sys.executable), "lawgov-lint")


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([EXE, "--as-of", "2026-11-21", *args], capture_output=True, text=True, cwd=cwd)


def assert_one_line_error(p: subprocess.CompletedProcess, path: Path, needle: str) -> None:
    out = p.stdout + p.stderr
    assert p.returncode == 2, out
    assert "Traceback" not in out
    lines = [l for l in p.stdout.splitlines() if str(path) in l and "ERROR" in l]
    assert len(lines) == 1, out
    assert needle in lines[0], lines[0]


def _docx_bytes(text: str = "某某区2024年法治政府建设情况报告") -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


CASES = {
    "legacy.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "legacy Word/WPS"),
    "legacy-renamed.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "legacy Word/WPS (.doc/.wps) file named .docx"),
    "report.wps": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "save it as .docx"),
    "scan.png": (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "a PNG image: OCR it first"),
    "photo-as.pdf": (b"\xff\xd8\xff\xe0" + b"\0" * 100, "a JPEG image named .pdf"),
    "truncated.docx": (_docx_bytes()[:700], "damaged"),
    "notzip.docx": ("这不是Word文件".encode() * 10, "damaged or not a .docx"),
    "truncated.pdf": (b"%PDF-1.7\n1 0 obj\n<<", "PDF"),
    "random.txt": (bytes(range(256)) * 40, "not a text file"),
    "empty.txt": (b"", "no text found"),
    "blank.md": ("\n \n\u3000\n".encode(), "no text found"),
    "report.ofd": (b"PK\x03\x04", "OFD"),
    "old.rtf": (b"{\\rtf1\\ansi hello}", "RTF"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_gives_one_line_and_exit_2(tmp_path, name):
    data, needle = CASES[name]
    path = tmp_path / name
    path.write_bytes(data)
    before = sorted(os.listdir(tmp_path))
    p = cli(str(path), cwd=tmp_path)
    assert_one_line_error(p, path, needle)
    assert sorted(os.listdir(tmp_path)) == before, "nothing written next to the input"
    assert path.read_bytes() == data, "input untouched"


def test_zip_bomb_is_refused_before_parsing(tmp_path, monkeypatch):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (400 * 1024 * 1024))  # 400 MB of zeros, ~400 KB compressed
    path = tmp_path / "bomb.docx"
    path.write_bytes(buf.getvalue())
    called = []
    import lawgov_lint.loaders.docx as docx_loader

    monkeypatch.setattr(docx_loader, "load_docx", lambda *a, **k: called.append(a))
    with pytest.raises(LoadError, match="refused before parsing.*(zip bomb|compressed)"):
        load(path)
    assert called == [], "the docx parser must not be reached"


def test_limits_are_configurable_and_named(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(COMPLETE, encoding="utf-8")
    with pytest.raises(LoadError, match=r"max-file-size"):
        load(path, limits=Limits(max_file_size=100))
    with pytest.raises(LoadError, match=r"max-text-chars"):
        load(path, limits=Limits(max_text_chars=50))
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as z:
        for i in range(30):
            z.writestr(f"word/x{i}.xml", "x")
    p2 = tmp_path / "many.docx"
    p2.write_bytes(many.getvalue())
    with pytest.raises(LoadError, match=r"max-zip-members"):
        load(p2, limits=Limits(max_zip_members=10))


def test_docx_renamed_to_txt_is_read_by_content(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes((FIXTURES / "miaohang-2023.docx").read_bytes())
    doc = load(path)
    assert doc.format == "docx"
    assert any("the content is docx" in n for n in note_texts(doc))


def test_a_bad_file_does_not_stop_the_batch(tmp_path):
    bad = tmp_path / "a.docx"
    bad.write_bytes(b"garbage")
    good = tmp_path / "b.txt"
    good.write_text(COMPLETE.replace("专题述法", "述职"), encoding="utf-8")
    p = cli("--output-format", "json", str(tmp_path))
    import json

    data = json.loads(p.stdout)
    assert p.returncode == 2
    assert data["files"][0]["error"] and data["files"][0]["report"] is None
    assert [f["code"] for f in data["files"][1]["findings"]] == ["M001"]


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_odd_but_valid_encodings_lint_like_utf8(tmp_path, encoding):
    path = tmp_path / "r.txt"
    path.write_bytes(COMPLETE.replace("专题述法", "述职").encode(encoding))
    p = cli("--output-format", "concise", str(path))
    assert p.returncode == 1 and "M001" in p.stdout and "Traceback" not in p.stderr


def test_title_only_document_gives_findings_not_a_crash(tmp_path):
    path = tmp_path / "r.docx"
    path.write_bytes(_docx_bytes())
    p = cli("--output-format", "concise", str(path))
    assert p.returncode == 1
    for code in ("S001", "S002", "S003", "S004", "M001", "M002"):
        assert code in p.stdout


def test_text_less_docx_is_bad_input(tmp_path):
    path = tmp_path / "r.docx"
    path.write_bytes(_docx_bytes(""))
    assert_one_line_error(cli(str(path)), path, "no text found")


def test_pdf_page_limit(tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes((FIXTURES / "anting-2023.pdf").read_bytes())
    with pytest.raises(LoadError, match=r"refused before extraction: \d+ pages, over the limit of 3 \(max-pages\)"):
        load(path, limits=Limits(max_pages=3))
    assert load(path).format == "pdf"


def _slow_or_fast(task):
    import time as _t

    from lawgov_lint.engine import lint_path

    path = task[0]
    if "slow" in str(path):
        _t.sleep(30)
    return lint_path(path, task[1])


def test_timeout_stops_a_hanging_file_and_keeps_the_others(tmp_path):
    from lawgov_lint.engine import Options
    from lawgov_lint.runner import run_with_timeout

    fast = tmp_path / "fast.txt"
    fast.write_text(COMPLETE, encoding="utf-8")
    slow = tmp_path / "slow.txt"
    slow.write_text(COMPLETE, encoding="utf-8")
    tasks = [(str(slow), Options(), None, None, False), (str(fast), Options(), None, None, False)]
    results = run_with_timeout(tasks, _slow_or_fast, jobs=2, timeout=1.0)
    assert results[0].error.startswith("timed out after 1 s (--timeout)")
    assert results[1].error is None and results[1].findings == []


def test_timeout_option_gives_the_same_output(tmp_path):
    args = ["--output-format", "json", str(FIXTURES / "anting-2023.txt"), str(FIXTURES / "miaohang-2023.docx")]
    plain = cli(*args)
    timed = cli("--timeout", "60", "--jobs", "2", *args)
    assert plain.returncode == timed.returncode == 1
    assert plain.stdout == timed.stdout


def test_limits_from_configuration(tmp_path):
    (tmp_path / "lawgov-lint.toml").write_text("[limits]\nmax-text-chars = 100\n", encoding="utf-8")
    path = tmp_path / "r.txt"
    path.write_text(COMPLETE, encoding="utf-8")
    assert_one_line_error(cli(str(path)), path, "max-text-chars")
    (tmp_path / "lawgov-lint.toml").write_text("[limits]\nmax-bananas = 1\n", encoding="utf-8")
    p = cli(str(path))
    assert p.returncode == 2 and "limits.max-bananas" in p.stderr and "Traceback" not in p.stderr


def test_tracked_changes_are_accepted_and_the_user_is_told(tmp_path):
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph("某某区2024年法治政府建设情况报告")
    p = d.add_paragraph("区长在区委会议上")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    p._p.append(parse_xml(f'<w:ins {w} w:id="1" w:author="a"><w:r><w:t>专题述法</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del {w} w:id="2" w:author="a"><w:r><w:delText>述职</w:delText></w:r></w:del>'))
    path = tmp_path / "tracked.docx"
    d.save(path)
    out = cli("--select", "M001", str(path))
    assert "note: tracked changes were accepted for linting" in out.stdout
    assert "M001" not in out.stdout  # the inserted 专题述法 counts, the deleted 述职 does not


def test_external_entities_in_document_xml_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-述法", encoding="utf-8")
    src = io.BytesIO(_docx_bytes("某某区2024年法治政府建设情况报告"))
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                text = text.replace("<w:document", f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]><w:document', 1)
                text = text.replace("某某区2024年法治政府建设情况报告", "某某区2024年法治政府建设情况报告&xxe;")
                data = text.encode("utf-8")
            zout.writestr(item, data)
    path = tmp_path / "xxe.docx"
    path.write_bytes(out.getvalue())
    try:
        doc = load(path)
    except LoadError:
        return  # refusing the file is fine too
    assert all("SECRET" not in b.text for b in doc.blocks)

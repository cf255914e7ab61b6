"""--html FILE: one self-contained page, checked in a real headless chromium (issue 11, SPEC §7)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from lawgov_lint.cli import main
from lawgov_lint.engine import Options, lint_path
from lawgov_lint.reporters.html import render_html
from lawgov_lint.summary import totals

from helpers import COMPLETE, FIXTURES

AS_OF = dt.date(2026, 11, 21)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class _Findings(HTMLParser):
    """The finding items of a page (or of chromium's DOM dump): id, severity, code, hidden."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[dict] = []
        self.marks: list[dict] = []
        self.scripts = 0
        self.loads: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "li" and "finding" in (a.get("class") or "").split():
            self.items.append({"id": a["data-id"], "severity": a["data-severity"], "code": a["data-code"],
                               "hidden": "hidden" in a})
        if tag == "mark" and "data-ids" in a:
            self.marks.append({"ids": a["data-ids"].split(), "off": "off" in (a.get("class") or "").split()})
        if tag == "script":
            self.scripts += 1
            if "src" in a:
                self.loads.append(a["src"])
        if tag in ("link", "img", "iframe", "object", "embed") and (a.get("href") or a.get("src")):
            self.loads.append(a.get("href") or a.get("src"))


def _parse(html: str) -> _Findings:
    p = _Findings()
    p.feed(html)
    return p


def _chromium_dom(url: str, tmp_path) -> str:
    profile = tmp_path / "chromium-profile"
    proc = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--disable-component-update", "--disable-sync", "--no-first-run",
                           f"--user-data-dir={profile}", "--dump-dom", url],
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.fixture(scope="module")
def all_fixtures_page(tmp_path_factory):
    """The HTML report of every fixture (.docx, .pdf, .txt), written by the CLI."""
    out = tmp_path_factory.mktemp("html") / "report.html"
    files = sorted(str(p) for p in FIXTURES.iterdir() if p.suffix in (".docx", ".pdf", ".txt"))
    r = CliRunner().invoke(main, ["--as-of", "2026-11-21", "--output-format", "json", "--html", str(out), *files],
                           catch_exceptions=False)
    assert r.exit_code == 1
    return out, json.loads(r.stdout)


def test_page_is_self_contained_and_lists_every_finding(all_fixtures_page):
    out, data = all_fixtures_page
    html = out.read_text(encoding="utf-8")
    page = _parse(html)
    assert page.loads == [] and page.scripts == 1
    assert not re.search(r"@import|url\(", html)
    total = sum(len(f["findings"]) for f in data["files"])
    assert len(page.items) == total > 50
    for n, f in enumerate(data["files"], start=1):
        assert f"id=\"file-{n}\"" in html
        mine = [i for i in page.items if i["id"].startswith(f"f{n}-")]
        assert [(i["code"], i["severity"]) for i in mine] == [(x["code"], x["severity"]) for x in f["findings"]]


def test_report_text_is_escaped():
    text = COMPLETE.replace("无。", "无<script>alert('x')</script>&amp;，，")
    from lawgov_lint.loaders.text import load_text
    from lawgov_lint.engine import lint_document

    res = lint_document(load_text("<b>evil</b>.txt", text.encode("utf-8")), Options(as_of=AS_OF))
    html = render_html([res], res.options, totals([res], res.options))
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;amp" in html
    assert "<b>evil</b>" not in html and "&lt;b&gt;evil&lt;/b&gt;.txt" in html
    assert _parse(html).scripts == 1


def test_unreadable_files_are_in_the_compliance_table(tmp_path):
    bad = tmp_path / "旧稿.wps"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    out = tmp_path / "r.html"
    r = CliRunner().invoke(main, ["--as-of", "2026-11-21", "--quiet", "--html", str(out),
                                  str(FIXTURES / "anting-2023.txt"), str(bad)], catch_exceptions=False)
    assert r.exit_code == 2
    html = out.read_text(encoding="utf-8")
    row = html[html.index('<tr class="unreadable">'):]
    assert "旧稿.wps" in row[:400] and "open it in Word or WPS" in row


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs Debian's chromium)")
def test_chromium_shows_every_finding(all_fixtures_page, tmp_path):
    out, data = all_fixtures_page
    dom = _parse(_chromium_dom(out.as_uri(), tmp_path))
    total = sum(len(f["findings"]) for f in data["files"])
    assert len(dom.items) == total and not any(i["hidden"] for i in dom.items)
    assert dom.marks and not any(m["off"] for m in dom.marks)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs Debian's chromium)")
def test_chromium_filter_by_severity_and_code(all_fixtures_page, tmp_path):
    out, data = all_fixtures_page
    dom_html = _chromium_dom(out.as_uri() + "#sev=error,warning&code=P002,T001,S005", tmp_path)
    assert 'data-ready="1"' in dom_html  # the script ran
    dom = _parse(dom_html)
    shown = sorted((i["code"], i["severity"]) for i in dom.items if not i["hidden"])
    want = sorted((x["code"], x["severity"]) for f in data["files"] for x in f["findings"]
                  if x["severity"] in ("error", "warning") and x["code"] in ("P002", "T001", "S005"))
    assert shown == want and 0 < len(shown) < len(dom.items)
    visible = {i["id"] for i in dom.items if not i["hidden"]}
    for m in dom.marks:
        assert m["off"] == (not any(i in visible for i in m["ids"]))
    count = re.search(r'id="shown">(\d+)<', dom_html)
    assert count and int(count.group(1)) == len(want)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs Debian's chromium)")
def test_chromium_screenshot_renders_the_page(all_fixtures_page, tmp_path):
    out, _ = all_fixtures_page
    shot = tmp_path / "page.png"
    proc = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                           f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,1600",
                           f"--screenshot={shot}", out.as_uri()], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 1600)
    assert len(data) > 50_000  # text and tables drawn, not a blank page (a blank one is a few KB)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs Debian's chromium)")
def test_chromium_prints_the_page(tmp_path):
    out = tmp_path / "one.html"
    r = CliRunner().invoke(main, ["--as-of", "2026-11-21", "--quiet", "--html", str(out),
                                  str(FIXTURES / "miaohang-2023.docx"), str(FIXTURES / "anting-2023.txt")],
                           catch_exceptions=False)
    assert r.exit_code == 1
    pdf = tmp_path / "one.pdf"
    proc = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer",
                           f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", out.as_uri()],
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    import pypdfium2 as pdfium

    from lawgov_lint.loaders.pdf import load_pdf

    assert len(pdfium.PdfDocument(str(pdf))) >= 3  # the table, then each report from a new page
    text = "".join(b.text for b in load_pdf("print.pdf", pdf.read_bytes()).blocks)
    assert "lawgov-lint report" in text and "severity" not in text  # the filter controls are not printed
    assert "庙行镇2023年法治政府建设情况报告" in text

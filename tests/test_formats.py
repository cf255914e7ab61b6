"""Output formats and rule docs through the CLI: SARIF 2.1.0, GitHub annotations, JUnit, statistics,
colour on a terminal, --output-file, --list-rules/--explain, generated README sections, pre-commit."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from lawgov_lint.cli import main

from helpers import COMPLETE, FIXTURES, ROOT

AS_OF = ["--as-of", "2026-11-21"]
EXE = os.path.join(os.path.dirname(sys.executable), "lawgov-lint")
NO_FIVE = COMPLETE.replace("五、其他需要报告的情况\n无。\n", "")  # one S005 warning
INFO_ONLY = COMPLETE.replace("江河县司法局\n2025年1月20日\n", "")  # D006 info only


def run(*args, input=None):
    return CliRunner().invoke(main, [*AS_OF, *args], input=input, catch_exceptions=False)


# --------------------------------------------------------------------------- SARIF

# Properties SARIF 2.1.0 allows on each object we write (its schema sets additionalProperties: false).
SARIF_KEYS = {
    "log": {"$schema", "version", "runs", "inlineExternalProperties", "properties"},
    "run": {"tool", "invocations", "conversion", "language", "versionControlProvenance", "originalUriBaseIds",
            "artifacts", "logicalLocations", "graphs", "results", "automationDetails", "runAggregates",
            "baselineGuid", "redactionTokens", "defaultEncoding", "defaultSourceLanguage", "newlineSequences",
            "columnKind", "externalPropertyFileReferences", "threadFlowLocations", "taxonomies", "addresses",
            "translations", "policies", "webRequests", "webResponses", "specialLocations", "properties"},
    "driver": {"guid", "name", "organization", "product", "productSuite", "shortDescription", "fullDescription",
               "fullName", "version", "semanticVersion", "dottedQuadFileVersion", "releaseDateUtc",
               "downloadUri", "informationUri", "globalMessageStrings", "notifications", "rules", "taxa",
               "locations", "language", "contents", "isComprehensive", "localizedDataSemanticVersion",
               "minimumRequiredLocalizedDataSemanticVersion", "associatedComponent", "translationMetadata",
               "supportedTaxonomies", "properties"},
    "rule": {"id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames", "shortDescription",
             "fullDescription", "messageStrings", "defaultConfiguration", "helpUri", "help", "relationships",
             "properties"},
    "result": {"ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget", "locations", "guid",
               "correlationGuid", "occurrenceCount", "partialFingerprints", "fingerprints", "stacks", "codeFlows",
               "graphs", "graphTraversals", "relatedLocations", "suppressions", "baselineState", "rank",
               "attachments", "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa", "webRequest",
               "webResponse", "properties"},
    "physicalLocation": {"address", "artifactLocation", "region", "contextRegion", "properties"},
    "artifactLocation": {"uri", "uriBaseId", "index", "description", "properties"},
    "region": {"startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength", "byteOffset",
               "byteLength", "snippet", "message", "sourceLanguage", "properties"},
    "invocation": {"commandLine", "arguments", "responseFiles", "startTimeUtc", "endTimeUtc", "exitCode",
                   "ruleConfigurationOverrides", "notificationConfigurationOverrides",
                   "toolExecutionNotifications", "toolConfigurationNotifications", "exitCodeDescription",
                   "exitSignalName", "exitSignalNumber", "processStartFailureMessage", "executionSuccessful",
                   "machine", "account", "processId", "executableLocation", "workingDirectory",
                   "environmentVariables", "stdin", "stdout", "stderr", "stdoutStderr", "properties"},
}
URI_REFERENCE = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")  # RFC 3986 characters only


def check_sarif(log: dict) -> None:
    """Validate the parts of SARIF 2.1.0 we produce: required properties, allowed keys, value ranges."""
    assert set(log) <= SARIF_KEYS["log"] and log["version"] == "2.1.0" and log["$schema"].startswith("https://")
    assert len(log["runs"]) == 1
    run_ = log["runs"][0]
    assert set(run_) <= SARIF_KEYS["run"] and run_["columnKind"] == "unicodeCodePoints"
    driver = run_["tool"]["driver"]
    assert set(driver) <= SARIF_KEYS["driver"] and driver["name"] == "lawgov-lint"
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids))
    for r in driver["rules"]:
        assert set(r) <= SARIF_KEYS["rule"]
        assert r["name"] and r["shortDescription"]["text"] and r["helpUri"].startswith("https://")
        assert r["defaultConfiguration"]["level"] in ("note", "warning", "error")
        assert r["help"]["text"]
    for inv in run_["invocations"]:
        assert set(inv) <= SARIF_KEYS["invocation"] and isinstance(inv["executionSuccessful"], bool)
        for n in inv.get("toolExecutionNotifications", []):
            assert n["message"]["text"] and n["level"] in ("note", "warning", "error")
    for res in run_["results"]:
        assert set(res) <= SARIF_KEYS["result"]
        assert ids[res["ruleIndex"]] == res["ruleId"]
        assert res["level"] in ("note", "warning", "error") and res["message"]["text"]
        for loc in res["locations"]:
            phys = loc["physicalLocation"]
            assert set(phys) <= SARIF_KEYS["physicalLocation"]
            art = phys["artifactLocation"]
            assert set(art) <= SARIF_KEYS["artifactLocation"] and URI_REFERENCE.match(art["uri"]), art
            reg = phys["region"]
            assert set(reg) <= SARIF_KEYS["region"]
            assert reg["startLine"] >= 1 and reg["startColumn"] >= 1
            assert reg["endLine"] >= reg["startLine"] and reg["endColumn"] >= 1
            if reg["endLine"] == reg["startLine"]:
                assert reg["endColumn"] >= reg["startColumn"]


def test_sarif_from_a_real_docx_report():
    r = run("--output-format", "sarif", str(FIXTURES / "qingpu-2023.docx"))
    log = json.loads(r.stdout)
    check_sarif(log)
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    listed = [l.split()[0] for l in run("--list-rules").stdout.splitlines()]
    assert [x["id"] for x in rules] == listed
    j = json.loads(run("--output-format", "json", str(FIXTURES / "qingpu-2023.docx")).stdout)["files"][0]["findings"]
    assert len(run_["results"]) == len(j)
    for res, f in zip(run_["results"], j):
        reg = res["locations"][0]["physicalLocation"]["region"]
        loc = f["location"]
        assert (res["ruleId"], reg["startLine"], reg["startColumn"], reg["endLine"], reg["endColumn"]) == \
            (f["code"], loc["line"], loc["column"], loc["end_line"], loc["end_column"])
        assert reg["startLine"] == loc["block"], "a .docx line is its block number"
    assert run_["invocations"] == [{"executionSuccessful": True}]


def test_sarif_regions_are_one_based_with_exclusive_end_in_text_files():
    path = FIXTURES / "zhaoxiang-2023.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    log = json.loads(run("--output-format", "sarif", str(path)).stdout)
    check_sarif(log)
    checked = 0
    for res in log["runs"][0]["results"]:
        reg = res["locations"][0]["physicalLocation"]["region"]
        if reg["startLine"] == reg["endLine"] and reg["endColumn"] > reg["startColumn"]:
            line = lines[reg["startLine"] - 1]
            assert line[reg["startColumn"] - 1:reg["endColumn"] - 1] == reg["snippet"]["text"]
            checked += 1
    assert checked >= 5


def test_sarif_uris_and_unreadable_files(tmp_path, monkeypatch):
    odd = tmp_path / "报告 草稿#1.txt"
    odd.write_text(NO_FIVE, encoding="utf-8")
    bad = tmp_path / "old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 64)
    monkeypatch.chdir(tmp_path)
    log = json.loads(run("--output-format", "sarif", odd.name, str(bad)).stdout)
    check_sarif(log)
    art = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert art == {"uri": "%E6%8A%A5%E5%91%8A%20%E8%8D%89%E7%A8%BF%231.txt", "uriBaseId": "%SRCROOT%"}
    inv = log["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    note = inv["toolExecutionNotifications"][0]
    assert "unsupported format .doc" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("file:///")


def test_sarif_reflects_severity_overrides(tmp_path):
    (tmp_path / "lawgov-lint.toml").write_text('[severity]\nS005 = "info"\n', encoding="utf-8")
    p = tmp_path / "a.txt"
    p.write_text(NO_FIVE, encoding="utf-8")
    log = json.loads(run("--output-format", "sarif", str(p)).stdout)
    assert [x["level"] for x in log["runs"][0]["results"]] == ["note"]


# --------------------------------------------------------------------------- GitHub

def parse_annotation(line: str) -> tuple[str, dict[str, str], str]:
    """Parse a workflow command the way the Actions runner does (then unescape)."""
    m = re.match(r"^::(\w+) (.*?)::(.*)$", line)
    assert m, line
    unesc = lambda s: s.replace("%3A", ":").replace("%2C", ",").replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")  # noqa: E731
    props = {}
    for part in m.group(2).split(","):
        k, v = part.split("=", 1)
        props[k] = unesc(v)
    return m.group(1), props, unesc(m.group(3))


def test_github_escaping_unit():
    from lawgov_lint.reporters.github import _msg, _prop

    assert _prop("a,b:c%d\r\ne") == "a%2Cb%3Ac%25d%0D%0Ae"
    assert _msg("a,b:c%d\ne") == "a,b:c%25d%0Ae"


def test_github_annotations(tmp_path):
    odd = tmp_path / "a,b:c%.txt"
    odd.write_text(NO_FIVE, encoding="utf-8")
    info = tmp_path / "info.txt"
    info.write_text(INFO_ONLY, encoding="utf-8")
    bad = tmp_path / "scan.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n")
    r = run("--output-format", "github", str(odd), str(info), str(bad))
    lines = r.stdout.splitlines()
    assert len(lines) == 3 and r.exit_code == 2
    cmd, props, msg = parse_annotation(lines[0])
    assert cmd == "notice" and props["file"] == str(odd) and props["title"] == "S005 missing-content-5"  # info
    assert props["line"] == "1" and props["col"] == "1" and msg.startswith("S005 ")
    assert ",endLine=1,endColumn=" in lines[0]
    cmd, props, msg = parse_annotation(lines[1])
    assert cmd == "notice" and props["file"] == str(info) and msg.startswith("D006 ")
    cmd, props, msg = parse_annotation(lines[2])
    assert cmd == "error" and props["file"] == str(bad) and "OCR" in msg and "\n" not in msg


# --------------------------------------------------------------------------- JUnit

def test_junit_one_testcase_per_file(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text(COMPLETE, encoding="utf-8")
    info = tmp_path / "info.txt"
    info.write_text(INFO_ONLY, encoding="utf-8")
    bad = tmp_path / "old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 64)
    miaohang = str(FIXTURES / "miaohang-2023.txt")
    r = run("--output-format", "junit", str(clean), str(info), miaohang, str(bad))
    head, body = r.stdout.split("\n", 1)
    assert head == '<?xml version="1.0" encoding="UTF-8"?>'
    suite = ET.fromstring(body)
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [str(clean), str(info), miaohang, str(bad)]
    assert suite.get("tests") == "4" and suite.get("failures") == "1" and suite.get("errors") == "1"
    assert cases[0].find("failure") is None and cases[0].find("system-out") is None
    assert cases[1].find("failure") is None and "D006" in cases[1].find("system-out").text
    assert "M001" in cases[2].find("failure").text
    assert cases[3].find("error") is not None
    strict = ET.fromstring(run("--output-format", "junit", "--fail-on", "info", str(info)).stdout.split("\n", 1)[1])
    assert strict.get("failures") == "1"


# --------------------------------------------------------------------------- statistics, output file, formats

def test_statistics_text_and_json():
    path = str(FIXTURES / "zhaoxiang-2023.txt")
    by_code = json.loads(run("--output-format", "json", path).stdout)["summary"]["by_code"]
    r = run("--statistics", path)
    assert r.exit_code == 1
    counted: dict[str, int] = {}
    for line in r.stdout.splitlines():
        n, code, name, sev = line.split()
        counted[code] = counted.get(code, 0) + int(n)
        assert sev in ("error", "warning", "info")
    assert counted == by_code
    rows = json.loads(run("--statistics", "--output-format", "json", path).stdout)
    assert {r_["code"] for r_ in rows} == set(by_code) and all(list(x) == ["code", "name", "severity", "count"] for x in rows)
    assert sum(x["count"] for x in rows) == sum(by_code.values())


def test_output_file_for_every_format(tmp_path):
    src = str(FIXTURES / "miaohang-2023.txt")
    for fmt in ("text", "concise", "json", "jsonl", "sarif", "github", "junit"):
        out = tmp_path / f"out.{fmt}"
        r = run("--output-format", fmt, "--output-file", str(out), src)
        assert r.exit_code == 1 and r.stdout == "", fmt
        text = out.read_text(encoding="utf-8")
        assert "M001" in text and "\x1b[" not in text, fmt


def test_output_file_errors_are_one_line(tmp_path):
    r = run("--output-file", str(tmp_path / "no" / "such" / "dir" / "out.json"), str(FIXTURES / "miaohang-2023.txt"))
    assert r.exit_code == 2 and r.stderr.count("\n") == 1 and "--output-file" in r.stderr


def test_unknown_output_format():
    r = run("--output-format", "xml", str(FIXTURES / "miaohang-2023.txt"))
    assert r.exit_code == 2 and "unknown format 'xml'" in r.stderr and "sarif" in r.stderr


def test_jsonl_lines_are_findings_or_errors(tmp_path):
    bad = tmp_path / "x.wps"
    bad.write_bytes(b"junk")
    r = run("--output-format", "jsonl", str(FIXTURES / "miaohang-2023.txt"), str(bad))
    rows = [json.loads(l) for l in r.stdout.splitlines()]
    assert all(list(x)[:2] == ["path", "code"] for x in rows[:-1])
    assert rows[-1] == {"path": str(bad), "error": rows[-1]["error"]} and rows[-1]["error"]


# --------------------------------------------------------------------------- colour

def _on_tty(args: list[str], env: dict[str, str]) -> str:
    import pty

    master, slave = pty.openpty()
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    full_env.update(env, COLUMNS="120")
    p = subprocess.Popen([EXE, *AS_OF, *args], stdout=slave, stderr=slave, env=full_env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    p.wait()
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_colour_only_on_a_terminal_and_no_color(tmp_path):
    src = str(FIXTURES / "miaohang-2023.txt")
    assert "\x1b[" in _on_tty([src], {})
    assert "\x1b[" not in _on_tty([src], {"NO_COLOR": "1"})
    assert "\x1b[" in _on_tty([src], {"NO_COLOR": ""}), "an empty NO_COLOR is unset (no-color.org)"
    out = tmp_path / "o.txt"
    _on_tty(["--output-file", str(out), src], {})
    assert "\x1b[" not in out.read_text(encoding="utf-8")
    piped = subprocess.run([EXE, *AS_OF, src], capture_output=True, text=True,
                           env={k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")})
    assert "\x1b[" not in piped.stdout
    forced = subprocess.run([EXE, *AS_OF, src], capture_output=True, text=True,
                            env=dict(os.environ, FORCE_COLOR="1", NO_COLOR=""))
    assert "\x1b[" in forced.stdout


# --------------------------------------------------------------------------- rule docs

def test_list_rules_one_line_per_rule():
    from lawgov_lint.checks import iter_rules

    lines = run("--list-rules").stdout.splitlines()
    rules = list(iter_rules())
    assert len(lines) == len(rules)
    for line, r in zip(lines, rules):
        code, name, sev, summary = line.split(None, 3)
        assert (code, name) == (r.code, r.name) and summary == r.summary
        assert sev.split("/")[0] == r.severity


def test_explain_one_rule_per_family():
    from lawgov_lint.checks import iter_rules

    families = {}
    for r in iter_rules():
        families.setdefault(r.code[0], r)
    assert set("SDML") <= set(families)
    for r in families.values():
        out = run("--explain", r.code)
        assert out.exit_code == 0
        text = out.stdout
        for needle in (r.code, r.name, r.summary, "Why: ", "Source: " + r.source, "Fails:", *r.fail.splitlines(), "Passes:",
                       *r.passes.splitlines(), "Configuration:", f'ignore = ["{r.code}"]', f"<!-- lawgov-lint: ignore[{r.code}] -->",
                       "Docs: https://"):
            assert needle in text, (r.code, needle)
    assert run("--explain", "missing-content-5").stdout.startswith("S005 missing-content-5")
    assert run("--explain", "s005").exit_code == 0


# --------------------------------------------------------------------------- README and pre-commit

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_options_section_is_current():
    from lawgov_lint.docs import OPTIONS_BEGIN, OPTIONS_END, options_markdown

    block = README.split(OPTIONS_BEGIN, 1)[1].split(OPTIONS_END, 1)[0]
    assert block.strip() == options_markdown().strip(), "run `python -m lawgov_lint.docs` to regenerate the options"


def test_readme_documents_every_flag_and_config_key():
    from lawgov_lint.config import KEYS

    prose = README.split("<!-- options:begin -->")[0] + README.split("<!-- options:end -->")[1]
    for param in main.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--") and opt not in ("--help", "--version"):
                assert f"`{opt}" in prose, f"{opt} is not described in the README prose"
    for key in KEYS:
        assert f"`{key}`" in prose, f"config key {key} is not documented"
    assert "[tool.lawgov-lint]" in prose and "--output-format github" in prose
    assert "github/codeql-action/upload-sarif" in prose and ".pre-commit-config.yaml" in prose


def test_readme_config_example_is_valid(tmp_path):
    import tomllib

    from lawgov_lint.checks import iter_rules
    from lawgov_lint.config import KEYS, load_config
    from lawgov_lint.selectors import matches as selector_matches

    example = re.search(r"```toml\n(# pyproject\.toml\n\[tool\.lawgov-lint\].*?)```", README, re.S)
    assert example, "the README has a [tool.lawgov-lint] example"
    table = tomllib.loads(example.group(1))["tool"]["lawgov-lint"]
    assert set(table) == set(KEYS), "the example shows every key"
    for pack in table.get("rule-packs", []):
        (tmp_path / pack).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / pack).write_text("", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(example.group(1), encoding="utf-8")
    rules = list(iter_rules())
    cfg = load_config(tmp_path / "pyproject.toml",
                      known=lambda s: s.upper() == "ALL" or any(selector_matches(s, r.code, r.name) for r in rules),
                      is_code=lambda k: any(k.upper() == r.code or k == r.name for r in rules))
    assert cfg.select and cfg.per_file_ignores and cfg.severity


def test_pre_commit_hook_definition():
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    field = lambda k: re.search(rf"^\s+{k}:\s*(.+)$", text, re.M).group(1).strip()  # noqa: E731
    assert re.search(r"^- id: lawgov-lint$", text, re.M)
    assert field("entry") == "lawgov-lint" and field("language") == "python"
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert field("entry") in scripts
    files = re.compile(field("files").strip("'"))
    exclude = re.compile(field("exclude").strip("'"))
    for name in ("a.docx", "reports/b.PDF", "c.txt", "d.md"):
        assert files.search(name) and not exclude.search(name), name
    for name in ("a.doc", "b.wps", "c.docx.bak"):
        assert not files.search(name), name
    assert exclude.search("reports/~$a.docx")

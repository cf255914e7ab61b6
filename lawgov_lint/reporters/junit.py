"""``junit``: JUnit XML, one testcase per file (failures = findings)."""

from __future__ import annotations

from typing import IO, Any
from xml.etree import ElementTree as ET

from ..engine import FileResult, Options
from .text import location_label


def report_junit(results: list[FileResult], options: Options, summary: dict[str, Any], stream: IO[str], color: bool) -> None:
    suite = ET.Element("testsuite", name="lawgov-lint", tests=str(len(results)))
    failures = errors = 0
    for r in results:
        case = ET.SubElement(suite, "testcase", name=r.path, classname="lawgov-lint")
        if r.error:
            errors += 1
            ET.SubElement(case, "error", message=r.error).text = r.error
        elif r.findings:
            failures += 1
            lines = [f"{location_label(f)}: {f.severity} {f.code} {f.message}" for f in r.findings]
            ET.SubElement(case, "failure", message=f"{len(r.findings)} finding(s)", type="lawgov-lint").text = "\n".join(lines)
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    ET.indent(suite)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(suite, encoding="unicode"))
    stream.write("\n")

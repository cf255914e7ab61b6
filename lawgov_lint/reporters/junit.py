"""``junit``: JUnit XML, one ``testcase`` per file.

A file fails when it has a finding at or above its ``--fail-on`` severity
(what makes the exit code 1); its findings are listed in the ``failure``
element, one per line. A file with findings only below that threshold passes
and lists them in ``system-out``. An unreadable file is an ``error``.
"""

from __future__ import annotations

import re
from typing import IO, Any
from xml.etree import ElementTree as ET

from ..engine import FileResult, Options
from ..findings import SEVERITY_RANK
from ..catalogue import ui
from .text import location_label

# characters XML 1.0 cannot hold
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(s: str) -> str:
    return _INVALID.sub("\ufffd", s)


def report_junit(results: list[FileResult], options: Options, summary: dict[str, Any], stream: IO[str], color: bool) -> None:
    suite = ET.Element("testsuite", name="lawgov-lint", tests=str(len(results)))
    failures = errors = 0
    lang = options.lang
    t = ui(lang)
    for r in results:
        case = ET.SubElement(suite, "testcase", name=_x(r.path), classname="lawgov-lint")
        if r.error:
            errors += 1
            ET.SubElement(case, "error", message=_x(r.error), type="unreadable").text = _x(r.error)
            continue
        if not r.findings:
            continue
        fail_on = (r.options or options).fail_on
        lines = [_x(f"{location_label(f, lang=lang)}: {t('ui.severity.' + f.severity)} {f.code} {f.message}")
                 for f in r.findings]
        failing = [f for f in r.findings if SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on]]
        if failing:
            failures += 1
            ET.SubElement(case, "failure", message=t("ui.junit.failure", n=len(failing), level=t("ui.severity." + fail_on)),
                          type="lawgov-lint").text = "\n".join(lines)
        else:
            ET.SubElement(case, "system-out").text = "\n".join(lines)
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    ET.indent(suite)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(suite, encoding="unicode"))
    stream.write("\n")

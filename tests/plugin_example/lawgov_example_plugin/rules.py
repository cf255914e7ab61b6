"""X001 unfinished-text: drafting residue such as 待补充 or TODO left in the report.

Importing this module registers the rule and its check (entry point group
``lawgov_lint.rules``).
"""

from __future__ import annotations

import re

from lawgov_lint.checks import Hit, check, rule

MARKERS = re.compile(r"待补充|待完善|TODO", re.IGNORECASE)

rule("X001", "unfinished-text", "warning",
     "Drafting residue (待补充, 待完善, TODO) left in the report.", "example plugin (house style)",
     fail="全年办理行政复议案件（待补充）件。", passes="全年办理行政复议案件12件。",
     origin="lawgov-lint-example-plugin")


@check("X001", origin="lawgov-lint-example-plugin")
def unfinished(ctx):
    for i in ctx.report.body_range():
        text = ctx.doc.blocks[i].text
        for m in MARKERS.finditer(text):
            yield Hit("X001", i, m.start(), m.end(), f"unfinished text “{m.group()}”", "fill in or delete it")

"""The registry and the run are values (issue 15 item 2): rules and checks assembled into an immutable
Registry passed along; a plugin that fails leaves nothing half-built; a failing plugin check costs
its own findings only; the same report gives the same findings alone and after other files."""

from __future__ import annotations

import json
import shutil
import types

import pytest
from click.testing import CliRunner

from helpers import COMPLETE, FIXTURES, codes, lint_text
from lawgov_lint import plugins
from lawgov_lint.checks import Check, Hit, Registry, RuleError, builtin_registry, check, rule
from lawgov_lint.cli import main

UNFINISHED = COMPLETE.replace("办理行政复议案件12件", "办理行政复议案件（待补充）件")


def test_the_builtin_registry_is_one_immutable_value():
    reg = builtin_registry()
    assert reg is builtin_registry() is plugins.build_registry(plugins=False)
    assert {"S001", "T001", "N002", "L001"} <= set(reg.rules)
    with pytest.raises(TypeError):
        reg.rules["X999"] = reg.rules["S001"]  # type: ignore[index]
    assert all(c in reg.rules for chk in reg.checks for c in chk.codes)
    assert reg.find("term-near-miss").code == "T001" and reg.find("t001").code == "T001"


def test_declaring_registers_nothing():
    rule("X701", "declared-only", "info", "declared in a test", "test")
    assert "X701" not in builtin_registry().rules


def test_assembling_finds_collisions():
    s001 = builtin_registry().rules["S001"]
    with pytest.raises(RuleError, match=r"rule code S001 declared twice \(a and b\)"):
        Registry.assemble([("a", s001), ("b", s001.__class__("S001", "other-name", "info", "x", "y"))])
    with pytest.raises(RuleError, match="rule name missing-content-1 used by both S001 and X702"):
        Registry.assemble([("a", s001), ("b", s001.__class__("X702", s001.name, "info", "x", "y"))])
    with pytest.raises(RuleError, match="yields undeclared code X703"):
        Registry.assemble([("a", s001), ("a", Check(("X703",), lambda ctx: ()))])


class _EntryPoint:
    """Enough of importlib.metadata.EntryPoint for plugins.build_registry."""

    def __init__(self, name: str, value: str, obj) -> None:
        self.name, self.value, self._obj, self.dist = name, value, obj, types.SimpleNamespace(name="t-plugin", version="1")

    def load(self):
        return self._obj


def _half_then_raise():
    rule("X711", "half-declared", "info", "declared before the plugin fails", "test")
    raise RuntimeError("bad config")


def _good_plugin():
    rule("X712", "good-plugin-rule", "warning", "from a plugin that loads", "test")

    @check("X712")
    def good(ctx):
        return iter(())


def test_a_plugin_that_fails_leaves_no_half_built_registry(monkeypatch):
    bad = _EntryPoint("bad", "tests:_half_then_raise", _half_then_raise)
    good = _EntryPoint("good", "tests:_good_plugin", _good_plugin)
    monkeypatch.setattr(plugins, "entry_points", lambda group: [bad, good] if group == plugins.RULE_GROUP else [])
    with pytest.raises(plugins.PluginError, match="'bad'.*t-plugin 1.*RuntimeError: bad config"):
        plugins.build_registry(plugins=True)
    assert "X711" not in builtin_registry().rules
    monkeypatch.setattr(plugins, "entry_points", lambda group: [good] if group == plugins.RULE_GROUP else [])
    reg = plugins.build_registry(plugins=True)
    assert "X712" in reg.rules and "X711" not in reg.rules and "X712" not in builtin_registry().rules
    assert plugins.build_registry(plugins=True).rules == reg.rules, "building twice gives an equal value"


def test_a_failing_plugin_check_keeps_the_builtin_findings():
    def crash(ctx):
        raise ZeroDivisionError("division by zero")
        yield  # pragma: no cover

    crash.__module__ = "someplugin.rules"
    base = builtin_registry()
    x = base.rules["S001"].__class__("X721", "crashing-plugin-rule", "warning", "crashes", "test")
    reg = base.extended([("someplugin.rules", x), ("someplugin.rules", Check(("X721",), crash))])
    alone = lint_text(UNFINISHED)
    r = lint_text(UNFINISHED, registry=reg)
    assert r.error == ("rule plugin check someplugin.rules.test_a_failing_plugin_check_keeps_the_builtin_findings."
                       "<locals>.crash failed: ZeroDivisionError: division by zero; its findings are missing")
    assert codes(r) == codes(alone) and r.findings == alone.findings


def test_hits_of_a_plugin_check_are_kept_next_to_the_builtin_ones():
    def todo(ctx):
        for i in ctx.report.body_range():
            k = ctx.doc.blocks[i].text.find("待补充")
            if k >= 0:
                yield Hit("X722", i, k, k + 3, "unfinished text")

    todo.__module__ = "someplugin.rules"
    base = builtin_registry()
    x = base.rules["S001"].__class__("X722", "unfinished-plugin-rule", "warning", "unfinished", "test")
    r = lint_text(UNFINISHED, registry=base.extended([("someplugin.rules", x), ("someplugin.rules", Check(("X722",), todo))]))
    assert r.error is None and [f.excerpt for f in r.findings if f.code == "X722"] == ["待补充"]


# --------------------------------------------------------------------------- order and selection

SELECTIONS = [(), ("--select", "T"), ("--select", "T002"), ("--select", "N,P"), ("--ignore", "T001")]


def _findings(args: list[str], target: str) -> str:
    r = CliRunner().invoke(main, ["--as-of", "2026-11-21", "--jobs", "1", "--no-plugins", "--output-format", "json",
                                  *args])
    assert r.exit_code in (0, 1), r.output
    files = json.loads(r.stdout)["files"]
    mine = next(f for f in files if f["path"] == target)
    return json.dumps(mine, ensure_ascii=False, sort_keys=True)


@pytest.mark.parametrize("selection", SELECTIONS, ids=lambda s: " ".join(s) or "default")
def test_a_report_gives_the_same_findings_alone_and_after_other_files(tmp_path, selection):
    others = tmp_path / "others"
    others.mkdir()
    # the other files have their own packs: extra dictionary words and a severity override
    (others / "extra.toml").write_text('[dictionary]\nwords = [["政建设", 90000, "n"], ["工作体质", 90000, "n"]]\n\n'
                                       '[severity]\nT001 = "info"\n', encoding="utf-8")
    (others / "lawgov-lint.toml").write_text('rule-packs = ["extra.toml"]\n', encoding="utf-8")
    for name in ("anting-2023.txt", "waigang-2022.docx"):
        shutil.copy(FIXTURES / name, others / name)
    (others / "typos.txt").write_text(COMPLETE.replace("法治政府建设", "法治政建设", 1), encoding="utf-8")
    target = tmp_path / "qingpu-2023.txt"
    shutil.copy(FIXTURES / "qingpu-2023.txt", target)
    sel = list(selection)
    alone = _findings([*sel, str(target)], str(target))
    after = _findings([*sel, str(others / "typos.txt"), str(others / "anting-2023.txt"),
                       str(others / "waigang-2022.docx"), str(target)], str(target))
    before = _findings([*sel, str(target), str(others / "typos.txt")], str(target))
    assert after == alone and before == alone

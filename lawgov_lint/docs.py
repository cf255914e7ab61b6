"""Documentation generated from metadata: --list-rules, --explain, docs/rules.md (English) and
docs/rules.zh.md (Chinese), and the README's rule tables (English and Chinese), options list and
real output (``python -m lawgov_lint.docs``)."""

from __future__ import annotations

from .checks import FAMILIES, Registry, Rule, builtin_registry
from .findings import rule_url
from .catalogue import builtin_catalogue
from .i18n import Catalogue
from .loaders.text import display_width

FAMILIES_ZH = {"S": "结构", "D": "日期和期限", "M": "必备表述", "N": "数字和指标", "T": "用语和错别字",
               "P": "标点符号", "F": "公文格式", "L": "本工具自身"}


def _catalogue() -> Catalogue:
    return builtin_catalogue()


def rule_text(r: Rule, part: str, lang: str = "en", catalogue: Catalogue | None = None) -> str:
    """A rule's ``summary`` or ``why`` in ``lang``: the Chinese from the catalogue
    (``rule.<CODE>.<part>``), else the English declared with the rule."""
    english = getattr(r, part)
    if lang == "zh":
        entry = (catalogue or _catalogue()).entries.get(f"rule.{r.code}.{part}", {})
        return entry.get("zh") or english
    return english


def family_name(code: str, lang: str = "en") -> str:
    return (FAMILIES_ZH if lang == "zh" else FAMILIES).get(code[0], "")


def find_rule(key: str, registry: Registry | None = None) -> Rule | None:
    """The rule with code or name ``key`` in ``registry`` (default: the built-in rules), or None."""
    return (registry or builtin_registry()).find(key)


def _severity_words(r: Rule, lang: str, cat: Catalogue) -> list[str]:
    return [cat.text(f"ui.severity.{s}", lang) if lang == "zh" else s for s in r.severities]


def list_rules_text(lang: str = "en", registry: Registry | None = None) -> str:
    """``--list-rules``: code, name, default severity and summary of every rule of ``registry``
    (default: the built-in rules), one a line."""
    cat = _catalogue()
    lines = []
    for r in (registry or builtin_registry()).iter_rules():
        sev = "/".join(_severity_words(r, lang, cat))
        pad = " " * max(0, 14 - display_width(sev))
        lines.append(f"{r.code}  {r.name:<36} {sev}{pad} {rule_text(r, 'summary', lang, cat)}")
    return "\n".join(lines)


def explain_rule(key: str, lang: str = "en", registry: Registry | None = None) -> str | None:
    """``--explain CODE``: the rule's summary, rationale, source, examples and how to configure it
    (in ``lang``), or None for an unknown code or name."""
    r = find_rule(key, registry)
    if r is None:
        return None
    cat = _catalogue()

    def t(mid: str, **args) -> str:
        return cat.text(f"ui.explain.{mid}", lang, {"code": r.code, "name": r.name, **args})

    indent = "\n    "
    parts = [t("head", family=family_name(r.code, lang), severity=" / ".join(_severity_words(r, lang, cat))),
             "", rule_text(r, "summary", lang, cat),
             "", t("why", why=rule_text(r, "why", lang, cat) or t("why-default", source=r.source)),
             "", t("source", source=r.source)]
    if r.fail:
        parts += ["", t("fails"), "    " + r.fail.replace("\n", indent)]
    if r.passes:
        parts += ["", t("passes"), "    " + r.passes.replace("\n", indent)]
    other = next(s for s in ("info", "warning", "error") if s != r.severity)
    parts += ["", t("config"), t("config-cli"), t("config-file"),
              f"        ignore = [\"{r.code}\"]",
              f"        per-file-ignores = {{ \"drafts/**\" = [\"{r.code}\"] }}",
              f"        severity = {{ {r.code} = \"{other}\" }}",
              t("config-txt"), f"        <!-- lawgov-lint: ignore[{r.code}] -->", t("config-docx"),
              "", t("docs", url=rule_url(r.code, r.name))]
    return "\n".join(parts)


def rules_markdown(lang: str = "en") -> str:
    """The README's rule table in ``lang`` (generated; do not edit by hand). The English table carries
    the anchors the findings' ``url`` points to; the Chinese one links each code to docs/rules.zh.md."""
    if lang == "zh":
        cat = _catalogue()
        out = ["| 代码 | 名称 | 默认级别 | 规则 | 依据 |", "|---|---|---|---|---|"]
        for r in builtin_registry().iter_rules():
            sev = " / ".join(_severity_words(r, lang, cat))
            summary = rule_text(r, "summary", lang, cat).replace("|", "\\|")
            source = r.source.replace("|", "\\|")
            out.append(f"| [`{r.code}`](docs/rules.zh.md#{r.code.lower()}-{r.name}) | `{r.name}` | {sev} | {summary} "
                       f"| {source} |")
        return "\n".join(out)
    out = ["| code | name | severity | rule | source |", "|---|---|---|---|---|"]
    for r in builtin_registry().iter_rules():
        sev = " / ".join(r.severities)
        summary = r.summary.replace("|", "\\|")
        source = r.source.replace("|", "\\|")
        out.append(f'| <a id="{r.code.lower()}-{r.name}"></a>`{r.code}` | `{r.name}` | {sev} | {summary} | {source} |')
    return "\n".join(out)


def rules_page(lang: str = "en") -> str:
    """docs/rules.md (``lang="en"``) or docs/rules.zh.md (``"zh"``): one section per rule with its family,
    default severity, summary, rationale, source and examples."""
    cat = _catalogue()
    if lang == "zh":
        body = ["# lawgov-lint 规则说明", "", "由 `python -m lawgov_lint.docs` 根据规则元数据生成，请勿手工修改。"
                "English: [rules.md](rules.md)。", ""]
    else:
        body = ["# lawgov-lint rules", "", "Generated from the rule metadata by `python -m lawgov_lint.docs`.", ""]
    for r in builtin_registry().iter_rules():
        sev = " / ".join(_severity_words(r, lang, cat))
        why = rule_text(r, "why", lang, cat)
        body += [f"## {r.code} {r.name}", f'<a id="{r.code.lower()}-{r.name}"></a>', ""]
        if lang == "zh":
            body += [f"*{family_name(r.code, lang)}* — {cat.text('ui.default_severity', lang)}：**{sev}**", "",
                     rule_text(r, "summary", lang, cat), ""]
            if why:
                body += [f"{cat.text('ui.why', lang)}：{why}", ""]
            body += [f"{cat.text('ui.source', lang)}：{r.source}", ""]
            labels = (f"{cat.text('ui.fails', lang)}：", f"{cat.text('ui.passes', lang)}：")
        else:
            body += [f"*{FAMILIES.get(r.code[0], '')}* — default severity **{sev}**", "", r.summary, ""]
            if why:
                body += [why, ""]
            body += [f"Source: {r.source}", ""]
            labels = ("Fails:", "Passes:")
        if r.fail:
            body += [labels[0], "", "```", r.fail, "```", ""]
        if r.passes:
            body += [labels[1], "", "```", r.passes, "```", ""]
    return "\n".join(body)


RULE_PAGES = {"en": "docs/rules.md", "zh": "docs/rules.zh.md"}

BEGIN = "<!-- rules:begin (generated by `python -m lawgov_lint.docs`; do not edit) -->"
END = "<!-- rules:end -->"
ZH_BEGIN = "<!-- rules-zh:begin (generated by `python -m lawgov_lint.docs`; do not edit) -->"
ZH_END = "<!-- rules-zh:end -->"
OPTIONS_BEGIN = "<!-- options:begin -->"
OPTIONS_END = "<!-- options:end -->"
HELP_WIDTH = 100


def help_text() -> str:
    """``lawgov-lint --help`` at a fixed width (what the README shows).

    Run in a subprocess: the CLI is the layer above this module.
    """
    import os
    import subprocess
    import sys

    env = dict(os.environ, COLUMNS=str(HELP_WIDTH), PYTHONIOENCODING="utf-8", NO_COLOR="1")
    out = subprocess.run([sys.executable, "-m", "lawgov_lint.cli", "--help"], capture_output=True, env=env,
                         check=True)
    return out.stdout.decode("utf-8").replace("\r\n", "\n")


def options_markdown() -> str:
    """The README's options list: the ``--help`` output in a code block."""
    return "```text\n" + help_text().rstrip() + "\n```"


OUTPUT_BEGIN = "<!-- output:begin -->"
OUTPUT_END = "<!-- output:end -->"
# The README shows the tool's real output on real reports, with today's date and the language pinned:
# in Chinese first (the readers' language), then in English.
EXAMPLE_RUNS = [
    ["--lang", "zh", "--as-of", "2026-11-21", "fixtures/qingpu-2023.docx"],
    ["--lang", "zh", "--as-of", "2026-11-21", "--output-format", "concise", "fixtures/zhaoxiang-2023.pdf"],
    ["--lang", "en", "--as-of", "2026-11-21", "fixtures/qingpu-2023.docx"],
    ["--lang", "en", "--as-of", "2026-11-21", "--output-format", "concise", "fixtures/zhaoxiang-2023.pdf"],
]


def example_output() -> str:
    """The README's "Real output" block: the commands of EXAMPLE_RUNS and what they print."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8")
    env.pop("FORCE_COLOR", None)
    parts = []
    for args in EXAMPLE_RUNS:
        out = subprocess.run([sys.executable, "-m", "lawgov_lint.cli", *args], capture_output=True, env=env, cwd=root)
        shown = " ".join(a for a in args)
        text = out.stdout.decode("utf-8").replace("\r\n", "\n").rstrip()
        text = "\n".join(line.rstrip() for line in text.splitlines())
        parts.append(f"```text\n$ lawgov-lint {shown}\n{text}\n```\n(exit code {out.returncode})")
    return "\n\n".join(parts)


def _replace_between(text: str, begin: str, end: str, body: str) -> str:
    start = text.index(begin) + len(begin)
    stop = text.index(end, start)
    return text[:start] + "\n" + body + "\n" + text[stop:]


def update_readme(text: str) -> str:
    """README text with the generated rule tables (English, and Chinese when its markers are there),
    options list and real output between their markers replaced."""
    text = _replace_between(text, BEGIN, END, rules_markdown())
    if ZH_BEGIN in text:
        text = _replace_between(text, ZH_BEGIN, ZH_END, rules_markdown("zh"))
    if OPTIONS_BEGIN in text:
        text = _replace_between(text, OPTIONS_BEGIN, OPTIONS_END, options_markdown())
    if OUTPUT_BEGIN in text:
        text = _replace_between(text, OUTPUT_BEGIN, OUTPUT_END, example_output())
    return text


def main() -> None:  # pragma: no cover - a maintenance script
    """Regenerate the rule tables, options list and real output in README.md, and docs/rules.md and
    docs/rules.zh.md."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    readme = root / "README.md"
    readme.write_text(update_readme(readme.read_text(encoding="utf-8")), encoding="utf-8")
    for lang, rel in RULE_PAGES.items():
        page = root / rel
        page.parent.mkdir(exist_ok=True)
        page.write_text(rules_page(lang), encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    main()

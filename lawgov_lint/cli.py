"""Command line: ``lawgov-lint [OPTIONS] PATH...`` (SPEC §7).

Exit codes: 0 no finding at or above ``--fail-on`` (or ``--exit-zero``); 1
findings; 2 usage error or any file that could not be read (also with
``--exit-zero``). Every readable file is linted before exiting.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from . import __version__
from .findings import SEVERITY_RANK

INPUT_SUFFIXES = (".docx", ".pdf", ".txt", ".md")


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in ISO form YYYY-MM-DD") from None


def _codes(value: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for v in value:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def collect_paths(paths: tuple[str, ...]) -> list[str]:
    """Expand folders recursively into report files (hidden files and ``~$`` lock files skipped)."""
    out: list[str] = []
    for p in paths:
        if p == "-":
            out.append(p)
            continue
        path = Path(p)
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    if name.startswith((".", "~$")):
                        continue
                    if name.lower().endswith(INPUT_SUFFIXES):
                        found.append(os.path.join(root, name))
            out.extend(sorted(found))
        else:
            out.append(p)
    return out


def _lint_one(args):
    path, options, data, name = args
    from .engine import lint_path

    return lint_path(path, options, data=data, display_name=name)


@click.command(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.argument("paths", nargs=-1, type=str)
@click.option("--output-format", type=click.Choice(["text", "concise", "json", "jsonl", "sarif", "github", "junit"]),
              default="text", show_default=True, help="How to print findings.")
@click.option("--output-file", type=click.Path(dir_okay=False, writable=True), help="Write the output to FILE instead of standard output.")
@click.option("--select", multiple=True, help="Only these rules: codes, prefixes (N, S1) or names; comma-separated or repeated.")
@click.option("--extend-select", multiple=True, help="Add rules to the selection.")
@click.option("--ignore", multiple=True, help="Skip these rules (codes, prefixes or names).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings (unreadable files still exit 2).")
@click.option("--rule-pack", "rule_packs", multiple=True, type=click.Path(), help="Extra TOML rule pack merged over the built-in ones (repeatable).")
@click.option("--list-rules", is_flag=True, help="List every rule: code, name, default severity, summary.")
@click.option("--explain", metavar="CODE", help="Explain one rule (code or name) and exit.")
@click.option("--statistics", is_flag=True, help="Print counts by rule code instead of the findings.")
@click.option("--show-metrics", is_flag=True, help="Print a table of every figure extracted from each report.")
@click.option("--deadline-profile", type=click.Choice(["standard", "province", "demonstration"]), default="standard",
              show_default=True, help="Submission deadline: 3月1日 (standard), 4月1日 (province), 1月31日 (demonstration).")
@click.option("--published-on", callback=_date, metavar="DATE", help="Publication date (YYYY-MM-DD), checked against 4月1日 (D003).")
@click.option("--as-of", callback=_date, metavar="DATE", help="Today's date for the summary's days left (default: today).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True, help="Lint files in N processes (0 = one per core).")
@click.option("--stdin-filename", metavar="NAME", help="Name (and suffix) of the report read from '-'.")
@click.option("--no-plugins", is_flag=True, help="Do not load third-party rules or reporters from entry points.")
@click.version_option(__version__, prog_name="lawgov-lint")
def main(paths, output_format, output_file, select, extend_select, ignore, fail_on, exit_zero, rule_packs,
         list_rules, explain, statistics, show_metrics, deadline_profile, published_on, as_of, jobs,
         stdin_filename, no_plugins):
    """Check Chinese 法治政府建设年度报告 (.docx, .pdf, .txt, .md) against the
    《法治政府建设与责任落实督察工作规定》 and 公文 conventions.

    PATH is a file, a folder (searched recursively) or '-' for standard input.
    """
    from . import checks as registry
    from .engine import Options
    from .packs import PackError, load_packs
    from .plugins import PluginError, load_plugins

    try:
        if not no_plugins:
            load_plugins()
        registry.load_builtin()
    except (PluginError, registry.RuleError) as e:
        _fail(str(e))
    if list_rules:
        from .docs import list_rules_text

        click.echo(list_rules_text())
        return
    if explain:
        from .docs import explain_rule

        text = explain_rule(explain)
        if text is None:
            _fail(f"unknown rule {explain!r}: see lawgov-lint --list-rules")
        click.echo(text)
        return
    if not paths:
        _fail("no PATH given: lawgov-lint [OPTIONS] PATH... (a file, a folder or '-')", usage=True)
    options = Options(
        deadline_profile=deadline_profile,
        published_on=published_on,
        as_of=as_of or dt.date.today(),
        select=_codes(select) or None,
        extend_select=_codes(extend_select),
        ignore=_codes(ignore),
        rule_packs=list(rule_packs),
    )
    known = {r.code for r in registry.iter_rules()} | {r.name for r in registry.iter_rules()}
    for sel in (options.select or []) + options.extend_select + options.ignore:
        if sel.upper() != "ALL" and sel not in known and not any(k.startswith(sel.upper()) for k in known if k[:1].isupper()):
            _fail(f"unknown rule selector {sel!r}: see lawgov-lint --list-rules")
    try:
        packs = load_packs(options.rule_packs)
    except PackError as e:
        _fail(str(e))
    options.severity.update(packs.severity_overrides)
    files = collect_paths(paths)
    if not files:
        _fail("no .docx, .pdf, .txt or .md file found in the given paths")
    jobs_n = jobs or os.cpu_count() or 1
    tasks = []
    for f in files:
        if f == "-":
            name = stdin_filename or "stdin.txt"
            tasks.append((name, options, sys.stdin.buffer.read(), name))
        else:
            tasks.append((f, options, None, None))
    if jobs_n > 1 and len(tasks) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=min(jobs_n, len(tasks))) as pool:
            results = list(pool.map(_lint_one, tasks))
    else:
        from .engine import lint_path

        results = [lint_path(p, options, packs, data=d, display_name=n) for p, _, d, n in tasks]
    from .reporters import get_reporter
    from .summary import totals

    summary = totals(results, options)
    stream = open(output_file, "w", encoding="utf-8", newline="\n") if output_file else sys.stdout
    color = (not output_file) and stream.isatty() and "NO_COLOR" not in os.environ and output_format == "text"
    if os.environ.get("FORCE_COLOR") and not output_file and "NO_COLOR" not in os.environ:
        color = output_format == "text"
    try:
        if statistics and output_format == "text":
            from .reporters.concise import report_statistics

            report_statistics(results, options, summary, stream, color)
        else:
            get_reporter(output_format)(results, options, summary, stream, color)
        if show_metrics:
            from .reporters.metrics_table import render_metrics

            render_metrics(results, stream if output_format == "text" else sys.stderr, color)
    finally:
        if output_file:
            stream.close()
    if any(r.error for r in results):
        sys.exit(2)
    if exit_zero:
        sys.exit(0)
    threshold = SEVERITY_RANK[fail_on]
    if any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings):
        sys.exit(1)
    sys.exit(0)


def _fail(message: str, usage: bool = False) -> None:
    click.echo(f"lawgov-lint: error: {message}", err=True)
    sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    main()

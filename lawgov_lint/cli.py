"""Command line: ``lawgov-lint [OPTIONS] PATH...`` (SPEC §7).

Exit codes: 0 no finding at or above ``--fail-on`` (or ``--exit-zero``); 1
findings; 2 usage error, invalid configuration, a plugin that failed to load,
or any file that could not be read (also with ``--exit-zero``). Every readable
file is linted before exiting. Every error is one line, never a traceback.

Precedence (like ruff): command-line flags over the configuration file
(``--config FILE``, else the nearest ``lawgov-lint.toml`` / ``pyproject.toml``
found from each linted file's folder upward, none with ``--isolated``) over
the defaults. Selection is layered: the configuration's select/extend-select/
ignore first, then the command line's (a ``--select`` starts over), then the
configuration's per-file-ignores.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import sys
from pathlib import Path

# Start-up (imports, the registry, the packs) allocates a few hundred thousand objects that live as long as
# the process and makes no garbage worth collecting: the default collector runs ~30 times over them (~5 ms).
# It runs rarely until the files are linted; then what start-up made is frozen out of its sight and the
# defaults come back (:func:`_start_linting`), so that each file's garbage is collected as before. Not in a
# process multiprocessing started (a --jobs worker under spawn or forkserver imports this module but never
# runs main(), so nothing would give the defaults back).
_GC_DEFAULTS = gc.get_threshold()
_GC_STARTUP = (100_000, 50, 50)
if "multiprocessing" not in sys.modules:
    gc.set_threshold(*_GC_STARTUP)

import click  # noqa: E402 - after the collector is set, so that imports run under it

from . import __version__
from .findings import SEVERITY_RANK
from .loaders import SUPPORTED
from .reporters import BUILTIN_FORMATS, STREAMING_FORMATS



def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in ISO form YYYY-MM-DD") from None


def _published_on(ctx, param, value):
    """A date, or a CSV file ``file,published_on`` read into {file name: date} (SPEC §7)."""
    if value is None:
        return None
    if os.path.isfile(value) and not _is_iso(value):
        from .published import PublishedError, read_published_csv

        try:
            return read_published_csv(value)
        except PublishedError as e:
            raise click.BadParameter(str(e)) from None
    return _date(ctx, param, value)


def _is_iso(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _codes(value: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for v in value:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


# Report-like files in a folder that we cannot read: listed as unreadable, never skipped (SPEC §3).
UNREADABLE_REPORT_SUFFIXES = (".doc", ".wps", ".ofd", ".rtf", ".odt")


def collect_paths(paths: tuple[str, ...], exclude: tuple[str, ...] = ()) -> list[str]:
    """Expand folders recursively into report files.

    Hidden files and folders and Word lock files (``~$…``) are skipped; files
    matching an ``exclude`` glob (relative to the folder given; a pattern
    without ``/`` matches any file or folder name) are left out. Report-like
    files we cannot read (:data:`UNREADABLE_REPORT_SUFFIXES`) are kept, so that
    the run reports them as unreadable. Files named explicitly are always kept.
    """
    from .config import glob_match

    out: list[str] = []
    for p in paths:
        if p == "-":
            out.append(p)
            continue
        path = Path(p)
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and not _excluded(Path(root, d), path, exclude, glob_match))
                for name in files:
                    if name.startswith((".", "~$")):
                        continue
                    if name.lower().endswith(SUPPORTED + UNREADABLE_REPORT_SUFFIXES):
                        full = os.path.join(root, name)
                        if not _excluded(Path(full), path, exclude, glob_match):
                            found.append(full)
            out.extend(sorted(found))
        else:
            out.append(p)
    return out


def _excluded(path: Path, root: Path, patterns, glob_match) -> bool:
    return any(glob_match(pat, path, root) for pat in patterns)


def _is_tty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def use_color(stream, to_file: bool) -> bool:
    """Colour only on a terminal; ``NO_COLOR`` (non-empty) disables, ``FORCE_COLOR`` (non-empty) forces it."""
    if to_file or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return _is_tty(stream)


def _start_linting() -> None:
    """Start-up is over: freeze what it made (it lives until the process ends; forked workers share it
    untouched) and give the collector back its default thresholds. Once per process."""
    if gc.get_threshold() == _GC_STARTUP:
        gc.freeze()
        gc.set_threshold(*_GC_DEFAULTS)


@click.command(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.argument("paths", nargs=-1, type=str, metavar="PATH...")
@click.option("--output-format", metavar="FORMAT", default="text", show_default=True,
              help="How to print findings: text, concise, json, jsonl, sarif, github, junit, or a plugin's format.")
@click.option("--output-file", metavar="FILE", help="Write the output to FILE instead of standard output.")
@click.option("--select", multiple=True, metavar="RULES",
              help="Only these rules (replaces the configuration's select): codes, prefixes (N, S1), names or ALL; "
                   "comma-separated or repeated.")
@click.option("--extend-select", multiple=True, metavar="RULES", help="Add rules to the selection.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules (codes, prefixes or names).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the exit code 1 (default: the configuration's fail-on, else error).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings (unreadable files still exit 2).")
@click.option("--config", "config_file", metavar="FILE",
              help="Use this configuration file (lawgov-lint.toml or pyproject.toml) for every input.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--rule-pack", "rule_packs", multiple=True, metavar="FILE",
              help="Extra TOML rule pack merged over the built-in ones and the configuration's (repeatable).")
@click.option("--list-rules", is_flag=True, help="List every rule: code, name, default severity, summary.")
@click.option("--explain", metavar="CODE", help="Explain one rule (code or name) and exit.")
@click.option("--statistics", is_flag=True, help="Print counts by rule code instead of the findings.")
@click.option("--show-metrics", is_flag=True, help="Print a table of every figure extracted from each report.")
@click.option("--deadline-profile", type=click.Choice(["standard", "province", "demonstration"]), default=None,
              help="Submission deadline: 3月1日 (standard, the default), 4月1日 (province), 1月31日 (demonstration).")
@click.option("--published-on", callback=_published_on, metavar="DATE|CSV",
              help="Publication date (YYYY-MM-DD), checked against 4月1日 (D003); or a CSV file with columns "
                   "file,published_on giving one date per report (matched by file name).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of messages, suggestions, --explain and the summary: zh or en (default: the "
                   "configuration's lang, else zh on a Chinese locale — LC_ALL, LC_MESSAGES, LANG — else en).")
@click.option("--year", type=click.IntRange(1990, 2100), default=None, metavar="Y",
              help="The reporting year being collected: supplies the year when a report gives none; a report "
                   "whose own evidence names another year gets S014.")
@click.option("--as-of", callback=_date, metavar="DATE", help="Today's date for the summary's days left (default: today).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, metavar="N",
              help="Lint files in N processes (0 = one per core; default 1).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help="Give up on a file after SECONDS (it is then reported as unreadable, exit 2); each file runs in "
                   "a worker process that is stopped when the time is up.")
@click.option("--stdin-filename", metavar="NAME",
              help="Name of the report read from '-' (its suffix picks the reader; used in output and to find the "
                   "configuration).")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Leave out files of a folder run that match GLOB (relative to the folder; a pattern without '/' "
                   "matches any file or folder name; repeatable; config key exclude).")
@click.option("--quiet", "-q", is_flag=True,
              help="Print only findings at or above --fail-on, without the summary table.")
@click.option("--summary", "summary_file", metavar="FILE",
              help="Also write the 汇总表, one row per file, to FILE (.csv in UTF-8 with BOM, or .xlsx).")
@click.option("--html", "html_file", metavar="FILE",
              help="Also write a self-contained HTML report (compliance table, each text with its findings).")
@click.option("--annotate", "annotate_dir", metavar="DIR",
              help="Also write a copy of each .docx to DIR/<relative path>/<stem>.lawgov.docx with every finding "
                   "as a Word comment (批注).")
@click.option("--no-plugins", is_flag=True, help="Do not load third-party rules or reporters from entry points.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to .txt/.md files in place, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: apply unsafe fixes (term near-misses…) too.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and change nothing (exit 1 if any).")
@click.option("--lsp", is_flag=True, help="Run the language server on standard input/output (for editors).")
@click.version_option(__version__, prog_name="lawgov-lint")
def main(paths, output_format, output_file, select, extend_select, ignore, fail_on, exit_zero, config_file, isolated,
         rule_packs, list_rules, explain, statistics, show_metrics, deadline_profile, published_on, lang, year, as_of, jobs,
         timeout, exclude, quiet, summary_file, html_file, annotate_dir, stdin_filename, no_plugins, fix, unsafe_fixes,
         diff, lsp):
    """Check Chinese 法治政府建设年度报告 (.docx, .pdf, .txt, .md, .html) against the
    《法治政府建设与责任落实督察工作规定》 and 公文 conventions.

    PATH is a file, a folder (searched recursively) or '-' for standard input.
    """
    from .checks import RuleError
    from .i18n import detect_lang
    from .plugins import PluginError, build_registry, plugin_reporters

    try:
        registry = build_registry(plugins=not no_plugins)
        extra_formats = plugin_reporters() if not no_plugins else {}
    except (PluginError, RuleError) as e:
        _fail(str(e))
    if list_rules:
        from .docs import list_rules_text

        click.echo(list_rules_text(lang or detect_lang(), registry))
        return
    if explain:
        from .docs import explain_rule

        text = explain_rule(explain, lang or detect_lang(), registry)
        if text is None:
            _fail(f"unknown rule {explain!r}: see lawgov-lint --list-rules")
        click.echo(text)
        return
    if lsp:
        from .lsp import serve

        _start_linting()
        sys.exit(serve(isolated=isolated, config_file=config_file))
    if unsafe_fixes and not (fix or diff):
        _fail("--unsafe-fixes goes with --fix or --diff")
    formats = list(BUILTIN_FORMATS) + sorted(extra_formats)
    if output_format not in formats:
        _fail(f"--output-format: unknown format {output_format!r} (choose from {', '.join(formats)})")
    if config_file and isolated:
        _fail("--config and --isolated cannot be used together (--isolated ignores every configuration file)")
    if stdin_filename and "-" not in paths:
        if paths:
            _fail("--stdin-filename names the report read from '-': add '-' to the paths")
        paths = ("-",)
    if not paths:
        _fail("no PATH given: lawgov-lint [OPTIONS] PATH... (a file, a folder or '-')")
    if list(paths).count("-") > 1:
        _fail("'-' (standard input) given more than once")

    from .config import ConfigError, clear_cache, find_config_file, load_config, options_from, rule_keys

    known, is_code, code_of = rule_keys(registry.iter_rules())

    cli_select = _codes(select) or None
    cli_extend = _codes(extend_select)
    cli_ignore = _codes(ignore)
    for flag, sels in (("--select", cli_select or []), ("--extend-select", cli_extend), ("--ignore", cli_ignore)):
        for sel in sels:
            if not known(sel):
                _fail(f"{flag}: unknown rule selector {sel!r}: see lawgov-lint --list-rules")

    from .packs import PackError, load_packs

    clear_cache()
    configs: dict[Path, object] = {}

    def config_at(path: Path):
        if path not in configs:
            configs[path] = load_config(path, known=known, is_code=is_code, explicit=bool(config_file))
        return configs[path]

    try:
        explicit = config_at(Path(config_file).absolute()) if config_file else None
    except ConfigError as e:
        _fail(str(e))
    from .config import glob_error

    for pattern in exclude:
        if (why := glob_error(pattern)) is not None:
            _fail(f"--exclude: invalid glob {pattern!r} ({why})")
    files = collect_paths(paths, exclude)
    if not files:
        _fail("no .docx, .pdf, .txt or .md file found in the given paths")
    stdin_name = stdin_filename or "stdin.txt"
    tasks = []
    pack_sets: dict[tuple[str, ...], object] = {}
    for f in files:
        display = stdin_name if f == "-" else f
        where = Path(display).absolute()
        try:
            if explicit is not None:
                cfg = explicit
            elif isolated:
                cfg = None
            else:
                found = find_config_file(where.parent)
                cfg = config_at(found) if found is not None else None
        except ConfigError as e:
            _fail(str(e))
        if cfg is not None and cfg.exclude and f not in paths and cfg.excludes(where):
            continue
        options = options_from(
            cfg, where, code_of, deadline_profile=deadline_profile,
            published_on=published_on.get(Path(display).name) if isinstance(published_on, dict) else published_on,
            as_of=as_of, select=cli_select, extend_select=cli_extend, ignore=cli_ignore, rule_packs=rule_packs,
            fail_on=fail_on, year=year, lang=lang)
        key = tuple(options.rule_packs)
        if key not in pack_sets:
            try:
                pack_sets[key] = load_packs(options.rule_packs)
            except PackError as e:
                _fail(str(e))
        data = sys.stdin.buffer.read() if f == "-" else None
        tasks.append((f if f != "-" else stdin_name, options, data, display if f == "-" else None, not no_plugins))

    if not tasks:
        _fail("every file found was excluded (exclude in the configuration)")
    inputs = [t[0] if t[3] is None else "-" for t in tasks]
    from .outputs import OutputError, refuse_inputs

    try:
        for option, target in (("--output-file", output_file), ("--summary", summary_file), ("--html", html_file)):
            if target:
                refuse_inputs(option, target, inputs)
        if summary_file and Path(summary_file).suffix.lower() not in (".csv", ".xlsx"):
            raise OutputError(f"--summary: {summary_file}: the file name must end in .csv or .xlsx")
        if annotate_dir:
            from .annotate import annotation_targets

            docx_inputs = [t[0] for t in tasks if t[3] is None and str(t[0]).lower().endswith(".docx")]
            for target in annotation_targets(docx_inputs, paths, annotate_dir).values():
                refuse_inputs("--annotate", target, inputs)
    except OutputError as e:
        _fail(str(e))

    _start_linting()
    jobs_n = jobs or os.cpu_count() or 1
    # Only --html, --annotate, the fixes and --show-metrics (the run's catalogue) read a report further.
    slim = not (html_file or annotate_dir or fix or diff or show_metrics)
    # The built-in formats other than text print findings with their excerpts, not the document's blocks
    # (a plugin's reporter may read anything).
    keep_document = output_format not in BUILTIN_FORMATS or output_format == "text"
    from .runner import run_tasks, warm_worker

    warm_worker(not no_plugins, slim, keep_document, registry=registry, packs=pack_sets)  # inherited by forked workers
    options0 = tasks[0][1]
    # A streaming format writes each file's findings as the file is done and keeps only its summary
    # record; what reads the whole run (the fixes, --statistics, --html, --annotate, --show-metrics)
    # keeps the results.
    if output_format in STREAMING_FORMATS and slim and not statistics:
        _stream_run(tasks, jobs_n, timeout, output_format, output_file, quiet, summary_file, exit_zero)
    with _progress(len(tasks)) as advance:
        results = list(run_tasks(tasks, jobs_n, timeout, advance))

    if fix or diff:
        from .fixes import fix_results

        results, n_fixed = fix_results(results, tasks, pack_sets, unsafe_fixes, diff, sys.stdout, sys.stderr,
                                       annotating=bool(annotate_dir) and not diff)
        if diff:
            sys.exit(2 if any(r.error for r in results) else int(n_fixed > 0))
    from .reporters import get_reporter
    from .summary import totals

    shown = [_at_or_above_fail_on(r) for r in results] if quiet else results
    summary = totals(shown, options0)  # counts of what is shown (--quiet drops findings below --fail-on)
    with contextlib.ExitStack() as stack:
        out, color = _output(stack, output_file, output_format)
        if statistics:
            from .reporters.concise import report_statistics, report_statistics_json

            if output_format == "json":
                report_statistics_json(shown, options0, summary, out, False)
            else:
                report_statistics(shown, options0, summary, out, color)
        elif output_format == "text":
            from .reporters.text import report_text

            report_text(shown, options0, summary, out, color, quiet=quiet)
        else:
            try:
                reporter = get_reporter(output_format, extra_formats)
            except KeyError:
                _fail(f"--output-format: unknown format {output_format!r}")
            if output_format in BUILTIN_FORMATS:
                reporter(shown, options0, summary, out, color)
            else:
                try:
                    reporter(shown, options0, summary, out, color)
                except Exception as e:  # noqa: BLE001 - a plugin's failure is one line, not a traceback
                    why = " ".join(str(e).split())
                    _fail(f"reporter plugin {output_format!r} failed: {type(e).__name__}{': ' + why if why else ''}")
        if show_metrics:
            from .reporters.metrics_table import render_metrics

            render_metrics(results, out if output_format == "text" else sys.stderr, color)
        out.flush()
    try:
        if summary_file:
            from .reporters.workbook import write_summary

            write_summary(summary_file, results, options0)
        if html_file:
            from .reporters.html import write_html

            write_html(html_file, results, options0, totals(results, options0) if quiet else summary)
        if annotate_dir:
            from .annotate import annotate_results

            skipped = annotate_results(results, paths, annotate_dir, fix=fix, unsafe=unsafe_fixes)
            if skipped:
                click.echo(f"lawgov-lint: note: --annotate writes Word comments into .docx files only; "
                           f"{skipped} other input(s) not annotated (lint the .docx to get an annotated copy)",
                           err=True)
    except OutputError as e:
        _fail(str(e))
    sys.exit(exit_code(results, exit_zero))


def _stream_run(tasks: list, jobs: int, timeout: float | None, output_format: str, output_file: str | None,
                quiet: bool, summary_file: str | None, exit_zero: bool) -> None:
    """Lint ``tasks`` writing each file's findings as it is done (a streaming format), keep only each
    file's summary record, end the output, write ``--summary``, and exit with the run's code."""
    from .outputs import OutputError
    from .reporters import stream_reporter
    from .reporters.stream import ChunkStream
    from .runner import run_tasks
    from .summary import file_record, totals

    from . import runner

    options0 = tasks[0][1]
    shown_records, full_records = [], []
    with contextlib.ExitStack() as stack:
        out, color = _output(stack, output_file, output_format)
        writer = stream_reporter(output_format, options0, out, color, quiet)
        chunked = isinstance(writer, ChunkStream)

        def post(r):
            """What the output keeps of a result: (its text or the shown result, its records); made
            where the file was linted (in a --jobs worker, which forks with this function)."""
            shown = _at_or_above_fail_on(r) if quiet else r
            rec = file_record(shown, options0)
            return (writer.chunk(shown) if chunked else shown), rec, (file_record(r, options0) if quiet else rec)

        runner._WARM["post"] = post
        stack.callback(runner._WARM.pop, "post", None)
        # the progress bar shares the terminal with the findings only when they go to a file
        with _progress(len(tasks) if output_file or not _is_tty(sys.stdout) else 0) as advance:
            for done in run_tasks(tasks, jobs, timeout, advance):
                # a result comes back as it is where the workers do not fork with post (spawn, --timeout)
                text, rec, full = post(done) if hasattr(done, "findings") else done
                writer.put(text) if chunked else writer.file(text)
                shown_records.append(rec)
                full_records.append(full)
                out.flush()
        writer.end(shown_records, totals(shown_records, options0))
        out.flush()
    if summary_file:
        from .reporters.workbook import write_summary

        try:
            write_summary(summary_file, full_records, options0)
        except OutputError as e:
            _fail(str(e))
    sys.exit(exit_code(full_records, exit_zero))


def _at_or_above_fail_on(r):
    """A copy of result ``r`` keeping only findings at or above its ``fail_on`` (``--quiet``)."""
    import dataclasses

    threshold = SEVERITY_RANK[r.options.fail_on if r.options else "error"]
    return dataclasses.replace(r, findings=[f for f in r.findings if SEVERITY_RANK[f.severity] >= threshold])


def _output(stack: contextlib.ExitStack, output_file: str | None, output_format: str):
    """``(stream, colour?)`` for the run's output: ``--output-file`` (written atomically, closed by
    ``stack``) or standard output; an output file that cannot be opened is a usage error."""
    from .outputs import OutputError

    try:
        out = stack.enter_context(_open_output(output_file)) if output_file else sys.stdout
    except OutputError as e:
        _fail(f"--output-file: {e}")
    return out, use_color(out, bool(output_file)) and output_format == "text"


def _open_output(path: str):
    """The ``--output-file`` stream: written to a temporary file, renamed over ``path`` at the end."""
    from .outputs import atomic_write

    return atomic_write(path)


@contextlib.contextmanager
def _progress(total: int):
    """Yield ``advance()``; shows a rich progress bar on stderr only when it is a terminal (never in pipes or CI)."""
    interactive = total > 1 and sys.stderr.isatty() and not os.environ.get("CI")
    if not interactive:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("linting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("lint", total=total)
        yield lambda: bar.advance(task)


def exit_code(results, exit_zero: bool = False) -> int:
    """2 if any file was unreadable; else 0 with ``exit_zero``; else 1 if any file
    has a finding at or above its own ``fail_on``; else 0. ``results``: FileResults or their
    summary records."""
    from .summary import FileRecord

    if any(r.error for r in results):
        return 2
    if exit_zero:
        return 0
    for r in results:
        if isinstance(r, FileRecord):
            if r.fails:
                return 1
            continue
        threshold = SEVERITY_RANK[r.options.fail_on if r.options else "error"]
        if any(SEVERITY_RANK[f.severity] >= threshold for f in r.findings):
            return 1
    return 0


def _fail(message: str) -> None:
    click.echo(f"lawgov-lint: error: {message}", err=True)
    sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    main(prog_name="lawgov-lint")

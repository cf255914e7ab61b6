"""Running a batch (issue 14): results in input order from a pool of warm workers, streaming formats
written a file at a time keeping only each file's summary record, the same bytes either way."""

from __future__ import annotations

import io
import shutil

import pytest
from click.testing import CliRunner

from lawgov_lint import runner
from lawgov_lint.checks import builtin_registry
from lawgov_lint.cli import exit_code, main
from lawgov_lint.engine import Options, lint_path
from lawgov_lint.packs import load_packs
from lawgov_lint.reporters import STREAMING_FORMATS, get_reporter, stream_reporter
from lawgov_lint.summary import FileRecord, file_record, totals

from helpers import COMPLETE, FIXTURES


def lint_path_text(text: str):
    from lawgov_lint.engine import lint_document
    from lawgov_lint.loaders import load

    return lint_document(load("x.txt", data=text.encode()), Options())

AS_OF = ["--as-of", "2024-01-10"]


def _tasks(paths, **opts):
    o = Options(**opts)
    return [(str(p), o, None, None, False) for p in paths]


def _warm():
    runner.warm_worker(False, slim=False, registry=builtin_registry(), packs={(): load_packs([])})


_LINT_TASK = runner.lint_task


def _slow_first(task):
    """``lint_task`` that is slow on the first file, so that later files finish before it."""
    import time

    if "0-slow" in task[0]:
        time.sleep(0.6)
    return _LINT_TASK(task)


def test_pool_yields_in_input_order_although_a_later_file_finishes_first(tmp_path, monkeypatch):
    paths = []
    for i, name in enumerate(["0-slow.txt", "1.txt", "2.txt", "3.txt", "4.txt"]):
        p = tmp_path / name
        p.write_text(COMPLETE, encoding="utf-8")
        paths.append(p)
    _warm()
    monkeypatch.setattr(runner, "lint_task", _slow_first)  # inherited by the forked workers
    ticks = []
    got = list(runner.run_tasks(_tasks(paths), jobs=2, advance=lambda: ticks.append(1)))
    assert [r.path for r in got] == [str(p) for p in paths]
    assert len(ticks) == len(paths)
    serial = [lint_path(str(p), Options()) for p in paths]
    assert [[f.as_dict() for f in r.findings] for r in got] == [[f.as_dict() for f in r.findings] for r in serial]
    assert all(r.registry is not None for r in got)


def test_serial_run_calls_advance_once_per_file(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(COMPLETE, encoding="utf-8")
    _warm()
    ticks = []
    got = list(runner.run_tasks(_tasks([p, p]), jobs=1, advance=lambda: ticks.append(1)))
    assert len(got) == 2 and len(ticks) == 2


@pytest.mark.parametrize("fmt", STREAMING_FORMATS)
def test_a_streaming_writer_gives_the_reporters_bytes(fmt):
    o = Options(lang="en")
    results = [lint_path(FIXTURES / n, o) for n in ("miaohang-2023.docx", "waigang-2022.txt")]
    results.append(lint_path(FIXTURES / "make_fixtures.py", o))  # unreadable: an error line
    summary = totals(results, o)
    whole = io.StringIO()
    get_reporter(fmt)(results, o, summary, whole, False)
    streamed = io.StringIO()
    w = stream_reporter(fmt, o, streamed, False)
    for r in results:
        w.file(r)
    records = [file_record(r, o) for r in results]
    w.end(records, totals(records, o))
    assert streamed.getvalue() == whole.getvalue() and whole.getvalue()


def test_records_carry_what_the_summary_and_exit_code_need():
    o = Options()
    results = [lint_path(FIXTURES / n, o) for n in ("miaohang-2023.txt", "qingpu-2023.txt")]
    records = [file_record(r, o) for r in results]
    assert all(isinstance(x, FileRecord) for x in records)
    assert totals(records, o) == totals(results, o)
    assert exit_code(records) == exit_code(results) == 1
    assert exit_code(records, exit_zero=True) == 0
    clean = file_record(lint_path_text(COMPLETE), o)
    assert not clean.fails and clean.error is None and exit_code([clean]) == 0
    assert exit_code([clean, FileRecord("x.doc", "unreadable", False, {}, {}, None, {}, False)]) == 2


def test_a_streaming_run_writes_each_file_before_linting_the_next(tmp_path, monkeypatch):
    for n in ("a", "b", "c"):
        shutil.copy(FIXTURES / "miaohang-2023.txt", tmp_path / f"{n}.txt")
    events = []
    from lawgov_lint import engine

    real_lint = engine.lint_path
    from lawgov_lint.reporters.concise import ConciseStream

    real_put = ConciseStream.put

    def lint(path, *a, **k):
        events.append(("lint", path.rsplit("/", 1)[-1]))
        return real_lint(path, *a, **k)

    def write(self, chunk):
        events.append(("write", chunk.split(":", 1)[0].rsplit("/", 1)[-1]))
        return real_put(self, chunk)

    monkeypatch.setattr(engine, "lint_path", lint)
    monkeypatch.setattr(ConciseStream, "put", write)
    r = CliRunner().invoke(main, [*AS_OF, "--output-format", "concise", str(tmp_path)], catch_exceptions=False)
    assert r.exit_code == 1, r.output
    assert events == [(k, f"{n}.txt") for n in "abc" for k in ("lint", "write")]
    assert r.stdout.count("miaohang") == 0 and r.stdout.count(str(tmp_path)) >= 3


def test_streaming_and_whole_run_outputs_agree_with_quiet_and_summary(tmp_path):
    # --statistics reads the whole run: the same findings printed through the non-streaming path
    args = [*AS_OF, "--quiet", "--fail-on", "warning", str(FIXTURES / "anting-2023.txt"),
            str(FIXTURES / "miaohang-2023.docx")]
    a = CliRunner().invoke(main, ["--summary", str(tmp_path / "a.csv"), *args], catch_exceptions=False)
    b = CliRunner().invoke(main, ["--jobs", "2", "--summary", str(tmp_path / "b.csv"), *args], catch_exceptions=False)
    assert a.exit_code == b.exit_code == 1
    assert a.stdout == b.stdout and " INFO " not in a.stdout and " WARNING " in a.stdout
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    import csv

    rows = list(csv.DictReader((tmp_path / "a.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 2 and all(int(r["infos"]) > 0 for r in rows)  # the 汇总表 counts every finding


@pytest.mark.parametrize("fmt", ["json", "jsonl", "concise", "github"])
def test_workers_send_back_each_files_text_and_records_the_same_bytes(tmp_path, fmt, monkeypatch):
    """With --jobs the workers make each file's text and summary records (post) and send those back:
    the output, the 汇总表 and the exit code are those of --jobs 1."""
    for n in ("anting-2023.txt", "miaohang-2023.docx", "waigang-2022.txt"):
        shutil.copy(FIXTURES / n, tmp_path / n)
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    sent = []
    real = runner.lint_task

    def spy(task):
        out = real(task)
        sent.append(type(out).__name__)
        return out

    monkeypatch.setattr(runner, "lint_task", spy)  # runs in the parent with --jobs 1 only
    args = [*AS_OF, "--output-format", fmt, "--quiet", "--fail-on", "warning"]
    one = CliRunner().invoke(main, [*args, "--summary", str(tmp_path / "one.csv"), str(tmp_path)],
                             catch_exceptions=False)
    assert sent == ["tuple"] * 4  # (text, record, full record), never the result
    monkeypatch.undo()
    two = CliRunner().invoke(main, [*args, "--jobs", "2", "--summary", str(tmp_path / "two.csv"), str(tmp_path)],
                             catch_exceptions=False)
    assert one.exit_code == two.exit_code == 2  # broken.docx is unreadable
    assert one.stdout == two.stdout and "broken.docx" in one.stdout
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()

"""Running files in worker processes with a time limit (``--timeout``).

Each file is linted in a forked worker; a worker still running when its time
is up is terminated and the file is reported as unreadable ("timed out"), so
one pathological input (a PDF that sends the parser into a loop) cannot hang a
batch. Up to ``jobs`` workers run at once.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from typing import Any, Callable

from .engine import FileResult


def _child(fn: Callable[[Any], FileResult], task: Any, conn) -> None:
    try:
        conn.send(("ok", fn(task)))
    except BaseException as e:  # noqa: BLE001 - reported to the parent as one line
        conn.send(("error", f"{type(e).__name__}: {e}"))
    finally:
        conn.close()


def _name(task: Any) -> tuple[str, str]:
    path, _options, _data, display, *_ = task
    name = display or str(path)
    from .loaders import format_of

    return name, format_of(name)


def run_with_timeout(tasks: list, fn: Callable[[Any], FileResult], jobs: int, timeout: float) -> list[FileResult]:
    """Lint ``tasks`` with ``fn`` in worker processes, ``jobs`` at a time, each within ``timeout`` seconds.

    Returns:
        One FileResult per task, in task order; a timed-out or crashed worker
        gives a FileResult whose ``error`` says so.
    """
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    results: list[FileResult | None] = [None] * len(tasks)
    pending = list(range(len(tasks)))
    running: dict[int, tuple[Any, Any, float]] = {}
    while pending or running:
        while pending and len(running) < max(1, jobs):
            i = pending.pop(0)
            parent, child = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_child, args=(fn, tasks[i], child), daemon=True)
            proc.start()
            child.close()
            running[i] = (proc, parent, time.monotonic())
        for i, (proc, conn, started) in list(running.items()):
            name, fmt = _name(tasks[i])
            options = tasks[i][1]
            if conn.poll():
                try:
                    status, value = conn.recv()
                except (EOFError, OSError):
                    status, value = "error", "the worker process died"
                proc.join()
                results[i] = value if status == "ok" else FileResult(name, fmt, error=f"internal error: {value}", options=options)
                del running[i]
            elif not proc.is_alive():
                proc.join()
                results[i] = FileResult(name, fmt, error=f"the worker process died (exit code {proc.exitcode})",
                                        options=options)
                del running[i]
            elif time.monotonic() - started > timeout:
                proc.terminate()
                proc.join(1)
                if proc.is_alive():
                    proc.kill()
                    proc.join()
                results[i] = FileResult(name, fmt, error=f"timed out after {timeout:g} s (--timeout): the file may be "
                                        "malformed; check it or raise the limit", options=options)
                del running[i]
        if running:
            time.sleep(0.005)
    return [r for r in results if r is not None]

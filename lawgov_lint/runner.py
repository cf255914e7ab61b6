"""Running a batch of files: in this process, in a pool of warm workers (``--jobs``), or one
forked worker per file with a time limit (``--timeout``).

:func:`run_tasks` yields each file's result in task order as soon as it and every file before it are
done, so that a caller can write streaming output and drop each result (memory flat with the batch).

Workers start warm: the pool forks after the parent built the registry and loaded the packs (where
the platform forks; elsewhere the initialiser loads them once per worker), receives tasks one at a
time (a slow file never holds a chunk of others back, so the cores stay busy to the end) and sends
back results already trimmed by :func:`lawgov_lint.engine.slim_result` when the run's outputs allow.

With ``--timeout`` each file is linted in a forked worker; a worker still running when its time
is up is terminated and the file is reported as unreadable ("timed out"), so
one pathological input (a PDF that sends the parser into a loop) cannot hang a
batch. Up to ``jobs`` workers run at once.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Any, Callable, Iterator

from .engine import FileResult, slim_result

# A task: (path, options, data or None, display name or None, plugins enabled).
Task = tuple

# What a worker lints with: the registry and the loaded packs (keyed by the extra pack files), and how
# results are trimmed. Set by :func:`warm_worker` once per process — inherited from the parent when
# the pool forks after loading.
_WARM: dict[str, object] = {}


def warm_worker(plugins: bool, slim: bool = False, keep_document: bool = True, registry: Any = None,
                packs: dict | None = None) -> None:
    """Pool initialiser: build the registry and load the packs once per process (unless the same
    are already there, inherited from the parent); ``slim``/``keep_document``: trim results as
    :func:`lawgov_lint.engine.slim_result` does before they are sent back."""
    if _WARM.get("plugins") is plugins and registry is None:
        _WARM.update(slim=slim, keep_document=keep_document)
        return
    if registry is None:
        from .plugins import build_registry

        registry = build_registry(plugins)
    _WARM.update(plugins=plugins, registry=registry, packs=packs if packs is not None else {}, slim=slim,
                 keep_document=keep_document)


def lint_task(task: Task) -> Any:
    """Lint one task with this process's registry and packs (equal to the parent's: both are values).

    Returns the FileResult, or what the run's ``post`` function (``_WARM["post"]``, set by the caller
    before the pool forks) makes of it: a streaming output's text and summary records, so that a worker
    does that work beside the lint and sends back a few strings instead of the result."""
    from .engine import lint_path

    path, options, data, name, plugins = task
    if _WARM.get("plugins") is not plugins:
        warm_worker(plugins)
    pack_sets: dict = _WARM["packs"]  # type: ignore[assignment]
    key = tuple(options.rule_packs)
    if key not in pack_sets:
        from .packs import load_packs

        pack_sets[key] = load_packs(options.rule_packs)
    result = lint_path(path, options, pack_sets[key], data=data, display_name=name, registry=_WARM["registry"])
    if _WARM.get("slim"):
        slim_result(result, keep_document=bool(_WARM.get("keep_document", True)))
    post = _WARM.get("post")
    return post(result) if post is not None else result


def run_tasks(tasks: list[Task], jobs: int, timeout: float | None = None,
              advance: Callable[[], None] = lambda: None) -> Iterator[FileResult]:
    """Lint ``tasks`` and yield one FileResult per task, in task order, each as soon as it and the
    ones before it are done; ``advance()`` is called as each file finishes.

    Call :func:`warm_worker` first (with the run's registry and packs). ``jobs`` > 1 lints in a pool
    of that many warm worker processes; ``timeout`` (seconds) lints each file in its own forked
    worker (see :func:`run_with_timeout`). The registry is not sent back by workers: each result's
    ``registry`` is set to this process's.
    """
    registry = _WARM.get("registry")
    if timeout is not None:
        for r in run_with_timeout(tasks, lint_task, jobs, timeout):
            if isinstance(r, FileResult):
                r.registry = registry
            advance()
            yield r
        return
    if jobs <= 1 or len(tasks) <= 1:
        for t in tasks:
            r = lint_task(t)
            advance()
            yield r
        return
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    workers = min(jobs, len(tasks))
    init = (tasks[0][4], bool(_WARM.get("slim")), bool(_WARM.get("keep_document", True)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=warm_worker, initargs=init) as pool:
        # One task per submission and a bounded number in flight: a worker is never idle while files
        # remain (no chunk of files queued behind a slow one), and what waits in memory for an earlier,
        # slower file stays a few results whatever the batch size.
        window = workers * 3
        futures: dict[int, Any] = {}
        running: set = set()
        submitted = emitted = 0
        while emitted < len(tasks):
            while submitted < len(tasks) and len(running) < window:
                f = pool.submit(lint_task, tasks[submitted])
                futures[submitted] = f
                running.add(f)
                submitted += 1
            head = futures[emitted]
            if not head.done():
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                running -= done
                for _f in done:
                    advance()
                continue
            if head in running:  # finished before any wait saw it
                running.discard(head)
                advance()
            r = futures.pop(emitted).result()
            emitted += 1
            if isinstance(r, FileResult):
                r.registry = registry
            yield r


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
    import multiprocessing as mp

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

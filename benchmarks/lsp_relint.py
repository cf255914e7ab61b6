"""Benchmark: re-lint time of the language server for a 30-page text (SPEC §8: within 50 ms).

A page of a 公文 is 22 lines of 28 characters (GB/T 9704—2012 §5.2.1), 616 characters; the text is
fixtures/qingpu-2023.txt followed by the body of the other fixtures until it holds 30 pages. The
server's own code path is timed in process, after the first lint (packs and dictionaries loaded, as
in a running server): an edit (one character typed into a paragraph of the middle), then the lint
of the new text and its conversion to LSP diagnostics (UTF-16 positions). Median and 90th
percentile of N edits, wall-clock and CPU time (the machine may be shared).

Usage: python benchmarks/lsp_relint.py [--runs 30] [--pages 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lawgov_lint.lsp import Linted, State, diagnostics, lint_source  # noqa: E402

PAGE = 22 * 28


def thirty_pages(pages: int) -> str:
    text = (ROOT / "fixtures" / "qingpu-2023.txt").read_text(encoding="utf-8")
    others = [p for p in sorted((ROOT / "fixtures").glob("*.txt")) if p.stem != "qingpu-2023"]
    k = 0
    while len(text) < pages * PAGE:
        body = others[k % len(others)].read_text(encoding="utf-8").split("\n", 3)[-1]
        text += "\n" + body
        k += 1
    return text[: text.rfind("\n", 0, pages * PAGE)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--pages", type=int, default=30)
    args = ap.parse_args()
    text = thirty_pages(args.pages)
    with tempfile.TemporaryDirectory() as d:
        path = str(Path(d) / "report.txt")
        state = State(isolated=True)
        t0 = time.perf_counter()
        lint_source(path, text, state)
        first = time.perf_counter() - t0
        lines = text.split("\n")
        middle = len(lines) // 2
        times, cpu = [], []
        for i in range(args.runs):
            lines[middle] = lines[middle] + "，"  # typing into one paragraph
            edited = "\n".join(lines)
            t0, c0 = time.perf_counter(), time.process_time()
            result = lint_source(path, edited, state)
            diags = diagnostics(Linted(i, edited.split("\n"), result, "utf-16"), True)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
    times.sort()
    print(f"text: {len(text)} characters ({len(text) / PAGE:.1f} pages of {PAGE}), {len(lines)} lines")
    print(f"first lint (packs, dictionaries, jieba loaded): {first * 1000:.0f} ms")
    print(f"re-lint after an edit, {args.runs} runs: median {statistics.median(times) * 1000:.1f} ms, "
          f"p90 {times[int(0.9 * (len(times) - 1))] * 1000:.1f} ms, min {times[0] * 1000:.1f} ms "
          f"({len(diags)} diagnostics); CPU time median {statistics.median(cpu) * 1000:.1f} ms "
          f"(less sensitive to other processes on the machine)")


if __name__ == "__main__":
    main()

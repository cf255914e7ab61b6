"""Benchmark: lawgov-lint against the physical floor, as ratios measured side by side (SPEC §8).

Each row pairs a lawgov-lint command with its floor — reading the same files with no analysis — and runs the
two back to back, ``--runs`` times; the ratio printed is the median of the paired ratios, so that machine load
affects both sides of a pair alike. Every command is a fresh process (cold: interpreter start, imports, work).

Rows (goal in brackets):

1. ``lawgov-lint qingpu-2023.docx`` / a bare python-docx read of it (paragraphs and table cells)   [≤ 2×]
2. ``lawgov-lint qingpu-2023.pdf`` / bare pypdfium2 text of every page                              [≤ 2×]
3. a folder of the .docx fixtures copied under several names, ``--jobs 1`` / a bare read of the same
   files in one process                                                                              [≤ 2×]
4. ``--jobs 1`` / ``--jobs 2`` on a folder of ≥ 50 reports (.docx and .txt)                         [≥ 1.8×]
5. peak memory (RSS of the whole process tree) of a jsonl run on 10× the files / on 1× the files    [≤ 1.25×]
6. the language server's re-lint of a 30-page text after an edit (benchmarks/lsp_relint.py)       [≤ 50 ms]

The folders are built in a temporary directory from ``fixtures/`` (each file copied under new names), so
anyone can reproduce them. Usage::

    python benchmarks/bench.py [--runs 5] [--scale 10] [--jobs 2]

No test is timed; the figures go in closing notes.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "fixtures"
BIN = Path(sys.executable).parent / "lawgov-lint"

BARE_ONE = {
    ".docx": "import docx,sys; d=docx.Document(sys.argv[1]); t=[p.text for p in d.paragraphs]; "
             "c=[cell.text for tb in d.tables for r in tb.rows for cell in r.cells]",
    ".pdf": "import pypdfium2 as p,sys; d=p.PdfDocument(sys.argv[1]); "
            "t=[d[i].get_textpage().get_text_range() for i in range(len(d))]",
}
BARE_FOLDER = (
    "import docx,sys,pathlib\n"
    "for f in sorted(pathlib.Path(sys.argv[1]).rglob('*')):\n"
    "    if f.suffix == '.docx':\n"
    "        d=docx.Document(str(f)); t=[p.text for p in d.paragraphs]; "
    "c=[cell.text for tb in d.tables for r in tb.rows for cell in r.cells]\n"
    "    elif f.suffix == '.txt':\n"
    "        t=f.read_bytes().decode('utf-8-sig')\n"
)
# Peak RSS of a command's whole process tree: a wrapper process whose only children are the command's.
PEAK = ("import resource,subprocess,sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
        "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    dt = time.perf_counter() - t0
    if p.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {p.returncode}")
    return dt


def paired(a: list[str], b: list[str], runs: int) -> tuple[float, float, float]:
    """Median time of ``a``, of ``b``, and the median of the paired ratios a/b."""
    ta, tb, ratios = [], [], []
    timed(a), timed(b)  # warm the file cache and the user cache directory
    for _ in range(runs):
        x, y = timed(a), timed(b)
        ta.append(x)
        tb.append(y)
        ratios.append(x / y)
    return statistics.median(ta), statistics.median(tb), statistics.median(ratios)


def peak_kb(cmd: list[str]) -> int:
    out = subprocess.run([sys.executable, "-c", PEAK, *cmd], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def make_folder(dest: Path, suffixes: tuple[str, ...], copies: int) -> int:
    """``copies`` copies of every fixture with one of ``suffixes`` under ``dest``; returns the file count."""
    dest.mkdir(parents=True, exist_ok=True)
    n = 0
    for f in sorted(FIX.iterdir()):
        if f.suffix in suffixes:
            for k in range(copies):
                shutil.copyfile(f, dest / f"{f.stem}-{k:03d}{f.suffix}")
                n += 1
    return n


def row(label: str, goal: str, ok: bool, detail: str) -> None:
    print(f"{label:<58} {detail:<36} goal {goal:<8} {'met' if ok else 'NOT met'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="paired runs per row (default 5)")
    ap.add_argument("--scale", type=int, default=10, help="file multiple for the memory row (default 10)")
    ap.add_argument("--jobs", type=int, default=2, help="workers for the parallel row (default 2)")
    args = ap.parse_args()
    lint = [str(BIN), "--output-format", "json", "--as-of", "2026-11-21"]
    print(f"lawgov-lint benchmark — {args.runs} paired runs per row, python {sys.version.split()[0]}")
    # An installed wheel has its bytecode compiled (pip does it), like python-docx, the floor; an editable
    # install under PYTHONDONTWRITEBYTECODE=1 would compile every module from source on each cold run
    # (~0.1 s), which is the environment's cost, not lawgov-lint's. Compile it once, as an install would.
    compileall.compile_dir(str(ROOT / "lawgov_lint"), quiet=1)
    # Other work on the machine skews the --jobs row most: print the load the figures were taken under.
    print(f"load average before the runs: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")

    for name in ("qingpu-2023.docx", "qingpu-2023.pdf"):
        f = FIX / name
        a, b, r = paired(lint + [str(f)], [sys.executable, "-c", BARE_ONE[f.suffix], str(f)], args.runs)
        row(f"cold lint {name} / bare read", "≤ 2×", r <= 2, f"{a:.3f} s / {b:.3f} s = {r:.2f}×")

    with tempfile.TemporaryDirectory(prefix="lawgov-bench-") as tmp:
        tmp = Path(tmp)
        docx_dir = tmp / "docx"
        n = make_folder(docx_dir, (".docx",), 6)
        a, b, r = paired(lint + ["--jobs", "1", str(docx_dir)], [sys.executable, "-c", BARE_FOLDER, str(docx_dir)],
                         max(1, args.runs // 2))
        row(f"folder of {n} .docx --jobs 1 / bare read in one process", "≤ 2×", r <= 2,
            f"{a:.3f} s / {b:.3f} s = {r:.2f}×")

        mixed = tmp / "mixed"
        n = make_folder(mixed, (".docx", ".txt"), 6)
        a, b, r = paired(lint + ["--jobs", "1", str(mixed)], lint + ["--jobs", str(args.jobs), str(mixed)],
                         max(1, args.runs // 2))
        row(f"folder of {n} reports --jobs 1 / --jobs {args.jobs}", "≥ 1.8×", r >= 1.8,
            f"{a:.3f} s / {b:.3f} s = {r:.2f}×")

        small, big = tmp / "one", tmp / "ten"
        n1 = make_folder(small, (".docx", ".txt"), 2)
        n10 = make_folder(big, (".docx", ".txt"), 2 * args.scale)
        jsonl = [str(BIN), "--output-format", "jsonl", "--as-of", "2026-11-21"]
        m1, m10 = peak_kb(jsonl + [str(small)]), peak_kb(jsonl + [str(big)])
        row(f"peak memory jsonl {n10} files / {n1} files", "≤ 1.25×", m10 <= 1.25 * m1,
            f"{m10 / 1024:.0f} MB / {m1 / 1024:.0f} MB = {m10 / m1:.2f}×")
        mj = peak_kb([str(BIN), "--output-format", "json", "--as-of", "2026-11-21", str(big)])
        print(f"{'(for reference) peak memory json, ' + str(n10) + ' files':<58} {mj / 1024:.0f} MB")

    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "lsp_relint.py"), "--runs", str(max(10, args.runs * 4))],
                         capture_output=True, text=True, check=True).stdout
    median = float(out.split("median ")[1].split(" ms")[0])
    row("language server re-lint, 30-page text", "≤ 50 ms", median <= 50, f"median {median:.1f} ms")


if __name__ == "__main__":
    main()

"""Benchmark: lawgov-lint against the bare extraction of the same file (SPEC §8).

For each fixture, both measured as fresh processes (cold: interpreter start,
imports and work), median of N runs:

* bare extraction — python-docx paragraphs and tables (.docx), pypdfium2 text of
  every page (.pdf), read and decode (.txt);
* ``lawgov-lint --output-format json FILE``.

Also the in-process (warm) lint time, peak memory (ru_maxrss of the child),
and a folder run with --jobs 1 and --jobs N.

Usage: python benchmarks/bench.py [--runs 5] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "fixtures"
BIN = Path(sys.executable).parent / "lawgov-lint"

BARE = {
    ".docx": "import docx,sys; d=docx.Document(sys.argv[1]); t=[p.text for p in d.paragraphs]; "
             "c=[cell.text for tb in d.tables for r in tb.rows for cell in r.cells]",
    ".pdf": "import pypdfium2 as p,sys; d=p.PdfDocument(sys.argv[1]); "
            "t=[d[i].get_textpage().get_text_range() for i in range(len(d))]",
    ".txt": "import sys; t=open(sys.argv[1],'rb').read().decode('utf-8')",
}


def run(cmd: list[str]) -> tuple[float, int]:
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    dt = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode not in (0, 1):
        raise SystemExit(f"{cmd} exited {p.returncode}")
    return dt, usage.ru_maxrss


def median_time(cmd: list[str], runs: int) -> tuple[float, int]:
    times, rss = [], 0
    for _ in range(runs):
        t, m = run(cmd)
        times.append(t)
        rss = max(rss, m)
    return statistics.median(times), rss


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()
    files = sorted(p for p in FIX.iterdir() if p.suffix in BARE)
    print(f"{'file':<28} {'bare s':>8} {'lint s':>8} {'ratio':>6} {'warm s':>8} {'lint MB':>8}")
    sys.path.insert(0, str(ROOT))
    from lawgov_lint.engine import Options, lint_path

    lint_path(files[0], Options())  # warm imports, jieba, packs
    for f in files:
        bare, _ = median_time([sys.executable, "-c", BARE[f.suffix], str(f)], args.runs)
        lint, rss = median_time([str(BIN), "--output-format", "json", str(f)], args.runs)
        t0 = time.perf_counter()
        for _ in range(args.runs):
            lint_path(f, Options())
        warm = (time.perf_counter() - t0) / args.runs
        print(f"{f.name:<28} {bare:8.3f} {lint:8.3f} {lint / bare:6.2f} {warm:8.3f} {rss / 1024:8.1f}")
    for jobs in (1, args.jobs):
        t, _ = median_time([str(BIN), "--output-format", "json", "--jobs", str(jobs), str(FIX)], max(1, args.runs // 2))
        print(f"folder fixtures/ ({len(files)} files) --jobs {jobs}: {t:.3f} s")


if __name__ == "__main__":
    main()

"""The ``count`` output format: one line per file with its number of findings by code."""

from __future__ import annotations

from collections import Counter


def report_count(results, options, summary, stream, color):
    for r in results:
        if r.error:
            stream.write(f"{r.path}\tunreadable\n")
            continue
        counts = Counter(f.code for f in r.findings)
        detail = " ".join(f"{code}={n}" for code, n in sorted(counts.items()))
        stream.write(f"{r.path}\t{len(r.findings)}\t{detail}\n")

"""``jsonl``: one FINDING object per line, with its ``path`` first."""

from __future__ import annotations

import json
from typing import IO, Any

from ..engine import FileResult, Options


def report_jsonl(results: list[FileResult], options: Options, summary: dict[str, Any], stream: IO[str], color: bool) -> None:
    for r in results:
        if r.error:
            stream.write(json.dumps({"path": r.path, "error": r.error}, ensure_ascii=False) + "\n")
            continue
        for f in r.findings:
            stream.write(json.dumps({"path": r.path, **f.as_dict()}, ensure_ascii=False) + "\n")

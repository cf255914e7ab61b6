"""``jsonl``: one FINDING object per line, with its ``path`` first."""

from __future__ import annotations

import json
from typing import IO, Any

from ..engine import FileResult, Options
from .stream import ChunkStream


class JsonlStream(ChunkStream):
    """The jsonl output a file at a time (:meth:`file`); nothing at the end."""

    def chunk(self, r: FileResult) -> str:
        """One result's lines."""
        if r.error:
            return json.dumps({"path": r.path, "error": r.error}, ensure_ascii=False) + "\n"
        return "".join(json.dumps({"path": r.path, **f.as_dict()}, ensure_ascii=False) + "\n" for f in r.findings)


def report_jsonl(results: list[FileResult], options: Options, summary: dict[str, Any], stream: IO[str], color: bool) -> None:
    from .stream import write_all

    write_all(JsonlStream(options, stream, color), results, summary)

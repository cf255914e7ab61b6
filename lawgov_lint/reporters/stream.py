"""The streaming writer protocol: a format written a file at a time (see :data:`lawgov_lint.reporters.STREAMING_FORMATS`)."""

from __future__ import annotations

from typing import Any, Protocol

from ..engine import FileResult


class StreamReporter(Protocol):
    """A format written a file at a time: ``file(result)`` as each result comes (in input order),
    then ``end(records, summary)`` with every file's :class:`~lawgov_lint.summary.FileRecord` and
    the run summary."""

    def file(self, result: FileResult) -> None: ...

    def end(self, records: Any, summary: dict[str, Any]) -> None: ...


class ChunkWriter(StreamReporter, Protocol):
    """A streaming format whose text for one file does not depend on where it stands: ``chunk(result)``
    makes it (in a ``--jobs`` worker, next to the result), ``put(chunk)`` writes it in order, and
    ``file(result)`` is ``put(chunk(result))``."""

    def chunk(self, result: FileResult) -> str: ...

    def put(self, chunk: str) -> None: ...


def write_all(writer: StreamReporter, results: list[FileResult], summary: dict[str, Any]) -> None:
    """Every result through a streaming ``writer``, then its end: a whole-run reporter of a streaming format."""
    for r in results:
        writer.file(r)
    writer.end(results, summary)

"""The streaming writer protocol: a format written a file at a time (see :data:`lawgov_lint.reporters.STREAMING_FORMATS`)."""

from __future__ import annotations

from typing import IO, Any, Protocol

from ..engine import FileResult


class StreamReporter(Protocol):
    """A format written a file at a time: ``file(result)`` as each result comes (in input order),
    then ``end(records, summary)`` with every file's :class:`~lawgov_lint.summary.FileRecord` and
    the run summary."""

    def file(self, result: FileResult) -> None: ...

    def end(self, records: Any, summary: dict[str, Any]) -> None: ...


class ChunkStream:
    """A streaming format whose text for one file does not depend on where it stands: :meth:`chunk`
    makes it (in a ``--jobs`` worker, next to the result), :meth:`put` writes it in order, and
    :meth:`file` is ``put(chunk(result))``. Subclasses give :meth:`chunk`, and :meth:`put` or
    :meth:`end` where the format has more than its files' text."""

    def __init__(self, options: Any, stream: IO[str], color: bool = False) -> None:
        self.options, self.stream = options, stream

    def chunk(self, result: FileResult) -> str:
        raise NotImplementedError

    def put(self, chunk: str) -> None:
        self.stream.write(chunk)

    def file(self, result: FileResult) -> None:
        self.put(self.chunk(result))

    def end(self, records: Any, summary: dict[str, Any]) -> None:
        """Nothing after the files (the default)."""


def write_all(writer: StreamReporter, results: list[FileResult], summary: dict[str, Any]) -> None:
    """Every result through a streaming ``writer``, then its end: a whole-run reporter of a streaming format."""
    for r in results:
        writer.file(r)
    writer.end(results, summary)

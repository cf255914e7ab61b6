"""Reporters: format lint results. A reporter only formats findings.

Each reporter is a function ``(results, options, summary, stream, color) ->
None`` registered under a format name. Third parties add formats through the
``lawgov_lint.reporters`` entry-point group (the entry point names such a
function).

A reporter's own words (severity words, labels, the summary table) come from
the ``ui.*`` entries of the message catalogue (``rules/messages.ui.toml``) in
the run's language ``Options.lang``: :func:`ui` gives the lookup.
"""

from __future__ import annotations

from typing import IO, Any, Callable, Mapping

from ..engine import FileResult, Options
from .stream import StreamReporter, write_all  # noqa: F401 - re-exported

Reporter = Callable[[list[FileResult], Options, dict[str, Any], IO[str], bool], None]

BUILTIN_FORMATS = ("text", "concise", "json", "jsonl", "sarif", "github", "junit")
# The formats written a file at a time, as results come (memory flat with the batch; json's summary
# follows its files); sarif and junit are written at the end.
STREAMING_FORMATS = ("text", "concise", "json", "jsonl", "github")


def stream_reporter(name: str, options: Options, stream: IO[str], color: bool, quiet: bool = False) -> StreamReporter:
    """The streaming writer of a built-in format of :data:`STREAMING_FORMATS` (KeyError otherwise);
    writing every result through it, then ``end``, gives the same bytes as the format's reporter."""
    if name == "text":
        from .text import TextStream

        return TextStream(options, stream, color, quiet)
    if name == "concise":
        from .concise import ConciseStream

        return ConciseStream(options, stream, color)
    if name == "json":
        from .json import JsonStream

        return JsonStream(options, stream, color)
    if name == "jsonl":
        from .jsonl import JsonlStream

        return JsonlStream(options, stream, color)
    if name == "github":
        from .github import GithubStream

        return GithubStream(options, stream, color)
    raise KeyError(name)


def get_reporter(name: str, extra: Mapping[str, Reporter] | None = None) -> Reporter:
    """The reporter for a format name: built-in, else one of ``extra`` (the plugins' formats,
    from :func:`lawgov_lint.plugins.plugin_reporters`).

    Raises:
        KeyError: unknown format.
    """
    if name == "text":
        from .text import report_text

        return report_text
    if name == "json":
        from .json import report_json

        return report_json
    if name in ("concise", "jsonl", "sarif", "github", "junit"):
        import importlib

        mod = importlib.import_module(f"{__name__}.{name}")
        return getattr(mod, f"report_{name}")
    return (extra or {})[name]

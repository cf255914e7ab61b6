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

from functools import lru_cache
from typing import IO, Any, Callable

from ..engine import FileResult, Options
from ..i18n import Catalogue

Reporter = Callable[[list[FileResult], Options, dict[str, Any], IO[str], bool], None]

BUILTIN_FORMATS = ("text", "concise", "json", "jsonl", "sarif", "github", "junit")


@lru_cache(maxsize=1)
def builtin_catalogue() -> Catalogue:
    """The built-in message catalogue (``rules/messages*.toml``), read once."""
    from ..packs import builtin_packs

    return Catalogue(builtin_packs().get("messages", {}))


def ui(lang: str) -> Callable[..., str]:
    """``t(id, **args) -> str``: an interface string (``ui.*`` entry) in ``lang`` (``"zh"`` | ``"en"``).

    An unknown id renders as the id itself (:meth:`Catalogue.text`), so a missing entry shows instead of failing.
    """
    cat = builtin_catalogue()

    def t(mid: str, **args: Any) -> str:
        return cat.text(mid, lang, args)

    return t


def get_reporter(name: str, plugins: bool = True) -> Reporter:
    """The reporter for a format name (built-in, else a plugin's when ``plugins``).

    Raises:
        KeyError: unknown format.
        lawgov_lint.plugins.PluginError: a reporter plugin failed to load.
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
    if not plugins:
        raise KeyError(name)
    from ..plugins import plugin_reporters

    return plugin_reporters()[name]

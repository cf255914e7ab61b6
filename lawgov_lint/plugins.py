"""Third-party rules and reporters through entry points (like flake8's finder).

Groups: ``lawgov_lint.rules`` (an entry point naming a module or callable;
importing/calling it registers rules with :func:`lawgov_lint.checks.rule` and
:func:`lawgov_lint.checks.check`) and ``lawgov_lint.reporters`` (an entry point
named after the output format, naming a reporter function). A plugin that
fails to load stops the run with its distribution name.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import entry_points


class PluginError(Exception):
    """A plugin failed to load (message names the distribution and the entry point)."""


def _dist(ep) -> str:
    d = getattr(ep, "dist", None)
    return f"{d.name} {d.version}" if d is not None else "unknown distribution"


_loaded = False


def load_plugins() -> None:
    """Import every ``lawgov_lint.rules`` entry point (once)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for ep in sorted(entry_points(group="lawgov_lint.rules"), key=lambda e: e.name):
        try:
            obj = ep.load()
            if callable(obj) and not isinstance(obj, type(__import__("sys"))):
                obj()
        except Exception as e:  # noqa: BLE001 - any plugin failure stops the run
            raise PluginError(f"plugin {ep.name!r} from {_dist(ep)} failed to load: {type(e).__name__}: {e}") from None


@lru_cache(maxsize=1)
def plugin_reporters() -> dict:
    """Format name → reporter function from ``lawgov_lint.reporters`` entry points."""
    out = {}
    for ep in entry_points(group="lawgov_lint.reporters"):
        try:
            out[ep.name] = ep.load()
        except Exception as e:  # noqa: BLE001
            raise PluginError(f"reporter plugin {ep.name!r} from {_dist(ep)} failed to load: {type(e).__name__}: {e}") from None
    return out

"""Third-party rules and reporters through entry points (like flake8's finder).

Groups:

* ``lawgov_lint.rules`` — an entry point naming a module (importing it
  registers rules with :func:`lawgov_lint.checks.rule` and checks with
  :func:`lawgov_lint.checks.check`) or a callable (called once, with no
  arguments, to do the same);
* ``lawgov_lint.reporters`` — an entry point named after the output format
  (``--output-format NAME``), naming a reporter function
  ``(results, options, summary, stream, color) -> None``.

The built-in rules are registered first, so a plugin that reuses a built-in
code or name fails. A plugin that fails to load stops the run (exit 2) with a
one-line message naming its distribution; ``--no-plugins`` loads none.
"""

from __future__ import annotations

import types
from importlib.metadata import entry_points

from .reporters import BUILTIN_FORMATS

RULE_GROUP = "lawgov_lint.rules"
REPORTER_GROUP = "lawgov_lint.reporters"


class PluginError(Exception):
    """A plugin failed to load (message names the distribution and the entry point)."""


def _dist(ep) -> str:
    d = getattr(ep, "dist", None)
    return f"{d.name} {d.version}" if d is not None else "an unknown distribution"


def _why(e: BaseException) -> str:
    text = " ".join(str(e).split())
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


_loaded = False
_reporters: dict | None = None


def load_plugins() -> None:
    """Import every ``lawgov_lint.rules`` entry point (once per process).

    Raises:
        PluginError: an entry point could not be imported or raised.
    """
    global _loaded
    if _loaded:
        return
    _loaded = True
    from . import checks

    checks.load_builtin()
    for ep in sorted(entry_points(group=RULE_GROUP), key=lambda e: (e.name, e.value)):
        try:
            obj = ep.load()
            if callable(obj) and not isinstance(obj, types.ModuleType):
                obj()
        except Exception as e:  # noqa: BLE001 - any plugin failure stops the run
            raise PluginError(f"rule plugin {ep.name!r} ({ep.value}) from {_dist(ep)} failed to load: {_why(e)}") from None


def plugin_reporters() -> dict:
    """Format name → reporter function from ``lawgov_lint.reporters`` entry points.

    Raises:
        PluginError: an entry point could not be loaded, is not callable, or
            reuses a built-in format name.
    """
    global _reporters
    if _reporters is not None:
        return _reporters
    out = {}
    for ep in sorted(entry_points(group=REPORTER_GROUP), key=lambda e: (e.name, e.value)):
        if ep.name in BUILTIN_FORMATS:
            raise PluginError(f"reporter plugin {ep.name!r} from {_dist(ep)} reuses a built-in output format name")
        try:
            fn = ep.load()
        except Exception as e:  # noqa: BLE001
            raise PluginError(f"reporter plugin {ep.name!r} ({ep.value}) from {_dist(ep)} failed to load: {_why(e)}") from None
        if not callable(fn):
            raise PluginError(f"reporter plugin {ep.name!r} ({ep.value}) from {_dist(ep)} is not a function")
        out[ep.name] = fn
    _reporters = out
    return out

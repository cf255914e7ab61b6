"""Third-party rules and reporters through entry points (like flake8's finder).

Groups:

* ``lawgov_lint.rules`` — an entry point naming a module (importing it
  registers rules with :func:`lawgov_lint.checks.rule` and checks with
  :func:`lawgov_lint.checks.check`) or a callable (called once, with no
  arguments, to do the same);
* ``lawgov_lint.reporters`` — an entry point named after the output format
  (``--output-format NAME``), naming a reporter function
  ``(results, options, summary, stream, color) -> None``.

:func:`build_registry` returns the run's :class:`~lawgov_lint.checks.Registry`
(built-in rules first, so a plugin that reuses a built-in code or name fails)
and :func:`plugin_reporters` the plugins' formats: values the caller passes
along, nothing kept in this module. A plugin that fails to load stops the run
(exit 2) with a one-line message naming its distribution, and no registry is
returned; ``--no-plugins`` loads none.
"""

from __future__ import annotations

import types
from typing import Callable

from .checks import Registry, builtin_registry, declarations_of
from .checks import _DECLARED as _declared
from .reporters import BUILTIN_FORMATS

RULE_GROUP = "lawgov_lint.rules"
REPORTER_GROUP = "lawgov_lint.reporters"


def entry_points(group: str):
    """The installed entry points of ``group`` (``importlib.metadata.entry_points(group=…)``); none,
    without importing importlib.metadata (10–20 ms of a cold run), when no installed distribution's
    ``entry_points.txt`` names the group (:func:`lawgov_lint.installed.may_have_entry_points`)."""
    from .installed import may_have_entry_points

    if not may_have_entry_points(group):
        return ()
    from importlib.metadata import entry_points as _entry_points

    return _entry_points(group=group)


class PluginError(Exception):
    """A plugin failed to load (message names the distribution and the entry point)."""


def _dist(ep) -> str:
    d = getattr(ep, "dist", None)
    return f"{d.name} {d.version}" if d is not None else "an unknown distribution"


def _why(e: BaseException) -> str:
    text = " ".join(str(e).split())
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


def build_registry(plugins: bool = True) -> Registry:
    """The rules and checks of a run: the built-in ones, then (``plugins``) every
    ``lawgov_lint.rules`` entry point's, in entry-point name order.

    Importing a plugin is done once per process (Python's module cache); what it declared
    is read from the declarations its package made, so building twice gives equal values.

    Raises:
        PluginError: an entry point could not be imported, raised, or declared a rule that
            collides with one already in the registry (nothing half-built is kept).
    """
    registry = builtin_registry()
    if not plugins:
        return registry
    for ep in sorted(entry_points(group=RULE_GROUP), key=lambda e: (e.name, e.value)):
        try:
            before = len(_declared)
            obj = ep.load()
            if callable(obj) and not isinstance(obj, types.ModuleType):
                if ep.value not in _called:
                    obj()
                    _called[ep.value] = _declared[before:]
                decls = _called[ep.value]
            else:
                decls = declarations_of([obj.__name__]) if isinstance(obj, types.ModuleType) else []
            registry = registry.extended(decls)
        except Exception as e:  # noqa: BLE001 - any plugin failure stops the run
            raise PluginError(f"rule plugin {ep.name!r} ({ep.value}) from {_dist(ep)} failed to load: {_why(e)}") from None
    return registry


# What a callable entry point declared when it was called (it is called once per process).
_called: dict[str, list] = {}


def plugin_reporters() -> dict:
    """Format name → reporter function from ``lawgov_lint.reporters`` entry points.

    Raises:
        PluginError: an entry point could not be loaded, is not callable, or
            reuses a built-in format name.
    """
    out: dict[str, Callable] = {}
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
    return out

"""Compiled regular expressions kept between runs (a cache in the user cache directory, SPEC §8).

Python compiles a pattern in pure Python (``re._parser`` then ``re._compiler``) and hands the resulting
program to its C engine, ``_sre``. lawgov-lint's ~250 patterns cost ~30 ms of a cold run that way — about
as much as analysing the report — mostly in character classes of Han characters (~0.15 ms each, ~1 ms
for a range such as ``[\\u4e00-\\u9fff]``). :func:`compile` keeps each program in a marshal file of the
user cache directory, keyed by the pattern text and its flags, in a file named after the Python build
and the engine's version (``_sre.MAGIC``); a later run hands the kept program to ``_sre`` (which checks
it before accepting it) and gets the same :class:`re.Pattern` that :func:`re.compile` returns.

The cache holds patterns only (the key is the pattern itself), so it cannot carry one run's rule packs
into another's findings. Anything unexpected — another Python implementation, a changed private API,
an unreadable or foreign cache file — falls back to :func:`re.compile`; a bad pattern raises
:class:`re.error` exactly as :func:`re.compile` does, and one the parser warns about is compiled by
:func:`re.compile` (which warns) and never kept.
"""

from __future__ import annotations

import re
import sys
from typing import Callable, TypeVar

_T = TypeVar("_T")

_MAX_ENTRIES = 4000  # beyond this (many different extra packs over time) the file starts over

# (pattern, flags) → (flags, code, groups, groupindex, indexgroup), as re._compiler gives them to _sre.
_kept: dict | None = None
_new: dict = {}
_usable = sys.implementation.name == "cpython"
_CODE_TYPE = "I"  # the program is kept as the bytes of an array of 4-byte codes (_sre.CODESIZE, checked in _file_name)


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, reading the compiled program from the cache when it is there.

    Raises:
        re.error: ``pattern`` is not a valid regular expression.
    """
    global _usable
    flags = int(flags)
    if not _usable or flags & re.DEBUG or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    key = (pattern, flags)
    entry = _kept.get(key) if _kept is not None else _load().get(key)
    if entry is None:
        entry = _new.get(key)
    if entry is not None:
        try:
            return _sre_compile(pattern, *entry)
        except Exception:  # noqa: BLE001 - a program this engine refuses: compile it again below
            pass
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            entry = _program(pattern, flags)
        compiled = _sre_compile(pattern, *entry)
    except re.error:
        raise
    except Warning:  # the parser warns about it (a nested set…): compiled, and warned about, as ever; never kept
        return re.compile(pattern, flags)
    except Exception:  # noqa: BLE001 - the private API is not what this module expects
        _usable = False
        return re.compile(pattern, flags)
    if not _new:
        import atexit

        atexit.register(_store)
    _new[key] = entry
    return compiled


def derived(kind: str, pattern: str, flags: int, make: Callable[[], _T]) -> _T:
    """``make()``: a value derived from ``pattern`` and ``flags`` alone (e.g. by the standard library's
    parser; one :mod:`marshal` can write), kept with the compiled programs under ``kind``."""
    key = (kind, pattern, int(flags))
    hit = (_kept if _kept is not None else _load()).get(key) or _new.get(key)
    if isinstance(hit, tuple) and len(hit) == 1:
        return hit[0]
    value = make()
    if _usable:
        if not _new:
            import atexit

            atexit.register(_store)
        _new[key] = (value,)
    return value


def _sre_compile(pattern, flags, code, groups, groupindex, indexgroup):
    import _sre
    from array import array

    return _sre.compile(pattern, flags, array(_CODE_TYPE, code).tolist(), groups, dict(groupindex), tuple(indexgroup))


def _program(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` for this pattern."""
    from array import array
    from re import _compiler, _parser

    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    return flags | p.state.flags, array(_CODE_TYPE, code).tobytes(), p.state.groups - 1, groupindex, tuple(indexgroup)


def _file_name() -> str:
    import zlib
    from array import array

    import _sre

    if array(_CODE_TYPE).itemsize != _sre.CODESIZE:
        raise OSError("no cache: the engine's code size is not an unsigned int's")
    stamp = (sys.version, sys.maxunicode, _sre.MAGIC, _sre.CODESIZE)
    return f"regex-{zlib.crc32(repr(stamp).encode()):08x}.marshal"


def _load() -> dict:
    """The kept programs (empty when there is no usable cache file); read once per process."""
    global _kept
    from .installed import read_cache

    try:
        data = read_cache(_file_name())
    except OSError:
        data = None
    _kept = data if isinstance(data, dict) else {}
    return _kept


def _store() -> None:
    """Write the kept programs and this run's new ones (at exit, when there are new ones)."""
    from .installed import write_cache

    if not _new:
        return
    merged = dict(_kept or {}) if len(_kept or {}) + len(_new) <= _MAX_ENTRIES else {}
    merged.update(_new)
    try:
        write_cache(_file_name(), merged)
    except OSError:
        pass


__all__ = ["compile", "derived"]

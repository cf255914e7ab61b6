"""Rule packs: the TOML data in the top-level ``rules/`` folder.

The built-in packs are installed as package data ``lawgov_lint/rules/*.toml``.
Extra packs (``--rule-pack FILE``) are merged on top: tables merge key by key,
lists are extended (duplicates dropped), scalars are replaced. A pack may carry
a ``[severity]`` table mapping rule codes to ``"error"|"warning"|"info"``.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, TypeVar

from .document import LoadError


class PackError(Exception):
    """A rule pack could not be read (one-line message naming the file)."""


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if key in out and isinstance(out[key], dict) and isinstance(value, dict):
            out[key] = _merge(out[key], value)
        elif key in out and isinstance(out[key], list) and isinstance(value, list):
            merged = list(out[key])
            for item in value:
                if item not in merged:
                    merged.append(item)
            out[key] = merged
        else:
            out[key] = value
    return out


def _read(path: Path, label: str) -> dict[str, Any]:
    return _parse(lambda: path.read_text(encoding="utf-8"), label)


def _parse(read_text, label: str) -> dict[str, Any]:
    """The TOML of ``read_text()``.

    Raises:
        PackError: unreadable or not TOML (one line naming ``label``).
    """
    import tomllib

    try:
        return tomllib.loads(read_text())
    except tomllib.TOMLDecodeError as e:
        raise PackError(f"{label}: invalid TOML ({e})") from None
    except (OSError, UnicodeDecodeError) as e:
        raise PackError(f"{label}: cannot read rule pack ({e})") from None


@lru_cache(maxsize=1)
def builtin_packs() -> dict[str, Any]:
    """All built-in packs merged, keyed by pack name: the file stem up to its first dot, so that
    ``messages.toml``, ``messages.structure.toml`` … are parts of one pack (``messages``).

    Parsing the TOML costs ~12 ms of a cold run, so the merged result is kept in the user cache
    directory as a marshal file (reading it: ~0.5 ms), keyed by the package version, the Python
    version and the pack files' names, sizes and modification times (any edit, any new version reads
    them again); an unreadable or stale cache is ignored. The built-in packs are not validated here:
    a test validates them (tests/test_packs.py).
    """
    stamp, entries = _builtin_pack_files()
    cached = _cached_packs(stamp)
    if cached is not None:
        return cached
    packs: dict[str, Any] = {}
    for name, read_text in entries:
        pack = name[:-5].split(".")[0]
        packs[pack] = _merge(packs.get(pack, {}), _parse(read_text, f"built-in pack {name}"))
    _store_packs(stamp, packs)
    return packs


def _builtin_pack_files() -> tuple[tuple, list[tuple[str, Any]]]:
    """The built-in pack files sorted by name, as ``(name, read_text)``, and their stamp: what
    identifies their contents (folder, names, sizes, modification times; package and Python versions).

    The packs are package data of ``lawgov_lint.rules``: a folder in any ordinary install, read with
    ``os``; otherwise (a zip) through ``importlib.resources``, and stamped by their bytes.
    """
    import os
    from importlib.util import find_spec

    from . import __version__

    spec = find_spec(f"{__package__}.rules")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    folder = locations[0] if len(locations) == 1 else ""
    head = (__version__, tuple(sys.version_info[:2]), folder)
    if os.path.isdir(folder):
        names = sorted(n for n in os.listdir(folder) if n.endswith(".toml"))
        stats = [os.stat(os.path.join(folder, n)) for n in names]
        entries = [(n, _file_reader(os.path.join(folder, n))) for n in names]
        return head + tuple((n, st.st_size, st.st_mtime_ns) for n, st in zip(names, stats)), entries
    from importlib.resources import files  # pragma: no cover - a zip install

    found = sorted((e for e in files("lawgov_lint.rules").iterdir() if e.name.endswith(".toml")),
                   key=lambda e: e.name)
    raw = [(e.name, e.read_bytes()) for e in found]
    return head + tuple(raw), [(n, (lambda b=b: b.decode("utf-8"))) for n, b in raw]


def _file_reader(path: str):
    def read_text() -> str:
        with open(path, encoding="utf-8") as f:
            return f.read()

    return read_text


def _packs_cache_name(stamp: tuple) -> str:
    import zlib

    return f"packs-{zlib.crc32(repr(stamp).encode()):08x}.marshal"


def _cached_packs(stamp: tuple) -> dict[str, Any] | None:
    """The cached packs of these pack files: the file holds ``(stamp, packs)``, and a stamp that is not
    this one (another install or version whose name collided) is a miss."""
    from .installed import read_cache

    data = read_cache(_packs_cache_name(stamp))
    if isinstance(data, tuple) and len(data) == 2 and data[0] == stamp and isinstance(data[1], dict):
        return data[1]
    return None


def _store_packs(stamp: tuple, packs: dict[str, Any]) -> None:
    """Write the cache (:func:`lawgov_lint.installed.write_cache`: atomically, nothing when a value
    cannot be written, e.g. a TOML date); drop caches of other pack versions unused for a week
    (several installs may share the cache directory, so a fresh one is left alone)."""
    import time

    from .installed import user_cache_dir, write_cache

    name = _packs_cache_name(stamp)
    write_cache(name, (stamp, packs))
    try:
        for old in Path(user_cache_dir()).glob("packs-*"):
            if old.name != name and old.suffix in (".marshal", ".pickle") and time.time() - old.stat().st_mtime > 7 * 86400:
                old.unlink(missing_ok=True)
    except OSError:
        pass


SEVERITIES = ("error", "warning", "info")  # the severities, highest first


def _validate_severities(data: dict[str, Any], label: str) -> None:
    """Every ``[severity]`` table (top level or in a pack table) maps codes to a known severity."""
    tables = [("severity", data["severity"])] if isinstance(data.get("severity"), dict) else []
    tables += [(f"{k}.severity", v["severity"]) for k, v in data.items()
               if isinstance(v, dict) and isinstance(v.get("severity"), dict)]
    for where, table in tables:
        for code, sev in table.items():
            if sev not in SEVERITIES:
                raise PackError(f"{label}: [{where}] {code} = {sev!r}: must be one of {', '.join(SEVERITIES)}")


def load_packs(extra: list[str | Path] | tuple = ()) -> "Packs":
    """Built-in packs plus ``extra`` pack files merged on top.

    An extra pack file is routed by the sections it holds (``[[confusions]]``
    → the terms pack, ``[terms.near_miss]`` or ``[terms] near_miss = …`` too,
    ``[messages]`` → the message catalogue, ``[severity]``), whatever its file
    name, and validated against :mod:`lawgov_lint.pack_schema` when it loads:
    unknown sections and keys, wrong types and regular expressions that do not
    compile are refused. Tables merge key by key, arrays are extended.

    Raises:
        PackError: a pack file is missing, not TOML, or does not fit the
            schema (one line naming the file, the key and the problem).
    """
    packs = {k: dict(v) for k, v in builtin_packs().items()}
    for p in extra:
        from .pack_schema import PackSchemaError, route, validate

        path = Path(p)
        if not path.is_file():
            raise PackError(f"{p}: rule pack not found")
        data = _read(path, str(p))
        _validate_severities(data, str(p))
        try:
            routed = route(data, str(p))
            validate(routed, str(p))
        except PackSchemaError as e:
            raise PackError(str(e)) from None
        for pack, sections in routed.items():
            packs[pack] = _merge(packs.get(pack, {}), sections)
        if isinstance(data.get("severity"), dict):
            packs["severity"] = _merge(packs.get("severity", {}), data["severity"])
        for key, value in data.items():  # a pack table's own [x.severity] overrides
            if isinstance(value, dict) and isinstance(value.get("severity"), dict) and key in packs:
                packs[key] = _merge(packs[key], {"severity": value["severity"]})
    _validate_deadlines(packs.get("deadlines", {}), ", ".join(map(str, extra)) or "built-in packs")
    return Packs(packs)


def _validate_deadlines(deadlines: dict[str, Any], label: str) -> None:
    """Deadline tables hold a real month and day (``{month = 3, day = 1}``)."""
    import datetime as dt

    for group in ("submission", "publication"):
        for name, d in (deadlines.get(group) or {}).items():
            try:
                dt.date(2001, int(d["month"]), int(d["day"]))
            except (KeyError, TypeError, ValueError):
                raise PackError(f"{label}: [deadlines.{group}.{name}] must have a valid month and day (got {d!r})") from None


_T = TypeVar("_T")


def per_packs(packs: Any, key: str, build: Callable[[], _T]) -> _T:
    """``build()``, computed once per ``packs`` value and kept in its :attr:`Packs.memo`: for what is
    derived from the run's packs alone (finders, automata, compiled patterns, prepared synonyms), so
    that a lint does not rebuild it and one run's extra packs never reach another's. ``key`` names the
    value (``"module.what"``); packs without a ``memo`` (None, a plain dict) are not cached."""
    store = getattr(packs, "memo", None)
    if store is None:
        return build()
    try:
        return store[key]
    except KeyError:
        value = store[key] = build()
        return value


class Packs:
    """Read access to merged pack data: ``packs["sections"]["contents"]["1"]``.

    ``memo`` holds what code derives from these packs alone (joined alternations, compiled
    patterns, prepared synonym lists), built once per Packs value under a key of its own.
    """

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self._catalogue = None
        self.memo: dict[Any, Any] = {}

    @property
    def catalogue(self):
        """The run's message catalogue (:class:`lawgov_lint.i18n.Catalogue`): the merged ``messages``
        pack, built-in entries and extra packs' ``[messages]`` (each validated already: the built-in ones
        by a test, an extra pack's when it loaded); built once per Packs value."""
        if self._catalogue is None:
            from .i18n import Catalogue

            self._catalogue = Catalogue(self["messages"], checked=True)
        return self._catalogue

    def __getitem__(self, name: str) -> dict[str, Any]:
        """A pack's merged sections; ``{}`` for a known pack with no data.

        Raises:
            KeyError: ``name`` is no pack of the schema (a typo in a check).
        """
        if name in self.data:
            return self.data[name]
        from .pack_schema import PACK_NAMES

        if name in PACK_NAMES or name == "severity":
            return {}
        raise KeyError(f"no rule pack named {name!r}")

    def get(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)

    @property
    def severity_overrides(self) -> dict[str, str]:
        """Code → severity from any pack's ``[severity]`` table."""
        out: dict[str, str] = {}
        for name, pack in self.data.items():
            if name == "severity":
                out.update({k: v for k, v in pack.items() if isinstance(v, str)})
            elif isinstance(pack, dict) and isinstance(pack.get("severity"), dict):
                out.update(pack["severity"])
        return out


__all__ = ["Packs", "PackError", "load_packs", "builtin_packs", "LoadError"]

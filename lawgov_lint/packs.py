"""Rule packs: the TOML data in the top-level ``rules/`` folder.

The built-in packs are installed as package data ``lawgov_lint/rules/*.toml``.
Extra packs (``--rule-pack FILE``) are merged on top: tables merge key by key,
lists are extended (duplicates dropped), scalars are replaced. A pack may carry
a ``[severity]`` table mapping rule codes to ``"error"|"warning"|"info"``.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

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


def _read(path: Path | Any, label: str) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise PackError(f"{label}: invalid TOML ({e})") from None
    except (OSError, UnicodeDecodeError) as e:
        raise PackError(f"{label}: cannot read rule pack ({e})") from None


@lru_cache(maxsize=1)
def builtin_packs() -> dict[str, Any]:
    """All built-in packs merged, keyed by pack name (file stem)."""
    root = files("lawgov_lint.rules")
    packs: dict[str, Any] = {}
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            packs[entry.name[:-5]] = _read(entry, f"built-in pack {entry.name}")
    return packs


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

    An extra pack file's top-level tables are merged into the built-in pack of
    the same name (``[sections]`` → sections.toml …) when its top-level keys are
    pack names, otherwise into a pack named after the file stem.

    Raises:
        PackError: a pack file is missing or invalid.
    """
    packs = {k: dict(v) for k, v in builtin_packs().items()}
    for p in extra:
        path = Path(p)
        if not path.is_file():
            raise PackError(f"{p}: rule pack not found")
        data = _read(path, str(p))
        _validate_severities(data, str(p))
        for key, value in data.items():
            if key in packs and isinstance(value, dict):
                packs[key] = _merge(packs[key], value)
            elif key == "severity" and isinstance(value, dict):
                packs["severity"] = _merge(packs.get("severity", {}), value)
            else:
                packs[path.stem] = _merge(packs.get(path.stem, {}), {key: value})
    _validate_deadlines(packs.get("deadlines", {}), ", ".join(map(str, extra)) or "built-in packs")
    _validate_word_lists(packs, ", ".join(map(str, extra)) or "built-in packs")
    return Packs(packs)


# pack keys that hold plain lists of words or titles (laws.toml, measure_words.toml)
_WORD_LISTS = (("laws", "laws"), ("measure_words", "words"))


def _validate_word_lists(packs: dict[str, Any], label: str) -> None:
    """Each list of words or titles the checks read is a list of non-empty strings."""
    for pack, key in _WORD_LISTS:
        value = (packs.get(pack) or {}).get(key, [])
        if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
            raise PackError(f"{label}: [{pack}] {key} must be a list of non-empty strings")


def _validate_deadlines(deadlines: dict[str, Any], label: str) -> None:
    """Deadline tables hold a real month and day (``{month = 3, day = 1}``)."""
    import datetime as dt

    for group in ("submission", "publication"):
        for name, d in (deadlines.get(group) or {}).items():
            try:
                dt.date(2001, int(d["month"]), int(d["day"]))
            except (KeyError, TypeError, ValueError):
                raise PackError(f"{label}: [deadlines.{group}.{name}] must have a valid month and day (got {d!r})") from None


class Packs:
    """Read access to merged pack data: ``packs["sections"]["contents"]["1"]``."""

    def __init__(self, data: dict[str, Any]):
        self.data = data

    def __getitem__(self, name: str) -> dict[str, Any]:
        return self.data.get(name, {})

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

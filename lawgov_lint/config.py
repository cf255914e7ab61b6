"""Configuration files: ``[tool.lawgov-lint]`` in ``pyproject.toml`` or a ``lawgov-lint.toml``.

Discovery (like ruff): for each linted file, its folder and then each parent
folder is searched; in one folder ``.lawgov-lint.toml`` wins over
``lawgov-lint.toml``, which wins over a ``pyproject.toml`` *with* a
``[tool.lawgov-lint]`` table (a ``pyproject.toml`` without one is skipped). The
nearest configuration wins and configurations are not merged, so files in
different folders can be linted under different configurations in one run.
``--config FILE`` uses one file for every input; ``--isolated`` ignores all
configuration files.

Keys (in ``lawgov-lint.toml`` at the top level, in ``pyproject.toml`` under
``[tool.lawgov-lint]``)::

    select = ["S", "M", "D001"]          # codes, prefixes or rule names; default ALL
    extend-select = ["L001"]
    ignore = ["S007", "relative-year"]
    fail-on = "warning"                  # error | warning | info
    deadline-profile = "province"        # standard | province | demonstration
    year = 2024                          # the reporting year being collected (--year; S014)
    rule-packs = ["packs/shanghai.toml"] # relative to the configuration file
    exclude = ["drafts/**", "*-old.docx"] # files a folder run leaves out (globs as below)

    [per-file-ignores]                   # glob → selectors
    "drafts/**" = ["D"]
    "*-summary.md" = ["S001", "S002"]

    [severity]                           # code or rule name → severity
    S005 = "info"

Globs in ``per-file-ignores`` (ruff's rules): a pattern without ``/`` matches
the file name in any folder; a pattern with ``/`` matches the path relative to
the configuration file's folder (``/`` separators, case-sensitive). ``*`` and
``?`` never cross ``/``, ``**`` matches any number of folders, ``[ab]`` a
character class; a leading ``!`` negates (the codes apply to files that do
*not* match).

Every problem is a :class:`ConfigError` whose one-line message names the file
and the key.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from . import recache
from .options import DEADLINE_PROFILES, Options, Selection
from .packs import SEVERITIES

CONFIG_NAMES = (".lawgov-lint.toml", "lawgov-lint.toml", "pyproject.toml")
KEYS = ("select", "extend-select", "ignore", "per-file-ignores", "severity", "fail-on", "deadline-profile",
        "rule-packs", "limits", "year", "exclude", "lang")


class ConfigError(Exception):
    """A configuration file is unreadable or invalid (one line: file, key, what is wrong)."""


@dataclass(slots=True)
class Config:
    """One configuration file's settings (SPEC §7 flags of the same names).

    ``path`` is the file; ``root`` the folder per-file-ignores globs and
    rule-pack paths are relative to. ``rule_packs`` are absolute paths.
    """

    path: Path
    root: Path
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: list[tuple[str, list[str]]] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str | None = None
    deadline_profile: str | None = None
    rule_packs: list[str] = field(default_factory=list)
    limits: dict[str, int] = field(default_factory=dict)
    year: int | None = None
    lang: str | None = None
    exclude: list[str] = field(default_factory=list)

    def excludes(self, path: str | Path) -> bool:
        """Whether ``path`` matches one of the ``exclude`` globs (relative to :attr:`root`)."""
        return any(glob_match(pattern, path, self.root) for pattern in self.exclude)

    def ignores_for(self, path: str | Path) -> list[str]:
        """The per-file-ignores selectors that apply to ``path``."""
        out: list[str] = []
        for pattern, codes in self.per_file_ignores:
            negate = pattern.startswith("!")
            if glob_match(pattern[1:] if negate else pattern, path, self.root) != negate:
                out.extend(c for c in codes if c not in out)
        return out


# --------------------------------------------------------------------------- reading

def _table_of(path: Path) -> dict[str, Any] | None:
    """The lawgov-lint table of a configuration file (None: a pyproject.toml without one).

    A file read before with these very bytes is answered from the user cache directory, without
    importing tomllib (~5 ms of a cold run, its patterns compiled at import): a pyproject.toml on
    the way up from the linted files is read on every run even when it has no lawgov-lint table.
    """
    pyproject = path.name == "pyproject.toml"
    try:
        raw = path.read_bytes()
    except OSError:
        raw = None  # the error is reported below, as ever
    kept = _kept_tables() if raw is not None else {}
    hit = kept.get(raw)
    if isinstance(hit, tuple) and len(hit) == 2 and hit[0] == pyproject:
        return hit[1]
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML ({e})") from None
    except (OSError, UnicodeDecodeError) as e:
        reason = getattr(e, "strerror", None) or str(e)
        raise ConfigError(f"{path}: cannot read the configuration file ({reason})") from None
    table = data
    if pyproject:
        tool = data.get("tool")
        table = tool.get("lawgov-lint") if isinstance(tool, dict) else None
        if table is not None and not isinstance(table, dict):
            raise ConfigError(f"{path}: tool.lawgov-lint: must be a table")
    if raw is not None and len(raw) <= _KEPT_MAX_BYTES:
        _keep_table(kept, raw, pyproject, table)
    return table


# Configuration files read before, by their bytes: {bytes: (is a pyproject.toml, its table)}, in one
# file of the user cache directory holding the last few; a file of other bytes is a miss, so an edit
# is always read again.
_KEPT_FILE = f"toml-{sys.version_info[0]}{sys.version_info[1]}.marshal"
_KEPT_MAX_FILES = 32
_KEPT_MAX_BYTES = 64 * 1024


def _kept_tables() -> dict:
    from .installed import read_cache

    kept = read_cache(_KEPT_FILE)
    return kept if isinstance(kept, dict) else {}


def _keep_table(kept: dict, raw: bytes, pyproject: bool, table) -> None:
    """Add one file's table (not one marshal cannot write, e.g. with a TOML date) to the kept ones."""
    import marshal

    from .installed import write_cache

    try:
        marshal.dumps(table)
    except ValueError:
        return
    kept = dict(list(kept.items())[-(_KEPT_MAX_FILES - 1):])
    kept[raw] = (pyproject, table)
    write_cache(_KEPT_FILE, kept)


def load_config(path: str | Path, *, known: Callable[[str], bool] | None = None,
                is_code: Callable[[str], bool] | None = None, explicit: bool = True) -> Config | None:
    """Read and validate one configuration file.

    Args:
        path: a ``lawgov-lint.toml`` (keys at the top level) or a
            ``pyproject.toml`` (keys under ``[tool.lawgov-lint]``); any other
            name is read like ``lawgov-lint.toml``.
        known: whether a selector (code, prefix, name, ``ALL``) names a rule.
        is_code: whether a string is a rule code or name (for ``severity``).
        explicit: the file was named with ``--config``: a pyproject.toml
            without ``[tool.lawgov-lint]`` is then an error, not skipped.

    Returns:
        The Config, or None for a discovered pyproject.toml without the table.

    Raises:
        ConfigError: unreadable file, invalid TOML, unknown key or bad value.
    """
    path = Path(path).absolute()
    if not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    table = _table_of(path)
    where = "[tool.lawgov-lint]" if path.name == "pyproject.toml" else ""
    if table is None:
        if explicit:
            raise ConfigError(f"{path}: no [tool.lawgov-lint] table")
        return None
    cfg = Config(path=path, root=path.parent)

    def bad(key: str, what: str) -> ConfigError:
        return ConfigError(f"{path}: {key}: {what}")

    def selectors(key: str, value: Any) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad(key, "must be a list of rule codes, prefixes or names, e.g. [\"S\", \"M001\"]")
        out = [v.strip() for v in value]
        for v in out:
            if known is not None and not known(v):
                raise bad(key, f"unknown rule selector {v!r} (see lawgov-lint --list-rules)")
        return out

    for key, value in table.items():
        if key not in KEYS:
            hint = f" (did you mean {key.replace('_', '-')!r}?)" if key.replace("_", "-") in KEYS else ""
            raise ConfigError(f"{path}: unknown key {key!r}{' in ' + where if where else ''}{hint}; "
                              f"known keys: {', '.join(KEYS)}")
        if key == "select":
            cfg.select = selectors(key, value)
        elif key == "extend-select":
            cfg.extend_select = selectors(key, value)
        elif key == "ignore":
            cfg.ignore = selectors(key, value)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise bad(key, "must be a table of glob = [codes], e.g. \"drafts/**\" = [\"D\"]")
            for pattern, codes in value.items():
                if not pattern.strip("!"):
                    raise bad(key, "empty glob pattern")
                try:
                    _glob_regex(pattern.lstrip("!"))
                except re.error as e:
                    raise bad(f"{key}.{pattern!r}", f"invalid glob ({e})") from None
                cfg.per_file_ignores.append((pattern, selectors(f"{key}.{pattern!r}", codes)))
        elif key == "severity":
            if not isinstance(value, dict):
                raise bad(key, "must be a table of CODE = \"error\" | \"warning\" | \"info\"")
            for code, sev in value.items():
                if is_code is not None and not is_code(code):
                    raise bad(f"{key}.{code}", "unknown rule code or name (see lawgov-lint --list-rules)")
                if sev not in SEVERITIES:
                    raise bad(f"{key}.{code}", f"must be one of {', '.join(SEVERITIES)} (got {sev!r})")
                cfg.severity[code] = sev
        elif key == "fail-on":
            if value not in SEVERITIES:
                raise bad(key, f"must be one of {', '.join(SEVERITIES)} (got {value!r})")
            cfg.fail_on = value
        elif key == "deadline-profile":
            if value not in DEADLINE_PROFILES:
                raise bad(key, f"must be one of {', '.join(DEADLINE_PROFILES)} (got {value!r})")
            cfg.deadline_profile = value
        elif key == "rule-packs":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise bad(key, "must be a list of TOML file paths (relative to the configuration file)")
            for v in value:
                pack = (cfg.root / v).resolve()
                if not pack.is_file():
                    raise bad(key, f"rule pack {v!r} not found (looked for {pack})")
                cfg.rule_packs.append(str(pack))
        elif key == "lang":
            if value not in ("zh", "en"):
                raise bad(key, f"must be \"zh\" or \"en\" (got {value!r})")
            cfg.lang = value
        elif key == "year":
            if not isinstance(value, int) or isinstance(value, bool) or not 1990 <= value <= 2100:
                raise bad(key, f"must be a reporting year such as 2024 (got {value!r})")
            cfg.year = value
        elif key == "exclude":
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise bad(key, "must be a list of globs, e.g. [\"drafts/**\", \"*-old.docx\"]")
            for v in value:
                try:
                    _glob_regex(v.lstrip("!"))
                except re.error as e:
                    raise bad(f"{key}.{v!r}", f"invalid glob ({e})") from None
            cfg.exclude = list(value)
        elif key == "limits":
            from .loaders import Limits

            names = {Limits.key(f): f for f in Limits.__dataclass_fields__}
            if not isinstance(value, dict):
                raise bad(key, f"must be a table of limits ({', '.join(names)})")
            for name, n in value.items():
                if name not in names:
                    raise bad(f"{key}.{name}", f"unknown limit; known limits: {', '.join(names)}")
                if not isinstance(n, int) or isinstance(n, bool) or n <= 0:
                    raise bad(f"{key}.{name}", f"must be a positive integer (got {n!r})")
                cfg.limits[names[name]] = n
    return cfg


# --------------------------------------------------------------------------- discovery

def find_config_file(start: str | Path) -> Path | None:
    """The nearest configuration file for a file in folder ``start`` (or None).

    Looks in ``start`` and each parent: ``.lawgov-lint.toml``, then
    ``lawgov-lint.toml``, then a ``pyproject.toml`` that has a
    ``[tool.lawgov-lint]`` table.

    Raises:
        ConfigError: a pyproject.toml on the way is not valid TOML.
    """
    return _find(Path(start).absolute())


@lru_cache(maxsize=None)
def _find(folder: Path) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = folder / name
        if candidate.is_file():
            if name != "pyproject.toml" or _table_of(candidate) is not None:
                return candidate
    parent = folder.parent
    return None if parent == folder else _find(parent)


def clear_cache() -> None:
    """Forget discovered configuration files (tests create and delete them)."""
    _find.cache_clear()


# --------------------------------------------------------------------------- globs

@lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    out = []
    i = 0
    n = len(pattern)
    while i < n:
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            j = pattern.find("]", i + 2)
            if j == -1:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1:j]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = j + 1
                continue
        else:
            out.append(re.escape(c))
        i += 1
    return recache.compile("".join(out) + r"\Z")


def glob_error(pattern: str) -> str | None:
    """Why ``pattern`` is not a valid glob (one short phrase), or None when it is."""
    try:
        _glob_regex(pattern.lstrip("!"))
    except re.error as e:
        return str(e)
    return None


def glob_match(pattern: str, path: str | Path, root: Path) -> bool:
    """Whether ``path`` matches a per-file-ignores glob of a configuration in ``root``.

    A pattern without ``/`` matches the file name in any folder; a pattern
    starting with ``/`` matches the absolute path; any other pattern with
    ``/`` matches the path relative to ``root`` (never a file outside it). A
    trailing ``/`` matches everything below that folder.
    """
    p = Path(path).absolute()
    if pattern.endswith("/"):
        pattern += "**"
    if "/" not in pattern:
        return bool(_glob_regex(pattern).match(p.name))
    if pattern.startswith("/"):
        return bool(_glob_regex(pattern).match(p.as_posix()))
    try:
        rel = p.relative_to(root.absolute()).as_posix()
    except ValueError:
        return False
    return bool(_glob_regex(pattern.removeprefix("./")).match(rel))


def rule_keys(rules) -> tuple[Callable[[str], bool], Callable[[str], bool], dict[str, str]]:
    """For a registry's ``rules``: ``known(selector)`` (a code, prefix, name or ALL), ``is_code(key)``
    (exactly one rule's code or name) and ``code_of`` (name → code), as configuration validation needs."""
    from .selectors import matches

    rules = list(rules)

    def known(sel: str) -> bool:
        return sel.upper() == "ALL" or any(matches(sel, r.code, r.name) for r in rules)

    def is_code(key: str) -> bool:
        return any(key.upper() == r.code or key == r.name for r in rules)

    return known, is_code, {r.name: r.code for r in rules}


def options_from(cfg: "Config | None", where: Path, code_of: dict[str, str], *, deadline_profile: str | None = None,
                 published_on=None, as_of=None, select: list[str] | None = None, extend_select=(), ignore=(),
                 rule_packs=(), fail_on: str | None = None, year: int | None = None,
                 lang: str | None = None) -> Options:
    """The Options of one input: what was given (the command line; None = not given) over the
    configuration ``cfg`` (None: none applies) over the defaults. ``where`` is the input's absolute
    path (for per-file-ignores); ``code_of`` maps rule names to codes (:func:`rule_keys`)."""
    import datetime as dt

    from .i18n import detect_lang

    return Options(
        deadline_profile=deadline_profile or (cfg.deadline_profile if cfg else None) or "standard",
        published_on=published_on,
        as_of=as_of or dt.date.today(),
        select=select,
        extend_select=list(extend_select),
        ignore=list(ignore),
        severity={code_of.get(k, k.upper()): v for k, v in cfg.severity.items()} if cfg else {},
        rule_packs=(list(cfg.rule_packs) if cfg else []) + list(rule_packs),
        base_selection=Selection(cfg.select, list(cfg.extend_select), list(cfg.ignore)) if cfg else None,
        per_file_ignores=cfg.ignores_for(where) if cfg else [],
        fail_on=fail_on or (cfg.fail_on if cfg else None) or "error",
        limits=dict(cfg.limits) if cfg else {},
        year=year if year is not None else (cfg.year if cfg else None),
        lang=lang or (cfg.lang if cfg else None) or detect_lang(),
    )


__all__ = ["rule_keys", "options_from", "Config", "ConfigError", "load_config", "find_config_file", "glob_match", "glob_error", "KEYS",
           "clear_cache"]

"""Messages in the reader's language (SPEC §7 “Language”).

Every text a reader of findings sees comes from a *catalogue*: one entry per
message id, each with its text in English (``en``) and Chinese (``zh``) and the
same named placeholders in both (``{figure}``, ``{deadline}``). Checks yield a
:class:`Msg` (an id and its arguments) instead of a finished sentence; the
engine renders it in the language of the run.

The catalogue is data, like the rule packs: the built-in entries live in the
pack ``rules/messages.toml`` (top-level keys are message ids, values
``{ en = "…", zh = "…" }``), and an extra pack (``--rule-pack``, a plugin's
pack) adds or overrides entries with a ``[messages]`` table. An extension's
entry without ``zh`` falls back to English for that message only.

Rule texts for ``--explain``/``--list-rules``/the docs: the English summary
and rationale are declared with the rule (:func:`lawgov_lint.checks.rule`);
the Chinese ones are catalogue entries ``rule.<CODE>.summary`` and
``rule.<CODE>.why`` (``zh`` only).

Why TOML and not gettext: the packs are already TOML and extension authors
already write packs; a catalogue entry with both languages side by side is
reviewed in one place, and a test checks that the placeholders of the two
languages agree — gettext's .po/.mo pair would add a build step and a second
file format for the same few hundred strings.
"""

from __future__ import annotations

import os

from . import recache
import string
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping

LANGS = ("zh", "en")
_PLACEHOLDER = string.Formatter()


@dataclass(frozen=True, slots=True)
class Msg:
    """A message id and its arguments, rendered later in the run's language.

    ``args`` values are strings, numbers, other Msg values (rendered in the same language)
    or lists of them (joined with the language's list separator).
    """

    id: str
    args: Mapping[str, Any] = field(default_factory=dict)

    def key(self) -> tuple:
        return (self.id, tuple(sorted((k, str(v)) for k, v in self.args.items())))


def msg(id: str, **args: Any) -> Msg:
    """``Msg(id, args)``: what a check passes as a message or suggestion."""
    return Msg(id, args)


def _windows_ui_is_chinese() -> bool:  # pragma: no cover - exercised on Windows only
    try:
        import ctypes

        lang_id = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - no Windows API: not Chinese
        return False
    return (lang_id & 0x3FF) == 0x04  # PRIMARYLANGID == LANG_CHINESE


def detect_lang(environ: Mapping[str, str] | None = None, platform: str | None = None) -> str:
    """The default language: ``"zh"`` on a Chinese locale, else ``"en"``.

    The locale is the first *set* (non-empty) variable of ``LC_ALL``,
    ``LC_MESSAGES``, ``LANG`` (POSIX precedence); it is Chinese when it
    starts with ``zh`` (``zh_CN.UTF-8``, ``zh_TW``). When none is set on
    Windows, the Windows UI language decides.
    """
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    if (platform or sys.platform) == "win32" and _windows_ui_is_chinese():
        return "zh"
    return "en"


def placeholders(text: str) -> set[str]:
    """The named placeholders of a template (``{figure}`` → ``{"figure"}``)."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in _PLACEHOLDER.parse(text) if name}


class CatalogueError(Exception):
    """A catalogue entry is malformed (one line naming the entry)."""


class Catalogue:
    """Message id → {lang → template}.

    ``checked=True`` says the entries were validated already (the built-in ones by a test,
    tests/test_i18n.py; an extra pack's when it loaded, :mod:`lawgov_lint.pack_schema`), so that a
    run does not check some 400 entries again (~1.5 ms).

    Raises:
        CatalogueError: (on construction, unless ``checked``) an entry that is not a table of
            language → string, lacks ``en`` (except ``rule.*`` texts), or
            whose languages' placeholders differ.
    """

    def __init__(self, entries: Mapping[str, Any], label: str = "messages", checked: bool = False):
        self.entries: dict[str, dict[str, str]] = {}
        if checked:
            self.entries = {mid: dict(entry) for mid, entry in entries.items()}
            return
        for mid, entry in entries.items():
            if not isinstance(entry, dict) or not entry or not all(
                    k in LANGS and isinstance(v, str) for k, v in entry.items()):
                raise CatalogueError(f"{label}: message {mid!r} must be a table of "
                                     f"{' / '.join(LANGS)} strings (got {entry!r})")
            if "en" not in entry and not mid.startswith("rule."):
                raise CatalogueError(f"{label}: message {mid!r} has no English text (en)")
            names = {lang: placeholders(t) for lang, t in entry.items()}
            if len({frozenset(v) for v in names.values()}) > 1:
                raise CatalogueError(f"{label}: message {mid!r}: the languages use different placeholders "
                                     + ", ".join(f"{k}: {sorted(v)}" for k, v in names.items()))
            self.entries[mid] = dict(entry)

    def text(self, mid: str, lang: str, args: Mapping[str, Any] | None = None) -> str:
        """The message in ``lang`` (English when it has no such text), placeholders filled.

        An unknown id renders as the id itself followed by its arguments, so
        that a missing entry shows instead of failing the run.
        """
        entry = self.entries.get(mid)
        if entry is None:
            extra = ", ".join(f"{k}={v}" for k, v in (args or {}).items())
            return f"{mid}({extra})" if extra else mid
        template = entry.get(lang) or entry.get("en") or next(iter(entry.values()))
        try:
            return template.format_map(_Args(args or {}))
        except (ValueError, IndexError, AttributeError):
            return template

    def render(self, m: "Msg | str | None", lang: str) -> str | None:
        """A Msg rendered in ``lang``; a plain string (an old-style plugin message) as it is."""
        if m is None or isinstance(m, str):
            return m
        return self.text(m.id, lang, {k: self._value(v, lang) for k, v in m.args.items()})

    def _value(self, v: Any, lang: str) -> Any:
        """An argument in ``lang``: a Msg rendered, a list or tuple of them joined (“；” in Chinese,
        “; ” in English), anything else as it is."""
        if isinstance(v, Msg):
            return self.render(v, lang)
        if isinstance(v, (list, tuple)):
            return ("；" if lang == "zh" else "; ").join(str(self._value(x, lang)) for x in v)
        return v


class _Args(dict):
    """format_map arguments: a missing placeholder stays visible as ``{name}``."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


SEVERITY_WORDS = {"en": {"error": "error", "warning": "warning", "info": "info"},
                  "zh": {"error": "错误", "warning": "警告", "info": "提示"}}

@lru_cache(maxsize=1)
def _cjk():
    return recache.compile(r"[\u3400-\u9fff]")  # compiled on first use: a class this wide costs ~2 ms


def has_cjk(text: str) -> bool:
    return bool(_cjk().search(text))


__all__ = ["Msg", "msg", "LANGS", "detect_lang", "Catalogue", "CatalogueError", "placeholders", "SEVERITY_WORDS"]

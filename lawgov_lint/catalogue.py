"""The built-in message catalogue and interface strings: what reporters, the language server and the
annotator show around the findings (``ui.*`` entries of ``rules/messages*.toml``)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable

from .i18n import Catalogue
from .packs import builtin_packs


@lru_cache(maxsize=1)
def builtin_catalogue() -> Catalogue:
    """The built-in message catalogue (``rules/messages*.toml``), read once (validated by a test)."""
    return Catalogue(builtin_packs().get("messages", {}), checked=True)


def ui(lang: str) -> Callable[..., str]:
    """``t(id, **args) -> str``: an interface string (``ui.*`` entry) in ``lang`` (``"zh"`` | ``"en"``).

    An unknown id renders as the id itself (:meth:`Catalogue.text`), so a missing entry shows instead of failing.
    """
    cat = builtin_catalogue()

    def t(mid: str, **args: Any) -> str:
        return cat.text(mid, lang, args)

    return t


__all__ = ["builtin_catalogue", "ui"]

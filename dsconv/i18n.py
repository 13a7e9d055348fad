"""One translation helper for every user-facing string (English and 中文).

Strings live in ``dsconv/locale/*.py`` (one module per area, each a ``STRINGS`` dict of
``key -> {"en": ..., "zh": ...}``); this module merges them and refuses duplicate keys.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

LANGS: tuple[str, ...] = ("en", "zh")
LANG_NAMES: dict[str, str] = {"en": "English", "zh": "中文"}
DEFAULT_LANG = "en"


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """All strings of all locale modules, merged; raises if two modules define the same key."""
    from dsconv import locale

    merged: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(locale.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"dsconv.locale.{info.name}")
        for key, entry in module.STRINGS.items():
            if key in merged:
                raise KeyError(f"i18n key {key!r} defined twice (second time in locale/{info.name}.py)")
            merged[key] = entry
    return merged


def normalise_lang(lang: str | None) -> str:
    """``lang`` if supported, else the default language."""
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """The string ``key`` in ``lang``, formatted with ``params``; falls back to English, then to the key."""
    entry = catalogue().get(key)
    if entry is None:
        return key
    template = entry.get(normalise_lang(lang)) or entry.get(DEFAULT_LANG, key)
    return template.format(**params) if params else template


def missing_translations() -> list[tuple[str, str]]:
    """``(key, lang)`` pairs with no (or an empty) string: the i18n test asserts this is empty."""
    return [(key, lang) for key, entry in catalogue().items() for lang in LANGS if not entry.get(lang)]


class Translator:
    """``t`` bound to one language, so pages write ``tr("key")``."""

    def __init__(self, lang: str) -> None:
        self.lang = normalise_lang(lang)

    def __call__(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)


class TranslatableError(Exception):
    """Mixin for errors whose message is an i18n key plus parameters, so pages can show it in any language."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(t(key, "en", **params))

    def message(self, lang: str = DEFAULT_LANG) -> str:
        """The message in ``lang``."""
        return t(self.key, lang, **self.params)

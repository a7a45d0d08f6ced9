"""Translation for the papers a person reads, with Babel and the project's one catalog.

Court forms stay in English. Everything else (next steps, the reading copy, the translated copy
of a DA letter, the clinic summary) follows the person's language. Messages are English msgids
with ``%(name)s`` placeholders, marked with ``_``/``N_``/``ngettext`` so ``pybabel extract``
finds them; engine reasons arrive as msgid + params and go through the same catalog.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from babel.core import UnknownLocaleError
from babel.dates import format_date
from babel.support import NullTranslations, Translations

#: The top-level catalogs (compiled with ``make i18n-compile``).
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"

#: Languages the papers are offered in; English is the source language.
LANGUAGES = ("en", "es", "zh_Hant", "vi", "tl", "ko")


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated where it is used."""
    return message


def normalise_lang(lang: str | None) -> str:
    """``"zh-Hant"`` → ``"zh_Hant"``; raises ValueError for a language we do not offer."""
    code = (lang or "en").strip().replace("-", "_")
    for known in LANGUAGES:
        if code.lower() == known.lower():
            return known
    raise ValueError(f"lang: {lang!r} is not one of {', '.join(LANGUAGES)}")


@cache
def _catalog(lang: str) -> NullTranslations:
    if lang == "en":
        return NullTranslations()
    return Translations.load(str(TRANSLATIONS_DIR), [lang])


@dataclass(frozen=True)
class Translator:
    """gettext bound to one language, plus the few formatting helpers documents need."""

    lang: str

    @property
    def catalog(self) -> NullTranslations:
        return _catalog(self.lang)

    def gettext(self, message: str, **params: Any) -> str:
        text = self.catalog.gettext(message)
        return _interpolate(text, message, params)

    def ngettext(self, singular: str, plural: str, n: int, **params: Any) -> str:
        text = self.catalog.ngettext(singular, plural, n)
        params.setdefault("num", n)
        return _interpolate(text, singular if n == 1 else plural, params)

    def reason(self, reason: Mapping[str, Any]) -> str:
        """An engine reason (``message`` msgid + ``params``) in this language."""
        message = reason.get("message") or reason.get("text") or ""
        params = dict(reason.get("params") or {})
        text = self.catalog.gettext(message)
        return _interpolate(text, message, params)

    def date(self, value: date) -> str:
        try:
            return format_date(value, format="long", locale=self.lang)
        except (UnknownLocaleError, ValueError):  # not in Babel's data: ISO dates read everywhere
            return value.isoformat()


def _interpolate(text: str, fallback: str, params: Mapping[str, Any]) -> str:
    if not params:
        return text
    try:
        return text % params
    except (KeyError, ValueError, TypeError):
        # A translation with a broken placeholder must not cost the person their papers.
        try:
            return fallback % params
        except (KeyError, ValueError, TypeError):
            return fallback


@cache
def translator(lang: str | None) -> Translator:
    return Translator(normalise_lang(lang))

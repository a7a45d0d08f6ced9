"""Translation for the papers a person reads, with Babel and the project's one catalog.

Court forms stay in English. Everything else (next steps, the reading copy, the translated copy
of a DA letter, the clinic summary) follows the person's language. Messages are English msgids
with ``%(name)s`` placeholders, marked with ``_``/``N_``/``ngettext`` so ``pybabel extract``
finds them; engine reasons arrive as msgid + params and go through the same catalog.

A requested language whose compiled catalog is missing or older than its ``.po`` file is an
error (:class:`CatalogError`), never English papers under another language's name. Dates are
written the way each reader writes them (Babel's long format: "9 de noviembre de 2016",
"2016年11月9日"); a date known only to the month never gets a day.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
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


#: How precise a date is: the day is known, only the month, or only the year.
DAY, MONTH, YEAR = "day", "month", "year"

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class CatalogError(RuntimeError):
    """The compiled catalog for a requested language is missing or stale."""


def catalog_path(lang: str) -> Path:
    return TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "messages.mo"


@cache
def _catalog(lang: str) -> NullTranslations:
    if lang == "en":
        return NullTranslations()
    compiled = catalog_path(lang)
    source = compiled.with_suffix(".po")
    if not compiled.is_file():
        raise CatalogError(
            f"The {lang} translations are not compiled ({compiled} is missing). Run make i18n-compile."
        )
    if source.is_file() and source.stat().st_mtime > compiled.stat().st_mtime:
        raise CatalogError(
            f"The {lang} translations changed after they were compiled ({compiled} is older than "
            f"{source.name}). Run make i18n-compile."
        )
    with compiled.open("rb") as handle:
        return Translations(handle)


#: Where readers of a language write dates or numbers otherwise than Babel's default for it (the
#: decisions are in translations/REVIEW.md): Vietnamese writes "9 tháng 11 năm 2016"; Spanish as
#: read in California writes 28.5, as in Mexico and the United States (es_US), not 28,5.
LONG_DATE_PATTERN = {"vi": "d 'tháng' M 'năm' y"}
NUMBER_LOCALE = {"es": "es_US"}


def babel_locale(lang: str) -> str:
    """The Babel locale for one of :data:`LANGUAGES` (Tagalog is written as Filipino)."""
    return {"tl": "fil"}.get(lang, lang)


def us_date(value: date | None, precision: str = DAY) -> str:
    """MM/DD/YYYY, as California courts write dates; MM/YYYY or YYYY when that is all that is
    known."""
    if value is None:
        return ""
    if precision == YEAR:
        return f"{value.year:04d}"
    if precision == MONTH:
        return f"{value.month:02d}/{value.year:04d}"
    return value.strftime("%m/%d/%Y")


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

    def reason(self, reason: Mapping[str, Any], *, us_dates: bool = False) -> str:
        """An engine reason (``message`` msgid + ``params``) in this language, its dates written
        out for the reader (or MM/DD/YYYY with ``us_dates``, for a letter to an office)."""
        message = reason.get("message") or reason.get("text") or ""
        params = {key: self.value(v, us_dates=us_dates) for key, v in (reason.get("params") or {}).items()}
        text = self.catalog.gettext(message)
        return _interpolate(text, message, params)

    def value(self, value: Any, *, us_dates: bool = False) -> Any:
        """A placeholder's value for this reader: ISO dates written out, decimals with the
        locale's separator; everything else as it is."""
        if isinstance(value, str) and _ISO_DATE.match(value):
            parsed = date.fromisoformat(value)
            return us_date(parsed) if us_dates else self.date(parsed)
        if isinstance(value, date):
            return us_date(value) if us_dates else self.date(value)
        if isinstance(value, float):
            return self.number(value)
        return value

    def date(self, value: date, precision: str = DAY) -> str:
        """"November 9, 2016", "9 de noviembre de 2016", "2016年11月9日"; "noviembre de
        2016" or "2016" when only the month or the year is known."""
        locale = locale_data(babel_locale(self.lang))
        if precision == YEAR:
            return format_skeleton("y", value, locale=locale)
        if precision == MONTH:
            return format_skeleton("yMMMM", value, locale=locale)
        return format_date(value, format=LONG_DATE_PATTERN.get(self.lang, "long"), locale=locale)

    def number(self, value: float) -> str:
        """28.5 in English and Spanish, 28,5 in Vietnamese."""
        return format_decimal(value, locale=locale_data(NUMBER_LOCALE.get(self.lang) or babel_locale(self.lang)))


@cache
def locale_data(name: str) -> Locale:
    """Babel's locale data for ``name``, parsed once per process rather than on every date,
    number or page."""
    return Locale.parse(name)


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

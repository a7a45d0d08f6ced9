"""Translations for the command line and the bulk summary (the project's gettext catalog).

The language comes from the usual environment variables (``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG``); English is the source language and the fallback.
"""

from __future__ import annotations

import gettext as _gettext
from functools import lru_cache
from pathlib import Path

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"


@lru_cache(maxsize=1)
def _catalog() -> _gettext.NullTranslations:
    return _gettext.translation("messages", localedir=TRANSLATIONS_DIR, fallback=True)


def gettext(message: str) -> str:
    return _catalog().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalog().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated where it is shown."""
    return message


_ = gettext

"""Which writing systems the papers can print, and when a court form needs the name in Latin
letters.

The PDF writer draws glyphs one after another, left to right. That is right for Latin, Greek,
Cyrillic, Chinese, Japanese and Korean. Scripts that need shaping (joined letters, reordered
vowels, right-to-left lines) would print wrong, so text in them is never put in a PDF: the
papers show a placeholder and the web page (and the accessible HTML copy) shows the text.

Court forms carry the name as it appears in the court record, which California courts keep in
Latin letters. The website asks for that spelling when the name typed is in another script
(:func:`needs_latin_name`, :data:`LATIN_NAME_REASON`).
"""

from __future__ import annotations

import unicodedata

from . import typeset as ts
from .i18n import N_

#: Why the website asks for a second spelling of the name (shown next to the field).
LATIN_NAME_REASON = N_(
    "Court forms use your name as it is written in your court record, in English letters (A to Z). "
    "Please type it that way too. Your papers in your language keep the name as you wrote it."
)

#: Printed in a PDF where a name cannot be drawn (the web page shows it).
NAME_ON_WEB_PAGE = N_("(your name is shown on the web page)")


def printable(text: str) -> bool:
    """True when every character of ``text`` can be drawn correctly in a PDF."""
    text = ts.normalise(text)
    if text.isascii():
        return True
    for ch in text:
        if ch.isspace() or unicodedata.category(ch).startswith("M"):
            continue
        if ts.glyph_font(ch, ts.LATIN)[1] != ch:
            return False
    return True


def _latin_letter(ch: str) -> bool:
    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")


def needs_latin_name(name: str) -> bool:
    """True when ``name`` has letters outside the Latin alphabet (``"王小明"``, ``"김민준"``,
    ``"Иван"``), so the court forms need the name as the court record spells it.

    Accented Latin (``"Nguyễn"``, ``"José"``) needs nothing more."""
    return any(
        unicodedata.category(ch).startswith("L") and not _latin_letter(ch)
        for ch in unicodedata.normalize("NFC", name or "")
    )

"""Compile the gettext catalogs (.po → .mo) into a folder, for tests, benches and servers.

``make i18n-compile`` writes the .mo files next to the .po files; this does the same into any
folder, so a test run never reads stale compiled catalogs.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .i18n import LANGUAGES
from .paths import TRANSLATIONS_DIR


def compile_catalogs(dest: Path, source: Path = TRANSLATIONS_DIR) -> Path:
    for lang in LANGUAGES:
        po = source / lang.code / "LC_MESSAGES" / "messages.po"
        if not po.exists():
            continue
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=lang.code)
        out = dest / lang.code / "LC_MESSAGES"
        out.mkdir(parents=True, exist_ok=True)
        with (out / "messages.mo").open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
    return dest

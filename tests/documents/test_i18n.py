"""The papers a person reads follow their language through the project's gettext catalog."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo

import documents
from documents import build_packet, i18n

from .helpers import case_file, conviction, evaluate, pdf_text

DOCUMENTS_DIR = Path(documents.__file__).parent


@pytest.fixture
def spanish_catalog(tmp_path, monkeypatch):
    """A tiny compiled Spanish catalog in place of translations/."""
    case = case_file(conviction())
    result = evaluate(case)
    reason = result["convictions"][0]["reasons"][0]
    catalog = Catalog(locale="es")
    catalog.add("Your next steps", "Sus próximos pasos")
    catalog.add("Step 2: Make copies", "Paso 2: Haga copias")
    catalog.add(reason["message"], "TRADUCIDO: " + reason["message"])
    catalog.add("Free legal aid near you: %(url)s", "Ayuda legal gratuita: %(url)s")
    catalog.add("The public defender's office in %(county)s County.", "Defensor público: %(broken)s")
    target = tmp_path / "es" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with open(target / "messages.mo", "wb") as handle:
        write_mo(handle, catalog)
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    i18n._catalog.cache_clear()
    yield case, result, reason
    i18n._catalog.cache_clear()


def test_next_steps_and_engine_reasons_are_translated(spanish_catalog):
    case, result, reason = spanish_catalog
    packet = build_packet(case, result, None, lang="es")
    text = " ".join(pdf_text(packet.files["next-steps.pdf"]).split())
    assert "Sus próximos pasos" in text
    assert "Paso 2: Haga copias" in text
    # the engine's ISO date is written out the Spanish way
    expected = "TRADUCIDO: " + reason["message"] % {"date": "9 de noviembre de 2016"}
    assert " ".join(expected.split()) in text
    assert "2016-11-09" not in text
    assert "Ayuda legal gratuita: https://www.lawhelpca.org" in text
    # a translation with a wrong placeholder falls back to the English sentence
    assert "The public defender's office in San Francisco County." in text
    # court forms stay in English
    assert "Sus próximos pasos" not in pdf_text(packet.files["CR-400_SF12345.pdf"])


def test_english_needs_no_catalog():
    tr = i18n.translator("en")
    assert tr.gettext("Hello %(name)s", name="Ana") == "Hello Ana"
    assert tr.ngettext("%(num)d petition", "%(num)d petitions", 2) == "2 petitions"


@pytest.mark.parametrize("lang", ["es", "zh-Hant", "zh_hant", "VI", "tl", "ko"])
def test_language_codes_are_normalised(lang):
    assert i18n.normalise_lang(lang) in i18n.LANGUAGES


def test_person_facing_sentences_are_extractable():
    messages = {
        (m[2] if isinstance(m[2], str) else m[2][0])
        for m in extract_from_dir(str(DOCUMENTS_DIR), method_map=[("**.py", "python")])
    }
    for sentence in (
        "Your next steps",
        "Step 3: Serve the prosecutor",
        "What your petition says (case %(case)s)",
        "You can ask the court to dismiss and seal this conviction.",
        "11359: having cannabis to sell",
        "%(name)s was born on %(dob)s.",
        "This packet has %(num)d petition (form CR-400), one for each case.",
    ):
        assert sentence in messages
    assert len(messages) > 100

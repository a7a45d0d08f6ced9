"""The translation catalogs are complete, current and safe to interpolate.

Fails when:
- the committed ``translations/messages.pot`` differs from a fresh extraction (run
  ``make i18n-extract i18n-update``);
- any message in any supported language is missing, empty or fuzzy;
- a translation's placeholders differ from the English (``%(name)s`` names and types, or the
  count of ``%s``/``%d``);
- a catalog does not compile, or a glossary is missing a required term.

Each failure lists the language and the messages, so a translator can go straight to them.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from webapp.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "messages.pot"
LANGS = [lang.code for lang in LANGUAGES if lang.code != "en"]  # every language the site offers
GLOSSARY_TERMS = {
    "conviction", "dismiss", "seal", "redesignate", "petition", "application",
    "District Attorney", "probation", "jail", "prison", "infraction", "misdemeanor", "felony",
    "record", "relief", "serve", "proof of service", "resentence", "sentence", "court", "parole",
    "case number", "juvenile court", "eligible", "offense",
}
PLACEHOLDER = re.compile(r"%(?:\((?P<name>[^)]+)\))?[-#0 +]*\d*(?:\.\d+)?(?P<type>[sdifr%])")


def placeholders(text: str) -> tuple[tuple[str, str], ...]:
    """Named placeholders as a sorted set; positional ones in order; ``%%`` ignored."""
    named, positional = set(), []
    for m in PLACEHOLDER.finditer(text):
        if m.group("type") == "%":
            continue
        if m.group("name"):
            named.add((m.group("name"), m.group("type")))
        else:
            positional.append(("", m.group("type")))
    return tuple(sorted(named)) + tuple(positional)


def _read(path: Path, locale: str | None = None):
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _strings(message) -> list[str]:
    return [s for s in (message.id if isinstance(message.id, (list, tuple)) else [message.id])]


def _translations(message) -> list[str]:
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]


def test_pot_is_current(tmp_path):
    fresh = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [str(pybabel), "extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext",
         "-c", "Translators:", "--omit-header", "--no-location", "--sort-by-file",
         "-o", str(fresh), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    committed = {m.id: m for m in _read(POT) if m.id}
    current = {m.id: m for m in _read(fresh) if m.id}
    added = sorted(str(k) for k in current.keys() - committed.keys())
    removed = sorted(str(k) for k in committed.keys() - current.keys())
    assert not added and not removed, (
        "translations/messages.pot is stale: run `make i18n-extract i18n-update`.\n"
        f"new messages: {added[:20]}\nmessages no longer in the code: {removed[:20]}"
    )
    assert POT.read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8"), (
        "translations/messages.pot differs from a fresh extraction (comments or order): "
        "run `make i18n-extract`"
    )


@pytest.fixture(scope="module")
def template():
    return {m.id: m for m in _read(POT) if m.id}


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated(lang, template):
    catalog = _read(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", lang)
    by_id = {m.id: m for m in catalog if m.id}
    missing = [str(k) for k in template if k not in by_id]
    empty = [str(k) for k, m in by_id.items() if k in template and not all(_translations(m))]
    fuzzy = [str(k) for k, m in by_id.items() if k in template and m.fuzzy]
    assert not missing, f"{lang}: {len(missing)} messages missing (run make i18n-update): {missing[:10]}"
    assert not empty, f"{lang}: {len(empty)} messages not translated: {empty[:10]}"
    assert not fuzzy, f"{lang}: {len(fuzzy)} fuzzy messages to review: {fuzzy[:10]}"


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_match_the_english(lang):
    catalog = _read(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", lang)
    wrong = []
    for message in catalog:
        if not message.id:
            continue
        english = placeholders(_strings(message)[0])
        for translated in _translations(message):
            if translated and placeholders(translated) != english:
                wrong.append(f"{_strings(message)[0]!r} → {translated!r}")
        names = {name for name, _type in english if name}
        for translated in _translations(message):
            if translated and names:
                try:  # every placeholder must also interpolate
                    translated % {name: 1 for name in names}
                except (KeyError, ValueError, TypeError) as error:
                    wrong.append(f"{translated!r}: {error}")
    assert not wrong, f"{lang}: placeholders differ from the English:\n" + "\n".join(wrong[:20])


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_compiles(lang, tmp_path):
    catalog = _read(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", lang)
    problems = [(m.id, errs) for m, errs in catalog.check() if errs]
    assert not problems, f"{lang}: {problems[:10]}"
    with (tmp_path / "messages.mo").open("wb") as handle:
        write_mo(handle, catalog)


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_covers_the_legal_terms(lang):
    path = TRANSLATIONS / "glossary" / f"{lang}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["language"] == lang
    terms = {t["en"]: t for t in data["terms"]}
    assert GLOSSARY_TERMS <= set(terms), f"{lang}: glossary lacks {GLOSSARY_TERMS - set(terms)}"
    assert all(t.get("translation") for t in terms.values())
    sources = {s["id"] for s in data["sources"]}
    assert all(s.get("url") and s.get("name") for s in data["sources"])
    unsourced = [en for en in GLOSSARY_TERMS if terms[en].get("source") not in sources]
    assert not unsourced, f"{lang}: legal terms without a source in `sources`: {unsourced}"


def _glossary(lang: str) -> dict:
    return yaml.safe_load((TRANSLATIONS / "glossary" / f"{lang}.yaml").read_text(encoding="utf-8"))


def _msgstrs(lang: str) -> list[tuple[str, str]]:
    catalog = _read(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", lang)
    return [(str(_strings(m)[0]), t) for m in catalog if m.id for t in _translations(m) if t]


@pytest.mark.parametrize("lang", LANGS)
def test_known_mistranslations_stay_out(lang):
    """A wording a reader misread once (listed under ``avoid``) never comes back."""
    avoid = [entry for term in _glossary(lang)["terms"] for entry in term.get("avoid", [])]
    avoid += _glossary(lang).get("avoid", [])
    found = [f"{a['text']!r} ({a['why']}) in {t!r}" for a in avoid for _en, t in _msgstrs(lang)
             if a["text"].lower() in t.lower()]
    assert not found, f"{lang}: known mistranslations:\n" + "\n".join(found[:20])


@pytest.mark.parametrize("lang", LANGS)
def test_one_register_throughout(lang):
    """One way of addressing the reader in every message (``register`` in the glossary)."""
    register = _glossary(lang)["register"]
    patterns = [(re.compile(r["pattern"]), r["why"]) for r in register.get("avoid", [])]
    off = [f"{why}: {t!r}" for pattern, why in patterns for _en, t in _msgstrs(lang)
           if pattern.search(t)]
    assert not off, f"{lang}: register is {register['use']!r}, but:\n" + "\n".join(off[:20])


@pytest.mark.parametrize("lang", LANGS)
def test_translations_use_the_glossary(lang):
    """Where the glossary marks a term as fixed, every message using it uses the same words."""
    data = yaml.safe_load((TRANSLATIONS / "glossary" / f"{lang}.yaml").read_text(encoding="utf-8"))
    fixed = [t for t in data["terms"] if t.get("fixed")]
    catalog = _read(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", lang)
    off = []
    for term in fixed:
        pattern = re.compile(r"\b" + re.escape(term["en"]), re.IGNORECASE)
        accepted = [term["translation"], *term.get("variants", [])]
        for message in catalog:
            if not message.id or not pattern.search(PLACEHOLDER.sub("", _strings(message)[0])):
                continue
            for translated in _translations(message):
                if translated and not any(a.lower() in translated.lower() for a in accepted):
                    off.append(f"{term['en']!r}: {translated!r}")
    assert not off, f"{lang}: glossary terms not used:\n" + "\n".join(off[:20])

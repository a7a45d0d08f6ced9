"""Languages the site speaks, and how a request's language is chosen.

Order: ``?lang=`` → the session → the browser's Accept-Language → English.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel import Locale, support
from flask import request, session
from flask.globals import _cv_request
from flask_babel import Domain, get_locale
from flask_babel.speaklater import LazyString
from jinja2 import pass_eval_context
from markupsafe import Markup

from documents.i18n import locale_data


@dataclass(frozen=True, slots=True)
class Language:
    code: str  # the catalog folder name under translations/ ("zh_Hant")
    tag: str  # the BCP 47 tag for <html lang> ("zh-Hant")
    name: str  # the language's own name, shown in the menu
    dir: str = "ltr"


LANGUAGES: tuple[Language, ...] = (
    Language("en", "en", "English"),
    Language("es", "es", "Español"),
    Language("zh_Hant", "zh-Hant", "中文（繁體）"),
    Language("vi", "vi", "Tiếng Việt"),
    Language("tl", "tl", "Tagalog"),
    Language("ko", "ko", "한국어"),
)
BY_CODE = {lang.code: lang for lang in LANGUAGES}
DEFAULT = "en"

# Accept-Language tags we understand, mapped to a catalog. Only Traditional Chinese is offered,
# so every Chinese tag gets it; Filipino ("fil") reads the Tagalog catalog.
_ACCEPT = {
    "en": "en",
    "es": "es",
    "zh-hant": "zh_Hant",
    "zh-tw": "zh_Hant",
    "zh-hk": "zh_Hant",
    "zh-mo": "zh_Hant",
    "zh": "zh_Hant",
    "zh-hans": "zh_Hant",
    "zh-cn": "zh_Hant",
    "vi": "vi",
    "tl": "tl",
    "fil": "tl",
    "ko": "ko",
}


def normalise(value: str | None) -> str | None:
    """A menu or URL value (``es``, ``zh-Hant``, ``zh_Hant``) → catalog code, or None."""
    if not value:
        return None
    key = value.strip().replace("_", "-").lower()
    if key in _ACCEPT:
        return _ACCEPT[key]
    return _ACCEPT.get(key.split("-")[0]) if key.split("-")[0] != "zh" else "zh_Hant"


def from_accept_language(header_values) -> str | None:
    for value, _quality in header_values:  # already sorted by quality
        code = normalise(value)
        if code:
            return code
    return None


def select_locale() -> str:
    """The request's language, chosen once per request (as Flask-Babel keeps its locale), so
    the page's ``lang``, its text and its dates always agree."""
    ctx = _cv_request.get(None)
    if ctx is None:
        return DEFAULT
    chosen = getattr(ctx, "prop64_locale", None)
    if chosen is None:
        chosen = ctx.prop64_locale = _choose_locale()
    return chosen


def _choose_locale() -> str:
    chosen = normalise(request.args.get("lang"))
    if chosen:
        return chosen
    saved = normalise(session.get("lang"))
    if saved:
        return saved
    return from_accept_language(request.accept_languages) or DEFAULT


def select_babel_locale() -> Locale:
    """:func:`select_locale` as Babel's ``Locale`` (Flask-Babel's locale selector), one shared
    object per language, so its CLDR data is read once."""
    return locale_data(select_locale())


def current() -> Language:
    return BY_CODE[select_locale()]


#: Babel's name for each language's locale → the catalog folder. Babel reads ``tl`` as Filipino
#: and calls it ``fil_PH``; there is no folder of that name, so without this the Tagalog site
#: would quietly show English.
_FOLDER = {str(Locale.parse(lang.code)): lang.code for lang in LANGUAGES}


class CatalogDomain(Domain):
    """Loads the catalog folder the site chose, whatever Babel calls its locale."""

    def get_translations(self):
        # Asked once per translated string: keep the answer on the request (its language is
        # chosen once per request, as Flask-Babel does for the locale).
        ctx = _cv_request.get(None)
        if ctx is None:
            return support.NullTranslations()
        found = getattr(ctx, "prop64_translations", None)
        if found is None:
            found = ctx.prop64_translations = self._load()
        return found

    def _load(self):
        locale = str(get_locale())
        folder = _FOLDER.get(locale, locale)
        directories = tuple(self.translation_directories)
        key = (directories, folder)
        translations = self.cache.get(key)
        if translations is None:
            translations = support.Translations()
            for directory in directories:
                catalog = support.Translations.load(directory, [folder], self.domain[0])
                translations.merge(catalog)
                if hasattr(catalog, "plural"):
                    translations.plural = catalog.plural
            self.cache[key] = translations
        return translations


#: One for every app: its cache is keyed by the translation folders, so apps never mix.
CATALOGS = CatalogDomain()


def gettext(message: str, /, **variables: Any) -> str:
    """Flask-Babel's ``gettext``, reading :data:`CATALOGS` directly: the same answer, without
    looking the domain up through ``g`` for every string."""
    text = CATALOGS.get_translations().ugettext(message)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, /, **variables: Any) -> str:
    """Flask-Babel's ``ngettext`` (``num`` is also a placeholder), as :func:`gettext` does."""
    variables.setdefault("num", num)
    return CATALOGS.get_translations().ungettext(singular, plural, num) % variables


def lazy_gettext(message: str, /, **variables: Any) -> LazyString:
    """Flask-Babel's ``lazy_gettext``: translated each time it is shown, by :func:`gettext`."""
    return LazyString(gettext, message, **variables)


@pass_eval_context
def _template_gettext(eval_ctx, message: str, /, **variables: Any) -> str:
    # Jinja's newstyle gettext: the catalog's text is trusted markup, and always formatted.
    text = CATALOGS.get_translations().ugettext(message)
    return (Markup(text) if eval_ctx.autoescape else text) % variables


@pass_eval_context
def _template_ngettext(eval_ctx, singular: str, plural: str, num: int, /,
                       **variables: Any) -> str:
    variables.setdefault("num", num)
    text = CATALOGS.get_translations().ungettext(singular, plural, num)
    return (Markup(text) if eval_ctx.autoescape else text) % variables


def install_in_templates(app) -> None:
    """Templates' ``_()`` and ``ngettext()`` read :data:`CATALOGS` directly (the same answers
    as Flask-Babel's, without looking the domain up again for every string)."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: CATALOGS.get_translations().ugettext(s),
        ngettext=lambda s, p, n: CATALOGS.get_translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: CATALOGS.get_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: CATALOGS.get_translations().unpgettext(c, s, p, n),
    )
    # One call per string instead of Jinja's three (the ``_`` alias, newstyle, the catalog).
    app.jinja_env.globals.update(_=_template_gettext, gettext=_template_gettext,
                                 ngettext=_template_ngettext)

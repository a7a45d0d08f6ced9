"""Templates compiled once per language, so a page does not translate its fixed text each time.

A page calls ``_()`` dozens of times, and most calls hold one fixed sentence ("Quick exit",
"Back"). Each language gets its own compiled copy of every template (a Jinja overlay with its
own cache), in which ``_("a fixed sentence")`` is already that language's text: the same text,
escaped the same way, that the call would give when the page is drawn. Calls with values
(``_("case %(number)s", number=...)``) are still translated as the page is drawn.

Only the catalogs' own text is compiled in; nothing anyone typed or answered is kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from flask import Flask, has_request_context
from flask.globals import _cv_request
from flask.templating import Environment
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from markupsafe import Markup

from .i18n import CATALOGS

#: the names templates translate with
_GETTEXT = frozenset({"_", "gettext"})
#: links remembered by :func:`fixed_links`, at most (they are few: the site's own pages)
_MAX_LINKS = 256


class LanguageEnvironment(Environment):
    """Flask's template environment, handing out each request's language's compiled copy."""

    #: the catalog a language's copy is compiled with (None: the shared, untranslated one)
    prop64_translations: Any = None

    def __init__(self, app, **options: Any) -> None:
        super().__init__(app, **options)
        self.prop64_languages: dict[Any, Environment] = {}

    def for_this_request(self) -> Environment:
        """The copy compiled with the request's catalog (the one ``_()`` reads when drawn)."""
        if self.prop64_translations is not None or not has_request_context():
            return self
        translations = CATALOGS.get_translations()
        env = self.prop64_languages.get(translations)
        if env is None:
            env = self.overlay(cache_size=400)  # its own cache: never the untranslated copies
            env.prop64_translations = translations
            self.prop64_languages[translations] = env
        return env

    def get_template(self, name, parent=None, globals=None):
        env = self.for_this_request()
        if env is not self:
            return env.get_template(name, parent, globals)
        return super().get_template(name, parent, globals)

    def select_template(self, names, parent=None, globals=None):
        env = self.for_this_request()
        if env is not self:
            return env.select_template(names, parent, globals)
        return super().select_template(names, parent, globals)


def fixed_text(translations: Any, message: str, autoescape: bool) -> str | None:
    """What ``_(message)`` gives in a template, or None if it cannot be worked out here (the
    call is then left to run when the page is drawn, and fails there as it always did)."""
    text = translations.ugettext(message)
    try:
        # Jinja's newstyle gettext: the catalog's text is trusted markup, formatted even
        # without values (so "%%" reads "%").
        return (Markup(text) if autoescape else text) % {}
    except (TypeError, ValueError, KeyError):
        return None


class FixedTextExtension(Extension):
    """In a language's copy, ``_("literal")`` and ``gettext("literal")`` become the text."""

    def filter_stream(self, stream: TokenStream) -> Iterable[Token]:
        translations = getattr(self.environment, "prop64_translations", None)
        if translations is None:
            return stream
        autoescape = self.environment.autoescape
        if callable(autoescape):
            autoescape = autoescape(stream.name)
        return _replace_calls(list(stream), translations, bool(autoescape))


def _replace_calls(tokens: list[Token], translations: Any, autoescape: bool) -> Iterator[Token]:
    i = 0
    while i < len(tokens):
        token = tokens[i]
        call = tokens[i:i + 4]
        if (len(call) == 4 and token.type == "name" and token.value in _GETTEXT
                and (i == 0 or tokens[i - 1].type != "dot")
                and [t.type for t in call[1:]] == ["lparen", "string", "rparen"]):
            text = fixed_text(translations, call[2].value, autoescape)
            if text is not None:
                line = token.lineno
                yield Token(line, "lparen", "(")
                yield Token(line, "string", str(text))
                if autoescape:  # kept as markup, as the call's answer is
                    yield Token(line, "pipe", "|")
                    yield Token(line, "name", "safe")
                yield Token(line, "rparen", ")")
                i += 4
                continue
        yield token
        i += 1


def fixed_links(app: Flask):
    """Templates' ``url_for``, remembering the links that take no values (the site's pages,
    its style sheet and icons), which every page draws again. Links with values (a client's
    papers, a download) are built each time and never kept."""
    build = app.url_for

    links: dict[tuple[str, str, str | None], str] = {}

    def url_for(endpoint: str, **values: Any) -> str:
        ctx = _cv_request.get(None)
        if ctx is None or endpoint[:1] == "." or any(name != "filename" for name in values):
            return build(endpoint, **values)
        key = (ctx.request.environ.get("SCRIPT_NAME", ""), endpoint, values.get("filename"))
        url = links.get(key)
        if url is None:
            url = build(endpoint, **values)
            if len(links) < _MAX_LINKS:
                links[key] = url
        return url

    return url_for

"""Templates compiled once per language draw the very page that translating while drawing gives."""

from __future__ import annotations

import re

import pytest

from webapp.i18n import LANGUAGES

from .conftest import DEFAULT_ANSWERS, Flow

PAGES = ["/", "/start", "/privacy", "/accessibility", "/lookup", "/clinic/", "/nothing-here",
         "/q/county", "/q/birth", "/q/0/what", "/q/0/level", "/q/0/offense_date", "/q/0/minors",
         "/q/1/amount", "/q/convictions", "/q/review", "/q/check", "/results", "/papers/"]
TOKEN = re.compile(r'(name="csrf_token" value=")[^"]+')
POSSESSION = {**DEFAULT_ANSWERS, "what": {"answer": "possess"}, "level": {"answer": "misdemeanor"},
              "amount": {"answer": "?"}, "school": {"answer": "n"}}


def _answered(app):
    client = app.test_client()
    flow = Flow(client)
    flow.person(county="Fresno")
    flow.conviction(0, DEFAULT_ANSWERS)
    flow.conviction(1, POSSESSION)
    return client


def _page(response) -> str:
    """The page, without its CSRF token (each session signs its own)."""
    return TOKEN.sub(r"\1…", response.get_data(as_text=True))


@pytest.fixture
def apps(make_app):
    """The site as it runs, and the same site translating every ``_()`` as pages are drawn."""
    compiled, drawn = make_app(), make_app()
    del drawn.jinja_env.extensions["webapp.templating.FixedTextExtension"]
    return compiled, drawn


@pytest.mark.parametrize("lang", [lang.tag for lang in LANGUAGES])
def test_pages_are_the_same_whether_translated_when_compiled_or_when_drawn(apps, lang):
    compiled, drawn = (_answered(app) for app in apps)
    headers = {"Accept-Language": lang}
    for page in PAGES:
        mine, theirs = compiled.get(page, headers=headers), drawn.get(page, headers=headers)
        assert mine.status_code == theirs.status_code, page
        assert _page(mine) == _page(theirs), page
    # An answer that does not fit shows the form again, with the errors, in both.
    bad = {"month": "13", "year": "abc"}
    assert (_page(compiled.post("/q/0/offense_date", data=bad, headers=headers))
            == _page(drawn.post("/q/0/offense_date", data=bad, headers=headers)))


def test_each_language_has_its_own_compiled_copy_with_its_fixed_text(make_app):
    app = make_app()
    client = app.test_client()
    assert "Salida rápida" in client.get("/", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert "Quick exit" in client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    copies = list(app.jinja_env.prop64_languages.values())
    assert len(copies) == 2
    for env in copies:
        source = env.loader.get_source(env, "base.html")[0]
        code = env.compile(source, "base.html", raw=True)
        text = env.prop64_translations.ugettext("Quick exit")
        assert text in code and "'Quick exit'" not in code.replace(f"'{text}'", "")

"""Every page renders in every language, with the right <html lang>, menu and headers."""

from __future__ import annotations

import re

import pytest
from flask import render_template

from webapp.i18n import LANGUAGES
from webapp.security import CSP

from .conftest import DEFAULT_ANSWERS

STATIC_PAGES = ["/", "/start", "/privacy", "/accessibility", "/cleared", "/lookup", "/q/county",
                "/q/birth", "/q/0/what"]


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
@pytest.mark.parametrize("path", STATIC_PAGES)
def test_page_renders_in_every_language(client, path, lang):
    response = client.get(f"{path}?lang={lang.code}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang.tag}" dir="ltr">' in html
    for other in LANGUAGES:  # the menu names every language in its own name
        assert other.name in html
    assert 'href="#main"' in html and 'id="main"' in html  # skip link
    assert "/exit" in html  # quick exit
    assert 'action="/clear"' in html  # clear my answers


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_flow_pages_render_in_every_language(client, flow, lang):
    flow.person()
    flow.conviction(0, DEFAULT_ANSWERS)
    client.get(f"/?lang={lang.code}")
    for path in ["/q/convictions", "/q/check", "/q/review", "/results", "/papers/",
                 "/q/0/level", "/q/0/offense_date", "/q/0/minors"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert f'<html lang="{lang.tag}"' in response.get_data(as_text=True)


def test_security_headers_and_no_inline_code(client):
    response = client.get("/")
    assert response.headers["Content-Security-Policy"] == CSP
    assert "script-src" not in CSP and "'unsafe-inline'" not in CSP
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    assert "<script" not in html and "<style" not in html and " style=" not in html
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers


def test_session_cookie_is_httponly_and_ends_with_the_browser(client, app, flow):
    flow.person()
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    assert cookie is not None and cookie.http_only
    assert cookie.expires is None and cookie.max_age is None  # a browser-session cookie
    assert app.permanent_session_lifetime.total_seconds() == 2 * 3600  # the idle limit inside


def test_clinic_link_follows_the_clinic_blueprint(app, client):
    html = client.get("/").get_data(as_text=True)
    registered = "clinic.index" in app.view_functions
    assert ('href="/clinic/"' in html) == registered
    with app.test_request_context("/"):  # the same page on a site without clinic mode
        without = render_template("pages/home.html", has_endpoint=lambda name: False)
        with_it = render_template("pages/home.html", has_endpoint=lambda name: True) if \
            registered else None
    assert "/clinic/" not in without
    if with_it is not None:
        assert 'href="/clinic/"' in with_it


def test_home_offers_the_ways_in(client):
    html = client.get("/").get_data(as_text=True)
    assert 'href="/start"' in html and 'href="/lookup"' in html
    assert "11361.8" in html


def test_quick_exit_clears_answers_and_leaves(client, flow):
    flow.person()
    response = client.get("/exit")
    assert response.status_code == 303 and response.headers["Location"].startswith("https://")
    assert client.get("/q/review").headers["Location"].endswith("/q/0/what")
    with client.session_transaction() as session:
        assert "a" not in session


def test_clear_my_answers_keeps_the_language(client, flow):
    client.get("/?lang=ko")
    flow.person()
    response = client.post("/clear")
    assert response.status_code == 303
    with client.session_transaction() as session:
        assert "a" not in session and session["lang"] == "ko"


def test_cli_command_has_help():
    from click.testing import CliRunner

    from webapp.cli import web

    result = CliRunner().invoke(web, ["--help"])
    assert result.exit_code == 0 and "Serve the public website" in result.output

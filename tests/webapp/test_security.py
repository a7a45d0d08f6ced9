"""Privacy on a shared computer: an encrypted browser-session cookie with the idle limit inside,
quick exit that makes the browser forget the site, download links without case numbers, and
HTTPS behind a reverse proxy."""

from __future__ import annotations

import base64
import logging
import re
import time
import zlib

import pytest

from webapp import sessions
from webapp.security import loggable

from .conftest import DEFAULT_ANSWERS

PERSON = {"name": "Rosa Q. Synthetic", "street": "1 Example Way", "city": "Oakland",
          "state": "CA", "zip": "94607", "phone": "510-555-0148", "representation": "self"}


def _cookie(client, app):
    return client.get_cookie(app.config["SESSION_COOKIE_NAME"])


def _every_reading(value: str) -> str:
    """The cookie value as plain text, base64-decoded and inflated wherever that is possible."""
    texts = [value]
    for part in re.split(r"[.]", value):
        try:
            raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        except ValueError:
            continue
        texts.append(raw.decode("latin-1"))
        for start in range(len(raw)):
            try:
                texts.append(zlib.decompress(raw[start:]).decode("latin-1"))
            except zlib.error:
                continue
    return "\n".join(texts)


def test_the_cookie_cannot_be_read(client, app, flow):
    flow.person(dob=("2", "29", "1960"))
    flow.conviction(0, DEFAULT_ANSWERS)
    client.post("/papers/", data=PERSON)
    value = _cookie(client, app).value
    assert value.startswith("v1.")
    plain = _every_reading(value)
    for secret in ("1960", "SYN-1001", "Rosa", "Example Way", "555-0148", "San Francisco"):
        assert secret not in plain
    with client.session_transaction() as session:  # and yet the site reads it back
        assert session["a"]["dob"] == "1960-02-29" and session["ap"]["name"] == PERSON["name"]


def test_a_browser_session_cookie_with_the_idle_limit_inside(client, app, flow, monkeypatch):
    header = client.post("/q/county", data={"county": "Alameda"}).headers["Set-Cookie"]
    assert "Expires" not in header and "Max-Age" not in header
    assert "HttpOnly" in header and "SameSite=Lax" in header
    flow.person()
    client.get("/q/county")  # the first page also keeps a form token in the session
    # an unchanged session is sealed again only now and then, not on every page
    assert "Set-Cookie" not in client.get("/q/county").headers
    monkeypatch.setattr(sessions, "clock", lambda: time.time() + sessions.REFRESH_SECONDS + 1)
    assert "Set-Cookie" in client.get("/q/county").headers
    # 1 h 59 min later the answers are still there; the browser kept the cookie for 3 hours
    later = time.time() + 119 * 60
    monkeypatch.setattr(sessions, "clock", lambda: later)
    assert "removed because" not in client.get("/").get_data(as_text=True)
    monkeypatch.setattr(sessions, "clock", lambda: later + 121 * 60)
    html = client.get("/").get_data(as_text=True)
    assert "removed because this page was not used for 2 hours" in html
    with client.session_transaction() as session:
        assert "a" not in session


def test_tampered_and_old_signed_cookies_start_afresh(client, app, flow):
    flow.person()
    value = _cookie(client, app).value
    name = app.config["SESSION_COOKIE_NAME"]
    flipped = value[:-3] + ("A" if value[-3] != "A" else "B") + value[-2:]
    # a cookie signed by the earlier version of the site (itsdangerous, readable base64)
    old = "eyJhIjp7ImNvdW50eSI6IlNhbiBGcmFuY2lzY28ifX0.Zz1x2A.c2lnbmF0dXJlLW9mLW9sZC1zaXRl"
    for bad in (flipped, old, "v1.", "v1.!!!", "v1." + "A" * 4000):
        client.set_cookie(name, bad)
        response = client.get("/")
        assert response.status_code == 200
        assert "could not read your saved answers" in response.get_data(as_text=True)
        with client.session_transaction() as session:
            assert "a" not in session


def _sealed(app, data, stamp=None):
    with app.test_request_context("/"):
        return sessions.seal(app, data, int(stamp or time.time()), app.config["SESSION_COOKIE_NAME"])


OLD_SCHEMA = {
    "a": {"county": "San Francisco", "dob": "1960-02", "zz": {"x": 1},
          "cv": [{"k": "code", "code": "HS 11359", "od": "2010", "cd": "2010-02-30", "ag": "²",
                  "lv": "felony", "ss": "completed", "cl": "n"}, "not a conviction"]},
    "ap": ["a", "list"],
    "cl": {"t": "yesterday", "c": [{"i": "zz!"}, {"i": "abc123", "cv": {"bad": 1}, "dob": "1970"},
                                   {"i": "def456", "dob": "1970-01-02", "cv": [{"od": 2010}]}],
           "k": {"n": -1, "o": "x"}},
    "draft": {"p": 5},
    "lang": "xx",
    "old_key": True,
}


def test_a_cookie_from_an_older_schema_keeps_what_fits(client, app):
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], _sealed(app, OLD_SCHEMA))
    pages = ["/", "/q/county", "/q/birth", "/q/0/what", "/q/0/offense_date", "/q/review",
             "/results", "/papers/", "/papers/ready", "/lookup", "/clinic/", "/privacy"]
    for page in pages:
        response = client.get(page)
        assert response.status_code < 500, page
    with client.session_transaction() as session:
        answers = session["a"]
        assert answers["county"] == "San Francisco" and "dob" not in answers and "zz" not in answers
        conviction = answers["cv"][0]
        assert conviction["code"] == "HS 11359" and conviction["lv"] == "felony"
        assert not {"od", "cd", "ag"} & set(conviction) and len(answers["cv"]) == 1
        assert not {"ap", "draft", "lang", "old_key"} & set(session)


def test_clinic_clients_from_an_older_schema_keep_what_fits(client, app):
    clinic = {**OLD_SCHEMA["cl"], "t": int(time.time())}
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], _sealed(app, {"cl": clinic}))
    for page in ("/clinic/", "/clinic/clients/abc123/details", "/clinic/clients/abc123/convictions",
                 "/clinic/clients/def456/details", "/clinic/clients/def456/convictions",
                 "/clinic/clients/def456/results", "/clinic/report", "/clinic/export.json"):
        assert client.get(page).status_code < 500, page
    with client.session_transaction() as session:
        clients = {c["i"]: c for c in session["cl"]["c"]}
        assert set(clients) == {"abc123", "def456"}
        assert "dob" not in clients["abc123"] and clients["abc123"]["cv"] == []
        assert clients["def456"]["dob"] == "1970-01-02" and clients["def456"]["cv"] == [{}]


def test_dropping_a_conviction_is_told(client, app):
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], _sealed(app, OLD_SCHEMA))
    assert "could not read your saved answers" in client.get("/").get_data(as_text=True)


def test_quick_exit_makes_the_browser_forget_the_site(client, app, flow):
    flow.person()
    response = client.get("/exit")
    assert response.status_code == 303
    assert response.headers["Clear-Site-Data"] == '"cookies", "storage", "cache"'
    assert _cookie(client, app) is None
    html = client.get("/").get_data(as_text=True)
    assert 'class="site-header"' in html and 'class="quick-exit"' in html


def test_every_page_has_the_quick_exit_in_the_sticky_header(client):
    for page in ("/", "/privacy", "/lookup", "/q/county", "/clinic/", "/no-such-page"):
        html = client.get(page).get_data(as_text=True)
        header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
        assert 'href="/exit"' in header, page


def test_download_links_never_name_a_case(client, flow):
    flow.person()
    flow.conviction(0, DEFAULT_ANSWERS)
    client.post("/papers/", data=PERSON)
    html = client.get("/papers/ready").get_data(as_text=True)
    links = re.findall(r'href="(/papers/file/[^"]+)"', html)
    assert links and all("SYN" not in link and "CR-40" not in link for link in links)
    pdf = client.get(links[0])
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert "attachment" in pdf.headers["Content-Disposition"]
    assert client.get("/papers/file/CR-400_SYN-1001.pdf").status_code == 404


def test_download_ids_differ_between_sessions(make_app, flow):
    ids = []
    for _ in range(2):
        client = make_app().test_client()
        from .conftest import Flow

        visit = Flow(client)
        visit.person()
        visit.conviction(0, DEFAULT_ANSWERS)
        client.post("/papers/", data=PERSON)
        ids.append(set(re.findall(r'href="/papers/file/([^"]+)"',
                                  client.get("/papers/ready").get_data(as_text=True))))
    assert ids[0] and not ids[0] & ids[1]


# --- HTTPS, directly and behind a reverse proxy ------------------------------------------------


def test_https_gets_hsts_and_a_secure_cookie(client, flow):
    response = client.get("/?lang=es", base_url="https://clear.example")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Secure" in response.headers["Set-Cookie"]
    plain = client.get("/?lang=vi")
    assert "Strict-Transport-Security" not in plain.headers
    assert "Secure" not in plain.headers["Set-Cookie"]


def test_behind_a_proxy_the_forwarded_scheme_and_address_are_believed(make_app):
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.23"}
    alone = make_app().test_client().get("/?lang=es", headers=forwarded)
    assert "Strict-Transport-Security" not in alone.headers  # no proxy configured: ignored
    app = make_app(PROXY_HOPS=1)

    seen = []

    @app.get("/_address")
    def _address():
        from flask import request

        seen.append(request.remote_addr)
        return "ok"

    client = app.test_client()
    response = client.get("/?lang=es", headers=forwarded)
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Secure" in response.headers["Set-Cookie"]
    client.get("/_address", headers=forwarded)
    assert seen == ["198.51.100.23"]


def test_forms_work_over_https_with_csrf(make_app):
    """Pages send no Referer, so the HTTPS Referer check must not refuse every form."""
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    page = client.get("/q/county", base_url="https://clear.example").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post("/q/county", base_url="https://clear.example",
                           data={"csrf_token": token, "county": "Alameda"})
    assert response.status_code == 303


# --- logs that cannot be forged ---------------------------------------------------------------


def test_log_text_is_escaped():
    assert loggable('/a\r\nGET /admin "x"') == "/a\\x0d\\x0aGET /admin \\x22x\\x22"
    assert "\n" not in loggable("\u2028\x85\n")


def test_error_log_line_cannot_be_forged(make_app, monkeypatch, caplog):
    app = make_app()

    @app.before_request
    def boom():
        from flask import request

        if request.path.startswith("/boom"):
            raise RuntimeError("never shown")

    caplog.set_level(logging.ERROR)
    response = app.test_client().get("/boom/x%0d%0aINFO forged line")
    assert response.status_code == 500 and "never shown" not in response.get_data(as_text=True)
    assert len([r for r in caplog.records if "unexpected error" in r.getMessage()]) == 1
    assert all("\n" not in r.getMessage() and "\r" not in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("path", ["/static/favicon.svg", "/static/favicon.ico"])
def test_favicon(client, path):
    response = client.get(path)
    assert response.status_code == 200 and len(response.data) > 100
    assert f'href="{path}"' in client.get("/").get_data(as_text=True)


def test_the_browsers_own_favicon_request_sets_no_cookie(make_app):
    response = make_app().test_client().get("/favicon.ico")
    assert response.status_code == 200 and "Set-Cookie" not in response.headers


def test_footer_says_who_runs_the_site(client):
    html = client.get("/?lang=en").get_data(as_text=True)
    assert "open-source project" in html and "not part of any court" in html


def test_csrf_token_is_one_flask_wtf_signs_and_checks(make_app):
    """The site signs its CSRF token without zlib; Flask-WTF reads it, checks it, and hands
    out the same token within a request; a token from another session is refused."""
    import flask_wtf.csrf
    from flask import session
    from itsdangerous import URLSafeTimedSerializer
    from wtforms.validators import ValidationError

    from webapp.csrf import generate_csrf

    app = make_app(WTF_CSRF_ENABLED=True)
    with app.test_request_context("/"):
        token = generate_csrf()
        assert flask_wtf.csrf.generate_csrf() == token == generate_csrf()
        flask_wtf.csrf.validate_csrf(token)
        serializer = URLSafeTimedSerializer(app.secret_key, salt="wtf-csrf-token")
        assert serializer.loads(token) == session["csrf_token"]
    with app.test_request_context("/"):
        generate_csrf()  # another session's token
        with pytest.raises(ValidationError):
            flask_wtf.csrf.validate_csrf(token)

"""Language choice: ?lang= → session → Accept-Language → English."""

from __future__ import annotations

import pytest


def lang_of(response) -> str:
    html = response.get_data(as_text=True)
    return html.split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize(
    "header, expected",
    [
        ("es-MX,es;q=0.9,en;q=0.5", "es"),
        ("zh-TW,zh;q=0.9", "zh-Hant"),
        ("zh-Hant-HK", "zh-Hant"),
        ("zh-CN", "zh-Hant"),
        ("vi-VN", "vi"),
        ("fil-PH", "tl"),
        ("tl", "tl"),
        ("ko-KR,ko;q=0.8", "ko"),
        ("fr-FR,de;q=0.8", "en"),
        ("fr-FR,ko;q=0.5", "ko"),
        ("", "en"),
    ],
)
def test_accept_language(client, header, expected):
    response = client.get("/", headers={"Accept-Language": header} if header else {})
    assert lang_of(response) == expected


def test_query_beats_session_beats_header(client):
    assert lang_of(client.get("/?lang=vi", headers={"Accept-Language": "es"})) == "vi"
    # remembered in the session for the next page
    assert lang_of(client.get("/privacy", headers={"Accept-Language": "es"})) == "vi"
    assert lang_of(client.get("/privacy?lang=zh-Hant")) == "zh-Hant"
    assert lang_of(client.get("/privacy")) == "zh-Hant"


def test_unknown_lang_parameter_is_ignored(client):
    assert lang_of(client.get("/?lang=xx", headers={"Accept-Language": "ko"})) == "ko"


def test_translated_text_is_served(client):
    english = client.get("/?lang=en").get_data(as_text=True)
    spanish = client.get("/?lang=es").get_data(as_text=True)
    assert "Can my cannabis conviction be cleared?" in english
    assert "Can my cannabis conviction be cleared?" not in spanish


def test_language_switch_mid_question_keeps_what_was_typed(client):
    client.post("/q/county", data={"county": "Alameda"})
    response = client.post(
        "/q/birth", data={"month": "7", "day": "4", "year": "19", "_lang": "es"}
    )
    assert response.status_code == 303 and response.headers["Location"].endswith("/q/birth")
    html = client.get("/q/birth").get_data(as_text=True)
    assert '<html lang="es"' in html
    assert 'value="19"' in html and 'value="4"' in html
    assert '<option value="7" selected>' in html
    # the draft is shown once, then the saved answers again
    assert 'value="19"' not in client.get("/q/birth").get_data(as_text=True)


# Visible text in each language: the page must read in it, whatever its lang attribute says.
TAGALOG_HOME = "Malilinis ba ang aking hatol na pagkakasala sa cannabis?"


@pytest.mark.parametrize("how", [
    {"query_string": {"lang": "tl"}},
    {"headers": {"Accept-Language": "fil-PH,fil;q=0.9"}},
    {"headers": {"Accept-Language": "tl"}},
])
def test_tagalog_is_served(client, how):
    html = client.get("/", **how).get_data(as_text=True)
    assert TAGALOG_HOME in html
    assert "Can my cannabis conviction be cleared?" not in html


def test_tagalog_menu_link_serves_tagalog(client):
    home = client.get("/").get_data(as_text=True)
    assert 'href="?lang=tl"' in home
    html = client.get("/privacy?lang=tl").get_data(as_text=True)
    assert "Umalis agad" in html and "Quick exit" not in html
    # and the choice is remembered on the next page
    assert TAGALOG_HOME in client.get("/").get_data(as_text=True)

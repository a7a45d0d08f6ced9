"""Case-number lookup: published answers, one identical "not found", rate limits, no logging."""

from __future__ import annotations

import logging
import re
from datetime import date

import pytest

import rules

lookup = pytest.importorskip("lookup", reason="the lookup package is not installed")

KEY = "test-lookup-key"
DOB = date(1971, 3, 14)
CASE = "SYN-42-7781"


def _published_conviction() -> dict:
    case = rules.load_case({
        "county": "San Francisco",
        "person": {"date_of_birth": DOB.isoformat()},
        "convictions": [{"case_number": CASE, "code": "HS 11359", "level": "felony",
                         "offense_date": "1999-04-01", "sentence_status": "completed"}],
    })
    result = rules.result_to_dict(rules.evaluate(case, as_of=date(2026, 1, 1), policy="county"))
    return result


@pytest.fixture
def db_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'lookup.sqlite'}"
    store = lookup.LookupStore.from_url(url, key=KEY)
    result = _published_conviction()
    conv = dict(result["convictions"][0])
    conv.update(as_of=result["as_of"], rules_version=result["rules_version"],
                policy=result["policy"], county=result["county"])
    store.replace_county("San Francisco", [(CASE, DOB, conv)])
    return url


@pytest.fixture
def lookup_client(make_app, db_url):
    return make_app(LOOKUP_DB_URL=db_url, LOOKUP_KEY=KEY, LOOKUP_RATE_LIMIT="50 per minute").test_client()


def ask(client, county="San Francisco", case=CASE, dob=DOB, lang="en"):
    return client.post(f"/lookup?lang={lang}", data={
        "county": county, "case_number": case,
        "month": str(dob.month), "day": str(dob.day), "year": str(dob.year)})


def test_form_renders_with_county_help(client):
    html = client.get("/lookup").get_data(as_text=True)
    assert "San Francisco court numbers" in html  # per-county help from the county directory
    assert 'lang="en"' in html


def test_found_shows_the_published_card(lookup_client):
    response = ask(lookup_client)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'class="card ' in html and CASE in html
    assert "January 1, 2026" in html and "https://leginfo.legislature.ca.gov/" in html


def test_case_number_is_normalised(lookup_client):
    assert 'class="card ' in ask(lookup_client, case=" syn-42-7781 ").get_data(as_text=True)


def _page(response) -> str:
    # the form token in the footer is made fresh for every page; everything else must match
    return re.sub(r'name="csrf_token" value="[^"]*"', "", response.get_data(as_text=True))


def test_wrong_dob_and_unknown_case_answer_identically(lookup_client):
    wrong_dob = _page(ask(lookup_client, dob=date(1971, 3, 15)))
    unknown = _page(ask(lookup_client, case="SYN-00-0000"))
    other_county = _page(ask(lookup_client, county="Alameda"))
    assert wrong_dob == unknown == other_county
    assert "No published answer found" in wrong_dob and 'href="/start"' in wrong_dob


def test_missing_database_is_not_found_not_an_error(make_app, tmp_path):
    client = make_app(LOOKUP_DB_URL=f"sqlite:///{tmp_path}/no/such/dir/x.sqlite").test_client()
    response = ask(client)
    assert response.status_code == 200
    assert "No published answer found" in response.get_data(as_text=True)
    client = make_app(LOOKUP_DB_URL="nonsense://", LOOKUP_KEY=KEY).test_client()
    assert "No published answer found" in ask(client).get_data(as_text=True)


def test_bad_input_is_explained_and_kept(client):
    response = client.post("/lookup", data={"county": "San Francisco", "case_number": "12;DROP",
                                            "month": "2", "day": "31", "year": "19x0"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'role="alert"' in html
    assert 'value="12;DROP"' in html


def test_rate_limited(make_app):
    client = make_app(LOOKUP_RATE_LIMIT="3 per minute").test_client()
    codes = [ask(client).status_code for _ in range(4)]
    assert codes[:3] == [200, 200, 200] and codes[3] == 429
    assert "wait a minute" in ask(client).get_data(as_text=True)
    assert client.get("/lookup").status_code == 200  # reading the form is never limited


def test_lookup_values_never_reach_the_log(lookup_client, caplog):
    caplog.set_level(logging.DEBUG)
    ask(lookup_client)
    ask(lookup_client, case="SYN-99-1234")
    text = caplog.text
    assert CASE not in text and "SYN-99-1234" not in text and "1971" not in text


@pytest.mark.parametrize("lang", ["es", "zh_Hant", "vi", "tl", "ko"])
def test_results_render_in_every_language(lookup_client, lang):
    html = ask(lookup_client, lang=lang).get_data(as_text=True)
    assert 'class="card ' in html

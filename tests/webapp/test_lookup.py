"""Case-number lookup: published answers, one identical "not found", rate limits, no logging."""

from __future__ import annotations

import logging
import re
from datetime import date

import pytest

import lookup
import rules
from webapp import lookup_views

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


@pytest.fixture(autouse=True)
def no_padding(monkeypatch):
    """The fixed answer time is checked by one test below; the others need not wait."""
    monkeypatch.setattr(lookup_views, "MIN_SECONDS", 0.0)


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


def ask(client, county="San Francisco", case=CASE, dob=DOB, lang="en", address="127.0.0.1"):
    return client.post(f"/lookup?lang={lang}", environ_base={"REMOTE_ADDR": address}, data={
        "county": county, "case_number": case,
        "month": str(dob.month), "day": str(dob.day), "year": str(dob.year)})


NOT_FOUND = "No published answer found"
UNAVAILABLE = "The lookup is not available right now"
THROTTLED = "We did not look this up"


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


def test_bad_input_is_explained_and_kept(client):
    response = client.post("/lookup", data={"county": "San Francisco", "case_number": "12;DROP",
                                            "month": "2", "day": "31", "year": "19x0"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'role="alert"' in html
    assert 'value="12;DROP"' in html


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


# --- a database that cannot be read: "not available", never "not found" ----------------------


def _unavailable(response) -> str:
    html = response.get_data(as_text=True)
    assert response.status_code == 503
    assert UNAVAILABLE in html and NOT_FOUND not in html and 'href="/start"' in html
    return html


def test_missing_database_file_is_not_available_and_never_created(make_app, tmp_path, caplog):
    path = tmp_path / "no" / "such.sqlite"
    for where in (path, tmp_path / "missing.sqlite"):
        client = make_app(LOOKUP_DB_URL=f"sqlite:///{where}").test_client()
        _unavailable(ask(client))
        assert not where.exists()
    assert "lookup database file does not exist" in caplog.text
    assert CASE not in caplog.text and "1971" not in caplog.text


def test_corrupt_database_is_not_available(make_app, tmp_path, caplog):
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"this is not a database " * 200)
    _unavailable(ask(make_app(LOOKUP_DB_URL=f"sqlite:///{broken}").test_client()))
    assert "not a database" in caplog.text
    empty = tmp_path / "empty.sqlite"  # a SQLite file without the lookup tables
    import sqlite3

    sqlite3.connect(empty).execute("CREATE TABLE other (x)").connection.close()
    _unavailable(ask(make_app(LOOKUP_DB_URL=f"sqlite:///{empty}").test_client()))
    assert "no such table" in caplog.text


def test_unreachable_server_is_not_available_and_the_password_stays_out_of_the_log(
        make_app, caplog):
    url = "postgresql://prop64:hunter2secret@127.0.0.1:9/lookup"  # the discard port: refused
    _unavailable(ask(make_app(LOOKUP_DB_URL=url, LOOKUP_CONNECT_TIMEOUT=1).test_client()))
    assert "lookup not available" in caplog.text and "127.0.0.1" in caplog.text
    assert "hunter2secret" not in caplog.text


def test_bad_url_and_missing_key_are_not_available(make_app, caplog):
    _unavailable(ask(make_app(LOOKUP_DB_URL="nonsense://").test_client()))
    _unavailable(ask(make_app(LOOKUP_KEY=None).test_client()))
    assert "PROP64_LOOKUP_KEY is not set" in caplog.text


def test_database_failing_after_opening_is_not_available(lookup_client, monkeypatch, caplog):
    assert 'class="card ' in ask(lookup_client).get_data(as_text=True)

    def broken(*_args):
        raise lookup.StoreUnavailable("database went away")

    store = lookup_client.application.extensions["prop64_lookup_store"]
    monkeypatch.setattr(store, "find", broken)
    _unavailable(ask(lookup_client))
    assert "database went away" in caplog.text


# --- rate limits: per address and per case number, in a store all workers share --------------


def _throttled(response) -> str:
    html = response.get_data(as_text=True)
    assert response.status_code == 429
    assert THROTTLED in html and NOT_FOUND not in html and 'class="card ' not in html
    return html


def test_limited_per_address_and_a_correct_answer_says_it_was_not_checked(make_app, db_url):
    client = make_app(LOOKUP_DB_URL=db_url, LOOKUP_RATE_LIMIT="3 per minute").test_client()
    for _ in range(3):
        assert NOT_FOUND in ask(client, case="SYN-00-0000").get_data(as_text=True)
    html = _throttled(ask(client))  # the right case number and date of birth, but too many tries
    assert "did not check it" in html and "try again in 1 minute" in html
    assert f'value="{CASE}"' in html  # what was typed is kept for the next try
    assert client.get("/lookup").status_code == 200  # reading the form is never limited
    assert 'class="card ' in ask(client, address="192.0.2.7").get_data(as_text=True)


def test_limited_per_case_number_from_any_address(make_app, db_url):
    client = make_app(LOOKUP_DB_URL=db_url, LOOKUP_CASE_RATE_LIMIT="3 per hour").test_client()
    for n in range(3):  # guesses of the date of birth from three computers
        ask(client, dob=date(1971, 3, 20 + n), address=f"198.51.100.{n}")
    html = _throttled(ask(client, address="198.51.100.99"))
    assert "minutes" in html
    # the same case number typed differently is the same case number
    _throttled(ask(client, case=" syn 42 7781", address="198.51.100.98"))
    assert NOT_FOUND in ask(client, case="SYN-11-1111", address="198.51.100.97").get_data(
        as_text=True)


def test_throttling_says_nothing_about_whether_a_case_exists(make_app, db_url):
    client = make_app(LOOKUP_DB_URL=db_url, LOOKUP_CASE_RATE_LIMIT="1 per hour").test_client()
    ask(client, address="203.0.113.1")
    ask(client, case="SYN-00-0000", address="203.0.113.2")
    known = _page(ask(client, address="203.0.113.3"))
    unknown = _page(ask(client, case="SYN-00-0000", address="203.0.113.4"))
    assert known.replace(CASE, "X") == unknown.replace("SYN-00-0000", "X")


def test_counters_are_shared_by_every_worker(make_app, db_url, tmp_path):
    shared = f"sqlite:///{tmp_path / 'limits.sqlite'}"
    workers = [make_app(LOOKUP_DB_URL=db_url, RATELIMIT_STORAGE_URI=shared,
                        LOOKUP_RATE_LIMIT="4 per minute").test_client() for _ in range(2)]
    codes = [ask(workers[i % 2], case="SYN-00-0000").status_code for i in range(5)]
    assert codes == [200, 200, 200, 200, 429]


def test_counted_case_numbers_are_hashed(make_app, db_url, tmp_path):
    store = tmp_path / "limits.sqlite"
    client = make_app(LOOKUP_DB_URL=db_url, RATELIMIT_STORAGE_URI=f"sqlite:///{store}").test_client()
    ask(client)
    import sqlite3

    keys = " ".join(k for (k,) in sqlite3.connect(store).execute("SELECT key FROM counter"))
    assert "lookup" in keys and "SYN" not in keys.upper()
    assert "7781" not in keys


def test_every_answer_waits_the_same_time(lookup_client, monkeypatch):
    waits = []
    monkeypatch.setattr(lookup_views, "MIN_SECONDS", 60.0)  # longer than any page takes
    monkeypatch.setattr(lookup_views.time, "sleep", waits.append)
    ask(lookup_client)
    ask(lookup_client, case="SYN-00-0000")
    # found and not found each wait out what is left of the same fixed time
    assert len(waits) == 2 and all(50 < w <= 60 for w in waits)


def test_a_rate_limit_store_that_fails_stops_lookups(make_app, db_url, tmp_path, caplog):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the store's folder should be")
    client = make_app(LOOKUP_DB_URL=db_url,
                      RATELIMIT_STORAGE_URI=f"sqlite:///{blocked}/limits.sqlite").test_client()
    _unavailable(ask(client))
    assert "rate-limit store failed" in caplog.text
    client = make_app(LOOKUP_DB_URL=db_url, RATELIMIT_STORAGE_URI="nosuch://x").test_client()
    _unavailable(ask(client))


@pytest.mark.parametrize("lang", ["es", "zh_Hant", "vi", "tl", "ko"])
def test_throttled_and_unavailable_pages_speak_the_language(make_app, db_url, tmp_path, lang):
    client = make_app(LOOKUP_DB_URL=db_url, LOOKUP_RATE_LIMIT="1 per minute").test_client()
    ask(client, lang=lang)
    throttled = ask(client, lang=lang)
    assert throttled.status_code == 429
    missing = make_app(LOOKUP_DB_URL=f"sqlite:///{tmp_path / 'none.sqlite'}").test_client()
    unavailable = ask(missing, lang=lang)
    assert unavailable.status_code == 503
    for page in (throttled, unavailable):
        main = page.get_data(as_text=True).split('<main id="main"', 1)[1].split("</main>")[0]
        for english in (THROTTLED, UNAVAILABLE, "This says nothing about your case",
                        "Please try again"):
            assert english not in main, (lang, english)


def _count_in_another_process(path: str, key: str, times: int) -> None:
    """A worker as gunicorn runs it: many threads, each with its own connection to the file."""
    from concurrent.futures import ThreadPoolExecutor

    from webapp.ratelimit import SQLiteStorage

    store = SQLiteStorage(f"sqlite:///{path}")
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda _: store.incr(key, 3600), range(times)))


def test_counters_from_many_processes_and_threads_at_once_all_count(tmp_path):
    """Workers opening the shared file at the same moment while others count: every increment
    lands, none is refused as "database is locked" (a lookup would answer "not available")."""
    import multiprocessing
    from concurrent.futures import ThreadPoolExecutor

    from webapp.ratelimit import SQLiteStorage

    path = str(tmp_path / "limits.sqlite")
    store = SQLiteStorage(f"sqlite:///{path}")
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_count_in_another_process, args=(path, "k", 300)) for _ in range(4)]
    for worker in workers:
        worker.start()
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda _: store.incr("k", 3600), range(300)))
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    assert store.get("k") == 5 * 300

"""Random, Unicode, huge and missing values sent to every form of the site: never a 5xx.

Bounded and repeatable: a fixed seed, a fixed number of requests per form, and a time budget
after which the run stops early (the check is the status codes, never the time). A failure
prints the seed, the URL and the values sent, so it can be replayed.
"""

from __future__ import annotations

import io
import random
import re
import time

import pytest

from webapp.questions import CONVICTION_STEPS

from .conftest import DEFAULT_ANSWERS, Flow

SEED = 6464
PER_FORM = 40  # requests per form
BUDGET_SECONDS = 90  # stop early on a very slow machine; the status codes are the test

#: Values a person, a broken browser or an attacker might send.
NASTY = [
    "", " ", "  \t", "0", "-1", "1", "12", "13", "31", "32", "2016", "1899", "9999", "²", "①",
    "١٩٨٠", "٣", "１２", "19²0", "2O16", "1e3", "0x1f", "NaN", "None", "null", "?", "y", "n",
    "on", "\x00", "\r\n", "%0d%0a", "😀", "ᚠ", "<script>alert(1)</script>", "' OR 1=1 --",
    "{{7*7}}", "%(x)s", "../../etc/passwd", "San Francisco", "HS 11359", "11357(b)", "SYN-1",
    "x" * 300, "9" * 400, "字" * 50, "\u202e", "\ufeff12",
]
FIELDS = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')
OPTIONS = re.compile(r'<(?:option|input)[^>]*\bvalue="([^"]*)"')


def _value(rng: random.Random, choices: list[str]) -> str:
    pick = rng.random()
    if pick < 0.3 and choices:
        return rng.choice(choices)
    if pick < 0.85:
        return rng.choice(NASTY)
    return "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randrange(1, 40)))


def _fuzz_data(rng: random.Random, html: str) -> dict:
    names = sorted(set(FIELDS.findall(html)) - {"csrf_token"})
    choices = sorted(set(OPTIONS.findall(html)))
    data: dict = {}
    for name in names + ["rows", "_lang", "confirm", "unknown", "no_day"]:
        roll = rng.random()
        if roll < 0.15:
            continue  # missing
        if roll < 0.2:
            data[name] = [_value(rng, choices) for _ in range(rng.randrange(2, 5))]  # repeated
        elif name == "_lang" and roll < 0.9:
            continue  # a language switch now and then, not on every request
        else:
            data[name] = _value(rng, choices)
    return data


class Fuzzer:
    def __init__(self, client, rng: random.Random, deadline: float):
        self.client, self.rng, self.deadline = client, rng, deadline
        self.failures: list[str] = []
        self.sent = 0

    def hit(self, url: str, method: str = "POST", **kwargs):
        response = self.client.open(url, method=method, **kwargs)
        self.sent += 1
        if response.status_code >= 500:
            self.failures.append(f"{method} {url} → {response.status_code}: "
                                 f"{kwargs.get('data')!r}"[:600])
        return response

    def form(self, url: str, times: int = PER_FORM) -> None:
        for _ in range(times):
            if time.monotonic() > self.deadline:
                return
            page = self.client.get(url)
            html = page.get_data(as_text=True) if page.status_code == 200 else ""
            self.hit(url, data=_fuzz_data(self.rng, html))
            self.hit(url, method="GET")  # the page after, with whatever draft was kept


@pytest.fixture(autouse=True)
def no_padding(monkeypatch):
    from webapp import lookup_views

    monkeypatch.setattr(lookup_views, "MIN_SECONDS", 0.0)


@pytest.fixture
def fuzzer(client):
    return Fuzzer(client, random.Random(SEED), time.monotonic() + BUDGET_SECONDS)


def _person_with_a_conviction(client) -> None:
    flow = Flow(client)
    flow.person()
    flow.conviction(0, DEFAULT_ANSWERS)


def test_questionnaire_forms(client, fuzzer):
    _person_with_a_conviction(client)
    for url in ["/q/county", "/q/birth", "/q/0/remove", "/q/1/remove", "/q/99/remove"] + [
            f"/q/{i}/{step.id}" for i in (0, 1, 7, 8, 99) for step in CONVICTION_STEPS][:60]:
        fuzzer.form(url, times=PER_FORM // 4)
    fuzzer.form("/q/0/no_such_step", times=3)
    assert not fuzzer.failures, f"seed {SEED}:\n" + "\n".join(fuzzer.failures[:10])


def test_papers_lookup_and_pages(client, fuzzer):
    _person_with_a_conviction(client)
    for url in ("/papers/", "/lookup", "/clear", "/papers/forget"):
        fuzzer.form(url)
    for url in ("/papers/file/" + "x" * 40, "/papers/file/%00", "/results", "/papers/ready"):
        fuzzer.hit(url, method="GET")
    assert not fuzzer.failures, f"seed {SEED}:\n" + "\n".join(fuzzer.failures[:10])


def test_clinic_forms(client, fuzzer):
    client.post("/clinic/start")
    new = client.post("/clinic/clients/new", data={
        "label": "Ana", "language": "es", "county": "Alameda",
        "dob-month": "2", "dob-day": "3", "dob-year": "1970"})
    cid = new.headers["Location"].split("/")[3]
    for url in ("/clinic/setup", "/clinic/clients/new", f"/clinic/clients/{cid}/details",
                f"/clinic/clients/{cid}/convictions", f"/clinic/clients/{cid}/papers",
                f"/clinic/clients/{cid}/finish", "/clinic/clients/nope/convictions"):
        fuzzer.form(url)
    for _ in range(PER_FORM):
        junk = bytes(fuzzer.rng.randrange(256) for _ in range(fuzzer.rng.randrange(0, 3000)))
        text = "code,offense_date,level\n" + "\n".join(
            ",".join(fuzzer.rng.choice(NASTY) for _ in range(3)) for _ in range(5))
        for content in (junk, text.encode("utf-8", "surrogatepass")):
            fuzzer.hit(f"/clinic/clients/{cid}/upload", data={
                "file": (io.BytesIO(content), fuzzer.rng.choice(["a.csv", "", "x.exe"]))},
                content_type="multipart/form-data")
    for url in (f"/clinic/clients/{cid}/results", f"/clinic/clients/{cid}/summary.pdf",
                "/clinic/report", "/clinic/export.csv", "/clinic/ended?why=%00"):
        fuzzer.hit(url, method="GET")
    fuzzer.form("/clinic/end", times=5)
    assert not fuzzer.failures, f"seed {SEED}:\n" + "\n".join(fuzzer.failures[:10])


def test_garbage_cookies_and_headers(client, app, fuzzer):
    name = app.config["SESSION_COOKIE_NAME"]
    for _ in range(PER_FORM * 2):
        value = fuzzer.rng.choice(NASTY + ["v1." + "A" * fuzzer.rng.randrange(0, 3000)])
        client.set_cookie(name, value.replace("\x00", "").replace(";", "").replace("\r\n", ""))
        fuzzer.hit(fuzzer.rng.choice(["/", "/q/county", "/results", "/clinic/", "/lookup"]),
                   method="GET", headers={"Accept-Language": re.sub(
                       r"[\r\n\x00]", "", fuzzer.rng.choice(NASTY)) or "*"},
                   query_string={"lang": fuzzer.rng.choice(NASTY)})
    assert not fuzzer.failures, f"seed {SEED}:\n" + "\n".join(fuzzer.failures[:10])


@pytest.mark.parametrize("field, value", [
    ("year", "19²0"), ("year", "①②③④"), ("day", "²"), ("day", "①"), ("month", " "),
    ("year", "١٩٨٠"), ("day", "٣"),
])
def test_each_reported_defect_is_an_answer_not_an_error(client, field, value):
    """The cases found by the first fuzzing, one by one, on every date form."""
    data = {"month": "2", "day": "3", "year": "1980", field: value}
    client.post("/q/county", data={"county": "Alameda"})
    for url in ("/q/birth", "/lookup"):
        response = client.post(url, data={**data, "county": "Alameda", "case_number": "SYN-1"})
        assert response.status_code == 200 and 'class="field-error"' in response.get_data(
            as_text=True), url
    age = client.post("/q/0/age", data={"age": value})
    assert age.status_code < 500


def test_clinic_rows_after_a_language_switch(client):
    client.post("/clinic/start")
    new = client.post("/clinic/clients/new", data={
        "label": "Ana", "language": "en", "county": "Alameda",
        "dob-month": "2", "dob-day": "3", "dob-year": "1970"})
    cid = new.headers["Location"].split("/")[3]
    for rows in ("abc", "²", "-5", "9" * 50, ""):
        switched = client.post(f"/clinic/clients/{cid}/convictions",
                               data={"rows": rows, "_lang": "es", "r0-code": "HS 11359"})
        assert switched.status_code == 303
        page = client.get(f"/clinic/clients/{cid}/convictions")
        assert page.status_code == 200 and 'value="HS 11359"' in page.get_data(as_text=True)
        assert client.post(f"/clinic/clients/{cid}/convictions",
                           data={"rows": rows, "r0-code": "HS 11359"}).status_code < 500

"""The papers step: applicant details validated, kept only in the session, PDFs downloaded."""

from __future__ import annotations

import pytest

from .conftest import DEFAULT_ANSWERS, errors

APPLICANT = {"name": "Pat Example", "street": "100 Main Street", "city": "Oakland",
             "state": "ca", "zip": "94607", "phone": "(510) 555-0100", "email": "",
             "representation": "self"}


@pytest.fixture
def with_results(client, flow):
    flow.person()
    flow.conviction(0, DEFAULT_ANSWERS)
    return client


def test_papers_need_results_first(client):
    assert client.get("/papers/").headers["Location"] == "/results"


def test_applicant_details_are_validated_and_kept_on_error(with_results):
    bad = {**APPLICANT, "zip": "9460", "phone": "call me", "email": "nope",
           "representation": "attorney", "bar_number": "12a"}
    response = with_results.post("/papers/", data=bad)
    assert response.status_code == 200
    found = " ".join(errors(response))
    for expected in ("ZIP code", "10 numbers", "email address", "lawyer's name", "6 numbers"):
        assert expected in found, expected
    html = response.get_data(as_text=True)
    assert 'value="Pat Example"' in html and 'value="100 Main Street"' in html


def test_details_live_only_in_the_session_and_can_be_deleted(with_results):
    response = with_results.post("/papers/", data=APPLICANT)
    assert response.headers["Location"] == "/papers/ready"
    with with_results.session_transaction() as session:
        assert session["ap"]["state"] == "CA" and session["ap"]["in_pro_per"] is True
    with_results.post("/papers/forget")
    with with_results.session_transaction() as session:
        assert "ap" not in session


def test_ready_page_and_downloads(with_results):
    with_results.post("/papers/?lang=es", data=APPLICANT)
    page = with_results.get("/papers/ready")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'href="/papers/packet.pdf"' in html
    packet = with_results.get("/papers/packet.pdf")
    assert packet.status_code == 200 and packet.mimetype == "application/pdf"
    assert packet.data.startswith(b"%PDF")
    assert packet.headers["Cache-Control"] == "no-store"
    names = [line.split('"')[0] for line in html.split('href="/papers/file/')[1:]]
    assert names
    single = with_results.get(f"/papers/file/{names[0]}")
    assert single.status_code == 200 and single.data.startswith(b"%PDF")
    assert with_results.get("/papers/file/nope.pdf").status_code == 404




def test_attachment_page_is_announced_before_download(client, flow):
    flow.person()
    for i in range(5):  # five counts in one case: more than the court form has lines for
        flow.conviction(i, DEFAULT_ANSWERS)
    results = client.get("/results").get_data(as_text=True)
    flow.post("/papers/", APPLICANT)
    ready = client.get("/papers/ready").get_data(as_text=True)
    for page in (results, ready):  # warned on the results and again before the download
        assert "Extra page attached" in page
        assert "Case SYN-1001" in page.split("Extra page attached", 1)[1]

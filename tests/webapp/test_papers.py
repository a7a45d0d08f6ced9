"""The papers step: applicant details validated, kept only in the session, PDFs downloaded."""

from __future__ import annotations

import io
import re

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


def _documents_or_skip():
    documents = pytest.importorskip("documents")
    if not hasattr(documents, "PapersInputError"):
        pytest.skip("documents.PapersInputError is not available")
    return documents


def test_a_placeholder_case_number_is_explained_on_the_papers_step_not_a_500(client, flow):
    _documents_or_skip()
    flow.person()
    flow.conviction(0, {**DEFAULT_ANSWERS, "case_number": {"case_number": "unknown"}})
    response = client.post("/papers/", data=APPLICANT)
    assert response.status_code == 200  # re-shown, not sent on to papers that cannot be made
    html = response.get_data(as_text=True)
    assert "&#34;unknown&#34; is not a case number" in html or '"unknown" is not a case number' in html
    assert 'href="/q/0/case_number"' in html  # where to change the answer
    assert 'value="Pat Example"' in html and 'value="100 Main Street"' in html  # answers kept
    assert html.count("<title>Error:") == 1
    for url in ("/papers/ready", "/papers/packet.pdf", "/papers/file/next-steps.pdf", "/papers/read"):
        answer = client.get(url, follow_redirects=True)
        assert answer.status_code == 200, url
        assert "is not a case number" in answer.get_data(as_text=True), url
    # corrected: the papers are made
    flow.post("/q/0/case_number", {"case_number": "SYN-1001"})
    assert client.get("/papers/ready").status_code == 200
    assert client.get("/papers/packet.pdf").data.startswith(b"%PDF")


def test_the_refusal_is_in_the_readers_language(client, flow):
    _documents_or_skip()
    flow.person()
    flow.conviction(0, {**DEFAULT_ANSWERS, "case_number": {"case_number": "unknown"}})
    html = client.post("/papers/?lang=es", data=APPLICANT).get_data(as_text=True)
    assert "no es un número de caso" in html


def test_a_month_only_conviction_date_prints_no_invented_day(client, flow):
    from pypdf import PdfReader

    _documents_or_skip()
    flow.person()
    flow.conviction(0, {**DEFAULT_ANSWERS, "conviction_date": {"month": "3", "year": "2012"}})
    flow.post("/papers/", APPLICANT)
    ready = client.get("/papers/ready").get_data(as_text=True)
    (file_id,) = re.findall(r'href="/papers/file/(\w+)">[^<]*\(CR-400\)', ready)
    data = client.get(f"/papers/file/{file_id}").data
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    assert "03/2012" in text
    assert "03/01/2012" not in text


def test_a_county_the_papers_refuse_links_to_the_county_question(client, flow):
    _documents_or_skip()
    flow.person()
    flow.conviction(0, DEFAULT_ANSWERS)
    flow.post("/papers/", APPLICANT)
    with client.session_transaction() as session:  # an answer no form offers, as from an old session
        session["a"] = {**session["a"], "county": "Springfield"}
    html = client.get("/papers/ready", follow_redirects=True).get_data(as_text=True)
    assert "Springfield is not a California county" in html
    assert 'href="/q/county"' in html and 'value="Pat Example"' in html


def test_a_name_in_another_script_needs_the_court_record_spelling(with_results):
    page = with_results.get("/papers/").get_data(as_text=True)
    assert 'name="record_name"' in page  # shown from the start, no script needed
    assert "Court forms use your name as it is written in your court record" in page
    response = with_results.post("/papers/", data={**APPLICANT, "name": "김민준"})
    assert response.status_code == 200
    assert "not English letters" in " ".join(errors(response))
    html = response.get_data(as_text=True)
    assert 'value="김민준"' in html and 'value="100 Main Street"' in html
    assert 'aria-describedby="record_name-hint' in html or 'record_name-hint' in html
    with with_results.session_transaction() as session:
        assert "ap" not in session


def test_the_court_record_spelling_must_itself_be_in_english_letters(with_results):
    response = with_results.post("/papers/", data={**APPLICANT, "name": "김민준", "record_name": "김민준"})
    assert response.status_code == 200
    assert "Write this name in English letters" in " ".join(errors(response))


@pytest.mark.parametrize("name", ["Nguyễn Văn A", "José Ñúñez"])
def test_an_accented_latin_name_needs_no_second_spelling(with_results, name):
    response = with_results.post("/papers/", data={**APPLICANT, "name": name})
    assert response.headers["Location"] == "/papers/ready"


def test_the_record_spelling_goes_on_the_court_form_and_the_name_as_typed_on_the_next_steps(with_results):
    _documents_or_skip()
    from tests.documents.helpers import pdf_text

    response = with_results.post("/papers/", data={**APPLICANT, "name": "김민준", "record_name": "KIM MINJUN"})
    assert response.headers["Location"] == "/papers/ready"
    html = with_results.get("/papers/ready").get_data(as_text=True)
    names = [line.split('"')[0] for line in html.split('href="/papers/file/')[1:]]
    texts = {}
    for link in names:
        download = with_results.get(f"/papers/file/{link}")
        filename = download.headers["Content-Disposition"].split('filename="')[1].rstrip('"')
        texts[filename] = pdf_text(download.data)
    court = [text for name, text in texts.items() if name.startswith("CR-400")]
    assert court and all("KIM MINJUN" in text and "김민준" not in text for text in court)
    steps = [text for name, text in texts.items() if name.startswith("next-steps")]
    assert steps and all("김민준" in text for text in steps)


def test_an_older_session_without_the_record_spelling_is_asked_again(with_results):
    with_results.post("/papers/", data=APPLICANT)
    with with_results.session_transaction() as session:
        session["ap"] = {**session["ap"], "name": "王小明"}
    assert with_results.get("/papers/ready").headers["Location"] == "/papers/"

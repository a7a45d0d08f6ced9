"""Clinic mode: several clients in one browser, nothing kept on the server, 30 idle minutes."""

from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader

from webapp.clinic import state as clinic_state

from .conftest import errors

ORG = {"representation": "attorney", "attorney_name": "Alex Counsel", "bar_number": "123456",
       "firm": "Example Legal Aid", "street": "1 Legal Way", "city": "Oakland", "state": "ca",
       "zip": "94607", "phone": "510-555-0199", "email": ""}


def row(i: int, **values) -> dict[str, str]:
    """Form values for conviction row ``i`` (a completed 11359 felony unless overridden)."""
    base = {"code": "HS 11359", "case_number": f"SYN-{100 + i}", "lv": "felony", "ss": "completed",
            "cl": "n", "od-month": "6", "od-year": "2010", "cd-month": "9", "cd-day": "14",
            "cd-year": "2010", "am": "?", "pl": "?"}
    base.update(values)
    return {f"r{i}-{k}": v for k, v in base.items() if v is not None}


class Clinic:
    """A volunteer working through the clinic pages with the test client."""

    def __init__(self, client):
        self.client = client

    def start(self, org=ORG):
        assert self.client.post("/clinic/start").status_code == 303
        if org is not None:
            response = self.client.post("/clinic/setup", data=org)
            assert response.status_code == 303, errors(response)

    def add(self, label="Ana", language="en", county="Los Angeles", dob=("2", "3", "1970"),
            rows: tuple[dict[str, str], ...] = ()) -> str:
        """A new client; with ``rows``, their convictions are entered and saved too."""
        data = {"label": label, "language": language, "county": county}
        if dob is None:
            data["dob-unknown"] = "y"
        else:
            data.update({"dob-month": dob[0], "dob-day": dob[1], "dob-year": dob[2]})
        response = self.client.post("/clinic/clients/new", data=data)
        assert response.status_code == 303, errors(response)
        cid = response.headers["Location"].split("/")[3]
        if rows:
            response = self.convictions(cid, *rows)
            assert response.status_code == 303, errors(response)
        return cid

    def convictions(self, cid: str, *rows: dict[str, str]):
        data = {"rows": str(len(rows)), "save": "1"}
        for values in rows:
            data.update(values)
        return self.client.post(f"/clinic/clients/{cid}/convictions", data=data)

    def state(self) -> dict:
        with self.client.session_transaction() as session:
            return json.loads(json.dumps(session.get("cl")))


@pytest.fixture
def clinic(client) -> Clinic:
    return Clinic(client)


@pytest.fixture
def frozen(monkeypatch):
    """A clock the test moves by hand."""
    now = {"t": 1_800_000_000.0}
    monkeypatch.setattr(clinic_state, "clock", lambda: now["t"])
    return now


def text(response) -> str:
    return response.get_data(as_text=True)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


# --- entry and the session ------------------------------------------------------------------


def test_home_page_links_to_clinic_mode(client):
    html = text(client.get("/"))
    assert 'href="/clinic/"' in html and "helping someone" in html


def test_welcome_page_explains_and_starts_a_session(client, clinic):
    html = text(client.get("/clinic/"))
    assert "your client" in html and 'action="/clinic/start"' in html
    assert client.get("/clinic/clients/new").headers["Location"] == "/clinic/"
    clinic.start(org=None)
    assert client.get("/clinic/setup").status_code == 200
    page = text(client.get("/clinic/"))
    assert "This clinic session ends at" in page and "Not set yet" in page


def test_clinic_pages_may_run_their_own_script_only(client, clinic):
    clinic.start()
    csp = client.get("/clinic/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert "script-src" not in client.get("/").headers["Content-Security-Policy"]
    assert 'src="/static/clinic.js"' in text(client.get("/clinic/"))
    assert client.get("/static/clinic.js").status_code == 200


# --- three clients, switching, finishing ----------------------------------------------------


def test_three_clients_switch_and_keep_their_own_convictions(client, clinic):
    clinic.start()
    ana = clinic.add("Ana", "es", "Los Angeles")
    assert clinic.convictions(ana, row(0)).headers["Location"] == f"/clinic/clients/{ana}/results"
    bo = clinic.add("Bo", "en", "San Francisco", dob=None)
    assert clinic.convictions(bo, row(0, code="HS 11530", **{
        "od-month": "5", "od-year": "1972", "cd-month": "8", "cd-day": None, "cd-year": "1972",
        "ag-unknown": "y"})).status_code == 303
    cy = clinic.add("Cy", "vi", "Alameda")
    assert clinic.convictions(cy, row(0, code="HS 11357(a)", lv="misdemeanor", am="le28"),
                              row(1, code="HS 11358", pl="gt6", **{"od-year": "2012", "cd-year": "2012"})
                              ).status_code == 303

    state = clinic.state()
    assert [c["n"] for c in state["c"]] == ["Ana", "Bo", "Cy"]
    assert [len(c["cv"]) for c in state["c"]] == [1, 1, 2]
    assert state["cur"] == cy

    # Switching: each client's results show their own convictions only.
    ana_page = text(client.get(f"/clinic/clients/{ana}/results"))
    assert "HS 11359" in ana_page and "HS 11530" not in ana_page
    assert re.search(rf'href="/clinic/clients/{ana}/results" aria-current="page"', ana_page)
    assert clinic.state()["cur"] == ana
    bo_page = text(client.get(f"/clinic/clients/{bo}/results"))
    assert "HS 11530" in bo_page and "Needs a closer look" in bo_page
    assert "District Attorney" in bo_page  # the DA office's contact details
    cy_page = text(client.get(f"/clinic/clients/{cy}/results"))
    assert cy_page.count('class="card ') == 2
    index = text(client.get("/clinic/"))
    for label in ("Ana", "Bo", "Cy"):
        assert f"<h3>{label}</h3>" in index


def test_finishing_with_a_client_wipes_only_that_client(client, clinic):
    clinic.start()
    ana = clinic.add("Ana", "es", rows=(row(0, case_number="SYN-ANA"),))
    clinic.add("Bo", "ko", rows=(row(0, case_number="SYN-BO"),))
    client.post(f"/clinic/clients/{ana}/papers", data={"name": "Ana Example"})

    # asked first: pressing "Finish" alone removes nothing
    for asked in (client.get(f"/clinic/clients/{ana}/finish"),
                  client.post(f"/clinic/clients/{ana}/finish")):
        page = text(asked)
        assert asked.status_code == 200 and "Finish with Ana?" in page
        assert 'name="confirm" value="yes"' in page and 'class="danger"' in page
    assert [c["n"] for c in clinic.state()["c"]] == ["Ana", "Bo"]
    response = client.post(f"/clinic/clients/{ana}/finish", data={"confirm": "yes"})
    assert response.headers["Location"] == "/clinic/?finished=1"
    assert "information was removed" in text(client.get(response.headers["Location"]))
    state = clinic.state()
    dumped = json.dumps(state)
    assert "Ana" not in dumped and "SYN-ANA" not in dumped
    assert [c["n"] for c in state["c"]] == ["Bo"]
    assert state["k"]["n"] == 1 and state["k"]["v"] == 1
    assert client.get(f"/clinic/clients/{ana}/results").status_code == 404
    assert client.post(f"/clinic/clients/{ana}/finish", data={"confirm": "yes"}).status_code == 404


def test_at_most_four_clients_with_a_clear_message(client, clinic):
    clinic.start()
    for label in "ABCD":
        clinic.add(label)
    response = client.post("/clinic/clients/new", data={"label": "E", "language": "en",
                                                        "county": "Alameda", "dob-unknown": "y"})
    assert response.status_code == 409
    assert "up to 4 clients" in text(response)
    assert len(clinic.state()["c"]) == 4
    assert 'href="/clinic/clients/new"' not in text(client.get("/clinic/"))


def test_a_full_cookie_is_refused_with_a_message_and_nothing_is_lost(client, clinic, monkeypatch):
    clinic.start()
    ana = clinic.add("Ana", rows=(row(0),))
    before = clinic.state()
    monkeypatch.setattr(clinic_state, "COOKIE_BUDGET", clinic_state.COOKIE_BUDGET // 10)
    response = clinic.convictions(ana, row(0), row(1, code="HS 11357"))
    assert response.status_code == 413
    assert "cannot hold any more information" in text(response)
    assert clinic.state()["c"] == before["c"]


def test_four_full_clients_fit_in_one_cookie(client, clinic):
    clinic.start()
    for n in range(clinic_state.MAX_CLIENTS):
        cid = clinic.add(f"Client number {n} xyz", "zh_Hant")
        rows = [row(i, code=f"HS 11360(a)({i})", case_number=f"SYN-{n}-{i}-ABCDEFGHIJKLMNOP",
                    ss="serving", am="gt28", sc="n", mn="n", um="n", ev="n", ie="n", pr="n", p2="n",
                    **{"od-day": str(i + 1)}) for i in range(clinic_state.MAX_ROWS)]
        assert clinic.convictions(cid, *rows).status_code == 303
        assert client.post(f"/clinic/clients/{cid}/papers",
                           data={"name": "Synthetic Person Name " * 3}).status_code == 303
    assert len(client.get_cookie("prop64").value) < 4000


# --- idle limit -----------------------------------------------------------------------------


def test_session_ends_after_30_idle_minutes_and_keeps_only_counts(client, clinic, frozen):
    clinic.start()
    ana = clinic.add("Ana", "es", rows=(row(0, case_number="SYN-IDLE"),))
    frozen["t"] += 29 * 60
    assert client.get(f"/clinic/clients/{ana}/results").status_code == 200  # activity
    frozen["t"] += 29 * 60
    assert client.get("/clinic/").status_code == 200
    frozen["t"] += 30 * 60 + 1
    response = client.get(f"/clinic/clients/{ana}/results")
    assert response.status_code == 303 and response.headers["Location"] == "/clinic/ended?why=idle"
    page = text(client.get(response.headers["Location"]))
    assert "Nothing was done for 30 minutes" in page
    state = clinic.state()
    assert "SYN-IDLE" not in json.dumps(state) and "c" not in state and "o" not in state
    assert state["k"]["n"] == 1 and state["k"]["l"][1] == 1  # Spanish
    assert client.get("/clinic/").status_code == 200
    assert "Start a clinic session" in text(client.get("/clinic/"))


def test_a_post_after_the_idle_limit_is_not_saved(client, clinic, frozen):
    clinic.start()
    ana = clinic.add("Ana")
    frozen["t"] += 31 * 60
    response = clinic.convictions(ana, row(0))
    assert response.headers["Location"] == "/clinic/ended?why=idle"
    assert "c" not in (clinic.state() or {})


def test_the_page_says_when_the_session_ends_and_ping_extends_it(client, clinic, frozen):
    clinic.start()
    html = text(client.get("/clinic/"))
    assert re.search(r'data-left="1800"', html)
    assert 'role="alert" hidden' in html  # the warning is there for the script to show
    frozen["t"] += 20 * 60
    assert client.get("/clinic/ping").get_json() == {"left": 1800}
    frozen["t"] += 20 * 60
    assert client.get("/clinic/").status_code == 200  # 40 minutes after the start, still open


def test_ended_page_while_open_goes_back_to_the_clients(client, clinic):
    clinic.start()
    assert client.get("/clinic/ended").headers["Location"] == "/clinic/"


# --- the one-screen form --------------------------------------------------------------------


def test_compact_form_checks_like_the_questionnaire_and_keeps_answers(client, clinic):
    clinic.start()
    ana = clinic.add("Ana")
    bad = {**row(0, code="eleven", **{"od-month": "2", "od-day": "30"}),
           **row(1, **{"od-year": "2012", "cd-year": "2011", "cd-day": None}),
           **row(2, lv="", ss=None, **{"od-month": "11", "od-year": "2016", "cd-month": "12",
                                        "cd-year": "2016", "cd-day": None})}
    response = client.post(f"/clinic/clients/{ana}/convictions", data={"rows": "3", **bad})
    assert response.status_code == 422
    html = text(response)
    found = " ".join(errors(response))
    assert "like HS 11359" in found  # the code section
    assert "That day does not exist" in found  # February 30
    assert "before the date it happened" in found  # conviction before offense
    assert "law changed on November 9, 2016" in found  # the day is needed in November 2016
    assert "Choose one answer" in found  # level and sentence are required
    assert 'href="#r0-code"' in html and 'href="#r1-cd-year"' in html and 'href="#r2-lv"' in html
    assert 'id="r0-code" name="r0-code" value="eleven"' in html and 'aria-invalid="true"' in html
    assert "Conviction 3, Level: Choose one answer." in html
    assert "c" not in clinic.state() or not clinic.state()["c"][0]["cv"]


def test_not_sure_answers_are_accepted_and_become_unknown_facts(client, clinic):
    clinic.start()
    ana = clinic.add("Ana", dob=None)
    response = clinic.convictions(ana, row(0, code="HS 11357", lv="?", ss="?", cl="?", am="?", **{
        "od-month": None, "od-year": None, "od-unknown": "y", "cd-month": None, "cd-day": None,
        "cd-year": None, "cd-unknown": "y", "ag-unknown": "y"}))
    assert response.status_code == 303, errors(response)
    saved = clinic.state()["c"][0]["cv"][0]
    assert saved["od"] == saved["cd"] == saved["ag"] == saved["lv"] == "?"
    assert client.get(f"/clinic/clients/{ana}/results").status_code == 200


def test_age_is_asked_only_without_a_date_of_birth(client, clinic):
    clinic.start()
    known = clinic.add("Ana")
    unknown = clinic.add("Bo", dob=None)
    assert 'name="r0-ag-age"' not in text(client.get(f"/clinic/clients/{known}/convictions"))
    assert 'name="r0-ag-age"' in text(client.get(f"/clinic/clients/{unknown}/convictions"))
    response = clinic.convictions(unknown, row(0))
    assert response.status_code == 422 and "I'm not sure" in " ".join(errors(response))


def test_add_a_row_keeps_what_was_typed_and_blank_rows_are_ignored(client, clinic):
    clinic.start()
    ana = clinic.add("Ana")
    response = client.post(f"/clinic/clients/{ana}/convictions",
                           data={"rows": "1", "add": "1", **row(0, code="HS 11358")})
    html = text(response)
    assert 'value="HS 11358"' in html and 'name="r1-code"' in html and 'value="2"' in html
    response = client.post(f"/clinic/clients/{ana}/convictions",
                           data={"rows": "2", "save": "1", **row(0, code="HS 11358"),
                                 "r1-am": "?", "r1-pl": "?"})
    assert response.status_code == 303, errors(response)
    assert [c["code"] for c in clinic.state()["c"][0]["cv"]] == ["HS 11358"]


def test_remove_a_row_and_an_empty_form_is_refused(client, clinic):
    clinic.start()
    ana = clinic.add("Ana", rows=(row(0), row(1, code="HS 11357")))
    page = text(client.get(f"/clinic/clients/{ana}/convictions"))
    assert 'value="HS 11357"' in page and 'name="r2-code"' in page  # saved rows + a spare row
    response = clinic.convictions(ana, row(0), {**row(1, code="HS 11357"), "r1-remove": "y"})
    assert response.status_code == 303
    assert [c["code"] for c in clinic.state()["c"][0]["cv"]] == ["HS 11359"]
    response = clinic.convictions(ana, {**row(0), "r0-remove": "y"})
    assert response.status_code == 422 and "at least one conviction" in text(response)


# --- CSV upload -----------------------------------------------------------------------------

GOOD_CSV = """person_id,date_of_birth,county,case_number,code,level,forum,offense_date,conviction_date,sentence_status,sentence_end_date
SYN1,19700203,Los Angeles,SYN-A1,HS 11357(a),misdemeanor,adult,2012-03,2012-05-01,completed,
SYN1,19700203,Los Angeles,SYN-A2,HS 11359,F,adult,20150101,20150301,,20160101
"""

BAD_CSV = """person_id,county,case_number,code,level,offense_date,conviction_date,sentence_status
SYN1,Los Angeles,SYN-B1,HS 11359,felony,2015-13-01,2015-02-01,completed
SYN1,Los Angeles,SYN-B2,PC 187,felony,,1990-01-01,
SYN2,Los Angeles,SYN-B3,HS 11359,felony,,2001-01-01,
SYN1,Orange,SYN-B4,HS 11358,felony,,2001-01-01,
SYN1,Los Angeles,SYN-B5,HS 11360,big,,2001-01-01,maybe
"""


def upload(client, cid, content: bytes, name="rows.csv"):
    return client.post(f"/clinic/clients/{cid}/upload", data={"file": (io.BytesIO(content), name)},
                       content_type="multipart/form-data")


def test_csv_upload_is_shown_for_confirmation_and_never_stored(client, clinic):
    clinic.start()
    ana = clinic.add("Ana", county="Los Angeles")
    assert "generic CSV format" in text(client.get(f"/clinic/clients/{ana}/upload"))
    before = clinic.state()
    response = upload(client, ana, GOOD_CSV.encode())
    assert response.status_code == 200
    html = text(response)
    assert "2 convictions were read from the file" in html
    assert 'value="HS 11357(a)"' in html and 'value="SYN-A2"' in html
    assert "(line 2 of the file)" in html and "(line 3 of the file)" in html
    assert re.search(r'<option value="completed" selected>', html)  # the end date has passed
    assert clinic.state()["c"] == before["c"]  # nothing saved until confirmed
    # The volunteer completes what the file lacks (already cleared?) and saves.
    response = clinic.convictions(ana, row(0, code="HS 11357(a)", lv="misdemeanor", am="le28"),
                                  row(1, **{"od-year": "2015", "cd-year": "2015"}))
    assert response.status_code == 303, errors(response)
    assert len(clinic.state()["c"][0]["cv"]) == 2


def test_csv_upload_reports_problems_per_line(client, clinic):
    clinic.start()
    ana = clinic.add("Ana", county="Los Angeles")
    html = text(upload(client, ana, BAD_CSV.encode()))
    assert 'Line 2: offense_date &#34;2015-13-01&#34; is not a date' in html
    assert "Line 3: PC 187 is not a cannabis conviction" in html
    assert "Line 4: this row has a different person_id" in html
    assert "Line 5: this conviction is from Orange County" in html
    assert "Line 6: level &#34;big&#34; is not felony" in html
    assert 'sentence_status &#34;maybe&#34; is not serving or completed' in html
    assert re.findall(r'name="r\d-code" value="([^"]+)"', html) == ["HS 11359", "HS 11360"]


@pytest.mark.parametrize("content, message", [
    (b"code_section,level\nHS 11359,felony\n", 'no "code" column'),
    (b"\x00\x01\x02binary", "could not be read as a CSV file"),
    (b"code,level\n", "no rows with a code section"),
    (b"", "Choose a CSV file"),
])
def test_unusable_csv_files_get_a_message(client, clinic, content, message):
    clinic.start()
    ana = clinic.add("Ana")
    response = upload(client, ana, content)
    assert response.status_code == 422
    assert message in text(response).replace("&#34;", '"')


def test_a_long_csv_file_is_read_whole_up_to_its_own_limit(client, clinic):
    clinic.start()
    ana = clinic.add("Ana", county="Los Angeles")
    # 200 KB: far past the site's 64 KB form limit; the rows to keep come at the end
    header, first = GOOD_CSV.splitlines()[:2]
    blank_rows = (" ," * 10 + "\n") * 10_000  # empty rows (a spreadsheet's export) are skipped
    content = f"{header}\n{blank_rows}{first}\n".encode()
    assert len(content) > 200_000
    html = text(upload(client, ana, content))
    assert 'value="SYN-A1"' in html and "(line 10002 of the file)" in html


def test_a_csv_file_over_its_limit_is_refused_with_a_reason(client, clinic, app):
    clinic.start()
    ana = clinic.add("Ana", county="Los Angeles")
    limit = app.config["CLINIC_UPLOAD_LIMIT"]
    for size in (limit + 10, 3 * limit):  # just over, and far over (refused before reading)
        response = upload(client, ana, b"code\n" + b"x" * size)
        assert response.status_code == 413
        html = text(response)
        assert "larger than 1 MB, so it was not read" in html and 'type="file"' in html
    assert client.post("/q/county", data={"county": "x" * 100_000}).status_code == 413


# --- results, papers, summary ---------------------------------------------------------------


def test_attorney_block_is_reused_on_every_clients_cr400(client, clinic):
    clinic.start()
    for label, number in (("Ana", "SYN-CR1"), ("Bo", "SYN-CR2")):
        cid = clinic.add(label, "es" if label == "Ana" else "en", rows=(row(0, case_number=number),))
        page = text(client.get(f"/clinic/clients/{cid}/papers"))
        assert "Alex Counsel" in page
        assert client.post(f"/clinic/clients/{cid}/papers",
                           data={"name": f"{label} Example"}).status_code == 303
        page = text(client.get(f"/clinic/clients/{cid}/papers"))
        assert f'href="/clinic/clients/{cid}/packet.pdf"' in page
        files = re.findall(rf'href="/clinic/clients/{cid}/file/([^"]+)">([^<]+)<', page)
        assert files and not [link for link, _ in files if number in link]  # ids, never numbers
        cr400 = next(link for link, label in files if "CR-400" in label and number in label)
        form = client.get(f"/clinic/clients/{cid}/file/{cr400}")
        assert form.status_code == 200 and form.mimetype == "application/pdf"
        content = pdf_text(form.data)
        for expected in ("Alex Counsel", "123456", "Example Legal Aid", "1 Legal Way", "510-555-0199",
                         f"{label} Example", number):
            assert expected in content, expected
        packet = client.get(f"/clinic/clients/{cid}/packet.pdf")
        assert packet.data.startswith(b"%PDF") and packet.headers["Cache-Control"] == "no-store"
    assert client.get(f"/clinic/clients/{cid}/file/nope.pdf").status_code == 404


def test_in_pro_per_puts_the_clients_own_address_on_the_form(client, clinic):
    clinic.start(org={"representation": "self"})
    cid = clinic.add("Ana", rows=(row(0, case_number="SYN-IPP"),))
    response = client.post(f"/clinic/clients/{cid}/papers", data={"name": "Ana Example"})
    assert response.status_code == 200 and "Please fill this in." in errors(response)
    details = {"name": "Ana Example", "street": "9 Synthetic Street", "city": "Fresno", "state": "CA",
               "zip": "93701", "phone": "559-555-0100"}
    assert client.post(f"/clinic/clients/{cid}/papers", data=details).status_code == 303
    page = text(client.get(f"/clinic/clients/{cid}/papers"))
    cr400 = next(link for link, label in re.findall(
        rf'href="/clinic/clients/{cid}/file/([^"]+)">([^<]+)<', page) if "CR-400" in label)
    content = pdf_text(client.get(f"/clinic/clients/{cid}/file/{cr400}").data)
    assert "9 Synthetic Street" in content and "Alex Counsel" not in content
    assert "PRO PER" in content.upper()


def test_a_clients_name_in_another_script_needs_the_court_record_spelling(client, clinic):
    clinic.start()
    cid = clinic.add("Min", "ko", rows=(row(0, case_number="SYN-KO1"),))
    page = text(client.get(f"/clinic/clients/{cid}/papers"))
    assert 'name="record_name"' in page and "as it is written in the court record" in page
    response = client.post(f"/clinic/clients/{cid}/papers", data={"name": "김민준"})
    assert response.status_code == 200 and "not English letters" in " ".join(errors(response))
    assert 'value="김민준"' in text(response)
    assert client.post(f"/clinic/clients/{cid}/papers",
                       data={"name": "김민준", "record_name": "KIM MINJUN"}).status_code == 303
    page = text(client.get(f"/clinic/clients/{cid}/papers"))
    cr400 = next(link for link, label in re.findall(
        rf'href="/clinic/clients/{cid}/file/([^"]+)">([^<]+)<', page) if "CR-400" in label)
    content = pdf_text(client.get(f"/clinic/clients/{cid}/file/{cr400}").data)
    assert "KIM MINJUN" in content and "김민준" not in content


def test_attorney_block_is_validated(client, clinic):
    clinic.start(org=None)
    response = client.post("/clinic/setup", data={**ORG, "bar_number": "", "zip": "9460",
                                                 "phone": "call"})
    assert response.status_code == 200
    found = " ".join(errors(response))
    assert "bar number" in found and "ZIP code" in found and "10 numbers" in found
    assert 'value="Alex Counsel"' in text(response)
    assert "o" not in clinic.state()


def test_papers_wait_for_the_organisation_block(client, clinic):
    clinic.start(org=None)
    cid = clinic.add("Ana", rows=(row(0),))
    page = text(client.get(f"/clinic/clients/{cid}/papers"))
    assert 'href="/clinic/setup"' in page
    assert client.get(f"/clinic/clients/{cid}/packet.pdf").headers["Location"] == \
        f"/clinic/clients/{cid}/papers"


def test_clinic_summary_is_in_the_clients_language(client, clinic):
    clinic.start()
    es = clinic.add("Ana", "es", rows=(row(0, case_number="SYN-SUM"),))
    en = clinic.add("Bo", "en", rows=(row(0, case_number="SYN-SUM"),))
    results = text(client.get(f"/clinic/clients/{es}/results"))
    assert f'href="/clinic/clients/{es}/summary.pdf"' in results and "Español" in results
    spanish = client.get(f"/clinic/clients/{es}/summary.pdf")
    english = client.get(f"/clinic/clients/{en}/summary.pdf")
    assert spanish.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(spanish.data))
    assert len(reader.pages) == 1
    content = pdf_text(spanish.data)
    assert "SYN-SUM" in content and "Ana" in content
    assert re.search(r"\d+ de \w+ de \d{4}", content)  # a date written in Spanish
    assert not re.search(r"\d+ de \w+ de \d{4}", pdf_text(english.data))


def test_volunteer_language_and_client_language_are_separate(client, clinic):
    clinic.start()
    cid = clinic.add("Ana", "es", rows=(row(0),))
    page = text(client.get(f"/clinic/clients/{cid}/results?lang=vi"))
    assert '<html lang="vi"' in page
    assert clinic.state()["c"][0]["l"] == "es"
    page = text(client.get(f"/clinic/clients/{cid}/results?lang=en"))
    assert "It is written in Español." in page


# --- end of the clinic ----------------------------------------------------------------------


def test_counts_export_has_counts_and_no_personal_data(client, clinic):
    clinic.start()
    ana = clinic.add("Ana Synthetic", "es", dob=("4", "5", "1966"), rows=(row(0, case_number="SYN-PRIV1"),))
    client.post(f"/clinic/clients/{ana}/papers", data={"name": "Ana Privatename"})
    client.post(f"/clinic/clients/{ana}/finish", data={"confirm": "yes"})
    bo = clinic.add("Bo Synthetic", "ko", county="San Francisco")
    clinic.convictions(bo, row(0, code="HS 11530", case_number="SYN-PRIV2", **{
        "od-year": "1971", "cd-year": "1971"}), row(1, case_number="SYN-PRIV3"))

    report = client.get("/clinic/export.json")
    assert report.headers["Content-Disposition"] == 'attachment; filename="clinic-counts.json"'
    counts = report.get_json()
    assert counts["clients_seen"] == 2 and counts["convictions_checked"] == 3
    assert counts["client_languages"]["es"] == 1 and counts["client_languages"]["ko"] == 1
    assert counts["outcomes"]["NEEDS_DA_REVIEW"] == 1
    assert sum(counts["outcomes"].values()) == 3
    assert set(counts) == {"as_of", "rules_version", "clients_seen", "convictions_checked",
                           "outcomes", "client_languages"}
    as_csv = client.get("/clinic/export.csv")
    assert as_csv.mimetype == "text/csv"
    body = as_csv.get_data(as_text=True)
    assert "clients_seen,2" in body and "language:ko,1" in body
    for private in ("Ana", "Bo", "Synthetic", "Privatename", "SYN-PRIV", "1966", "11530",
                    "Alex Counsel", "San Francisco", "Los Angeles"):
        assert private not in body and private not in report.get_data(as_text=True), private
    page = text(client.get("/clinic/report"))
    assert "Clients seen" in page and "SYN-PRIV" not in page
    assert client.get("/clinic/export.xml").status_code == 404


def test_ending_the_clinic_removes_everything(client, clinic):
    clinic.start()
    clinic.add("Ana", rows=(row(0),))
    asked = text(client.post("/clinic/end"))
    assert "End the clinic session?" in asked and 'class="danger"' in asked
    assert clinic.state()["c"]  # nothing removed before the second press
    assert "End the clinic session?" in text(client.get("/clinic/end"))
    response = client.post("/clinic/end", data={"confirm": "yes"})
    assert response.headers["Location"] == "/clinic/ended?why=end"
    assert "removed from this browser" in text(client.get("/clinic/ended?why=end"))
    assert clinic.state() is None


def test_every_clinic_form_needs_the_csrf_token(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    assert client.post("/clinic/start").status_code == 400
    page = client.get("/clinic/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post("/clinic/start", data={"csrf_token": token}).status_code == 303
    with client.session_transaction() as session:
        session["cl"] = {**session["cl"], "c": [{"i": "abc123", "n": "Ana", "l": "en",
                                                  "co": "Alameda", "dob": "?", "cv": []}]}
    for url in ("/clinic/setup", "/clinic/clients/new", "/clinic/clients/abc123/details",
                "/clinic/clients/abc123/convictions", "/clinic/clients/abc123/upload",
                "/clinic/clients/abc123/papers", "/clinic/clients/abc123/finish", "/clinic/end"):
        assert client.post(url, data={"label": "x"}).status_code == 400, url
    assert client.post("/clinic/clients/abc123/finish",
                       data={"csrf_token": token, "confirm": "yes"}).status_code == 303


def test_every_clinic_page_renders_in_every_language(client, clinic):
    clinic.start()
    cid = clinic.add("Ana", rows=(row(0),))
    pages = ["/clinic/", "/clinic/setup", "/clinic/clients/new", f"/clinic/clients/{cid}/details",
             f"/clinic/clients/{cid}/convictions", f"/clinic/clients/{cid}/upload",
             f"/clinic/clients/{cid}/results", f"/clinic/clients/{cid}/papers", "/clinic/report",
             f"/clinic/clients/{cid}/finish", "/clinic/end"]
    for lang in ("en", "es", "zh_Hant", "vi", "tl", "ko"):
        for url in pages:
            response = client.get(f"{url}?lang={lang}")
            assert response.status_code == 200, (url, lang)
            if lang != "en" and url.endswith(("/finish", "/end")):  # the questions, translated
                html = response.get_data(as_text=True)
                assert "This cannot be undone" not in html and "No, go back" not in html


def test_unknown_clients_and_a_tampered_state_do_not_break_pages(client, clinic):
    clinic.start()
    assert client.get("/clinic/clients/nobody/results").status_code == 404
    with client.session_transaction() as session:
        session["cl"]["c"] = ["junk", {"i": 5}, {"i": "ok1234", "n": "Ana", "cv": "oops"}]
        session["cl"]["k"] = {"n": -3, "o": "x"}
        session.modified = True
    assert client.get("/clinic/").status_code == 200
    assert client.get("/clinic/export.json").get_json()["clients_seen"] == 0


def test_clinic_summary_lists_the_papers_once_they_can_be_made(client, clinic):
    clinic.start()
    cid = clinic.add("Ana", rows=(row(0, case_number="SYN-PREP"),))
    before = pdf_text(client.get(f"/clinic/clients/{cid}/summary.pdf").data)
    assert "No papers were prepared" in before
    client.post(f"/clinic/clients/{cid}/papers", data={"name": "Ana Example"})
    after = pdf_text(client.get(f"/clinic/clients/{cid}/summary.pdf").data)
    assert "CR-400_SYN-PREP.pdf" in after


def test_switching_language_on_the_form_keeps_what_was_typed(client, clinic):
    clinic.start()
    cid = clinic.add("Ana", "ko")
    response = client.post(f"/clinic/clients/{cid}/convictions",
                           data={"rows": "1", "_lang": "es", **row(0, code="HS 11358")})
    assert response.status_code == 303
    page = text(client.get(response.headers["Location"]))
    assert '<html lang="es"' in page and 'value="HS 11358"' in page
    assert clinic.state()["c"][0]["l"] == "ko" and clinic.state()["c"][0]["cv"] == []


def test_counts_can_be_downloaded_after_the_idle_limit(client, clinic, frozen):
    clinic.start()
    clinic.add("Ana", "tl", rows=(row(0, case_number="SYN-LATE"),))
    frozen["t"] += 31 * 60
    page = text(client.get(client.get("/clinic/").headers["Location"]))
    assert 'href="/clinic/export.csv"' in page
    body = client.get("/clinic/export.csv").get_data(as_text=True)
    assert "clients_seen,1" in body and "language:tl,1" in body and "SYN-LATE" not in body


def test_idle_clients_are_wiped_even_when_the_next_page_is_not_a_clinic_page(client, clinic, frozen):
    clinic.start()
    clinic.add("Ana", rows=(row(0, case_number="SYN-ELSEWHERE"),))
    frozen["t"] += 29 * 60
    client.get("/privacy")
    assert clinic.state()["c"]  # other pages are not clinic activity, but not idle yet either
    frozen["t"] += 2 * 60
    assert client.get("/privacy").status_code == 200
    state = clinic.state()
    assert "c" not in state and state["k"]["n"] == 1


def test_a_placeholder_case_number_is_explained_on_the_papers_page_not_a_500(client, clinic):
    pytest.importorskip("documents")
    clinic.start()
    cid = clinic.add("Ana", rows=(row(0, case_number="unknown"),))
    response = client.post(f"/clinic/clients/{cid}/papers", data={"name": "Ana Example"})
    page = text(client.get(response.headers["Location"]))
    assert "is not a case number" in page
    assert f'href="/clinic/clients/{cid}/packet.pdf"' not in page
    assert 'value="Ana Example"' in page  # the details are kept
    for url in ("packet.pdf", "file/next-steps.pdf", "summary.pdf"):
        answer = client.get(f"/clinic/clients/{cid}/{url}")
        assert answer.headers["Location"] == f"/clinic/clients/{cid}/papers", url
    assert clinic.convictions(cid, row(0, case_number="SYN-200")).status_code == 303
    assert client.get(f"/clinic/clients/{cid}/packet.pdf").data.startswith(b"%PDF")


@pytest.mark.parametrize(("lang", "order"), [
    ("en", ("month", "day", "year")), ("es", ("day", "month", "year")),
    ("zh_Hant", ("year", "month", "day")), ("ko", ("year", "month", "day")),
])
def test_clinic_dates_follow_the_volunteers_reading_order(client, clinic, lang, order):
    clinic.start()
    ana = clinic.add("Ana")
    client.get(f"/?lang={lang}")
    for page in (f"/clinic/clients/{ana}/convictions", "/clinic/clients/new"):
        html = client.get(page).get_data(as_text=True)
        prefix = "r0-od-" if "convictions" in page else "dob-"
        positions = [html.index(f'name="{prefix}{part}"') for part in order]
        assert positions == sorted(positions), (page, lang)

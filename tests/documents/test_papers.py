"""The PDFs, read back: names, case numbers, checked boxes, citations, reproducibility."""

from __future__ import annotations

import io

import pypdf
import pytest

import rules
from documents import Applicant, build_clinic_summary, build_packet, overflow_cases
from documents.fields import petition_groups
from documents.layouts import CR400

from .helpers import case_file, checked, conviction, evaluate, pdf_pages, pdf_text

PERSON = Applicant(name="Alex Rivera", street="100 Example Street", city="San Francisco", state="CA",
                   zip="94103", phone="415-555-0100")


def page_count(data: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def sf_packet():
    case = case_file(
        conviction(),
        conviction(code="HS 11357(b)", level="misdemeanor", conduct="possess", quantity_grams=10.0),
        conviction(case_number="SF999", code="HS 11360", sentence_status="serving", conduct="sell",
                   offense_date="2015-06-01", conviction_date="2015-09-14", age_at_offense=55),
    )
    result = evaluate(case)
    return case, result, build_packet(case, result, PERSON)


def test_packet_has_each_document_and_the_combined_pdf_in_order(sf_packet):
    _case, _result, packet = sf_packet
    assert list(packet.files) == [
        "next-steps.pdf", "reading-copy.pdf",
        "CR-400_SF12345.pdf", "proof-of-service_SF12345.pdf", "CR-400_SF999.pdf", "proof-of-service_SF999.pdf",
    ]
    assert packet.forms == "duplicate"
    for data in (packet.combined, *packet.files.values()):
        assert data.startswith(b"%PDF")
    assert page_count(packet.combined) == sum(page_count(d) for d in packet.files.values())
    pages = pdf_pages(packet.combined)
    assert "Your next steps" in pages[0]
    first_form = next(i for i, text in enumerate(pages) if text.startswith("CR-400"))
    assert all("CR-400" not in text[:10] for text in pages[:first_form])


def test_cr400_shows_name_case_number_and_checked_boxes(sf_packet):
    _case, _result, packet = sf_packet
    text, attachment = pdf_pages(packet.files["CR-400_SF12345.pdf"])
    assert "Alex Rivera" in text and "SF12345" in text
    assert "COUNTY OF" not in text  # the 2017 form prints no court name
    marks = checked(text)
    assert "REDESIGNATION OR DISMISSAL/SEALING" in marks
    assert "RESENTENCING OR DISMISSAL" not in marks
    assert "11357 - Possession of Marijuana" in marks
    assert "11359 - Possession of Marijuana for Sale" in marks
    assert "11360 - Transportation, Distribution, or Importation of Marijuana" not in marks
    assert any(m.startswith("APPLICATION:") for m in marks)
    assert not any(m.startswith("PETITION:") for m in marks)
    # items 3 and 4 are the person's choice
    assert "WAIVER OF HEARING BY ORIGINAL SENTENCING JUDGE" not in marks
    assert "WAIVER OF APPEARANCE" not in marks
    assert "CR-400 [New July 1, 2017]" in text and "Rev. January 1, 2024" not in text
    assert "ATTACHMENT 1 TO CR-400" in attachment and "PEOPLE v. Alex Rivera" in attachment
    assert "Redesignate as misdemeanor" in attachment and "Dismiss and seal" in attachment


def test_serving_case_checks_the_petition_boxes(sf_packet):
    _case, _result, packet = sf_packet
    marks = checked(pdf_text(packet.files["CR-400_SF999.pdf"]))
    assert "RESENTENCING OR DISMISSAL" in marks
    assert any(m.startswith("PETITION:") for m in marks)
    assert "11360 - Transportation, Distribution, or Importation of Marijuana" in marks


def test_signature_and_date_are_never_filled_in(sf_packet):
    _case, _result, packet = sf_packet
    for name in ("CR-400_SF12345.pdf", "proof-of-service_SF12345.pdf"):
        text = pdf_text(packet.files[name])
        assert "2026" not in text and "11/23" not in text


def test_proof_of_service_names_the_da_office_and_is_labelled_as_what_it_is(sf_packet):
    _case, _result, packet = sf_packet
    text = pdf_text(packet.files["proof-of-service_SF12345.pdf"])
    flat = " ".join(text.split())
    assert "PROOF OF SERVICE BY ANOTHER ADULT" in text
    assert "not Judicial Council form CR-401" in flat
    assert "CR-401 [" not in text and "Judicial Council of California" not in text
    assert "San Francisco District Attorney's Office" in text
    da = rules.counties.find("San Francisco").da
    assert (da.address[0] in text) == da.verified  # a sworn proof prints only a verified address
    assert "SF12345" in text
    assert "I am not the petitioner/applicant" in flat and "must not be the petitioner/applicant" in flat
    # nothing about the person who serves is known: their lines stay blank
    after = flat.split("Person who served the papers:")[1]
    assert after.strip().startswith("Name: Address: Telephone: I declare under penalty of perjury")


def test_next_steps_explains_filing_service_fee_and_cautions(sf_packet):
    _case, result, packet = sf_packet
    text = " ".join(pdf_text(packet.files["next-steps.pdf"]).split())
    sf = rules.counties.find("San Francisco")
    for line in sf.court.address:
        assert line in text
    assert "CR-401" in text and "two copies" in text
    assert "no filing fee" in text and "Live Scan" in text and "a few weeks to a few months" in text
    assert "immigration lawyer" in text and "gun" in text
    assert "lawhelpca.org" in text and "public defender" in text
    assert "HS § 11359(b)" in text  # the engine's cites are printed with its reasons
    assert "still serving your sentence, the court may hold a hearing" in text
    for det in result["convictions"]:
        assert det["case_number"] in text


def test_reading_copy_explains_each_petition(sf_packet):
    _case, _result, packet = sf_packet
    text = " ".join(pdf_text(packet.files["reading-copy.pdf"]).split())
    assert "What your petition says (case SF12345)" in text
    assert "What your petition says (case SF999)" in text
    assert "11359: having cannabis to sell" in text
    assert "Item 3" in text and "Item 4" in text and "your choice" in text


def test_same_input_gives_the_same_bytes(sf_packet):
    case, result, packet = sf_packet
    again = build_packet(case, result, PERSON)
    assert again.combined == packet.combined
    assert again.files == packet.files
    assert build_clinic_summary(case, result) == build_clinic_summary(case, result)


@pytest.mark.parametrize(("count", "attachment_pages"), [(1, 1), (40, 1), (CR400.ATTACHMENT_ROWS_PER_PAGE + 1, 2)])
def test_every_conviction_is_listed_on_a_numbered_captioned_attachment(count, attachment_pages):
    case = case_file(*[conviction(case_number="BIG1", conviction_date=f"{2000 + i % 8}-09-{1 + i % 28:02d}")
                       for i in range(count)])
    result = evaluate(case)
    assert overflow_cases(result) == ["BIG1"]
    packet = build_packet(case, result, PERSON)
    assert packet.overflow == ("BIG1",)
    form, *attachment = pdf_pages(packet.files["CR-400_BIG1.pdf"])
    assert "Page 1 of 1" in form and "CR-400 [New July 1, 2017]" in form
    assert len(attachment) == attachment_pages
    text = "\n".join(attachment)
    for number, page in enumerate(attachment, start=1):
        assert "ATTACHMENT 1 TO CR-400" in page and f"Attachment page {number} of {attachment_pages}" in page
        assert "BIG1" in page and "PEOPLE v. Alex Rivera" in page
        assert "Count" in page and "Relief under Health and Safety Code, § 11361.8" in page
    for i in range(count):
        assert f"09/{1 + i % 28:02d}/{2000 + i % 8}" in text
    assert text.count("HS 11359") == count  # one row per conviction


def test_juvenile_result_has_no_cr400_and_names_jv744():
    case = case_file(conviction(case_number="J-55", code="HS 11357(b)", level="misdemeanor", forum="juvenile",
                                conduct="possess", quantity_grams=10.0, age_at_offense=16), dob="1982-01-01")
    packet = build_packet(case, evaluate(case), PERSON)
    assert list(packet.files) == ["next-steps.pdf"]
    assert packet.forms == ""  # no CR-400, so neither the official form nor a duplicate
    text = " ".join(pdf_text(packet.files["next-steps.pdf"]).split())
    assert "JV-744" in text and "JV-744A" in text and "do not use form CR-400" in text


def test_da_review_letter_for_a_pre_1975_san_francisco_conviction():
    case = case_file(conviction(case_number="70001", code="HS 11357", level="misdemeanor", conduct="possess",
                                offense_date="1970-06-01", conviction_date="1970-09-14", age_at_offense=25,
                                quantity_grams=None), dob="1945-01-01")
    result = evaluate(case, policy="county")
    packet = build_packet(case, result, PERSON, lang="es")
    assert "DA-review-request.pdf" in packet.files and "DA-review-request_es.pdf" in packet.files
    # the statute's application stands beside the DA review request
    assert petition_groups(result)
    assert any(name.startswith("CR-400") for name in packet.files)
    letter = " ".join(pdf_text(packet.files["DA-review-request.pdf"]).split())
    assert "415-553-1751" in letter and rules.counties.find("San Francisco").da.address[0] in letter
    assert "70001" in letter and "06/01/1970" in letter and "Alex Rivera" in letter
    for reason in result["convictions"][0]["reasons"]:
        for cite in reason["citations"]:
            assert cite in letter
    copy = " ".join(pdf_text(packet.files["DA-review-request_es.pdf"]).split())
    assert "70001" in copy and "415-553-1751" in copy
    steps = " ".join(pdf_text(packet.files["next-steps.pdf"]).split())
    assert "415-553-1751" in steps


def test_clinic_summary_is_one_page_with_outcomes_and_what_was_prepared(sf_packet):
    case, result, packet = sf_packet
    data = build_clinic_summary(case, result, client_label="Client 7")
    assert page_count(data) == 1
    text = " ".join(pdf_text(data).split())
    assert "Client 7" in text
    assert "Reduce to a misdemeanor" in text and "Dismiss and seal" in text
    for name in packet.files:
        assert name in text
    custom = " ".join(pdf_text(build_clinic_summary(case, result, prepared=["CR-400 for SF12345"])).split())
    assert "CR-400 for SF12345" in custom


def test_long_names_and_addresses_are_printed_whole():
    applicant = Applicant(
        name="Maximiliano Alejandro de la Santísima Trinidad Fernández-Villaseñor y Montenegro",
        street="12345 West Extraordinarily Long Boulevard Name, Building C, Apartment 1234, Rear Entrance",
        city="Rancho Santa Margarita", state="CA", zip="92688-1234", phone="949-555-0100",
        email="maximiliano.alejandro.fernandez.villasenor@example-legal-aid.org",
    )
    case = case_file(conviction())
    text = " ".join(pdf_text(build_packet(case, evaluate(case), applicant).files["CR-400_SF12345.pdf"]).split())
    for word in ("Maximiliano", "Montenegro", "Boulevard", "Rear Entrance", "92688-1234",
                 "maximiliano.alejandro.fernandez.villasenor@example-legal-aid.org"):
        assert word in text


def test_invalid_case_file_is_rejected():
    with pytest.raises(rules.CaseError):
        build_packet({"convictions": [{"code": "HS 11357", "level": "sometimes"}]}, {"convictions": []})


def test_unknown_language_is_rejected():
    case = case_file(conviction())
    with pytest.raises(ValueError, match="lang"):
        build_packet(case, evaluate(case), None, lang="xx")


def test_clinic_summary_stays_on_one_page_for_many_convictions():
    case = case_file(*[conviction(case_number=f"C{i}") for i in range(14)])
    data = build_clinic_summary(case, evaluate(case), client_label="Client 9")
    assert page_count(data) == 1
    text = " ".join(pdf_text(data).split())
    assert "What the client must do next" in text
    assert "C13" in text


def test_bytes_do_not_depend_on_what_was_built_before():
    vietnamese = Applicant(name="Nguyễn Văn Ánh", street="1 A St", city="San Jose", state="CA", zip="95112",
                           phone="408-555-0100")
    case = case_file(conviction())
    result = evaluate(case)
    first = build_packet(case, result, vietnamese, lang="vi")
    other = case_file(conviction(case_number="X1"), conviction(case_number="X2"))
    build_packet(other, evaluate(other), Applicant(name="王小明", street="9 B St", city="San Jose", state="CA",
                                                   zip="95112", phone="408-555-0100"), lang="zh_Hant")
    again = build_packet(case, result, vietnamese, lang="vi")
    assert (again.combined, again.files) == (first.combined, first.files)

"""The PDFs, read back: names, case numbers, checked boxes, citations, reproducibility."""

from __future__ import annotations

import io

import pypdf
import pytest

import rules
from documents import Applicant, build_clinic_summary, build_packet, overflow_cases
from documents.layouts import CR400

from .helpers import case_file, checked, conviction, evaluate, fonts, pdf_pages, pdf_text

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
        "CR-400_SF12345.pdf", "CR-401_SF12345.pdf", "CR-400_SF999.pdf", "CR-401_SF999.pdf",
    ]
    for data in (packet.combined, *packet.files.values()):
        assert data.startswith(b"%PDF")
    assert page_count(packet.combined) == sum(page_count(d) for d in packet.files.values())
    pages = pdf_pages(packet.combined)
    assert "Your next steps" in pages[0]
    first_form = next(i for i, text in enumerate(pages) if text.startswith("CR-400"))
    assert all("CR-400" not in text[:10] for text in pages[:first_form])


def test_cr400_shows_name_case_number_and_checked_boxes(sf_packet):
    _case, _result, packet = sf_packet
    text = pdf_text(packet.files["CR-400_SF12345.pdf"])
    assert "Alex Rivera" in text and "SF12345" in text and "SAN FRANCISCO" in text
    marks = checked(text)
    assert "REDESIGNATION OR DISMISSAL/SEALING (Health & Saf. Code, § 11361.8(f))" in marks
    assert "RESENTENCING OR DISMISSAL (Health & Saf. Code, § 11361.8(b))" not in marks
    assert "11357 – Possession of Marijuana" in marks
    assert "11359 – Possession of Marijuana for Sale" in marks
    assert "11360 – Transportation, Distribution, or Importation of Marijuana" not in marks
    assert any(m.startswith("APPLICATION:") for m in marks)
    assert not any(m.startswith("PETITION:") for m in marks)
    # items 3 and 4 are the person's choice
    assert "WAIVER OF HEARING BY ORIGINAL SENTENCING JUDGE" not in marks
    assert "WAIVER OF APPEARANCE" not in marks
    assert "CR-400 [Rev. January 1, 2024]" in text
    assert "Redesignate as misdemeanor" in text and "Dismiss and seal" in text


def test_serving_case_checks_the_petition_boxes(sf_packet):
    _case, _result, packet = sf_packet
    marks = checked(pdf_text(packet.files["CR-400_SF999.pdf"]))
    assert "RESENTENCING OR DISMISSAL (Health & Saf. Code, § 11361.8(b))" in marks
    assert any(m.startswith("PETITION:") for m in marks)
    assert "11360 – Transportation, Distribution, or Importation of Marijuana" in marks


def test_signature_and_date_are_never_filled_in(sf_packet):
    _case, _result, packet = sf_packet
    for name in ("CR-400_SF12345.pdf", "CR-401_SF12345.pdf"):
        text = pdf_text(packet.files[name])
        assert "2026" not in text and "11/23" not in text


def test_proof_of_service_names_the_da_office(sf_packet):
    _case, _result, packet = sf_packet
    text = pdf_text(packet.files["CR-401_SF12345.pdf"])
    assert "PROOF OF SERVICE FOR PETITION/APPLICATION" in text
    assert "San Francisco District Attorney's Office" in text
    assert "850 Bryant Street, Room 322" in text
    assert "SF12345" in text and "CR-401 [New July 1, 2017]" in text


def test_next_steps_explains_filing_service_fee_and_cautions(sf_packet):
    _case, result, packet = sf_packet
    text = " ".join(pdf_text(packet.files["next-steps.pdf"]).split())
    sf = rules.counties.find("San Francisco")
    for line in sf.court.address:
        assert line in text
    assert "CR-401" in text and "two copies" in text
    assert "does not set a filing fee" in text and "confirm" in text
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


@pytest.mark.parametrize(
    ("name", "expected_font"),
    [
        ("王小明", "MSung-Light"),
        ("张伟", "STSong-Light"),
        ("김민준", "HYGothic-Medium"),
        ("Nguyễn Thị Minh Khai", "DejaVuSans"),
        ("Maria Dela Cruz Santos", "Helvetica"),
    ],
)
def test_names_in_every_script_print_with_a_font_that_has_them(name, expected_font):
    applicant = Applicant(name=name, street="1 Grant Avenue", city="San Francisco", state="CA", zip="94108",
                          phone="415-555-0199")
    case = case_file(conviction())
    packet = build_packet(case, evaluate(case), applicant, lang="en")
    petition = packet.files["CR-400_SF12345.pdf"]
    assert name in pdf_text(petition)
    assert any(expected_font in f for f in fonts(petition))
    assert name in pdf_text(packet.files["reading-copy.pdf"])


def test_too_many_convictions_go_to_an_attachment_page():
    count = CR400.CONVICTION_LINES + 3
    case = case_file(*[conviction(case_number="BIG1", conviction_date=f"1998-09-{10 + i:02d}") for i in range(count)])
    result = evaluate(case)
    assert overflow_cases(result) == ["BIG1"]
    packet = build_packet(case, result, PERSON)
    assert packet.overflow == ("BIG1",)
    pages = pdf_pages(packet.files["CR-400_BIG1.pdf"])
    assert len(pages) == 2
    assert "See Attachment 1" in pages[0] and "Page 1 of 2" in pages[0]
    assert "ATTACHMENT 1 TO FORM CR-400" in pages[1] and "Page 2 of 2" in pages[1]
    assert "BIG1" in pages[1] and "PEOPLE v. Alex Rivera" in pages[1]
    for i in range(count):
        assert f"09/{10 + i:02d}/1998" in pages[1]
    assert "attachment page" in " ".join(pdf_text(packet.files["next-steps.pdf"]).split())


def test_juvenile_result_has_no_cr400_and_names_jv744():
    case = case_file(conviction(case_number="J-55", code="HS 11357(b)", level="misdemeanor", forum="juvenile",
                                conduct="possess", quantity_grams=10.0, age_at_offense=16), dob="1982-01-01")
    packet = build_packet(case, evaluate(case), PERSON)
    assert list(packet.files) == ["next-steps.pdf"]
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
    assert any(name.startswith("CR-400") for name in packet.files)
    letter = " ".join(pdf_text(packet.files["DA-review-request.pdf"]).split())
    assert "415-553-1751" in letter and "850 Bryant Street, Room 322" in letter
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

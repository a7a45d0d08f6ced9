"""The DA review letter: written to the office, about the person, in US dates, on one page for up
to three convictions."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from functools import partial

import pypdf
import pytest

import rules
from documents import Applicant, build_packet
from documents.fields import read_case
from documents.i18n import translator
from documents.person import draw_da_letter
from documents.render import render
from documents.review import letter_fields
from rules import counties

from .helpers import AS_OF, case_file, conviction, evaluate, pdf_pages, pdf_text

PERSON = Applicant(name="Dana Whitfield", street="100 Example Street", city="San Francisco", state="CA",
                   zip="94103", phone="415-555-0100", email="dana@example.org")


def old_sf(n: int, **overrides) -> dict:
    """``n`` pre-1975 San Francisco convictions, which the county's program leaves to a review."""
    convictions = [
        conviction(case_number=f"7000{i}", code="HS 11357", level="misdemeanor", conduct="possess",
                   offense_date=f"1970-0{i + 1}-01", conviction_date=f"1970-0{i + 1}-14", age_at_offense=None,
                   quantity_grams=None, **overrides)
        for i in range(n)
    ]
    return case_file(*convictions, dob="1944-02-29")


def letter(n: int, lang: str = "en", applicant: Applicant | None = PERSON, **overrides) -> tuple[bytes, bytes | None]:
    case = old_sf(n, **overrides)
    packet = build_packet(case, evaluate(case, policy="county"), applicant, lang=lang)
    return packet.files["DA-review-request.pdf"], packet.files.get(f"DA-review-request_{lang}.pdf")


def evaluate_read(case: dict) -> dict:
    """The engine's answer for a case file with a month-only date (the papers' reading of it)."""
    return rules.result_to_dict(rules.evaluate(read_case(case), as_of=AS_OF, policy="county"))


def flat(data: bytes) -> str:
    return " ".join(pdf_text(data).split())


def page_count(data: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def test_written_to_the_office_about_the_person_in_the_third_person():
    text = flat(letter(1)[0])
    assert "Dana Whitfield asks your office to review the cannabis conviction below" in text
    assert "To the Office of the District Attorney:" in text
    for first_or_second_person in (" I ", "I am", " my ", "My date", "you can ask", "you must", "Ms.", "Mr."):
        assert first_or_second_person not in text, first_or_second_person
    assert "so that Dana Whitfield can file a petition (form CR-400)" in text


def test_names_the_court_the_facts_the_statutes_answer_and_a_specific_request():
    text = flat(letter(1)[0])
    assert "Superior Court of California, County of San Francisco" in text
    assert "Case 70000: HS 11357, misdemeanor" in text
    assert "Offense date: 01/01/1970. Conviction date: 01/14/1970. Sentence: completed." in text
    assert "this conviction qualifies to be dismissed and sealed" in text
    assert "program reviewed convictions from 1975 on" in text  # why the office must look
    assert "Please review this conviction and, if it qualifies, ask the court to grant the relief" in text
    assert "HS § 11361.8(f)" in text


def test_us_dates_throughout_and_the_requesters_contact_details():
    text = flat(letter(2)[0])
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)
    assert "was born on 02/29/1944" in text
    for detail in ("100 Example Street", "San Francisco, CA 94103", "415-555-0100", "dana@example.org"):
        assert detail in text
    da = counties.find("San Francisco").prosecutor  # the office's address, from the county directory
    assert " ".join(da.address) in text and da.phone in text


@pytest.mark.parametrize("n", [1, 2, 3])
def test_singular_and_plural_and_one_page_for_up_to_three(n):
    data = letter(n)[0]
    text = flat(data)
    assert page_count(data) == 1
    if n == 1:
        assert "review the cannabis conviction below" in text and "these" not in text
        assert "Request for review of a cannabis conviction" in text
    else:
        assert "review the cannabis convictions below" in text and text.count("Offense date:") == n
        assert "Please review these convictions and, for each one that qualifies" in text


def test_a_longer_letter_names_the_person_and_counts_pages_on_page_two():
    data = letter(6)[0]
    pages = pdf_pages(data)
    assert len(pages) == 2
    assert "Page 1 of 2" in pages[0]
    assert "Dana Whitfield" in pages[1] and "Page 2 of 2" in pages[1]


def test_without_details_the_letter_leaves_lines_to_fill_in():
    text = flat(letter(1, applicant=None)[0])
    assert "Name: ____" in text and "Printed name: ____" in text
    assert "The person signing this letter asks your office" in text


def test_the_persons_copy_is_in_their_language_with_their_dates():
    office, copy = letter(1, lang="es")
    assert "01/14/1970" in flat(office)
    text = flat(copy)
    assert "14 de enero de 1970" in text and "01/14/1970" not in text
    assert "Dana Whitfield" in text and "Superior Court of California, County of San Francisco" in text


def test_next_steps_send_the_letter_to_the_same_address_and_say_when_it_is_unconfirmed():
    case = old_sf(1)
    packet = build_packet(case, evaluate(case, policy="county"), PERSON)
    steps = flat(packet.files["next-steps.pdf"])
    da = counties.find("San Francisco").da
    address = " ".join(da.mailing_address or da.address)
    assert address in steps and address in flat(packet.files["DA-review-request.pdf"])
    assert ("public listings we could not confirm" in steps) == (not da.verified)


def test_a_month_only_date_is_never_given_a_day():
    case = old_sf(1)
    case["convictions"][0]["conviction_date"] = "1970-09"
    result = evaluate_read(case)
    packet = build_packet(case, result, PERSON, lang="es")
    office = flat(packet.files["DA-review-request.pdf"])
    assert "Conviction date: 09/1970." in office and "09/01/1970" not in office
    copy = flat(packet.files["DA-review-request_es.pdf"])
    assert "septiembre de 1970" in copy and "1 de septiembre" not in copy


def test_forty_convictions_run_over_pages_each_naming_the_person():
    convictions = [
        conviction(case_number=f"70{i:03d}", code="HS 11357", level="misdemeanor", conduct="possess",
                   offense_date=f"19{50 + i % 20}-0{1 + i % 9}-01", conviction_date=f"19{50 + i % 20}-0{1 + i % 9}-14",
                   age_at_offense=25, quantity_grams=None)
        for i in range(40)
    ]
    case = case_file(*convictions, dob="1920-02-29")
    packet = build_packet(case, evaluate(case, policy="county"), PERSON)
    pages = pdf_pages(packet.files["DA-review-request.pdf"])
    assert len(pages) > 2
    for number, page in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in page
        if number > 1:
            assert "Dana Whitfield" in page
    assert flat(packet.files["DA-review-request.pdf"]).count("Offense date:") == 40


def test_a_name_the_pdf_cannot_draw_is_left_to_write_by_hand_in_the_letter():
    applicant = Applicant(name="محمد علي", street="1 Grant Avenue", city="San Francisco", state="CA",
                          zip="94108", phone="415-555-0199")
    text = flat(letter(1, applicant=applicant)[0])
    assert "Name: ____" in text and "1 Grant Avenue" in text and "415-555-0199" in text
    assert "The person signing this letter asks your office" in text
    assert "web page" not in text and "محمد" not in text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_without_a_known_court_the_letter_names_the_superior_court_once(lang):
    case = old_sf(1)
    fields = replace(letter_fields(read_case(case), evaluate(case, policy="county"), PERSON), court_name="")
    data = render([partial(draw_da_letter, f=fields, tr=translator(lang), translated_copy=lang != "en")],
                  title="letter", lang=lang)
    text = flat(data)
    assert "the the" not in text and "del el" not in text
    if lang == "en":
        assert "from the Superior Court of California, under Proposition 64" in text


@pytest.mark.parametrize(("county", "address_desk", "phone_desk"),
                         [("Riverside", True, True), ("Alameda", False, True), ("San Francisco", False, False)])
def test_next_steps_say_when_the_da_address_or_phone_is_its_victim_services_desk(county, address_desk, phone_desk):
    case = case_file(conviction(case_number="70001", code="HS 11530", level="felony", offense_date="1965-01-01",
                                conviction_date="1965-06-01", age_at_offense=None, quantity_grams=None),
                     county=county, dob="1940-01-01")
    steps = flat(build_packet(case, evaluate(case, policy="county"), PERSON).files["next-steps.pdf"])
    da = counties.find(county).da
    assert ("Ask them to pass your letter to the person who handles clearing records" in steps) == address_desk
    assert (f"You can also call {da.phone}, the office's victim services desk" in steps) == phone_desk
    assert (f"You can also call {da.phone} to ask about your case" in steps) == (bool(da.phone) and not phone_desk)

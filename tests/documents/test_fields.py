"""The pure mapping (case, result, applicant) → field values, compared exactly."""

from __future__ import annotations

from datetime import date

import pytest

import rules
from documents import Applicant, overflow_cases
from documents import fields as F
from documents.layouts import CR400

from .helpers import AS_OF, case_file, conviction, evaluate

PERSON = Applicant(
    name="Alex Rivera", street="100 Example Street", city="San Francisco", state="CA",
    zip="94103", phone="415-555-0100", email="alex@example.org",
)
LAWYER = Applicant(
    name="Alex Rivera", street="1 Legal Aid Plaza", city="Oakland", state="CA", zip="94612",
    phone="510-555-0101", attorney_name="Jordan Lee", bar_number="123456",
    firm="Example Legal Aid", in_pro_per=False,
)


def cites(result, indexes):
    seen = {}
    for det in result["convictions"]:
        if det["index"] in indexes:
            for reason in det["reasons"]:
                for cite in reason["citations"]:
                    seen.setdefault(cite, None)
    return tuple(seen)


def test_completed_felony_and_misdemeanor_in_one_case_make_one_application():
    case = case_file(
        conviction(),
        conviction(code="HS 11357(b)", level="misdemeanor", conduct="possess", quantity_grams=10.0),
    )
    result = evaluate(case)
    assert [d["outcome"] for d in result["convictions"]] == ["REDESIGNATE_MISDEMEANOR", "DISMISS_AND_SEAL"]
    (petition,) = F.cr400_fields(rules.load_case(case), result, PERSON)
    assert petition == F.CR400Fields(
        revision="CR-400 [Rev. January 1, 2024]",
        case_number="SF12345",
        file_label="SF12345",
        county="San Francisco",
        party=F.PartyBlock(
            name="Alex Rivera", street="100 Example Street", city="San Francisco", state="CA",
            zip="94103", phone="415-555-0100", email="alex@example.org", attorney_for="In Pro Per",
        ),
        defendant="Alex Rivera",
        title_b=False,
        title_f=True,
        item1=("11357", "11359"),
        lines=(
            F.ConvictionLine("HS 11359", "Felony", "09/14/1998", "Redesignate as misdemeanor"),
            F.ConvictionLine(result["convictions"][1]["code"], "Misdemeanor", "09/14/1998", "Dismiss and seal"),
        ),
        attachment=False,
        item2_petition=False,
        item2_application=True,
        printed_name="Alex Rivera",
        indexes=(0, 1),
        citations=cites(result, {0, 1}),
    )


def test_serving_sentence_is_a_petition_under_b_and_names_the_attorney():
    case = case_file(conviction(case_number="LA-777", code="HS 11360", sentence_status="serving", conduct="sell",
                                offense_date="2015-06-01", conviction_date="2015-09-14", age_at_offense=55),
                     county="Los Angeles")
    result = evaluate(case)
    (petition,) = F.cr400_fields(rules.load_case(case), result, LAWYER)
    assert (petition.title_b, petition.title_f, petition.item2_petition, petition.item2_application) == (
        True, False, True, False)
    assert petition.item1 == ("11360",)
    assert petition.party == F.PartyBlock(
        name="Jordan Lee", bar_number="123456", firm="Example Legal Aid", street="1 Legal Aid Plaza",
        city="Oakland", state="CA", zip="94612", phone="510-555-0101", attorney_for="Defendant Alex Rivera",
    )
    assert petition.printed_name == "Jordan Lee"
    assert petition.defendant == "Alex Rivera"
    assert petition.county == "Los Angeles"


def test_without_an_applicant_the_boxes_stay_blank_for_handwriting():
    case = case_file(conviction())
    (petition,) = F.cr400_fields(rules.load_case(case), evaluate(case), None)
    assert petition.party == F.PartyBlock()
    assert (petition.defendant, petition.printed_name) == ("", "")
    (proof,) = F.cr401_fields(rules.load_case(case), evaluate(case), None)
    assert proof.party == F.PartyBlock()


def test_one_petition_per_case_number_and_one_per_unnumbered_conviction():
    case = case_file(
        conviction(case_number="A1"),
        conviction(case_number="B2"),
        conviction(case_number="a1"),
        conviction(case_number=None),
        conviction(case_number=None),
    )
    result = evaluate(case)
    petitions = F.cr400_fields(rules.load_case(case), result, None)
    assert [(p.case_number, p.file_label, p.indexes) for p in petitions] == [
        ("A1", "A1", (0, 2)),
        ("B2", "B2", (1,)),
        ("", "conviction-4", (3,)),
        ("", "conviction-5", (4,)),
    ]


def test_proof_of_service_names_the_district_attorney_from_county_data():
    case = case_file(conviction())
    (proof,) = F.cr401_fields(rules.load_case(case), evaluate(case), PERSON)
    sf = rules.counties.find("San Francisco")
    assert proof == F.CR401Fields(
        revision="CR-401 [New July 1, 2017]",
        case_number="SF12345",
        file_label="SF12345",
        county="San Francisco",
        party=F.party_block(PERSON),
        defendant="Alex Rivera",
        served_office=sf.prosecutor.name,
        served_address=tuple(sf.prosecutor.address),
        city_attorney_possible=False,
    )


def test_misdemeanor_where_city_attorneys_prosecute_leaves_the_office_to_the_person():
    case = case_file(conviction(case_number="9CJ01234", code="HS 11357(b)", level="misdemeanor",
                                conduct="possess", quantity_grams=10.0), county="Los Angeles")
    (proof,) = F.cr401_fields(rules.load_case(case), evaluate(case), PERSON)
    assert (proof.served_office, proof.served_address, proof.city_attorney_possible) == ("", (), True)
    steps = F.next_steps_fields(rules.load_case(case), evaluate(case), PERSON)
    assert steps.city_attorney_possible
    assert "city attorney" in steps.city_attorney_note


def test_da_review_letter_carries_the_facts_reasons_and_sf_contact():
    case = case_file(conviction(case_number="70001", code="HS 11357", level="misdemeanor", conduct="possess",
                                offense_date="1970-06-01", conviction_date="1970-09-14", age_at_offense=25,
                                quantity_grams=None), dob="1945-01-01")
    result = evaluate(case, policy="county")
    # the statute's dismissal stands; SF's program adds the review request for pre-1975 cases
    assert result["convictions"][0]["outcome"] == "DISMISS_AND_SEAL"
    assert result["convictions"][0]["county_outcome"] == "NEEDS_DA_REVIEW"
    review = F.da_review_fields(rules.load_case(case), result, PERSON)
    reasons = result["convictions"][0]["reasons"]
    assert review == F.DAReviewFields(
        county="San Francisco",
        office_name="San Francisco District Attorney's Office",
        office_address=("850 Bryant Street, Room 322", "San Francisco, CA 94103"),
        office_phone="415-553-1751",
        office_email="",
        office_website="https://sfdistrictattorney.org/",
        sender_name="Alex Rivera",
        sender_address=("100 Example Street", "San Francisco, CA 94103"),
        sender_phone="415-555-0100",
        sender_email="alex@example.org",
        date_of_birth="01/01/1945",
        items=(
            F.DAReviewItem(
                index=0, case_number="70001", code="HS 11357", level="Misdemeanor",
                offense_date="06/01/1970", conviction_date="09/14/1970", sentence_status="Completed",
                reasons=tuple(
                    F.ReasonRef(r["message"], tuple(sorted(r["params"].items())), tuple(r["citations"]))
                    for r in reasons
                ),
            ),
        ),
        citations=cites(result, {0}),
        county_program=rules.counties.find("San Francisco").program_summary,
    )
    (petition,) = F.cr400_fields(rules.load_case(case), result, PERSON)
    assert not any("District Attorney" in c for c in petition.citations)


def test_no_da_review_letter_when_nothing_needs_review():
    case = case_file(conviction())
    assert F.da_review_fields(rules.load_case(case), evaluate(case), PERSON) is None


def test_juvenile_adjudication_gets_no_cr400_and_next_steps_names_the_jv_forms():
    case = case_file(conviction(case_number="J-55", code="HS 11357(b)", level="misdemeanor", forum="juvenile",
                                conduct="possess", quantity_grams=10.0, age_at_offense=16), dob="1982-01-01")
    result = evaluate(case)
    assert result["convictions"][0]["forms"] == ["JV-744", "JV-744A"]
    assert F.cr400_fields(rules.load_case(case), result, None) == ()
    steps = F.next_steps_fields(rules.load_case(case), result, None)
    assert (steps.juvenile, steps.petitions, steps.da_review) == (True, (), False)
    assert steps.convictions[0].juvenile


def test_next_steps_fields_for_a_mixed_result():
    case = case_file(
        conviction(),
        conviction(case_number="OLD1", code="HS 11357(b)", level="misdemeanor", conduct="possess",
                   quantity_grams=10.0, already_cleared=True),
        conviction(case_number="NEW1", offense_date="2018-01-01", conviction_date="2018-03-01"),
    )
    result = evaluate(case)
    outcomes = [d["outcome"] for d in result["convictions"]]
    assert outcomes == ["REDESIGNATE_MISDEMEANOR", "ALREADY_CLEARED", "NOT_ELIGIBLE"]
    steps = F.next_steps_fields(rules.load_case(case), result, PERSON)
    sf = rules.counties.find("San Francisco")
    assert steps.as_of == AS_OF
    assert steps.person_name == "Alex Rivera"
    assert (steps.court_name, steps.court_address) == (sf.court.name, tuple(sf.court.address))
    assert steps.prosecutor_phone == "415-553-1751"
    assert steps.petitions == ("SF12345",)
    assert (steps.already_cleared, steps.not_eligible, steps.da_review, steps.juvenile, steps.serving) == (
        True, True, False, False, False)
    assert [s.outcome for s in steps.convictions] == outcomes


def test_unknown_county_leaves_court_details_to_the_locator():
    case = case_file(conviction(), county=None)
    steps = F.next_steps_fields(rules.load_case(case), evaluate(case), None)
    assert (steps.county, steps.court_name, steps.court_address) == ("", "", ())
    assert steps.court_website == rules.counties.COURT_LOCATOR


def test_overflow_is_reported_per_case_number():
    many = [conviction(case_number="BIG1") for _ in range(CR400.CONVICTION_LINES + 1)]
    fits = [conviction(case_number="SMALL1") for _ in range(CR400.CONVICTION_LINES)]
    result = evaluate(case_file(*many, *fits))
    assert overflow_cases(result) == ["BIG1"]
    petitions = F.cr400_fields(rules.load_case(case_file(*many, *fits)), result, None)
    assert [p.attachment for p in petitions] == [True, False]
    assert len(petitions[0].lines) == CR400.CONVICTION_LINES + 1


def test_county_outcome_is_the_relief_asked_for():
    case = case_file(conviction(case_number="J-2", code="HS 11357(b)", level="misdemeanor", forum="adult",
                                conduct="possess", quantity_grams=10.0))
    result = evaluate(case, policy="county")
    det = result["convictions"][0]
    expected = det["county_outcome"] or det["outcome"]
    (petition,) = F.cr400_fields(rules.load_case(case), result, None)
    assert petition.lines[0].relief == F.RELIEF_ON_FORM[expected]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"zip": "941"}, "zip:"),
        ({"phone": "call me"}, "phone:"),
        ({"email": "not-an-email"}, "email:"),
        ({"name": "  "}, "name: is required"),
        ({"favourite_colour": "blue"}, "favourite_colour: unknown field"),
        ({"in_pro_per": False}, "attorney_name:"),
        ({"name": "x" * 500}, "name: is longer than"),
    ],
)
def test_applicant_validation_names_the_field(change, message):
    data = {"name": "Alex Rivera", "street": "100 Example Street", "city": "San Francisco", "state": "CA",
            "zip": "94103", "phone": "415-555-0100", **change}
    with pytest.raises(ValueError, match=message):
        Applicant.from_dict(data)


def test_applicant_from_dict_normalises_text():
    applicant = Applicant.from_dict({"name": " Ｎguyễn  Văn\tAn ", "street": "1 A St", "city": "San Jose",
                                     "state": "CA", "zip": "95112", "phone": "(408) 555-0100"})
    assert applicant.name == "Nguyễn Văn An"
    assert applicant.in_pro_per is True
    assert Applicant.from_dict(applicant.to_dict()) == applicant


def test_file_labels_are_safe_file_names():
    assert F.file_label("BA 123/456", 0) == "BA-123-456"
    assert F.file_label("../..", 2) == "conviction-3"
    assert F.file_label(None, 0) == "conviction-1"


def test_dates_are_us_style_on_forms():
    assert F._us_date(date(2001, 2, 3)) == "02/03/2001"

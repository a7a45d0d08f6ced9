"""The pure mapping (case, result, applicant) → field values, compared exactly."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

import rules
from documents import Applicant, overflow_cases
from documents import fields as F
from documents.review import letter_fields

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
        form="CR-400",
        revision="New July 1, 2017",
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
        item2_petition=False,
        item2_application=True,
        lines=(
            F.ConvictionLine("HS 11359", "Felony", "09/14/1998", "Redesignate as misdemeanor", 1, ""),
            F.ConvictionLine(result["convictions"][1]["code"], "Misdemeanor", "09/14/1998", "Dismiss and seal", 2, ""),
        ),
        handwrite=(F.HANDWRITE_COUNT, F.HANDWRITE_SIGNATURE),
        indexes=(0, 1),
        citations=cites(result, {0, 1}),
    )
    assert petition.attachment
    assert petition.values == {
        "bar_number": "", "name": "Alex Rivera", "firm": "", "street": "100 Example Street",
        "city": "San Francisco", "state": "CA", "zip": "94103", "phone": "415-555-0100", "fax": "",
        "email": "alex@example.org", "attorney_for": "In Pro Per", "defendant": "Alex Rivera",
        "case_number": "SF12345", "hearing_date": "", "hearing_time": "", "hearing_department": "",
        "title_b": False, "title_f": True, "item1_11357": True, "item1_11358": False, "item1_11359": True,
        "item1_11360": False, "item1_11362.1": False, "item2_petition": False, "item2_application": True,
        "item3_waive_judge": False, "item4_waive_appearance": False, "dated": "",
    }


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
    assert petition.values["name"] == "Jordan Lee" and petition.values["bar_number"] == "123456"
    assert petition.defendant == "Alex Rivera"
    assert petition.county == "Los Angeles"


def test_without_an_applicant_the_boxes_stay_blank_for_handwriting():
    case = case_file(conviction())
    (petition,) = F.cr400_fields(rules.load_case(case), evaluate(case), None)
    assert petition.party == F.PartyBlock()
    assert petition.defendant == ""
    assert {F.HANDWRITE_PARTY, F.HANDWRITE_DEFENDANT} <= set(petition.handwrite)
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
        form="CR-401",
        case_number="SF12345",
        file_label="SF12345",
        county="San Francisco",
        party=F.party_block(PERSON),
        defendant="Alex Rivera",
        # the address only from a verified directory entry, else left to write in
        served=(F.ServedOffice("district_attorney", sf.prosecutor.name,
                               tuple(sf.prosecutor.address) if sf.da.verified else ()),),
        city_attorney_possible=False,
        city_attorneys=F.city_attorney_offices(sf),
    )


def test_misdemeanor_where_city_attorneys_prosecute_serves_the_da_and_leaves_a_city_attorney_block():
    case = case_file(conviction(case_number="9CJ01234", code="HS 11357(b)", level="misdemeanor",
                                conduct="possess", quantity_grams=10.0), county="Los Angeles")
    (proof,) = F.cr401_fields(rules.load_case(case), evaluate(case), PERSON)
    la = rules.counties.find("Los Angeles")
    assert proof.city_attorney_possible
    assert [s.role for s in proof.served] == ["district_attorney", "city_attorney"]
    assert proof.served[0].name == la.prosecutor.name
    assert proof.served[1] == F.ServedOffice("city_attorney", "", ())
    steps = F.next_steps_fields(rules.load_case(case), evaluate(case), PERSON)
    assert steps.city_attorney_possible
    assert "city attorney" in steps.city_attorney_note


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


def test_every_petition_lists_its_convictions_on_attachment_1():
    many = [conviction(case_number="BIG1") for _ in range(40)]
    result = evaluate(case_file(*many, conviction(case_number="SMALL1")))
    assert overflow_cases(result) == ["BIG1", "SMALL1"]
    petitions = F.cr400_fields(rules.load_case(case_file(*many, conviction(case_number="SMALL1"))), result, None)
    assert [p.attachment for p in petitions] == [True, True]
    assert [line.number for line in petitions[0].lines] == list(range(1, 41))
    assert len(petitions[1].lines) == 1


def contra_costa_program_result():
    """A Contra Costa 11359 felony: the statute redesignates; say the DA's program dismisses."""
    case = case_file(conviction(case_number="CC-1"), county="Contra Costa")
    result = evaluate(case, policy="county")
    det = result["convictions"][0]
    det["county_outcome"] = "DISMISS_AND_SEAL"
    return case, result


def test_the_cr400_asks_for_the_statutes_relief_never_the_county_programs():
    case, result = contra_costa_program_result()
    assert result["convictions"][0]["outcome"] == "REDESIGNATE_MISDEMEANOR"
    (petition,) = F.cr400_fields(rules.load_case(case), result, None)
    assert petition.lines[0].relief == "Redesignate as misdemeanor"
    steps = F.next_steps_fields(rules.load_case(case), result, None)
    assert steps.convictions[0].outcome == "DISMISS_AND_SEAL"  # the program is for the next steps


def test_sf_before_1975_gets_the_cr400_for_the_statutes_relief_and_the_da_letter():
    case = case_file(conviction(case_number="70001", code="HS 11357", level="misdemeanor", conduct="possess",
                                offense_date="1970-06-01", conviction_date="1970-09-14", age_at_offense=25,
                                quantity_grams=None))
    result = evaluate(case, policy="county")
    det = result["convictions"][0]
    # the statute's answer, as the engine gives it beside the program's review request
    det.update(outcome="DISMISS_AND_SEAL", county_outcome="NEEDS_DA_REVIEW", route="HS 11361.8(e)",
               cr400={"title_box": "f", "item1": ["11357"], "item2": "APPLICATION"},
               forms=["CR-400", "CR-401", F.DA_REVIEW_FORM])
    (petition,) = F.cr400_fields(rules.load_case(case), result, PERSON)
    assert (petition.title_f, petition.item1, petition.item2_application) == (True, ("11357",), True)
    assert petition.lines[0].relief == "Dismiss and seal"
    assert letter_fields(rules.load_case(case), result, PERSON) is not None


@pytest.mark.parametrize("month_only", ["2010-09", "2010-9"])
def test_a_month_and_year_print_without_an_invented_day(month_only):
    case = case_file(conviction(offense_date="2010-06", conviction_date="2010-09", age_at_offense=None))
    loaded = F.read_case(case)
    assert isinstance(loaded.convictions[0].conviction_date, F.MonthDate)
    result = evaluate(case_file(conviction(offense_date="2010-06-01", conviction_date="2010-09-01",
                                           age_at_offense=None)))
    (petition,) = F.cr400_fields(loaded, result, PERSON)
    assert petition.lines[0].conviction_date == "09/2010"
    assert F.HANDWRITE_DAY in petition.handwrite
    if month_only == "2010-9":  # not a month the papers read: the engine names the field
        with pytest.raises(rules.CaseError, match="conviction_date"):
            F.read_case(case_file(conviction(conviction_date=month_only)))


def test_month_only_dates_in_the_da_letter():
    case = case_file(conviction(case_number="70001", code="HS 11357", level="misdemeanor", conduct="possess",
                                offense_date="1972-03", conviction_date="1972-05", age_at_offense=25,
                                quantity_grams=None))
    full = case_file(conviction(case_number="70001", code="HS 11357", level="misdemeanor", conduct="possess",
                                offense_date="1972-03-01", conviction_date="1972-05-01", age_at_offense=25,
                                quantity_grams=None))
    review = letter_fields(F.read_case(case), evaluate(full, policy="county"), PERSON)
    dates = (review.items[0].offense_date, review.items[0].conviction_date)
    assert all(isinstance(d, F.MonthDate) for d in dates)
    assert [F.us_date(d) for d in dates] == ["03/1972", "05/1972"]


def test_unknown_values_are_left_blank_and_listed_for_handwriting():
    case = case_file(conviction(case_number=None, level=None, conviction_date=None))
    result = evaluate(case)
    (petition,) = F.cr400_fields(F.read_case(case), result, None)
    assert petition.case_number == "" and petition.values["case_number"] == ""
    assert petition.lines[0].conviction_date == ""
    assert set(petition.handwrite) >= {F.HANDWRITE_PARTY, F.HANDWRITE_DEFENDANT, F.HANDWRITE_CASE_NUMBER,
                                       F.HANDWRITE_DATE, F.HANDWRITE_SIGNATURE}


@pytest.mark.parametrize("number", ["unknown", "UNKNOWN", "n/a", "N/A", "none", "?", "TBD", "don't know",
                                    "Don’t know", "---", "N.A."])
def test_a_placeholder_case_number_is_refused(number):
    with pytest.raises(F.PapersInputError, match="is not a case number") as raised:
        F.read_case(case_file(conviction(case_number=number)))
    assert raised.value.field == "convictions[0].case_number"
    assert raised.value.message == F.CASE_NUMBER_PLACEHOLDER
    assert raised.value.params == {"value": number}


@pytest.mark.parametrize("number", ["SF12345", "BA-123/456", "0001", "1", "X1", "CR 2010 4471"])
def test_real_case_numbers_are_kept(number):
    assert F.read_case(case_file(conviction(case_number=number))).convictions[0].case_number == number


@pytest.mark.parametrize("county", ["Springfield", "County of Springfield", "Unknown"])
def test_a_county_that_is_not_californian_is_refused(county):
    with pytest.raises(rules.CaseError, match="county: .* is not a California county"):
        F.read_case(case_file(conviction(), county=county))  # the engine's loader refuses it first
    # a Case made without the loader still meets the papers' own check
    case = dataclasses.replace(rules.load_case(case_file(conviction())), county=county)
    with pytest.raises(F.PapersInputError) as raised:
        F.cr400_fields(case, evaluate(case_file(conviction(), county=None)), None)
    assert raised.value.field == "county"


def test_county_comes_from_the_directory_only():
    case = case_file(conviction(), county="  los angeles county ")
    (petition,) = F.cr400_fields(F.read_case(case), evaluate(case), None)
    assert petition.county == "Los Angeles"


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
    assert F.us_date(date(2001, 2, 3)) == "02/03/2001"
    assert F.us_date(F.MonthDate(2001, 2, 1)) == "02/2001"
    assert F.us_date(None) == ""


def test_city_attorneys_come_from_the_county_directory():
    case = case_file(conviction(case_number="9CJ01234", code="HS 11357(b)", level="misdemeanor",
                                conduct="possess", quantity_grams=10.0), county="Los Angeles")
    la = rules.counties.find("Los Angeles")
    (proof,) = F.cr401_fields(rules.load_case(case), evaluate(case), PERSON)
    assert [o.name for o in proof.city_attorneys] == [o.name for o in la.city_attorneys]
    assert "Los Angeles City Attorney" in [o.name for o in proof.city_attorneys]
    steps = F.next_steps_fields(rules.load_case(case), evaluate(case), PERSON)
    assert steps.city_attorneys == proof.city_attorneys


def test_an_address_reaches_the_proof_of_service_only_from_a_checked_directory_entry():
    printed = set()
    for name in ("Los Angeles", "Fresno", "San Joaquin", "San Francisco", "Alameda"):
        county = rules.counties.find(name)
        case = case_file(conviction(case_number="X1"), county=name)
        (proof,) = F.cr401_fields(rules.load_case(case), evaluate(case), PERSON)
        address = (county.da.mailing_address or county.da.address) if county.da.verified else ()
        assert proof.served[0] == F.ServedOffice("district_attorney", county.da.name, address), name
        printed.add(bool(address))
    assert printed == {True, False}  # both a checked and an unchecked office were seen

"""The results page as a person reads it: it leads with a summary, every path ends in something
to do, and every county's answer says how to reach the offices it names."""

from __future__ import annotations

import html as htmllib
import re
from datetime import date

import pytest
from markupsafe import escape

import lookup
import rules
from rules import counties
from webapp import lookup_views

from ..published import DOB, answer_naming_a_later_conviction
from .conftest import DEFAULT_ANSWERS


def text(response) -> str:
    body = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    return " ".join(htmllib.unescape(body).split())


def test_results_lead_with_a_summary_a_button_and_a_timeline(client, flow):
    flow.person(county="Fresno")
    flow.conviction(0, DEFAULT_ANSWERS)
    flow.conviction(1, {**DEFAULT_ANSWERS, "what": {"answer": "possess"},
                        "level": {"answer": "misdemeanor"}, "amount": {"answer": "le28"},
                        "school": {"answer": "n"}})
    page = client.get("/results").get_data(as_text=True)
    summary = page.index('class="summary"')
    assert summary < page.index("<article")  # before the cards
    words = text(client.get("/results"))
    assert "1 of your 2 convictions can be cleared." in words
    assert "1 of your 2 convictions can be reduced." in words
    assert "Filing is free" in words
    assert page.index('href="/papers/"') < page.index("<article")  # the main button leads
    for step in ("Another adult, not you", "60 days", "The court decides", "check your record"):
        assert step in words
    # the rules version lives in a details block, not in the main text
    assert re.search(r"<details[^>]*>\s*<summary>About this answer</summary>\s*<p>[^<]*Rules "
                     r"version", page)
    assert "Can be cleared" in words and "Can be reduced" in words
    assert "You can ask for relief" not in words


def test_not_sure_what_for_never_ends_in_nothing_to_file(client, flow):
    flow.person(county="Fresno", dob=None)
    flow.conviction(0, {"what": {"answer": "?"}, "case_number": {"case_number": "X1"}})
    words = text(client.get("/results"))
    assert "nothing to file" not in words.lower()
    assert "Needs a closer look" in words and "Your conviction needs a closer look." in words
    # how to find out: the court clerk, named, and the DOJ record review with its conditions
    assert "criminal clerk's office of the Superior Court of California, County of Fresno" in words
    assert "Live Scan" in words and "fee" in words


def test_already_cleared_answer_says_how_to_check_and_how_to_get_papers(client, flow):
    flow.person(county="San Francisco")
    flow.conviction(0, {**DEFAULT_ANSWERS, "cleared": {"answer": "y"}})
    response = client.get("/results")
    words = text(response)
    assert "Your answers say this conviction was already cleared." in words
    assert "The record shows" not in words
    assert "same papers" not in words  # no promise of papers it does not give
    assert "Already cleared?" in words
    assert "criminal clerk's office of the Superior Court of California, County of San " \
           "Francisco" in words
    assert "Live Scan" in words
    change = re.search(r'href="(/q/0/cleared\?from=review)"', response.get_data(as_text=True))
    assert change, "a way back to the papers if it turns out not cleared"
    flow.post(change.group(1), {"answer": "n"})
    assert "Get my papers" in text(client.get("/results"))


def test_check_step_names_the_clerk(client, flow):
    flow.person(county="Los Angeles")
    flow.conviction(0, DEFAULT_ANSWERS)
    words = text(client.get("/q/check"))
    assert "criminal clerk's office of the Superior Court of California, County of Los " \
           "Angeles" in words
    assert "Live Scan" in words


def test_los_angeles_program_is_a_check_not_a_promise(client, flow):
    flow.person(county="Los Angeles", dob=("1", "1", "1980"))
    flow.conviction(0, DEFAULT_ANSWERS)
    words = text(client.get("/results"))
    assert "may already have been cleared by the District Attorney's 2020 motion" in words
    assert "Can be reduced" in words  # the statute's relief, which the papers ask for


def test_no_gettext_placeholders_or_jargon_left_unexplained(client, flow):
    flow.person(county="Fresno")
    flow.conviction(0, DEFAULT_ANSWERS)
    page = text(client.get("/results"))
    assert "%(" not in page
    if "redesignate" in page.lower():
        assert "Words used here" in page and "lower level" in page


def test_november_2016_keeps_month_and_year_without_the_day(client, flow):
    from .test_flow import answers

    flow.person(county="Fresno")
    url = "/q/0/what"
    for step in ("what", "case_number", "level"):
        url = flow.post(url, DEFAULT_ANSWERS[step]).headers["Location"]
    assert url.startswith("/q/0/offense_date")
    refused = client.post(url, data={"month": "11", "year": "2016"})
    assert refused.status_code == 200
    assert "I don't know the day" in text(refused)
    flow.post(url, {"month": "11", "year": "2016", "no_day": "y"})
    assert answers(client)["cv"][0]["od"] == "2016-11"
    # shown back with the month and year kept, and the day never invented
    for step in ("conviction_date", "sentence", "minors", "priors", "cleared"):
        answer = DEFAULT_ANSWERS[step] if step != "conviction_date" else {
            "month": "3", "year": "2017"}
        flow.post(f"/q/0/{step}", answer)
    assert "November 2016" in text(client.get("/q/review"))
    words = text(client.get("/results"))
    assert "You said it happened in November 2016 and you don't know the day" in words


def test_birth_date_label_says_the_day_is_needed(client):
    client.post("/q/county", data={"county": "Fresno"})
    words = text(client.get("/q/birth"))
    assert "Day (if you know it)" not in words and "Day" in words


@pytest.mark.parametrize("lang, order", [
    ("en", ["month", "day", "year"]), ("es", ["day", "month", "year"]),
    ("vi", ["day", "month", "year"]), ("zh_Hant", ["year", "month", "day"]),
    ("ko", ["year", "month", "day"]),
])
def test_date_inputs_follow_the_reader_order(client, lang, order):
    client.get(f"/?lang={lang}")
    client.post("/q/county", data={"county": "Fresno"})
    page = client.get("/q/birth").get_data(as_text=True)
    positions = [page.index(f'name="{part}"') for part in order]
    assert positions == sorted(positions)
    for part in order:  # each part keeps its label
        assert re.search(rf'<label for="{part}">[^<]+</label>', page)


def test_papers_name_each_paper_and_who_serves(client, flow):
    flow.person(county="San Francisco")
    flow.conviction(0, DEFAULT_ANSWERS)
    flow.post("/papers/", {"name": "Pat Example", "street": "1 Test St", "city": "Oakland",
                           "state": "CA", "zip": "94607", "phone": "510-555-0100",
                           "representation": "self"})
    response = client.get("/papers/ready")
    words = text(response)
    assert "Your petition to the court (CR-400), case SYN-1001" in words
    assert "Proof of service by another adult, case SYN-1001" in words  # not form CR-401
    assert "signs the proof of service by another adult that is in your papers" in words
    assert "(CR-401)" not in words  # the packet carries no form CR-401
    assert "Another adult, 18 or older and not you" in words
    assert "Give a copy to the District Attorney" not in words
    assert "850 Bryant Street" in words  # where the papers go, as text
    assert not re.search(r">[^<]*\.pdf</a>", response.get_data(as_text=True))


def test_city_is_asked_only_where_a_city_attorney_prosecutes(client, flow):
    misdemeanor = {**DEFAULT_ANSWERS, "what": {"answer": "possess"},
                   "level": {"answer": "misdemeanor"}, "city": {"answer": "Long Beach"},
                   "amount": {"answer": "le28"}, "school": {"answer": "n"}}
    flow.person(county="Los Angeles")
    flow.conviction(0, misdemeanor)
    assert "city" in flow.asked
    # the answer names that city's prosecutor, and no other city's
    words = text(client.get("/results"))
    assert "Long Beach City Prosecutor" in words and "Pasadena City Prosecutor" not in words
    flow.conviction(1, DEFAULT_ANSWERS)  # a felony: the DA prosecuted
    assert "city" not in flow.asked
    client.post("/q/county", data={"county": "Fresno"})  # no City Attorney prosecutes there
    flow.conviction(2, {**misdemeanor, "city": None})
    assert "city" not in flow.asked


def test_no_city_attorneys_listed_for_a_felony(client, flow):
    flow.person(county="Los Angeles")
    flow.conviction(0, DEFAULT_ANSWERS)
    words = text(client.get("/results"))
    assert "Los Angeles City Attorney" not in words and "Long Beach City Prosecutor" not in words


# --- every county says how to reach the offices it names -------------------------------------


def _review_result(county: str) -> dict:
    case = rules.load_case({"county": county, "person": {"date_of_birth": "1940-01-01"},
                            "convictions": [{"code": "HS 11530", "offense_date": "1965-01-01",
                                             "conviction_date": "1965-06-01"}]})
    return rules.result_to_dict(rules.evaluate(case, as_of=date(2026, 1, 1), policy="county"))


@pytest.mark.parametrize("county", [c.name for c in counties.all_counties()])
def test_no_county_says_contact_the_da_without_a_way_to(app, county):
    assert len(counties.all_counties()) == 58
    from flask import render_template

    from webapp import presenters

    result = _review_result(county)
    with app.test_request_context("/?lang=en"):
        view = presenters.results_view(result, [0], [{"k": "code", "code": "HS 11530"}],
                                       lambda a: "HS 11530", county, date(2026, 1, 1))
        page = render_template("results/results.html", overflow=[], needs_papers=True, **view)
    assert "review your case" in page
    office = view["county"].prosecutor
    da = page[page.index(f"<h3 lang=\"en\">{escape(office.name)}</h3>"):]
    da = da[:da.index("</div>")]
    court = view["county"].court
    own_site = (office.website and f'href="{office.website}"' in da
                or office.email and f'href="mailto:{office.email}"' in da
                or office.record_clearance_email and office.record_clearance_email in da)
    way = re.search(r'href="tel:|<p class="address"', da) or own_site or (
        'class="fallback"' in da  # then the clerk who can say how to reach it, with a way in
        and any(str(escape(x)) in da for x in [court.phone, ", ".join(court.address),
                                                court.website] if x))
    assert way, f"{county}: the DA office is named with no way to reach it"
    assert "announcement" not in da  # the directory's notes for editors stay out of the page
    if office.reachable and not office.verified:
        assert "Check this address with the court before you serve." in da


@pytest.mark.parametrize(("county", "desk"), [
    ("Riverside", "This address and phone number are the office's victim services desk."),
    ("Alameda", "This phone number is the office's victim services desk."),
    ("Inyo", "This address is the office's victim services desk."),
])
def test_a_victim_services_desk_is_named_as_such_and_the_person_told_to_ask_to_be_passed_on(app, county, desk):
    from flask import render_template

    from webapp import presenters

    with app.test_request_context("/?lang=en"):
        view = presenters.results_view(_review_result(county), [0], [{"k": "code", "code": "HS 11530"}],
                                       lambda a: "HS 11530", county, date(2026, 1, 1))
        page = render_template("results/results.html", overflow=[], needs_papers=True, **view)
    office = view["county"].prosecutor
    da = page[page.index(f"<h3 lang=\"en\">{escape(office.name)}</h3>"):]
    da = htmllib.unescape(da[:da.index("</div>")])
    assert desk in da and "the person who handles clearing records" in da
    court = page[page.index(f"<h3 lang=\"en\">{escape(view['county'].court.name)}</h3>"):]
    assert "victim services" not in court[:court.index("</div>")]


# --- the lookup answers for that case only ----------------------------------------------------

KEY = "test-lookup-key"


def test_lookup_never_names_other_convictions(make_app, tmp_path, monkeypatch):
    monkeypatch.setattr(lookup_views, "MIN_SECONDS", 0.0)
    conv = answer_naming_a_later_conviction()
    assert "PC 187" in str(conv)  # the engine's published result does mention it
    url = f"sqlite:///{tmp_path / 'lookup.sqlite'}"
    lookup.LookupStore.from_url(url, key=KEY).replace_county("Fresno", [("SYN-9", DOB, conv)])
    client = make_app(LOOKUP_DB_URL=url, LOOKUP_KEY=KEY,
                      LOOKUP_RATE_LIMIT="50 per minute").test_client()
    response = client.post("/lookup", data={"county": "Fresno", "case_number": "SYN-9",
                                            "month": "3", "day": "14", "year": "1971"})
    words = text(response)
    assert "Can be reduced" in words
    assert "PC 187" not in words and "later conviction" not in words.lower()
    assert "Your answers say" not in words
    assert "Other parts of the record affect this answer" in words


def test_lookup_date_of_birth_follows_the_reader_order(client):
    page = client.get("/lookup?lang=zh_Hant").get_data(as_text=True)
    assert page.index('name="year"') < page.index('name="month"') < page.index('name="day"')
    page = client.get("/lookup?lang=es").get_data(as_text=True)
    assert page.index('name="day"') < page.index('name="month"') < page.index('name="year"')


def test_old_san_francisco_case_offers_the_petition_and_the_da_letter(client, flow, monkeypatch):
    """Before 1975 the statute's petition stands and the DA program adds a review request: the
    page offers both (the engine's result shape: outcome, county_outcome, county_route)."""
    from webapp import evaluation

    real = evaluation.evaluate_answers

    def with_program(answers, *, today):
        evaluated = real(answers, today=today)
        conv = evaluated.result["convictions"][0]
        conv.update(outcome="DISMISS_AND_SEAL", county_outcome="NEEDS_DA_REVIEW",
                    county_route="DA review request", route="HS 11361.8(e)",
                    forms=["CR-400", "CR-401", "DA-REVIEW-REQUEST"],
                    cr400={"title_box": "f", "item1": ["11357"], "item2": "APPLICATION"})
        return evaluated

    monkeypatch.setattr(evaluation, "evaluate_answers", with_program)
    flow.person(county="San Francisco", dob=("5", "5", "1940"))
    flow.conviction(0, {**DEFAULT_ANSWERS, "what": {"answer": "possess"},
                        "level": {"answer": "misdemeanor"}, "amount": {"answer": "?"},
                        "school": {"answer": "n"},
                        "offense_date": {"month": "3", "year": "1972"},
                        "conviction_date": {"month": "6", "year": "1972"}})
    words = text(client.get("/results"))
    assert "Can be cleared" in words
    assert "Your petition to the court (CR-400)" in words
    assert "Your letter asking the District Attorney to review your case" in words
    assert "There is a second way too" in words
    assert "If the District Attorney proves otherwise:" not in words
    assert "415-553-1751" in words  # the SF DA's phone, from the county directory

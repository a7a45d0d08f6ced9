"""The questionnaire end to end through the test client, and bad input at every kind of field."""

from __future__ import annotations

import re

from .conftest import DEFAULT_ANSWERS, errors


def answers(client) -> dict:
    with client.session_transaction() as session:
        return session.get("a", {})


def test_whole_flow_ends_in_one_card_per_conviction(client, flow):
    flow.person()
    assert flow.conviction(0, DEFAULT_ANSWERS) == "/q/convictions"
    possession = {
        "what": {"answer": "possess"},
        "case_number": {"case_number": ""},
        "level": {"answer": "misdemeanor"},
        "offense_date": {"unknown": "y"},
        "conviction_date": {"month": "3", "year": "2004"},
        "sentence": {"answer": "?"},
        "amount": {"answer": "le28"},
        "school": {"answer": "n"},
        "cleared": {"answer": "?"},
    }
    assert flow.conviction(1, possession) == "/q/convictions"
    # follow-ups only when they can matter: no minors or priors questions for possession
    assert "minors" not in flow.asked and "priors" not in flow.asked and "amount" in flow.asked
    assert client.get("/q/check").status_code == 200
    review = client.get("/q/review").get_data(as_text=True)
    assert review.count("?from=review") >= 15
    html = client.get("/results").get_data(as_text=True)
    assert html.count('class="card ') == 2
    assert "SYN-1001" in html
    assert "Rules version:" in html and "https://leginfo.legislature.ca.gov/" in html
    assert "What would change this answer" in html


def test_check_step_shows_county_contacts(client, flow):
    flow.person(county="San Francisco")
    flow.conviction(0, DEFAULT_ANSWERS)
    html = client.get("/q/check").get_data(as_text=True)
    assert "AB 1793" in html and "850 Bryant Street" in html and "oag.ca.gov" in html


def test_not_sure_what_for_still_gives_a_card(client, flow):
    flow.person(dob=None)
    flow.conviction(0, {"what": {"answer": "?"}, "case_number": {"case_number": "X1"}})
    html = client.get("/results").get_data(as_text=True)
    assert "We need to know what this conviction was for" in html


def test_unknown_birth_date_asks_age_per_conviction(client, flow):
    flow.person(dob=None)
    flow.conviction(0, {**DEFAULT_ANSWERS, "age": {"age": "19"}})
    assert "age" in flow.asked
    assert answers(client)["cv"][0]["ag"] == "19"


def test_edit_from_review_returns_to_review_and_asks_new_follow_ups(client, flow):
    flow.person()
    flow.conviction(0, DEFAULT_ANSWERS)
    response = client.post("/q/0/what?from=review", data={"answer": "cultivate"})
    # growing plants needs the plant count, which was never asked
    assert response.headers["Location"] == "/q/0/plants?from=review"
    response = client.post("/q/0/plants?from=review", data={"answer": "le6"})
    assert response.headers["Location"] == "/q/review"
    assert client.get("/results").status_code == 200


def test_add_and_remove_convictions(client, flow):
    flow.person()
    flow.conviction(0, DEFAULT_ANSWERS)
    flow.conviction(1, {**DEFAULT_ANSWERS, "case_number": {"case_number": "SYN-2"}})
    assert len(answers(client)["cv"]) == 2
    client.post("/q/0/remove")
    remaining = answers(client)["cv"]
    assert [c["cn"] for c in remaining] == ["SYN-2"]
    assert client.post("/q/5/remove").status_code == 404


def test_back_link_keeps_answers(client, flow):
    flow.person()
    flow.conviction(0, DEFAULT_ANSWERS)
    html = client.get("/q/0/offense_date").get_data(as_text=True)
    assert 'value="2010"' in html and '<option value="6" selected>' in html


def test_conviction_before_offense_is_refused_with_answers_kept(client, flow):
    flow.person()
    flow.post("/q/0/what", {"answer": "possess"})
    flow.post("/q/0/case_number", {"case_number": ""})
    flow.post("/q/0/level", {"answer": "misdemeanor"})
    flow.post("/q/0/offense_date", {"month": "5", "year": "2012"})
    response = flow.post("/q/0/conviction_date", {"month": "1", "day": "3", "year": "2011"},
                         expect_redirect=False)
    assert response.status_code == 200
    assert any("before the date it happened" in e for e in errors(response))
    html = response.get_data(as_text=True)
    assert 'value="2011"' in html and 'value="3"' in html and 'role="alert"' in html
    assert 'aria-invalid="true"' in html


def test_impossible_and_malformed_dates(client, flow):
    flow.person()
    flow.post("/q/0/what", {"answer": "possess"})
    cases = [
        ({"month": "2", "day": "30", "year": "2010"}, "does not exist"),
        ({"month": "2", "year": "20x0"}, "4 numbers"),
        ({"month": "2", "day": "3b", "year": "2010"}, "number from 1 to 31"),
        ({"month": "2", "year": "2999"}, "in the future"),
        ({"month": "2", "year": "1850"}, "before 1900"),
        ({"year": "2010"}, "Choose a month"),
        ({"month": "2", "year": "2010", "unknown": "y"}, "not both"),
        ({"month": "11", "year": "2016"}, "November 9, 2016"),
        ({"month": "13", "year": "2010"}, "Choose a month"),
    ]
    for data, message in cases:
        response = flow.post("/q/0/offense_date", data, expect_redirect=False)
        assert response.status_code == 200, data
        assert any(message in e for e in errors(response)), (data, errors(response))
    # November 2016 with the day is fine
    flow.post("/q/0/offense_date", {"month": "11", "day": "8", "year": "2016"})
    assert answers(client)["cv"][0]["od"] == "2016-11-08"


def test_birth_date_needs_the_day_and_offense_cannot_precede_birth(client, flow):
    flow.post("/q/county", {"county": "Alameda"})
    response = flow.post("/q/birth", {"month": "4", "year": "1980"}, expect_redirect=False)
    assert any("day, month and year" in e for e in errors(response))
    flow.post("/q/birth", {"month": "4", "day": "2", "year": "1980"})
    flow.post("/q/0/what", {"answer": "possess"})
    flow.post("/q/0/case_number", {"case_number": ""})
    flow.post("/q/0/level", {"answer": "misdemeanor"})
    response = flow.post("/q/0/offense_date", {"month": "1", "year": "1979"}, expect_redirect=False)
    assert any("before your date of birth" in e for e in errors(response))


def test_letters_in_number_fields(client, flow):
    flow.person(dob=None)
    flow.post("/q/0/what", {"answer": "possess"})
    response = flow.post("/q/0/case_number", {"case_number": "<script>"}, expect_redirect=False)
    assert any("letters, numbers" in e for e in errors(response))
    assert "<script>" not in response.get_data(as_text=True)
    for step in ("case_number", "level", "offense_date", "conviction_date", "sentence"):
        pass
    flow.post("/q/0/case_number", {"case_number": "AB-12/3"})
    flow.post("/q/0/level", {"answer": "infraction"})
    flow.post("/q/0/offense_date", {"unknown": "y"})
    flow.post("/q/0/conviction_date", {"unknown": "y"})
    for bad, message in [("twenty", "as a number"), ("3", "between 8 and 110"), ("", "not sure")]:
        response = flow.post("/q/0/age", {"age": bad}, expect_redirect=False)
        assert any(message in e for e in errors(response)), errors(response)
        assert f'value="{bad}"' in response.get_data(as_text=True)


def test_code_section_answer(client, flow):
    flow.person()
    response = flow.post("/q/0/what", {"answer": "code"})
    assert response.headers["Location"] == "/q/0/code"
    response = flow.post("/q/0/code", {"code": "no numbers"}, expect_redirect=False)
    assert errors(response)
    flow.post("/q/0/code", {"code": "HS 11360(a)"})
    flow.conviction(0, {**DEFAULT_ANSWERS, "what": {"answer": "code"},
                        "code": {"code": "HS 11360(a)"}, "amount": {"answer": "gt28"},
                        "import_export": {"answer": "n"}})
    assert "amount" in flow.asked and "minors" in flow.asked
    html = client.get("/results").get_data(as_text=True)
    assert "HS 11360(a)" in html


def test_missing_choice_and_forged_choice(client, flow):
    flow.person()
    response = flow.post("/q/0/what", {}, expect_redirect=False)
    assert "Choose one answer." in errors(response)
    response = flow.post("/q/0/what", {"answer": "burglary"}, expect_redirect=False)
    assert response.status_code == 200 and errors(response)


def test_a_ten_megabyte_post_gets_a_friendly_page(client, flow):
    flow.person()
    response = client.post("/q/0/case_number", data={"case_number": "x" * (10 * 1024 * 1024)})
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "too long" in html and "Traceback" not in html
    assert answers(client)["county"] == "San Francisco"


def test_forged_session_cookie_is_refused_politely(client, app, flow):
    flow.person()
    name = app.config["SESSION_COOKIE_NAME"]
    value = client.get_cookie(name).value
    client.set_cookie(name, value[:-4] + ("AAAA" if not value.endswith("AAAA") else "BBBB"))
    response = client.get("/q/county")
    assert response.status_code == 200
    assert "could not read your saved answers" in response.get_data(as_text=True)
    # the unusable cookie is replaced, so the notice is shown once
    assert "could not read your saved answers" not in client.get("/").get_data(as_text=True)
    client.set_cookie(name, "not-even-a-cookie")
    assert client.get("/results").status_code == 302


def test_missing_csrf_token_is_refused_politely(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    client.post("/q/county", data={"county": "Alameda"})  # no token
    response = client.post("/q/county", data={"county": "Alameda"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "open for too long" in html and "Traceback" not in html
    # with the token from the page, it works
    page = client.get("/q/county").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    ok = client.post("/q/county", data={"county": "Alameda", "csrf_token": token})
    assert ok.status_code == 303


def test_results_need_complete_answers(client, flow):
    flow.person()
    flow.post("/q/0/what", {"answer": "possess"})
    response = client.get("/results")
    assert response.status_code == 302
    assert response.headers["Location"] == "/q/0/case_number?from=review"


def test_unknown_step_and_index_are_not_found(client, flow):
    flow.person()
    assert client.get("/q/0/nonsense").status_code == 404
    assert client.get("/q/3/level").status_code == 404
    assert client.get("/q/-1/level").status_code == 404


def test_cookie_stays_small_with_six_convictions(client, app, flow):
    flow.person()
    for i in range(6):
        flow.conviction(i, {**DEFAULT_ANSWERS,
                            "case_number": {"case_number": f"SYN-CASE-{i:06d}"}})
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    assert len(cookie.value) <= 4000
    assert client.get("/results").get_data(as_text=True).count('class="card ') == 6


def test_unexpected_error_never_shows_a_trace(make_app, monkeypatch):
    app = make_app()
    app.config["PROPAGATE_EXCEPTIONS"] = False
    from webapp import screener

    def broken(_data):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(screener, "evaluate", broken)
    client = app.test_client()
    from .conftest import Flow

    flow = Flow(client)
    flow.person()
    flow.conviction(0, DEFAULT_ANSWERS)
    response = client.get("/results")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "secret detail" not in html and "Traceback" not in html
    assert "something went wrong" in html


def _engine_outcomes(client) -> list[str]:
    """What the engine says for the answers in the session (the site must show exactly this)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    import rules
    from webapp import casefile

    case, _ = casefile.build(answers(client))
    today = datetime.now(ZoneInfo("America/Los_Angeles")).date()
    result = rules.result_to_dict(rules.evaluate(rules.load_case(case), as_of=today,
                                                 policy="county"))
    return [c["effective_outcome"] for c in result["convictions"]]


def test_results_show_the_engine_outcome_and_the_matching_next_step(client, flow):
    from webapp import presenters

    flow.person(county="San Francisco", dob=("5", "5", "1940"))
    old = {**DEFAULT_ANSWERS, "offense_date": {"month": "3", "year": "1970"},
           "conviction_date": {"month": "6", "year": "1970"}}
    flow.conviction(0, old)
    flow.conviction(1, {**DEFAULT_ANSWERS, "cleared": {"answer": "y"}})
    late = {**DEFAULT_ANSWERS, "offense_date": {"month": "6", "year": "2019"},
            "conviction_date": {"month": "9", "year": "2019"}}
    flow.conviction(2, late)
    outcomes = _engine_outcomes(client)
    html = client.get("/results").get_data(as_text=True)
    for outcome in outcomes:
        assert str(presenters.OUTCOMES[outcome]).replace("'", "&#39;") in html
    if "NEEDS_DA_REVIEW" in outcomes:
        assert "415-553-1751" in html  # the SF DA office's phone, from the county directory
    if "ALREADY_CLEARED" in outcomes:
        assert "oag.ca.gov/fingerprints/record-review" in html
    relief_or_review = set(outcomes) & (presenters.RELIEF | {"NEEDS_DA_REVIEW"})
    assert ('href="/papers/"' in html) == bool(relief_or_review)


def test_no_papers_step_when_nothing_can_be_filed(client, flow):
    flow.person()
    late = {**DEFAULT_ANSWERS, "offense_date": {"month": "6", "year": "2019"},
            "conviction_date": {"month": "9", "year": "2019"}}
    flow.conviction(0, late)
    outcomes = _engine_outcomes(client)
    from webapp import presenters

    if not set(outcomes) & (presenters.RELIEF | {"NEEDS_DA_REVIEW"}):
        assert client.get("/papers/").headers["Location"] == "/results"
        assert 'href="/papers/"' not in client.get("/results").get_data(as_text=True)
    else:
        assert client.get("/papers/").status_code == 200


def test_expired_answers_notice(client, flow, monkeypatch):
    import itsdangerous.timed

    real = itsdangerous.timed.TimestampSigner.get_timestamp
    monkeypatch.setattr(itsdangerous.timed.TimestampSigner, "get_timestamp",
                        lambda self: real(self) - 3 * 3600)
    flow.person()
    monkeypatch.setattr(itsdangerous.timed.TimestampSigner, "get_timestamp", real)
    assert "removed because this page was not used for 2 hours" in client.get(
        "/").get_data(as_text=True)
    with client.session_transaction() as session:
        assert "a" not in session

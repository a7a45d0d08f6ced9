"""Result dicts → cards: translated reasons, citation links, flags, county differences."""

from __future__ import annotations

from datetime import date

import rules
from webapp import presenters


def _result(conviction: dict, county="San Francisco") -> dict:
    case = rules.load_case({"county": county, "person": {"date_of_birth": "1970-01-01"},
                            "convictions": [conviction]})
    return rules.result_to_dict(rules.evaluate(case, as_of=date(2026, 1, 1), policy="county"))


def test_card_from_engine_result(app):
    result = _result({"code": "HS 11357", "level": "misdemeanor", "offense_date": "2001-05-01",
                      "sentence_status": "completed", "quantity_grams": 20.0})
    conv = result["convictions"][0]
    with app.test_request_context("/?lang=en"):
        card = presenters.card(conv)
    effective = conv["county_outcome"] or conv["outcome"]
    assert card.outcome == str(presenters.OUTCOMES[effective])
    assert len(card.reasons) == len(conv["reasons"])
    assert all(line.text for line in card.reasons)
    assert [link.url for line in card.reasons for link in line.links] == [
        x["url"] for r in conv["reasons"] for x in r["links"]]


def test_every_outcome_and_flag_has_plain_words():
    assert set(presenters.OUTCOMES) == {o.value for o in rules.Outcome}
    assert set(presenters.FLAGS) >= {f.value for f in rules.Flag}


def test_translate_interpolates_and_localises_dates(app):
    with app.test_request_context("/?lang=en"):
        text = presenters.translate("The offense happened before %(date)s.", {"date": "2016-11-09"})
    assert text == "The offense happened before November 9, 2016."


def test_translate_survives_a_broken_translation(app, monkeypatch):
    monkeypatch.setattr(presenters, "gettext", lambda message: "Antes de %(fecha)s")
    with app.test_request_context("/"):
        assert presenters.translate("Before %(date)s.", {"date": "x"}) == "Before x."


def test_county_program_difference_is_shown(app):
    conv = {"index": 0, "code": "HS 11359", "outcome": "REDESIGNATE_MISDEMEANOR",
            "county_outcome": "DISMISS_AND_SEAL", "minimum_outcome": None, "flags":
            ["COUNTY_POLICY_DIFFERS"], "reasons": [], "would_change": [], "forms": ["CR-400"]}
    with app.test_request_context("/"):
        card = presenters.card(conv)
    assert card.kind == "relief"
    assert card.outcome == str(presenters.OUTCOMES["DISMISS_AND_SEAL"])
    assert card.statute_outcome == str(presenters.OUTCOMES["REDESIGNATE_MISDEMEANOR"])
    assert card.flags == [str(presenters.FLAGS["COUNTY_POLICY_DIFFERS"])]


def test_county_view_for_plain_and_detailed_counties():
    assert presenters.county_view("san francisco").prosecutor.phone
    alpine = presenters.county_view("Alpine")
    assert alpine is not None and not alpine.detailed
    assert presenters.county_view("Atlantis") is None


def test_the_proof_of_service_is_named_as_the_papers_carry_it(app, monkeypatch, tmp_path):
    monkeypatch.setenv("PROP64_FORMS_DIR", str(tmp_path))  # no official CR-401 installed
    with app.test_request_context("/?lang=en"):
        assert presenters.form_name("CR-401") == str(presenters.PROOF_BY_ANOTHER_ADULT)
        assert "not form CR-401" in presenters.form_name("CR-401")
        assert presenters.form_name("CR-400") == str(presenters.FORM_NAMES["CR-400"])
        monkeypatch.setattr(presenters, "_official_proof", lambda: True)
        assert presenters.form_name("CR-401") == str(presenters.FORM_NAMES["CR-401"])
    with app.test_request_context("/?lang=es"):
        monkeypatch.setattr(presenters, "_official_proof", lambda: False)
        assert "No es el formulario CR-401" in presenters.form_name("CR-401")

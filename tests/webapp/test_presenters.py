"""Result dicts → cards: plain badges, one voice per source, nothing said twice, nothing about
other convictions in the lookup, county programs beside the statute."""

from __future__ import annotations

from datetime import date

import pytest

import rules
from documents import fields
from documents.outcomes import CLEARED_BY_SOURCE, OUTCOME_SENTENCES
from webapp import presenters


def _result(conviction: dict, county="San Francisco", others=()) -> dict:
    case = rules.load_case({"county": county, "person": {"date_of_birth": "1970-01-01"},
                            "convictions": [conviction], "other_convictions": list(others)})
    return rules.result_to_dict(rules.evaluate(case, as_of=date(2026, 1, 1), policy="county"))


def _conv(**kw) -> dict:
    base = {"index": 0, "code": "HS 11359", "outcome": "REDESIGNATE_MISDEMEANOR",
            "county_outcome": None, "minimum_outcome": None, "flags": [], "reasons": [],
            "would_change": [], "forms": ["CR-400", "CR-401"], "route": "HS 11361.8(e)"}
    return {**base, **kw}


def _reason(rid: str, message: str, **params) -> dict:
    return {"id": rid, "message": message, "params": params, "links": []}


@pytest.fixture
def ctx(app):
    with app.test_request_context("/?lang=en"):
        yield


def test_card_from_engine_result(ctx):
    result = _result({"code": "HS 11357", "level": "misdemeanor", "offense_date": "2001-05-01",
                      "sentence_status": "completed", "quantity_grams": 20.0})
    conv = result["convictions"][0]
    card = presenters.card(conv)
    assert card.outcome == OUTCOME_SENTENCES[conv["outcome"]]
    assert card.badge == "Can be cleared"
    assert len(card.reasons) == len(conv["reasons"])
    assert [link.url for line in card.reasons for link in line.links] == [
        x["url"] for r in conv["reasons"] for x in r["links"]]


def test_one_outcome_table_for_the_site_and_the_papers():
    assert set(OUTCOME_SENTENCES) == {o.value for o in rules.Outcome}
    assert fields.OUTCOME_SENTENCES is OUTCOME_SENTENCES
    assert set(presenters.FLAGS) >= {f.value for f in rules.Flag}


@pytest.mark.parametrize("outcome, badge", [
    ("DISMISS_AND_SEAL", "Can be cleared"), ("RECALL_AND_DISMISS", "Can be cleared"),
    ("REDESIGNATE_MISDEMEANOR", "Can be reduced"), ("RESENTENCE", "Can be reduced"),
    ("NEEDS_DA_REVIEW", "Needs a closer look"), ("ALREADY_CLEARED", "Already cleared?"),
    ("NOT_ELIGIBLE", "Not eligible"),
])
def test_plain_badges(ctx, outcome, badge):
    assert presenters.card(_conv(outcome=outcome)).badge == badge


def test_translate_interpolates_and_localises_dates(ctx):
    text = presenters.translate("The offense happened before %(date)s.", {"date": "2016-11-09"})
    assert text == "The offense happened before November 9, 2016."


def test_translate_survives_a_broken_translation(app, monkeypatch):
    monkeypatch.setattr(presenters, "gettext", lambda message: "Antes de %(fecha)s")
    with app.test_request_context("/"):
        assert presenters.translate("Before %(date)s.", {"date": "x"}) == "Before x."


def test_already_cleared_speaks_in_the_voice_of_its_source(ctx):
    reason = _reason("cleared.already", "The record shows this conviction was already cleared.")
    conv = _conv(outcome="ALREADY_CLEARED", reasons=[reason], forms=[])
    from_answers = presenters.card(conv, answer={"cl": "y"})
    from_record = presenters.card(conv, source=presenters.RECORD)
    assert from_answers.outcome == CLEARED_BY_SOURCE["answers"]
    assert from_answers.outcome.startswith("Your answers say")
    assert from_record.outcome.startswith("The record shows")
    # the outcome is said once, in one voice, and no papers are promised
    for card in (from_answers, from_record):
        assert card.reasons == [] and card.forms == []


def test_lookup_never_names_other_convictions(ctx):
    result = _result({"code": "HS 11359", "level": "felony", "offense_date": "2010-03-01",
                      "sentence_status": "completed", "conduct": "possess_for_sale"},
                     county="Fresno",
                     others=[{"code": "PC 187", "level": "felony", "conviction_date": "2012-01-01"}])
    conv = result["convictions"][0]
    assert any("PC 187" in r["text"] for r in conv["reasons"])  # the engine does say it
    card = presenters.card(conv, source=presenters.RECORD)
    shown = " ".join(line.text for line in card.reasons + card.would_change) + " ".join(card.flags)
    assert "PC 187" not in shown and "later conviction" not in shown.lower()
    assert str(presenters.OTHER_CONVICTIONS_SAID) in shown


def test_county_program_beside_the_statute_is_a_check_not_a_promise(ctx):
    conv = _conv(county_outcome="DISMISS_AND_SEAL", flags=["COUNTY_POLICY_DIFFERS"])
    card = presenters.card(conv, county="Los Angeles", answer={})
    assert card.badge == "Can be reduced"  # the statute's own relief, which the CR-400 asks
    assert card.outcome == OUTCOME_SENTENCES["REDESIGNATE_MISDEMEANOR"]
    assert "2020 motion" in card.program_note and "Check" in card.program_note
    assert card.flags == []  # the program note already says it
    # the DA's own published answer has applied its program: that is the answer
    published = presenters.card(conv, county="Los Angeles", source=presenters.RECORD)
    assert published.outcome == OUTCOME_SENTENCES["DISMISS_AND_SEAL"]
    assert published.program_note is None


def test_program_only_relief_reads_may_already_be_cleared(ctx):
    conv = _conv(outcome="NOT_ELIGIBLE", county_outcome="DISMISS_AND_SEAL", forms=[])
    card = presenters.card(conv, county="Los Angeles", answer={})
    assert card.kind == "cleared" and card.badge == "Already cleared?"
    assert "may already have been cleared" in card.outcome


def test_old_case_offers_the_court_and_the_da_letter(ctx):
    """San Francisco before 1975: the statute's petition stands, the DA's review is added."""
    conv = _conv(code="HS 11357", outcome="DISMISS_AND_SEAL", county_outcome="NEEDS_DA_REVIEW",
                 minimum_outcome="NOT_ELIGIBLE", flags=["COUNTY_POLICY_DIFFERS", "PRESUMPTIVE",
                                                        "QUANTITY_UNKNOWN"],
                 reasons=[_reason("unknown.quantity_presumed", "The amount is not known. The "
                                  "court presumes you qualify unless the DA proves otherwise "
                                  "with clear and convincing evidence.")],
                 would_change=[_reason("change.if_large_amount_proved", "If the DA proves the "
                                       "amount was over the legal limit, the court would reduce "
                                       "the conviction instead of dismissing it.")],
                 forms=["CR-400", "CR-401"])
    card = presenters.card(conv, county="San Francisco", answer={"am": "?"})
    assert card.badge == "Can be cleared"
    assert card.second_way and "letter" in card.second_way
    assert "Your petition to the court (CR-400)" in card.forms
    assert str(presenters.FORM_NAMES["DA-REVIEW-REQUEST"]) in card.forms
    # the presumption is explained once (the reason), not again as flags or a minimum line
    assert card.flags == [] and card.minimum is None
    assert "clear and convincing" in card.terms
    assert not any("If the District Attorney proves otherwise:" in t for t in card.flags)


def test_what_would_change_lists_only_unanswered_facts(ctx):
    change = _reason("change.if_serving", "If you are still serving the sentence, …")
    amount = _reason("change.if_small_amount", "If the amount was 28.5 grams or less, …")
    conv = _conv(would_change=[change, amount])
    card = presenters.card(conv, answer={"ss": "completed", "am": "?"})
    assert [line.text for line in card.would_change] == ["If the amount was 28.5 grams or less, …"]
    assert len(presenters.card(conv, source=presenters.RECORD).would_change) == 2


def test_good_to_know_does_not_repeat_why(ctx):
    conv = _conv(flags=["SENTENCE_STATUS_UNKNOWN", "AGE_UNKNOWN"], reasons=[
        _reason("unknown.sentence_assumed_completed", "It is not known whether the sentence is "
                "finished. This answer assumes it is.")])
    card = presenters.card(conv)
    assert card.flags == [str(presenters.FLAGS["AGE_UNKNOWN"])]


def test_minimum_line_reads_forwards(ctx):
    card = presenters.card(_conv(outcome="DISMISS_AND_SEAL", minimum_outcome="NOT_ELIGIBLE"))
    assert card.minimum.startswith("If the District Attorney proves the facts were more serious")


def test_summary_counts_and_leads_to_papers(ctx):
    shown = [presenters.card(_conv(outcome="DISMISS_AND_SEAL")),
             presenters.card(_conv(outcome="DISMISS_AND_SEAL")),
             presenters.card(_conv(outcome="NOT_ELIGIBLE", forms=[]))]
    summary = presenters.summary(shown)
    assert summary["lines"][0] == "2 of your 3 convictions can be cleared."
    assert "Filing is free" in summary["free"]
    assert presenters.summary([presenters.unknown_card(0, None)])["lines"] == [
        "Your conviction needs a closer look."]


def test_unknown_card_never_says_nothing_to_file(ctx):
    card = presenters.unknown_card(0, "X1")
    assert card.badge == "Needs a closer look"
    assert "nothing to file" not in (card.outcome + card.next_step).lower()


def test_file_links_name_the_paper(ctx):
    assert presenters.file_label("CR-400_SYN-1.pdf") == "Your petition to the court (CR-400), case SYN-1"
    assert presenters.file_label("CR-401_conviction-2.pdf").startswith("Proof that the papers")
    assert presenters.file_label("next-steps.pdf") == "Your next steps, in your language"


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

"""Answers → the engine's case file: unknowns stay null, ranges keep to the person's words."""

from __future__ import annotations

import rules
from webapp import casefile


def _conv(**answers):
    base = {"k": "possess", "cn": "", "lv": "misdemeanor", "od": "2012-03", "cd": "?",
            "ss": "completed", "am": "le28", "sc": "n", "cl": "n"}
    base.update(answers)
    return base


def test_unknowns_are_null_and_the_file_validates():
    data = {"county": "?", "dob": "?", "cv": [_conv(lv="?", ss="?", cl="?", am="?", sc="?",
                                                    ag="?", od="?")]}
    case, sources = casefile.build(data)
    entry = case["convictions"][0]
    assert case["county"] is None and case["person"]["date_of_birth"] is None
    assert entry["level"] is None and entry["sentence_status"] is None
    assert entry["already_cleared"] is None and entry["offense_date"] is None
    assert "quantity_grams" not in entry and "age_at_offense" not in entry
    assert entry["school_grounds"] is None
    assert sources == [0]
    rules.load_case(case)


def test_month_dates_and_ranges():
    data = {"county": "Alameda", "dob": "1980-04-02", "cv": [_conv(am="cgt8")]}
    entry = casefile.build(data)[0]["convictions"][0]
    assert entry["offense_date"] == "2012-03-01"
    assert entry["quantity_grams"] > 8 and entry["concentrated"] is True
    assert entry["code"] == "HS 11357" and entry["conduct"] == "possess"


def test_answers_that_no_longer_apply_are_left_out():
    # the person first said "growing plants" (plants asked), then changed it to possession
    data = {"county": "Alameda", "dob": "1980-04-02", "cv": [_conv(pl="gt6", ev="y")]}
    entry = casefile.build(data)[0]["convictions"][0]
    assert "plants" not in entry and "environmental_violation" not in entry


def test_juvenile_and_sale_kinds():
    data = {"county": None, "dob": "1990-01-01", "cv": [
        _conv(k="sell", sk="furnish", lv="juvenile", mn="n", um="?"),
        _conv(k="transport", ts="y", lv="felony", am="gt28", ie="n", mn="n", um="n", pr="n", p2="n"),
    ]}
    first, second = casefile.build(data)[0]["convictions"]
    assert first["forum"] == "juvenile" and first["level"] is None
    assert first["conduct"] == "furnish" and "used_minor" not in first  # adult-only facts
    assert second["conduct"] == "transport_for_sale" and second["import_export"] is False


def test_priors_reported_before_the_offense():
    data = {"county": "Alameda", "dob": "1970-01-01", "cv": [
        _conv(k="possess_for_sale", lv="felony", od="2010-06-15", mn="n", um="n", pr="y", p2="y")]}
    case, _ = casefile.build(data)
    others = case["other_convictions"]
    assert len(others) == 3
    assert all(o["conviction_date"] == "2010-06-14" for o in others)
    assert others[0]["super_strike"] is True
    rules.load_case(case)


def test_not_sure_what_for_is_not_sent_to_the_engine():
    data = {"county": "Alameda", "dob": "?", "cv": [{"k": "?", "cn": "A1"}, _conv()]}
    case, sources = casefile.build(data)
    assert len(case["convictions"]) == 1 and sources == [1]


def test_a_month_only_date_stays_a_month_for_the_papers_and_the_engine_gets_the_first():
    data = {"county": "Alameda", "dob": "1980-04-02", "cv": [_conv(cd="2012-03", pr="y")]}
    case, _ = casefile.build(data, month_only=True)
    entry = case["convictions"][0]
    assert entry["offense_date"] == "2012-03" and entry["conviction_date"] == "2012-03"
    engine = casefile.for_engine(case)
    assert engine["convictions"][0]["conviction_date"] == "2012-03-01"
    assert engine == casefile.build(data)[0]
    rules.load_case(engine)

"""The case-file fields that say what the record says (docs/case-file.md), and the county."""

from __future__ import annotations

from datetime import date

import pytest

import rules
from rules.model import (
    EarlierRelief,
    EnvironmentalStatute,
    GrantedRelief,
    Level,
    OtherCaseStatus,
    PriorRelief,
    ReliefRoute,
)

from .test_caseload import GOOD, conviction, problems


def test_an_old_case_file_still_loads_with_every_new_field_unknown() -> None:
    conv = rules.load_case(conviction(prior_relief=["prop47_redesignated"], minor_age=16)).convictions[0]
    assert conv.prior_relief == (PriorRelief.PROP47_REDESIGNATED,)
    assert conv.earlier_relief == (EarlierRelief(PriorRelief.PROP47_REDESIGNATED),)
    assert (conv.relief_granted, conv.ab1793_identified, conv.ab1793_challenged) == (None, None, None)
    assert (conv.count, conv.environmental_statutes, conv.recipient_age) == (None, (), None)
    assert rules.load_case(GOOD).person.other_case_status is None


def test_every_new_field_is_read() -> None:
    data = conviction(
        already_cleared=True,
        relief_granted={"route": "hs11361_9", "date": "2021-03-04"},
        ab1793_identified=True,
        ab1793_challenged=False,
        prior_relief=[
            {"kind": "prop47_redesignated", "date": "2015-02-01", "original_level": "felony"},
            {"kind": "pc1203_4_dismissed", "date": "2003-05-06"},
        ],
        count=3,
        environmental_violation=True,
        environmental_statutes=["wat_1052", "fgc_1602"],
        recipient_age=19,
    )
    data["person"] = {**data["person"], "other_case_status": "supervision"}
    case = rules.load_case(data)
    conv = case.convictions[0]
    assert conv.relief_granted == GrantedRelief(ReliefRoute.HS11361_9, date(2021, 3, 4))
    assert (conv.ab1793_identified, conv.ab1793_challenged) == (True, False)
    assert conv.earlier_relief == (
        EarlierRelief(PriorRelief.PROP47_REDESIGNATED, date(2015, 2, 1), Level.FELONY),
        EarlierRelief(PriorRelief.PC1203_4_DISMISSED, date(2003, 5, 6)),
    )
    assert conv.prior_relief == (PriorRelief.PROP47_REDESIGNATED, PriorRelief.PC1203_4_DISMISSED)
    assert conv.count == 3
    assert conv.environmental_statutes == (EnvironmentalStatute.WAT_1052, EnvironmentalStatute.FGC_1602)
    assert conv.recipient_age == 19
    assert case.person.other_case_status is OtherCaseStatus.SUPERVISION


def test_other_convictions_carry_their_count() -> None:
    data = {**GOOD, "other_convictions": [{"code": "PC 187", "count": 2}]}
    assert rules.load_case(data).other_convictions[0].count == 2


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"relief_granted": {"route": "petition"}}, "convictions[0].relief_granted.route: 'petition' is not one of"),
        ({"relief_granted": {"route": "hs11361_8", "when": "2019-01-01"}}, "convictions[0].relief_granted.when: unknown key"),
        ({"relief_granted": {"route": "hs11361_8", "date": "2016-11-08"}},
         "convictions[0].relief_granted.date: 2016-11-08 is before Prop 64 took effect (2016-11-09)"),
        ({"relief_granted": "yes"}, "convictions[0].relief_granted: must be an object"),
        ({"relief_granted": {"route": "hs11361_8"}, "already_cleared": False},
         "convictions[0].relief_granted: is given, but already_cleared is false"),
        ({"relief_granted": {"route": "hs11361_9"}, "ab1793_identified": False},
         "convictions[0].relief_granted.route: is hs11361_9, but ab1793_identified is false"),
        ({"ab1793_identified": False, "ab1793_challenged": True}, "convictions[0].ab1793_challenged: is true, but"),
        ({"ab1793_identified": "maybe"}, "convictions[0].ab1793_identified: must be true, false or null"),
        ({"prior_relief": [{"date": "2015-01-01"}]}, "convictions[0].prior_relief[0].kind: is required"),
        ({"prior_relief": [{"kind": "prop47_redesignated", "date": "2014-11-04"}]},
         "convictions[0].prior_relief[0].date: 2014-11-04 is before that relief existed (2014-11-05)"),
        ({"prior_relief": [{"kind": "pc1203_4_dismissed", "date": "2000-02-01"}]},
         "convictions[0].prior_relief[0].date: 2000-02-01 is before the conviction date (2000-03-01)"),
        ({"prior_relief": [{"kind": "pc1203_4_dismissed", "original_level": "felony"}]},
         "convictions[0].prior_relief[0].original_level: applies only to a redesignation"),
        ({"prior_relief": [{"kind": "prop47_redesignated", "original_level": "wobbler"}]},
         "convictions[0].prior_relief[0].original_level: 'wobbler' is not one of"),
        ({"prior_relief": [{"kind": "prop47_redesignated", "by": "court"}]}, "convictions[0].prior_relief[0].by: unknown key"),
        ({"count": 0}, "convictions[0].count: counts are numbered from 1"),
        ({"count": 1.5}, "convictions[0].count: must be a whole number"),
        ({"count": 5000}, "convictions[0].count: is impossibly large"),
        ({"environmental_statutes": "wat_1052"}, "convictions[0].environmental_statutes: must be a list"),
        ({"environmental_statutes": ["litter"]}, "convictions[0].environmental_statutes[0]: 'litter' is not one of"),
        ({"environmental_statutes": ["wat_1052"], "environmental_violation": False},
         "convictions[0].environmental_statutes: names a violation, but environmental_violation is false"),
        ({"recipient_age": -1}, "convictions[0].recipient_age: cannot be negative"),
    ],
)
def test_bad_new_fields_name_the_field(changes, expected) -> None:
    found = problems(conviction(**changes))
    assert any(p.startswith(expected) for p in found), found


def test_relief_on_the_day_prop64_took_effect_is_accepted() -> None:
    data = conviction(already_cleared=True, relief_granted={"route": "hs11361_8", "date": "2016-11-09"})
    assert rules.load_case(data).convictions[0].relief_granted.date == date(2016, 11, 9)


def test_prop47_relief_on_the_day_it_took_effect_is_accepted() -> None:
    data = conviction(prior_relief=[{"kind": "prop47_redesignated", "date": "2014-11-05"}])
    assert rules.load_case(data).convictions[0].earlier_relief[0].date == date(2014, 11, 5)


def test_other_case_status_must_be_known_word() -> None:
    found = problems({**GOOD, "person": {"other_case_status": "jail"}})
    assert any(p.startswith("person.other_case_status: 'jail' is not one of") for p in found), found


@pytest.mark.parametrize("name", ["Yolo", "LOS ANGELES", "los  angeles county", "San Francisco", None])
def test_a_california_county_loads(name) -> None:
    assert rules.load_case({**GOOD, "county": name}).county == name


def test_an_unknown_county_is_refused_with_the_list() -> None:
    (found,) = [p for p in problems({**GOOD, "county": "Gotham"}) if p.startswith("county:")]
    assert "'Gotham' is not a California county" in found
    assert found.count(", ") == 57 and "Alameda" in found and "Yuba" in found


def test_the_documented_example_loads() -> None:
    import json
    import re
    from pathlib import Path

    text = (Path(__file__).parents[2] / "docs" / "case-file.md").read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)```", text, re.DOTALL).group(1)
    case = rules.load_case(json.loads(example))
    assert case.convictions[0].earlier_relief[0].kind is PriorRelief.PC1203_4_DISMISSED

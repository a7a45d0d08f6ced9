import pytest

import rules

GOOD = {"county": "Yolo", "person": {"date_of_birth": "1970-01-01"},
        "convictions": [{"code": "HS 11359", "offense_date": "2000-01-01", "conviction_date": "2000-03-01"}]}


def problems(data) -> list[str]:
    with pytest.raises(rules.CaseError) as error:
        rules.load_case(data)
    return [str(p) for p in error.value.problems]


def conviction(**changes):
    return {**GOOD, "convictions": [{**GOOD["convictions"][0], **changes}]}


def test_a_good_case_loads_frozen() -> None:
    case = rules.load_case(GOOD)
    with pytest.raises(AttributeError):
        case.county = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    "data, expected",
    [
        ({**GOOD, "colour": "blue"}, "colour: unknown key"),
        (conviction(weight=3), "convictions[0].weight: unknown key"),
        (conviction(offense_date="2000-13-01"), "convictions[0].offense_date: not a date"),
        (conviction(offense_date="01/02/2000"), "convictions[0].offense_date: not a date"),
        (conviction(quantity_grams=-1), "convictions[0].quantity_grams: cannot be negative"),
        (conviction(plants=2.5), "convictions[0].plants: must be a whole number"),
        (conviction(plants="many"), "convictions[0].plants: must be a number"),
        (conviction(offense_date="2001-01-01"), "convictions[0].offense_date: is after the conviction date"),
        (conviction(level="wobbler"), "convictions[0].level: 'wobbler' is not one of"),
        (conviction(prior_relief=["pardon"]), "convictions[0].prior_relief[0]: 'pardon' is not one of"),
        (conviction(code=""), "convictions[0].code: is required"),
        (conviction(offense_date="1960-01-01"), "convictions[0].offense_date: is before the date of birth"),
        ({**GOOD, "convictions": []}, "convictions: must be a list with at least one conviction"),
        ({**GOOD, "person": {"date_of_birth": "yesterday"}}, "person.date_of_birth: not a date"),
        (conviction(concentrated="yes"), "convictions[0].concentrated: must be true, false or null"),
        (conviction(age_at_offense=400), "convictions[0].age_at_offense: is impossibly large"),
        ([], "case: must be an object"),
    ],
)
def test_malformed_case_files_name_the_field(data, expected) -> None:
    found = problems(data)
    assert any(p.startswith(expected) for p in found), found


def test_every_problem_is_reported_at_once() -> None:
    found = problems(conviction(quantity_grams=-1, plants=-2, level="x"))
    assert len(found) == 3

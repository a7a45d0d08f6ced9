"""Reading recorded code sections (rules/codes.py; docs/doj-format.md, "Code spellings")."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import rules
from rules.codes import parse_code
from rules.model import Outcome


@pytest.mark.parametrize(
    "raw, law, section, subsections, wrapper",
    [
        ("HS 11357(A)", "HS", "11357", ("a",), None),
        ("11357(a) HS", "HS", "11357", ("a",), None),
        ("H&S 11359", "HS", "11359", (), None),
        ("H & S 11359", "HS", "11359", (), None),
        ("HSC 11360(a)", "HS", "11360", ("a",), None),
        ("664/11359 HS", "HS", "11359", (), "attempt"),
        ("PC 182(a)(1)/11360", "HS", "11360", (), "conspiracy"),
        ("187-664 PC", "PC", "187", (), "attempt"),
        ("HS 11530", "HS", "11530", (), None),
        ("11530.5 HS", "HS", "11530.5", (), None),
        ("11357.5 HS", "HS", "11357.5", (), None),
        ("288A PC", "PC", "288a", (), None),
        ("653F(A) PC", "PC", "653f", ("a",), None),
        ("11360(A)(3)(C) HS", "HS", "11360", ("a", "3", "c"), None),
        ("SEE COMMENT FOR CHARGE 11358 HS-CULTIVATE", "HS", "11358", (), None),
        ("PC 4573.6", "PC", "4573.6", (), None),
        ("PC 664/HS 11359", "HS", "11359", (), "attempt"),
        ("PC 32/HS 11360(a)", "HS", "11360", ("a",), "accessory"),
    ],
)
def test_spellings(raw, law, section, subsections, wrapper) -> None:
    code = parse_code(raw)
    assert (code.law, code.section, code.subsections, code.wrapper) == (law, section, subsections, wrapper)
    assert not code.needs_review


# Every shape of DOJ_FORMAT's OFFENSE_DESCR census, with DOJ's text after the code.
@pytest.mark.parametrize(
    "raw, section, subsections, description",
    [
        ("11359(A) HS-POSSESS MARIJUANA/HASH FOR SALE", "11359", ("a",), "POSSESS MARIJUANA/HASH FOR SALE"),
        ("11359 HS-MARIJUANA POSSESS FOR SALE", "11359", (), "MARIJUANA POSSESS FOR SALE"),
        ("11359(C) HS-MARIJUANA POSSESS FOR SALE", "11359", ("c",), "MARIJUANA POSSESS FOR SALE"),
        ("11360A HS-SELL/FURNISH/ETC MARIJUANA/HASH", "11360", ("a",), "SELL/FURNISH/ETC MARIJUANA/HASH"),
        ("11360(B) SELL/FURNISH/ETC MARIJUANA/HASH", "11360", ("b",), "SELL/FURNISH/ETC MARIJUANA/HASH"),
        ("11359B HS-MARIJUANA POSSESS FOR SALE", "11359", ("b",), "MARIJUANA POSSESS FOR SALE"),
        ("11357B2 HS-POSSESSION OF MARIJUANA", "11357", ("b", "2"), "POSSESSION OF MARIJUANA"),
        ("11360A2 HS-SELL/FURNISH/ETC MARIJUANA/HASH", "11360", ("a", "2"), "SELL/FURNISH/ETC MARIJUANA/HASH"),
        ("11357A HS", "11357", ("a",), ""),
        ("11359HS", "11359", (), ""),
        ("11359HS-MARIJUANA POSSESS FOR SALE", "11359", (), "MARIJUANA POSSESS FOR SALE"),
        ("11357C", "11357", ("c",), ""),
        ("11360A3C HS", "11360", ("a", "3", "c"), ""),
        ("11357B(2) HS", "11357", ("b", "2"), ""),
        ("/11357 HS", "11357", (), ""),
        ("HS.11357", "11357", (), ""),
        ("SEE COMMENT FOR CHARGE 11359 HS-MARIJUANA POSSESS FOR SALE", "11359", (), "MARIJUANA POSSESS FOR SALE"),
    ],
)
def test_doj_spellings(raw, section, subsections, description) -> None:
    code = parse_code(raw)
    assert (code.law, code.section, code.subsections) == ("HS", section, subsections)
    assert code.description == description
    assert code.mentions_prop64 and not code.needs_review


def test_a_number_in_the_description_is_not_a_section() -> None:
    code = parse_code("4149 BP - UNLICENSED 28.5 G")
    assert (code.law, code.section, code.parts) == ("BP", "4149", (code.target,))
    assert not code.needs_review


@pytest.mark.parametrize(
    "raw, wrappers, display",
    [
        ("664/182/11359", ("attempt", "conspiracy"), "PC 664/PC 182/HS 11359"),
        ("182.5/11359", ("conspiracy",), "PC 182.5/HS 11359"),
        ("664.11357(c) HS", ("attempt",), "PC 664/HS 11357(c)"),
        ("66411357(c) HS", ("attempt",), "PC 664/HS 11357(c)"),
        ("664-11357(c) HS", ("attempt",), "PC 664/HS 11357(c)"),
        ("664/11357(c) HS", ("attempt",), "PC 664/HS 11357(c)"),
        ("PC 32/HS 11360(a)", ("accessory",), "PC 32/HS 11360(a)"),
    ],
)
def test_wrappers_compose(raw, wrappers, display) -> None:
    code = parse_code(raw)
    assert code.wrappers == wrappers
    assert code.wrapper == wrappers[0]
    assert code.display == display
    assert not code.needs_review


@pytest.mark.parametrize(
    "raw",
    ["11366/11359", "11366 HS/11359 HS", "11357(A)/11357(B) HS", "HS 11361/HS 11357",
     "11366 HS-MAINTAIN PLACE FOR 11359"],
)
def test_a_code_naming_two_offenses_is_ambiguous(raw) -> None:
    code = parse_code(raw)
    assert code.ambiguous and code.needs_review


@pytest.mark.parametrize("raw, review", [("11366/11530", True), ("11530 HS/PC 148", True),
                                         ("PC 245(A)(1)/PC 12022", False), ("PC 148/PC 69", False)])
def test_two_offenses_need_a_person_only_when_one_is_cannabis(raw, review) -> None:
    code = parse_code(raw)
    assert code.ambiguous and code.needs_review is review


def test_one_section_written_twice_is_one_offense() -> None:
    code = parse_code("11359 HS/11359(A) HS")
    assert (code.section, code.subsections, code.ambiguous) == ("11359", ("a",), False)


@pytest.mark.parametrize("raw", ["11357XYZ HS", "HS-MARIJUANA POSSESS FOR SALE", "SEE COMMENT FOR CHARGE", ""])
def test_unreadable(raw) -> None:
    code = parse_code(raw)
    assert code.unreadable and code.needs_review


@pytest.mark.parametrize("raw", ["211357 PC", "113600 HS", "11359.5 HS", "11357.5 HS"])
def test_longer_numbers_are_other_sections(raw) -> None:
    code = parse_code(raw)
    assert not code.mentions_prop64 and not code.needs_review
    assert code.section not in {"11357", "11358", "11359", "11360"}


def test_unreadable_text_has_no_target() -> None:
    assert parse_code("SEE COMMENT FOR CHARGE").target is None


def test_display_is_normalised() -> None:
    assert parse_code("664/11359 hs").display == "PC 664/HS 11359"
    assert parse_code("11357(b) HS").display == "HS 11357(b)"


def _evaluate(code: str):
    case = rules.load_case(
        {"county": "Alameda", "convictions": [{"code": code, "offense_date": "2010-05-01", "level": "felony"}]}
    )
    return rules.evaluate(case, as_of=date(2026, 11, 27)).determinations[0]


@pytest.mark.parametrize(
    "raw, outcome",
    [
        ("11366/11359", Outcome.NEEDS_DA_REVIEW),
        ("11357XYZ HS", Outcome.NEEDS_DA_REVIEW),
        ("11366 HS-MAINTAIN PLACE FOR 11359", Outcome.NEEDS_DA_REVIEW),
        ("11366 HS", Outcome.NOT_ELIGIBLE),  # guard: a single other section is still "not Prop 64"
        ("PC 245(A)(1)/PC 12022", Outcome.NOT_ELIGIBLE),  # guard: two other offenses are not a Prop 64 question
        ("11366/11530", Outcome.NEEDS_DA_REVIEW),
    ],
)
def test_the_engine_sends_codes_it_cannot_read_to_review(raw, outcome) -> None:
    det = _evaluate(raw)
    assert det.outcome is outcome
    if outcome is Outcome.NEEDS_DA_REVIEW:
        assert {r.id for r in det.reasons} & {"code.unreadable", "code.ambiguous"}


def test_doj_spellings_are_evaluated_as_prop64_sections() -> None:
    det = _evaluate("11359B HS-MARIJUANA POSSESS FOR SALE")
    assert det.section == "11359"
    assert det.outcome is not Outcome.NOT_ELIGIBLE


PROP64 = ("11357", "11358", "11359", "11360")
_FRAGMENTS = ["HS ", " HS", "PC ", "/", "-", ".", "(A)", "(B)(2)", "A", "B2", "11361", "11366/",
              "664/", "182/", "32/", "4573.6 ", "11379.6", "11530", "HS-MARIJUANA ", "SEE COMMENT FOR CHARGE ",
              "11357", "11359", "187", " ", "1", "0"]
_text = st.one_of(
    st.text(max_size=24),
    st.text(alphabet="0123456789()/-. HSPCABhs&", max_size=16),
    st.lists(st.sampled_from(_FRAGMENTS), max_size=5).map("".join),
)


def _stands_alone(before: str, after: str) -> bool:
    """True when the inserted number is a section number of its own (not part of 211357,
    113579, 9.11357 or 11357.5)."""
    ends_in_number = before[-1:].isascii() and before[-1:].isdigit() or (
        before[-1:] == "." and before[-2:-1].isascii() and before[-2:-1].isdigit()
    )
    starts_number = after[:1].isascii() and after[:1].isdigit() or (
        after[:1] == "." and after[1:2].isascii() and after[1:2].isdigit()
    )
    return not ends_in_number and not starts_number


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(_text, st.sampled_from(PROP64), _text)
def test_a_prop64_section_number_is_never_called_not_prop64(before, section, after) -> None:
    assume(_stands_alone(before, after))
    raw = before + section + after
    code = parse_code(raw)
    assert code.mentions_prop64
    det = _evaluate(raw)
    assert "scope.not_prop64" not in {r.id for r in det.reasons}, raw

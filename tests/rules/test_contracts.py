"""The engine's contracts: the day the law is applied on, and the version of the law cited."""

from __future__ import annotations

from datetime import date

import pytest

import rules

CLEARED = {"county": "Yolo", "convictions": [{"code": "HS 11359", "offense_date": "2010-01-01", "already_cleared": True}]}


def _cites(as_of: date) -> set[str]:
    det = rules.evaluate(rules.load_case(CLEARED), as_of=as_of).determinations[0]
    return {c.cite for r in det.reasons for c in r.citations}


def test_the_amended_automatic_review_statute_is_cited_from_2023() -> None:
    assert "HS § 11361.9" in _cites(date(2023, 1, 1))
    assert "HS § 11361.9 (AB 1793)" not in _cites(date(2023, 1, 1))


def test_the_original_automatic_review_statute_is_cited_before_2023() -> None:
    assert "HS § 11361.9 (AB 1793)" in _cites(date(2022, 12, 31))


@pytest.mark.parametrize("as_of", [date(2016, 11, 8), date(2000, 1, 1)])
def test_evaluate_refuses_a_day_before_prop64(as_of) -> None:
    with pytest.raises(ValueError, match="before Prop 64 took effect"):
        rules.evaluate(rules.load_case(CLEARED), as_of=as_of)


def test_evaluate_accepts_the_day_prop64_took_effect() -> None:
    result = rules.evaluate(rules.load_case(CLEARED), as_of=date(2016, 11, 9))
    assert result.as_of == date(2016, 11, 9)

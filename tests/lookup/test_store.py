"""The lookup store on SQLite and PostgreSQL: found by keyed hash, never by raw values."""

from __future__ import annotations

from datetime import date

import pytest

from lookup import LookupStore, StoredRow, lookup_key, normalise_case_number
from lookup.store import entries, results

from .conftest import KEY

DOB = date(1961, 4, 30)


def conviction(index: int, outcome: str = "DISMISS_AND_SEAL", **extra) -> dict:
    data = {
        "index": index, "code": "HS 11359", "section": "11359", "case_number": "SF-0042917",
        "outcome": outcome, "minimum_outcome": None, "county_outcome": None,
        "route": "HS 11361.8(e)", "flags": [], "reasons": [], "would_change": [],
        "cr400": {"title_box": "f", "item1": ["11359"], "item2": "APPLICATION"},
        "forms": ["CR-400", "CR-401"], "as_of": "2026-01-01", "rules_version": "test",
        "policy": {"id": "statewide", "version": "x", "county": None}, "county": "San Francisco",
    }
    data.update(extra)
    return data


def test_a_published_conviction_is_found_by_county_case_number_and_birth_date(store):
    stored = store.replace_county(
        "San Francisco",
        [("SF-0042917", DOB, conviction(0)), ("SF-0042917", DOB, conviction(1, "NOT_ELIGIBLE"))],
        as_of=date(2026, 1, 1), rules_version="test",
    )
    assert stored == 2
    found = store.find("san  francisco", "sf 0042917", DOB)
    assert [f["outcome"] for f in found] == ["DISMISS_AND_SEAL", "NOT_ELIGIBLE"]
    assert [f["index"] for f in found] == [0, 1]
    assert found[0]["as_of"] == "2026-01-01" and found[0]["county"] == "San Francisco"
    assert found[0]["case_number"] == "sf 0042917"


def test_a_wrong_birth_date_and_an_unknown_case_number_look_the_same(store):
    store.replace_county("San Francisco", [("SF-0042917", DOB, conviction(0))])
    assert store.find("San Francisco", "SF-0042917", date(1961, 4, 29)) == []
    assert store.find("San Francisco", "SF-0042918", DOB) == []
    assert store.find("Los Angeles", "SF-0042917", DOB) == []
    assert store.find("San Francisco", "", DOB) == []


def test_neither_the_case_number_nor_the_birth_date_is_stored(store):
    store.replace_county("San Francisco", [("SF-0042917", DOB, conviction(0))])
    from sqlalchemy import select

    with store.engine.connect() as conn:
        cells = [c for table in (entries, results) for row in conn.execute(select(table)) for c in row]
    text = " ".join(c.hex() if isinstance(c, bytes) else str(c) for c in cells)
    for secret in ("0042917", "42917", "1961-04-30", "19610430"):
        assert secret not in text
    assert all("case_number" not in payload for payload in store.iter_payloads())


def test_replacing_a_county_swaps_all_its_rows_and_leaves_others(store):
    store.replace_county("San Francisco", [("A1", DOB, conviction(0)), ("A2", DOB, conviction(0))])
    store.replace_county("Los Angeles", [("BA123456", DOB, conviction(0, "NOT_ELIGIBLE"))])
    store.replace_county("SAN FRANCISCO", [("A3", DOB, conviction(0, "REDESIGNATE_MISDEMEANOR"))])
    assert store.find("San Francisco", "A1", DOB) == []
    assert store.find("San Francisco", "A3", DOB)[0]["outcome"] == "REDESIGNATE_MISDEMEANOR"
    assert store.find("Los Angeles", "BA123456", DOB)[0]["outcome"] == "NOT_ELIGIBLE"
    assert store.count("San Francisco") == 1 and store.count() == 2
    assert {c["county"] for c in store.counties()} == {"SAN FRANCISCO", "Los Angeles"}


def test_a_failed_replacement_leaves_the_old_rows(store):
    store.replace_county("San Francisco", [("A1", DOB, conviction(0))])

    def broken():
        yield ("A2", DOB, conviction(0))
        raise RuntimeError("the input ended badly")

    with pytest.raises(RuntimeError):
        store.replace_county("San Francisco", broken())
    assert store.find("San Francisco", "A1", DOB)
    assert store.find("San Francisco", "A2", DOB) == []


def test_identical_determinations_are_stored_once(store):
    rows = [(f"C{i}", DOB, conviction(0)) for i in range(50)]
    store.replace_county("San Francisco", rows)
    assert store.count("San Francisco") == 50
    assert len(list(store.iter_payloads())) == 1


def test_pre_hashed_rows(store):
    row = StoredRow.of(KEY, "San Francisco", "777", DOB, conviction(0))
    store.replace_county("San Francisco", [row])
    assert store.find("San Francisco", "0777", DOB)


def test_the_key_is_required():
    with pytest.raises(ValueError):
        LookupStore.from_url("sqlite://", key="")


def test_lookup_key_depends_on_every_part_and_on_the_secret():
    base = lookup_key(KEY, "San Francisco", "12345", DOB)
    assert len(base) == 64 and int(base, 16) >= 0
    assert base == lookup_key(KEY.encode(), "SAN  FRANCISCO", "0012-345", DOB)
    assert base != lookup_key("other", "San Francisco", "12345", DOB)
    assert base != lookup_key(KEY, "Los Angeles", "12345", DOB)
    assert base != lookup_key(KEY, "San Francisco", "12346", DOB)
    assert base != lookup_key(KEY, "San Francisco", "12345", date(1961, 5, 1))


@pytest.mark.parametrize(
    ("typed", "normal"),
    [("sf-0012345", "SF0012345"), ("0012345", "12345"), (" 12 345 ", "12345"), ("BA 123.456", "BA123456"), ("000", "0")],
)
def test_case_numbers_compare_as_people_type_them(typed, normal):
    assert normalise_case_number(typed) == normal

"""The priors index (used for cases with many convictions) answers exactly as the plain scan."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from rules.codes import parse_code
from rules.steps import priors

CODES = [parse_code(c) for c in ("PC 187", "PC 288", "HS 11359", "HS 11360", "HS 11358", "PC 211")]
dates = st.dates(min_value=date(1970, 1, 1), max_value=date(2016, 11, 8))
record = st.builds(
    lambda code, day, strike, reg: priors.Record(code, day, strike, reg, priors._prop64_section(code)),
    st.sampled_from(CODES), st.none() | dates, st.booleans(), st.booleans(),
)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(record, max_size=150), st.sampled_from(["11358", "11359", "11360"]), dates)
def test_index_and_scan_agree(recs, section, offense) -> None:
    recs = tuple(recs)
    assert priors._before_indexed(priors._index(recs), section, offense) == priors._before_scan(recs, section, offense)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(record, max_size=150), st.sampled_from(["11358", "11359", "11360"]), dates)
def test_an_index_grown_one_record_at_a_time_agrees_with_the_scan(recs, section, offense) -> None:
    """A case read one conviction at a time keeps only the earliest dates that can count."""
    index = priors.index_of(())
    for rec in recs:
        index.add(rec)
    assert all(len(days) <= 2 for days in index.dated.values())
    assert priors.before(index, section, offense) == priors._before_scan(tuple(recs), section, offense)

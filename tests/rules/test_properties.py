"""Properties of the engine over generated cases (Hypothesis)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

import rules
from rules.model import Flag, Outcome

AS_OF = date(2026, 11, 27)
CODES = ["HS 11357", "HS 11357(a)", "HS 11357(b)", "HS 11357(c)", "HS 11357(d)", "HS 11358",
         "HS 11359", "HS 11360(a)", "HS 11360(b)", "664/11359 HS", "PC 32/11360", "PC 182/11359",
         "HS 11530", "HS 11361", "PC 4573.6", "HS 11364", "PC 211"]
UNKNOWN_FLAGS = {Flag.QUANTITY_UNKNOWN, Flag.PLANTS_UNKNOWN, Flag.AGE_UNKNOWN, Flag.DATE_UNKNOWN,
                 Flag.LEVEL_UNKNOWN, Flag.SENTENCE_STATUS_UNKNOWN, Flag.CONDUCT_UNKNOWN,
                 Flag.CONCENTRATE_UNKNOWN, Flag.RECIPIENT_AGE_UNKNOWN, Flag.FACTS_CONFLICT, Flag.PRIOR_UNCLEAR,
                 Flag.OFFENSE_DATE_ASSUMED, Flag.PRIOR_DATE_UNKNOWN, Flag.PRESUMPTIVE}

maybe = lambda s: st.none() | s
dates = st.dates(min_value=date(1960, 1, 1), max_value=date(2024, 12, 31))

conviction = st.fixed_dictionaries(
    {"code": st.sampled_from(CODES)},
    optional={
        "level": maybe(st.sampled_from(["felony", "misdemeanor", "infraction"])),
        "forum": st.sampled_from(["adult", "juvenile"]),
        "offense_date": maybe(dates),
        "age_at_offense": maybe(st.integers(12, 80)),
        "sentence_status": maybe(st.sampled_from(["serving", "completed"])),
        "conduct": maybe(st.sampled_from(["possess", "possess_for_sale", "sell", "furnish", "transport_for_sale", "transport_personal", "import_export", "cultivate"])),
        "quantity_grams": maybe(st.floats(0, 5000, allow_nan=False)),
        "concentrated": maybe(st.booleans()),
        "plants": maybe(st.integers(0, 500)),
        "sold_to_minor": maybe(st.booleans()),
        "used_minor": maybe(st.booleans()),
        "school_grounds": maybe(st.booleans()),
        "environmental_violation": maybe(st.booleans()),
        "import_export": maybe(st.booleans()),
        "already_cleared": maybe(st.booleans()),
    },
)
other = st.fixed_dictionaries(
    {"code": st.sampled_from(["PC 187", "PC 288", "PC 647.6", "PC 211", "VC 23152", "HS 11359"])},
    optional={"conviction_date": maybe(dates)},
)
case_data = st.fixed_dictionaries(
    {"convictions": st.lists(conviction, min_size=1, max_size=4)},
    optional={
        "county": st.sampled_from(["San Francisco", "Los Angeles", "Sacramento", "Yolo", "Contra Costa"]),
        "person": st.fixed_dictionaries({}, optional={"date_of_birth": maybe(st.dates(min_value=date(1930, 1, 1), max_value=date(1960, 1, 1))), "deceased": maybe(st.booleans())}),
        "other_convictions": st.lists(other, max_size=3),
    },
)


def _iso(data):
    if isinstance(data, date):
        return data.isoformat()
    if isinstance(data, dict):
        return {k: _iso(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_iso(v) for v in data]
    return data


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(case_data, st.sampled_from(["statewide", "county"]))
def test_evaluation_is_deterministic_and_explained(data, policy) -> None:
    case = rules.load_case(_iso(data))
    first = rules.evaluate(case, as_of=AS_OF, policy=policy)
    again = rules.evaluate(rules.load_case(_iso(data)), as_of=AS_OF, policy=policy)
    assert rules.result_to_dict(first) == rules.result_to_dict(again)
    assert len(first.determinations) == len(case.convictions)
    for det in first.determinations:
        assert det.reasons, "every determination gives at least one reason"
        assert all(r.citations for r in det.reasons), "every reason carries a citation"
        assert all(r.text for r in det.reasons)
        if det.outcome in rules.RELIEF_OUTCOMES:
            assert det.route and det.forms
        if det.outcome is Outcome.NEEDS_DA_REVIEW:
            assert det.forms == ("DA-REVIEW-REQUEST",)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(conviction)
def test_unknown_required_facts_never_give_a_silent_no(conv) -> None:
    """A NOT_ELIGIBLE reached with facts missing must say so (a flag), or not depend on them."""
    conv = dict(conv, forum="adult")
    det = rules.evaluate(rules.load_case(_iso({"convictions": [conv]})), as_of=AS_OF).determinations[0]
    if det.outcome is not Outcome.NOT_ELIGIBLE or set(det.flags) & UNKNOWN_FLAGS:
        return
    # No flag: the answer must not depend on the missing facts. Fill them in favourably and
    # the answer must still be no.
    favourable = dict(conv)
    for key, value in (("quantity_grams", 1.0), ("plants", 1), ("age_at_offense", 40)):
        if key == "quantity_grams" and "(" in conv["code"]:
            continue  # the recorded subsection already fixes the amount's range
        if favourable.get(key) is None:
            favourable[key] = value
    if conv.get("offense_date") is None:
        return  # no date known: covered by DATE_UNKNOWN / OFFENSE_DATE_ASSUMED
    again = rules.evaluate(rules.load_case(_iso({"convictions": [favourable]})), as_of=AS_OF).determinations[0]
    missing = [k for k in ("quantity_grams", "plants", "age_at_offense") if conv.get(k) is None]
    if missing:
        assert again.outcome is Outcome.NOT_ELIGIBLE, (conv, det, again)

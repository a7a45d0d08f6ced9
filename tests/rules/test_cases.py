"""Every legal case in tests/rules/cases/ decided by the engine, compared with what the law says."""

from __future__ import annotations

import pytest

import rules

from .casefiles import LegalCase, load_all

CASES = load_all()


def _describe(det: rules.Determination) -> str:
    return (
        f"outcome={det.outcome} minimum={det.minimum_outcome} county={det.county_outcome} "
        f"route={det.route} county_route={det.county_route} forms={list(det.forms)} flags={[f.value for f in det.flags]} "
        f"reasons={[r.id for r in det.reasons]} would_change={[r.id for r in det.would_change]}"
    )


@pytest.mark.parametrize("legal", CASES, ids=[f"{c.file}: {c.name}" for c in CASES])
def test_legal_case(legal: LegalCase) -> None:
    case = legal.load()
    result = rules.evaluate(case, as_of=legal.as_of, policy=legal.policy)
    if legal.next_step:
        assert result.next_step.value == legal.next_step, [s.value for s in result.next_steps]
    if legal.next_steps is not None:
        assert [s.value for s in result.next_steps] == legal.next_steps
    for exp in legal.expect:
        det = result.determinations[exp.get("conviction", 0)]
        where = f"{legal.file} / {legal.name}\n  got: {_describe(det)}"
        if "outcome" in exp:
            assert det.outcome.value == exp["outcome"], where
        if "minimum_outcome" in exp:
            got = det.minimum_outcome.value if det.minimum_outcome else None
            assert got == exp["minimum_outcome"], where
        if "county_outcome" in exp:
            got = det.county_outcome.value if det.county_outcome else None
            assert got == exp["county_outcome"], where
        if "route" in exp:
            assert det.route == exp["route"], where
        flags = {f.value for f in det.flags}
        if "flags" in exp:
            assert flags == set(exp["flags"]), where
        for flag in exp.get("flags_include", ()):
            assert flag in flags, where
        for flag in exp.get("flags_exclude", ()):
            assert flag not in flags, where
        ids = [r.id for r in det.reasons]
        for rid in exp.get("reasons_include", ()):
            assert rid in ids, where
        for rid in exp.get("reasons_exclude", ()):
            assert rid not in ids, where
        changes = [r.id for r in det.would_change]
        for rid in exp.get("would_change_include", ()):
            assert rid in changes, where
        cites = {c.cite for r in det.reasons for c in r.citations}
        for cite in exp.get("cites_include", ()):
            assert cite in cites, where
        for cite in exp.get("cites_exclude", ()):
            assert cite not in cites, where
        if "county_route" in exp:
            assert det.county_route == exp["county_route"], where
        if "cr400" in exp:
            got = (
                {"title_box": det.cr400.title_box, "item1": list(det.cr400.item1), "item2": det.cr400.item2}
                if det.cr400
                else None
            )
            assert got == exp["cr400"], where
        if "forms" in exp:
            assert list(det.forms) == exp["forms"], where


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 120
    names = [c.name for c in CASES]
    assert len(names) == len(set(names)), "case names must be unique"

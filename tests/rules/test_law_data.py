"""Meta-tests that guard the law data and the case corpus."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

import pytest
import yaml

import rules
from rules import lawdata, policy
from rules.engine import RULE_CITES
from rules.messages import MESSAGES
from rules.steps.county import PROGRAM_RULES

from .casefiles import load_all

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def test_every_message_is_a_rule_with_citations() -> None:
    """Statute rules cite provisions; county-program rules cite the program's own source."""
    assert set(MESSAGES) == set(RULE_CITES) | PROGRAM_RULES
    assert not set(RULE_CITES) & PROGRAM_RULES
    for rule_id, cites in RULE_CITES.items():
        assert cites, f"{rule_id} cites nothing"
        for cite in cites:
            assert cite in lawdata.CITATIONS, f"{rule_id} cites unknown provision {cite}"


def test_every_provision_has_a_cite_a_link_and_a_sane_period() -> None:
    for pid, versions in lawdata.PROVISION_VERSIONS.items():
        assert lawdata.CITATIONS[pid].cite, pid
        for entry in versions:
            assert set(entry) >= {"cite", "title", "in_force_from"}, pid
            assert not {"from", "to"} & set(entry), f"{pid}: the window is in_force_from/in_force_until"
            citation = lawdata._citation(pid, entry)
            assert citation.cite and citation.url.startswith("https://"), pid
            start, end = entry["in_force_from"], entry.get("in_force_until")
            assert isinstance(start, date), pid
            assert end is None or (isinstance(end, date) and start <= end), pid
        for older, newer in pairwise(versions):
            assert older.get("in_force_until") is not None, f"{pid}: only the last version may be open-ended"
            assert (newer["in_force_from"] - older["in_force_until"]).days == 1, f"{pid}: versions overlap or leave a gap"


@pytest.mark.parametrize(
    "on, cite",
    [
        (date(2019, 1, 1), "HS § 11361.9 (AB 1793)"),
        (date(2022, 12, 31), "HS § 11361.9 (AB 1793)"),
        (date(2023, 1, 1), "HS § 11361.9"),
        (date(2026, 11, 27), "HS § 11361.9"),
        (date(2017, 6, 1), "HS § 11361.9 (AB 1793)"),  # before it existed: its first version
    ],
)
def test_a_provision_is_cited_in_the_version_in_force(on, cite) -> None:
    assert lawdata.citation("HS-11361.9", on).cite == cite
    assert lawdata.citation("HS-11359-b", on) is lawdata.CITATIONS["HS-11359-b"]


def test_every_parameter_names_existing_provisions() -> None:
    for name, spec in lawdata.PARAMETERS.items():
        if name == "eras":
            continue
        assert spec["cites"], name
        for cite in spec["cites"]:
            assert cite in lawdata.CITATIONS, f"{name}: {cite}"


def test_eras_are_in_order_and_end_before_prop_64() -> None:
    eras = list(lawdata.ERAS.values())
    assert eras == sorted(eras)
    assert eras[-1] < lawdata.EFFECTIVE_DATE


def test_offense_lists_cite_their_source() -> None:
    for offense_list in (lawdata.SUPER_STRIKES, lawdata.PC290_REGISTRABLE):
        assert offense_list.cites and all(c in lawdata.CITATIONS for c in offense_list.cites)


def test_every_case_names_a_known_provision() -> None:
    for legal in load_all():
        assert legal.provision in lawdata.CITATIONS, f"{legal.file}: {legal.provision}"
        assert legal.name[0].isupper() and len(legal.name.split()) >= 6, legal.name


def _all_reasons():
    for legal in load_all():
        result = rules.evaluate(legal.load(), as_of=legal.as_of, policy=legal.policy)
        for det in result.determinations:
            yield from det.reasons
            yield from det.would_change


def test_every_rule_is_exercised_by_a_case() -> None:
    produced = {r.id for r in _all_reasons()}
    missing = sorted(set(MESSAGES) - produced)
    assert not missing, f"rules with no legal case: {missing}"


def test_every_reason_supplies_its_placeholders_and_has_a_citation() -> None:
    for reason in _all_reasons():
        needed = set(PLACEHOLDER.findall(reason.message))
        assert needed == set(reason.params), f"{reason.id}: {needed} vs {set(reason.params)}"
        assert reason.text
        assert reason.citations, reason.id


def test_county_program_reasons_cite_only_the_program() -> None:
    programs = {p.citation for p in policy.county_policies().values()}
    seen = 0
    for reason in _all_reasons():
        if reason.id in PROGRAM_RULES:
            seen += 1
            assert len(reason.citations) == 1 and reason.citations[0] in programs, reason
            assert reason.citations[0].url.startswith("https://")
    assert seen


def test_policies_validate_and_name_their_sources() -> None:
    programs = policy.county_policies()
    assert {"San Francisco", "Los Angeles", "Sacramento", "San Joaquin", "Contra Costa"} <= set(programs)
    for program in programs.values():
        assert program.source_href.startswith("https://")
        assert program.source_title


@pytest.mark.parametrize(
    "choices, message",
    [
        ({"dismiss_everything": True}, "dismiss_everything"),
        ({"dismiss_age_at_least": 12}, "from 40 to 65"),
        ({"dismiss_sections": ["11361"]}, "must list sections"),
        ({"review_before": "soon"}, "must be a date"),
    ],
)
def test_a_county_policy_is_validated_against_statewide(tmp_path, monkeypatch, choices, message) -> None:
    (tmp_path / "nowhere.yaml").write_text(
        yaml.safe_dump(
            {"id": "x", "county": "Yolo", "version": "1", "title": "t",
             "source": {"title": "s", "href": "https://example.org"},
             "in_force": {"from": date(2020, 1, 1)}, "choices": choices}
        )
    )
    (tmp_path / "statewide.yaml").write_text((policy.POLICY_DIR / "statewide.yaml").read_text())
    monkeypatch.setattr(policy, "POLICY_DIR", tmp_path)
    policy._all.cache_clear()
    try:
        with pytest.raises(policy.PolicyError, match=message):
            policy.county_policies()
    finally:
        monkeypatch.undo()
        policy._all.cache_clear()

"""The county directory: every county present, every office complete or marked for checking,
every verified office resting on a named page and date (docs/counties.md, "Rules")."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest
import yaml

from rules import counties
from rules.counties import CityAttorney, CountyDataError, Office
from rules.counties.__main__ import main as report_main
from rules.counties.__main__ import tally

ALL = counties.all_counties()
FILES = sorted(counties.HERE.glob("*.yaml"))
OFFICES = [(c.name, role, o) for c in ALL for role, o in c.offices()]


def _id(item) -> str:
    county, role, office = item
    return f"{county}-{role}-{office.name}"


def test_the_directory_has_all_58_counties_one_file_each() -> None:
    assert len(ALL) == 58 == len(FILES)
    assert len({c.name for c in ALL}) == 58
    assert {counties.load(p).name for p in FILES} == {c.name for c in ALL}


def test_each_file_is_named_after_its_county() -> None:
    for path in FILES:
        assert path.stem == counties.load(path).slug.replace("-", "_")


@pytest.mark.parametrize("item", OFFICES, ids=_id)
def test_every_office_has_a_name_and_a_verified_one_is_complete_and_sourced(item) -> None:
    county, role, office = item
    assert office.name
    if office.verified:
        assert office.source and office.source.startswith(("https://", "http://")), f"{county} {role}: source is a page address"
        assert office.checked and date.fromisoformat(office.checked) <= date.today()
        assert office.address and office.phone, f"{county} {role}: a verified entry is complete"


@pytest.mark.parametrize("item", OFFICES, ids=_id)
def test_known_values_are_well_formed(item) -> None:
    county, role, office = item
    if office.phone:
        assert office.phone[:12].replace("-", "").isdigit() and office.phone[3] == "-" and office.phone[7] == "-", office.phone
    for url in (office.website, office.source):
        assert url is None or url.startswith(("https://", "http://")), url
    if office.address:
        assert ", CA" in office.address[-1], f"{county} {role}: the last address line is 'City, CA [ZIP]'"
    if office.mailing_address:
        assert ", CA" in office.mailing_address[-1]
    if office.source is None:
        assert office.checked is None, f"{county} {role}: a date says when a source was read"


def test_city_attorneys_name_the_cities_they_prosecute_for() -> None:
    for county in ALL:
        for attorney in county.city_attorneys:
            assert isinstance(attorney, CityAttorney)
            assert attorney.cities, f"{county.name}: {attorney.name} covers no city"
        cities = [counties._city_key(c) for a in county.city_attorneys for c in a.cities]
        assert len(cities) == len(set(cities)), f"{county.name}: a city has two city attorneys"
        assert county.city_attorney_prosecutes_misdemeanors == bool(county.city_attorneys)
        assert bool(county.city_attorney_note) == bool(county.city_attorneys)


def test_no_alias_names_two_counties() -> None:
    seen: dict[str, str] = {}
    for county in ALL:
        for key in set(counties._keys(county)):
            assert seen.setdefault(key, county.name) == county.name, f"{key} names {seen[key]} and {county.name}"


@pytest.mark.parametrize(
    "spelling", ["San Francisco", "SAN FRANCISCO", "  san   francisco ", "San Francisco County", "CASC San Francisco Co", "san-francisco"]
)
def test_county_names_match_case_and_space_insensitively(spelling: str) -> None:
    assert counties.find(spelling).name == "San Francisco"


def test_unknown_county_names_find_nothing() -> None:
    assert counties.find("Atlantis") is None
    assert counties.find("") is None and counties.find(None) is None


def test_da_is_the_prosecutor() -> None:
    for county in ALL:
        assert county.da is county.prosecutor


def test_los_angeles_city_attorney_is_found_by_city_and_nowhere_else() -> None:
    la = counties.find("Los Angeles")
    assert la.city_attorney_prosecutes_misdemeanors
    attorney = la.city_attorney_for("  los ANGELES ")
    assert attorney is not None and "Los Angeles" in attorney.cities
    assert la.city_attorney_for("City of Los Angeles") is attorney
    assert la.city_attorney_for("Lancaster") is None  # the DA prosecutes there
    assert la.city_attorney_for(None) is None
    assert counties.find("Alpine").city_attorney_for("Markleeville") is None


def test_unverified_offices_are_named_for_the_check_before_serving_note() -> None:
    for county in ALL:
        names = county.unverified_offices()
        assert names == tuple(o.name for _, o in county.offices() if not o.verified)
        assert county.verified == (not names)


def test_county_sources_and_last_verified_come_from_the_offices() -> None:
    for county in ALL:
        dates = [o.checked for _, o in county.offices() if o.checked]
        assert county.last_verified == (max(dates) if dates else None)
        for _, office in county.offices():
            if office.source:
                assert office.source in county.sources


def test_the_old_office_constructor_still_works() -> None:
    office = Office("Court", ("1 Main St", "Town, CA 90000"), None, None, None)
    assert (office.verified, office.mailing_address, office.efiling) == (False, (), None)
    assert [f.name for f in fields(Office)][:5] == ["name", "address", "phone", "email", "website"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"colour": "red"}, "unknown field"),
        ({"court": {"phone": "1", "fax": "2"}}, "court: unknown field"),
        ({"da": {"verified": True}}, "verified needs a source"),
        ({"da": {"verified": True, "source": "https://x.example/", "checked": "2026-12-01"}}, "street address and a phone"),
        ({"court": {"checked": "last week"}}, "not a date"),
        ({"court": {"address": "1 Main St"}}, "list of lines"),
        ({"court": {"efiling": "yes"}}, "efiling"),
        ({"city_attorneys": [{"cities": ["Town"]}]}, "needs a name"),
        ({"da": {"phone": "1", "victim_services": ["fax"]}}, "da.victim_services: fax is not one of"),
        ({"da": {"phone": "1", "victim_services": ["address"]}}, "da.victim_services: names the address"),
    ],
)
def test_malformed_county_files_name_the_field(tmp_path: Path, change: dict, message: str) -> None:
    data = {"name": "Testing"} | change
    path = tmp_path / "testing.yaml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(CountyDataError, match=message):
        counties.load(path)


def test_the_report_counts_sourced_and_verified_entries(capsys) -> None:
    assert report_main(["--report"]) == 0
    out = capsys.readouterr().out
    counts = tally()
    assert counts["court"]["entries"] == counts["da"]["entries"] == 58
    total_sourced = sum(c["sourced"] for c in counts.values())
    assert f"{total_sourced:>12}" in out.splitlines()[5]
    assert "58 counties" in out


def test_san_francisco_da_is_at_rhode_island_street_and_keeps_its_prop_64_line() -> None:
    sf = counties.find("San Francisco")
    assert sf.da.address[0] == "350 Rhode Island Street"
    assert not any("850 Bryant" in line for line in sf.da.address)
    assert sf.da.phone == "415-553-1751" and "415-553-1751" in sf.da.record_clearance
    assert not sf.da.verified and sf.da.name in sf.unverified_offices()
    assert any("850 Bryant" in line for line in sf.court.address)  # the court stays at the Hall of Justice


def test_an_entry_read_on_the_courts_own_page_is_verified() -> None:
    fresno = counties.find("Fresno").court
    assert fresno.verified and fresno.source.startswith("https://www.fresno.courts.ca.gov/")
    assert fresno.checked == "2026-12-01" and fresno.phone == "559-457-1801"


def test_san_diego_city_attorney_prosecutes_only_in_the_city() -> None:
    sd = counties.find("San Diego")
    assert sd.city_attorney_for("san diego").name == "San Diego City Attorney"
    assert sd.city_attorney_for("Oceanside") is None  # the DA prosecutes misdemeanors there


def test_los_angeles_lists_the_ten_cities_whose_prosecutors_file_misdemeanors() -> None:
    """The DA's 2020 cannabis-dismissal announcement named ten cities with their own prosecutors."""
    la = counties.find("Los Angeles")
    ten = ("Los Angeles", "Long Beach", "Torrance", "Pasadena", "Inglewood", "Burbank", "Santa Monica",
           "Hawthorne", "Redondo Beach", "Hermosa Beach")
    assert {c for a in la.city_attorneys for c in a.cities} == set(ten)
    assert la.city_attorney_for("Hermosa Beach") is la.city_attorney_for("Redondo Beach")  # by contract
    assert la.city_attorney_for("Glendale") is None  # its City Attorney prosecutes city code only


def test_anaheim_is_the_orange_county_city_whose_attorney_prosecutes_misdemeanors() -> None:
    oc = counties.find("Orange")
    assert oc.city_attorney_for("Anaheim").name == "Anaheim City Attorney"
    assert oc.city_attorney_for("Santa Ana") is None  # the city prosecutes its own code only


def test_the_san_diego_city_attorneys_criminal_office_is_verified_on_the_citys_page() -> None:
    attorney = counties.find("San Diego").city_attorney_for("San Diego")
    assert attorney.verified and attorney.source.startswith("https://www.sandiego.gov/")
    assert attorney.phone == "619-533-5500" and attorney.address[-1] == "San Diego, CA 92101"


def test_every_county_file_says_where_its_facts_came_from() -> None:
    for path in FILES:
        assert path.read_text(encoding="utf-8").startswith("# Provenance:"), path.name

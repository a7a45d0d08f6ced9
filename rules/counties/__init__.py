"""The county directory: court, prosecuting office, case-number help, with sources.

One YAML file per county with details; ``others.yaml`` lists the remaining California counties
by name. Names are matched case- and space-insensitively (``"los  angeles"``, ``"LOS ANGELES"``,
``"Los Angeles County"`` and DOJ court codes such as ``"CASC San Francisco"`` all work).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
COURT_LOCATOR = "https://www.courts.ca.gov/find-my-court.htm"


@dataclass(frozen=True, slots=True)
class Office:
    name: str
    address: tuple[str, ...]
    phone: str | None
    email: str | None
    website: str | None


@dataclass(frozen=True, slots=True)
class County:
    name: str
    slug: str
    court: Office
    prosecutor: Office
    city_attorney_prosecutes_misdemeanors: bool
    city_attorney_note: str | None
    case_number_help: str | None
    program_summary: str | None
    program_started: str | None
    sources: tuple[str, ...]
    last_verified: str | None
    verified: bool
    detailed: bool


def normalise_name(name: str) -> str:
    """``"  Los  Angeles County "`` → ``"LOSANGELES"``: the key names are compared by."""
    words = re.sub(r"[^A-Z ]", " ", name.upper()).split()
    if words and words[0] in ("CASC", "CAMC"):  # DOJ court codes: "CASC San Francisco Co"
        words = words[1:]
    if words and words[-1] in ("COUNTY", "CO"):
        words = words[:-1]
    return "".join(words)


def _office(data: dict[str, Any] | None, fallback_name: str) -> Office:
    data = data or {}
    return Office(
        name=data.get("name") or fallback_name,
        address=tuple(data.get("address") or ()),
        phone=data.get("phone"),
        email=data.get("email"),
        website=data.get("website"),
    )


def _slug(name: str) -> str:
    return re.sub(r"[^a-z]+", "-", name.lower()).strip("-")


def _from_file(data: dict[str, Any]) -> County:
    name = data["name"]
    program = data.get("program") or {}
    return County(
        name=name,
        slug=_slug(name),
        court=_office(data.get("court"), f"Superior Court of California, County of {name}"),
        prosecutor=_office(data.get("prosecutor"), f"{name} County District Attorney's Office"),
        city_attorney_prosecutes_misdemeanors=bool(data.get("city_attorney_prosecutes_misdemeanors")),
        city_attorney_note=data.get("city_attorney_note"),
        case_number_help=data.get("case_number_help"),
        program_summary=program.get("summary"),
        program_started=str(program["started"]) if program.get("started") else None,
        sources=tuple(data.get("source") or ()),
        last_verified=str(data["last_verified"]) if data.get("last_verified") else None,
        verified=bool(data.get("verified")),
        detailed=True,
    )


def _plain(name: str) -> County:
    return County(
        name=name,
        slug=_slug(name),
        court=Office(f"Superior Court of California, County of {name}", (), None, None, COURT_LOCATOR),
        prosecutor=Office(f"{name} County District Attorney's Office", (), None, None, None),
        city_attorney_prosecutes_misdemeanors=False,
        city_attorney_note=None,
        case_number_help=None,
        program_summary=None,
        program_started=None,
        sources=("Judicial Council court locator",),
        last_verified=None,
        verified=False,
        detailed=False,
    )


@lru_cache(maxsize=1)
def _directory() -> tuple[tuple[County, ...], dict[str, County]]:
    counties: list[County] = []
    index: dict[str, County] = {}
    for path in sorted(HERE.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name == "others.yaml":
            for name in data["counties"]:
                counties.append(_plain(name))
            continue
        county = _from_file(data)
        counties.append(county)
        for alias in data.get("aliases") or ():
            index[normalise_name(alias)] = county
    for county in counties:
        index[normalise_name(county.name)] = county
        index[county.slug.replace("-", "").upper()] = county
    counties.sort(key=lambda c: c.name)
    return tuple(counties), index


def all_counties() -> tuple[County, ...]:
    """All 58 California counties, by name."""
    return _directory()[0]


@lru_cache(maxsize=4096)
def find(name: str | None) -> County | None:
    """The county for a name as people and records spell it, or None."""
    if not name:
        return None
    return _directory()[1].get(normalise_name(name))

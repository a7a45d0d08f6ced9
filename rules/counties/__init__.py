"""The county directory: the court, the District Attorney and the city attorneys, with sources.

One YAML file per county (all 58). Each office says where its facts came from (``source``, the
page) and when they were read there (``checked``). An office is ``verified`` only when both are
given and the office is complete (name, street address, phone): the surfaces say "check this
address with the court before you serve" for every other office, and print only what is known.
Nothing is guessed: a value the court's or county's own pages did not give is left out.

Names are matched case- and space-insensitively (``"los  angeles"``, ``"LOS ANGELES"``,
``"Los Angeles County"`` and DOJ court codes such as ``"CASC San Francisco"`` all work).
See docs/counties.md for the file format and the rules the data test enforces.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..yamlfile import read_yaml

HERE = Path(__file__).parent
COURT_LOCATOR = "https://www.courts.ca.gov/find-my-court.htm"

DEFAULT_CITY_ATTORNEY_NOTE = (
    "In some cities misdemeanors are prosecuted by the city attorney, not the DA. "
    "Serve the office that prosecuted your case."
)


class CountyDataError(ValueError):
    """A county file is malformed: names the file and the field."""


@dataclass(frozen=True, slots=True)
class Office:
    """A public office: where to file or serve, how to reach it, and where the facts came from.

    ``address`` is the street address (where papers are filed or served in person);
    ``mailing_address`` is given only where the office publishes a different one.
    """

    name: str
    address: tuple[str, ...]
    phone: str | None
    email: str | None
    website: str | None
    mailing_address: tuple[str, ...] = ()
    hours: str | None = None
    efiling: bool | None = None  # e-filing available for criminal petitions; None = not published
    record_clearance: str | None = None  # its Prop 64 / record-clearance page, phone, email or form
    source: str | None = None  # the page the facts were read on
    checked: str | None = None  # ISO date they were read there
    verified: bool = False  # True only with a source, a date and a complete entry
    #: which of ``address`` and ``phone`` belong to the office's victim services desk rather than
    #: its main office (the only ones found); a person is told to ask to be passed on
    victim_services: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        """Has everything a person needs to file or serve: name, street address and phone."""
        return bool(self.name and self.address and self.phone)


@dataclass(frozen=True, slots=True)
class CityAttorney(Office):
    """A city attorney who prosecutes misdemeanors committed in ``cities``."""

    cities: tuple[str, ...] = ()


OFFICE_KEYS = frozenset(f.name for f in fields(Office))
CITY_ATTORNEY_KEYS = OFFICE_KEYS | {"cities"}
COUNTY_KEYS = frozenset(
    {"name", "aliases", "court", "da", "city_attorneys", "city_attorney_note", "case_number_help", "program", "sources"}
)


@dataclass(frozen=True, slots=True)
class County:
    name: str
    slug: str
    court: Office
    prosecutor: Office
    city_attorneys: tuple[CityAttorney, ...]
    city_attorney_note: str | None
    case_number_help: str | None
    program_summary: str | None
    program_started: str | None
    program_sources: tuple[str, ...]
    aliases: tuple[str, ...]

    @property
    def da(self) -> Office:
        """The District Attorney's office (the same object as ``prosecutor``)."""
        return self.prosecutor

    @property
    def city_attorney_prosecutes_misdemeanors(self) -> bool:
        return bool(self.city_attorneys)

    @property
    def detailed(self) -> bool:
        """Whether the directory has county-specific guidance (a DA program or case-number help)."""
        return bool(self.program_summary or self.case_number_help)

    def offices(self) -> tuple[tuple[str, Office], ...]:
        """Every office with its role: ``("court", …)``, ``("da", …)``, ``("city_attorney", …)``."""
        return (("court", self.court), ("da", self.prosecutor)) + tuple(
            ("city_attorney", c) for c in self.city_attorneys
        )

    def unverified_offices(self) -> tuple[str, ...]:
        """Names of the offices whose details must be checked with the office before serving."""
        return tuple(office.name for _, office in self.offices() if not office.verified)

    def city_attorney_for(self, city: str | None) -> CityAttorney | None:
        """The city attorney who prosecutes misdemeanors in ``city``, or None (then the DA does)."""
        if not city:
            return None
        key = _city_key(city)
        for attorney in self.city_attorneys:
            if any(_city_key(c) == key for c in attorney.cities):
                return attorney
        return None

    @property
    def sources(self) -> tuple[str, ...]:
        """Every page this county's entry rests on: the offices' sources, then the program's."""
        found = [o.source for _, o in self.offices() if o.source] + list(self.program_sources)
        return tuple(dict.fromkeys(found))

    @property
    def verified(self) -> bool:
        """True when every office of the county is verified."""
        return all(o.verified for _, o in self.offices())

    @property
    def last_verified(self) -> str | None:
        """The latest date any office was checked, or None."""
        dates = [o.checked for _, o in self.offices() if o.checked]
        return max(dates) if dates else None


def normalise_name(name: str) -> str:
    """``"  Los  Angeles County "`` → ``"LOSANGELES"``: the key names are compared by."""
    words = re.sub(r"[^A-Z ]", " ", name.upper()).split()
    if words and words[0] in ("CASC", "CAMC"):  # DOJ court codes: "CASC San Francisco Co"
        words = words[1:]
    if words and words[-1] in ("COUNTY", "CO"):
        words = words[:-1]
    return "".join(words)


def _city_key(city: str) -> str:
    """``" city of  Long beach "`` → ``"LONGBEACH"``."""
    words = re.sub(r"[^A-Z ]", " ", city.upper()).split()
    if words[:2] == ["CITY", "OF"]:
        words = words[2:]
    return "".join(words)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z]+", "-", name.lower()).strip("-")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return str(value).strip() or None


def _lines(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not all(isinstance(v, str) for v in value):
        raise CountyDataError(f"{where}: must be a list of lines")
    return tuple(value)


def _iso(value: Any, where: str) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise CountyDataError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


DESK_FIELDS = ("address", "phone")


def _desk(value: Any, where: str) -> tuple[str, ...]:
    items = _lines(value, where)
    wrong = [item for item in items if item not in DESK_FIELDS]
    if wrong:
        raise CountyDataError(f"{where}: {', '.join(wrong)} is not one of {', '.join(DESK_FIELDS)}")
    return items


def _office_args(data: dict[str, Any] | None, fallback_name: str, where: str, allowed: frozenset[str]) -> dict[str, Any]:
    data = data or {}
    unknown = set(data) - allowed
    if unknown:
        raise CountyDataError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    efiling = data.get("efiling")
    if efiling is not None and not isinstance(efiling, bool):
        raise CountyDataError(f"{where}.efiling: must be true, false or null")
    args = {
        "name": _text(data.get("name")) or fallback_name,
        "address": _lines(data.get("address"), f"{where}.address"),
        "phone": _text(data.get("phone")),
        "email": _text(data.get("email")),
        "website": _text(data.get("website")),
        "mailing_address": _lines(data.get("mailing_address"), f"{where}.mailing_address"),
        "hours": _text(data.get("hours")),
        "efiling": efiling,
        "record_clearance": _text(data.get("record_clearance")),
        "source": _text(data.get("source")),
        "checked": _iso(data.get("checked"), f"{where}.checked"),
        "verified": bool(data.get("verified")),
        "victim_services": _desk(data.get("victim_services"), f"{where}.victim_services"),
    }
    for item in args["victim_services"]:
        if not args[item]:
            raise CountyDataError(f"{where}.victim_services: names the {item}, but the office has none")
    if args["verified"] and not (args["source"] and args["checked"]):
        raise CountyDataError(f"{where}: verified needs a source and a checked date")
    if args["verified"] and not (args["name"] and args["address"] and args["phone"]):
        raise CountyDataError(f"{where}: verified needs a name, a street address and a phone")
    return args


def _from_file(data: dict[str, Any], where: str) -> County:
    if not isinstance(data, dict) or not data.get("name"):
        raise CountyDataError(f"{where}: needs a name")
    unknown = set(data) - COUNTY_KEYS
    if unknown:
        raise CountyDataError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    name = data["name"]
    program = data.get("program") or {}
    court = Office(**_office_args(data.get("court"), f"Superior Court of California, County of {name}",
                                  f"{where}: court", OFFICE_KEYS))
    if not court.website:  # the Judicial Council's locator leads to every court
        court = replace(court, website=COURT_LOCATOR)
    da = Office(**_office_args(data.get("da"), f"{name} County District Attorney's Office", f"{where}: da", OFFICE_KEYS))
    attorneys = []
    for i, entry in enumerate(data.get("city_attorneys") or ()):
        here = f"{where}: city_attorneys[{i}]"
        args = _office_args(entry, "", here, CITY_ATTORNEY_KEYS)
        if not args["name"]:
            raise CountyDataError(f"{here}: needs a name")
        attorneys.append(CityAttorney(**args, cities=_lines(entry.get("cities"), f"{here}.cities")))
    note = _text(data.get("city_attorney_note"))
    return County(
        name=name,
        slug=_slug(name),
        court=court,
        prosecutor=da,
        city_attorneys=tuple(attorneys),
        city_attorney_note=note or (DEFAULT_CITY_ATTORNEY_NOTE if attorneys else None),
        case_number_help=_text(data.get("case_number_help")),
        program_summary=_text(program.get("summary")),
        program_started=_iso(program.get("started"), f"{where}: program.started"),
        program_sources=_lines(data.get("sources"), f"{where}: sources"),
        aliases=_lines(data.get("aliases"), f"{where}: aliases"),
    )


def load(path: Path) -> County:
    """One county file, checked field by field."""
    return _from_file(read_yaml(path), path.name)


@lru_cache(maxsize=1)
def _directory() -> tuple[tuple[County, ...], dict[str, County]]:
    counties = sorted((load(path) for path in HERE.glob("*.yaml")), key=lambda c: c.name)
    index: dict[str, County] = {}
    for county in counties:
        for key in _keys(county):
            index[key] = county
    return tuple(counties), index


def _keys(county: County) -> Iterator[str]:
    yield normalise_name(county.name)
    yield county.slug.replace("-", "").upper()
    for alias in county.aliases:
        yield normalise_name(alias)


def all_counties() -> tuple[County, ...]:
    """All 58 California counties, by name."""
    return _directory()[0]


@lru_cache(maxsize=4096)
def find(name: str | None) -> County | None:
    """The county for a name as people and records spell it, or None."""
    if not name:
        return None
    return _directory()[1].get(normalise_name(name))

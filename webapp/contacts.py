"""The county directory as the website shows it: the court's criminal clerk, the District
Attorney, and the City Attorney where one prosecuted, each with a text address and a phone.

An entry without a source is shown with "check this address with the court before you serve".
When the directory has no way to reach an office, the page says so and gives the court locator,
never a bare "contact the DA".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rules import counties

COURT_LOCATOR = counties.COURT_LOCATOR


@dataclass
class OfficeView:
    name: str
    address: list[str]
    phone: str | None
    website: str | None
    email: str | None = None
    mailing: list[str] = field(default_factory=list)
    hours: str | None = None
    record_clearance: str | None = None  # its Prop 64 / record-clearance page (a web address)
    record_clearance_email: str | None = None
    record_clearance_phone: str | None = None
    efiling: bool | None = None
    verified: bool = False
    cities: list[str] = field(default_factory=list)  # for a City Attorney: the cities covered
    victim_services: list[str] = field(default_factory=list)  # "address", "phone": the victim services desk's

    @property
    def reachable(self) -> bool:
        """Whether the page gives a way to reach this office (address, phone or website)."""
        return bool(self.address or self.phone or self.website or self.email
                    or self.record_clearance or self.record_clearance_email
                    or self.record_clearance_phone)


@dataclass
class CountyView:
    name: str
    court: OfficeView
    prosecutor: OfficeView
    detailed: bool
    case_number_help: str | None
    program_summary: str | None
    city_attorneys: list[OfficeView] = field(default_factory=list)

    @property
    def clerk(self) -> str:
        """The office a person asks "was my case already cleared?" (the criminal clerk)."""
        return self.court.name


def office_view(office: counties.Office) -> OfficeView:
    """One directory entry, as the page shows it."""
    return OfficeView(
        name=office.name,
        address=list(office.address),
        phone=office.phone,
        website=office.website,
        email=office.email,
        mailing=list(office.mailing_address),
        hours=office.hours,
        **_record_clearance(office.record_clearance),
        efiling=office.efiling,
        verified=office.verified,
        cities=list(getattr(office, "cities", ())),
        victim_services=list(office.victim_services),
    )


_URL = re.compile(r"https?://\S+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\b\d{3}-\d{3}-\d{4}\b")


def _record_clearance(text: str | None) -> dict[str, str | None]:
    """The office's record-clearance contact as a web page, an email or a phone number. The
    directory's notes around it are English prose for editors, so they are not shown."""
    found = {"record_clearance": _URL, "record_clearance_email": _EMAIL,
             "record_clearance_phone": _PHONE}
    return {key: (m.group(0) if text and (m := pattern.search(text)) else None)
            for key, pattern in found.items()}


def _city_attorneys(county: counties.County, cities: list[str] | None) -> list[OfficeView]:
    if cities is None:
        return [office_view(o) for o in county.city_attorneys]
    found = (county.city_attorney_for(city) for city in cities)
    return [office_view(o) for o in dict.fromkeys(f for f in found if f is not None)]


def county_view(name: str | None, cities: list[str] | None = None) -> CountyView | None:
    """The county's offices. ``cities``: the City Attorneys of these cities only (``[]`` for
    none); ``None`` lists every City Attorney that prosecutes misdemeanors in the county."""
    county = counties.find(name) if name else None
    if county is None:
        return None
    return CountyView(
        name=county.name,
        court=office_view(county.court),
        prosecutor=office_view(county.da),
        detailed=county.detailed,
        case_number_help=county.case_number_help,
        program_summary=county.program_summary,
        city_attorneys=_city_attorneys(county, cities),
    )


def city_choices(name: str | None) -> list[str]:
    """Cities whose City Attorney prosecutes misdemeanors in this county (none: don't ask)."""
    county = counties.find(name) if name else None
    if county is None:
        return []
    return list(dict.fromkeys(city for office in county.city_attorneys for city in office.cities))


def cities_named(answers: list[dict[str, Any]]) -> list[str] | None:
    """Which City Attorneys a person's answers point to: the cities they named; every one when
    they were not sure (``None``); none when the question never applied or was "elsewhere"."""
    named = [conv["ct"] for conv in answers if conv.get("ct")]
    if "?" in named:
        return None
    return list(dict.fromkeys(c for c in named if c != "other"))

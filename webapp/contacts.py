"""The county directory as the website shows it: the court's criminal clerk, the District
Attorney, and the City Attorney where one prosecuted, each with a text address and a phone.

An entry without a source is shown with "check this address with the court before you serve".
When the directory has no way to reach an office, the page says so and gives the court locator,
never a bare "contact the DA".
"""

from __future__ import annotations

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
    record_clearance: str | None = None  # the office's own Prop 64 / record-clearance page
    efiling: bool | None = None
    verified: bool = False
    cities: list[str] = field(default_factory=list)  # for a City Attorney: the cities covered

    @property
    def reachable(self) -> bool:
        """Whether the page gives a way to reach this office (address, phone or website)."""
        return bool(self.address or self.phone or self.website or self.email
                    or self.record_clearance)


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


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or None
    return str(value) or None


def _lines(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def office_view(office: Any, county_verified: bool = False) -> OfficeView:
    """One directory entry; fields the directory does not carry yet are simply absent."""
    verified = getattr(office, "verified", None)
    return OfficeView(
        name=office.name,
        address=_lines(getattr(office, "address", None)),
        phone=getattr(office, "phone", None),
        website=getattr(office, "website", None),
        email=getattr(office, "email", None),
        mailing=_lines(getattr(office, "mailing_address", None)),
        hours=_text(getattr(office, "hours", None)),
        record_clearance=_text(getattr(office, "record_clearance", None)),
        efiling=getattr(office, "efiling", None),
        verified=bool(county_verified if verified is None else verified),
        cities=_lines(getattr(office, "cities", None)),
    )


def _city_attorneys(county: Any, city: str | None) -> list[OfficeView]:
    verified = bool(getattr(county, "verified", False))
    if city and hasattr(county, "city_attorney_for"):
        found = county.city_attorney_for(city)
        return [office_view(found, verified)] if found is not None else []
    if city:
        return []
    return [office_view(o, verified) for o in getattr(county, "city_attorneys", ()) or ()]


def county_view(name: str | None, city: str | None = None) -> CountyView | None:
    """The county's offices. With ``city``, only that city's City Attorney (if it has one)."""
    county = counties.find(name) if name else None
    if county is None:
        return None
    verified = bool(getattr(county, "verified", False))
    da = getattr(county, "da", None) or county.prosecutor
    return CountyView(
        name=county.name,
        court=office_view(county.court, verified),
        prosecutor=office_view(da, verified),
        detailed=county.detailed,
        case_number_help=county.case_number_help,
        program_summary=county.program_summary,
        city_attorneys=_city_attorneys(county, city),
    )


def city_choices(name: str | None) -> list[str]:
    """Cities whose City Attorney prosecutes misdemeanors in this county (none: don't ask)."""
    county = counties.find(name) if name else None
    if county is None:
        return []
    cities: list[str] = []
    for office in getattr(county, "city_attorneys", ()) or ():
        for city in _lines(getattr(office, "cities", None)):
            if city not in cities:
                cities.append(city)
    return cities

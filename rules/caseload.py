"""Validate a case file (docs/case-file.md) into a frozen :class:`~rules.model.Case`.

Every problem is collected and reported with the path of the field it concerns, so a person
fixing a file sees all of them at once. Nothing is half-loaded: either a whole Case comes
back, or :class:`CaseError` is raised.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from . import counties, lawdata
from .large import LargeCase
from .model import (
    Case,
    Conduct,
    Conviction,
    EarlierRelief,
    EnvironmentalStatute,
    Forum,
    GrantedRelief,
    Level,
    OtherCaseStatus,
    OtherConviction,
    Person,
    PriorRelief,
    ReliefRoute,
    SentenceStatus,
)

MAX_GRAMS = 10_000_000.0  # ten tonnes: larger is a typing error, not a case
MAX_PLANTS = 1_000_000
MAX_AGE = 120
MAX_COUNT = 999  # counts within one case
MAX_PROBLEMS = 1000  # a file this wrong is reported in part
EARLIEST_DATE = date(1900, 1, 1)


@dataclass(frozen=True, slots=True)
class Problem:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class CaseError(ValueError):
    """The case file is malformed; ``problems`` names each field and what is wrong."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def keys(self, obj: Mapping[str, Any], allowed: frozenset[str], path: str) -> None:
        for key in obj:
            if key not in allowed:
                where = f"{path}.{key}" if path else str(key)
                self.add(where, "unknown key")

    def mapping(self, value: Any, path: str) -> Mapping[str, Any] | None:
        if value is None:
            return None
        if not isinstance(value, Mapping):
            self.add(path, "must be an object")
            return None
        return value

    def text(self, value: Any, path: str, *, required: bool = False) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(path, "is required")
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.add(path, "must be text")
            return None
        if len(value) > 200:
            self.add(path, "is too long (200 characters at most)")
            return None
        return value.strip()

    def day(self, value: Any, path: str, as_of: date | None = None) -> date | None:
        if value is None or value == "":
            return None
        if isinstance(value, date):
            parsed = value
        elif isinstance(value, str):
            try:
                parsed = date.fromisoformat(value.strip())
            except ValueError:
                self.add(path, f"not a date: {value!r} (expected YYYY-MM-DD)")
                return None
            if len(value.strip()) != 10:
                self.add(path, f"not a date: {value!r} (expected YYYY-MM-DD)")
                return None
        else:
            self.add(path, "must be a date as text, YYYY-MM-DD")
            return None
        if parsed < EARLIEST_DATE:
            self.add(path, f"{parsed.isoformat()} is before 1900")
            return None
        return parsed

    def boolean(self, value: Any, path: str) -> bool | None:
        if value is None:
            return None
        if not isinstance(value, bool):
            self.add(path, "must be true, false or null")
            return None
        return value

    def number(
        self, value: Any, path: str, *, integer: bool, maximum: float
    ) -> int | float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.add(path, "must be a number or null")
            return None
        if integer and isinstance(value, float):
            if not value.is_integer():
                self.add(path, "must be a whole number")
                return None
            value = int(value)
        if math.isnan(value) or value < 0:
            self.add(path, "cannot be negative")
            return None
        if value > maximum:
            self.add(path, f"is impossibly large (more than {maximum:g})")
            return None
        return int(value) if integer else float(value)

    def choice(self, value: Any, path: str, enum: type[StrEnum]) -> Any:
        if value is None:
            return None
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(m.value for m in enum)
            self.add(path, f"{value!r} is not one of: {allowed}")
            return None


_CASE_KEYS = frozenset({"county", "person", "convictions", "other_convictions"})
_PERSON_KEYS = frozenset({"date_of_birth", "deceased", "other_case_status"})
_CONVICTION_KEYS = frozenset(
    {
        "case_number",
        "code",
        "level",
        "forum",
        "offense_date",
        "conviction_date",
        "age_at_offense",
        "sentence_status",
        "conduct",
        "quantity_grams",
        "concentrated",
        "plants",
        "sold_to_minor",
        "used_minor",
        "minor_age",
        "school_grounds",
        "environmental_violation",
        "import_export",
        "prior_relief",
        "already_cleared",
        "relief_granted",
        "ab1793_identified",
        "ab1793_challenged",
        "count",
        "environmental_statutes",
        "recipient_age",
    }
)
_OTHER_KEYS = frozenset(
    {"code", "level", "conviction_date", "case_number", "super_strike", "pc290_registrable", "count"}
)
_GRANTED_KEYS = frozenset({"route", "date"})
_EARLIER_KEYS = frozenset({"kind", "date", "original_level"})
#: the earliest date each kind of relief could have been granted (the law that created it)
_RELIEF_FROM = {
    PriorRelief.PROP47_REDESIGNATED: lawdata.ERAS["prop47"],
    PriorRelief.HS11361_8_GRANTED: lawdata.EFFECTIVE_DATE,
}


def load_case(data: Any) -> Case:
    """Validate ``data`` (parsed JSON) and return a frozen Case, or raise CaseError."""
    if not isinstance(data, Mapping):
        raise CaseError([Problem("case", "must be an object")])
    raw_convictions = data.get("convictions")
    if not isinstance(raw_convictions, list):
        return load_case_parts(data, None)
    return load_case_parts(data, raw_convictions)


def load_case_parts(header: Mapping[str, Any], convictions: Iterable[Any] | None) -> Case:
    """Validate a case file given as its top-level fields and, apart, its convictions.

    ``convictions`` may be a generator over a file being read: each item is validated and
    turned into a small frozen Conviction as it comes, so a case of any size never holds its
    parsed JSON at once. ``header["convictions"]`` is ignored. ``None`` means the file had no
    list of convictions."""
    c = _Collector()
    county, person = _header(c, header)
    found = list(_convictions(c, convictions, person.date_of_birth))
    others = _others(c, header)
    if c.problems:
        raise CaseError(c.problems[:MAX_PROBLEMS])
    return Case(county=county, person=person, convictions=tuple(found), other_convictions=others)


def load_large_case(header: Mapping[str, Any], read: Callable[[], Iterable[Any]]) -> LargeCase:
    """Validate a case file too large to hold, without holding it: ``read()`` gives the
    convictions anew each time it is called (a file read again), one at a time.

    The fields outside the convictions are validated here. The convictions are validated as
    they are read: a reading that found a problem raises CaseError, with every problem, once it
    has read them all (the engine reads them all before it gives out anything, ``rules.large``).
    When the fields outside them have problems too, the convictions are read here, so that
    every problem is reported at once, in the order ``load_case_parts`` reports them."""
    c = _Collector()
    county, person = _header(c, header)
    others = _others(c, header)
    if c.problems:
        c = _Collector()
        _header(c, header)
        for _ in _convictions(c, read(), person.date_of_birth):
            pass
        _others(c, header)
        raise CaseError(c.problems[:MAX_PROBLEMS])
    case = Case(county=county, person=person, convictions=(), other_convictions=others)

    def convictions() -> Iterator[Conviction]:
        checked = _Collector()
        yield from _convictions(checked, read(), person.date_of_birth)
        if checked.problems:
            raise CaseError(checked.problems[:MAX_PROBLEMS])

    return LargeCase(case, convictions)


def _header(c: _Collector, header: Mapping[str, Any]) -> tuple[str | None, Person]:
    c.keys(header, _CASE_KEYS, "")
    county = _county(c, header.get("county"))
    person_data = c.mapping(header.get("person"), "person") or {}
    c.keys(person_data, _PERSON_KEYS, "person")
    person = Person(
        date_of_birth=c.day(person_data.get("date_of_birth"), "person.date_of_birth"),
        deceased=c.boolean(person_data.get("deceased"), "person.deceased"),
        other_case_status=c.choice(
            person_data.get("other_case_status"), "person.other_case_status", OtherCaseStatus
        ),
    )
    return county, person


def _convictions(c: _Collector, items: Iterable[Any] | None, dob: date | None) -> Iterator[Conviction]:
    """The valid convictions among ``items``, one at a time; the problems go to ``c``."""
    given = 0
    for i, item in enumerate(items or ()):
        given += 1
        conviction = _conviction(c, item, f"convictions[{i}]", dob)
        if conviction is not None:
            yield conviction
        if len(c.problems) > MAX_PROBLEMS:
            break
    if not given:
        c.add("convictions", "must be a list with at least one conviction")


def _others(c: _Collector, header: Mapping[str, Any]) -> tuple[OtherConviction, ...]:
    raw_others = header.get("other_convictions") or []
    if not isinstance(raw_others, list):
        c.add("other_convictions", "must be a list")
        raw_others = []
    others = tuple(_other(c, item, f"other_convictions[{i}]") for i, item in enumerate(raw_others))
    return tuple(x for x in others if x is not None)


def _conviction(c: _Collector, item: Any, path: str, dob: date | None) -> Conviction | None:
    data = c.mapping(item, path)
    if data is None:
        if item is None:
            c.add(path, "must be an object")
        return None
    c.keys(data, _CONVICTION_KEYS, path)
    code = c.text(data.get("code"), f"{path}.code", required=True)
    offense = c.day(data.get("offense_date"), f"{path}.offense_date")
    convicted = c.day(data.get("conviction_date"), f"{path}.conviction_date")
    if offense and convicted and offense > convicted:
        c.add(f"{path}.offense_date", "is after the conviction date")
    if dob and offense and offense < dob:
        c.add(f"{path}.offense_date", "is before the date of birth")
    if dob and convicted and convicted < dob:
        c.add(f"{path}.conviction_date", "is before the date of birth")
    age = c.number(data.get("age_at_offense"), f"{path}.age_at_offense", integer=True, maximum=MAX_AGE)
    minor_age = c.number(data.get("minor_age"), f"{path}.minor_age", integer=True, maximum=MAX_AGE)
    earlier = _earlier_relief(c, data.get("prior_relief"), f"{path}.prior_relief", convicted)
    granted = _granted(c, data.get("relief_granted"), f"{path}.relief_granted", convicted)
    identified = c.boolean(data.get("ab1793_identified"), f"{path}.ab1793_identified")
    challenged = c.boolean(data.get("ab1793_challenged"), f"{path}.ab1793_challenged")
    cleared = c.boolean(data.get("already_cleared"), f"{path}.already_cleared")
    if challenged and identified is False:
        c.add(f"{path}.ab1793_challenged", "is true, but ab1793_identified is false: "
              "a DA can only challenge a conviction DOJ identified")
    if granted and granted.route is ReliefRoute.HS11361_9 and identified is False:
        c.add(f"{path}.relief_granted.route", "is hs11361_9, but ab1793_identified is false")
    if granted and cleared is False:
        c.add(f"{path}.relief_granted", "is given, but already_cleared is false")
    environmental_violation = c.boolean(
        data.get("environmental_violation"), f"{path}.environmental_violation"
    )
    statutes = _choices(c, data.get("environmental_statutes"), f"{path}.environmental_statutes",
                        EnvironmentalStatute)
    if statutes and environmental_violation is False:
        c.add(f"{path}.environmental_statutes", "names a violation, but environmental_violation is false")
    if code is None:
        return None
    return Conviction(
        code=code,
        case_number=c.text(data.get("case_number"), f"{path}.case_number"),
        level=c.choice(data.get("level"), f"{path}.level", Level),
        forum=c.choice(data.get("forum"), f"{path}.forum", Forum) or Forum.ADULT,
        offense_date=offense,
        conviction_date=convicted,
        age_at_offense=age,  # type: ignore[arg-type]
        sentence_status=c.choice(data.get("sentence_status"), f"{path}.sentence_status", SentenceStatus),
        conduct=c.choice(data.get("conduct"), f"{path}.conduct", Conduct),
        quantity_grams=c.number(
            data.get("quantity_grams"), f"{path}.quantity_grams", integer=False, maximum=MAX_GRAMS
        ),
        concentrated=c.boolean(data.get("concentrated"), f"{path}.concentrated"),
        plants=c.number(data.get("plants"), f"{path}.plants", integer=True, maximum=MAX_PLANTS),  # type: ignore[arg-type]
        sold_to_minor=c.boolean(data.get("sold_to_minor"), f"{path}.sold_to_minor"),
        used_minor=c.boolean(data.get("used_minor"), f"{path}.used_minor"),
        minor_age=minor_age,  # type: ignore[arg-type]
        school_grounds=c.boolean(data.get("school_grounds"), f"{path}.school_grounds"),
        environmental_violation=environmental_violation,
        import_export=c.boolean(data.get("import_export"), f"{path}.import_export"),
        prior_relief=tuple(dict.fromkeys(e.kind for e in earlier)),
        already_cleared=cleared,
        relief_granted=granted,
        ab1793_identified=identified,
        ab1793_challenged=challenged,
        earlier_relief=earlier,
        count=_count(c, data.get("count"), f"{path}.count"),
        environmental_statutes=statutes,
        recipient_age=c.number(  # type: ignore[arg-type]
            data.get("recipient_age"), f"{path}.recipient_age", integer=True, maximum=MAX_AGE
        ),
    )


def _other(c: _Collector, item: Any, path: str) -> OtherConviction | None:
    data = c.mapping(item, path)
    if data is None:
        if item is None:
            c.add(path, "must be an object")
        return None
    c.keys(data, _OTHER_KEYS, path)
    code = c.text(data.get("code"), f"{path}.code", required=True)
    other = OtherConviction(
        code=code or "",
        level=c.choice(data.get("level"), f"{path}.level", Level),
        conviction_date=c.day(data.get("conviction_date"), f"{path}.conviction_date"),
        case_number=c.text(data.get("case_number"), f"{path}.case_number"),
        super_strike=c.boolean(data.get("super_strike"), f"{path}.super_strike"),
        pc290_registrable=c.boolean(data.get("pc290_registrable"), f"{path}.pc290_registrable"),
        count=_count(c, data.get("count"), f"{path}.count"),
    )
    return other if code else None


def _county(c: _Collector, value: Any) -> str | None:
    """A California county by any spelling (docs/case-file.md); anything else is refused with
    the list, because the county decides the court, the DA and the program."""
    name = c.text(value, "county")
    if name is not None and counties.find(name) is None:
        known = ", ".join(county.name for county in counties.all_counties())
        c.add("county", f"{name!r} is not a California county; the 58 counties are: {known}")
        return None
    return name


def _count(c: _Collector, value: Any, path: str) -> int | None:
    number = c.number(value, path, integer=True, maximum=MAX_COUNT)
    if number == 0:
        c.add(path, "counts are numbered from 1")
        return None
    return number  # type: ignore[return-value]


def _choices(c: _Collector, value: Any, path: str, enum: type[StrEnum]) -> tuple[Any, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        c.add(path, "must be a list")
        return ()
    found = (c.choice(item, f"{path}[{j}]", enum) for j, item in enumerate(value))
    return tuple(dict.fromkeys(x for x in found if x is not None))


def _not_before(c: _Collector, day: date | None, path: str, earliest: date | None, what: str) -> None:
    if day is not None and earliest is not None and day < earliest:
        c.add(path, f"{day.isoformat()} is before {what} ({earliest.isoformat()})")


def _granted(c: _Collector, value: Any, path: str, convicted: date | None) -> GrantedRelief | None:
    """``relief_granted``: ``{"route": "hs11361_8" | "hs11361_9" | null, "date": …}``."""
    data = c.mapping(value, path)
    if data is None:
        return None
    c.keys(data, _GRANTED_KEYS, path)
    granted = GrantedRelief(
        route=c.choice(data.get("route"), f"{path}.route", ReliefRoute),
        date=c.day(data.get("date"), f"{path}.date"),
    )
    _not_before(c, granted.date, f"{path}.date", lawdata.EFFECTIVE_DATE, "Prop 64 took effect")
    _not_before(c, granted.date, f"{path}.date", convicted, "the conviction date")
    return granted


def _earlier_relief(c: _Collector, value: Any, path: str, convicted: date | None) -> tuple[EarlierRelief, ...]:
    """``prior_relief``: each entry a kind (``"prop47_redesignated"``) or an object
    ``{"kind", "date", "original_level"}``; old files with bare kinds stay valid."""
    if value is None:
        return ()
    if not isinstance(value, list):
        c.add(path, "must be a list")
        return ()
    out: list[EarlierRelief] = []
    for j, item in enumerate(value):
        where = f"{path}[{j}]"
        if not isinstance(item, Mapping):
            kind = c.choice(item, where, PriorRelief)
            if kind is not None:
                out.append(EarlierRelief(kind))
            continue
        c.keys(item, _EARLIER_KEYS, where)
        kind = c.choice(item.get("kind"), f"{where}.kind", PriorRelief)
        if item.get("kind") is None:
            c.add(f"{where}.kind", "is required")
        day = c.day(item.get("date"), f"{where}.date")
        level = c.choice(item.get("original_level"), f"{where}.original_level", Level)
        if kind is None:
            continue
        if level is not None and kind is not PriorRelief.PROP47_REDESIGNATED:
            c.add(f"{where}.original_level", "applies only to a redesignation (prop47_redesignated)")
        _not_before(c, day, f"{where}.date", _RELIEF_FROM.get(kind), "that relief existed")
        _not_before(c, day, f"{where}.date", convicted, "the conviction date")
        out.append(EarlierRelief(kind, day, level))
    return tuple(out)

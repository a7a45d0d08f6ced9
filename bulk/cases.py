"""One person's rows → the engine's case file (docs/case-file.md).

``convictions`` are the Prop 64 counts (HS 11357–11360, their wrappers and the pre-1973
predecessor sections) convicted in the chosen county; ``other_convictions`` is every other
conviction on the record, in any county, with its date, so the engine can tell which came
before the offense. Unknown facts stay unknown (``None``): a missing or unreadable date of
birth is an unknown date of birth, never year 1.

Which rows mean what (DOJ file, see docs/generic-csv.md for the generic file):

* a **conviction** is a row whose ``DISP_DESCR`` starts with ``CONVICTED`` (any case);
  rows repeating the same ``CNT_ORDER`` are further parts of the same count's sentence;
* the **code** is ``OFFENSE_DESCR`` up to the first ``-``, or ``COMMENT_TEXT`` the same way
  when the description is empty or ``SEE COMMENT FOR CHARGE``; it is read by
  :func:`rules.codes.parse_code` (exact sections, never substrings);
* the **level** is ``CONV_STAT_DESCR`` (felony / misdemeanor / infraction), or the type of
  charge ``OFFENSE_TOC`` (F / M / I) when the status is empty; otherwise unknown;
* the **conviction date** is ``STP_EVENT_DATE`` (``DISP_DATE`` when that is empty); the
  **offense date** is the arrest-cycle date ``CYC_DATE`` when it is not later than the
  conviction;
* the **sentence** runs from the conviction date for ``SENT_LENGTH`` days, months or years
  (``SENT_TIME_CODE`` D / M / Y), all parts added; it is ``serving`` when that end is after
  ``--as-of``, ``completed`` when it is not or the sentence was a fine only, unknown otherwise;
* **juvenile** when the court step's agency type (``STP_ORI_TYPE_DESCR``) or the disposition
  names a juvenile court;
* **deceased** when any row has the step type ``DECEASED`` (otherwise unknown);
* a ``REGISTRATION`` step for PC 290 counts as a PC 290 registrable prior dated on the
  registration;
* a count whose later row mentions HS 11361.8 or 11361.9 relief is ``already_cleared``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from rules import counties
from rules.codes import parse_code
from rules.lawdata import COVERED_SECTIONS, PREDECESSOR_SECTIONS
from rules.model import (
    Case,
    Conviction,
    Forum,
    Level,
    OtherConviction,
    Person,
    SentenceStatus,
)

from . import doj

EARLIEST = date(1900, 1, 1)
PROP64_SECTIONS = COVERED_SECTIONS | PREDECESSOR_SECTIONS
_LEVELS = {
    "FELONY": Level.FELONY,
    "MISDEMEANOR": Level.MISDEMEANOR,
    "INFRACTION": Level.INFRACTION,
    "F": Level.FELONY,
    "M": Level.MISDEMEANOR,
    "I": Level.INFRACTION,
}
_RELIEF = re.compile(r"11361\.[89]")
_COL = {name: i for i, name in enumerate(doj.USED)}
_DOB, _CYC_DATE, _EVENT, _STEP = _COL["PRI_DOB"], _COL["CYC_DATE"], _COL["STP_EVENT_DATE"], _COL["STP_TYPE_DESCR"]
_ORI_TYPE, _COUNTY, _ORDER = _COL["STP_ORI_TYPE_DESCR"], _COL["STP_ORI_CNTY_NAME"], _COL["CNT_ORDER"]
_DISP_DATE, _OFN, _DESCR, _TOC = _COL["DISP_DATE"], _COL["OFN"], _COL["OFFENSE_DESCR"], _COL["OFFENSE_TOC"]
_DISP, _STATUS, _PLACE = _COL["DISP_DESCR"], _COL["CONV_STAT_DESCR"], _COL["SENT_LOC_DESCR"]
_LENGTH, _UNIT, _COMMENT = _COL["SENT_LENGTH"], _COL["SENT_TIME_CODE"], _COL["COMMENT_TEXT"]
_CRT_CASE, _RACE, _GENDER = _COL["FE_NUM_CRT_CASE"], _COL["RACE_DESCR"], _COL["GENDER"]


class Warning_:
    """Data problems that do not stop a row from being evaluated (``prop64_warnings``)."""

    DOB_MISSING = "DOB_MISSING"
    DOB_UNREADABLE = "DOB_UNREADABLE"
    DATE_UNREADABLE = "DATE_UNREADABLE"
    DATE_INCONSISTENT = "DATE_INCONSISTENT"
    CODE_MISSING = "CODE_MISSING"


@lru_cache(maxsize=1 << 16)
def parse_ymd(text: str) -> tuple[date | None, bool]:
    """``YYYYMMDD`` (or ``YYYY-MM-DD``) → (date, unreadable?). Empty → (None, False)."""
    text = text.strip()
    if not text:
        return None, False
    digits = text.replace("-", "") if len(text) == 10 and text[4] == "-" and text[7] == "-" else text
    if len(digits) != 8 or not (digits.isascii() and digits.isdigit()):
        return None, True
    try:
        value = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None, True
    if value < EARLIEST:
        return None, True
    return value, False


#: DOJ's short text follows the code after a ``-``; a ``-`` before a digit joins two sections
#: (``664-11357(C) HS``, ``187-664 PC``) and belongs to the code.
_TEXT_DASH = re.compile(r"-(?!\s*\d)|(?<=[A-Za-z])\s*-")
#: A Prop 64 section number standing on its own (not 211357, 113600 or 11357.5).
#: ``664.11357`` and ``66411357`` are DOJ's attempt wrappers glued on.
MENTIONS_PROP64 = r"(?:(?<!\d)|(?<=664))(?:1135[789]|11360)(?!\d|\.\d)"


def _before_text(value: str) -> str:
    return _TEXT_DASH.split(value, 1)[0].strip() if value else ""


@lru_cache(maxsize=1 << 14)
def code_section(descr: str, comment: str) -> str:
    """The recorded code: the description before DOJ's text, or the comment's."""
    text = _before_text(descr)
    if not text or text.upper() == "SEE COMMENT FOR CHARGE":
        text = _before_text(comment)
    return text


@lru_cache(maxsize=1 << 14)
def is_prop64(code: str) -> bool:
    if not code:
        return False
    parsed = parse_code(code)
    return parsed.law == "HS" and parsed.section in PROP64_SECTIONS


_MENTIONS = re.compile(MENTIONS_PROP64)


@lru_cache(maxsize=1 << 14)
def mentions_prop64(text: str) -> bool:
    """The text names HS 11357-11360 as a number of its own, however the rest is spelled."""
    return bool(text) and _MENTIONS.search(text) is not None


@lru_cache(maxsize=1 << 14)
def is_candidate(code: str) -> bool:
    """A conviction the engine must see as a Prop 64 conviction: read as one, or naming one.

    A code that names 11357-11360 in a spelling the parser does not read still goes to the
    engine, which sends what it cannot read to review; it is never dropped as "another code".
    """
    return is_prop64(code) or mentions_prop64(code)


@lru_cache(maxsize=1 << 12)
def county_key(name: str) -> str:
    """The county's name as the directory keys it (a few hundred spellings in a file, each
    normalised once)."""
    return counties.normalise_name(name or "")


def add_period(start: date, length: int, unit: str) -> date | None:
    """``start`` plus ``length`` days, months or years (calendar arithmetic)."""
    try:
        if unit == "D":
            return date.fromordinal(start.toordinal() + length)
        if unit in ("M", "Y"):
            months = length * (12 if unit == "Y" else 1)
            year, month0 = divmod(start.month - 1 + months, 12)
            year += start.year
            day = min(start.day, calendar.monthrange(year, month0 + 1)[1])
            return date(year, month0 + 1, day)
    except (ValueError, OverflowError):
        return None
    return None


@dataclass(slots=True)
class Count:
    """One count: the first conviction row of a CNT_ORDER and any further sentence parts."""

    line: int
    key: str
    code: str
    level: Level | None
    juvenile: bool
    county: str
    case_key: str
    cycle_count: str
    conviction_date: date | None
    offense_date: date | None
    case_numbers: list[str]
    sentence_days: list[tuple[int, str]] = field(default_factory=list)
    fine_only: bool = False
    sentence_unknown: bool = False
    lines: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class PersonRecord:
    """What the pipeline knows about one person, and which rows go with which conviction."""

    person_id: str
    dob: date | None
    dob_text: str
    deceased: bool | None
    case: Case | None
    prop64_counts: list[Count]  # in case.convictions order
    warnings: list[str]
    other_felonies: int
    other_convictions: int
    race: str = ""
    gender: str = ""


class DojPerson:
    """Collects one subject's relevant DOJ rows (convictions, deaths, registrations)."""

    __slots__ = ("case_numbers", "counts", "deceased", "dob_text", "gender", "order", "person_id", "race",
                 "registrations", "relief", "wanted")

    def __init__(self, person_id: str, county: str | None = None):
        """``county``: the county whose Prop 64 convictions are evaluated, when known already
        (then the convictions of other counties are kept as other convictions from the start)."""
        self.person_id = person_id
        self.wanted = county_key(county) if county else None
        self.race = ""
        self.gender = ""
        self.dob_text: str | None = None
        self.deceased: bool | None = None
        self.counts: dict[str, Count] = {}
        self.order: list[str] = []
        self.registrations: list[tuple[int, date | None]] = []
        self.relief: dict[str, list[int]] = {}  # cycle+count → lines recording relief granted
        self.case_numbers: dict[str, list[str]] = {}

    def add(self, line: int, row: Sequence[str]) -> None:
        """``row`` holds the DOJ columns of :data:`bulk.doj.USED`, in that order."""
        if self.dob_text is None or (not self.dob_text and row[_DOB].strip()):
            self.dob_text = row[_DOB].strip()
        if not self.race:
            self.race = row[_RACE].strip().upper()
        if not self.gender:
            self.gender = row[_GENDER].strip().upper()
        step = row[_STEP].strip().upper()
        if step == "DECEASED":
            self.deceased = True
        disposition = row[_DISP].strip().upper()
        if step == "REGISTRATION" and row[_DESCR].strip().startswith("290"):
            self.registrations.append((line, parse_ymd(row[_EVENT])[0]))
        if not disposition.startswith("CONVICTED"):
            return
        order = row[_ORDER].strip()
        comment = row[_COMMENT]
        code = code_section(row[_DESCR], comment)
        case_key = order[:6] if len(order) >= 6 else f"line{line}"
        cycle_count = order[:3] + order[6:9] if len(order) >= 9 else f"line{line}"
        ofn = row[_OFN].strip() or row[_CRT_CASE].strip()
        if ofn and step == "COURT ACTION":
            numbers = self.case_numbers.setdefault(case_key, [])
            if ofn not in numbers:
                numbers.append(ofn)
        if ("11361." in disposition or "11361." in comment) and (
            _RELIEF.search(disposition) or _RELIEF.search(comment)
        ):
            self.relief.setdefault(cycle_count, []).append(line)
            return
        key = order if len(order) >= 3 else f"line{line}"
        count = self.counts.get(key)
        if count is None:
            if not is_candidate(code) or (self.wanted is not None and county_key(row[_COUNTY]) != self.wanted):
                self.counts[key] = _other_count(row, code, case_key)
                self.order.append(key)
                return
            count = self.counts[key] = _count(line, row, key, code, case_key, cycle_count, disposition)
            self.order.append(key)
        elif type(count) is tuple:
            return  # a further sentence part of another conviction: its sentence is never read
        count.lines.append(line)
        _add_sentence(count, row)

    def finish(self, county: str, as_of: date) -> PersonRecord:
        dob, dob_bad = parse_ymd(self.dob_text or "")
        person_warnings = []
        if dob is None:
            person_warnings.append(Warning_.DOB_UNREADABLE if dob_bad else Warning_.DOB_MISSING)
        wanted = county_key(county)
        prop64: list[Count] = []
        others: list[OtherConviction] = []
        other_felonies = 0
        for key in self.order:
            count = self.counts[key]
            if type(count) is tuple:
                code, level, convicted, case_key = count
                if not code:
                    continue
                if dob and convicted and convicted < dob:
                    convicted = None
                if level is Level.FELONY:
                    other_felonies += 1
                others.append(OtherConviction(
                    code=code[:200], level=level, conviction_date=convicted,
                    case_number="; ".join(self.case_numbers.get(case_key, ()))[:200] or None,
                ))
                continue
            count.case_numbers = self.case_numbers.get(count.case_key, [])
            if dob and count.conviction_date and count.conviction_date < dob:
                count.conviction_date = None
                count.warnings.append(Warning_.DATE_INCONSISTENT)
            if dob and count.offense_date and count.offense_date < dob:
                count.offense_date = None
                count.warnings.append(Warning_.DATE_INCONSISTENT)
            if is_candidate(count.code) and county_key(count.county) == wanted:
                prop64.append(count)
                continue
            if not count.code:
                continue
            if count.level is Level.FELONY:
                other_felonies += 1
            others.append(
                OtherConviction(
                    code=count.code[:200],
                    level=count.level,
                    conviction_date=count.conviction_date,
                    case_number="; ".join(count.case_numbers)[:200] or None,
                )
            )
        for _, registered in self.registrations:
            others.append(
                OtherConviction(code="PC 290", conviction_date=registered, pc290_registrable=True)
            )
        case = None
        for count in prop64:  # the rows recording relief already granted go with their count
            count.lines.extend(self.relief.get(count.cycle_count, ()))
        if prop64:
            case = Case(
                county=county,
                person=Person(date_of_birth=dob, deceased=self.deceased),
                convictions=tuple(
                    _conviction(c, as_of, c.cycle_count in self.relief) for c in prop64
                ),
                other_convictions=tuple(others),
            )
        return PersonRecord(
            person_id=self.person_id,
            dob=dob,
            dob_text=self.dob_text or "",
            deceased=self.deceased,
            case=case,
            prop64_counts=prop64,
            warnings=person_warnings,
            other_felonies=other_felonies,
            other_convictions=len(others) - len(self.registrations),
            race=self.race,
            gender=self.gender,
        )


def _conviction_date(row: Sequence[str]) -> tuple[date | None, bool]:
    """``STP_EVENT_DATE``, or ``DISP_DATE`` when that is empty; whether either was unreadable."""
    convicted, bad = parse_ymd(row[_EVENT])
    if convicted is None:
        convicted, bad2 = parse_ymd(row[_DISP_DATE])
        bad = bad or bad2
    return convicted, bad


def _level(row: Sequence[str]) -> Level | None:
    status = row[_STATUS].strip().upper()
    return _LEVELS.get(status) if status else _LEVELS.get(row[_TOC].strip().upper())


def _other_count(row: Sequence[str], code: str, case_key: str) -> tuple:
    """A conviction that is not a Prop 64 one: only what the engine reads of other convictions
    (code, level, date, case), as a tuple. Most convictions of a file are such; they are never
    annotated, so their sentence, offense date and warnings are not read."""
    return code, _level(row), _conviction_date(row)[0], case_key


def _count(line: int, row: Sequence[str], key: str, code: str, case_key: str, cycle_count: str,
           disposition: str) -> Count:
    """The first conviction row of a candidate Prop 64 count."""
    warnings: list[str] = []
    convicted, bad = _conviction_date(row)
    if bad:
        warnings.append(Warning_.DATE_UNREADABLE)
    offense, bad = parse_ymd(row[_CYC_DATE])
    if bad:
        warnings.append(Warning_.DATE_UNREADABLE)
    if offense and convicted and offense > convicted:
        offense = None
        warnings.append(Warning_.DATE_INCONSISTENT)
    juvenile = "JUVENILE" in row[_ORI_TYPE].upper() or "JUVENILE" in disposition
    if not code:
        warnings.append(Warning_.CODE_MISSING)
    return Count(
        line=line, key=key, code=code, level=_level(row), juvenile=juvenile,
        county=row[_COUNTY], case_key=case_key, cycle_count=cycle_count,
        conviction_date=convicted, offense_date=offense, case_numbers=[],
        warnings=warnings,
    )


def _add_sentence(count: Count, row: Sequence[str]) -> None:
    length_text = row[_LENGTH].strip()
    unit = row[_UNIT].strip().upper()
    place = row[_PLACE].strip().upper()
    if length_text.isascii() and length_text.isdigit() and unit in ("D", "M", "Y"):
        count.sentence_days.append((int(length_text), unit))
    elif place == "FINE" or length_text == "0":
        count.fine_only = True
    else:
        count.sentence_unknown = True


def sentence_status(count: Count, as_of: date) -> SentenceStatus | None:
    if count.sentence_days:
        if count.conviction_date is None:
            return None
        end = count.conviction_date
        for length, unit in count.sentence_days:
            end = add_period(end, length, unit)
            if end is None:
                return None
        return SentenceStatus.SERVING if end > as_of else SentenceStatus.COMPLETED
    if count.fine_only and not count.sentence_unknown:
        return SentenceStatus.COMPLETED
    return None


def _conviction(count: Count, as_of: date, cleared: bool) -> Conviction:
    return Conviction(
        code=count.code[:200],
        case_number="; ".join(count.case_numbers)[:200] or None,
        level=count.level,
        forum=Forum.JUVENILE if count.juvenile else Forum.ADULT,
        offense_date=count.offense_date,
        conviction_date=count.conviction_date,
        sentence_status=sentence_status(count, as_of),
        already_cleared=True if cleared else None,
    )


# --- generic CSV ----------------------------------------------------------------------------

GENERIC_REQUIRED = ("person_id", "code", "county")
GENERIC_COLUMNS = (
    "person_id", "date_of_birth", "deceased", "county", "case_number", "code", "level", "forum",
    "offense_date", "conviction_date", "sentence_status", "sentence_end_date", "race", "gender",
)
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


class GenericPerson:
    """Collects one person's rows of the generic CSV (one row per conviction)."""

    __slots__ = ("deceased_text", "dob_text", "person_id", "rows")

    def __init__(self, person_id: str, county: str | None = None):
        """``county`` as for :class:`DojPerson`; unused: each row names its county, read in finish()."""
        self.person_id = person_id
        self.dob_text: str | None = None
        self.deceased_text = ""
        self.rows: list[tuple[int, dict[str, str]]] = []

    def add(self, line: int, row: dict[str, str]) -> None:
        if self.dob_text is None or (not self.dob_text and row.get("date_of_birth", "").strip()):
            self.dob_text = row.get("date_of_birth", "").strip()
        if row.get("deceased", "").strip():
            self.deceased_text = row["deceased"].strip().lower()
        self.rows.append((line, row))

    def finish(self, county: str, as_of: date) -> PersonRecord:
        dob, dob_bad = parse_ymd(self.dob_text or "")
        warnings = []
        if dob is None:
            warnings.append(Warning_.DOB_UNREADABLE if dob_bad else Warning_.DOB_MISSING)
        deceased = True if self.deceased_text in _TRUE else False if self.deceased_text in _FALSE else None
        wanted = county_key(county)
        prop64: list[Count] = []
        convictions: list[Conviction] = []
        others: list[OtherConviction] = []
        other_felonies = 0
        for line, row in self.rows:
            code = row.get("code", "").strip()
            count_warnings: list[str] = []
            convicted, bad = parse_ymd(row.get("conviction_date", ""))
            offense, bad2 = parse_ymd(row.get("offense_date", ""))
            if bad or bad2:
                count_warnings.append(Warning_.DATE_UNREADABLE)
            if offense and convicted and offense > convicted:
                offense = None
                count_warnings.append(Warning_.DATE_INCONSISTENT)
            for value in (convicted, offense):
                if dob and value and value < dob:
                    count_warnings.append(Warning_.DATE_INCONSISTENT)
            if dob and convicted and convicted < dob:
                convicted = None
            if dob and offense and offense < dob:
                offense = None
            level_text = row.get("level", "").strip().upper()
            level = _LEVELS.get(level_text)
            case_number = row.get("case_number", "").strip()
            if is_candidate(code) and county_key(row.get("county", "")) == wanted:
                count = Count(
                    line=line, key=str(line), code=code, level=level,
                    juvenile=row.get("forum", "").strip().lower() == "juvenile",
                    county=row.get("county", ""), case_key=str(line), cycle_count=str(line),
                    conviction_date=convicted, offense_date=offense,
                    case_numbers=[case_number] if case_number else [], lines=[line],
                    warnings=count_warnings,
                )
                prop64.append(count)
                convictions.append(
                    Conviction(
                        code=code[:200],
                        case_number=case_number[:200] or None,
                        level=level,
                        forum=Forum.JUVENILE if count.juvenile else Forum.ADULT,
                        offense_date=offense,
                        conviction_date=convicted,
                        sentence_status=_generic_status(row, as_of),
                    )
                )
                continue
            if not code:
                continue
            if level is Level.FELONY:
                other_felonies += 1
            others.append(
                OtherConviction(
                    code=code[:200], level=level, conviction_date=convicted,
                    case_number=case_number[:200] or None,
                )
            )
        case = None
        if prop64:
            case = Case(
                county=county,
                person=Person(date_of_birth=dob, deceased=deceased),
                convictions=tuple(convictions),
                other_convictions=tuple(others),
            )
        return PersonRecord(
            person_id=self.person_id, dob=dob, dob_text=self.dob_text or "", deceased=deceased,
            case=case, prop64_counts=prop64, warnings=warnings, other_felonies=other_felonies,
            other_convictions=len(others), race=self.first("race"), gender=self.first("gender"),
        )

    def first(self, column: str) -> str:
        """The person's first non-empty value of an optional column, upper-cased."""
        return next((v.strip().upper() for _, r in self.rows if (v := r.get(column, "")).strip()), "")


def _generic_status(row: dict[str, str], as_of: date) -> SentenceStatus | None:
    status = row.get("sentence_status", "").strip().lower()
    end, _ = parse_ymd(row.get("sentence_end_date", ""))
    if end is not None:
        return SentenceStatus.SERVING if end > as_of else SentenceStatus.COMPLETED
    if status == "serving":
        return SentenceStatus.SERVING
    if status == "completed":
        return SentenceStatus.COMPLETED
    return None

"""A client's convictions from a CSV file in the generic format of ``prop64 bulk``.

The file is read in memory from the upload and never written anywhere. One row per
conviction, a header line naming the columns (any order, extra columns ignored):

``code`` (required), ``case_number``, ``level`` (felony / misdemeanor / infraction or F / M / I),
``forum`` (adult / juvenile), ``offense_date``, ``conviction_date`` (``YYYY-MM-DD``,
``YYYYMMDD``, or ``YYYY-MM`` when only the month is known), ``sentence_status`` (serving /
completed), ``sentence_end_date``, and ``county`` and ``person_id`` as in the bulk file.
``date_of_birth`` and ``deceased`` belong to the client's details and are not read here.

Rows are returned as answers in the questionnaire's short keys, for the volunteer to check
and complete on the one-screen form. Problems are reported per row with the file's line
number; a row's readable parts are kept.
"""

from __future__ import annotations

import calendar
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rules import counties
from rules.codes import parse_code
from rules.lawdata import COVERED_SECTIONS, PREDECESSOR_SECTIONS

from ..answers import UNSURE
from ..i18n import lazy_gettext as _l

MAX_ROWS_READ = 50
_LEVELS = {"felony": "felony", "f": "felony", "misdemeanor": "misdemeanor", "m": "misdemeanor",
           "infraction": "infraction", "i": "infraction"}
_YMD = re.compile(r"^([0-9]{4})-?([0-9]{2})-?([0-9]{2})$")
_YM = re.compile(r"^([0-9]{4})-([0-9]{2})$")

NOT_CSV = _l("This file could not be read as a CSV file. Save it as CSV (UTF-8) and try again.")
NO_CODE_COLUMN = _l("The file has no \"code\" column. The first line must name the columns, "
                    "as in the generic format of prop64 bulk.")
NO_ROWS = _l("The file has no rows with a code section.")
TOO_MANY = _l("Only the first %(count)d convictions were read. Check the rest on the form.")
BAD_DATE = _l("Line %(line)d: %(column)s \"%(value)s\" is not a date. Write it as YYYY-MM-DD, "
              "or YYYY-MM when only the month is known.")
FUTURE_DATE = _l("Line %(line)d: %(column)s is in the future.")
BAD_LEVEL = _l("Line %(line)d: level \"%(value)s\" is not felony, misdemeanor or infraction.")
BAD_STATUS = _l("Line %(line)d: sentence_status \"%(value)s\" is not serving or completed.")
NOT_PROP64 = _l("Line %(line)d: %(code)s is not a cannabis conviction covered by Prop 64, so it "
                "was left out. If it came before a cannabis offense, answer the question about "
                "earlier convictions on that row.")
OTHER_COUNTY = _l("Line %(line)d: this conviction is from %(county)s County, not %(chosen)s "
                  "County, so it was left out. Check it as a separate client.")
OTHER_PERSON = _l("Line %(line)d: this row has a different person_id, so it was left out. "
                  "Upload one client's rows at a time.")
EMPTY_CODE = _l("Line %(line)d: the code column is empty, so the row was left out.")


@dataclass
class Parsed:
    rows: list[dict[str, Any]] = field(default_factory=list)  # answers, short keys
    lines: list[int] = field(default_factory=list)  # the file line of each row
    problems: list[str] = field(default_factory=list)  # translated, one per problem
    fatal: bool = False


def _date(text: str, today: date) -> tuple[str | None, bool]:
    """CSV date → stored answer ("YYYY-MM-DD" or "YYYY-MM"); (None, True) when unreadable."""
    text = text.strip()
    if not text:
        return None, False
    match = _YMD.match(text)
    if match:
        y, m, d = (int(x) for x in match.groups())
        if 1900 <= y and 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]:
            return date(y, m, d).isoformat(), False
        return None, True
    match = _YM.match(text)
    if match:
        y, m = int(match.group(1)), int(match.group(2))
        if 1900 <= y and 1 <= m <= 12:
            return f"{y:04d}-{m:02d}", False
    return None, True


def _first_day(value: str) -> date:
    return date.fromisoformat(value if len(value) == 10 else value + "-01")


def is_prop64(code: str) -> bool:
    parsed = parse_code(code)
    return parsed.law in ("HS", None) and parsed.section in COVERED_SECTIONS | PREDECESSOR_SECTIONS


def parse(data: bytes, *, county: str | None, today: date) -> Parsed:
    """Read one client's rows. ``county`` is the client's county (rows elsewhere are left out)."""
    out = Parsed()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            out.problems.append(str(NOT_CSV))
            out.fatal = True
            return out
    if "\x00" in text:
        out.problems.append(str(NOT_CSV))
        out.fatal = True
        return out
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, None)
    except csv.Error:
        header = None
    if not header:
        out.problems.append(str(NOT_CSV))
        out.fatal = True
        return out
    names = [h.strip().lower() for h in header]
    if "code" not in names:
        out.problems.append(str(NO_CODE_COLUMN))
        out.fatal = True
        return out
    wanted = counties.find(county) if county and county != UNSURE else None
    first_person: str | None = None
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            row = {name: (values[i] if i < len(values) else "") for i, name in enumerate(names)}
            if len(out.rows) >= MAX_ROWS_READ:
                break
            person = row.get("person_id", "").strip()
            if person:
                if first_person is None:
                    first_person = person
                elif person != first_person:
                    out.problems.append(str(OTHER_PERSON % {"line": line}))
                    continue
            conv = _row(line, row, wanted, today, out.problems)
            if conv is not None:
                out.rows.append(conv)
                out.lines.append(line)
    except csv.Error:
        out.problems.append(str(NOT_CSV))
        out.fatal = True
        return out
    if not out.rows and not out.problems:
        out.problems.append(str(NO_ROWS))
        out.fatal = True
    return out


def _row(line: int, row: dict[str, str], wanted, today: date, problems: list[str]) -> dict | None:
    code = " ".join(row.get("code", "").split())[:40]
    if not code:
        problems.append(str(EMPTY_CODE % {"line": line}))
        return None
    if not is_prop64(code):
        problems.append(str(NOT_PROP64 % {"line": line, "code": code}))
        return None
    row_county = row.get("county", "").strip()
    if wanted is not None and row_county:
        found = counties.find(row_county)
        if found is None or found.name != wanted.name:
            problems.append(str(OTHER_COUNTY % {"line": line, "county": row_county[:40],
                                                "chosen": wanted.name}))
            return None
    conv: dict[str, Any] = {"k": "code", "code": code}
    number = row.get("case_number", "").strip()
    if number:
        conv["cn"] = number[:30]
    for column, key in (("offense_date", "od"), ("conviction_date", "cd")):
        value, bad = _date(row.get(column, ""), today)
        if bad:
            problems.append(str(BAD_DATE % {"line": line, "column": column,
                                            "value": row.get(column, "").strip()[:20]}))
        elif value and _first_day(value) > today:
            problems.append(str(FUTURE_DATE % {"line": line, "column": column}))
        elif value:
            conv[key] = value
    if row.get("forum", "").strip().lower() == "juvenile":
        conv["lv"] = "juvenile"
    else:
        level = row.get("level", "").strip().lower()
        if level in _LEVELS:
            conv["lv"] = _LEVELS[level]
        elif level:
            problems.append(str(BAD_LEVEL % {"line": line, "value": row.get("level", "").strip()[:20]}))
    end, bad_end = _date(row.get("sentence_end_date", ""), today)
    status = row.get("sentence_status", "").strip().lower()
    if end and not bad_end:
        conv["ss"] = "serving" if _first_day(end) > today else "completed"
    elif status in ("serving", "completed"):
        conv["ss"] = status
    elif status:
        problems.append(str(BAD_STATUS % {"line": line, "value": row.get("sentence_status", "").strip()[:20]}))
    if bad_end:
        problems.append(str(BAD_DATE % {"line": line, "column": "sentence_end_date",
                                        "value": row.get("sentence_end_date", "").strip()[:20]}))
    return conv

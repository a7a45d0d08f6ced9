"""What the session cookie may hold, checked every time it is read.

A cookie can outlive the version of the site that wrote it (a browser that restores its last
session, a deployment in the middle of someone's answers). Reading such a cookie must never
fail: :func:`clean` keeps every value that still has the shape the site expects and drops the
rest. The pages then ask again for whatever is missing.

Top-level keys (anything else is dropped):

``a``          the questionnaire's answers (:mod:`webapp.answers`)
``ap``         the applicant's details for the papers (:mod:`webapp.papers`)
``cl``         clinic mode (:mod:`webapp.clinic.state`)
``draft``      what was typed before a language switch (:mod:`webapp.helpers`)
``lang``       the chosen language
``dl``         the key of this session's download links (:mod:`webapp.downloads`)
``csrf_token`` Flask-WTF's token; ``_permanent`` Flask's flag

A new top-level key must be added to :data:`TOP_LEVEL` to survive the next request.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from typing import Any

from .i18n import BY_CODE

REPAIRED = "repaired"  # something small was dropped; the pages ask again
ANSWERS_LOST = "lost"  # answers or clients were dropped: the person is told

MAX_TEXT = 200
MAX_CONVICTIONS = 8
MAX_CLIENTS = 4
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,23}$")
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?$")
_AGE = re.compile(r"^[0-9]{1,3}$")
_HEX = re.compile(r"^[0-9a-f]{1,64}$")
#: Answer keys that hold dates, as the date forms write them: "YYYY-MM", "YYYY-MM-DD" or "?"
#: (a date of birth is always whole); and ages.
DATE_KEYS = frozenset({"dob", "od", "cd"})
WHOLE_DATE_KEYS = frozenset({"dob"})
AGE_KEYS = frozenset({"ag"})
_MISSING = object()


class _Report:
    def __init__(self) -> None:
        self.status: str | None = None

    def repaired(self) -> None:
        self.status = self.status or REPAIRED

    def lost(self) -> None:
        self.status = ANSWERS_LOST


def _text(value: Any, limit: int = MAX_TEXT) -> Any:
    return value if isinstance(value, str) and len(value) <= limit else _MISSING


def _date(value: Any, whole: bool = False) -> Any:
    if value == "?":
        return value
    match = _DATE.match(value) if isinstance(value, str) else None
    if not match or (whole and not match.group(3)):
        return _MISSING
    year, month, day = match.groups()
    if int(year) < 1800 or not 1 <= int(month) <= 12:
        return _MISSING
    if day and not 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1]:
        return _MISSING
    return value


def _age(value: Any) -> Any:
    return value if value == "?" or (isinstance(value, str) and _AGE.match(value)) else _MISSING


def _scalar(value: Any) -> Any:
    """A plain answer: short text, a yes/no flag or a small whole number."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value if -(2**40) < value < 2**40 else _MISSING
    return _text(value)


def _answer_value(key: str, value: Any) -> Any:
    if key in DATE_KEYS:
        return _date(value, whole=key in WHOLE_DATE_KEYS)
    if key in AGE_KEYS:
        return _age(value)
    return _scalar(value)


def _flat(value: Any, report: _Report, check: Callable[[str, Any], Any]) -> dict[str, Any] | None:
    """A dict of short keys to checked values; a bad entry is dropped, a non-dict is None."""
    if not isinstance(value, dict):
        return None
    out = {}
    for key, item in value.items():
        checked = check(key, item) if isinstance(key, str) and _KEY.match(key) else _MISSING
        if checked is _MISSING:
            report.repaired()
        else:
            out[key] = checked
    return out


def _convictions(value: Any, report: _Report) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        report.lost()
        return []
    out = []
    for item in value[:MAX_CONVICTIONS]:
        conv = _flat(item, report, _answer_value)
        if conv is None:
            report.lost()
        else:
            out.append(conv)
    if len(value) > MAX_CONVICTIONS:
        report.lost()
    return out


def _answers(value: Any, report: _Report) -> Any:
    """``a``: county, date of birth, convictions (see :mod:`webapp.answers`)."""
    if not isinstance(value, dict):
        report.lost()
        return _MISSING
    out = _flat({k: v for k, v in value.items() if k != "cv"}, report, _answer_value) or {}
    if "cv" in value:
        out["cv"] = _convictions(value["cv"], report)
    return out


def _clients(value: Any, report: _Report) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        report.lost()
        return []
    out = []
    for item in value[:MAX_CLIENTS]:
        if not (isinstance(item, dict) and isinstance(item.get("i"), str)
                and _HEX.match(item["i"])):
            report.lost()
            continue
        client = _flat({k: v for k, v in item.items() if k not in ("cv", "p")}, report,
                       _answer_value) or {}
        client["cv"] = _convictions(item.get("cv", []), report)
        if "p" in item:
            details = _flat(item["p"], report, lambda _k, v: _text(v))
            if details is not None:
                client["p"] = details
        out.append(client)
    return out


def _counts(value: Any) -> Any:
    """The clinic's counts: whole numbers and lists of them (repaired by the clinic)."""
    if not isinstance(value, dict):
        return _MISSING
    def ok(v: Any) -> bool:
        return isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 2**31
    return {k: v for k, v in value.items() if isinstance(k, str) and (
        ok(v) or (isinstance(v, list) and len(v) <= 32 and all(ok(x) for x in v)))}


def _clinic(value: Any, report: _Report) -> Any:
    """``cl``: see :mod:`webapp.clinic.state`."""
    if not isinstance(value, dict):
        report.lost()
        return _MISSING
    out: dict[str, Any] = {}
    if isinstance(value.get("t"), int) and not isinstance(value["t"], bool):
        out["t"] = value["t"]
    if isinstance(value.get("cur"), str) and _HEX.match(value["cur"]):
        out["cur"] = value["cur"]
    if "o" in value:
        org = _flat(value["o"], report, lambda _k, v: _scalar(v))
        if org is not None:
            out["o"] = org
    if "k" in value and (counts := _counts(value["k"])) is not _MISSING:
        out["k"] = counts
    if "c" in value:
        out["c"] = _clients(value["c"], report)
    if set(value) - {"t", "cur", "o", "k", "c"}:
        report.repaired()
    return out


def _applicant(value: Any, report: _Report) -> Any:
    details = _flat(value, report, lambda k, v: v if k == "in_pro_per" and isinstance(v, bool)
                    else _text(v))
    return _MISSING if details is None else details


def _draft(value: Any, report: _Report) -> Any:
    if not (isinstance(value, dict) and isinstance(value.get("p"), str)
            and isinstance(value.get("d"), dict)):
        return _MISSING
    typed = {k: [v for v in vs if isinstance(v, str)][:10] for k, vs in value["d"].items()
             if isinstance(k, str) and len(k) <= 64 and isinstance(vs, list)}
    return {"p": value["p"][:MAX_TEXT], "d": typed}


TOP_LEVEL: dict[str, Callable[[Any, _Report], Any]] = {
    "a": _answers,
    "ap": _applicant,
    "cl": _clinic,
    "draft": _draft,
    "lang": lambda v, _r: v if isinstance(v, str) and v in BY_CODE else _MISSING,
    "dl": lambda v, _r: v if isinstance(v, str) and _HEX.match(v) else _MISSING,
    "csrf_token": lambda v, _r: _text(v),
    "_permanent": lambda v, _r: v if isinstance(v, bool) else _MISSING,
}


def clean(data: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """(what fits, ``None`` | :data:`REPAIRED` | :data:`ANSWERS_LOST`)."""
    report = _Report()
    out = {}
    for key, value in data.items():
        check = TOP_LEVEL.get(key)
        checked = check(value, report) if check else _MISSING
        if checked is _MISSING:
            report.repaired()
        else:
            out[key] = checked
    return out, report.status

"""Answers → the engine's case file (docs/case-file.md). Unknown answers become ``null``.

Ranges the person chose are passed as a value inside the range. The law's thresholds are
28.5 grams of cannabis, 4 and 8 grams of concentrated cannabis, and 6 plants, so any value in
a range gives the same legal answer; we pass the one that keeps to the person's words.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from .answers import UNSURE
from .forms import earliest
from .questions import KIND_CODES, YES, applicable

#: range choice → (grams, concentrated)
AMOUNTS = {
    "le28": (28.5, False),
    "gt28": (28.6, False),
    "cle4": (4.0, True),
    "cle8": (8.0, True),
    "cgt8": (8.1, True),
}
PLANTS = {"le6": 6, "gt6": 7}
PRIOR_SERIOUS = "serious or violent felony, or an offense requiring registration (reported)"


def _yes_no(value: str | None) -> bool | None:
    if value in (None, UNSURE):
        return None
    return value == YES


#: the month Prop 64 took effect in (on the 9th): without the day, the law cannot tell
CHANGE_MONTH = "2016-11"

#: the conviction dates the papers may keep to a month (``YYYY-MM``) and the engine reads whole
_DATE_KEYS = ("offense_date", "conviction_date")


def _date(value: str | None) -> str | None:
    """Stored answers ("2012-03", "2012-03-14", "?") → a case-file date, or None.

    A month without a day stays ``YYYY-MM``, the way the papers read it, so they never print
    an invented day; :func:`for_engine` gives the engine the first of that month (the questions
    ask for the day in the one month where it changes the law, November 2016).
    """
    if not value or value == UNSURE:
        return None
    return value if len(value) == 7 else earliest(value).isoformat()


def for_engine(case: dict[str, Any]) -> dict[str, Any]:
    """The case file as the engine reads it: a month-only date becomes the first of the month."""
    def full(entry: dict[str, Any]) -> dict[str, Any]:
        return {**entry, **{key: earliest(entry[key]).isoformat() for key in _DATE_KEYS if entry.get(key)}}

    return {**case, "convictions": [full(c) for c in case["convictions"]],
            "other_convictions": [full(c) for c in case["other_convictions"]]}


def _offense_date(value: str | None) -> str | None:
    """As ``_date``, except November 2016 without a day: the answer keeps the month and year,
    but the engine is told the date is not known, so it flags it and never guesses a side of
    November 9."""
    return None if value == CHANGE_MONTH else _date(value)


def _conduct(conv: dict[str, Any]) -> str | None:
    kind = conv.get("k")
    if kind in ("possess", "cultivate", "possess_for_sale"):
        return kind
    if kind == "sell":
        return {"sell": "sell", "furnish": "furnish"}.get(conv.get("sk", ""))
    if kind == "transport":
        return {YES: "transport_for_sale", "n": "transport_personal"}.get(conv.get("ts", ""))
    return None


def evaluable(conv: dict[str, Any]) -> bool:
    """Whether we know enough to ask the engine: what the conviction was for."""
    return conv.get("k") in KIND_CODES or (conv.get("k") == "code" and bool(conv.get("code")))


def conviction_entry(conv: dict[str, Any], person: dict[str, Any]) -> tuple[dict, list[dict]]:
    asked = {key for step in applicable(conv, person) for key in step.keys}
    a = {k: v for k, v in conv.items() if k in asked}
    code = a["code"] if a.get("k") == "code" else KIND_CODES[a["k"]]
    level = a.get("lv")
    entry: dict[str, Any] = {
        "case_number": (a.get("cn") or None),
        "code": code,
        "level": level if level in ("felony", "misdemeanor", "infraction") else None,
        "forum": "juvenile" if level == "juvenile" else "adult",
        "offense_date": _offense_date(a.get("od")),
        "conviction_date": _date(a.get("cd")),
        "sentence_status": a.get("ss") if a.get("ss") in ("serving", "completed") else None,
        "conduct": _conduct(a),
        "already_cleared": _yes_no(a.get("cl")),
    }
    if a.get("ag") not in (None, UNSURE):
        entry["age_at_offense"] = int(a["ag"])
    if a.get("am") in AMOUNTS:
        entry["quantity_grams"], entry["concentrated"] = AMOUNTS[a["am"]]
    if a.get("pl") in PLANTS:
        entry["plants"] = PLANTS[a["pl"]]
    for key, name in (("ev", "environmental_violation"), ("sc", "school_grounds"),
                      ("mn", "sold_to_minor"), ("um", "used_minor"), ("ie", "import_export")):
        if key in a:
            entry[name] = _yes_no(a[key])
    # Priors the person reported as coming before this offense.
    others: list[dict] = []
    before = entry["offense_date"] or entry["conviction_date"]
    prior_date = (earliest(before) - timedelta(days=1)).isoformat() if before else None
    if a.get("pr") == YES:
        others.append({"code": PRIOR_SERIOUS, "level": "felony", "conviction_date": prior_date,
                       "super_strike": True})
    if a.get("p2") == YES:
        for _ in range(2):
            others.append({"code": code, "level": "felony", "conviction_date": prior_date})
    return entry, others


def build(data: dict[str, Any], *, month_only: bool = False) -> tuple[dict[str, Any], list[int]]:
    """The case file, and for each of its convictions the index of the answers it came from.

    ``month_only``: a date known only to its month stays ``YYYY-MM`` (for the papers; pass the
    case through :func:`for_engine` before the engine reads it)."""
    person = {"dob": data.get("dob")}
    county = data.get("county")
    case: dict[str, Any] = {
        "county": county if county and county != UNSURE else None,
        "person": {"date_of_birth": earliest(person["dob"]).isoformat() if _date(person["dob"]) else None},
        "convictions": [],
        "other_convictions": [],
    }
    sources: list[int] = []
    for i, conv in enumerate(data["cv"]):
        if not evaluable(conv):
            continue
        entry, others = conviction_entry(conv, person)
        case["convictions"].append(entry)
        case["other_convictions"].extend(others)
        sources.append(i)
    return (case if month_only else for_engine(case)), sources

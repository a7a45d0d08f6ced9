"""The answers a person has given, as they live in the encrypted session cookie.

Kept deliberately small (short keys, short codes) so that six convictions fit well inside a
4 KB cookie. Values are what the person chose or typed, never a conclusion:

person:      ``county`` (name or "?"), ``dob`` ("YYYY-MM-DD" or "?")
conviction:  ``k`` kind, ``code``, ``sk`` sell kind, ``ts`` transport for sale, ``cn`` case
             number, ``lv`` level, ``od``/``cd`` offense/conviction date ("YYYY-MM",
             "YYYY-MM-DD" or "?"), ``ag`` age at the time, ``ss`` sentence, ``cl`` already
             cleared, ``am`` amount, ``pl`` plants, ``ev`` environment, ``sc`` school,
             ``mn``/``um`` minors, ``ie`` import/export, ``pr``/``p2`` priors, ``ct`` the
             city of arrest (asked only where a City Attorney prosecutes misdemeanors).

"2016-11" (November 2016 without the day) is kept as given: the law changed on the 9th, so the
engine is told the offense date is unknown rather than given a guessed day.
"""

from __future__ import annotations

from typing import Any

from flask import session

UNSURE = "?"
MAX_CONVICTIONS = 8


def load() -> dict[str, Any]:
    data = session.get("a")
    if not isinstance(data, dict):
        data = {}
    convictions = data.get("cv")
    if not isinstance(convictions, list):
        convictions = []
    data["cv"] = [c for c in convictions if isinstance(c, dict)][:MAX_CONVICTIONS]
    return data


def save(data: dict[str, Any]) -> None:
    session["a"] = data
    session.permanent = True


def conviction(data: dict[str, Any], index: int) -> dict[str, Any] | None:
    convictions = data["cv"]
    if 0 <= index < len(convictions):
        return convictions[index]
    return None


def clear() -> None:
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang

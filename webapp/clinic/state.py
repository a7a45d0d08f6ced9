"""Clinic mode's state, as it lives in the encrypted session cookie under ``"cl"``.

Only what the volunteer typed is kept (answers, never results or PDFs), in short keys, so that
several clients fit inside a browser's 4 KB cookie:

``t``    last clinic request, whole seconds since the epoch (checked on every request)
``o``    the organisation block, entered once per session (see :data:`ORG_KEYS`)
``c``    the open clients, each ``{"i": id, "n": label, "l": language, "co": county,
         "dob": "YYYY-MM-DD" | "?", "cv": [answers in webapp.answers' short keys],
         "p": details for the papers}``
``cur``  the id of the client being worked on
``k``    counts for the end-of-clinic export: ``n`` clients, ``v`` convictions, ``o`` one
         integer per outcome (in :data:`OUTCOMES` order), ``l`` one per language (in
         ``i18n.LANGUAGES`` order). Plain integers only; nothing about any person.
"""

from __future__ import annotations

import copy
import secrets
import time
from collections.abc import Callable
from typing import Any

from flask import current_app, session

from .. import i18n

KEY = "cl"
IDLE_SECONDS = 30 * 60
WARN_SECONDS = 5 * 60
MAX_CLIENTS = 4
MAX_ROWS = 8
#: Longest cookie value we write. Browsers drop cookies over 4096 bytes (name, value
#: and attributes together) without telling anyone, which would lose every client at once.
COOKIE_BUDGET = 3600

OUTCOMES = (
    "DISMISS_AND_SEAL", "RECALL_AND_DISMISS", "REDESIGNATE_MISDEMEANOR", "REDESIGNATE_INFRACTION",
    "RESENTENCE_MISDEMEANOR", "RESENTENCE_INFRACTION", "RESENTENCE", "NOT_ELIGIBLE",
    "NEEDS_DA_REVIEW", "ALREADY_CLEARED",
)
LANG_CODES = tuple(lang.code for lang in i18n.LANGUAGES)

#: organisation block: form field → short key
ORG_KEYS = {
    "attorney_name": "an", "bar_number": "bn", "firm": "fm", "street": "st", "city": "ci",
    "state": "sa", "zip": "zp", "phone": "ph", "email": "em",
}
#: a client's details for the papers: form field → short key
PAPER_KEYS = {"name": "nm", "record_name": "rn", "street": "st", "city": "ci", "state": "sa", "zip": "zp", "phone": "ph"}

#: The clock, replaceable in tests.
clock: Callable[[], float] = time.time


class TooMuch(Exception):
    """Saving would make the session cookie larger than a browser keeps."""


def now() -> int:
    return int(clock())


def empty_counts() -> dict[str, Any]:
    return {"n": 0, "v": 0, "o": [0] * len(OUTCOMES), "l": [0] * len(LANG_CODES)}


def load() -> dict[str, Any]:
    """The clinic state, repaired into shape (a cookie is only as tidy as its last writer)."""
    raw = session.get(KEY)
    # A copy: changes reach the cookie only through save(), which can refuse them.
    data: dict[str, Any] = copy.deepcopy(raw) if isinstance(raw, dict) else {}
    clients = data.get("c")
    data["c"] = [c for c in clients if _is_client(c)][:MAX_CLIENTS] if isinstance(clients, list) else []
    data["k"] = _counts(data.get("k"))
    if not isinstance(data.get("o"), dict):
        data["o"] = None
    return data


def _is_client(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("i"), str) and isinstance(value.get("cv", []), list)


def _counts(value: Any) -> dict[str, Any]:
    counts = empty_counts()
    if not isinstance(value, dict):
        return counts
    for key in ("n", "v"):
        if isinstance(value.get(key), int) and value[key] >= 0:
            counts[key] = value[key]
    for key, size in (("o", len(OUTCOMES)), ("l", len(LANG_CODES))):
        got = value.get(key)
        if isinstance(got, list) and len(got) == size and all(isinstance(x, int) and x >= 0 for x in got):
            counts[key] = list(got)
    return counts


def active() -> bool:
    """Whether a clinic session is open in this browser."""
    return isinstance(session.get(KEY), dict) and "t" in session[KEY]


def save(data: dict[str, Any]) -> None:
    """Store the state; raise :class:`TooMuch` (leaving the old state) if it would not fit."""
    before = session.get(KEY)
    data = {k: v for k, v in data.items() if v not in (None, [], {})}
    data.setdefault("t", now())
    session[KEY] = data
    session.permanent = True
    if cookie_size() > COOKIE_BUDGET:
        if before is None:
            session.pop(KEY, None)
        else:
            session[KEY] = before
        raise TooMuch()


def cookie_size() -> int:
    """How long the session cookie value would be right now."""
    interface = current_app.session_interface
    return interface.cookie_length(current_app, dict(session))  # type: ignore[attr-defined]


def touch(data: dict[str, Any]) -> None:
    data["t"] = now()


def expired(data: dict[str, Any]) -> bool:
    stamp = data.get("t")
    return isinstance(stamp, int) and now() - stamp > IDLE_SECONDS


def ends_at(data: dict[str, Any]) -> int:
    stamp = data.get("t") if isinstance(data.get("t"), int) else now()
    return stamp + IDLE_SECONDS


def wipe(keep_counts: bool) -> None:
    """Remove every client, the organisation block and (unless kept) the counts."""
    counts = load()["k"] if keep_counts else None
    session.pop(KEY, None)
    if counts and (counts["n"] or counts["v"]):
        session[KEY] = {"k": counts}


def new_client_id(data: dict[str, Any]) -> str:
    used = {c["i"] for c in data["c"]}
    while True:
        cid = secrets.token_hex(3)
        if cid not in used:
            return cid


def client(data: dict[str, Any], cid: str) -> dict[str, Any] | None:
    return next((c for c in data["c"] if c["i"] == cid), None)


def add_to_counts(counts: dict[str, Any], lang: str, outcomes: list[str]) -> None:
    """Count one client who had at least one conviction checked."""
    counts["n"] += 1
    counts["v"] += len(outcomes)
    if lang in LANG_CODES:
        counts["l"][LANG_CODES.index(lang)] += 1
    for outcome in outcomes:
        if outcome in OUTCOMES:
            counts["o"][OUTCOMES.index(outcome)] += 1


def merged_counts(stored: dict[str, Any], extra: list[tuple[str, list[str]]]) -> dict[str, Any]:
    counts = _counts(stored)
    for lang, outcomes in extra:
        if outcomes:
            add_to_counts(counts, lang, outcomes)
    return counts


def export(counts: dict[str, Any]) -> dict[str, Any]:
    """The end-of-clinic report: counts by name, nothing else."""
    return {
        "clients_seen": counts["n"],
        "convictions_checked": counts["v"],
        "outcomes": dict(zip(OUTCOMES, counts["o"])),
        "client_languages": dict(zip(LANG_CODES, counts["l"])),
    }

"""Case-number lookup: county + case number + date of birth → the DA's published answer.

Every miss looks the same: an unknown case number, a wrong date of birth and a county with
nothing published give one identical page, after the same time. A lookup that could not be
made says so instead (too many tries, or the database cannot be read), and never "not found",
because that would tell a person something false about their case. Nothing typed here is
logged.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from flask import Blueprint, current_app, render_template, request

from lookup import LookupStore, StoreUnavailable, describe

from . import presenters
from .forms import LookupForm, month_choices
from .helpers import form_source, language_switch, today
from .ratelimit import LookupLimits
from .screener import _county_choices, _months

bp = Blueprint("lookup", __name__)
log = logging.getLogger(__name__)

#: Every answer to a lookup takes at least this long, found or not, so timing tells nothing.
#: The wait holds one thread of a threaded worker (see webapp.serving), not a whole process.
MIN_SECONDS = 0.15
_STORE = "prop64_lookup_store"
_LIMITS = "prop64_lookup_limits"


class Unavailable(Exception):
    """The lookup database cannot be read right now (the log says why)."""


@dataclass(frozen=True)
class Throttled:
    retry_after: int  # seconds

    @property
    def minutes(self) -> int:
        return max(1, -(-self.retry_after // 60))


def limits() -> LookupLimits:
    """The app's lookup limits; counters live in the shared store (PROP64_RATELIMIT_STORAGE)."""
    found = current_app.extensions.get(_LIMITS)
    if found is None:
        config = current_app.config
        found = LookupLimits(
            config["RATELIMIT_STORAGE_URI"], config["LOOKUP_RATE_LIMIT"],
            config["LOOKUP_CASE_RATE_LIMIT"], config.get("LOOKUP_KEY") or config["SECRET_KEY"],
        )
        current_app.extensions[_LIMITS] = found
    return found


def _store() -> LookupStore:
    """The lookup store for this app, opened once; raises :class:`Unavailable`."""
    store = current_app.extensions.get(_STORE)
    if store is not None:
        return store
    secret = current_app.config.get("LOOKUP_KEY")
    if not secret:
        log.error("lookup not available: PROP64_LOOKUP_KEY is not set")
        raise Unavailable
    try:
        store = LookupStore.open_reader(current_app.config["LOOKUP_DB_URL"], key=secret,
                                        timeout=current_app.config["LOOKUP_CONNECT_TIMEOUT"])
    except StoreUnavailable as error:
        log.error("lookup not available: %s", error)
        raise Unavailable from None
    return current_app.extensions.setdefault(_STORE, store)


def _find(county: str, case_number: str, dob) -> list[dict]:
    store = _store()
    try:
        return list(store.find(county, case_number, dob))
    except Exception as error:  # noqa: BLE001 - a database that went away mid-request
        log.error("lookup not available: %s", describe(error))  # never the values typed
        raise Unavailable from None


def _throttled(form: LookupForm) -> Throttled | None:
    """Count this try against the address and, once readable, the case number.

    Raises :class:`Unavailable` when the counters cannot be kept: without them, lookups stop
    rather than let dates of birth be guessed without limit.
    """
    try:
        checks = [limits().hit_address(request.remote_addr or "-")]
        if form.case_number.data and form.county.data:
            checks.append(limits().hit_case(form.county.data, form.case_number.data))
    except Exception as error:  # noqa: BLE001 - a full disk, a lost Redis, a bad URL
        log.error("lookup not available: the rate-limit store failed: %s", describe(error))
        raise Unavailable from None
    refused = [c.retry_after for c in checks if not c.allowed]
    return Throttled(max(refused)) if refused else None


def _pad(started: float) -> None:
    left = MIN_SECONDS - (time.monotonic() - started)
    if left > 0:
        time.sleep(left)


@bp.route("/lookup", methods=["GET", "POST"])
def index():
    if (switched := language_switch()) is not None:
        return switched
    form = LookupForm(**form_source())
    form.county.choices = _county_choices()[:-1]
    form.month.choices = month_choices(_months())
    form.today = today()
    if request.method != "POST":
        return _form_page(form)
    started = time.monotonic()
    valid = form.validate()
    try:
        throttled = _throttled(form)
    except Unavailable:
        _pad(started)
        return render_template("lookup/unavailable.html"), 503
    if throttled is not None:
        _pad(started)
        return _form_page(form, throttled=throttled), 429
    if not valid:
        return _form_page(form)
    try:
        found = _find(form.county.data, form.case_number.data.strip(), form.parsed_dob)
        if found:
            page = render_template("lookup/found.html", **presenters.lookup_view(found)), 200
        else:
            page = render_template("lookup/not_found.html"), 200
    except Unavailable:
        page = render_template("lookup/unavailable.html"), 503
    _pad(started)  # the page is made; only then wait out the rest of the fixed time
    return page


def _form_page(form: LookupForm, throttled: Throttled | None = None):
    helps = [c for c in (presenters.county_view(n) for n, _ in form.county.choices[1:]) if c]
    return render_template(
        "lookup/form.html",
        form=form,
        throttled=throttled,
        helps=[h for h in helps if h.case_number_help],
    )

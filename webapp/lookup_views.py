"""Case-number lookup: county + case number + date of birth → the DA's published answer.

Every miss looks the same: an unknown case number, a wrong date of birth, a missing or empty
database. Nothing typed here is logged.
"""

from __future__ import annotations

import logging
import time

from flask import Blueprint, current_app, render_template, request

from . import presenters
from .forms import LookupForm, month_choices
from .helpers import form_source, language_switch, today
from .screener import _county_choices, _months

bp = Blueprint("lookup", __name__)
log = logging.getLogger(__name__)

#: Every answer takes at least this long, found or not, so timing tells nothing.
MIN_SECONDS = 0.15


def _store():
    """The lookup store for this app, opened once; None when it cannot be opened."""
    key = "prop64_lookup_store"
    if key in current_app.extensions:
        return current_app.extensions[key]
    store = None
    try:
        from lookup import LookupStore

        secret = current_app.config.get("LOOKUP_KEY")
        if secret:
            store = LookupStore.from_url(current_app.config["LOOKUP_DB_URL"], key=secret)
    except Exception:  # noqa: BLE001 - no store, no database file, bad URL: answer "not found"
        log.warning("lookup store unavailable")
        return None
    if store is not None:
        current_app.extensions[key] = store
    return store


def _find(county: str, case_number: str, dob) -> list[dict]:
    store = _store()
    if store is None:
        return []
    try:
        return list(store.find(county, case_number, dob))
    except Exception:  # noqa: BLE001 - a broken store answers "not found", never a 500
        log.warning("lookup failed")  # the values stay out of the log
        return []


@bp.route("/lookup", methods=["GET", "POST"])
def index():
    if (switched := language_switch()) is not None:
        return switched
    form = LookupForm(**form_source())
    form.county.choices = _county_choices()[:-1]
    form.month.choices = month_choices(_months())
    form.today = today()
    helps = [c for c in (presenters.county_view(n) for n, _ in form.county.choices[1:]) if c]
    if request.method == "POST" and form.validate():
        started = time.monotonic()
        found = _find(form.county.data, form.case_number.data.strip(), form.parsed_dob)
        elapsed = time.monotonic() - started
        if elapsed < MIN_SECONDS:
            time.sleep(MIN_SECONDS - elapsed)
        if not found:
            return render_template("lookup/not_found.html")
        return render_template("lookup/found.html", **presenters.lookup_view(found))
    return render_template(
        "lookup/form.html",
        form=form,
        helps=[h for h in helps if h.case_number_help],
    )

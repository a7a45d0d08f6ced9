"""Small pieces shared by the blueprints: today's date, drafts kept across a language switch."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from types import MappingProxyType
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from flask import g, redirect, request, session
from werkzeug.datastructures import MultiDict

from . import i18n

PACIFIC = ZoneInfo("America/Los_Angeles")
LANG_FIELD = "_lang"
_DRAFT_MAX = 1500  # characters kept from an unfinished form


def today() -> date:
    """Today in California, computed once per request and passed inward."""
    if "today" not in g:
        g.today = datetime.now(PACIFIC).date()
    return g.today


def language_switch():
    """If a form was sent with a language button, keep what was typed and switch language.

    Returns a redirect to the same page (which shows the typed answers again), or None.
    """
    if request.method != "POST":
        return None
    code = i18n.normalise(request.form.get(LANG_FIELD))
    if not code:
        return None
    kept: dict[str, list[str]] = {}
    size = 0
    for key in request.form:
        if key in (LANG_FIELD, "csrf_token"):
            continue
        values = [v[:200] for v in request.form.getlist(key)][:10]
        size += sum(len(v) for v in values)
        if size > _DRAFT_MAX:
            break
        kept[key] = values
    session["draft"] = {"p": request.path, "d": kept}
    session["lang"] = code
    session.permanent = True
    return redirect(same_page_without_lang(), code=303)


def same_page_without_lang() -> str:
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
    return request.path + ("?" + urlencode(args) if args else "")


def take_draft() -> MultiDict | None:
    """What was typed before a language switch on this page, once."""
    draft = session.get("draft")
    if not isinstance(draft, dict) or draft.get("p") != request.path:
        return None
    session.pop("draft", None)
    data = draft.get("d")
    if not isinstance(data, dict):
        return None
    return MultiDict([(k, v) for k, values in data.items() for v in values if isinstance(v, str)])


def form_source() -> dict:
    """Where a form reads from: the POST, or on GET what was typed before a language switch."""
    if request.method == "POST":
        return {}  # Flask-WTF reads request.form
    return {"formdata": take_draft()}


_DATE_FIELDS = {"y": "year", "M": "month", "L": "month", "d": "day"}


def date_order(locale=None) -> tuple[str, ...]:
    """The order the reader's language writes a date's parts in, from CLDR (Babel): month-day-
    year in English, day-month-year in Spanish and Vietnamese, year-month-day in Chinese and
    Korean. Date inputs follow it."""
    from flask_babel import get_locale

    return _date_order(str(locale or get_locale()))


def month_names(locale=None) -> MappingProxyType[int, str]:
    """The months' names in the reader's language (1 → "January"), from CLDR (Babel)."""
    from flask_babel import get_locale

    return _month_names(str(locale or get_locale()))


# CLDR's data does not change while the site runs: read once per language.
@lru_cache(maxsize=64)
def _month_names(locale: str) -> MappingProxyType[int, str]:
    from babel.dates import get_month_names

    return MappingProxyType(dict(get_month_names("wide", locale=locale)))


@lru_cache(maxsize=64)
def _date_order(locale: str) -> tuple[str, ...]:
    from babel.dates import get_date_format

    pattern = get_date_format("short", locale=locale).pattern
    order: list[str] = []
    for char in pattern:
        part = _DATE_FIELDS.get(char)
        if part and part not in order:
            order.append(part)
    return tuple(order) if len(order) == 3 else ("month", "day", "year")

"""Home, the privacy note, quick exit and "clear my answers"."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, send_from_directory, session, url_for

from . import answers
from .paths import STATIC_DIR
from .security import CLEAR_SITE_DATA

bp = Blueprint("pages", __name__)

#: Where "quick exit" goes: an ordinary, harmless page.
EXIT_URL = "https://www.weather.gov/"


@bp.get("/")
def home():
    return render_template("pages/home.html")


@bp.get("/start")
def start():
    """The one-screen privacy note shown before the first question."""
    return render_template("pages/start.html")


@bp.get("/privacy")
def privacy():
    return render_template("pages/privacy.html")


@bp.get("/accessibility")
def accessibility():
    return render_template("pages/accessibility.html")


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for this address on their own; answer it without a page (or a cookie)."""
    return send_from_directory(STATIC_DIR, "favicon.ico", max_age=7 * 24 * 3600)


@bp.get("/exit")
def quick_exit():
    """Leave at once, and ask the browser to forget this site (cookies, storage, cache)."""
    session.clear()
    response = redirect(EXIT_URL, code=303)
    response.headers["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response


@bp.post("/clear")
def clear():
    answers.clear()  # CSRFProtect has checked the token before this runs
    return redirect(url_for("pages.cleared"), code=303)


@bp.get("/cleared")
def cleared():
    return render_template("pages/cleared.html")

"""Home, the privacy note, quick exit and "clear my answers"."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, session, url_for

from . import answers

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


@bp.get("/exit")
def quick_exit():
    session.clear()
    return redirect(EXIT_URL, code=303)


@bp.post("/clear")
def clear():
    answers.clear()  # CSRFProtect has checked the token before this runs
    return redirect(url_for("pages.cleared"), code=303)


@bp.get("/cleared")
def cleared():
    return render_template("pages/cleared.html")

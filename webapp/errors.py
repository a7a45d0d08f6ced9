"""Friendly error pages. No stack trace, no form contents, ever."""

from __future__ import annotations

import logging

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from .security import loggable

log = logging.getLogger(__name__)

#: status → template; anything else uses the general page.
PAGES = {400: "errors/400.html", 404: "errors/404.html", 405: "errors/404.html",
         413: "errors/413.html", 429: "errors/429.html"}


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        return render_template("errors/csrf.html", back=request.path), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        if code >= 500:
            return render_template("errors/500.html"), code
        return render_template(PAGES.get(code, "errors/400.html"), code=code), code

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        # The path only: never the query string or the form.
        log.error("unexpected error on %s %s: %s", loggable(request.method),
                  loggable(request.path), type(error).__name__)
        return render_template("errors/500.html"), 500

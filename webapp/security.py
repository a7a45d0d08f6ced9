"""Security headers, and a session interface that notices a cookie it cannot trust."""

from __future__ import annotations

from flask import Flask, Response, g, request
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature, SignatureExpired

CSP = "; ".join(  # noqa: FLY002 - one directive per line
    [
        "default-src 'none'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class CheckedSessionInterface(SecureCookieSessionInterface):
    """Like Flask's signed cookie session, but records when a cookie failed its signature.

    Flask quietly starts an empty session for a forged or tampered cookie; the site tells the
    person their earlier answers could not be read instead of pretending nothing happened.
    """

    def open_session(self, app: Flask, req):  # type: ignore[override]
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        raw = req.cookies.get(self.get_cookie_name(app))
        if not raw:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:
            return self.session_class(serializer.loads(raw, max_age=max_age))
        except SignatureExpired:
            g.session_problem = "expired"
        except BadSignature:
            g.session_problem = "unreadable"
        except Exception:  # noqa: BLE001 - a signed but malformed payload counts as forged
            g.session_problem = "unreadable"
        fresh = self.session_class()
        fresh.modified = True  # replaces (or deletes) the unusable cookie in the response
        return fresh


def add_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if not request.path.startswith("/static/"):
        # Answers can appear on any page: never keep a copy on a shared computer.
        response.headers["Cache-Control"] = "no-store"
        response.headers.add("Vary", "Cookie")
    return response

"""Security headers, the reverse-proxy setting, and log text that cannot forge a log line."""

from __future__ import annotations

import re

from flask import Flask, Response, current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix

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

#: Quick exit asks the browser to forget this site: cookies, storage and cached pages.
CLEAR_SITE_DATA = '"cookies", "storage", "cache"'


#: (lower-case name, name, value): each header is added unless the page set its own
_DEFAULTS = tuple((name.lower(), name, value) for name, value in HEADERS.items())


def add_headers(response: Response) -> Response:
    headers = response.headers
    present = {name.lower() for name in headers.keys()}  # noqa: SIM118 - Headers, not a dict
    for lower, name, value in _DEFAULTS:
        if lower not in present:
            headers.add(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if not request.path.startswith("/static/"):
        # Answers can appear on any page: never keep a copy on a shared computer.
        response.headers["Cache-Control"] = "no-store"
        response.headers.add("Vary", "Cookie")
    return response


#: Endpoints that take a file, with the config key of their own size limit. Every other request
#: keeps the small MAX_CONTENT_LENGTH.
UPLOAD_LIMITS = {"clinic.upload": "CLINIC_UPLOAD_LIMIT"}
_FORM_ROOM = 64 * 1024  # the rest of an upload form: the token, the field names


def upload_limits() -> None:
    """Give a file upload its own size limit, before anything reads the form (the CSRF check)."""
    key = UPLOAD_LIMITS.get(request.endpoint or "")
    if key:
        request.max_content_length = current_app.config[key] + _FORM_ROOM
        # The multipart parser holds up to one read (64 KB) beside what it has not yet parsed.
        request.max_form_memory_size = 2 * _FORM_ROOM


def trust_proxies(app: Flask) -> None:
    """Behind ``PROXY_HOPS`` reverse proxies, read the client address and scheme from them.

    With ``PROP64_PROXY_HOPS=1`` behind one proxy (nginx, a load balancer), the rate limits
    count the real client address and HTTPS is recognised (HSTS, Secure cookies). Only the
    nearest ``hops`` entries of X-Forwarded-For/-Proto are believed, so a client cannot
    pretend to be someone else. With no proxy (the default), those headers are ignored.
    """
    hops = int(app.config.get("PROXY_HOPS") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]


_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f"\\\u2028\u2029]')


def loggable(text: object) -> str:
    """Text for a log line: control characters, quotes and line breaks escaped (``\\x0d``).

    A request for ``/%0d%0aGET /admin`` must not write a second, forged line.
    """
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                       else f"\\u{ord(m.group()):04x}", str(text))

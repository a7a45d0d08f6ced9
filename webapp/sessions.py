"""The session cookie, encrypted: on a shared computer nobody can read the answers in it.

Flask's own session cookie is signed, not encrypted: base64 shows the date of birth, the case
numbers, the name, the street and the phone to anyone who opens the browser's cookie store.
This one is sealed with AES-256-GCM under a key derived from ``PROP64_SECRET_KEY`` (HKDF, so
the CSRF tokens, which use the same secret, never share a key with it), so it can be neither
read nor changed.

It is a browser-session cookie (no ``Max-Age``): the browser drops it when it closes. Browsers
that restore their last session would keep it, so the 2-hour idle limit is kept *inside* the
sealed value as the time of the last request, and checked on every read. The cookie is
``Secure`` whenever the request came over HTTPS (directly, or through a trusted proxy).

What a cookie holds is checked on every read against :mod:`webapp.session_schema`: a cookie
written by an older version of the site keeps what still fits and loses the rest.

The value is compressed before it is sealed, because clinic mode keeps several clients in one
4 KB cookie. Everything in it comes from the person at this browser, and the cookie's length
is visible only to someone who can already watch this browser's traffic.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import time
import zlib
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import Flask, Request, Response, g, request
from flask.sessions import SecureCookieSession, SessionInterface, session_json_serializer

from . import session_schema

VERSION = "v1."
_NONCE = 12
_RAW, _ZLIB = b"\x00", b"\x01"
#: A stamp this far in the future means a forged or broken value.
_CLOCK_SLACK = 300
#: An unchanged session is sealed again (its idle clock restarted) at most this often, so most
#: pages send no new cookie. The idle limit is kept to within this many seconds.
REFRESH_SECONDS = 30

#: The clock, replaceable in tests.
clock = time.time


class Unreadable(Exception):
    """The cookie could not be opened with any current key."""


def _derive(secret: str | bytes) -> AESGCM:
    raw = secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"prop64 session cookie",
               info=b"AES-256-GCM v1").derive(raw)
    return AESGCM(key)


def _ciphers(app: Flask) -> list[AESGCM]:
    """The current key first, then any ``SECRET_KEY_FALLBACKS`` (for rotating the secret)."""
    secrets_ = [app.secret_key, *(app.config.get("SECRET_KEY_FALLBACKS") or ())]
    cached = app.extensions.get("prop64_cookie_keys")
    if cached is None or cached[0] != secrets_:
        cached = (secrets_, [_derive(s) for s in secrets_ if s])
        app.extensions["prop64_cookie_keys"] = cached
    return cached[1]


def seal(app: Flask, data: dict[str, Any], stamp: int, name: str) -> str:
    """The cookie value for ``data``, last used at ``stamp`` (epoch seconds)."""
    body = session_json_serializer.dumps({"t": stamp, "s": dict(data)}).encode("utf-8")
    packed = zlib.compress(body, 6)
    body = _ZLIB + packed if len(packed) < len(body) else _RAW + body
    nonce = os.urandom(_NONCE)
    sealed = _ciphers(app)[0].encrypt(nonce, body, name.encode("utf-8"))
    return VERSION + base64.urlsafe_b64encode(nonce + sealed).rstrip(b"=").decode("ascii")


def unseal(app: Flask, value: str, name: str) -> tuple[dict[str, Any], int]:
    """(session data, stamp) from a cookie value; raises :class:`Unreadable`."""
    if not value.startswith(VERSION):
        raise Unreadable
    text = value[len(VERSION):]
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise Unreadable from None
    if len(raw) <= _NONCE + 16:
        raise Unreadable
    for cipher in _ciphers(app):
        try:
            body = cipher.decrypt(raw[:_NONCE], raw[_NONCE:], name.encode("utf-8"))
            break
        except InvalidTag:
            continue
    else:
        raise Unreadable
    flag, body = body[:1], body[1:]
    try:
        if flag == _ZLIB:
            body = zlib.decompress(body)  # sealed by us: no one else can send a zip bomb
        elif flag != _RAW:
            raise Unreadable
        text = body.decode("utf-8")
        # Flask's tagged JSON marks a tuple, bytes or a date as a one-key object whose key
        # starts with a space; without one, plain JSON reads the same value without a second
        # walk over it.
        payload = session_json_serializer.loads(text) if '{" ' in text else json.loads(text)
    except (zlib.error, UnicodeDecodeError, ValueError, TypeError, KeyError):
        raise Unreadable from None
    if not (isinstance(payload, dict) and isinstance(payload.get("s"), dict)
            and isinstance(payload.get("t"), int)):
        raise Unreadable
    return payload["s"], payload["t"]


class EncryptedSessionInterface(SessionInterface):
    """Flask's session, kept in an encrypted browser-session cookie with an idle limit inside."""

    session_class = SecureCookieSession

    def open_session(self, app: Flask, req: Request) -> SecureCookieSession:
        name = self.get_cookie_name(app)
        value = req.cookies.get(name)
        if not value:
            return self.session_class()
        try:
            data, stamp = unseal(app, value, name)
        except Unreadable:
            return self._replaced("unreadable")
        now = int(clock())
        if stamp > now + _CLOCK_SLACK:
            return self._replaced("unreadable")
        if now - stamp > app.permanent_session_lifetime.total_seconds():
            return self._replaced("expired")
        kept, dropped = session_schema.clean(data)
        session = self.session_class(kept)
        session.stamp = stamp  # type: ignore[attr-defined]
        if dropped:
            session.modified = True  # rewrite the cookie without what did not fit
            if dropped == session_schema.ANSWERS_LOST:
                g.session_problem = "unreadable"
        return session

    def _replaced(self, problem: str) -> SecureCookieSession:
        g.session_problem = problem
        fresh = self.session_class()
        fresh.modified = True  # replaces (or deletes) the unusable cookie in the response
        return fresh

    def cookie_length(self, app: Flask, data: dict[str, Any]) -> int:
        """How long the cookie value for ``data`` would be (clinic mode keeps under 4 KB)."""
        return len(seal(app, data, int(clock()), self.get_cookie_name(app)))

    def save_session(self, app: Flask, session: SecureCookieSession, response: Response) -> None:
        name = self.get_cookie_name(app)
        options = {
            "domain": self.get_cookie_domain(app),
            "path": self.get_cookie_path(app),
            "secure": self.get_cookie_secure(app) or request.is_secure,
            "httponly": self.get_cookie_httponly(app),
            "samesite": self.get_cookie_samesite(app),
        }
        if session.accessed:
            response.vary.add("Cookie")
        if not session:
            if session.modified:
                response.delete_cookie(name, **options)
                response.vary.add("Cookie")
            return
        refresh = (app.config["SESSION_REFRESH_EACH_REQUEST"] and request.endpoint != "static"
                   and clock() - getattr(session, "stamp", 0) >= REFRESH_SECONDS)
        if not (session.modified or refresh):
            return
        # No expires or max_age: a browser-session cookie. The idle limit is the stamp inside.
        response.set_cookie(name, seal(app, session, int(clock()), name), **options)
        response.vary.add("Cookie")

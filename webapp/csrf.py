"""The CSRF token every page carries, signed as Flask-WTF signs it, without trying zlib first.

Flask-WTF signs the session's random token with itsdangerous' URL-safe timed serializer, which
compresses every payload with zlib and keeps the shorter of the two. The payload is always a
40-character hex string, which zlib does not shorten, and setting up a compressor for it cost
more than the rest of a question page's work in Flask. This signs the same payload, the same
way, uncompressed: a token in the format Flask-WTF checks (``validate_csrf``), made once per
request and kept in ``g`` under Flask-WTF's name, so Flask-WTF's code and this one hand out
the same token.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache

from flask import current_app, g, session
from flask_wtf.csrf import _FlaskFormCSRF
from itsdangerous import TimestampSigner
from itsdangerous.encoding import base64_encode

SALT = "wtf-csrf-token"  # Flask-WTF's


def generate_csrf(secret_key: str | bytes | None = None, token_key: str | None = None) -> str:
    """Flask-WTF's ``generate_csrf``: the request's signed token (the template's
    ``csrf_token()``), creating the session's random token if there is none yet."""
    config = current_app.config
    if secret_key is None:
        secret_key = config.get("WTF_CSRF_SECRET_KEY", current_app.secret_key)
    if token_key is None:
        token_key = config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    if secret_key is None or token_key is None:
        raise RuntimeError("A secret key and a field name are required to use CSRF.")
    if token_key not in g:
        raw = session.get(token_key)
        if not isinstance(raw, str):
            raw = session[token_key] = hashlib.sha1(os.urandom(64)).hexdigest()
        payload = json.dumps(raw, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        setattr(g, token_key, _signer(secret_key).sign(base64_encode(payload)).decode("utf-8"))
    return g.get(token_key)


@lru_cache(maxsize=8)
def _signer(secret_key: str | bytes) -> TimestampSigner:
    return TimestampSigner(secret_key, salt=SALT)


class SignedCSRF(_FlaskFormCSRF):
    """Flask-WTF's form CSRF (the same check), handing out :func:`generate_csrf`'s token."""

    def generate_csrf_token(self, csrf_token_field) -> str:
        return generate_csrf(secret_key=self.meta.csrf_secret, token_key=self.meta.csrf_field_name)

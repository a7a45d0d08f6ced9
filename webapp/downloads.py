"""Download links that name no case: each file by an opaque id only this session knows.

A paper's file name holds its case number (``CR-400_SYN-1001.pdf``). In a link it would land
in the browser's history and in the server's access log, so links carry a keyed hash of the
name instead, under a random key kept in the session (``dl``). The id means nothing outside
this browser, and a new session gives new ids.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable

from flask import session

KEY = "dl"


def _key() -> bytes:
    key = session.get(KEY)
    if not (isinstance(key, str) and len(key) == 32):
        key = secrets.token_hex(16)
        session[KEY] = key
    return key.encode("ascii")


def file_id(name: str) -> str:
    """The link id of the file ``name`` in this session."""
    return hmac.new(_key(), name.encode("utf-8"), hashlib.sha256).hexdigest()[:24]


def find(names: Iterable[str], wanted: str) -> str | None:
    """The file name whose id is ``wanted``, or None."""
    for name in names:
        if hmac.compare_digest(file_id(name), wanted):
            return name
    return None

"""Keyed hashes for the lookup store, and the normalisation both sides of a lookup share."""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import date
from functools import lru_cache

from rules import counties

_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


def normalise_case_number(case_number: str) -> str:
    """Compare case numbers as people type them: ``"sf-0012 345"`` and ``"SF0012345"`` match.

    Letters are upper-cased and everything but letters and digits is dropped. A number made of
    digits only also loses its leading zeros (``"0012345"`` → ``"12345"``), since courts and
    records print the same number with and without them.
    """
    text = _NOT_ALNUM.sub("", (case_number or "").upper())
    if text.isdigit():
        text = text.lstrip("0") or "0"
    return text


@lru_cache(maxsize=256)
def normalise_county(county: str) -> str:
    """``"san  francisco"``, ``"SAN FRANCISCO"`` and ``"San Francisco County"`` → one key."""
    return counties.normalise_name(county or "")


def _key_bytes(key: bytes | str) -> bytes:
    if isinstance(key, str):
        key = key.encode("utf-8")
    if not key:
        raise ValueError("the lookup key must not be empty")
    return key


def lookup_key(key: bytes | str, county: str, case_number: str, date_of_birth: date) -> str:
    """HMAC-SHA-256 (hex) of the normalised county, case number and ISO date of birth."""
    message = "\x1f".join(
        (normalise_county(county), normalise_case_number(case_number), date_of_birth.isoformat())
    ).encode("utf-8")
    return hmac.new(_key_bytes(key), message, hashlib.sha256).hexdigest()

"""The public lookup store: published determinations, found by county + case number + DOB.

Each evaluated conviction is stored under a keyed hash (HMAC-SHA-256 with a server secret) of
the county, the normalised case number and the date of birth. Neither the case number nor the
date of birth is stored, so the database alone cannot be searched by them or read back into
them; only someone holding the key and both values can find a row.

    store = LookupStore.from_url("sqlite:///var/lookup.sqlite", key=secret)
    store.replace_county("San Francisco", rows)        # rows: (case number, DOB, conviction dict)
    store.find("San Francisco", "12345", date(1960, 2, 29))  # → [conviction dict, ...]
"""

from __future__ import annotations

from .keys import lookup_key, normalise_case_number, normalise_county
from .store import LookupStore, StoredRow, StoreUnavailable, describe

__all__ = [
    "LookupStore", "StoreUnavailable", "StoredRow", "describe", "lookup_key",
    "normalise_case_number", "normalise_county",
]

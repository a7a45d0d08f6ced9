"""Who signs the papers: the person (in pro per) or their attorney.

Applicant details are asked for after the results, validated here, printed on the forms, and
never stored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from .scripts import needs_latin_name

#: Longest value accepted per field. Forms shrink and wrap text to fit their boxes; these
#: bounds keep that readable and stop pasted documents from ending up on a court form.
MAX_LENGTHS = {
    "name": 120,
    "record_name": 120,
    "street": 160,
    "city": 80,
    "state": 40,
    "zip": 10,
    "phone": 30,
    "email": 254,
    "attorney_name": 120,
    "bar_number": 20,
    "firm": 160,
}

_ZIP = re.compile(r"^\d{5}(-\d{4})?$")
_PHONE = re.compile(r"^[0-9+().\-\s/x]{7,30}$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_BAR = re.compile(r"^[0-9A-Za-z\-]{1,20}$")


def clean(value: str) -> str:
    """NFKC-normalised text on one line with single spaces."""
    text = unicodedata.normalize("NFKC", value)
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Applicant:
    """The person filing (or their attorney), as printed in the forms' party box."""

    name: str
    street: str
    city: str
    state: str
    zip: str
    phone: str
    email: str | None = None
    attorney_name: str | None = None
    bar_number: str | None = None
    firm: str | None = None
    in_pro_per: bool = True
    #: The name as the court record spells it, in Latin letters, when ``name`` is in another
    #: script (``"WANG XIAOMING"`` for ``"王小明"``). Court forms need it; papers in the person's
    #: language keep ``name``.
    record_name: str | None = None

    @property
    def name_for_court(self) -> str:
        """The name printed on the English court papers (CR-400, proof of service, DA letter)."""
        return self.record_name or self.name

    def as_written(self) -> Applicant:
        """The same person with the name as they typed it, for the papers in their language."""
        return replace(self, record_name=None)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Applicant:
        """Validate a mapping (form post or JSON file) into an Applicant.

        Raises ``ValueError`` whose message starts with the name of the first bad field, e.g.
        ``"zip: must be 5 digits or ZIP+4 (12345-6789)"``.
        """
        if not isinstance(data, Mapping):
            raise ValueError("applicant: must be an object")  # noqa: TRY004 (the API raises ValueError)
        known = {f.name for f in fields(cls)}
        for key in data:
            if key not in known:
                raise ValueError(f"{key}: unknown field")
        values: dict[str, Any] = {}
        for key in ("name", "street", "city", "state", "zip", "phone"):
            values[key] = _text(data, key, required=True)
        for key in ("email", "attorney_name", "bar_number", "firm", "record_name"):
            values[key] = _text(data, key, required=False) or None
        in_pro_per = data.get("in_pro_per", True)
        if in_pro_per is None:
            in_pro_per = True
        if not isinstance(in_pro_per, bool):
            raise ValueError("in_pro_per: must be true or false")  # noqa: TRY004
        values["in_pro_per"] = in_pro_per
        if not _ZIP.match(values["zip"]):
            raise ValueError("zip: must be 5 digits or ZIP+4 (12345-6789)")
        if not _PHONE.match(values["phone"]) or sum(ch.isdigit() for ch in values["phone"]) < 7:
            raise ValueError("phone: must be a telephone number")
        if values["email"] and not _EMAIL.match(values["email"]):
            raise ValueError("email: must be an e-mail address")
        if values["bar_number"] and not _BAR.match(values["bar_number"]):
            raise ValueError("bar_number: must be letters and digits")
        if values["record_name"] and needs_latin_name(values["record_name"]):
            raise ValueError("record_name: must be in English letters (A to Z), as the court record spells it")
        if not in_pro_per and not values["attorney_name"]:
            raise ValueError("attorney_name: is required when the person has an attorney")
        if in_pro_per and (values["attorney_name"] or values["bar_number"]):
            raise ValueError("in_pro_per: must be false when an attorney is named")
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _text(data: Mapping[str, Any], key: str, *, required: bool) -> str:
    value = data.get(key)
    if value is None:
        if required:
            raise ValueError(f"{key}: is required")
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{key}: must be text")  # noqa: TRY004
    text = clean(value)
    if required and not text:
        raise ValueError(f"{key}: is required")
    if len(text) > MAX_LENGTHS[key]:
        raise ValueError(f"{key}: is longer than {MAX_LENGTHS[key]} characters")
    return text

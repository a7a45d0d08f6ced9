"""Shared helpers for the documents tests: real engine results and PDF read-back."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pypdf

import rules

AS_OF = date(2026, 11, 23)


def conviction(**overrides: Any) -> dict[str, Any]:
    """A completed adult conviction (synthetic), with the given fields replaced."""
    base = {
        "case_number": "SF12345",
        "code": "HS 11359",
        "level": "felony",
        "forum": "adult",
        "offense_date": "1998-06-01",
        "conviction_date": "1998-09-14",
        "sentence_status": "completed",
        "conduct": "possess_for_sale",
        "quantity_grams": 40.0,
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def case_file(*convictions: dict[str, Any], county: str | None = "San Francisco", dob: str | None = "1960-02-29") -> dict[str, Any]:
    person = {"date_of_birth": dob} if dob else {}
    return {"county": county, "person": person, "convictions": list(convictions)}


def evaluate(case: dict[str, Any], policy: str = "statewide", as_of: date = AS_OF) -> dict[str, Any]:
    return rules.result_to_dict(rules.evaluate(rules.load_case(case), as_of=as_of, policy=policy))


def pdf_pages(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [page.extract_text() for page in reader.pages]


def pdf_text(data: bytes) -> str:
    return "\n".join(pdf_pages(data))


def checked(text: str) -> set[str]:
    """Labels drawn right after a check mark: the line following each "X" line."""
    lines = [line.strip() for line in text.splitlines()]
    return {lines[i + 1] for i, line in enumerate(lines[:-1]) if line == "X"}


def fonts(data: bytes) -> set[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    names: set[str] = set()
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            names.add(str(font.get_object().get("/BaseFont")))
    return names


def load(case: dict[str, Any]) -> rules.Case:
    """The case as the papers read it (month-only dates allowed)."""
    from documents.fields import read_case

    return read_case(case)

"""Synthetic DOJ files for the bulk tests (nothing real: see bulk/synth.py)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from bulk import doj
from bulk.synth import SynthOptions, write


@pytest.fixture(scope="session")
def doj_text() -> str:
    out = io.StringIO()
    write(out, SynthOptions(rows=3000, seed=7, rows_per_person=25, malformed_rate=0.05))
    return out.getvalue()


@pytest.fixture(scope="session")
def doj_file(tmp_path_factory, doj_text) -> Path:
    path = tmp_path_factory.mktemp("doj") / "doj.csv"
    path.write_text(doj_text, encoding="utf-8", newline="")
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def doj_row(**values: str) -> list[str]:
    """A blank 95-column DOJ row with some columns set."""
    row = [""] * len(doj.COLUMNS)
    for name, value in values.items():
        row[doj.POS[name]] = value
    return row


def csv_line(fields: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(fields)
    return out.getvalue().removesuffix("\n")

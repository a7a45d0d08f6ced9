"""The CSV writers: what they write is what Python's csv module writes, every cell neutralised."""

from __future__ import annotations

import csv
import io
import random

from bulk.write import DANGEROUS_FIRST, SafeCsvWriter

CELLS = ["", "a", "a,b", 'say "x"', "two\nlines", "cr\rinside", " leading space", "=1+2", "-3", "+",
         "@SUM(A1)", "\tTAB", "\rCR", "é § 11361.8", 12, None, "'", '"', ",", "a b"]


def _reference(rows: list[list]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow(["" if v is None else "'" + v if isinstance(v, str) and v[:1] in DANGEROUS_FIRST else v
                         for v in row])
    return out.getvalue()


def test_rows_are_written_as_the_csv_module_writes_them_with_every_formula_neutralised():
    rng = random.Random(64)
    rows = [[rng.choice(CELLS) for _ in range(rng.randint(1, 6))] for _ in range(3000)]
    rows += [[""], [None], ["a"], [12], ["=x"]]
    writer = SafeCsvWriter(None)
    for row in rows:
        writer.writerow(row)
    text = writer.take()
    assert text == _reference(rows)
    for row in csv.reader(io.StringIO(text, newline="")):
        assert all(cell[:1] not in DANGEROUS_FIRST for cell in row)


def test_forgetting_the_remembered_cells_changes_nothing(monkeypatch):
    monkeypatch.setattr(SafeCsvWriter, "CELLS_KEPT", 3)
    rows = [[f"=cell {i % 7}", f"text, {i % 5}", i] for i in range(100)]
    writer = SafeCsvWriter(None)
    for row in rows:
        writer.writerow(row)
    assert writer.take() == _reference(rows)

"""A grouped file whose rows of a few people come back further on: those people are decided
again with all their rows at the end, and every output is what sorting the file gives."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from bulk import doj, pipeline
from bulk.pipeline import Options, run
from bulk.synth import SynthOptions, write

from .conftest import csv_line, doj_row

AS_OF = date(2026, 1, 1)


@pytest.fixture
def late_anywhere(monkeypatch):
    """A person found again anywhere is late (in a real run: after the first tenth of a file of
    64 MiB or more)."""
    monkeypatch.setattr(pipeline, "LATE_MIN_BYTES", 0)
    monkeypatch.setattr(pipeline, "LATE_AFTER", 0.0)


def _grouped_lines() -> tuple[str, list[str]]:
    out = io.StringIO()
    write(out, SynthOptions(rows=6000, seed=11))
    header, *lines = out.getvalue().splitlines(keepends=True)
    return header, lines


def _person(line: str) -> str:
    return next(csv.reader([line]))[doj.POS["SUBJECT_ID"]]


def _conviction(line: str) -> bool:
    return next(csv.reader([line]))[doj.POS["DISP_DESCR"]].startswith("CONVICTED")


def _prop64_here(line: str) -> bool:
    """A conviction row of HS 11357-11360 in San Francisco."""
    row = next(csv.reader([line]))
    return (row[doj.POS["DISP_DESCR"]].startswith("CONVICTED") and row[doj.POS["STP_ORI_CNTY_NAME"]] == "SAN FRANCISCO"
            and row[doj.POS["OFFENSE_DESCR"]][:5] in ("11357", "11358", "11359", "11360"))


def _file_with_late_rows(tmp_path: Path, second_half: bool = False) -> tuple[Path, int]:
    """The synthetic file with rows of four people moved to the end (after every other
    person): for three people with more than one Prop 64 conviction in San Francisco, one of
    those convictions; for one person without any, another conviction. With ``second_half``,
    only people whose rows start after 60% of the file (one Prop 64 conviction is
    enough there). Returns the file and how many people were moved."""
    header, lines = _grouped_lines()
    by_person: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        by_person.setdefault(_person(line), []).append(i)
    if second_half:
        by_person = {p: rows for p, rows in by_person.items() if rows[0] >= len(lines) * 0.6}
    moved = []
    for rows in by_person.values():
        here = [i for i in rows if _prop64_here(lines[i])]
        if len(here) >= (1 if second_half else 2) and len(moved) < 3:
            moved.append(here[-1])
    other = next(rows for rows in by_person.values()
                 if not any(_prop64_here(lines[i]) for i in rows) and any(_conviction(lines[i]) for i in rows))
    moved.append(next(i for i in other if _conviction(lines[i])))
    tail = [lines[i] for i in moved]
    kept = [line for i, line in enumerate(lines) if i not in set(moved)]
    path = tmp_path / "late.csv"
    path.write_text(header + "".join(kept + tail), encoding="utf-8")
    return path, len(moved)


def _lookup(db: Path) -> list:
    """What the lookup answers, whatever order the rows were stored in."""
    with sqlite3.connect(db) as connection:
        return sorted(connection.execute(
            "SELECT e.county, e.lookup_key, e.position, r.digest, r.payload"
            " FROM prop64_lookup_entry e JOIN prop64_lookup_result r ON e.result_id = r.id"
        ).fetchall())


def _outputs(out: Path) -> dict:
    return {
        "annotated": (out / "annotated.csv").read_bytes(),
        "summary": (out / "summary.json").read_bytes(),
        "condensed": Counter((out / "prop64_convictions.csv").read_text(encoding="utf-8").splitlines()),
        "papers": sorted(str(p.relative_to(out)) for p in (out / "documents").rglob("*") if p.is_file()),
    }


@pytest.mark.parametrize(("workers", "second_half"), [("local", False), ("process", False), ("local", True)])
def test_people_whose_rows_come_back_late_get_the_answers_of_a_sorted_run(tmp_path, late_anywhere, workers,
                                                                         second_half):
    """annotated.csv is written again from the first row that changes: into a new file, or
    (late people only in the second half) in place, the rest set aside and copied back."""
    path, moved = _file_with_late_rows(tmp_path, second_half)
    results = {}
    for grouping in ("auto", "sort"):
        db = tmp_path / f"{grouping}.sqlite"
        report = run(Options(input=path, fmt="doj", county="San Francisco", as_of=AS_OF,
                             out=tmp_path / grouping, grouping=grouping, workers=workers, documents=True,
                             compare=("county", "dismiss-all"),
                             lookup_url=f"sqlite:///{db}", lookup_key="test-key"))
        results[grouping] = (report, _outputs(tmp_path / grouping), _lookup(db))
    (late, late_out, late_db), (sort, sort_out, sort_db) = results["auto"], results["sort"]
    assert moved == 4
    assert (late.grouping, late.restarts, late.late_people) == ("streaming", [], 4)
    assert late.manifest["people_out_of_order"] == 4
    assert sort.grouping == "sorted-on-disk"
    assert late_out == sort_out
    assert late_db == sort_db and late_db
    assert late.stats.prop64_not_evaluated == 0 and late.stats.convictions == sort.stats.convictions > 0


def test_a_late_prior_conviction_changes_the_decision_as_if_it_had_been_read_with_the_rest(tmp_path, late_anywhere):
    """A person's later conviction for another offense, found at the end of the file, is one of
    their prior convictions like any other."""
    def row(subject: str, cnt: str, descr: str, **extra: str) -> list[str]:
        values = {"SUBJECT_ID": subject, "PRI_DOB": "19700101", "CYC_DATE": "20100101",
                  "STP_EVENT_DATE": "20100301", "STP_TYPE_DESCR": "COURT ACTION",
                  "STP_ORI_CNTY_NAME": "SAN FRANCISCO", "CNT_ORDER": cnt, "OFN": "12345",
                  "OFFENSE_DESCR": descr, "OFFENSE_TOC": "F", "DISP_DESCR": "CONVICTED-JAIL",
                  "CONV_STAT_DESCR": "FELONY", "SENT_LENGTH": "6", "SENT_TIME_CODE": "M"}
        values.update(extra)
        return doj_row(**values)

    prop64 = row("1", "001001001000", "11359 HS-POSSESS FOR SALE")
    prior = row("1", "002001001000", "187 PC-MURDER", CYC_DATE="19950101", STP_EVENT_DATE="19950301")
    filler = [row(str(n), "001001001000", "459 PC-BURGLARY") for n in range(2, 40)]
    lines = [csv_line(r) + "\n" for r in [prop64, *filler, prior]]
    path = tmp_path / "in.csv"
    path.write_text("".join(lines), encoding="utf-8")
    reports = {g: run(Options(input=path, fmt="doj", county="San Francisco", as_of=AS_OF,
                              out=tmp_path / g, grouping=g)) for g in ("auto", "sort")}
    assert reports["auto"].late_people == 1
    for name in ("annotated.csv", "summary.json", "prop64_convictions.csv"):
        assert (tmp_path / "auto" / name).read_bytes() == (tmp_path / "sort" / name).read_bytes(), name
    (row_,) = list(csv.DictReader(io.StringIO((tmp_path / "auto" / "prop64_convictions.csv").read_text())))
    alone = tmp_path / "alone.csv"
    alone.write_text(lines[0], encoding="utf-8")
    run(Options(input=alone, fmt="doj", county="San Francisco", as_of=AS_OF, out=tmp_path / "alone"))
    (without,) = list(csv.DictReader(io.StringIO((tmp_path / "alone" / "prop64_convictions.csv").read_text())))
    assert row_["reasons"] != without["reasons"], "the late prior was read"


def test_too_many_people_found_again_send_the_run_back_to_sort_the_file(tmp_path, late_anywhere, monkeypatch):
    monkeypatch.setattr(pipeline, "MAX_LATE_PEOPLE", 1)
    path, _ = _file_with_late_rows(tmp_path)
    report = run(Options(input=path, fmt="doj", county="San Francisco", as_of=AS_OF, out=tmp_path / "out"))
    assert (report.grouping, report.restarts, report.late_people) == ("sorted-on-disk", ["not-grouped"], 0)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["people_out_of_order"] == 0
    assert not [p.name for p in (tmp_path / "out").iterdir() if p.suffix == ".arrow"]


def test_a_person_found_again_near_the_start_sends_the_run_back_to_sort_the_file(tmp_path):
    path, _ = _file_with_late_rows(tmp_path)  # small: below LATE_MIN_BYTES, always read again
    report = run(Options(input=path, fmt="doj", county="San Francisco", as_of=AS_OF, out=tmp_path / "out"))
    assert (report.grouping, report.restarts) == ("sorted-on-disk", ["not-grouped"])


def test_a_generic_file_with_a_person_found_again_late_gives_the_answers_of_a_sorted_run(tmp_path, late_anywhere):
    out = io.StringIO()
    write(out, SynthOptions(rows=3000, seed=5, fmt="generic"))
    header, *lines = out.getvalue().splitlines(keepends=True)
    people = [line.split(",", 1)[0] for line in lines]
    moved = next(i for i, (p, line) in enumerate(zip(people, lines))
                 if ",YOLO," in line and " HS," in line and people.count(p) >= 3 and people.index(p) != i)
    path = tmp_path / "g.csv"
    path.write_text(header + "".join(line for i, line in enumerate(lines) if i != moved) + lines[moved],
                    encoding="utf-8")
    reports = {g: run(Options(input=path, fmt="generic", county="Yolo", as_of=AS_OF, out=tmp_path / g,
                              grouping=g)) for g in ("auto", "sort")}
    assert reports["auto"].late_people == 1 and reports["auto"].grouping == "streaming"
    assert _outputs(tmp_path / "auto") == _outputs(tmp_path / "sort")


def test_a_first_decision_is_taken_out_of_a_file_whose_cells_hold_line_breaks(tmp_path):
    from bulk.late import _rewrite_without

    path = tmp_path / "c.csv"
    path.write_text('row,case\n1,"A\nB"\n2,x\n1,"A\nB"\n3,"q ""x"""\n', encoding="utf-8")
    _rewrite_without(path, '1,"A\nB"\n3,"q ""x"""\n', '4,"new\nrow"\n', csv_file=True)
    assert path.read_text(encoding="utf-8") == 'row,case\n2,x\n1,"A\nB"\n4,"new\nrow"\n'
    lookup = tmp_path / "l.tsv"
    lookup.write_text('k1\t0\t{"a":"\\""}\nk2\t0\t{}\n', encoding="utf-8")
    _rewrite_without(lookup, 'k1\t0\t{"a":"\\""}\n', "k3\t1\t{}\n", csv_file=False)
    assert lookup.read_text(encoding="utf-8") == "k2\t0\t{}\nk3\t1\t{}\n"


def test_the_command_line_says_how_many_people_were_decided_again(tmp_path, late_anywhere):
    from click.testing import CliRunner

    from prop64.cli import main

    path, moved = _file_with_late_rows(tmp_path)
    result = CliRunner().invoke(main, ["bulk", str(path), "--format", "doj", "--county", "San Francisco",
                                       "--as-of", "2026-01-01", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert f"The rows of {moved} people came back further on in the file" in result.output
    assert "not grouped by person" not in result.output

"""`prop64 synth` writes what the DOJ writes, and every DOJ spelling of a Prop 64 code is evaluated."""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections import Counter
from datetime import date

import pytest

from bulk import doj
from bulk.pipeline import Options, run
from bulk.synth import SynthOptions, write

from .conftest import csv_line, doj_row, read_csv

#: The shapes of Prop 64 codes counted in a DOJ research file (docs/doj-format.md, "Code
#: spellings"), each with DOJ's text after it, plus the wrapped forms DOJ also uses.
DOJ_SPELLINGS = (
    "11359(A) HS-POSSESS MARIJUANA/HASH FOR SALE",
    "11359 HS-MARIJUANA POSSESS FOR SALE",
    "11359(C) HS-MARIJUANA POSSESS FOR SALE",
    "11360A HS-SELL/FURNISH/ETC MARIJUANA/HASH",
    "11360(B) SELL/FURNISH/ETC MARIJUANA/HASH",
    "11359B HS-MARIJUANA POSSESS FOR SALE",
    "11357B2 HS-POSSESSION OF MARIJUANA",
    "11360A2 HS-SELL/FURNISH/ETC MARIJUANA/HASH",
    "11359HS-POSS MARIJ FOR SALE",
    "664.11357(C) HS-ATTEMPT",
    "66411357(C) HS-ATTEMPT",
    "664-11357(C) HS-ATTEMPT",
    "664/11357(C) HS-ATTEMPT",
    "/11357 HS-POSSESS",
)


def _text(rows: int, **options) -> str:
    out = io.StringIO()
    write(out, SynthOptions(rows=rows, seed=3, **options))
    return out.getvalue()


@pytest.fixture(scope="module")
def real_shaped() -> str:
    return _text(20_000)


def test_every_field_is_quoted_as_the_doj_writes_it(real_shaped):
    lines = real_shaped.splitlines()
    assert lines[0].startswith("RECORD_ID,SUBJECT_ID".replace("SUBJECT_ID", "SUBJECT_STATUS"))
    for line in lines[1:200]:
        fields = next(csv.reader([line]))
        assert len(fields) == 95
        assert line == ",".join('"' + f.replace('"', '""') + '"' for f in fields)


def test_people_have_about_ninety_rows_of_arrests_court_events_and_custody(real_shaped):
    rows = list(csv.reader(io.StringIO(real_shaped)))[1:]
    people = Counter(r[doj.POS["SUBJECT_ID"]] for r in rows)
    assert 70 <= len(rows) / len(people) <= 110
    steps = Counter(r[doj.POS["STP_TYPE_DESCR"]] for r in rows)
    for step in ("ARREST/DETAINED/CITED", "COURT ACTION", "CUSTODY"):
        assert steps[step] > len(rows) * 0.1, steps
    codes = Counter(r[doj.POS["OFFENSE_DESCR"]].split("-")[0] for r in rows)
    for shape in ("11360A HS", "11359B HS", "11357B2 HS", "11360A2 HS", "11359(A) HS"):
        assert codes[shape], shape


def test_person_ids_are_unique_whatever_the_size():
    """Each person's rows form one run in an unshuffled file: no id is ever reused."""
    rows = list(csv.reader(io.StringIO(_text(60_000, rows_per_person=5))))[1:]
    ids = [r[doj.POS["SUBJECT_ID"]] for r in rows]
    runs = [ids[0]] + [b for a, b in itertools.pairwise(ids) if a != b]
    assert len(runs) == len(set(runs)) > 5000


def test_shuffle_puts_people_out_of_order_and_keeps_every_row():
    plain, shuffled = _text(5000), _text(5000, shuffle=True)
    assert sorted(plain.splitlines()) == sorted(shuffled.splitlines())
    ids = [r[doj.POS["SUBJECT_ID"]] for r in csv.reader(io.StringIO(shuffled.split("\n", 1)[1]))]
    runs = [ids[0]] + [b for a, b in itertools.pairwise(ids) if a != b]
    assert len(runs) > len(set(runs))


def test_a_real_shaped_file_gives_the_same_answers_sorted_or_shuffled(tmp_path, monkeypatch):
    """Shuffled, the file is sorted on disk in several partitions (made small here)."""
    from bulk import group

    monkeypatch.setattr(group, "PARTITION_INPUT_BYTES", 1 << 20)
    monkeypatch.setattr(group, "LINES_PER_PARTITION", 1000)
    monkeypatch.setattr(group, "DECIDE_ROWS", 500)
    monkeypatch.setattr(group, "WAITING_BYTES", 200 << 10)
    outputs = {}
    for name, shuffle in (("sorted", False), ("shuffled", True)):
        path = tmp_path / f"{name}.csv"
        path.write_text(_text(8000, shuffle=shuffle), encoding="utf-8")
        report = run(Options(input=path, fmt="doj", county="San Francisco", as_of=date(2026, 1, 1),
                             out=tmp_path / f"out-{name}"))
        assert report.grouping == ("sorted-on-disk" if shuffle else "streaming")
        assert report.stats.prop64_not_evaluated == 0
        outputs[name] = sorted(
            (r["person_id"], r["code"], r["conviction_date"], r["outcome"], r["county_outcome"])
            for r in read_csv(tmp_path / f"out-{name}" / "prop64_convictions.csv")
        )
        annotated = read_csv(tmp_path / f"out-{name}" / "annotated.csv")
        assert [int(r["prop64_row"]) for r in annotated] == sorted(int(r["prop64_row"]) for r in annotated)
    assert outputs["sorted"] == outputs["shuffled"] and outputs["sorted"]


def test_the_worker_process_gives_the_same_outputs_as_the_main_process(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(_text(6000, shuffle=False), encoding="utf-8")
    for workers in ("local", "process"):
        run(Options(input=path, fmt="doj", county="San Francisco", as_of=date(2026, 1, 1),
                    out=tmp_path / workers, workers=workers, compare=("county", "dismiss-all")))
    for name in ("annotated.csv", "prop64_convictions.csv", "errors.csv", "summary.json"):
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "process" / name).read_bytes(), name


def test_two_workers_deciding_a_file_out_of_order_give_the_same_outputs_as_one_process(tmp_path, monkeypatch):
    """Batches go to the workers in turn; the condensed file, the lookup rows and the summary
    are still those of one process deciding every batch in order."""
    import sqlite3

    from bulk import group, pipeline

    assert pipeline.WORKERS_SORTING > 1
    monkeypatch.setattr(group, "DECIDE_ROWS", 200)  # many batches, shared by the workers
    monkeypatch.setattr(group, "WAITING_BYTES", 200 << 10)
    path = tmp_path / "in.csv"
    path.write_text(_text(6000, shuffle=True), encoding="utf-8")
    stored = {}
    for workers in ("local", "process"):
        db = tmp_path / f"{workers}.sqlite"
        report = run(Options(input=path, fmt="doj", county="San Francisco", as_of=date(2026, 1, 1),
                             out=tmp_path / workers, workers=workers, compare=("county", "dismiss-all"),
                             lookup_url=f"sqlite:///{db}", lookup_key="test-key"))
        assert report.grouping == "sorted-on-disk"
        with sqlite3.connect(db) as connection:
            stored[workers] = [connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                               for table in ("prop64_lookup_result", "prop64_lookup_entry")]
    assert stored["local"] == stored["process"] and stored["local"][1]
    for name in ("annotated.csv", "prop64_convictions.csv", "errors.csv", "summary.json", "summary.html"):
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "process" / name).read_bytes(), name


@pytest.mark.parametrize("descr", DOJ_SPELLINGS)
def test_every_doj_spelling_of_a_prop64_code_is_evaluated(tmp_path, descr):
    row = doj_row(
        SUBJECT_ID="1", PRI_DOB="19700101", CYC_DATE="19990101", STP_EVENT_DATE="19990301",
        STP_TYPE_DESCR="COURT ACTION", STP_ORI_CNTY_NAME="SAN FRANCISCO", CNT_ORDER="001002001000",
        OFN="12345", OFFENSE_DESCR=descr, OFFENSE_TOC="F", DISP_DESCR="CONVICTED-PROBATION",
        CONV_STAT_DESCR="FELONY", SENT_LENGTH="3", SENT_TIME_CODE="Y",
    )
    path = tmp_path / "in.csv"
    path.write_text(csv_line(row) + "\n")
    report = run(Options(input=path, fmt="doj", county="San Francisco", as_of=date(2026, 1, 1), out=tmp_path / "out"))
    (annotated,) = read_csv(tmp_path / "out" / "annotated.csv")
    assert annotated["prop64_evaluated"] == "Y"
    (condensed,) = read_csv(tmp_path / "out" / "prop64_convictions.csv")
    assert condensed["section"] or condensed["outcome"] == "NEEDS_DA_REVIEW", condensed
    assert report.stats.prop64_not_evaluated == 0
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["prop64_read"] == {"convictions_naming_11357_11360": 1, "not_evaluated": 0, "not_evaluated_codes": {}}


def test_a_conviction_naming_prop64_that_is_not_evaluated_is_counted_and_named(tmp_path, monkeypatch):
    """The count is the pipeline's guard: were a spelling ever left out, it shows, by code."""
    import bulk.cases
    import bulk.formats

    narrow = lambda code: bulk.cases.is_prop64(code) and "B2" not in code
    monkeypatch.setattr(bulk.cases, "is_candidate", narrow)
    monkeypatch.setattr(bulk.formats, "is_candidate", narrow)
    rows = [
        doj_row(SUBJECT_ID="1", STP_ORI_CNTY_NAME="SAN FRANCISCO", CNT_ORDER="001002001000",
                OFFENSE_DESCR="11357B2 HS-POSSESSION OF MARIJUANA", DISP_DESCR="CONVICTED-FINE"),
        doj_row(SUBJECT_ID="1", STP_ORI_CNTY_NAME="SAN FRANCISCO", CNT_ORDER="001002002000",
                OFFENSE_DESCR="11359 HS-POSSESS FOR SALE", DISP_DESCR="CONVICTED-FINE"),
        doj_row(SUBJECT_ID="1", STP_ORI_CNTY_NAME="SAN FRANCISCO", CNT_ORDER="001001001000",
                OFFENSE_DESCR="11357B2 HS-POSSESSION OF MARIJUANA", STP_TYPE_DESCR="ARREST/DETAINED/CITED"),
    ]
    path = tmp_path / "in.csv"
    path.write_text("".join(csv_line(r) + "\n" for r in rows))
    report = run(Options(input=path, fmt="doj", county="San Francisco", as_of=date(2026, 1, 1), out=tmp_path / "out"))
    assert report.stats.prop64_mentions == 2  # the arrest row is not a conviction
    assert report.stats.prop64_not_evaluated == 1
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["prop64_read"]["not_evaluated_codes"] == {"11357B2 HS": 1}
    assert json.loads((tmp_path / "out" / "manifest.json").read_text())["rows"]["prop64_not_evaluated"] == 1

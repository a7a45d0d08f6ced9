"""Input that used to crash a run or lose rows: each is read, or reported, without a traceback."""

from __future__ import annotations

import errno
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulk import read
from bulk.pipeline import Options, run
from prop64.cli import main

from .conftest import csv_line, doj_row, read_csv

AS_OF = date(2026, 1, 1)


def bulk(path: Path, out: Path, **kwargs):
    return run(Options(input=path, fmt=kwargs.pop("fmt", "doj"), county=kwargs.pop("county", "San Francisco"),
                       as_of=AS_OF, out=out, **kwargs))


def invoke(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env or {})


def conviction(subject: str, **extra: str) -> list[str]:
    values = {"SUBJECT_ID": subject, "PRI_DOB": "19700101", "CYC_DATE": "19990101", "STP_EVENT_DATE": "19990301",
                  "STP_TYPE_DESCR": "COURT ACTION", "STP_ORI_CNTY_NAME": "SAN FRANCISCO", "CNT_ORDER": "001002001000",
                  "OFN": "12345", "OFFENSE_DESCR": "11359 HS-POSSESS FOR SALE", "OFFENSE_TOC": "F",
                  "DISP_DESCR": "CONVICTED-JAIL", "CONV_STAT_DESCR": "FELONY", "SENT_LENGTH": "6", "SENT_TIME_CODE": "M"}
    values.update(extra)
    return doj_row(**values)


def test_a_sentence_length_that_is_not_an_ascii_number_is_unknown_not_a_crash(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(csv_line(conviction("1", SENT_LENGTH="²")) + "\n", encoding="utf-8")
    report = bulk(path, tmp_path / "out")
    assert report.stats.convictions == 1 and report.stats.rows_error == 0
    (row,) = read_csv(tmp_path / "out" / "prop64_convictions.csv")
    assert row["sentence_status"] == ""


def test_a_generic_header_naming_a_column_twice_is_a_clear_usage_error(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("person_id,code,county,CODE\np1,HS 11357,Yolo,HS 11359\n")
    result = invoke("bulk", path, "--format", "generic", "--county", "Yolo", "--as-of", "2026-01-01",
                    "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "code" in result.output and "more than once" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()


def test_a_generic_file_with_cr_only_line_endings_is_read_line_by_line(tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes(b"person_id,code,county\rp1,HS 11357(b),Yolo\rp2,HS 11359,Yolo\r")
    report = bulk(path, tmp_path / "out", fmt="generic", county="Yolo")
    assert report.stats.rows_error == 0 and report.stats.convictions == 2
    assert [r["prop64_row"] for r in read_csv(tmp_path / "out" / "annotated.csv")] == ["2", "3"]


def test_a_record_with_many_line_breaks_inside_a_quoted_field_is_one_row(tmp_path):
    comment = "\n".join(f"note line {i}" for i in range(40))
    rows = [conviction("1", COMMENT_TEXT=comment), conviction("2")]
    path = tmp_path / "in.csv"
    path.write_text("".join(csv_line(r) + "\n" for r in rows))
    report = bulk(path, tmp_path / "out")
    assert report.stats.rows_error == 0
    annotated = read_csv(tmp_path / "out" / "annotated.csv")
    assert [r["prop64_row"] for r in annotated] == ["1", "41"]
    assert annotated[0]["COMMENT_TEXT"] == comment


def test_a_field_longer_than_128_kib_is_read(tmp_path):
    rows = [conviction("1", COMMENT_TEXT="X" * (200 << 10)), conviction("2")]
    path = tmp_path / "in.csv"
    path.write_text("".join(csv_line(r) + "\n" for r in rows))
    report = bulk(path, tmp_path / "out")
    assert report.stats.rows_error == 0 and report.stats.rows_annotated == 2
    assert len(read_csv(tmp_path / "out" / "annotated.csv")[0]["COMMENT_TEXT"]) == 200 << 10


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize("quoted", [False, True])
def test_a_formula_in_the_first_cell_of_any_line_is_neutralised_at_every_chunk_boundary(tmp_path, monkeypatch, strict, quoted):
    """Security: a cell a spreadsheet would run is neutralised wherever it stands, including the
    first cell of the first line of a read chunk (read here in chunks of a few lines)."""
    monkeypatch.setattr(read, "CHUNK_BYTES", 1024)
    rows = []
    for i in range(60):
        row = conviction(str(i // 3), CNT_ORDER=f"001002{i % 3:03d}000")
        row[0] = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\r=1"][i % 6]
        rows.append(row)
    text = "".join((csv_line(r) if not quoted else ",".join('"' + f.replace('"', '""') + '"' for f in r)) + "\n"
                   for r in rows)
    if strict:
        text += "\n"  # a blank line at the end sends its chunk to the csv module
    path = tmp_path / "in.csv"
    path.write_text(text)
    bulk(path, tmp_path / "out")
    annotated = read_csv(tmp_path / "out" / "annotated.csv")
    assert len(annotated) == 60
    for row in annotated:
        assert row["RECORD_ID"].startswith("'"), row["RECORD_ID"]
    for name in ("annotated.csv", "prop64_convictions.csv", "errors.csv"):
        for row in read_csv(tmp_path / "out" / name):
            for value in row.values():
                assert value[:1] not in ("=", "+", "-", "@", "\t", "\r"), (name, value)


@pytest.mark.parametrize("seed", range(6))
def test_a_formula_in_any_cell_is_neutralised_whatever_the_chunk_size(tmp_path, monkeypatch, seed):
    """Security, with the search for cells that start a formula done on the raw bytes: one
    formula in a random cell of a random row, read in chunks of a random size, quoted or not,
    with LF or CRLF line ends, never reaches an output as a live formula."""
    import random

    rng = random.Random(seed)
    monkeypatch.setattr(read, "CHUNK_BYTES", rng.randrange(600, 3000))
    quoted, end = rng.choice([False, True]), rng.choice(["\n", "\r\n"])
    rows = [conviction(str(i // 3), CNT_ORDER=f"001002{i % 3:03d}000") for i in range(60)]
    target, column = rng.randrange(len(rows)), rng.randrange(len(rows[0]))
    formula = rng.choice(["=HYPERLINK(\"x\")", "+1+1", "-2+3", "@SUM(A1)"])
    rows[target][column] = formula
    text = "".join((csv_line(r) if not quoted else ",".join('"' + f.replace('"', '""') + '"' for f in r)) + end
                   for r in rows)
    path = tmp_path / "in.csv"
    path.write_bytes(text.encode())
    bulk(path, tmp_path / "out")
    for name in ("annotated.csv", "prop64_convictions.csv", "errors.csv"):
        for row in read_csv(tmp_path / "out" / name):
            for value in row.values():
                assert value[:1] not in ("=", "+", "-", "@"), (seed, name, value)


def test_chunk_boundaries_change_nothing_in_the_outputs(tmp_path, monkeypatch):
    rows = [conviction(str(i // 4), CNT_ORDER=f"00{i % 4}002001000", COMMENT_TEXT="a\nb" if i == 7 else "")
            for i in range(120)]
    path = tmp_path / "in.csv"
    path.write_text("".join(csv_line(r) + "\n" for r in rows) + "\n" + csv_line(conviction("99")) + "\n")
    bulk(path, tmp_path / "usual")
    for size in (700, 2000, 5000):
        monkeypatch.setattr(read, "CHUNK_BYTES", size)
        bulk(path, tmp_path / f"c{size}")
        for name in ("annotated.csv", "prop64_convictions.csv", "errors.csv"):
            assert (tmp_path / f"c{size}" / name).read_bytes() == (tmp_path / "usual" / name).read_bytes(), (size, name)


@pytest.mark.parametrize("strict", [False, True], ids=["pyarrow", "csv-module"])
def test_each_input_row_is_copied_as_it_came_unless_a_cell_could_run_as_a_formula(tmp_path, monkeypatch, strict):
    """annotated.csv keeps each row's own line (quoted or not) in front of our columns, which
    reads back as the same cells; a row with a formula cell, or whose quoted field runs over
    two lines, is written quoted and neutralised instead. Whichever reader took the chunk, the
    rows are the same."""
    if strict:
        monkeypatch.setattr(read.Reader, "_parse_fast", lambda self, first, chunk: None)
    plain = csv_line(conviction("1", COMMENT_TEXT="no quotes, one comma"))
    quoted = ",".join('"' + f + '"' for f in conviction("2"))
    formula = csv_line(conviction("3", COMMENT_TEXT="=HYPERLINK(1)"))
    spanning = csv_line(conviction("4", COMMENT_TEXT="two\nlines"))
    path = tmp_path / "in.csv"
    path.write_text(f"{plain}\r\n{quoted}\r\n{formula}\r\n{spanning}\r\n", encoding="utf-8")
    bulk(path, tmp_path / "out")
    lines = (tmp_path / "out" / "annotated.csv").read_text(encoding="utf-8").split("\n")
    assert lines[1].startswith(plain + ',"1","Y"')
    assert lines[2].startswith(quoted + ',"2","Y"')
    assert lines[3].startswith('"","",') and "\"'=HYPERLINK(1)\"" in lines[3]
    assert lines[4].startswith('"","",') and lines[4].endswith('"two')
    rows = read_csv(tmp_path / "out" / "annotated.csv")
    assert [r["COMMENT_TEXT"] for r in rows] == ["no quotes, one comma", "", "'=HYPERLINK(1)", "two\nlines"]
    assert [r["prop64_row"] for r in rows] == ["1", "2", "3", "4"]


def test_a_bad_lookup_database_is_refused_before_the_file_is_read(tmp_path, doj_file):
    out = tmp_path / "out"
    url = f"sqlite:///{tmp_path}/no/such/folder/lookup.sqlite"
    result = invoke("bulk", doj_file, "--format", "doj", "--county", "Yolo", "--as-of", "2026-01-01",
                    "--out", out, "--lookup-db", url, env={"PROP64_LOOKUP_KEY": "k"})
    assert result.exit_code == 1
    assert "--lookup-db" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_a_read_only_output_place_is_a_clear_error(tmp_path, doj_file):
    result = invoke("bulk", doj_file, "--format", "doj", "--county", "Yolo", "--as-of", "2026-01-01",
                    "--out", "/proc/prop64-out")
    assert result.exit_code == 1
    assert "cannot be written" in result.output and "Traceback" not in result.output


def test_a_full_disk_leaves_the_earlier_outputs_as_they_were(tmp_path, doj_file, monkeypatch):
    out = tmp_path / "out"
    args = ["bulk", doj_file, "--format", "doj", "--county", "San Francisco", "--as-of", "2026-01-01", "--out", out]
    assert invoke(*args).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}

    from bulk import write

    def full(self, *a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(write.AnnotatedWriter, "_write", full)
    result = invoke(*args, "--as-of", "2026-02-01")
    assert result.exit_code == 1
    assert "No space left on device" in result.output and "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert not list(tmp_path.glob(".out.partial-*"))
    assert json.loads((out / "manifest.json").read_text())["as_of"] == "2026-01-01"

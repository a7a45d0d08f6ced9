"""The bulk run end to end: nothing lost, nothing leaked, the same answers however rows come."""

from __future__ import annotations

import hashlib
import json
import random
from datetime import date
from pathlib import Path

import pytest

import rules
from bulk import doj, read
from bulk.pipeline import Options, run

from .conftest import csv_line, doj_row, read_csv

AS_OF = date(2026, 1, 1)


def bulk(path: Path, out: Path, county: str = "San Francisco", **kwargs):
    return run(Options(input=path, fmt=kwargs.pop("fmt", "doj"), county=county, as_of=AS_OF, out=out, **kwargs))


def write_rows(path: Path, *rows: list[str]) -> Path:
    """A DOJ file without a header: one CSV line per row."""
    path.write_text("".join(csv_line(r) + "\n" for r in rows))
    return path


def accounted(out: Path) -> tuple[list[int], list[int]]:
    annotated = [int(r["prop64_row"]) for r in read_csv(out / "annotated.csv")]
    errors = [int(r["row"]) for r in read_csv(out / "errors.csv")]
    return annotated, errors


def test_a_clean_file_is_read_fast_streamed_and_fully_annotated(doj_file, tmp_path):
    report = bulk(doj_file, tmp_path)
    assert (report.reader, report.grouping) == ("fast", "streaming")
    annotated, errors = accounted(tmp_path)
    assert errors == []
    data_lines = len(doj_file.read_text().splitlines()) - 1
    assert annotated == list(range(2, data_lines + 2))
    assert report.stats.convictions > 0


def test_every_row_lands_in_exactly_one_output_on_a_damaged_file(doj_text, tmp_path):
    """BOM, CRLF, blank lines, broken quoting, wrong column counts, bad dates, missing DOBs."""
    lines = doj_text.splitlines()
    header, body = lines[0], lines[1:400]
    rng = random.Random(3)
    physical: list[str] = ["\ufeff" + header]
    expected_rows: list[int] = []
    damaged: set[int] = set()
    for i, line in enumerate(body):
        roll = rng.random()
        if roll < 0.04:
            physical.append("")  # a blank line: not a row
        number = len(physical) + 1
        if roll < 0.08:
            line = line.rsplit(",", 1)[0]  # a column short
            damaged.add(number)
        elif roll < 0.11:
            line = line + ",EXTRA"
            damaged.add(number)
        elif roll < 0.14:
            head, _, tail = line.partition(",")
            line = head + ',"unterminated' + tail.replace('"', "")
            damaged.add(number)
        elif roll < 0.2:
            line.split(",")
            line = line.replace(",19", ",1913", 1)  # an impossible date somewhere
        elif roll < 0.25:
            line = line.replace(",ACTIVE,", ",ACTIVE,", 1)
        physical.append(line)
        expected_rows.append(number)
    path = tmp_path / "damaged.csv"
    path.write_bytes(("\r\n".join(physical) + "\r\n").encode("utf-8"))
    out = tmp_path / "out"
    report = bulk(path, out)
    assert report.reader == "strict"
    annotated, errors = accounted(out)
    assert set(annotated).isdisjoint(errors)
    assert sorted(annotated + errors) == expected_rows
    assert annotated == sorted(annotated), "rows keep their input order"
    assert damaged <= set(errors)
    codes = {r["error"] for r in read_csv(out / "errors.csv")}
    assert codes <= {"WRONG_COLUMN_COUNT", "BAD_QUOTING"}
    assert report.manifest["rows"]["total"] == len(expected_rows)


def test_the_error_file_names_rows_and_problems_never_contents(tmp_path):
    rows = [
        csv_line(doj_row(SUBJECT_ID="1", PRI_NAME="SECRETNAME,ONE", PRI_DOB="19700101")),
        csv_line(doj_row(SUBJECT_ID="1", PRI_NAME="SECRETNAME,ONE")[:-3]),
        csv_line(doj_row(SUBJECT_ID="", PRI_NAME="SECRETNAME,TWO")),
    ]
    path = tmp_path / "in.csv"
    path.write_text("\n".join(rows) + "\n")
    out = tmp_path / "out"
    bulk(path, out)
    text = (out / "errors.csv").read_text()
    assert "SECRETNAME" not in text
    errors = read_csv(out / "errors.csv")
    assert [(e["row"], e["error"]) for e in errors] == [("2", "WRONG_COLUMN_COUNT"), ("3", "MISSING_PERSON_ID")]
    assert "92" in errors[0]["message"] and "95" in errors[0]["message"]


def _conviction(subject: str, cnt: str, descr: str, **extra: str) -> list[str]:
    values = {
        "SUBJECT_ID": subject, "PRI_NAME": "DOE,SYNTH", "PRI_DOB": "19700101", "CYC_DATE": "19990101",
        "STP_EVENT_DATE": "19990301", "STP_TYPE_DESCR": "COURT ACTION", "STP_ORI_CNTY_NAME": "SAN FRANCISCO",
        "CNT_ORDER": cnt, "OFN": "12345", "OFFENSE_DESCR": descr, "OFFENSE_TOC": "F",
        "DISP_DESCR": "CONVICTED-PROBATION", "CONV_STAT_DESCR": "FELONY", "SENT_LOC_DESCR": "PROBATION",
        "SENT_LENGTH": "3", "SENT_TIME_CODE": "Y",
    }
    values.update(extra)
    return doj_row(**values)


def test_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path):
    rows = [
        _conviction("1", "001002001000", "11359 HS-POSSESS FOR SALE", PRI_NAME="=HYPERLINK(\"x\")",
                    COMMENT_TEXT="+SUM(A1)", FE_NUM_CITE="@cmd", GENDER="-1"),
    ]
    path = write_rows(tmp_path / "in.csv", *rows)
    out = tmp_path / "out"
    bulk(path, out)
    for name in ("annotated.csv", "prop64_convictions.csv", "errors.csv"):
        for row in read_csv(out / name):
            for value in row.values():
                assert not value[:1] in ("=", "+", "-", "@"), (name, value)
    row = read_csv(out / "annotated.csv")[0]
    assert row["PRI_NAME"] == "'=HYPERLINK(\"x\")"
    assert row["COMMENT_TEXT"] == "'+SUM(A1)"
    assert row["GENDER"] == "'-1"


def test_a_person_whose_rows_are_scattered_is_judged_on_the_whole_record(tmp_path):
    """A super strike before the offense keeps an 11359 a felony; it sits far away in the file."""
    prior = _conviction("7", "001002001000", "187 PC-MURDER", STP_EVENT_DATE="19900101",
                        CYC_DATE="19890101", STP_ORI_CNTY_NAME="LOS ANGELES")
    target = _conviction("7", "002002001000", "11359 HS-POSSESS FOR SALE", STP_EVENT_DATE="19990301")
    other = [_conviction(str(100 + i), "001002001000", "11357(B) HS-POSSESS") for i in range(30)]
    scattered = [target] + other + [prior]
    together = [prior, target] + other
    results = {}
    for name, rows in (("scattered", scattered), ("together", together)):
        path = write_rows(tmp_path / f"{name}.csv", *rows)
        out = tmp_path / name
        report = bulk(path, out)
        results[name] = {
            (r["person_id"], r["code"]): r["outcome"] for r in read_csv(out / "prop64_convictions.csv")
        }
        annotated = [int(r["prop64_row"]) for r in read_csv(out / "annotated.csv")]
        assert annotated == list(range(1, len(rows) + 1))
        if name == "scattered":
            assert report.grouping == "sorted-on-disk"
    assert results["scattered"] == results["together"]
    alone = write_rows(tmp_path / "alone.csv", target)
    bulk(alone, tmp_path / "alone")
    without_prior = read_csv(tmp_path / "alone" / "prop64_convictions.csv")[0]["outcome"]
    assert results["together"][("7", "11359 HS")] != without_prior


def test_county_names_match_whatever_their_case_and_spacing(tmp_path):
    rows = [
        _conviction("1", "001002001000", "11357(B) HS-POSSESS", STP_ORI_CNTY_NAME="san francisco"),
        _conviction("2", "001002001000", "11357(B) HS-POSSESS", STP_ORI_CNTY_NAME=" SAN  FRANCISCO "),
        _conviction("3", "001002001000", "11357(B) HS-POSSESS", STP_ORI_CNTY_NAME="LOS ANGELES"),
    ]
    path = write_rows(tmp_path / "in.csv", *rows)
    report = bulk(path, tmp_path / "out", county="San Francisco")
    assert report.stats.convictions == 2


def test_only_real_prop64_sections_are_evaluated(tmp_path):
    rows = [
        _conviction("1", "001002001000", "211357 PC-NOT CANNABIS"),
        _conviction("1", "001002002000", "11357.5 HS-SYNTHETIC CANNABINOID"),
        _conviction("1", "001002003000", "113600 HS-NOT A SECTION"),
        _conviction("1", "001002004000", "SEE COMMENT FOR CHARGE", COMMENT_TEXT="11358 HS-CULTIVATE"),
        _conviction("1", "001002005000", "664/11359 HS-ATTEMPT"),
    ]
    path = write_rows(tmp_path / "in.csv", *rows)
    bulk(path, tmp_path / "out")
    codes = [r["code"] for r in read_csv(tmp_path / "out" / "prop64_convictions.csv")]
    assert codes == ["11358 HS", "664/11359 HS"]


def test_a_missing_or_unreadable_birth_date_is_unknown_not_an_error(tmp_path):
    rows = [
        _conviction("1", "001002001000", "11359 HS-POSSESS FOR SALE", PRI_DOB=""),
        _conviction("2", "001002001000", "11359 HS-POSSESS FOR SALE", PRI_DOB="19991345"),
        _conviction("3", "001002001000", "11359 HS-POSSESS FOR SALE", STP_EVENT_DATE="2001-99-01"),
    ]
    path = write_rows(tmp_path / "in.csv", *rows)
    out = tmp_path / "out"
    bulk(path, out)
    annotated, errors = accounted(out)
    assert errors == [] and annotated == [1, 2, 3]
    rows_out = read_csv(out / "annotated.csv")
    assert [r["prop64_warnings"] for r in rows_out] == ["DOB_MISSING", "DOB_UNREADABLE", "DATE_UNREADABLE"]
    condensed = read_csv(out / "prop64_convictions.csv")
    assert [c["date_of_birth"] for c in condensed] == ["", "", "1970-01-01"]
    assert all(r["prop64_outcome"] for r in rows_out)


def test_the_engine_decides_and_the_outputs_carry_its_answer(tmp_path):
    row = _conviction("1", "001002001000", "11357(B) HS-POSSESS", CONV_STAT_DESCR="MISDEMEANOR",
                      OFFENSE_TOC="M", SENT_LOC_DESCR="FINE", SENT_LENGTH="", SENT_TIME_CODE="")
    path = write_rows(tmp_path / "in.csv", row)
    out = tmp_path / "out"
    bulk(path, out)
    case = rules.load_case({
        "county": "San Francisco", "person": {"date_of_birth": "1970-01-01"},
        "convictions": [{"code": "11357(B) HS", "case_number": "12345", "level": "misdemeanor",
                         "offense_date": "1999-01-01", "conviction_date": "1999-03-01",
                         "sentence_status": "completed"}],
    })
    expected = rules.evaluate(case, as_of=AS_OF).determinations[0]
    got = read_csv(out / "annotated.csv")[0]
    assert got["prop64_outcome"] == expected.outcome.value
    assert got["prop64_route"] == (expected.route or "")
    assert got["prop64_reason_ids"] == ";".join(r.id for r in expected.reasons)
    assert got["prop64_rules_version"] == rules.RULES_VERSION
    assert got["prop64_case_numbers"] == "12345"


def test_summary_and_manifest_describe_the_run(doj_file, tmp_path):
    report = bulk(doj_file, tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["input"]["sha256"] == hashlib.sha256(doj_file.read_bytes()).hexdigest()
    assert manifest["as_of"] == "2026-01-01"
    assert manifest["rules_version"] == rules.RULES_VERSION
    summary = json.loads((tmp_path / "summary.json").read_text())
    conv = summary["convictions"]
    assert conv["total"] == report.stats.convictions == sum(conv["by_outcome"].values())
    assert sum(conv["by_era"].values()) == conv["total"] == sum(conv["by_decade"].values())
    assert summary["people"]["no_longer_felony"] <= summary["people"]["with_prop64_convictions"]
    condensed = read_csv(tmp_path / "prop64_convictions.csv")
    assert len(condensed) == conv["total"]
    html = (tmp_path / "summary.html").read_text()
    assert "<svg" in html and "<script" not in html.lower()


def test_a_juvenile_court_conviction_goes_to_the_juvenile_forms(tmp_path):
    row = _conviction("1", "001002001000", "11359 HS-POSSESS FOR SALE", PRI_DOB="19830101",
                      STP_ORI_TYPE_DESCR="JUVENILE COURT")
    path = write_rows(tmp_path / "in.csv", row)
    bulk(path, tmp_path / "out")
    condensed = read_csv(tmp_path / "out" / "prop64_convictions.csv")[0]
    assert condensed["forum"] == "juvenile"
    if condensed["forms"]:
        assert "JV-744" in condensed["forms"]


def test_a_death_record_reaches_the_engine(tmp_path):
    rows = [
        _conviction("1", "001002001000", "11359 HS-POSSESS FOR SALE"),
        doj_row(SUBJECT_ID="1", STP_TYPE_DESCR="DECEASED", STP_EVENT_DATE="20200101", CNT_ORDER="002001001000"),
    ]
    path = write_rows(tmp_path / "in.csv", *rows)
    from bulk import doj
    from bulk.cases import DojPerson

    person = DojPerson("1")
    for i, row in enumerate(rows, 1):
        person.add(i, tuple(row[doj.POS[c]] for c in doj.USED))
    record = person.finish("San Francisco", AS_OF)
    assert record.case.person.deceased is True
    _annotated, _errors = (bulk(path, tmp_path / "out"), None)
    assert len(read_csv(tmp_path / "out" / "annotated.csv")) == 2


def test_generic_csv(tmp_path):
    path = tmp_path / "generic.csv"
    path.write_text(
        "Person_ID,date_of_birth,County,case_number,CODE,level,offense_date,conviction_date,sentence_status\n"
        "p1,1970-01-01,San Francisco,SF1,HS 11359,felony,1999-01-01,1999-03-01,completed\n"
        "p1,1970-01-01,Los Angeles,LA1,PC 187,felony,,1990-01-01,completed\n"
        "p2,,san francisco,SF2,HS 11357(b),misdemeanor,2005-01-01,2005-02-01,\n"
        "p3,1980-01-01,San Francisco,SF3,HS 11360\n"
        ",1980-01-01,San Francisco,SF4,HS 11360,felony,,,\n"
    )
    out = tmp_path / "out"
    report = bulk(path, out, fmt="generic")
    annotated, errors = accounted(out)
    assert annotated == [2, 3, 4] and errors == [5, 6]
    assert list(read_csv(out / "annotated.csv")[0])[:3] == ["Person_ID", "date_of_birth", "County"]

    condensed = read_csv(out / "prop64_convictions.csv")
    assert [c["case_number"] for c in condensed] == ["SF1", "SF2"]
    assert report.stats.people_with_convictions == 2


def test_generic_csv_without_required_columns_is_a_usage_error(tmp_path):
    from bulk.read import UsageError

    path = tmp_path / "generic.csv"
    path.write_text("id,dob\n1,1970-01-01\n")
    with pytest.raises(UsageError):
        bulk(path, tmp_path / "out", fmt="generic")


def test_the_county_program_applies_under_policy_county(doj_file, tmp_path):
    statewide = bulk(doj_file, tmp_path / "s")
    county = bulk(doj_file, tmp_path / "c", policy="county")
    assert statewide.manifest["policy"]["county"] is None
    assert county.manifest["policy"]["county"] == "San Francisco"
    rows = read_csv(tmp_path / "c" / "prop64_convictions.csv")
    assert all(r["policy"].startswith(county.manifest["policy"]["id"]) for r in rows)
    from rules.model import RELIEF_RANK, Outcome

    for r in rows:
        # A program only adds: the effective outcome is the county's only where it gives more.
        assert r["effective_outcome"] in (r["county_outcome"], r["outcome"])
        assert RELIEF_RANK[Outcome(r["effective_outcome"])] >= RELIEF_RANK[Outcome(r["outcome"])]


def test_impact_counts_follow_the_outcomes(tmp_path):
    """One felony Prop 64 count and nothing else: the person counts as freed of a felony
    exactly when the outcome removes it, and of any conviction exactly when it is dismissed."""
    from bulk.summary import DISMISSED, FELONY_REMOVED
    from rules.model import Outcome

    row = _conviction("1", "001002001000", "11359 HS-POSSESS FOR SALE", CYC_DATE="20080101",
                      STP_EVENT_DATE="20080301", SENT_LENGTH="1")
    path = write_rows(tmp_path / "in.csv", row)
    report = bulk(path, tmp_path / "out")
    outcome = Outcome(read_csv(tmp_path / "out" / "prop64_convictions.csv")[0]["effective_outcome"])
    assert report.stats.people_no_felony == int(outcome in FELONY_REMOVED)
    assert report.stats.people_no_conviction == int(outcome in DISMISSED)
    prior = _conviction("1", "000002001000", "459 PC-BURGLARY", STP_EVENT_DATE="19950101", CYC_DATE="19950101")
    write_rows(path, prior, row)
    report = bulk(path, tmp_path / "out2")
    assert report.stats.people_no_felony == 0 and report.stats.people_no_conviction == 0


def test_generic_header_names_are_neutralised_too(tmp_path):
    path = tmp_path / "generic.csv"
    path.write_text("person_id,code,county,=cmd\np1,HS 11357,Yolo,x\n")
    bulk(path, tmp_path / "out", fmt="generic", county="Yolo")
    header = (tmp_path / "out" / "annotated.csv").read_text().splitlines()[0]
    assert "'=cmd" in header and ",=cmd" not in header


def test_small_read_blocks_and_batches_change_nothing(doj_text, tmp_path, monkeypatch):
    """Rows read in many small blocks and handed on in several batches give the same outputs,
    bad rows included, as the usual sizes."""
    lines = doj_text.splitlines()
    for i in (5, 900, 2400):
        lines[i] += ",one too many"
    path = tmp_path / "doj.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bulk(path, tmp_path / "usual")
    monkeypatch.setattr(read, "CHUNK_BYTES", 16 << 10)
    layout = read.Layout(columns=doj.COLUMNS, header_start=doj.HEADER_START)
    assert len(list(read.Reader(path, layout, lambda *e: None).batches())) > 3
    bulk(path, tmp_path / "blocks")
    for name in ("annotated.csv", "prop64_convictions.csv", "errors.csv", "summary.json"):
        assert (tmp_path / "blocks" / name).read_bytes() == (tmp_path / "usual" / name).read_bytes(), name
    assert [int(r["row"]) for r in read_csv(tmp_path / "blocks" / "errors.csv")] == [6, 901, 2401]

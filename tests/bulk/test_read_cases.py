"""The two readers agree; a person's rows become the case file the engine expects."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from bulk import doj
from bulk.cases import DojPerson, add_period, code_section, is_prop64, parse_ymd, sentence_status
from bulk.pipeline import LAYOUTS, Options, run
from bulk.read import Reader
from rules.model import Forum, Level, SentenceStatus

from .conftest import csv_line, doj_row


def _rows(path: Path, strict: bool) -> tuple[list, list]:
    errors: list = []
    reader = Reader(path, LAYOUTS["doj"], lambda *e: errors.append(e[:2]), strict=strict)
    rows = []
    for batch in reader.batches():
        rows.extend(zip(batch.lines.to_pylist(), batch.table.to_pylist()))
    return rows, errors


def test_the_fast_and_the_strict_reader_read_the_same_rows(doj_file, tmp_path):
    text = doj_file.read_text()
    lines = text.splitlines()
    lines[10] = lines[10] + ",one too many"
    lines[20] = lines[20].rsplit(",", 2)[0]
    path = tmp_path / "f.csv"
    path.write_text("\n".join(lines) + "\n")
    fast, fast_errors = _rows(path, strict=False)
    strict, strict_errors = _rows(path, strict=True)
    assert fast == strict
    assert fast_errors == strict_errors == [(11, "WRONG_COLUMN_COUNT"), (21, "WRONG_COLUMN_COUNT")]


def test_a_quoted_field_may_hold_a_line_break_in_the_strict_reader(tmp_path):
    row = doj_row(SUBJECT_ID="1", COMMENT_TEXT="two\nlines")
    path = tmp_path / "f.csv"
    path.write_text(csv_line(row) + "\n" + csv_line(doj_row(SUBJECT_ID="2")) + "\n")
    rows, errors = _rows(path, strict=True)
    assert errors == [] and [line for line, _ in rows] == [1, 3]
    assert rows[0][1]["COMMENT_TEXT"] == "two\nlines"


def test_invalid_utf8_is_a_row_error_not_a_crash(tmp_path):
    good = csv_line(doj_row(SUBJECT_ID="1")).encode()
    bad = csv_line(doj_row(SUBJECT_ID="2", PRI_NAME="X")).encode().replace(b"X", b"\xff\xfe")
    path = tmp_path / "f.csv"
    path.write_bytes(good + b"\n" + bad + b"\n" + good + b"\n")
    out = tmp_path / "out"
    report = run(Options(input=path, fmt="doj", county="Yolo", as_of=date(2026, 1, 1), out=out))
    assert report.reader == "strict"
    assert report.stats.errors_by_code == {"BAD_ENCODING": 1}
    assert report.stats.rows_annotated == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [("19600229", (date(1960, 2, 29), False)), ("1960-02-29", (date(1960, 2, 29), False)),
     ("", (None, False)), ("19610229", (None, True)), ("00000000", (None, True)),
     ("18991231", (None, True)), ("UNKNOWN", (None, True))],
)
def test_dates(text, expected):
    assert parse_ymd(text) == expected


def test_code_sections_follow_the_doj_conventions():
    assert code_section("11357(C)HS-POSSESS MARIJUANA", "") == "11357(C)HS"
    assert code_section("SEE COMMENT FOR CHARGE", "11358 HS-CULTIVATE") == "11358 HS"
    assert code_section("  ", "11360 HS-TRANSPORT") == "11360 HS"
    assert is_prop64("11357(C)HS") and is_prop64("664/11359 HS") and is_prop64("11530 HS")
    assert not is_prop64("211357 PC") and not is_prop64("11357.5 HS") and not is_prop64("113600 HS")
    assert not is_prop64("")


def test_calendar_periods():
    assert add_period(date(2020, 1, 31), 1, "M") == date(2020, 2, 29)
    assert add_period(date(2020, 2, 29), 1, "Y") == date(2021, 2, 28)
    assert add_period(date(2020, 1, 1), 10, "D") == date(2020, 1, 11)
    assert add_period(date(2020, 1, 1), 1, "X") is None


def _person(*rows: list[str]) -> DojPerson:
    person = DojPerson("1")
    for i, row in enumerate(rows, 1):
        person.add(i, tuple(row[doj.POS[c]] for c in doj.USED))
    return person


def _count_row(cnt: str = "001002001000", **extra: str) -> list[str]:
    values = {"SUBJECT_ID": "1", "PRI_DOB": "19700101", "CYC_DATE": "20150101", "STP_EVENT_DATE": "20150301",
                  "STP_TYPE_DESCR": "COURT ACTION", "STP_ORI_CNTY_NAME": "SAN FRANCISCO", "CNT_ORDER": cnt,
                  "OFN": "555", "OFFENSE_DESCR": "11359 HS-POSSESS FOR SALE", "OFFENSE_TOC": "F",
                  "DISP_DESCR": "CONVICTED-PROBATION", "CONV_STAT_DESCR": "", "SENT_LENGTH": "3", "SENT_TIME_CODE": "Y"}
    values.update(extra)
    return doj_row(**values)


def test_sentence_parts_add_up_and_decide_serving_or_completed():
    person = _person(_count_row(), _count_row(SENT_LENGTH="6", SENT_TIME_CODE="M"))
    (count,) = person.counts.values()
    assert sentence_status(count, date(2018, 8, 31)) is SentenceStatus.SERVING
    assert sentence_status(count, date(2018, 9, 1)) is SentenceStatus.COMPLETED
    fine = _person(_count_row(SENT_LENGTH="", SENT_TIME_CODE="", SENT_LOC_DESCR="FINE"))
    assert sentence_status(next(iter(fine.counts.values())), date(2016, 1, 1)) is SentenceStatus.COMPLETED
    unknown = _person(_count_row(SENT_LENGTH="", SENT_TIME_CODE=""))
    assert sentence_status(next(iter(unknown.counts.values())), date(2030, 1, 1)) is None


def test_the_case_file_built_from_doj_rows():
    person = _person(
        _count_row("001002001000", STP_ORI_TYPE_DESCR="JUVENILE COURT", PRI_DOB="20000101",
                   CYC_DATE="20150101", STP_EVENT_DATE="20150301"),
        _count_row("002002001000", OFFENSE_DESCR="459 PC-BURGLARY", STP_ORI_CNTY_NAME="LOS ANGELES",
                   CONV_STAT_DESCR="FELONY", STP_EVENT_DATE="20120101"),
        _count_row("003002001000", OFFENSE_DESCR="11357(B) HS-POSSESS", STP_ORI_CNTY_NAME="LOS ANGELES"),
        doj_row(SUBJECT_ID="1", STP_TYPE_DESCR="REGISTRATION", OFFENSE_DESCR="290 PC-REGISTRATION",
                STP_EVENT_DATE="20100101", CNT_ORDER="004003001000"),
    )
    record = person.finish("San Francisco", date(2026, 1, 1))
    case = record.case
    assert case.county == "San Francisco"
    assert case.person.date_of_birth == date(2000, 1, 1) and case.person.deceased is None
    (conv,) = case.convictions
    assert conv.code == "11359 HS" and conv.level is Level.FELONY and conv.forum is Forum.JUVENILE
    assert conv.offense_date == date(2015, 1, 1) and conv.conviction_date == date(2015, 3, 1)
    assert conv.case_number == "555"
    others = {(o.code, o.conviction_date) for o in case.other_convictions}
    assert ("459 PC", date(2012, 1, 1)) in others
    assert ("11357(B) HS", date(2015, 3, 1)) in others, "a Prop 64 count elsewhere is a prior here"
    assert any(o.pc290_registrable for o in case.other_convictions)


def test_relief_already_on_the_record_marks_the_count_cleared():
    person = _person(
        _count_row("001002001000"),
        _count_row("001003001000", DISP_DESCR="CONVICTED-REDESIGNATED", COMMENT_TEXT="RELIEF GRANTED PER 11361.8 HS"),
    )
    (conv,) = person.finish("San Francisco", date(2026, 1, 1)).case.convictions
    assert conv.already_cleared is True


def test_documents_are_written_per_person(tmp_path):
    pytest.importorskip("documents")
    rows = [_count_row(SENT_LENGTH="1", SENT_TIME_CODE="Y", STP_EVENT_DATE="20100301", CYC_DATE="20100101")]
    path = tmp_path / "in.csv"
    path.write_text("\n".join(csv_line(r) for r in rows) + "\n")
    out = tmp_path / "out"
    report = run(Options(input=path, fmt="doj", county="San Francisco", as_of=date(2026, 1, 1), out=out, documents=True))
    pdfs = list((out / "documents").rglob("*.pdf"))
    assert report.stats.documents == len(pdfs) >= 1
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)


def test_documents_without_the_package_is_a_clear_usage_error(tmp_path, monkeypatch, doj_file):
    from bulk.read import UsageError

    monkeypatch.setitem(sys.modules, "documents", None)
    with pytest.raises(UsageError, match="documents"):
        run(Options(input=doj_file, fmt="doj", county="Yolo", as_of=date(2026, 1, 1), out=tmp_path, documents=True))


def test_a_stray_quote_does_not_swallow_the_rows_after_it(tmp_path):
    """A quote opened on one line and 'closed' by a quote lines later would merge rows into one
    record of the wrong width: the opening line is reported and the others are read again."""
    rows = [csv_line(doj_row(SUBJECT_ID=str(i), PRI_NAME="DOE,SYNTH")) for i in range(6)]
    rows[1] = rows[1].replace(",1,", ',"1,', 1)  # opens a quote the next line's name closes
    path = tmp_path / "f.csv"
    path.write_text("\n".join(rows) + "\n")
    got, errors = _rows(path, strict=True)
    assert errors == [(2, "BAD_QUOTING")]
    assert [line for line, _ in got] == [1, 3, 4, 5, 6]


def test_crlf_and_a_byte_order_mark_keep_the_fast_reader(doj_file, tmp_path):
    text = doj_file.read_text()
    path = tmp_path / "crlf.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    out = tmp_path / "out"
    report = run(Options(input=path, fmt="doj", county="San Francisco", as_of=date(2026, 1, 1), out=out))
    assert report.reader == "fast"
    plain = run(Options(input=doj_file, fmt="doj", county="San Francisco", as_of=date(2026, 1, 1), out=tmp_path / "p"))
    assert (out / "prop64_convictions.csv").read_bytes() == (tmp_path / "p" / "prop64_convictions.csv").read_bytes()
    assert report.stats.rows_annotated == plain.stats.rows_annotated

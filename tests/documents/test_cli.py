"""`prop64 documents` writes the same files as build_packet."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from documents import Applicant, build_packet, forms
from prop64.cli import main

from .helpers import AS_OF, case_file, conviction, evaluate, pdf_text


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_cli_writes_the_packet_and_each_file(tmp_path):
    case = case_file(conviction(), conviction(case_number="SF2", code="HS 11360", conduct="sell"))
    applicant = {"name": "김민준", "street": "1 Grant Avenue", "city": "San Francisco", "state": "CA",
                 "zip": "94108", "phone": "415-555-0199"}
    out = tmp_path / "out"
    result = CliRunner().invoke(main, [
        "documents", str(write(tmp_path, "case.json", case)), "--as-of", AS_OF.isoformat(), "--out", str(out),
        "--lang", "ko", "--applicant", str(write(tmp_path, "applicant.json", applicant)),
    ])
    assert result.exit_code == 0, result.output
    expected = build_packet(case, evaluate(case), Applicant.from_dict(applicant), lang="ko")
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["packet.pdf", *expected.files])
    for name, data in expected.files.items():
        assert (out / name).read_bytes() == data
    assert (out / "packet.pdf").read_bytes() == expected.combined
    assert "김민준" in pdf_text((out / "CR-400_SF2.pdf").read_bytes())


def test_cli_rejects_a_bad_applicant_file(tmp_path):
    case = write(tmp_path, "case.json", case_file(conviction()))
    bad = write(tmp_path, "applicant.json", {"name": "A", "street": "B", "city": "C", "state": "CA",
                                             "zip": "1", "phone": "415-555-0100"})
    result = CliRunner().invoke(main, ["documents", str(case), "--as-of", "2026-11-23", "--out",
                                       str(tmp_path / "out"), "--applicant", str(bad)])
    assert result.exit_code == 2
    assert "zip:" in result.output
    assert not (tmp_path / "out").exists()


def test_cli_rejects_an_invalid_case_file_and_unknown_language(tmp_path):
    bad_case = write(tmp_path, "case.json", {"convictions": [{"code": "HS 11357", "level": "sometimes"}]})
    result = CliRunner().invoke(main, ["documents", str(bad_case), "--as-of", "2026-11-23", "--out",
                                       str(tmp_path / "out")])
    assert result.exit_code == 2
    good = write(tmp_path, "good.json", case_file(conviction()))
    result = CliRunner().invoke(main, ["documents", str(good), "--as-of", "2026-11-23", "--out",
                                       str(tmp_path / "out"), "--lang", "xx"])
    assert result.exit_code == 2


def test_cli_notes_the_attachment_and_which_forms_were_used(tmp_path):
    case = case_file(*[conviction(case_number="BIG1") for _ in range(6)])
    result = CliRunner().invoke(main, ["documents", str(write(tmp_path, "case.json", case)), "--as-of",
                                       "2026-11-23", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "BIG1" in result.stderr and "Attachment 1" in result.stderr
    assert "drawn duplicate of CR-400 [New July 1, 2017]" in result.stderr


def run_documents(tmp_path, case, *extra):
    return CliRunner().invoke(main, ["documents", str(write(tmp_path, "case.json", case)), "--as-of", "2026-11-23",
                                     "--out", str(tmp_path / "out"), *extra])


@pytest.mark.parametrize(("case", "message"), [
    (case_file(conviction(case_number="unknown")), 'convictions[0].case_number: "unknown" is not a case number'),
    (case_file(conviction(case_number="n/a")), '"n/a" is not a case number'),
    (case_file(conviction(), county="Springfield"), "county: 'Springfield' is not a California county"),
])
def test_cli_refuses_what_the_papers_cannot_print_truthfully(tmp_path, case, message):
    result = run_documents(tmp_path, case)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_cli_prints_a_month_and_year_without_a_day(tmp_path):
    result = run_documents(tmp_path, case_file(conviction(offense_date="2010-06", conviction_date="2010-09")))
    assert result.exit_code == 0, result.output
    text = pdf_text((tmp_path / "out" / "CR-400_SF12345.pdf").read_bytes())
    assert "09/2010" in text and "09/01/2010" not in text


def test_cli_forms_choice(tmp_path, official_installed):
    case = case_file(conviction())
    official = run_documents(tmp_path, case)
    assert official.exit_code == 0, official.output
    assert "official PDF filled field by field" in official.stderr
    assert forms.read_values((tmp_path / "out" / "CR-400_SF12345.pdf").read_bytes(),
                             official_installed)["case_number"] == "SF12345"
    duplicate = run_documents(tmp_path, case, "--forms", "duplicate")
    assert duplicate.exit_code == 0 and "drawn duplicate" in duplicate.stderr


def test_cli_official_without_an_installed_form_is_refused(tmp_path):
    result = run_documents(tmp_path, case_file(conviction()), "--forms", "official")
    assert result.exit_code == 2
    assert "prop64 forms install" in result.stderr


def test_cli_forms_dir_option_is_used_for_that_command_only(tmp_path, specimen_pdf, monkeypatch):
    folder = tmp_path / "elsewhere"
    source = tmp_path / "cr400.pdf"
    source.write_bytes(specimen_pdf)
    forms.install(source, folder)
    before = dict(os.environ)
    result = run_documents(tmp_path, case_file(conviction()), "--forms-dir", str(folder))
    assert result.exit_code == 0, result.output
    assert "official PDF filled field by field of CR-400 [New July 1, 2017]" in result.stderr
    assert dict(os.environ) == before
    assert "drawn duplicate" in run_documents(tmp_path, case_file(conviction())).stderr

"""`prop64 documents` writes the same files as build_packet."""

from __future__ import annotations

import json

from click.testing import CliRunner

from documents import Applicant, build_packet
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


def test_cli_warns_about_attachment_pages(tmp_path):
    case = case_file(*[conviction(case_number="BIG1") for _ in range(6)])
    result = CliRunner().invoke(main, ["documents", str(write(tmp_path, "case.json", case)), "--as-of",
                                       "2026-11-23", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "BIG1" in result.stderr and "Attachment 1" in result.stderr

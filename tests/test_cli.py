"""`prop64` as a user runs it."""

from __future__ import annotations

import json

from click.testing import CliRunner

from prop64.cli import LAZY_COMMANDS, main

CASE = {
    "county": "San Francisco",
    "person": {"date_of_birth": "1960-02-29"},
    "convictions": [
        {"case_number": "12345", "code": "HS 11359", "level": "felony", "offense_date": "1998-06-01",
         "conviction_date": "1998-09-14", "sentence_status": "completed"}
    ],
}


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_check_prints_the_result_json(tmp_path) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(CASE))
    result = run("check", str(path), "--as-of", "2026-11-23")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["as_of"] == "2026-11-23"
    assert data["next_step"] == "FILE_PETITION"
    conviction = data["convictions"][0]
    assert conviction["outcome"] == "REDESIGNATE_MISDEMEANOR"
    assert conviction["route"] == "HS 11361.8(e)"
    assert conviction["cr400"] == {"title_box": "f", "item1": ["11359"], "item2": "APPLICATION"}
    assert conviction["forms"] == ["CR-400", "CR-401"]
    assert "HS § 11359(b)" in {c for r in conviction["reasons"] for c in r["citations"]}


def test_check_with_county_policy(tmp_path) -> None:
    case = {**CASE, "convictions": [{**CASE["convictions"][0], "code": "HS 11357(c)", "level": "misdemeanor"}]}
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case))
    data = json.loads(run("check", str(path), "--as-of", "2026-11-23", "--policy", "county").output)
    assert data["policy"]["id"] == "san-francisco"
    # SF's sweep dismissed such misdemeanors; the statute does not, so: check the record
    assert data["convictions"][0]["outcome"] == "NOT_ELIGIBLE"
    assert data["convictions"][0]["county_outcome"] is None
    assert "COUNTY_MAY_HAVE_CLEARED" in data["convictions"][0]["flags"]
    assert data["next_step"] == "CHECK_RECORD"


def test_a_malformed_case_exits_2_with_one_line_per_problem_and_no_result(tmp_path) -> None:
    bad = {**CASE, "extra": 1, "convictions": [{**CASE["convictions"][0], "quantity_grams": -3,
                                                  "offense_date": "1999-01-01"}]}
    path = tmp_path / "case.json"
    path.write_text(json.dumps(bad))
    result = CliRunner().invoke(main, ["check", str(path), "--as-of", "2026-11-23"])
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line]
    assert len(lines) == 3
    assert any("extra: unknown key" in line for line in lines)
    assert any("convictions[0].quantity_grams: cannot be negative" in line for line in lines)
    assert any("convictions[0].offense_date: is after the conviction date" in line for line in lines)
    assert result.stdout == ""


def test_invalid_json_exits_2(tmp_path) -> None:
    path = tmp_path / "case.json"
    path.write_text("{not json")
    result = run("check", str(path), "--as-of", "2026-11-23")
    assert result.exit_code == 2
    assert "not valid JSON" in result.stderr


def test_as_of_is_required_and_checked(tmp_path) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(CASE))
    assert run("check", str(path)).exit_code == 2
    result = run("check", str(path), "--as-of", "23/11/2026")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_every_command_has_help() -> None:
    assert set(main.list_commands(None)) == {"check", *LAZY_COMMANDS}
    for name in ["check", *LAZY_COMMANDS]:
        result = run(name, "--help")
        assert result.exit_code == 0, (name, result.output)
        assert len(result.output.strip().splitlines()) > 3, name
        assert "Usage: " in result.output

"""`prop64` as a user runs it."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

import rules
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


# --- Contracts: the day, the county, and files that plain JSON readers let through ------------


def _write(tmp_path, text: str, name: str = "case.json"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _check(path, *extra: str):
    return run("check", str(path), "--as-of", "2026-11-23", *extra)


def _refused(result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    for word in words:
        assert word in result.stderr, result.stderr


def test_as_of_before_prop64_is_refused(tmp_path) -> None:
    path = _write(tmp_path, json.dumps(CASE))
    result = run("check", str(path), "--as-of", "2016-11-08")
    assert result.exit_code == 2
    assert "before Prop 64 took effect (2016-11-09)" in result.output


def test_as_of_on_the_day_prop64_took_effect_is_accepted(tmp_path) -> None:
    path = _write(tmp_path, json.dumps(CASE))
    result = run("check", str(path), "--as-of", "2016-11-09")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["as_of"] == "2016-11-09"


def test_an_unknown_county_is_refused_with_the_58(tmp_path) -> None:
    path = _write(tmp_path, json.dumps({**CASE, "county": "Gotham"}))
    result = _check(path)
    _refused(result, "county: 'Gotham' is not a California county", "Alameda", "Yuba")


@pytest.mark.parametrize(
    "text, words",
    [
        ('{"county": "Yolo", "county": "Alameda", "convictions": [{"code": "HS 11359"}]}', ["'county' is given twice"]),
        ('{"convictions": [{"code": "HS 11359", "code": "PC 187"}]}', ["'code' is given twice"]),
        ('{"person": {"date_of_birth": "1960-01-01", "date_of_birth": null}, "convictions": [{"code": "HS 11359"}]}',
         ["'date_of_birth' is given twice"]),
        ('{"convictions": [{"code": "HS 11359", "plants": ' + "9" * 5000 + "}]}", ["too large"]),
        ('{"convictions": [{"code": "HS 11359", "quantity_grams": 1e400}]}', ["too large"]),
        ('{"convictions": [{"code": "HS 11359", "quantity_grams": NaN}]}', ["NaN"]),
        ('{"convictions": [{"code": "HS 11359", "quantity_grams": -Infinity}]}', ["-Infinity"]),
        ('{"convictions": [{"code": "HS 11359", "x": ' + "[" * 100000 + "]" * 100000 + "}]}", ["nested too deeply"]),
        ('{"convictions": [{"code": "HS 11359", "x": ' + "[" * 40 + "]" * 40 + "}]}", ["nested too deeply"]),
        ('{"person": ' + '{"a":' * 5000 + "1" + "}" * 5000 + ', "convictions": []}', ["nested too deeply"]),
        ('{"convictions": [{"code": "HS 11359"}]} extra', ["extra data"]),
        ('{"convictions": [{"code": "HS 11359"}', ["not valid JSON"]),
        ("", ["not valid JSON"]),
        ('["HS 11359"]', ["case: must be an object"]),
    ],
)
def test_files_plain_json_would_accept_or_crash_on_exit_2_with_a_message(tmp_path, text, words) -> None:
    _refused(_check(_write(tmp_path, text)), *words)


def test_a_large_number_in_a_checked_field_names_the_field(tmp_path) -> None:
    text = '{"convictions": [{"code": "HS 11359", "plants": 1e300}]}'
    _refused(_check(_write(tmp_path, text)), "convictions[0].plants: is impossibly large")


def test_the_output_is_what_json_dumps_prints(tmp_path) -> None:
    case = {**CASE, "convictions": [
        CASE["convictions"][0],
        {"code": "11357B2 HS-POSSESSION OF MARIJUANA", "offense_date": "2010-02-03", "level": "misdemeanor"},
        {"code": "PC 211", "offense_date": "2001-01-01"},
    ]}
    path = _write(tmp_path, json.dumps(case))
    result = _check(path)
    assert result.exit_code == 0, result.output
    expected = rules.evaluate(rules.load_case(case), as_of=date(2026, 11, 23))
    assert result.stdout == json.dumps(rules.result_to_dict(expected), indent=2, ensure_ascii=False) + "\n"


def test_fields_are_read_in_any_order_and_across_read_chunks(tmp_path, monkeypatch) -> None:
    from prop64 import casefile

    monkeypatch.setattr(casefile, "CHUNK", 7)
    convictions = [{"code": f"HS 1135{7 + i % 4}", "offense_date": f"2005-05-0{1 + i % 9}",
                    "quantity_grams": 12345.678, "case_number": "ü-" + str(i)} for i in range(40)]
    text = json.dumps({"convictions": convictions, "other_convictions": [{"code": "PC 187"}],
                       "person": {"date_of_birth": "1950-01-01"}, "county": "Yolo"}, ensure_ascii=False, indent=1)
    case = casefile.read_case(_write(tmp_path, text))
    assert case == rules.load_case(json.loads(text))
    assert len(case.convictions) == 40 and case.county == "Yolo"


def test_the_date_of_birth_after_the_convictions_still_checks_them(tmp_path) -> None:
    text = json.dumps({"convictions": [{"code": "HS 11359", "offense_date": "1950-01-01"}],
                       "person": {"date_of_birth": "1960-01-01"}})
    _refused(_check(_write(tmp_path, text)), "convictions[0].offense_date: is before the date of birth")


def test_an_applicant_file_with_a_duplicate_key_is_refused(tmp_path) -> None:
    from prop64.cli import read_json_file

    path = _write(tmp_path, '{"name": "A", "name": "B"}', "applicant.json")
    with pytest.raises(SystemExit) as stop:
        read_json_file(path)
    assert stop.value.code == 2


def test_bulk_refuses_as_of_before_prop64_with_a_message(tmp_path) -> None:
    data = tmp_path / "in.csv"
    data.write_text("", encoding="utf-8")
    result = run("bulk", str(data), "--format", "doj", "--county", "YOLO", "--as-of", "2016-11-08",
                 "--out", str(tmp_path / "out"))
    assert result.exit_code != 0
    assert "before Prop 64 took effect (2016-11-09)" in result.output
    assert not isinstance(result.exception, ValueError)


def _many_convictions(seed: int, n: int) -> dict:
    """A case with many convictions of every kind the check command's passes depend on: priors
    of the same section before and after each other, undated ones, related charges sharing a
    case number with a Prop 64 conviction, misdemeanors in a city-attorney county."""
    import random

    rng = random.Random(seed)
    codes = ["HS 11359", "11359B HS-MARIJUANA POSSESS FOR SALE", "HS 11360(a)", "HS 11358", "HS 11357(b)",
             "HS 11357(c)", "HS 11364", "PC 32", "PC 647(f)", "PC 211", "PC 32/11359", "HS 11366/11359"]
    convictions = []
    for i in range(n):
        conviction = {"case_number": f"C{rng.randrange(n // 3 + 1)}", "count": 1 + i % 3, "code": rng.choice(codes),
                      "level": rng.choice(["felony", "misdemeanor", "infraction"]),
                      "sentence_status": rng.choice(["completed", "completed", "serving"])}
        year = rng.randint(1968, 2019)
        if rng.random() < 0.85:
            conviction["offense_date"] = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if rng.random() < 0.7:
            conviction["conviction_date"] = f"{year + 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        convictions.append(conviction)
    others = [{"code": rng.choice(["PC 187", "PC 211", "PC 288", "HS 11359"]),
               **({"conviction_date": f"{rng.randint(1970, 2020)}-03-04"} if rng.random() < 0.8 else {})}
              for _ in range(rng.randrange(4))]
    return {"person": {"date_of_birth": "1950-06-15"}, "convictions": convictions, "other_convictions": others}


@pytest.mark.parametrize("county", ["San Francisco", "Los Angeles", "Contra Costa", "Sacramento", "San Joaquin", "Yolo"])
@pytest.mark.parametrize("policy", ["statewide", "county"])
@pytest.mark.parametrize("as_of", ["2019-06-01", "2026-11-23"])
def test_a_file_read_one_conviction_at_a_time_gets_the_in_memory_answer(tmp_path, county, policy, as_of) -> None:
    """`prop64 check` holds one conviction at a time; its Result is evaluate()'s, byte for byte."""
    for seed, n in ((1, 3), (2, 40), (3, 150)):
        case = {"county": county, **_many_convictions(seed, n)}
        # text the printer must not mistake for its own stand-ins
        case["convictions"][0]["case_number"] = '\x00reasons\n  "reasons": "\x00would_change" ü'
        result = run("check", str(_write(tmp_path, json.dumps(case))), "--as-of", as_of, "--policy", policy)
        assert result.exit_code == 0, result.output
        expected = rules.evaluate(rules.load_case(case), as_of=date.fromisoformat(as_of), policy=policy)
        assert result.stdout == json.dumps(rules.result_to_dict(expected), indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("policy", ["statewide", "county"])
def test_a_bad_conviction_late_in_a_large_file_stops_the_check_before_any_output(tmp_path, policy) -> None:
    case = {"county": "San Francisco", **_many_convictions(4, 120)}
    case["convictions"][100]["quantity_grams"] = -1
    case["convictions"][110]["level"] = "capital"
    result = run("check", str(_write(tmp_path, json.dumps(case))), "--as-of", "2026-11-23", "--policy", policy)
    _refused(result, "convictions[100].quantity_grams: cannot be negative", "convictions[110].level")

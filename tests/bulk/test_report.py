"""The summary a DA announces: relief by group, per person, per policy; GoGen's options file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulk.pipeline import Options, run
from bulk.programs import OptionsError, read_gogen_options
from bulk.summary import SMALL_CELL, age_band
from prop64.cli import main

from .conftest import csv_line, doj_row, read_csv

AS_OF = date(2026, 1, 1)


def conviction(subject: str, cnt: str, descr: str, **extra: str) -> list[str]:
    values = {"SUBJECT_ID": subject, "PRI_DOB": "19700101", "CYC_DATE": "19990101", "STP_EVENT_DATE": "19990301",
                  "STP_TYPE_DESCR": "COURT ACTION", "STP_ORI_CNTY_NAME": "SAN FRANCISCO", "CNT_ORDER": cnt,
                  "OFN": f"C{subject}", "OFFENSE_DESCR": descr, "OFFENSE_TOC": "F", "DISP_DESCR": "CONVICTED-JAIL",
                  "CONV_STAT_DESCR": "FELONY", "SENT_LENGTH": "6", "SENT_TIME_CODE": "M", "RACE_DESCR": "BLACK", "GENDER": "M"}
    values.update(extra)
    return doj_row(**values)


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("".join(csv_line(r) + "\n" for r in rows))
    return path


def summary_of(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text())


@pytest.fixture(scope="module")
def groups_file(tmp_path_factory) -> Path:
    """12 Black people with a felony 11359 (completed), 3 White people with an 11357(b)."""
    rows = [conviction(str(i), "001002001000", "11359 HS-POSSESS FOR SALE") for i in range(12)]
    rows += [conviction(str(100 + i), "001002001000", "11357(B) HS-POSSESS", RACE_DESCR="WHITE", GENDER="F",
                        CONV_STAT_DESCR="MISDEMEANOR", OFFENSE_TOC="M") for i in range(3)]
    return write_rows(tmp_path_factory.mktemp("groups") / "in.csv", rows)


def test_relief_by_race_compares_shares_and_hides_small_groups(groups_file, tmp_path):
    run(Options(input=groups_file, fmt="doj", county="San Francisco", as_of=AS_OF, out=tmp_path))
    statute = summary_of(tmp_path)["policies"]["statewide"]
    assert statute["convictions"] == 15
    black = statute["by_race"]["BLACK"]
    assert black["people"] == 12 and black["convictions"] == 12
    assert black["share_of_convictions"] == round(12 / 15, 4)
    assert black["share_of_relief"] == round(black["relief_convictions"] / statute["relief"], 4)
    assert statute["by_race"]["WHITE"] == {"suppressed": "fewer than 10"}
    assert statute["by_gender"]["F"] == {"suppressed": "fewer than 10"}
    assert statute["by_age_band"]["26-35"]["people"] == 15  # born 1970, convicted 1999: 29
    html = (tmp_path / "summary.html").read_text()
    assert "fewer than 10" in html and "@media print" in html
    assert "DISMISS_AND_SEAL" not in html.split("<svg")[0]  # plain words before the charts


def test_per_person_impact_counts_felonies_convictions_and_the_last_seven_years(tmp_path):
    rows = [
        conviction("1", "001002001000", "11359 HS-POSSESS FOR SALE", STP_EVENT_DATE="20210301",
                   CYC_DATE="20160101"),
        conviction("2", "001002001000", "11359 HS-POSSESS FOR SALE"),
        conviction("2", "002002001000", "459 PC-BURGLARY", STP_EVENT_DATE="20200101", CYC_DATE="20191201"),
    ]
    path = write_rows(tmp_path / "in.csv", rows)
    run(Options(input=path, fmt="doj", county="San Francisco", as_of=AS_OF, out=tmp_path / "out",
                compare=("dismiss-all",)))
    what_if = summary_of(tmp_path / "out")["policies"]["dismiss-all"]["people"]
    assert what_if["total"] == 2 and what_if["with_felony"] == 2
    assert what_if["no_felony_left"] == 1  # person 2 keeps the burglary
    assert what_if["no_conviction_left"] == 1
    assert what_if["with_conviction_last_7_years"] == 2  # 2021 and 2020 are after 2019-01-01
    assert what_if["none_left_last_7_years"] == 1


def test_age_bands_count_birthdays_on_the_day():
    assert age_band(date(2000, 3, 1), date(2018, 2, 28)) == "under 18"
    assert age_band(date(2000, 3, 1), date(2018, 3, 1)) == "18-20"
    assert age_band(date(2000, 3, 1), date(2021, 3, 1)) == "21-25"
    assert age_band(None, date(2021, 3, 1)) == "unknown"
    assert SMALL_CELL == 10


def test_compared_policies_each_get_a_column_and_never_give_less(doj_file, tmp_path):
    result = CliRunner().invoke(main, [
        "bulk", str(doj_file), "--format", "doj", "--county", "San Francisco", "--as-of", "2026-01-01",
        "--out", str(tmp_path / "out"), "--compare-policy", "county", "--compare-policy", "dismiss-all",
    ])
    assert result.exit_code == 0, result.output
    assert "What if: dismiss every Prop 64 conviction" in result.output
    policies = summary_of(tmp_path / "out")["policies"]
    assert list(policies) == ["statewide", "county", "dismiss-all"]
    statute, county, what_if = policies["statewide"], policies["county"], policies["dismiss-all"]
    assert statute["convictions"] == county["convictions"] == what_if["convictions"] > 0
    assert statute["relief"] <= county["relief"] <= what_if["relief"]
    assert statute["more_than_statute"] == 0 and what_if["more_than_statute"] > 0
    assert county["people"]["more_than_statute"] <= county["people"]["total"]
    rows = read_csv(tmp_path / "out" / "prop64_convictions.csv")
    assert "county_outcome" in rows[0] and "county_gives_more" in rows[0]
    assert "dismiss-all_outcome" not in rows[0], "the what-if never reaches the row files"
    assert {r["outcome"] for r in rows} == {r["outcome"] for r in read_csv(tmp_path / "out" / "prop64_convictions.csv")}


GOGEN_FIXTURE = {
    "baselineEligibility": {"dismiss": ["11357", "11358"], "reduce": ["11359", "11360"]},
    "additionalRelief": {"subjectUnder21AtConviction": True, "subjectAgeThreshold": 57,
                         "yearsSinceConvictionThreshold": 10, "yearsCrimeFreeThreshold": 0,
                         "subjectHasOnlyProp64Charges": True, "subjectIsDeceased": True},
}


def test_gogen_options_are_read_as_a_county_program(tmp_path):
    path = tmp_path / "eligibility_options.json"
    path.write_text(json.dumps(GOGEN_FIXTURE))
    spec = read_gogen_options(path, "Sacramento")
    assert spec.program.choices == {
        "dismiss_misdemeanors": True, "dismiss_sections": frozenset({"11357", "11358"}),
        "dismiss_under_21_at_offense": True, "dismiss_age_at_least": 57,
        "dismiss_only_prop64_completed": True, "dismiss_deceased": True,
    }
    assert spec.notes == ("yearsSinceConvictionThreshold",)


@pytest.mark.parametrize(
    ("options", "named"),
    [({"baselineEligibility": {"dismiss": ["11357(A)"]}}, "baselineEligibility.dismiss"),
     ({"additionalRelief": {"subjectAgeThreshold": 30}}, "subjectAgeThreshold"),
     ([], "JSON object")],
)
def test_a_bad_gogen_options_file_names_the_key(tmp_path, options, named):
    path = tmp_path / "o.json"
    path.write_text(json.dumps(options))
    with pytest.raises(OptionsError, match=named):
        read_gogen_options(path, "Yolo")


def test_gogen_results_stand_beside_the_statute_and_gogen_columns_are_added(tmp_path):
    rows = [conviction(str(i), "001002001000", "11359 HS-POSSESS FOR SALE", STP_EVENT_DATE="20100301",
                       CYC_DATE="20100101") for i in range(3)]
    path = write_rows(tmp_path / "in.csv", rows)
    options = tmp_path / "eligibility_options.json"
    options.write_text(json.dumps(GOGEN_FIXTURE))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, [
        "bulk", str(path), "--format", "doj", "--county", "San Francisco", "--as-of", "2026-01-01",
        "--out", str(out), "--gogen-options", str(options), "--columns", "gogen",
    ])
    assert result.exit_code == 0, result.output
    condensed = read_csv(out / "prop64_convictions.csv")
    for row in condensed:
        assert row["outcome"] != "DISMISS_AND_SEAL"  # the statute's answer stands
        assert row["gogen_outcome"] == "DISMISS_AND_SEAL" and row["gogen_gives_more"] == "Y"
    annotated = read_csv(out / "annotated.csv")
    assert annotated[0]["Eligibility Determination"] in ("Eligible for Reduction", "Eligible for Dismissal")
    assert annotated[0]["Date of Conviction"] == "03/01/2010"
    assert annotated[0]["# of HS 11359 convictions"] == "1"
    gogen = summary_of(out)["policies"]["gogen"]
    assert gogen["more_than_statute"] == 3 and gogen["notes"] == ["yearsSinceConvictionThreshold"]

"""`prop64 synth` and `prop64 bulk` as a DA office runs them: options, exit codes, messages."""

from __future__ import annotations

import json

from click.testing import CliRunner

from prop64.cli import main

from .conftest import read_csv


def invoke(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env or {}, catch_exceptions=False)


def test_every_command_has_help():
    for name in ("synth", "bulk"):
        result = invoke(name, "--help")
        assert result.exit_code == 0
        assert "Usage" in result.output and len(result.output) > 200


def test_synth_is_deterministic_for_a_seed(tmp_path):
    paths = []
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        path = tmp_path / f"{name}.csv"
        assert invoke("synth", "--rows", 500, "--seed", seed, "--out", path).exit_code == 0
        paths.append(path.read_bytes())
    assert paths[0] == paths[1] != paths[2]
    lines = paths[0].decode().splitlines()
    assert lines[0].startswith("RECORD_ID,") and len(lines) == 501


def test_synth_shuffle_option(tmp_path):
    plain, shuffled = tmp_path / "p.csv", tmp_path / "s.csv"
    assert invoke("synth", "--rows", 800, "--out", plain).exit_code == 0
    assert invoke("synth", "--rows", 800, "--shuffle", "--out", shuffled).exit_code == 0
    assert plain.read_bytes() != shuffled.read_bytes()
    assert sorted(plain.read_text().splitlines()) == sorted(shuffled.read_text().splitlines())


def test_a_file_out_of_order_is_read_again_sorted_and_the_office_is_told_how_to_skip_the_first_attempt(tmp_path):
    shuffled = tmp_path / "s.csv"
    assert invoke("synth", "--rows", 3000, "--shuffle", "--out", shuffled).exit_code == 0
    run = ("bulk", shuffled, "--format", "doj", "--county", "San Francisco", "--as-of", "2026-01-01")
    auto = invoke(*run, "--out", tmp_path / "auto")
    assert auto.exit_code == 0, auto.output
    assert "not grouped by person" in auto.output and "--grouping sort" in auto.output
    manifest = json.loads((tmp_path / "auto" / "manifest.json").read_text())
    assert (manifest["grouping"], manifest["restarts"]) == ("sorted-on-disk", ["not-grouped"])
    sort = invoke(*run, "--grouping", "sort", "--out", tmp_path / "sort")
    assert sort.exit_code == 0 and "not grouped by person" not in sort.output
    manifest = json.loads((tmp_path / "sort" / "manifest.json").read_text())
    assert (manifest["grouping"], manifest["restarts"]) == ("sorted-on-disk", [])
    for name in ("annotated.csv", "prop64_convictions.csv", "summary.json"):
        assert (tmp_path / "auto" / name).read_bytes() == (tmp_path / "sort" / name).read_bytes(), name


def test_synth_generic_and_no_header(tmp_path):
    generic = tmp_path / "g.csv"
    assert invoke("synth", "--rows", 50, "--format", "generic", "--out", generic).exit_code == 0
    assert generic.read_text().startswith("person_id,date_of_birth")
    bare = tmp_path / "bare.csv"
    assert invoke("synth", "--rows", 50, "--no-header", "--out", bare).exit_code == 0
    assert not bare.read_text().startswith("RECORD_ID")


def test_bulk_runs_and_says_what_it_did(doj_file, tmp_path):
    out = tmp_path / "out"
    result = invoke("bulk", doj_file, "--format", "doj", "--county", "san  FRANCISCO",
                    "--as-of", "2026-01-01", "--out", out)
    assert result.exit_code == 0, result.output
    assert "Prop 64 convictions" in result.output
    assert "0 convictions in the county name HS 11357-11360 but were not evaluated" in result.output
    assert "\r" not in result.output, "no progress bar when stderr is not a terminal"
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["county"] == "San Francisco"


def test_bulk_exit_code_two_when_rows_went_to_errors(tmp_path):
    path = tmp_path / "bad.csv"
    invoke("synth", "--rows", 400, "--seed", 2, "--broken-rate", 0.05, "--out", path)
    out = tmp_path / "out"
    args = ["bulk", path, "--format", "doj", "--county", "Alameda", "--as-of", "2026-01-01", "--out", out]
    result = invoke(*args)
    assert result.exit_code == 2
    assert read_csv(out / "errors.csv")
    assert invoke(*args, "--allow-row-errors").exit_code == 0


def test_bad_usage_exits_one_with_a_clear_message(doj_file, tmp_path):
    base = ["bulk", doj_file, "--format", "doj", "--as-of", "2026-01-01", "--out", tmp_path / "o"]
    result = invoke(*base, "--county", "Atlantis")
    assert result.exit_code in (1, 2) and "Atlantis" in result.output
    result = invoke("bulk", doj_file, "--format", "doj", "--county", "Yolo", "--as-of", "2026-13-01",
                    "--out", tmp_path / "o")
    assert result.exit_code != 0 and "YYYY-MM-DD" in result.output
    result = invoke("bulk", tmp_path / "missing.csv", "--format", "doj", "--county", "Yolo",
                    "--as-of", "2026-01-01", "--out", tmp_path / "o")
    assert result.exit_code != 0 and "no such file" in result.output
    result = invoke(*base, "--county", "Yolo", "--lookup-db", f"sqlite:///{tmp_path}/l.sqlite")
    assert result.exit_code != 0 and "PROP64_LOOKUP_KEY" in result.output
    assert not (tmp_path / "l.sqlite").exists()


def test_bulk_usage_errors_use_exit_code_one(doj_file, tmp_path):
    """click reports usage errors with 2; the bulk command maps them to 1 (2 means row errors)."""
    result = invoke("bulk", doj_file, "--format", "doj", "--county", "Atlantis",
                    "--as-of", "2026-01-01", "--out", tmp_path / "o")
    assert result.exit_code == 1


def test_bulk_publishes_to_the_lookup_store(doj_file, tmp_path):
    from lookup import LookupStore

    db = tmp_path / "lookup.sqlite"
    out = tmp_path / "out"
    env = {"PROP64_LOOKUP_KEY": "test-key"}
    result = invoke("bulk", doj_file, "--format", "doj", "--county", "SAN FRANCISCO",
                    "--as-of", "2026-01-01", "--out", out, "--lookup-db", f"sqlite:///{db}", env=env)
    assert result.exit_code == 0, result.output
    rows = read_csv(out / "prop64_convictions.csv")
    published = [r for r in rows if r["date_of_birth"] and r["case_number"]]
    assert published
    store = LookupStore.from_url(f"sqlite:///{db}", key="test-key")
    from datetime import date

    sample = published[0]
    dob = date.fromisoformat(sample["date_of_birth"])
    found = store.find("San Francisco", sample["case_number"].split("; ")[0], dob)
    assert found and all(f["as_of"] == "2026-01-01" and f["county"] == "San Francisco" for f in found)
    assert sample["outcome"] in {f["outcome"] for f in found}
    assert store.find("San Francisco", sample["case_number"].split("; ")[0], dob.replace(year=dob.year - 1)) == []
    raw = db.read_bytes()
    for row in published[:20]:
        assert row["case_number"].split("; ")[0].encode() not in raw
        assert row["date_of_birth"].encode() not in raw
    store.close()

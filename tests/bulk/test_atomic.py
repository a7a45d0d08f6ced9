"""Outputs appear all at once: a run killed at any moment leaves the earlier complete output or
nothing new that looks complete."""

from __future__ import annotations

import csv
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from bulk.synth import SynthOptions, write
from prop64.cli import main

BIN = Path(sys.executable).parent


def _consistent(out: Path) -> dict | None:
    """The manifest of a complete output in ``out``, checked against its files; None if absent."""
    if not out.exists():
        return None
    manifest = json.loads((out / "manifest.json").read_text())
    with open(out / "annotated.csv", encoding="utf-8", newline="") as handle:
        annotated = sum(1 for _ in csv.reader(handle)) - 1
    assert annotated == manifest["rows"]["annotated"]
    for name in manifest["outputs"]:
        assert (out / name.rstrip("/")).exists(), name
    summary = json.loads((out / "summary.json").read_text())
    assert summary["rows"]["total"] == manifest["rows"]["total"]
    return manifest


def test_a_run_killed_at_random_moments_never_leaves_a_mix(tmp_path):
    source = tmp_path / "doj.csv"
    with open(source, "w", encoding="utf-8", newline="") as handle:
        write(handle, SynthOptions(rows=15_000, seed=11))
    out = tmp_path / "out"

    def start(as_of: str) -> subprocess.Popen:
        return subprocess.Popen(
            [str(BIN / "prop64"), "bulk", str(source), "--format", "doj", "--county", "San Francisco",
             "--as-of", as_of, "--out", str(out), "--compare-policy", "county"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )

    first = start("2026-01-01")
    assert first.wait(timeout=300) == 0
    assert _consistent(out)["as_of"] == "2026-01-01"
    started = time.monotonic()
    first_seconds = None
    rng = random.Random(5)
    finished = 0
    for attempt in range(6):
        as_of = f"2026-02-{attempt + 1:02d}"
        child = start(as_of)
        if first_seconds is None:
            child.wait(timeout=300)
            first_seconds = time.monotonic() - started
            finished += 1
            assert _consistent(out)["as_of"] == as_of
            continue
        time.sleep(rng.uniform(0.05, first_seconds * 1.1))
        os.killpg(child.pid, signal.SIGKILL)  # the run and its worker, at once
        child.wait()
        manifest = _consistent(out)
        assert manifest is not None, "the earlier complete output is never removed"
        finished += manifest["as_of"] == as_of
        assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == ["doj.csv", "out"] or \
            sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["doj.csv", "out"]
    last = start("2026-03-01")
    assert last.wait(timeout=300) == 0
    assert _consistent(out)["as_of"] == "2026-03-01"
    assert not list(tmp_path.glob(".out.partial-*")), "the next run removes what killed runs left"


def test_a_failed_run_never_leaves_the_earlier_manifest_beside_new_files(tmp_path, doj_file, monkeypatch):
    out = tmp_path / "out"
    args = ["bulk", str(doj_file), "--format", "doj", "--county", "San Francisco", "--as-of", "2026-01-01",
            "--out", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}

    from bulk import decide

    def broken(self, table):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(decide.Decider, "decide", broken)
    result = CliRunner().invoke(main, args[:-3] + ["--as-of", "2026-05-01", "--out", str(out)])
    assert result.exit_code == 1
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before
    assert _consistent(out)["as_of"] == "2026-01-01"


def test_a_folder_with_other_files_is_never_replaced(tmp_path, doj_file):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    result = CliRunner().invoke(main, ["bulk", str(doj_file), "--format", "doj", "--county", "Yolo",
                                       "--as-of", "2026-01-01", "--out", str(out)])
    assert result.exit_code == 1 and "notes.txt" in result.output
    assert [p.name for p in out.iterdir()] == ["notes.txt"]

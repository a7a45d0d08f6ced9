"""The README's "Try the lookup" table is what the demo database answers."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from bulk.demo import demo_cases
from bulk.pipeline import Options, run
from bulk.synth import SynthOptions, write

ROOT = Path(__file__).resolve().parents[2]
KEY = "demo-lookup-key-not-for-production"


def test_the_readme_demo_cases_give_the_answers_it_lists(tmp_path, monkeypatch):
    """Built exactly as the Makefile's demo database; `make demo-cases` prints the table."""
    source = tmp_path / "demo-synth.csv"
    with open(source, "w", encoding="utf-8", newline="") as handle:
        write(handle, SynthOptions(rows=20000, seed=64, fmt="doj"))
    db = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    run(Options(input=source, fmt="doj", county="San Francisco", as_of=date(2026, 1, 1),
                out=tmp_path / "bulk", lookup_url=db, lookup_key=KEY))
    cases = demo_cases(tmp_path / "bulk", db, KEY)
    assert len(cases) == 4 and len({c["outcome"] for c in cases}) == 4
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Try the lookup", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| (\S+) \| (\d{4}-\d\d-\d\d) \| .*\((\w+)\) \|$", section, re.MULTILINE)
    current = [(c["case_number"], c["date_of_birth"], c["outcome"]) for c in cases]
    assert listed == current, "README 'Try the lookup' is out of date: run `make demo-cases` and copy the table"

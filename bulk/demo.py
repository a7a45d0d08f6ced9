"""List demo case numbers and dates of birth for trying the lookup page.

    python -m bulk.demo var/demo-bulk --lookup-db sqlite:///var/demo-lookup.sqlite

Reads ``prop64_convictions.csv`` from a bulk run over a synthetic file, looks each candidate
up in the store (so what it prints is what the page shows), and prints one example per kind
of answer as a Markdown table. The key comes from ``PROP64_LOOKUP_KEY``.
"""

from __future__ import annotations

import csv
import os
import sys
from datetime import date
from pathlib import Path

import click

from .i18n import _

WANTED = (
    "DISMISS_AND_SEAL",
    "REDESIGNATE_MISDEMEANOR",
    "NOT_ELIGIBLE",
    "NEEDS_DA_REVIEW",
    "ALREADY_CLEARED",
    "REDESIGNATE_INFRACTION",
)


def demo_cases(bulk_dir: Path, lookup_url: str, key: str, limit: int = 4) -> list[dict]:
    from lookup import LookupStore

    store = LookupStore.from_url(lookup_url, key=key)
    picked: dict[str, dict] = {}
    seen: set[tuple[str, str]] = set()
    try:
        with open(bulk_dir / "prop64_convictions.csv", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                number, dob = row["case_number"], row["date_of_birth"]
                if not number or not dob or ";" in number or (number, dob) in seen:
                    continue
                seen.add((number, dob))
                found = store.find(row["county"], number, date.fromisoformat(dob))
                outcomes = [f.get("county_outcome") or f["outcome"] for f in found]
                if not outcomes or len(set(outcomes)) != 1:
                    continue
                outcome = outcomes[0]
                if outcome in WANTED and outcome not in picked:
                    picked[outcome] = {
                        "county": row["county"], "case_number": number, "date_of_birth": dob,
                        "outcome": outcome, "convictions": len(found),
                    }
                if len(picked) == len(WANTED):
                    break
    finally:
        store.close()
    return sorted(picked.values(), key=lambda c: WANTED.index(c["outcome"]))[:limit]


@click.command()
@click.argument("bulk_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--lookup-db", "lookup_db", required=True, metavar="URL", help="The store the bulk run wrote.")
@click.option("--limit", type=click.IntRange(1, 6), default=4, show_default=True)
def main(bulk_dir: Path, lookup_db: str, limit: int) -> None:
    """Print demo case numbers, dates of birth and the answer the lookup gives for each."""
    key = os.environ.get("PROP64_LOOKUP_KEY")
    if not key:
        raise click.UsageError(_("Set PROP64_LOOKUP_KEY to the key the store was written with."))
    cases = demo_cases(bulk_dir, lookup_db, key, limit)
    click.echo("| " + " | ".join((_("County"), _("Case number"), _("Date of birth"), _("Answer"))) + " |")
    click.echo("|---|---|---|---|")
    for case in cases:
        click.echo(f"| {case['county']} | {case['case_number']} | {case['date_of_birth']} | {case['outcome']} |")
    if not cases:
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()

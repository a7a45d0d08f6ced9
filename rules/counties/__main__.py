"""``python -m rules.counties --report``: how much of the county directory rests on a source."""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from . import all_counties

ROLES = (("court", "Superior courts"), ("da", "District Attorneys"), ("city_attorney", "City attorneys"))


def tally() -> dict[str, Counter]:
    """Per office role: how many entries, how many name a source, how many are verified."""
    counts: dict[str, Counter] = {role: Counter() for role, _ in ROLES}
    for county in all_counties():
        for role, office in county.offices():
            counts[role]["entries"] += 1
            counts[role]["sourced"] += bool(office.source)
            counts[role]["verified"] += office.verified
            counts[role]["with address"] += bool(office.address)
            counts[role]["with phone"] += bool(office.phone)
    return counts


def report() -> str:
    counts = tally()
    total = sum(counts.values(), Counter())
    width = max(len(label) for _, label in ROLES)
    lines = [f"County directory: {len(all_counties())} counties"]
    columns = ("entries", "sourced", "verified", "with address", "with phone")
    lines.append(" " * (width + 2) + "  ".join(f"{c:>12}" for c in columns))
    for role, label in ROLES + (("total", "Total"),):
        row = total if role == "total" else counts[role]
        lines.append(f"{label:<{width + 2}}" + "  ".join(f"{row[c]:>12}" for c in columns))
    complete = sum(1 for c in all_counties() if c.court.verified and c.da.verified)
    lines.append(f"Counties with a verified court and DA: {complete} of {len(all_counties())}")
    unverified = [(c.name, c.unverified_offices()) for c in all_counties() if c.unverified_offices()]
    if unverified:
        lines.append("Not verified (check with the office before serving):")
        lines.extend(f"  {county}: {'; '.join(names)}" for county, names in unverified)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rules.counties", description=__doc__)
    parser.add_argument("--report", action="store_true", help="print how many entries are sourced and verified")
    args = parser.parse_args(argv)
    if not args.report:
        parser.print_help()
        return 2
    print(report())
    return 0


if __name__ == "__main__":
    sys.exit(main())

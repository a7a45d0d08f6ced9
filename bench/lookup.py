"""Benchmark the lookup store: time per lookup with 1M (default) or 10M stored convictions.

    .venv/bin/python bench/lookup.py                    # SQLite file, 1,000,000 convictions
    .venv/bin/python bench/lookup.py --rows 10000000    # 10 million
    .venv/bin/python bench/lookup.py --url postgresql+psycopg://…

Fills one county with synthetic keyed rows (a few hundred distinct determinations, as a real
county has), then times ``LookupStore.find`` for case numbers that exist and ones that do not
(half each, random order) and prints p50/p95/p99. Target: p95 ≤ 5 ms at 10M convictions.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[0] = str(ROOT)  # this file is bench/lookup.py: do not shadow the lookup package

from lookup import LookupStore, StoredRow, lookup_key
from lookup.store import payload_text

KEY = "bench-lookup-key"
COUNTY = "Los Angeles"
OUTCOMES = ("DISMISS_AND_SEAL", "REDESIGNATE_MISDEMEANOR", "NOT_ELIGIBLE", "NEEDS_DA_REVIEW")


def person(i: int) -> tuple[str, date]:
    return f"BA{i:08d}", date(1940, 1, 1) + timedelta(days=(i * 7919) % 25000)


def payload(i: int) -> dict:
    return {
        "index": 0, "code": f"HS {11357 + i % 4}", "section": str(11357 + i % 4),
        "outcome": OUTCOMES[i % 4], "minimum_outcome": None, "county_outcome": None,
        "route": "HS 11361.8(e)", "flags": [],
        "reasons": [{"id": f"r{i % 97}", "message": "The offense happened before %(date)s.",
                     "params": {"date": "2016-11-09"}, "text": "…", "citations": ["HS § 11361.8(e)"],
                     "links": []}],
        "would_change": [], "cr400": None, "forms": ["CR-400", "CR-401"],
        "as_of": "2026-01-01", "rules_version": "bench", "policy": {"id": "statewide"}, "county": COUNTY,
    }


def rows(n: int):
    payloads = [payload_text(payload(i)) for i in range(300)]
    for i in range(n):
        number, dob = person(i)
        yield StoredRow(lookup_key(KEY, COUNTY, number, dob), 0, payloads[i % 300])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--url", default=None, help="default: a SQLite file in /tmp")
    parser.add_argument("--lookups", type=int, default=5000)
    parser.add_argument("--reuse", action="store_true", help="keep an existing store of the same size")
    args = parser.parse_args()
    url = args.url or f"sqlite:////tmp/prop64-bench-lookup-{args.rows}.sqlite"
    store = LookupStore.from_url(url, key=KEY)
    if not (args.reuse and store.count(COUNTY) == args.rows):
        started = time.monotonic()
        store.replace_county(COUNTY, rows(args.rows), as_of=date(2026, 1, 1), rules_version="bench")
        seconds = time.monotonic() - started
        print(f"stored {args.rows:,} convictions in {seconds:.1f} s ({args.rows / seconds:,.0f}/s)")
    rng = random.Random(1)
    queries = []
    for _ in range(args.lookups):
        i = rng.randrange(args.rows)
        number, dob = person(i)
        if rng.random() < 0.5:
            dob = dob + timedelta(days=1)  # a wrong date of birth: not found
        queries.append((number, dob))
    for number, dob in queries[:200]:  # warm the connection pool and the page cache
        store.find(COUNTY, number, dob)
    times = []
    found = 0
    for number, dob in queries:
        t = time.perf_counter()
        found += bool(store.find(COUNTY, number, dob))
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    q = statistics.quantiles(times, n=100)
    print(
        f"{args.rows:,} stored, {len(queries):,} lookups ({found:,} found): "
        f"p50 {q[49]:.2f} ms, p95 {q[94]:.2f} ms, p99 {q[98]:.2f} ms, max {times[-1]:.2f} ms"
    )
    store.close()


if __name__ == "__main__":
    main()

"""Benchmark `prop64 bulk` on synthetic DOJ files of 100k, 1M and (with --10m) 10M rows.

    .venv/bin/python bench/bulk.py            # 100k and 1M rows
    .venv/bin/python bench/bulk.py --10m      # also 10M rows (about 3.4 GB of input)

Files have about 90 rows per person (``prop64 synth --rows-per-person 90``). The 1M file is
generated once; the 100k file is its first rows, and the 10M file is the 1M file ten times
with the person identifiers made distinct, so every size has the same mix. Each run is a
fresh process writing every output (annotated CSV, condensed CSV, errors, summary, manifest);
the script prints wall time, rows per second and the process's peak resident memory.
Targets (2 cores): 1M rows in at most 8 s; peak memory at most 1 GiB, the same at 10M as at
100k.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[0] = str(ROOT)  # this file is bench/bulk.py: do not shadow the bulk package

CHILD = """
import json, sys, time
from datetime import date
from pathlib import Path
from bulk.pipeline import Options, run
def peak_rss_kib():
    # VmHWM starts afresh at exec; getrusage's maxrss would include the parent's before exec
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
started = time.monotonic()
report = run(Options(input=Path(sys.argv[1]), fmt="doj", county="San Francisco",
                     as_of=date(2026, 1, 1), out=Path(sys.argv[2]), policy=sys.argv[3]))
print(json.dumps({"seconds": time.monotonic() - started,
                  "peak_rss_kib": peak_rss_kib(),
                  "rows": report.stats.rows_annotated + report.stats.rows_error,
                  "convictions": report.stats.convictions, "reader": report.reader,
                  "grouping": report.grouping}))
"""


def make_files(data: Path, with_10m: bool) -> dict[str, Path]:
    from bulk.synth import SynthOptions, write

    data.mkdir(parents=True, exist_ok=True)
    one_m = data / "doj-1m.csv"
    if not one_m.exists():
        print("generating 1,000,000 rows …", file=sys.stderr)
        with open(one_m, "w", encoding="utf-8", newline="") as handle:
            write(handle, SynthOptions(rows=1_000_000, seed=64, rows_per_person=90))
    files = {}
    small = data / "doj-100k.csv"
    if not small.exists():
        with open(one_m, "rb") as src, open(small, "wb") as dst:
            for i, line in enumerate(src):
                if i > 100_000:
                    break
                dst.write(line)
    files["100k"] = small
    files["1M"] = one_m
    if with_10m:
        big = data / "doj-10m.csv"
        if not big.exists():
            print("assembling 10,000,000 rows …", file=sys.stderr)
            body = one_m.read_bytes()
            header, _, rows = body.partition(b"\n")
            person = re.compile(rb"^(,ACTIVE,\d+),", re.MULTILINE)
            partial = big.with_suffix(".partial")
            with open(partial, "wb") as dst:
                dst.write(header + b"\n")
                dst.writelines(person.sub(rb"\g<1>" + b"%d," % copy, rows) if copy else rows for copy in range(10))
            partial.rename(big)
            del body, rows
        files["10M"] = big
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--10m", dest="ten", action="store_true", help="also run 10 million rows")
    parser.add_argument("--data", type=Path, default=Path("/tmp/prop64-bench"), help="where generated files are kept")
    parser.add_argument("--policy", default="statewide", choices=("statewide", "county"))
    args = parser.parse_args()
    files = make_files(args.data, args.ten)
    print(f"{'rows':>6} {'seconds':>8} {'rows/s':>10} {'peak RSS':>10}  reader/grouping")
    for label, path in files.items():
        out = args.data / f"out-{label}"
        shutil.rmtree(out, ignore_errors=True)
        wall = time.monotonic()
        child = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), str(out), args.policy],
            cwd=ROOT, capture_output=True, text=True, check=True,
        )
        wall = time.monotonic() - wall
        result = json.loads(child.stdout.strip().splitlines()[-1])
        print(
            f"{label:>6} {wall:8.2f} {result['rows'] / wall:10,.0f} "
            f"{result['peak_rss_kib'] / 1024:8.0f} MiB  {result['reader']}/{result['grouping']}"
            f"  ({result['convictions']:,} Prop 64 convictions)"
        )


if __name__ == "__main__":
    main()

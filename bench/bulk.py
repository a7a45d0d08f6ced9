"""Benchmark `prop64 bulk` on real-shaped DOJ files: 100k and 1M rows (and 10M with --10m),
each with people in order, shuffled, and in order but for 14 people whose rows come back late.

    .venv/bin/python bench/bulk.py            # 100k and 1M rows, sorted and shuffled
    .venv/bin/python bench/bulk.py --10m      # also 10M rows (about 6 GB of input each)

Files come from `prop64 synth` as the DOJ writes them: every field quoted, DOJ code spellings,
about 90 rows per person (arrests, court events, custody), unique person ids; `--shuffle`
puts each person's rows in pieces far apart; the "late" file is the sorted one with one conviction
row of each of 14 people, spread over the file, moved to its end. The 10M files are the 1M files
ten times over, each copy with its own person ids. Each run is a fresh `prop64 bulk` process writing
every output; the script prints wall time, rows per second, CPU time (the process and its
worker), peak resident memory (the larger of the process and its worker), the grouping used,
and the count of convictions naming HS 11357-11360 that were not evaluated (expected 0).

Reference (GoGen 0.2.13, same kind of file, 2 cores): about 45,000 rows/s and 4,924 MiB at 1M
rows. Targets: at least 5x its rows/s; at most 0.2x its memory, the same at 10M as at 100k.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
GOGEN_ROWS_PER_SECOND = 45_400
GOGEN_PEAK_MIB = 4_924


LATE_PEOPLE = 14


def make_file(data: Path, rows: int, shuffle: bool, late: bool = False) -> Path:
    label = f"{rows // 1000}k" if rows < 1_000_000 else f"{rows // 1_000_000}m"
    if late:
        path = data / f"doj-{label}-late.csv"
        if not path.exists():
            _move_late(make_file(data, rows, False), path)
        return path
    path = data / f"doj-{label}{'-shuffled' if shuffle else ''}.csv"
    if not path.exists() and rows > 1_000_000:
        _replicate(make_file(data, 1_000_000, shuffle), path, rows // 1_000_000)
    if not path.exists():
        print(f"generating {path.name} …", file=sys.stderr, flush=True)
        partial = path.with_suffix(".partial")
        args = [str(BIN / "prop64"), "synth", "--rows", str(rows), "--seed", "64", "--out", str(partial)]
        subprocess.run(args + (["--shuffle"] if shuffle else []), check=True, capture_output=True)
        partial.rename(path)
    return path


def _move_late(source: Path, path: Path) -> None:
    """``source`` with one conviction row of each of LATE_PEOPLE people, spread over the file,
    moved to its end."""
    print(f"making {path.name} …", file=sys.stderr, flush=True)
    with open(source, "rb") as src:
        total = sum(1 for _ in src) - 1
    marks = {total * k // (LATE_PEOPLE + 1) for k in range(1, LATE_PEOPLE + 1)}
    moved, looking = [], 0
    partial = path.with_suffix(".partial")
    with open(source, "rb") as src, open(partial, "wb") as out:
        out.write(src.readline())
        for n, line in enumerate(src):
            looking += n in marks
            if looking and b'"CONVICTED' in line:
                moved.append(line)
                looking -= 1
                continue
            out.write(line)
        out.writelines(moved)
    partial.rename(path)


def _replicate(source: Path, path: Path, copies: int) -> None:
    """``copies`` times the 1M-row file, each copy's person ids made its own (a digit in front):
    the same shape at ten times the size, in minutes instead of an hour of generating."""
    print(f"assembling {path.name} …", file=sys.stderr, flush=True)
    person = re.compile(rb'^("[^"]*","[^"]*",")', re.MULTILINE)
    partial = path.with_suffix(".partial")
    with open(source, "rb") as src:
        header = src.readline()
        body = src.read()
    with open(partial, "wb") as out:
        out.write(header)
        out.writelines(person.sub(rb"\g<1>" + str(c).encode(), body) if c else body for c in range(copies))
    partial.rename(path)


def peak_rss_mib(pid: int, peak: list[int]) -> None:
    """The largest high-water mark (VmHWM, counted from exec) of ``pid`` and its children."""
    try:
        pids = [pid] + [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return
    total = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total = max(total, int(line.split()[1]))
        except OSError:
            continue
    peak[0] = max(peak[0], total)


def run_one(path: Path, out: Path) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    child = subprocess.Popen(
        [str(BIN / "prop64"), "bulk", str(path), "--format", "doj", "--county", "SAN FRANCISCO",
         "--as-of", "2026-01-01", "--out", str(out), "--allow-row-errors"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    peak = [0]
    while child.poll() is None:
        peak_rss_mib(child.pid, peak)
        time.sleep(0.05)
    wall = time.monotonic() - started
    _, err = child.communicate()
    if child.returncode != 0:
        raise SystemExit(f"prop64 bulk failed:\n{err}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    manifest = json.loads((out / "manifest.json").read_text())
    summary = json.loads((out / "summary.json").read_text())
    # sampled VmHWM only: ru_maxrss of a child counts this script's own memory, shared
    # between fork and exec
    peak_kib = peak[0]
    return {
        "rows": manifest["rows"]["total"], "wall": wall, "cpu": cpu, "peak_mib": peak_kib / 1024,
        "grouping": manifest["grouping"] + (f", {manifest['people_out_of_order']} late"
                                            if manifest["people_out_of_order"] else ""),
        "reader": manifest["reader"],
        "convictions": manifest["rows"]["prop64_convictions"],
        "not_evaluated": summary["prop64_read"]["not_evaluated"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--10m", dest="ten", action="store_true", help="also run 10 million rows")
    parser.add_argument("--only", choices=("100k", "1m", "10m"), help="run one size only")
    parser.add_argument("--data", type=Path, default=Path("/tmp/prop64-bench"), help="where generated files are kept")
    args = parser.parse_args()
    args.data.mkdir(parents=True, exist_ok=True)
    sizes = {"100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}
    wanted = [args.only] if args.only else ["100k", "1m"] + (["10m"] if args.ten else [])
    print(f"{'rows':>10} {'order':>8} {'wall s':>7} {'rows/s':>9} {'x GoGen':>7} {'CPU s':>6} "
          f"{'peak MiB':>8} {'x GoGen':>7}  {'grouping':<22} not evaluated", flush=True)
    for label in wanted:
        for order in ("sorted", "shuffled", "late"):
            path = make_file(args.data, sizes[label], order == "shuffled", order == "late")
            r = run_one(path, args.data / f"out-{label}-{order}")
            rate = r["rows"] / r["wall"]
            print(
                f"{r['rows']:>10,} {order:>8} {r['wall']:7.2f} {rate:9,.0f} "
                f"{rate / GOGEN_ROWS_PER_SECOND:7.2f} {r['cpu']:6.1f} {r['peak_mib']:8.0f} "
                f"{r['peak_mib'] / GOGEN_PEAK_MIB:7.3f}  {r['grouping']:<22} {r['not_evaluated']:,}"
                f"  ({r['convictions']:,} Prop 64 convictions; load {os.getloadavg()[0]:.1f})",
                flush=True,
            )


if __name__ == "__main__":
    main()

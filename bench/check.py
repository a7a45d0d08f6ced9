"""Peak memory and time of `prop64 check` on one case file with many convictions.

    .venv/bin/python bench/check.py [--sizes 10000 100000] [--as-of 2026-11-27]
        [--policy county --county "San Francisco"]

Each size runs in its own process; the figure is the growth of peak memory per conviction over
the smallest size (the cost of a conviction, not of starting Python). Target: flat, about 0 KiB
per added conviction: `prop64 check` reads the convictions one at a time, once for each pass
of the engine (rules/large.py), and prints each determination as it is decided.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODES = ["HS 11357(b)", "11359B HS-MARIJUANA POSSESS FOR SALE", "HS 11360(a)", "HS 11358", "PC 211",
         "11357A HS", "11360A2 HS-SELL/FURNISH/ETC MARIJUANA/HASH"]


def write_case(path: Path, n: int, seed: int = 1, county: str = "Yolo") -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        out.write(f'{{"county": {json.dumps(county)}, "person": {{"date_of_birth": "1950-01-01"}}, "convictions": [')
        for i in range(n):
            conviction = {
                "case_number": f"C{i // 3}", "count": 1 + i % 3, "code": rng.choice(CODES),
                "offense_date": f"{rng.randint(1980, 2015)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "level": rng.choice(["felony", "misdemeanor"]), "sentence_status": "completed",
            }
            out.write(("," if i else "") + json.dumps(conviction))
        out.write('], "other_convictions": [{"code": "PC 187", "conviction_date": "1970-01-01"}]}')


def run(path: Path, as_of: str, policy: str) -> tuple[float, float, int]:
    """Seconds (wall-clock and CPU) and peak resident memory (bytes) of one `prop64 check` run."""
    code = "import sys; from prop64.cli import main; sys.argv[0] = 'prop64'; main()"
    start = time.perf_counter()
    with subprocess.Popen([sys.executable, "-c", code, "check", str(path), "--as-of", as_of, "--policy", policy],
                          cwd=ROOT, stdout=subprocess.DEVNULL) as process:
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"prop64 check failed on {path} (exit {process.returncode})")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--as-of", default="2026-11-27")
    parser.add_argument("--policy", choices=["statewide", "county"], default="statewide")
    parser.add_argument("--county", default="Yolo", help="the case's county (its DA program, under --policy county)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base: tuple[int, int] | None = None
        for n in sorted(args.sizes):
            path = Path(folder) / f"case-{n}.json"
            write_case(path, n, county=args.county)
            seconds, cpu, peak = run(path, args.as_of, args.policy)
            line = f"check {n:>7} convictions: {seconds:6.1f} s ({cpu:.1f} s CPU), peak {peak / 2**20:7.1f} MiB"
            if base is not None:
                line += f", {(peak - base[1]) / (n - base[0]) / 1024:5.2f} KiB per added conviction"
            else:
                base = (n, peak)
            print(line, flush=True)


if __name__ == "__main__":
    main()

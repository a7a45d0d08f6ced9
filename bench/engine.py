"""Determinations per second on one core, over generated cases.

    .venv/bin/python bench/engine.py [--cases 20000] [--seed 1] [--cpu] [--repeat 5]
    .venv/bin/python bench/engine.py --save before.jsonl      # every Result, before a change
    .venv/bin/python bench/engine.py --compare before.jsonl   # the same Results after it?

Target: at least 50,000 determinations per second. ``--cpu`` times process CPU time instead of
wall-clock time, so that other work on a shared machine does not count; ``--repeat`` keeps the
best of several runs. ``--save`` and ``--compare`` check that a faster engine decides the same:
every field of every Result, under both policies, for the same generated cases.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import rules

CODES = ["HS 11357(a)", "HS 11357(b)", "HS 11357(c)", "11357 HS", "HS 11358", "11359 HS",
         "H&S 11360(a)", "HS 11360(b)", "664/11359 HS", "PC 182/11360", "HS 11364", "HS 11530"]
OTHERS = ["PC 187", "PC 211", "VC 23152", "PC 459", "PC 288", "PC 647.6", "HS 11350"]
COUNTIES = ["San Francisco", "Los Angeles", "Sacramento", "Yolo", "Contra Costa"]


def generate(n: int, seed: int) -> list[rules.Case]:
    rng = random.Random(seed)
    cases = []
    for _ in range(n):
        born = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 60 * 365))
        convictions = []
        for _ in range(rng.choice((1, 1, 2, 3))):
            offense = born + timedelta(days=rng.randrange(14 * 365, 45 * 365))
            convictions.append({
                "code": rng.choice(CODES),
                "level": rng.choice(["felony", "misdemeanor", "infraction", None]),
                "offense_date": offense.isoformat(),
                "conviction_date": (offense + timedelta(days=rng.randrange(30, 400))).isoformat(),
                "sentence_status": rng.choice(["completed", "completed", "serving", None]),
                "quantity_grams": rng.choice([None, None, 5.0, 28.5, 40.0, 500.0]),
                "plants": rng.choice([None, 3, 6, 7, 50]),
                "case_number": str(rng.randrange(10**5, 10**6)),
            })
        others = [{"code": rng.choice(OTHERS),
                   "conviction_date": (born + timedelta(days=rng.randrange(18 * 365, 60 * 365))).isoformat()}
                  for _ in range(rng.choice((0, 0, 1, 3)))]
        cases.append(rules.load_case({"county": rng.choice(COUNTIES),
                                      "person": {"date_of_birth": born.isoformat()},
                                      "convictions": convictions, "other_convictions": others}))
    return cases


def results(cases: list[rules.Case], as_of: date):
    """One JSON line per case and policy: every field of the Result."""
    for policy in ("statewide", "county"):
        for i, case in enumerate(cases):
            result = rules.result_to_dict(rules.evaluate(case, as_of=as_of, policy=policy))
            yield json.dumps({"case": i, "policy": policy, "result": result}, sort_keys=True)


def save(cases: list[rules.Case], as_of: date, path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for line in results(cases, as_of):
            out.write(line + "\n")
    print(f"saved {2 * len(cases)} results to {path}")


def compare(cases: list[rules.Case], as_of: date, path: Path) -> None:
    """Exit 1 naming the first results that differ from the saved ones."""
    differ = 0
    with path.open(encoding="utf-8") as saved:
        for n, (line, old) in enumerate(zip(results(cases, as_of), saved, strict=True)):
            if line != old.rstrip("\n"):
                differ += 1
                if differ <= 3:
                    print(f"differs: {old.rstrip()[:2000]}\n   now: {line[:2000]}")
    print(f"compared {n + 1} results with {path}: {differ} differ")
    if differ:
        raise SystemExit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cpu", action="store_true", help="time process CPU time, not wall-clock time")
    parser.add_argument("--repeat", type=int, default=1, help="runs per policy; the best is printed")
    parser.add_argument("--save", type=Path, help="write every Result to this file and stop")
    parser.add_argument("--compare", type=Path, help="compare every Result with this file and stop")
    args = parser.parse_args()
    clock = time.process_time if args.cpu else time.perf_counter
    kind = "CPU" if args.cpu else "wall-clock"
    cases = generate(args.cases, args.seed)
    as_of = date(2026, 11, 27)
    if args.save or args.compare:
        return save(cases, as_of, args.save) if args.save else compare(cases, as_of, args.compare)
    for policy in ("statewide", "county"):
        rules.evaluate(cases[0], as_of=as_of, policy=policy)  # warm caches
        best = None
        for _ in range(max(1, args.repeat)):
            start = clock()
            n = sum(len(rules.evaluate(c, as_of=as_of, policy=policy).determinations) for c in cases)
            elapsed = clock() - start
            best = elapsed if best is None else min(best, elapsed)
        print(f"engine policy={policy}: {n} determinations in {best:.2f} s {kind} = {n / best:,.0f} per second"
              f" (one core, best of {max(1, args.repeat)})")
    start = time.perf_counter()
    generate(2000, args.seed + 1)
    print(f"case-file validation: {2000 / (time.perf_counter() - start):,.0f} cases per second")


if __name__ == "__main__":
    main()

"""How fast the papers are made, for both ways of making the CR-400.

    .venv/bin/python bench/documents.py [--packets 40] [--petitions 2000] [--processes 2]

For each path (the drawn duplicate, and the official form filled field by field, here a
synthetic fillable form with the official field names, ``documents/forms/specimen.py``) prints
the time for one full packet (next steps, reading copy, CR-400 with its attachment, proof of
service, each file alone and combined) and CR-400s per second in bulk across processes.
Targets: one full packet in at most 50 ms; at least 200 CR-400s per second on 2 processes.
Wall-clock figures depend on what else the machine runs; the CPU figures do not.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import rules
from documents import Applicant, build_cr400s, build_packet, forms
from documents.forms.specimen import specimen

AS_OF = date(2026, 1, 1)
APPLICANT = Applicant(name="Alex Rivera", street="100 Example Street", city="San Francisco", state="CA",
                      zip="94103", phone="415-555-0100", email="alex@example.org")
CODES = ["HS 11357(b)", "HS 11358", "HS 11359", "HS 11360"]


def case(i: int, convictions: int = 1) -> dict:
    return {
        "county": "San Francisco",
        "person": {"date_of_birth": "1970-01-01"},
        "convictions": [
            {
                "case_number": f"B{i:07d}",
                "code": CODES[(i + k) % len(CODES)],
                "level": "felony",
                "offense_date": f"2001-05-0{1 + k % 9}",
                "conviction_date": "2001-08-01",
                "sentence_status": "completed",
            }
            for k in range(convictions)
        ],
    }


def _result(data: dict) -> dict:
    return rules.result_to_dict(rules.evaluate(rules.load_case(data), as_of=AS_OF))


def _petitions(job: tuple[int, int, str]) -> tuple[int, float]:
    """(CR-400s made, CPU seconds this process spent making them)."""
    start, count, path = job
    made = 0
    cpu = time.process_time()
    for i in range(start, start + count):
        data = case(i)
        made += len(build_cr400s(data, _result(data), APPLICANT, forms=path))
    return made, time.process_time() - cpu


def bench(path: str, args: argparse.Namespace) -> None:
    data = case(0, convictions=2)
    result = _result(data)
    packet = build_packet(data, result, APPLICANT, forms=path)  # warm-up: fonts, caches
    assert packet.forms == path and {"next-steps.pdf", "reading-copy.pdf"} <= set(packet.files)
    times, cpu = [], []
    for _ in range(args.packets):
        start, start_cpu = time.perf_counter(), time.process_time()
        build_packet(data, result, APPLICANT, forms=path)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    median = statistics.median(times) * 1000
    print(f"[{path}] one full packet ({len(packet.files)} files + combined, {len(packet.combined) // 1024} KiB): "
          f"median {median:.1f} ms, best {min(times) * 1000:.1f} ms over {args.packets}; "
          f"CPU median {statistics.median(cpu) * 1000:.1f} ms (target <= 50 ms)")

    per = args.petitions // args.processes
    chunks = [(k * per, per, path) for k in range(args.processes)]
    with get_context("fork").Pool(args.processes) as pool:
        pool.map(_petitions, [(10_000_000 + k, 5, path) for k in range(args.processes)])  # warm-up
        start = time.perf_counter()
        runs = pool.map(_petitions, chunks)
        elapsed = time.perf_counter() - start
    made = sum(n for n, _cpu in runs)
    cpu_each = sum(c for _n, c in runs) / made
    print(f"[{path}] bulk: {made} CR-400s in {elapsed:.2f} s on {args.processes} processes = "
          f"{made / elapsed:.0f} per second, engine included; {cpu_each * 1000:.2f} ms CPU each = "
          f"{args.processes / cpu_each:.0f} per second on {args.processes} idle cores (target >= 200/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packets", type=int, default=40)
    parser.add_argument("--petitions", type=int, default=2000)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ[forms.FORMS_DIR_ENV] = folder
        bench(forms.DUPLICATE, args)
        source = Path(folder) / "specimen.pdf"
        source.write_bytes(specimen(forms.field_maps()["CR-400-2017-07-01"]))
        forms.install(source)
        source.unlink()
        bench(forms.OFFICIAL, args)


if __name__ == "__main__":
    main()

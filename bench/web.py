"""Load test of the public site as `make run` serves it (gunicorn with webapp/serving.py).

    .venv/bin/python bench/web.py [--seconds 8] [--clients 20] [--workers N] [--in-step]

Twenty concurrent clients, each on its own keep-alive connection, against gunicorn on
127.0.0.1 (threaded workers, the shared SQLite rate-limit store, a small lookup database):

* a question page and a results page with three convictions: first as fast as the clients
  can go (the most the server gives), then with the 20 clients together sending 500 requests
  per second, one every 2 ms, where p95 is read. Targets: ≥ 500 req/s, p95 ≤ 25 ms.
  (``--in-step``: the 20 clients send together, a burst of 20 every 40 ms; p95 is then
  about the time the server takes to answer 20 pages at once.)
* the case-number lookup (every answer padded to 0.15 s): target ≥ 100 lookups per second.
* lookups and question pages side by side (10 clients each, question pages at 250 req/s):
  the question page's p95 must stay ≤ 25 ms while lookups wait out their padding.

The load comes from this process, on the same machine: its own CPU time is printed, since it
competes with the server. Figures vary with what else the machine is doing.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
HERE = str(Path(__file__).resolve().parent)
# bench/lookup.py would shadow the lookup package: the project root comes first, bench/ not at all
sys.path[:] = [str(ROOT)] + [p for p in sys.path if p not in ("", HERE)]

from webapp import create_app
from webapp.catalogs import compile_catalogs
from webapp.config import Config

CONVICTIONS = [
    {"what": "possess_for_sale", "case_number": "SYN-B-1", "level": "felony",
     "offense": ("6", "", "2010"), "convicted": ("9", "14", "2010"), "sentence": "completed",
     "pairs": {"minors": ("n", "n"), "priors": ("n", "n")}, "choices": {}},
    {"what": "possess", "case_number": "SYN-B-2", "level": "misdemeanor",
     "offense": ("3", "", "2004"), "convicted": ("5", "", "2004"), "sentence": "completed",
     "pairs": {}, "choices": {"amount": "le28", "school": "n"}},
    {"what": "cultivate", "case_number": "SYN-B-3", "level": "felony",
     "offense": ("8", "", "2014"), "convicted": ("1", "", "2015"), "sentence": "serving",
     "pairs": {"priors": ("n", "n")}, "choices": {"plants": "gt6", "environment": "n"}},
]
LOOKUP_KEY = "bench-lookup-key"
LOOKUP_CASE, LOOKUP_DOB = "SYN-BENCH-1", date(1971, 3, 14)


def session_cookie(secret: str, translations: str) -> tuple[str, str]:
    """Answer three convictions through the app itself; return the session cookie it sets."""
    config = Config.from_env({"PROP64_SECRET_KEY": secret, "PROP64_TRANSLATIONS_DIR": translations})
    config["WTF_CSRF_ENABLED"] = False
    app = create_app(config)
    client = app.test_client()

    def post(url, data):
        response = client.post(url, data=data)
        assert response.status_code == 303, (url, response.status_code)
        return response.headers["Location"]

    post("/q/county", {"county": "San Francisco"})
    post("/q/birth", {"month": "2", "day": "29", "year": "1960"})
    for i, conv in enumerate(CONVICTIONS):
        url = f"/q/{i}/what"
        while url.startswith(f"/q/{i}/"):
            step = url.split("/")[3]
            if step == "what":
                data = {"answer": conv["what"]}
            elif step == "case_number":
                data = {"case_number": conv["case_number"]}
            elif step == "level":
                data = {"answer": conv["level"]}
            elif step in ("offense_date", "conviction_date"):
                m, d, y = conv["offense" if step == "offense_date" else "convicted"]
                data = {"month": m, "day": d, "year": y}
            elif step == "sentence":
                data = {"answer": conv["sentence"]}
            elif step == "cleared":
                data = {"answer": "n"}
            elif step in conv["pairs"]:
                data = dict(zip(("first", "second"), conv["pairs"][step]))
            else:
                data = {"answer": conv["choices"][step]}
            url = post(url, data)
    assert client.get("/results").status_code == 200
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    return app.config["SESSION_COOKIE_NAME"], cookie.value


def lookup_database(folder: Path) -> str:
    """A lookup database with one published San Francisco case (synthetic)."""
    import rules
    from lookup import LookupStore

    case = rules.load_case({
        "county": "San Francisco", "person": {"date_of_birth": LOOKUP_DOB.isoformat()},
        "convictions": [{"case_number": LOOKUP_CASE, "code": "HS 11359", "level": "felony",
                         "offense_date": "1999-04-01", "sentence_status": "completed"}],
    })
    result = rules.result_to_dict(rules.evaluate(case, as_of=date(2026, 1, 1), policy="county"))
    conviction = dict(result["convictions"][0])
    conviction.update(as_of=result["as_of"], rules_version=result["rules_version"],
                      policy=result["policy"], county=result["county"])
    url = f"sqlite:///{folder / 'lookup.sqlite'}"
    store = LookupStore.from_url(url, key=LOOKUP_KEY)
    store.replace_county("San Francisco", [(LOOKUP_CASE, LOOKUP_DOB, conviction)])
    store.close()
    return url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


class Client:
    """One simulated person: a keep-alive connection and a cookie."""

    def __init__(self, port: int, cookie: str):
        self.port, self.cookie = port, cookie
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes]:
        headers = {"Cookie": self.cookie, "Accept-Language": "en"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                cookie = response.getheader("Set-Cookie")
                if cookie:
                    self.cookie = cookie.split(";", 1)[0]
                return response.status, data
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def lookup_request(client: Client) -> tuple[str, str]:
    """A CSRF token for this client's session, then the lookup form's body."""
    _status, page = client.request("GET", "/lookup")
    token = re.search(rb'name="csrf_token" value="([^"]+)"', page).group(1).decode()
    body = {"csrf_token": token, "county": "San Francisco", "case_number": LOOKUP_CASE,
            "month": str(LOOKUP_DOB.month), "day": str(LOOKUP_DOB.day), "year": str(LOOKUP_DOB.year)}
    return "POST", urlencode(body)


def server_cpu(master: int) -> float:
    """CPU seconds used so far by gunicorn's master and workers (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdecimal():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == master or int(fields[1]) == master:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def run(port: int, cookie: str, jobs: list[tuple[str, str, int, float | None]], seconds: float,
        server_pid: int, in_step: bool = False):
    """``jobs``: (label, path or "lookup", clients, rate per client or None for flat out).

    Paced clients share the offered rate evenly: client ``i`` of ``n`` sends at
    ``i / (n * rate)`` past each of its own ticks, so 20 clients at 25 per second make one
    request every 2 ms. With ``in_step`` they all send on the same tick instead (a burst of
    20 every 40 ms), which measures how fast a burst drains rather than the steady rate."""
    results: dict[str, list[float]] = {label: [] for label, *_ in jobs}
    failures: dict[str, int] = {label: 0 for label, *_ in jobs}
    lock = threading.Lock()
    clock = [0.0, 0.0]  # the start and the end of the run, set when every client is ready

    def set_clock() -> None:
        clock[0] = time.perf_counter()
        clock[1] = clock[0] + seconds

    start = threading.Barrier(sum(n for _l, _p, n, _r in jobs) + 1, action=set_clock)

    def worker(label: str, path: str, rate: float | None, offset: float):
        client = Client(port, cookie)
        if path == "lookup":
            method, body = lookup_request(client)
            target = "/lookup"
        else:
            method, body, target = "GET", None, path
        for _ in range(3):  # warm the connection and the worker
            client.request(method, target, body)
        mine, bad = [], 0
        start.wait()
        began = clock[0] + offset
        sent = 0
        while time.perf_counter() < clock[1]:
            if rate:
                due = began + sent / rate  # an even schedule, not as fast as possible
                wait = due - time.perf_counter()
                if wait > 0:
                    time.sleep(wait)
            sent += 1
            t0 = time.perf_counter()
            try:
                status, _data = client.request(method, target, body)
                bad += status != 200
            except (OSError, http.client.HTTPException):
                bad += 1
            mine.append(time.perf_counter() - t0)
        with lock:
            results[label].extend(mine)
            failures[label] += bad

    threads = [threading.Thread(target=worker, args=(
                   label, path, rate, 0.0 if in_step or not rate else i / (n * rate)))
               for label, path, n, rate in jobs for i in range(n)]
    for t in threads:
        t.start()
    start.wait()  # every client warmed up; the clock starts now
    cpu0, server0 = time.process_time(), server_cpu(server_pid)
    began = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    client_cpu = (time.process_time() - cpu0) / elapsed
    server_seconds = server_cpu(server_pid) - server0
    out = {}
    for label, latencies in results.items():
        latencies.sort()
        q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
        out[label] = {"rps": len(latencies) / elapsed, "p50": q[49] * 1000, "p95": q[94] * 1000,
                      "requests": len(latencies), "failures": failures[label]}
    total = sum(len(v) for v in results.values()) or 1
    return out, {"client": client_cpu, "server_ms": server_seconds / total * 1000}


def show(label: str, r: dict, verdict: str = "") -> None:
    print(f"  {label:44s} {r['rps']:7.1f} req/s  p50 {r['p50']:6.2f} ms  p95 {r['p95']:6.2f} ms"
          f"  ({r['requests']} requests, {r['failures']} failed){verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1),
                        help="gunicorn workers (default: two per CPU, as webapp/serving.py serves)")
    parser.add_argument("--in-step", action="store_true",
                        help="paced clients all send on the same tick (bursts) instead of spread "
                             "evenly over it")
    args = parser.parse_args()
    n = args.clients

    secret = secrets.token_hex(32)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        translations = str(compile_catalogs(folder / "mo"))
        name, value = session_cookie(secret, translations)
        cookie = f"{name}={value}"
        port = free_port()
        env = {**os.environ, "PROP64_SECRET_KEY": secret, "PROP64_TRANSLATIONS_DIR": translations,
               "PROP64_BIND": f"127.0.0.1:{port}", "PROP64_WORKERS": str(args.workers),
               "PROP64_LOOKUP_DB": lookup_database(folder), "PROP64_LOOKUP_KEY": LOOKUP_KEY,
               "PROP64_RATELIMIT_STORAGE": f"sqlite:///{folder / 'limits.sqlite'}",
               "PROP64_LOOKUP_RATE_LIMIT": "1000000 per minute",
               "PROP64_LOOKUP_CASE_RATE_LIMIT": "1000000 per minute"}
        gunicorn = Path(sys.executable).with_name("gunicorn")
        server = subprocess.Popen([str(gunicorn), "-c", "python:webapp.serving",
                                   "--log-level", "warning", "--access-logfile", os.devnull],
                                  cwd=ROOT, env=env)
        try:
            wait_for(port)
            print(f"gunicorn: {args.workers} threaded workers (webapp/serving.py); {n} clients, "
                  f"{args.seconds:g} s per run; {os.cpu_count()} CPUs, load average "
                  f"{os.getloadavg()[0]:.1f} before the runs")
            ok = True
            for label, path in (("question page", "/q/0/offense_date"),
                                ("results page (3 convictions)", "/results")):
                flat, cpu = run(port, cookie, [(label, path, n, None)], args.seconds, server.pid)
                paced, _ = run(port, cookie, [(label, path, n, 500 / n)], args.seconds, server.pid,
                               args.in_step)
                hit = flat[label]["rps"] >= 500 and paced[label]["p95"] <= 25
                ok &= hit
                print(f"{label}: target ≥ 500 req/s with p95 ≤ 25 ms: "
                      f"{'ok' if hit else 'MISS'}")
                show("flat out", flat[label], f"  [server CPU {cpu['server_ms']:.2f} ms per "
                     f"request; load generator {cpu['client']:.0%} of a CPU]")
                show("500 req/s offered", paced[label])
            flat, _ = run(port, cookie, [("lookup", "lookup", n, None)], args.seconds, server.pid)
            hit = flat["lookup"]["rps"] >= 100 and flat["lookup"]["p50"] >= 150
            ok &= hit
            print(f"lookup (padded to 0.15 s): target ≥ 100 req/s: {'ok' if hit else 'MISS'}")
            show("flat out", flat["lookup"])
            half = n // 2
            mixed, _ = run(port, cookie, [("lookup", "lookup", half, None),
                                          ("question page", "/q/0/offense_date", n - half,
                                           250 / (n - half))], args.seconds, server.pid,
                          args.in_step)
            hit = mixed["question page"]["p95"] <= 25
            ok &= hit
            print(f"lookups beside question pages ({half} + {n - half} clients): question page "
                  f"p95 ≤ 25 ms: {'ok' if hit else 'MISS'}")
            show("lookup, flat out", mixed["lookup"])
            show("question page, 250 req/s offered", mixed["question page"])
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

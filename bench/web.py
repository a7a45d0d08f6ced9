"""Load test of the public site: gunicorn (2 workers) on 127.0.0.1, a bounded load from threads.

    .venv/bin/python bench/web.py [--seconds 8] [--threads 8]

Prints requests per second and p50/p95 latency for a question page and for a results page with
three convictions. Targets: question page p95 ≤ 25 ms and ≥ 500 requests/s; results p95 ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


def session_cookie(secret: str, translations: str) -> tuple[str, str]:
    """Answer three convictions through the app itself; return the signed cookie it sets."""
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, timeout: float = 20.0) -> None:
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


def drive(port: int, path: str, cookie: str, seconds: float, threads: int) -> dict:
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    headers = {"Cookie": cookie, "Accept-Language": "en", "Connection": "close"}

    def worker():
        mine = []
        bad = 0
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                conn.close()
                if response.status != 200:
                    bad += 1
            except OSError:
                bad += 1
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
            failures[0] += bad

    # warm up both workers
    for _ in range(20):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", path, headers=headers)
        conn.getresponse().read()
        conn.close()
    began = time.monotonic()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.monotonic() - began
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    return {"requests": len(latencies), "rps": len(latencies) / elapsed, "p50": q[49] * 1000,
            "p95": q[94] * 1000, "failures": failures[0]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()

    secret = secrets.token_hex(32)
    with tempfile.TemporaryDirectory() as tmp:
        translations = str(compile_catalogs(Path(tmp)))
        name, value = session_cookie(secret, translations)
        cookie = f"{name}={value}"
        port = free_port()
        env = {**os.environ, "PROP64_SECRET_KEY": secret, "PROP64_TRANSLATIONS_DIR": translations}
        gunicorn = Path(sys.executable).with_name("gunicorn")
        server = subprocess.Popen(
            [str(gunicorn), "--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level",
             "warning", "webapp:create_app()"],
            cwd=ROOT, env=env,
        )
        try:
            wait_for(port)
            targets = [("question page", "/q/0/offense_date", 25.0, 500.0),
                       ("results page (3 convictions)", "/results", 50.0, None)]
            print(f"gunicorn 2 workers, {args.threads} client threads, {args.seconds:g} s per page")
            for label, path, p95_target, rps_target in targets:
                r = drive(port, path, cookie, args.seconds, args.threads)
                verdict = "ok" if r["p95"] <= p95_target and (rps_target is None or
                                                              r["rps"] >= rps_target) else "MISS"
                rps_text = f" and ≥ {rps_target:.0f} req/s" if rps_target else ""
                print(f"{label:30s} {r['rps']:7.1f} req/s  p50 {r['p50']:6.2f} ms  "
                      f"p95 {r['p95']:6.2f} ms  ({r['requests']} requests, {r['failures']} "
                      f"failed; target p95 ≤ {p95_target:.0f} ms{rps_text}: {verdict})")
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

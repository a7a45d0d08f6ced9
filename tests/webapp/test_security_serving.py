"""The site as `make run` serves it: gunicorn with webapp.serving's settings."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from webapp.paths import PROJECT_ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(catalogs, tmp_path_factory):
    port = _free_port()
    log = tmp_path_factory.mktemp("serving") / "access.log"
    env = {**os.environ, "PROP64_SECRET_KEY": "serving-test-key", "PROP64_BIND": f"127.0.0.1:{port}",
           "PROP64_WORKERS": "1", "PROP64_THREADS": "4", "PROP64_TRANSLATIONS_DIR": str(catalogs),
           "PROP64_RATELIMIT_STORAGE": f"sqlite:///{log.parent / 'limits.sqlite'}"}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with log.open("wb") as out:
        server = subprocess.Popen([str(gunicorn), "-c", "python:webapp.serving"], cwd=PROJECT_ROOT,
                                  env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        pytest.fail("gunicorn did not start:\n" + log.read_text())
                    time.sleep(0.1)
            yield port, log
        finally:
            server.terminate()
            server.wait(timeout=10)


def _get(port: int, raw_path: str):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", raw_path)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def test_no_server_header(served):
    port, _log = served
    response = _get(port, "/")
    assert response.status == 200
    assert response.getheader("Server") is None


def test_access_log_lines_cannot_be_forged(served):
    port, log = served
    _get(port, "/nothing%0d%0a%22GET%20/admin%22%20200%20-%200.0s")
    _get(port, "/privacy?name=Rosa")
    deadline = time.monotonic() + 10  # the worker writes its log line after the response
    while "/privacy" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    lines = [line for line in log.read_text().splitlines() if '"GET /' in line]
    forged = [line for line in lines if "admin" in line]
    assert len(forged) == 1 and forged[0].startswith('"GET /nothing\\x0d\\x0a\\x22GET')
    privacy = [line for line in lines if "/privacy" in line]
    assert privacy and "Rosa" not in log.read_text() and "127.0.0.1" not in "".join(lines)

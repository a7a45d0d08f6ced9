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


@pytest.mark.parametrize("path", ["/privacy", '/a"b\\c', "/x\r\nGET /admin\x00\u2028", "/ñ/中"])
@pytest.mark.parametrize("fmt", [None, '%(h)s "%(r)s" %(s)s %(b)s %(t)s', "%(m)s %(U)s %(q)s %%"])
def test_access_log_line_is_the_one_gunicorn_writes(tmp_path, path, fmt):
    """The quick access log writes, for the site's format, exactly gunicorn's own escaped line;
    other formats go through gunicorn's code unchanged."""
    from datetime import timedelta
    from types import SimpleNamespace

    from gunicorn import glogging
    from gunicorn.config import Config

    from webapp import serving

    cfg = Config()
    cfg.set("accesslog", str(tmp_path / "access.log"))
    cfg.set("access_log_format", fmt or serving.access_log_format)
    logger = serving.EscapedLogger(cfg)
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "lang=es",
               "RAW_URI": path, "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1"}
    resp = SimpleNamespace(status="200 OK", sent=4506, headers=[("Content-Type", "text/html")])
    req = SimpleNamespace(headers=[("HOST", "example")])
    took = timedelta(seconds=1, microseconds=2345)
    logger.access(resp, req, environ, took)
    glogging.Logger.access(logger, resp, req, environ, took)
    for handler in logger.access_log.handlers:
        handler.flush()
    quick, gunicorns = (tmp_path / "access.log").read_text(encoding="utf-8").splitlines()
    if "%(t)s" not in (fmt or ""):  # the time of day may tick between the two lines
        assert quick == gunicorns
    assert "\r" not in quick and "\n" not in quick

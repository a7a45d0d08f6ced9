"""A real server on 127.0.0.1 and Debian's Chromium driven by Playwright.

Skipped, with the reason shown, when Chromium, Playwright or axe-core is missing.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from webapp import create_app
from webapp.catalogs import compile_catalogs
from webapp.config import TestConfig, as_mapping
from webapp.paths import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run",
]


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return f"Chromium is not installed at {CHROMIUM} (make test installs it)"
    if not AXE.exists():
        return f"axe-core is not installed at {AXE} (run npm install; make test does it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


@pytest.fixture(scope="session")
def base_url(tmp_path_factory):
    reason = _missing()
    if reason:
        if os.environ.get("CI") == "true":  # CI installs both; a skip there would hide a gap
            pytest.fail(reason)
        pytest.skip(reason)
    config = as_mapping(TestConfig)
    config.update(
        WTF_CSRF_ENABLED=True,  # the real thing, as served
        BABEL_TRANSLATION_DIRECTORIES=str(compile_catalogs(tmp_path_factory.mktemp("mo"))),
        LOOKUP_DB_URL=f"sqlite:///{tmp_path_factory.mktemp('db') / 'lookup.sqlite'}",
        LOOKUP_RATE_LIMIT="1000 per minute",
    )
    app = create_app(config)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser(base_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()

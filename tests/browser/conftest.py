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

from .language import language_problems

CHROMIUM = Path("/usr/bin/chromium")
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_RUN = """async (tags) => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return r.violations.map(v => ({id: v.id, help: v.help,
                                 nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""
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


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.1 A and AA) on the page as it stands."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN, AXE_TAGS)


class Walk:
    """Drives pages and checks each one as it arrives: its visible text is in the page's language
    (:mod:`tests.browser.language`), and with ``axe``, axe-core at a 320 px width."""

    def __init__(self, page, base_url: str, axe: bool):
        self.page, self.base, self.axe = page, base_url, axe
        self.problems: list[str] = []
        self.checked: list[str] = []

    def check(self, label: str) -> None:
        self.checked.append(label)
        self.problems.extend(language_problems(self.page, label))
        if not self.axe:
            return
        width = self.page.evaluate("() => document.documentElement.scrollWidth")
        if width > 320:
            self.problems.append(f"{label}: page is {width}px wide at a 320px viewport")
        for v in axe_violations(self.page):
            self.problems.append(f"{label}: {v['id']} ({v['help']}) at {v['nodes']}")

    def go(self, path: str, label: str) -> None:
        self.page.goto(self.base + path)
        self.check(label)

    def press(self, selector: str, label: str) -> None:
        with self.page.expect_navigation():
            self.page.click(selector)
        self.check(label)

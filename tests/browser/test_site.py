"""The whole flow in a real browser, in every language, at 320 px, with and without JavaScript,
and axe-core (WCAG 2.1 A and AA) on every page."""

from __future__ import annotations

import pytest

from webapp.i18n import LANGUAGES

from .conftest import Walk, axe_violations

pytestmark = pytest.mark.browser


class Visit(Walk):
    """Walks the question flow, checking each page as it arrives."""

    def submit(self, label: str, **fields) -> None:
        """Fill the question form and press Continue; check the page that follows."""
        page = self.page
        for name, value in fields.items():
            if name.startswith("radio_"):
                page.check(f'input[name="{name[6:]}"][value="{value}"]')
            elif name.startswith("select_"):
                page.select_option(f'select[name="{name[7:]}"]', value)
            elif name.startswith("tick_"):
                page.check(f'input[name="{name[5:]}"]')
            else:
                page.fill(f'input[name="{name}"]', value)
        with page.expect_navigation():
            page.click("main form button.primary")
        self.check(label)


def run_flow(visit: Visit, lang_code: str, lang_tag: str) -> None:
    page = visit.page
    visit.go(f"/?lang={lang_code}", "home")
    assert page.get_attribute("html", "lang") == lang_tag
    visit.go("/start", "privacy note")
    visit.go(f"/?lang={lang_code}", "home again")
    # the way in is on the first phone screen, and the first question is one tap away
    box = page.locator('main a[href="/q/county"]').bounding_box()
    assert box is not None and box["y"] + box["height"] <= 640
    visit.press('main a[href="/q/county"]', "county")
    # an empty answer shows the error summary; nothing else is lost
    visit.submit("county with an error")
    assert page.locator('[role="alert"]').count() == 1
    visit.submit("birth", select_county="San Francisco")
    visit.submit("what", select_month="2", day="29", year="1960")
    visit.submit("case number", radio_answer="possess_for_sale")
    visit.submit("level", case_number="SYN-77001")
    visit.submit("offense date", radio_answer="felony")
    visit.submit("conviction date", select_month="6", year="2010")
    # a conviction before the offense: refused, answers kept
    visit.submit("conviction date error", select_month="1", year="2009")
    assert page.locator('[role="alert"]').count() == 1
    assert page.input_value('input[name="year"]') == "2009"
    visit.submit("sentence", select_month="9", day="14", year="2010")
    visit.submit("minors", radio_answer="completed")
    visit.submit("priors", radio_first="n", radio_second="n")
    visit.submit("cleared", radio_first="n", radio_second="?")
    visit.submit("convictions", radio_answer="n")
    visit.press('main a[href="/q/check"]', "already cleared?")
    visit.press('main a[href="/q/review"]', "review")
    visit.press('main a[href="/results"]', "results")
    assert page.locator("article.card").count() == 1
    visit.press('main a[href="/papers/"]', "applicant")
    visit.submit("papers", name="Pat Example", street="1 Test Street", city="Oakland",
                 zip="94607", phone="510-555-0100")
    assert page.locator('a[href="/papers/packet.pdf"]').count() == 1
    with page.expect_download() as download:
        page.click('a[href="/papers/packet.pdf"]')
    assert download.value.suggested_filename.endswith(".pdf")
    visit.go("/lookup", "lookup")
    visit.submit("lookup not found", select_county="Alameda", case_number="SYN-1",
                 select_month="3", day="4", year="1970")
    visit.go("/no-such-page", "not found page")
    assert page.get_attribute("html", "lang") == lang_tag


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_whole_flow_at_320px_with_axe(browser, base_url, lang):
    context = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    try:
        page = context.new_page()
        visit = Visit(page, base_url, axe=True)
        run_flow(visit, lang.code, lang.tag)
        assert visit.problems == []
        assert len(visit.checked) >= 20
    finally:
        context.close()


def test_whole_flow_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        visit = Visit(page, base_url, axe=False)
        run_flow(visit, "es", "es")
        # the language menu works inside a form without scripts, and keeps what was typed
        page.goto(base_url + "/q/birth")
        page.fill('input[name="year"]', "1961")
        with page.expect_navigation():
            page.click('button[name="_lang"][value="ko"]')
        assert page.get_attribute("html", "lang") == "ko"
        assert page.input_value('input[name="year"]') == "1961"
    finally:
        context.close()


def test_strict_csp_holds_in_the_browser(browser, base_url):
    context = browser.new_context()
    try:
        page = context.new_page()
        messages = []
        page.on("console", lambda m: messages.append(m.text))
        page.goto(base_url + "/")
        assert page.evaluate("() => getComputedStyle(document.body).margin") == "0px"  # CSS loaded
        assert not [m for m in messages if "Content Security Policy" in m]
    finally:
        context.close()


def test_axe_harness_reports_a_known_violation(browser):
    """The check above would catch a real problem: a page with an unlabelled image fails."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content('<html lang="en"><head><title>t</title></head>'
                         '<body><main><img src="data:,"></main></body></html>')
        assert "image-alt" in [v["id"] for v in axe_violations(page)]
    finally:
        context.close()

"""In a real browser: Tagalog pages read in Tagalog, quick exit stays on screen and makes the
browser forget the site, error summaries take focus and lead to the field."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

TAGALOG_HOME = "Malilinis ba ang aking hatol na pagkakasala sa cannabis?"
ENGLISH_HOME = "Can my cannabis conviction be cleared?"


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    yield context
    context.close()


def test_tagalog_is_served_by_link_menu_and_browser_language(browser, base_url):
    for how in ("query", "menu", "browser"):
        context = browser.new_context(locale="fil-PH" if how == "browser" else "en-US")
        page = context.new_page()
        if how == "query":
            page.goto(f"{base_url}/?lang=tl")
        elif how == "menu":
            page.goto(f"{base_url}/")
            assert ENGLISH_HOME in page.inner_text("main")
            with page.expect_navigation():
                page.click('nav.languages a[hreflang="tl"]')
        else:
            page.goto(f"{base_url}/")
        text = page.inner_text("body")
        assert TAGALOG_HOME in text and ENGLISH_HOME not in text, how
        assert "Umalis agad" in page.inner_text("header"), how
        context.close()


def test_quick_exit_stays_on_screen_while_the_page_scrolls(phone, base_url):
    page = phone.new_page()
    page.goto(f"{base_url}/privacy")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert page.evaluate("window.scrollY") > 200  # the page did scroll
    box = page.locator("a.quick-exit").bounding_box()
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 640


def test_quick_exit_makes_the_browser_forget_the_site(phone, base_url, monkeypatch):
    from webapp import pages

    # The test machine has no internet: leave for a page of our own that sets no cookie.
    monkeypatch.setattr(pages, "EXIT_URL", f"{base_url}/static/favicon.svg")
    page = phone.new_page()
    page.goto(f"{base_url}/q/county")
    page.select_option('select[name="county"]', "Alameda")
    with page.expect_navigation():
        page.click("main form button.primary")
    assert phone.cookies(base_url)  # the answers are in the (encrypted) cookie
    # a cookie the site never set: only Clear-Site-Data removes it
    phone.add_cookies([{"name": "other", "value": "1", "url": base_url}])
    with page.expect_navigation():
        page.click("a.quick-exit")
    assert page.url.endswith("/static/favicon.svg")
    assert phone.cookies(base_url) == []


def _summary_has_focus(page) -> None:
    """Autofocus happens as the page is first drawn, just after it loads: wait for it."""
    page.wait_for_function(
        "document.activeElement && document.activeElement.classList.contains('error-summary')",
        timeout=5000)


def test_error_summary_takes_focus_and_leads_to_the_first_radio(phone, base_url):
    page = phone.new_page()
    page.goto(f"{base_url}/q/county")
    page.select_option('select[name="county"]', "Alameda")
    with page.expect_navigation():
        page.click("main form button.primary")
    page.select_option('select[name="month"]', "2")
    page.fill('input[name="day"]', "3")
    page.fill('input[name="year"]', "1980")
    with page.expect_navigation():
        page.click("main form button.primary")
    with page.expect_navigation():
        page.click("main form button.primary")  # "what was it for?" left unanswered
    _summary_has_focus(page)
    link = page.locator(".error-summary a").first
    target = link.get_attribute("href")
    assert page.locator(f"{target}[type=radio]").count() == 1
    link.click()
    assert page.evaluate("document.activeElement.type") == "radio"


def test_an_empty_lookup_says_each_thing_once(phone, base_url):
    page = phone.new_page()
    page.goto(f"{base_url}/lookup")
    with page.expect_navigation():
        page.click("main form button.primary")
    summary = [item.strip() for item in page.locator(".error-summary li").all_inner_texts()]
    assert summary and len(summary) == len(set(summary))
    dob = "Write your full date of birth"
    assert page.inner_text("main").count(dob) == 2  # in the summary, and beside the field
    _summary_has_focus(page)

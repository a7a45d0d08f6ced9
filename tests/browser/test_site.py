"""The whole flow in a real browser, in every language, at 320 px, with and without JavaScript,
and axe-core (WCAG 2.1 A and AA) on every page."""

from __future__ import annotations

import pytest

from webapp.i18n import LANGUAGES

from ..published import DOB, answer_naming_a_later_conviction
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


# --- the answers a person can act on (each once, in a real browser, at 320 px with axe) -------


def _person(visit: Visit, county: str, dob=("2", "29", "1960")) -> None:
    visit.go("/?lang=en", "home")
    visit.press('main a[href="/q/county"]', "county")
    visit.submit("birth", select_county=county)
    if dob is None:
        visit.submit("what", tick_unknown="y")
    else:
        visit.submit("what", select_month=dob[0], day=dob[1], year=dob[2])


def _felony_for_sale(visit: Visit, cleared: str = "n", offense=("6", "2010")) -> None:
    visit.submit("case number", radio_answer="possess_for_sale")
    visit.submit("level", case_number="SYN-77002")
    visit.submit("offense date", radio_answer="felony")
    visit.submit("conviction date", select_month=offense[0], year=offense[1])
    visit.submit("sentence", select_month="9", year="2010")
    visit.submit("minors", radio_answer="completed")
    visit.submit("priors", radio_first="n", radio_second="n")
    visit.submit("cleared", radio_first="n", radio_second="n")
    visit.submit("convictions", radio_answer=cleared)


def _to_results(visit: Visit) -> None:
    visit.press('main a[href="/q/check"]', "already cleared?")
    visit.press('main a[href="/q/review"]', "review")
    visit.press('main a[href="/results"]', "results")


@pytest.fixture
def phone(browser, base_url):
    context = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    visit = Visit(context.new_page(), base_url, axe=True)
    yield visit
    assert visit.problems == []
    context.close()


def test_results_lead_with_a_summary_and_the_papers_button(phone):
    _person(phone, "Fresno")
    _felony_for_sale(phone)
    _to_results(phone)
    page = phone.page
    summary = page.locator("section.summary")
    assert "1 convictions" not in summary.inner_text()
    assert "Your conviction can be reduced." in summary.inner_text()
    assert "Filing is free" in summary.inner_text()
    # the summary and its button come before the first card, within the first screens
    assert summary.bounding_box()["y"] < page.locator("article.card").first.bounding_box()["y"]
    assert summary.locator('a[href="/papers/"]').count() == 1
    assert page.locator("article.card .badge").inner_text().strip().endswith("Can be reduced")
    # the rules version waits in a closed details block
    assert not page.get_by_text("Rules version").is_visible()
    page.click("details.about-answer summary")
    assert page.get_by_text("Rules version").is_visible()
    assert page.locator("section.timeline li").count() == 5


def test_not_sure_what_for_ends_in_how_to_find_out(phone):
    _person(phone, "Fresno", dob=None)
    phone.submit("case number", radio_answer="?")
    phone.submit("convictions", case_number="X-1")
    _to_results(phone)
    body = phone.page.inner_text("main")
    assert "nothing to file" not in body.lower()
    assert "Needs a closer look" in body
    assert "criminal clerk's office of the Superior Court of California, County of Fresno" in body
    assert "Live Scan" in body


def test_already_cleared_checks_first_and_can_still_get_papers(phone):
    _person(phone, "San Francisco")
    _felony_for_sale(phone, cleared="y")
    _to_results(phone)
    body = phone.page.inner_text("main")
    assert "Your answers say this conviction was already cleared." in body
    assert "The record shows" not in body and "same papers" not in body
    assert "County of San Francisco" in body and "Live Scan" in body
    phone.press('main a[href="/q/0/cleared?from=review"]', "change the cleared answer")
    phone.submit("review again", radio_answer="n")
    phone.press('main a[href="/results"]', "results again")
    assert phone.page.locator('section.summary a[href="/papers/"]').count() == 1


def test_november_2016_keeps_month_and_year(phone):
    _person(phone, "Fresno")
    phone.submit("case number", radio_answer="possess_for_sale")
    phone.submit("level", case_number="SYN-77003")
    phone.submit("offense date", radio_answer="felony")
    phone.submit("the day is asked", select_month="11", year="2016")
    page = phone.page
    assert page.locator('[role="alert"]').count() == 1
    assert page.input_value('input[name="year"]') == "2016"  # nothing thrown away
    phone.submit("conviction date", tick_no_day="y")
    assert page.url.endswith("/q/0/conviction_date")


def test_birth_date_label_and_field_order_follow_the_language(browser, base_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(base_url + "/?lang=ko")
        page.goto(base_url + "/q/birth")
        assert (page.locator("input[name=year]").evaluate("e => e.compareDocumentPosition("
                "document.querySelector('select[name=month]'))") & 4) == 4  # year first
        page.goto(base_url + "/?lang=en")
        page.goto(base_url + "/q/birth")
        assert page.inner_text('label[for="day"]') == "Day"
    finally:
        context.close()


def test_papers_say_who_serves_and_name_each_paper(phone):
    _person(phone, "San Francisco")
    _felony_for_sale(phone)
    _to_results(phone)
    phone.press('section.summary a[href="/papers/"]', "applicant")
    phone.submit("papers", name="Pat Example", street="1 Test Street", city="Oakland",
                 zip="94607", phone="510-555-0100")
    body = phone.page.inner_text("main")
    assert "Another adult, 18 or older and not you" in body
    assert "Give a copy to the District Attorney" not in body
    links = phone.page.locator("ul.files a").all_inner_texts()
    assert "Your petition to the court (CR-400), case SYN-77002" in links
    assert not [text for text in links if text.endswith(".pdf")]


def test_a_name_in_korean_letters_is_asked_for_as_the_court_record_spells_it(phone):
    _person(phone, "San Francisco")
    _felony_for_sale(phone)
    _to_results(phone)
    phone.press('section.summary a[href="/papers/"]', "applicant")
    assert phone.page.locator('input[name="record_name"]').is_visible()
    phone.submit("papers: record name missing", name="김민준", street="1 Test Street", city="Oakland",
                 zip="94607", phone="510-555-0100")
    assert phone.page.locator('[role="alert"]').count() == 1
    assert phone.page.input_value('input[name="name"]') == "김민준"
    assert "court record" in phone.page.inner_text("#record_name-hint")
    phone.submit("papers ready", record_name="KIM MINJUN")
    assert phone.page.locator('a[href="/papers/packet.pdf"]').count() == 1


def test_city_question_names_that_city_prosecutor(phone):
    _person(phone, "Los Angeles")
    phone.submit("case number", radio_answer="possess")
    phone.submit("level", case_number="SYN-77004")
    phone.submit("city", radio_answer="misdemeanor")
    assert "Which city were you arrested in?" in phone.page.inner_text("main")
    phone.submit("offense date", radio_answer="Long Beach")
    phone.submit("conviction date", select_month="6", year="2010")
    phone.submit("sentence", select_month="9", year="2010")
    phone.submit("amount", radio_answer="completed")
    phone.submit("school", radio_answer="le28")
    phone.submit("cleared", radio_answer="n")
    phone.submit("convictions", radio_answer="n")
    _to_results(phone)
    body = phone.page.inner_text("main")
    assert "Long Beach City Prosecutor" in body and "Pasadena City Prosecutor" not in body


@pytest.fixture
def published(tmp_path):
    """A second site whose lookup store holds one published answer that mentions another
    conviction of the same person."""

    from werkzeug.serving import make_server

    import lookup
    from webapp import create_app
    from webapp.catalogs import compile_catalogs
    from webapp.config import TestConfig, as_mapping

    conv = answer_naming_a_later_conviction()
    url = f"sqlite:///{tmp_path / 'lookup.sqlite'}"
    lookup.LookupStore.from_url(url, key=TestConfig.LOOKUP_KEY).replace_county(
        "Fresno", [("SYN-9", DOB, conv)])
    config = as_mapping(TestConfig)
    config.update(WTF_CSRF_ENABLED=True, LOOKUP_DB_URL=url, LOOKUP_RATE_LIMIT="1000 per minute",
                  BABEL_TRANSLATION_DIRECTORIES=str(compile_catalogs(tmp_path / "mo")))
    server = make_server("127.0.0.1", 0, create_app(config), threaded=True)
    import threading

    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def test_lookup_answers_for_that_case_only(browser, published):
    context = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    try:
        visit = Visit(context.new_page(), published, axe=True)
        visit.go("/lookup", "lookup")
        visit.submit("published answer", select_county="Fresno", case_number="SYN-9",
                     select_month="3", day="14", year="1971")
        body = visit.page.inner_text("main")
        assert "Can be reduced" in body
        assert "PC 187" not in body and "later conviction" not in body.lower()
        assert "Your answers say" not in body
        assert "Fresno County District Attorney" in body  # that county's contact
        assert visit.problems == []
    finally:
        context.close()

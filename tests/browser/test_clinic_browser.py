"""Clinic mode in a real browser: a volunteer handles three clients (one whose papers are in
Spanish, one whose conviction needs DA review, one entered from a CSV file), at 320 px, with
axe-core on every clinic page; the same work with JavaScript off; the countdown under the
real Content-Security-Policy."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from .conftest import Walk

pytestmark = pytest.mark.browser

CSV_ROWS = (
    "person_id,date_of_birth,county,case_number,code,level,forum,offense_date,conviction_date,"
    "sentence_status,sentence_end_date\n"
    "SYN9,19800101,Alameda,SYN-C1,HS 11357(a),misdemeanor,adult,2013-04,2013-06-02,completed,\n"
    "SYN9,19800101,Alameda,SYN-C2,PC 459,felony,adult,,2001-01-01,,\n"
)


class Volunteer(Walk):
    """Drives the clinic pages and checks each one (axe, width) as it arrives."""

    def fill(self, **fields) -> None:
        page = self.page
        for name, value in fields.items():
            name = name.replace("__", "-")
            target = f'[name="{name}"]'
            tag = page.eval_on_selector(target, "e => e.tagName + ':' + (e.type || '')")
            if tag.startswith("SELECT"):
                page.select_option(target, value)
            elif tag.endswith(("radio", "checkbox")):
                page.check(f'{target}[value="{value}"]' if tag.endswith("radio") else target)
            else:
                page.fill(target, value)

    def client_id(self) -> str:
        return re.search(r"/clinic/clients/([0-9a-f]+)/", self.page.url).group(1)


def add_client(v: Volunteer, label: str, language: str, county: str, dob=None) -> str:
    v.press('main a[href="/clinic/clients/new"]', f"new client {label}")
    fields = {"label": label, "language": language, "county": county}
    if dob:
        fields.update({"dob__month": dob[0], "dob__day": dob[1], "dob__year": dob[2]})
    else:
        fields["dob__unknown"] = "y"
    v.fill(**fields)
    v.press("#client-form button.primary", f"convictions of {label}")
    return v.client_id()


def volunteer_session(v: Volunteer) -> None:
    page = v.page
    v.go("/", "home")
    v.press('main a[href="/clinic/"]', "clinic welcome")
    v.press('main form[action="/clinic/start"] button', "who files")
    v.fill(representation="attorney", attorney_name="Alex Counsel", bar_number="123456",
           firm="Example Legal Aid", street="1 Legal Way", city="Oakland", zip="94607",
           phone="510-555-0199")
    v.press("#org-form button.primary", "clients")

    # 1. A client whose papers are in Spanish; a first try with a mistake in the dates.
    ana = add_client(v, "Ana", "es", "Los Angeles", ("2", "3", "1970"))
    v.fill(r0__code="HS 11359", r0__case_number="SYN-B1", r0__lv="felony", r0__ss="completed",
           r0__cl="n", r0__od__month="6", r0__od__year="2010", r0__cd__month="9", r0__cd__year="2009")
    v.press('#rows-form button[name="save"]', "convictions with an error")
    assert page.locator('.error-summary[role="alert"]').count() == 1
    assert page.input_value('input[name="r0-code"]') == "HS 11359"
    v.fill(r0__cd__year="2010")
    v.press('#rows-form button[name="save"]', "results of Ana")
    assert page.locator("article.card").count() == 1
    v.press(f'main a[href="/clinic/clients/{ana}/papers"]', "papers of Ana")
    v.fill(name="Ana Example")
    v.press("#papers-form button", "papers ready for Ana")
    assert page.locator(f'a[href="/clinic/clients/{ana}/packet.pdf"]').count() == 1
    summary = page.context.request.get(f"{v.base}/clinic/clients/{ana}/summary.pdf")
    text = PdfReader(io.BytesIO(summary.body())).pages[0].extract_text()
    assert re.search(r"\d+ de \w+ de \d{4}", text)  # written for a Spanish reader

    # 2. A San Francisco conviction from 1972 under the old section: a person must review it.
    v.press('main a[href="/clinic/"]', "clients again")
    bo = add_client(v, "Bo", "en", "San Francisco")
    v.fill(r0__code="HS 11530", r0__lv="felony", r0__ss="completed", r0__cl="n",
           r0__od__month="5", r0__od__year="1972", r0__cd__month="8", r0__cd__year="1972",
           r0__ag__age="24")
    v.press('#rows-form button[name="add"]', "a second row for Bo")
    assert page.input_value('input[name="r0-code"]') == "HS 11530"
    v.press('#rows-form button[name="save"]', "results of Bo")
    assert page.locator("article.card-review").count() == 1
    assert page.locator(".contacts").count() == 1  # the DA office's contact details

    # 3. A client entered from a CSV file, checked and completed before saving.
    v.press('main a[href="/clinic/"]', "clients, third time")
    cy = add_client(v, "Cy", "vi", "Alameda", ("1", "1", "1980"))
    v.press(f'main a[href="/clinic/clients/{cy}/upload"]', "upload for Cy")
    page.set_input_files('input[name="file"]', files=[{
        "name": "cy.csv", "mimeType": "text/csv", "buffer": CSV_ROWS.encode()}])
    v.press("main form button.primary", "uploaded rows for Cy")
    assert "Line 3: PC 459" in page.inner_text("main")
    assert page.input_value('input[name="r0-case_number"]') == "SYN-C1"
    v.fill(r0__cl="n", r0__am="cle4")  # old 11357(a) was concentrated cannabis
    v.press('#rows-form button[name="save"]', "results of Cy")
    assert page.locator("article.card-clear, article.card-reduce").count() == 1

    # Switching between clients keeps each one's own results.
    v.press(f'nav.client-switch a[href="/clinic/clients/{ana}/results"]', "back to Ana")
    assert "HS 11359" in page.inner_text("main") and "HS 11530" not in page.inner_text("main")
    v.press(f'nav.client-switch a[href="/clinic/clients/{bo}/results"]', "back to Bo")
    assert "HS 11530" in page.inner_text("main")

    # Finishing with a client removes them; the report has counts only.
    v.press('main a[href="/clinic/"]', "clients, before finishing with Ana")
    v.press(f'main a.danger[href="/clinic/clients/{ana}/finish"]', "asked before finishing with Ana")
    assert "Ana" in page.inner_text("main h1")
    v.press(f'form[action="/clinic/clients/{ana}/finish"] button.danger', "finished with Ana")
    assert page.locator('nav.client-switch a').count() == 2
    v.press('main a[href="/clinic/report"]', "report")
    counts = page.context.request.get(f"{v.base}/clinic/export.json").json()
    assert counts["clients_seen"] == 3 and counts["client_languages"]["es"] == 1
    assert counts["outcomes"]["NEEDS_DA_REVIEW"] == 1
    v.press('main a[href="/clinic/"]', "clients, before the end")
    v.press('main a.danger[href="/clinic/end"]', "asked before the end")
    v.press('form[action="/clinic/end"] button.danger', "clinic ended")
    assert page.locator('nav.client-switch').count() == 0


def test_volunteer_with_three_clients_at_320px_with_axe(browser, base_url):
    context = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    try:
        v = Volunteer(context.new_page(), base_url, axe=True)
        volunteer_session(v)
        assert v.problems == []
        assert len(v.checked) >= 25
    finally:
        context.close()


def test_volunteer_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    try:
        v = Volunteer(context.new_page(), base_url, axe=False)
        volunteer_session(v)
    finally:
        context.close()


def test_countdown_runs_under_the_real_csp_and_warns_before_the_end(browser, base_url):
    context = browser.new_context()
    try:
        page = context.new_page()
        messages: list[str] = []
        page.on("console", lambda m: messages.append(m.text))
        page.clock.install()
        page.goto(base_url + "/clinic/")
        with page.expect_navigation():
            page.click('main form[action="/clinic/start"] button')
        assert page.locator("#clinic-countdown").is_visible()
        assert page.inner_text("#clinic-countdown").endswith("30")
        assert not page.locator("#clinic-warning").is_visible()
        page.clock.fast_forward("26:00")
        page.wait_for_selector("#clinic-warning", state="visible")
        assert page.locator('#clinic-warning[role="alert"]').count() == 1
        page.click("#clinic-keep")
        page.wait_for_selector("#clinic-warning", state="hidden")
        assert page.inner_text("#clinic-countdown").endswith("30")
        assert not [m for m in messages if "Content Security Policy" in m]
    finally:
        context.close()

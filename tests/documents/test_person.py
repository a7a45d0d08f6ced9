"""The papers a person reads: in their language throughout, dates the way they write them, an
accessible HTML copy, bookmarks, and no silent English."""

from __future__ import annotations

import io
import os
import re
import unicodedata
from datetime import date

import pypdf
import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from documents import Applicant, build_packet, i18n, render_html
from documents.i18n import CatalogError, translator, us_date
from documents.person import CITY_ATTORNEY_NOTE, FILING_IS_FREE, RECORD_REVIEW_NOTE

from .helpers import case_file, conviction, evaluate, pdf_text

PERSON = Applicant(name="Alex Rivera", street="100 Example Street", city="Los Angeles", state="CA",
                   zip="90012", phone="213-555-0100")
TRANSLATED = ("es", "zh_Hant", "vi", "tl", "ko")


def flat(data: bytes) -> str:
    return unicodedata.normalize("NFC", " ".join(pdf_text(data).split()))


def outline_titles(entries, depth: int = 0) -> list[tuple[int, str]]:
    out = []
    for entry in entries:
        if isinstance(entry, list):
            out += outline_titles(entry, depth + 1)
        else:
            out.append((depth, entry.title))
    return out


@pytest.fixture(scope="module")
def la_case():
    """A Los Angeles misdemeanor (the city attorney may have prosecuted it) and a felony."""
    case = case_file(
        conviction(case_number="BA123456", code="HS 11357(b)", level="misdemeanor", conduct="possess",
                   quantity_grams=10.0),
        conviction(case_number="BA654321"),
        county="Los Angeles",
    )
    return case, evaluate(case)


@pytest.mark.parametrize(("lang", "written"), [
    ("en", "November 9, 2016"), ("es", "9 de noviembre de 2016"), ("zh_Hant", "2016年11月9日"),
    ("vi", "9 tháng 11 năm 2016"), ("ko", "2016년 11월 9일"), ("tl", "Nobyembre 9, 2016"),
])
def test_dates_are_written_the_way_each_reader_writes_them(lang, written):
    tr = translator(lang)
    assert tr.date(date(2016, 11, 9)) == written
    assert tr.reason({"message": "before %(date)s", "params": {"date": "2016-11-09"}}).endswith(written)


def test_a_month_only_date_never_gets_a_day():
    assert us_date(date(2010, 9, 1), i18n.MONTH) == "09/2010"
    assert us_date(date(2010, 9, 14)) == "09/14/2010"
    assert translator("es").date(date(2010, 9, 1), i18n.MONTH) == "septiembre de 2010"
    assert translator("zh_Hant").date(date(2010, 9, 1), i18n.MONTH) == "2010年9月"


@pytest.mark.parametrize(("lang", "number"), [("en", "28.5"), ("es", "28.5"), ("vi", "28,5")])
def test_numbers_use_the_readers_decimal_separator(lang, number):
    assert translator(lang).number(28.5) == number


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translated_papers_carry_no_iso_dates_and_no_county_note_in_english(la_case, lang):
    case, result = la_case
    packet = build_packet(case, result, PERSON, lang=lang)
    steps = flat(packet.files["next-steps.pdf"])
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", steps)
    assert "misdemeanors are prosecuted by the city attorney" not in steps
    tr = translator(lang)
    note = tr.gettext(CITY_ATTORNEY_NOTE, county="Los Angeles").replace(" ", "")
    assert note[: len(note) // 2] in steps.replace(" ", "")  # (it may run over a page break)
    reading = flat(packet.files["reading-copy.pdf"]).replace(" ", "")
    assert "09/14/1998" not in reading and tr.date(date(1998, 9, 14)).replace(" ", "") in reading


def test_english_papers_keep_the_county_note_as_the_directory_writes_it(la_case):
    case, result = la_case
    steps = flat(build_packet(case, result, PERSON).files["next-steps.pdf"])
    assert "misdemeanors are prosecuted by the city attorney" in steps


@pytest.mark.parametrize("lang", ["en", *TRANSLATED])
def test_next_steps_say_filing_is_free_who_serves_how_long_and_what_a_record_check_needs(la_case, lang):
    case, result = la_case
    tr = translator(lang)
    steps = flat(build_packet(case, result, PERSON, lang=lang).files["next-steps.pdf"])
    for message in (FILING_IS_FREE, RECORD_REVIEW_NOTE,
                    ("An adult who is not you must give or mail a copy of each petition to the prosecutor. "
                     "You cannot do this yourself. A friend or family member over 18 can do it."),
                    "Many courts decide within a few weeks to a few months. It differs from court to court."):
        translated = tr.gettext(message)
        assert translated.replace(" ", "") in steps.replace(" ", "")
        if lang != "en":
            assert translated != message, message


def test_a_missing_or_stale_catalog_is_an_error_never_english(tmp_path, monkeypatch):
    folder = tmp_path / "ko" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    i18n._catalog.cache_clear()
    try:
        with pytest.raises(CatalogError, match="make i18n-compile"):
            translator("ko").gettext("Your next steps")
        compiled = folder / "messages.mo"
        with compiled.open("wb") as handle:
            write_mo(handle, Catalog(locale="ko"))
        os.utime(compiled, (1_000_000, 1_000_000))  # older than the .po
        i18n._catalog.cache_clear()
        with pytest.raises(CatalogError, match="older"):
            translator("ko").gettext("Your next steps")
        case = case_file(conviction())
        with pytest.raises(CatalogError):
            build_packet(case, evaluate(case), None, lang="ko")
    finally:
        i18n._catalog.cache_clear()


def test_pdfs_have_bookmarks_and_a_title_without_the_name(la_case):
    case, result = la_case
    packet = build_packet(case, result, PERSON, lang="es")
    reader = pypdf.PdfReader(io.BytesIO(packet.combined))
    titles = outline_titles(reader.outline)
    top = [title for depth, title in titles if depth == 0]
    assert top[0] == translator("es").gettext("Your next steps")
    assert any(title.startswith("CR-400") for title in top)
    headings = [title for depth, title in titles if depth == 2]
    assert translator("es").gettext("Step 2: Make copies") in headings
    for data in (packet.combined, *packet.files.values()):
        meta = pypdf.PdfReader(io.BytesIO(data)).metadata
        assert meta.title and "Alex" not in meta.title and "Rivera" not in meta.title


def test_the_html_copy_says_what_the_papers_say_escaped_and_in_any_script():
    case = case_file(
        conviction(),
        conviction(case_number="70001", code="HS 11357", level="misdemeanor", conduct="possess",
                   offense_date="1970-06-01", conviction_date="1970-09-14", age_at_offense=25, quantity_grams=None),
    )
    result = evaluate(case, policy="county")
    name = "محمد <script>"
    applicant = Applicant(name=name, street="1 Grant Avenue", city="San Francisco", state="CA", zip="94108",
                          phone="415-555-0199")
    html = render_html(case, result, applicant, lang="es")
    for section in ("next-steps", "reading-copy", "da-review-request", "da-review-request-es"):
        assert f'id="{section}"' in html and f'aria-labelledby="{section}-title"' in html
        assert f'<h2 id="{section}-title">' in html  # every region is named by a heading
    assert '<a href="https://www.lawhelpca.org">' in html
    assert 'lang="es"' in html and 'lang="en"' in html  # the office's letter is English
    assert "محمد &lt;script&gt;" in html and "<script>" not in html
    assert "<h2" in html and "<h3>" in html and "<li>" in html
    tr = translator("es")
    assert tr.gettext("Your next steps") in html and tr.gettext(FILING_IS_FREE) in html
    # the PDF shows a placeholder where the HTML shows the name
    pdf = flat(build_packet(case, result, applicant, lang="es").files["next-steps.pdf"])
    assert "محمد" not in pdf and tr.gettext("(your name is shown on the web page)") in pdf


def test_the_command_line_says_when_a_catalog_is_not_compiled(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from prop64.cli import main

    case = tmp_path / "case.json"
    case.write_text('{"county": "San Francisco", "convictions": [{"case_number": "SF1", "code": "HS 11357", '
                    '"level": "misdemeanor", "offense_date": "2010-01-01", "conviction_date": "2010-02-01"}]}',
                    encoding="utf-8")
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    i18n._catalog.cache_clear()
    try:
        run = CliRunner().invoke(main, ["documents", str(case), "--as-of", "2026-01-01", "--lang", "vi",
                                        "--out", str(tmp_path / "out")])
    finally:
        i18n._catalog.cache_clear()
    assert run.exit_code != 0 and "make i18n-compile" in run.output
    assert run.exception is None or isinstance(run.exception, SystemExit)

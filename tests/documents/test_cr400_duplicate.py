"""The drawn CR-400 read the way a clerk reads it: the printed text of CR-400 [New July 1, 2017]
(docs/forms.md, "The printed text of the duplicate"), line by line, and each value in the
rectangle the official form's field has."""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import partial
from html import unescape
from pathlib import Path

import pytest

from documents import Applicant, forms
from documents import fields as F
from documents.render import draw_cr400, draw_cr400_page, render

from .helpers import case_file, conviction, evaluate, load, pdf_pages

DOCS = Path(__file__).resolve().parents[2] / "docs" / "forms.md"
MAP = forms.field_maps()["CR-400-2017-07-01"]
PAGE_H = MAP.page_size[1]
LAWYER = Applicant(name="Alex Rivera", street="1 Legal Aid Plaza", city="Oakland", state="CA", zip="94612",
                   phone="510-555-0101", email="jl@example.org", attorney_name="Jordan Lee", bar_number="123456",
                   firm="Example Legal Aid", in_pro_per=False)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (make pdf-tools)")


def printed_text() -> list[str]:
    """The expected printed text: the ``text cr400-2017`` block of docs/forms.md."""
    block = re.search(r"```text cr400-2017\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    assert block, "docs/forms.md has lost the printed text of the CR-400"
    return [line for line in block.group(1).splitlines() if line.strip()]


def pdftotext(data: bytes, tmp_path: Path, *args: str) -> str:
    source = tmp_path / "form.pdf"
    source.write_bytes(data)
    return subprocess.run(["pdftotext", *args, str(source), "-"], check=True, capture_output=True,
                          text=True).stdout


def blank_form() -> bytes:
    def page(canvas):
        draw_cr400_page(canvas, {})
        canvas.showPage()

    return render([page], title="CR-400")


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_duplicate_prints_the_official_text_line_by_line_and_nothing_else(tmp_path):
    expected = printed_text()
    assert len(expected) == 50
    extracted = [line.strip() for line in pdftotext(blank_form(), tmp_path).splitlines() if line.strip()]
    whole = flat(" ".join(extracted))
    # every printed line of the official form is there, whole (wrapped lines read as one)
    for line in expected:
        assert line in whole, line
    # and every line on the page belongs to the official text: no table, no reworded item
    for line in extracted:
        assert any(line in item for item in expected), line
    # items in the official order, with the footer's revision last
    order = [whole.index(line) for line in (
        "1. CONVICTION INFORMATION", "2. REQUEST", "3. WAIVER OF HEARING", "4. WAIVER OF APPEARANCE", "Dated:",
        "SIGNATURE OF PETITIONER/APPLICANT", "Form CR-401 (Proof of Service", "Page 1 of 1",
        "CR-400 [New July 1, 2017]", "www.courts.ca.gov")]
    assert order == sorted(order)


def test_a_filled_duplicate_adds_only_values(tmp_path):
    case = case_file(conviction())
    (fields,) = F.cr400_fields(load(case), evaluate(case), LAWYER)
    page1 = pdf_pages(render([partial(draw_cr400, fields=fields)], title="CR-400"))[0]
    assert "Rev. January 1, 2024" not in page1 and "Convictions in this case" not in page1
    assert "SUPERIOR COURT" not in page1  # the 2017 form prints no court name
    assert "I give up" not in page1 and "Relief requested" not in page1


def words(data: bytes, tmp_path: Path) -> list[tuple[str, float, float, float, float]]:
    """(word, x1, y1, x2, y2) in PDF points from the lower-left corner."""
    out = []
    for match in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
                             pdftotext(data, tmp_path, "-bbox", "-f", "1", "-l", "1")):
        x1, top, x2, bottom = (float(v) for v in match.groups()[:4])
        out.append((unescape(match.group(5)), x1, PAGE_H - bottom, x2, PAGE_H - top))
    return out


def inside(word, rect, slack=2.5) -> bool:
    _text, x1, y1, x2, y2 = word
    rx1, ry1, rx2, ry2 = rect
    return rx1 - slack <= x1 and x2 <= rx2 + slack and ry1 - slack <= y1 and y2 <= ry2 + slack


def test_each_value_is_drawn_in_its_official_field_rectangle(tmp_path):
    case = case_file(conviction(sentence_status="serving", code="HS 11360", conduct="sell",
                                offense_date="2015-06-01", conviction_date="2015-09-14"))
    (fields,) = F.cr400_fields(load(case), evaluate(case), LAWYER)
    values = fields.values
    assert values["item2_petition"] and values["title_b"] and values["item1_11360"]
    page = words(render([partial(draw_cr400, fields=fields)], title="CR-400"), tmp_path)
    for field in MAP.fields:
        value = values[field.meaning]
        if field.type == "check":
            marks = [w for w in page if w[0] == "X" and inside(w, field.rect)]
            assert bool(marks) == value, field.meaning
        elif value:
            for token in value.split():
                assert any(w[0] == token and inside(w, field.rect) for w in page), (field.meaning, token)
    # nothing typed where the person or the court writes
    for meaning in ("hearing_date", "hearing_time", "hearing_department", "dated"):
        rect = MAP.field(meaning).rect
        assert not [w for w in page if inside(w, rect, slack=0) and w[0] not in ("Date:", "Time:", "Department.:")]

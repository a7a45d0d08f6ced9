"""Every glyph embedded, every script right.

Each paper is read back three independent ways: ``pdffonts`` (every font embedded and subset,
no standard-14 font), the embedded font programs themselves (every character the PDF says it
draws has a real outline in the font it is drawn with: no tofu), and ``pdftoppm`` rendering the
pages with an empty fontconfig, so no font from the machine can stand in for a missing one.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pypdf
import pytest
from fontTools.ttLib import TTFont

from documents import Applicant, build_clinic_summary, build_packet, needs_latin_name
from documents import typeset as ts
from documents.scripts import printable

from .helpers import case_file, conviction, evaluate, fonts, pdf_text

pytestmark = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils (make pdf-tools)")

NAMES = {
    "en": "Alex Rivera",
    "es": "José Ñúñez Peña",
    "zh_Hant": "陳大文",
    "vi": "Nguyễn Thị Minh Khai",
    "tl": "Maria Dela Cruz Santos",
    "ko": "김민준",
}

#: Names in twelve scripts: those a PDF can draw, and those it must leave to the web page.
DRAWN = ["Alex Rivera", "Nguyễn Thị Minh Khai", "陳大文", "张伟", "김민준", "山田さくら", "Иван Петров",
         "Γιώργος Παπαδόπουλος", "Ani Ֆարմանյան"]
NOT_DRAWN = ["محمد علي", "דוד כהן", "राम शर्मा", "ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ", "สมชาย ใจดี", "សុខ ចាន់"]


def person(name: str) -> Applicant:
    return Applicant(name=name, street="1 Grant Avenue", city="San Francisco", state="CA", zip="94108",
                     phone="415-555-0199")


def every_paper_case() -> tuple[dict, dict]:
    """A completed felony, a serving case and a pre-1975 San Francisco conviction the DA
    reviews: next steps, reading copy, CR-400, CR-401 and both DA letters."""
    case = case_file(
        conviction(),
        conviction(case_number="SF999", code="HS 11360", sentence_status="serving", conduct="sell",
                   offense_date="2015-06-01", conviction_date="2015-09-14", age_at_offense=30),
        conviction(case_number="70001", code="HS 11357", level="misdemeanor", conduct="possess",
                   offense_date="1970-06-01", conviction_date="1970-09-14", age_at_offense=25,
                   quantity_grams=None),
    )
    return case, evaluate(case, policy="county")


@pytest.fixture(scope="module")
def packets() -> dict[str, object]:
    case, result = every_paper_case()
    return {lang: build_packet(case, result, person(name), lang=lang) for lang, name in NAMES.items()}


def pdffonts(data: bytes, tmp_path) -> list[list[str]]:
    path = tmp_path / "paper.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def _to_unicode(font: pypdf.generic.DictionaryObject) -> dict[int, str]:
    """The PDF's own statement of which character each code draws."""
    data = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    codes: dict[int, str] = {}
    in_chars = False
    for line in data.splitlines():
        if line.endswith("beginbfchar"):
            in_chars = True
        elif line == "endbfchar":
            in_chars = False
        elif in_chars:
            src, dst = line.split()
            codes[int(src.strip("<>"), 16)] = chr(int(dst.strip("<>"), 16))
    return codes


def tofu(data: bytes) -> list[tuple[str, str]]:
    """(font, character) pairs whose glyph in the embedded font is missing or empty."""
    missing = []
    reader = pypdf.PdfReader(io.BytesIO(data))
    seen = set()
    for page in reader.pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            font = ref.get_object()
            name = str(font["/BaseFont"])
            if name in seen:
                continue
            seen.add(name)
            program = TTFont(io.BytesIO(font["/FontDescriptor"]["/FontFile2"].get_object().get_data()))
            cmap = program["cmap"].tables[0].cmap
            glyphs = program["glyf"]
            for code, ch in _to_unicode(font).items():
                if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs"):
                    continue
                glyph = cmap.get(code, ".notdef")
                if glyph == ".notdef" or glyphs[glyph].numberOfContours == 0:
                    missing.append((name, ch))
    return missing


def render_without_system_fonts(data: bytes, tmp_path) -> subprocess.CompletedProcess:
    """pdftoppm with a fontconfig that knows no font at all: only embedded fonts can draw."""
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    f"<cachedir>{tmp_path}/cache</cachedir></fontconfig>")
    path = tmp_path / "paper.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftoppm", "-r", "40", "-gray", str(path), str(tmp_path / "page")],
        check=False, capture_output=True, text=True, env={"FONTCONFIG_FILE": str(conf), "PATH": "/usr/bin:/bin"},
    )


@pytest.mark.parametrize("lang", list(NAMES))
def test_every_font_in_every_paper_is_embedded_and_subset(packets, lang, tmp_path):
    packet = packets[lang]
    for name, data in [("combined", packet.combined), *packet.files.items()]:
        rows = pdffonts(data, tmp_path)
        assert rows, name
        for row in rows:
            assert row[-5:-3] == ["yes", "yes"], (name, row)  # emb, sub
            assert row[1] == "TrueType", (name, row)
        assert not any("Helvetica" in f or "Times" in f for f in fonts(data)), name


@pytest.mark.parametrize("lang", list(NAMES))
def test_no_missing_glyph_in_any_language(packets, lang, tmp_path):
    packet = packets[lang]
    assert tofu(packet.combined) == []
    text = pdf_text(packet.files["next-steps.pdf"])
    assert NAMES[lang] in text
    if lang in ("zh_Hant", "ko"):
        assert sum(ts._script(ch) != "other" for ch in text) > 500  # the sheet itself, translated
    rendered = render_without_system_fonts(packet.combined, tmp_path)
    assert rendered.returncode == 0, rendered.stderr
    assert "font" not in rendered.stderr.lower(), rendered.stderr
    assert len(list(tmp_path.glob("page*.pgm"))) == len(pypdf.PdfReader(io.BytesIO(packet.combined)).pages)


def test_translated_text_keeps_full_width_punctuation(packets, tmp_path):
    path = tmp_path / "steps.pdf"
    path.write_bytes(packets["zh_Hant"].files["next-steps.pdf"])
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "，" in text and "：" in text and "。" in text and "（" in text
    # a line never starts with closing punctuation
    assert not any(line.lstrip().startswith((",", "，", "。", "）")) for line in text.splitlines())


@pytest.mark.parametrize("name", DRAWN)
def test_names_that_a_pdf_can_draw_are_drawn_in_full(name, tmp_path):
    case = case_file(conviction())
    packet = build_packet(case, evaluate(case), person(name), lang="en")
    for paper in ("reading-copy.pdf", "next-steps.pdf", "CR-400_SF12345.pdf"):
        data = packet.files[paper]
        assert name in pdf_text(data), paper
        assert tofu(data) == [], paper
    assert printable(name)


@pytest.mark.parametrize("name", NOT_DRAWN)
def test_names_a_pdf_cannot_shape_are_left_to_the_web_page(name):
    assert not printable(name)
    assert needs_latin_name(name)
    case = case_file(conviction())
    packet = build_packet(case, evaluate(case), person(name), lang="en")
    for paper in ("reading-copy.pdf", "next-steps.pdf"):
        text = pdf_text(packet.files[paper])
        assert "(your name is shown on the web page)" in text, paper
        assert not any(ts.unshapeable(ch) for ch in text), paper
    for data in packet.files.values():
        assert not any(ts.unshapeable(ch) for ch in pdf_text(data))
        assert tofu(data) == []


def test_clinic_summary_in_korean_embeds_its_font(tmp_path):
    case, result = every_paper_case()
    data = build_clinic_summary(case, result, lang="ko", client_label="김민준")
    assert all(row[-5:-3] == ["yes", "yes"] for row in pdffonts(data, tmp_path))
    assert tofu(data) == []
    assert "김민준" in pdf_text(data)


@pytest.mark.parametrize(("name", "needed"), [
    ("Alex Rivera", False), ("José Ñúñez", False), ("Nguyễn Thị Minh Khai", False), ("O'Brien-Smith", False),
    ("王小明", True), ("김민준", True), ("山田さくら", True), ("Иван", True), ("Alex 王", True), ("", False),
])
def test_court_forms_ask_for_the_name_in_latin_letters(name, needed):
    assert needs_latin_name(name) is needed


def test_without_the_cjk_font_english_papers_are_made_and_chinese_ones_say_what_to_install():
    script = (
        "from documents import build_packet, typeset\n"
        "from tests.documents.test_fonts import every_paper_case, person\n"
        "case, result = every_paper_case()\n"
        "assert typeset.cjk_font_path() is None\n"
        "build_packet(case, result, person('Alex Rivera'), lang='en')\n"
        "try:\n"
        "    build_packet(case, result, person('陳大文'), lang='zh_Hant')\n"
        "except typeset.FontMissing as error:\n"
        "    print(error)\n"
    )
    env = {**os.environ, ts.CJK_FONT_ENV: "/nonexistent/font.ttc"}
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                         cwd=Path(__file__).resolve().parents[2], check=False)
    assert run.returncode == 0, run.stderr
    assert ts.CJK_FONT_PACKAGE in run.stdout


@pytest.fixture
def official_like_court(empty_forms_dir, tmp_path):
    """The specimen shaped like the court's PDF (its fields name the form's own Helvetica)."""
    from documents import forms
    from documents.forms.specimen import specimen

    source = tmp_path / "cr400.pdf"
    source.write_bytes(specimen(forms.field_maps()["CR-400-2017-07-01"], like_official=True))
    forms.install(source)
    return forms.installed("CR-400")


@pytest.mark.parametrize("lang", ["en", "vi", "ko"])
def test_the_filled_official_form_embeds_every_font(official_like_court, lang, tmp_path):
    from documents import forms

    case, result = every_paper_case()
    packet = build_packet(case, result, person(NAMES["vi"] if lang == "vi" else "José Ñúñez Peña"), lang=lang,
                          forms="official")
    assert packet.forms == "official"
    petition = packet.files["CR-400_SF12345.pdf"]
    for name, data in [("combined", packet.combined), *packet.files.items()]:
        for row in pdffonts(data, tmp_path):
            assert row[-5:-3] == ["yes", "yes"], (name, row)
            assert row[1] == "TrueType", (name, row)
    values = forms.read_values(petition, official_like_court)
    assert values["case_number"] == "SF12345" and values["item2_application"] is True
    assert values["defendant"] in pdf_text(petition)
    rendered = render_without_system_fonts(petition, tmp_path)
    assert rendered.returncode == 0 and "font" not in rendered.stderr.lower(), rendered.stderr


def test_the_flattened_official_form_embeds_every_font(official_like_court, tmp_path):
    from documents import forms

    from .test_forms import petition

    flat = forms.fill(official_like_court, petition(conviction()).values, flatten=True)
    rows = pdffonts(flat, tmp_path)
    assert rows and all(row[-5:-3] == ["yes", "yes"] for row in rows), rows
    assert "SF12345" in pdf_text(flat) and not pypdf.PdfReader(io.BytesIO(flat)).get_fields()

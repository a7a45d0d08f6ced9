"""Text fitting: every string stays inside its box, in a font that has its characters."""

from __future__ import annotations

import pytest
from reportlab.pdfbase import pdfmetrics

from documents import typeset as ts
from documents.layouts import CR400


class RecordingCanvas:
    """Stands in for a reportlab Canvas and records what would be drawn."""

    def __init__(self):
        self.font = None
        self.size = None
        self.strings = []

    def setFont(self, font, size):
        self.font, self.size = font, size

    def drawString(self, x, y, text):
        self.strings.append((x, y, text, self.font, self.size))


def inside(box, strings):
    for x, y, text, font, size in strings:
        right = x + pdfmetrics.stringWidth(text, font, size)
        if x < box.x - 0.01 or right > box.x + box.w + 0.01:
            return False
        if y < box.y - 0.01 or y + size * 0.75 > box.y + box.h + 0.01:
            return False
    return True


LONG = "Maximiliano Alejandro de la Santísima Trinidad Fernández-Villaseñor y Montenegro " * 2


@pytest.mark.parametrize("text", [
    "Alex Rivera",
    LONG,
    "Nguyễn Thị Minh Khai " * 6,
    "王小明" * 30,
    "김민준 " * 20,
    "x" * 300,
])
@pytest.mark.parametrize("box", [
    CR400.DEFENDANT_BOX,
    CR400.CASE_NUMBER_VALUE,
    ts.Box(0, 0, 40, 12),
])
def test_fit_keeps_text_inside_the_box(text, box):
    canvas = RecordingCanvas()
    ts.fit(canvas, text, box, size=10, min_size=5)
    assert canvas.strings
    assert inside(box, canvas.strings)


def test_fit_shrinks_before_it_wraps():
    canvas = RecordingCanvas()
    box = ts.Box(0, 0, 150, 12)
    text = "Maximiliano Alejandro Fernández Villaseñor"
    used = ts.fit(canvas, text, box, size=10, min_size=5)
    assert 5 <= used < 10
    assert len({y for _x, y, *_ in canvas.strings}) == 1
    assert "".join(s[2] for s in canvas.strings) == text


def test_wrap_breaks_cjk_between_characters_and_latin_at_spaces():
    lines = ts.wrap("王小明" * 10, 10, 50)
    assert all(ts.width(line, 10) <= 50 for line in lines)
    assert "".join(lines) == "王小明" * 10
    lines = ts.wrap("one two three four five six", 10, 60)
    assert all(" " not in line[:1] for line in lines)
    assert " ".join(lines) == "one two three four five six"


def test_runs_pick_a_font_per_script():
    assert ts.runs("Alex") == (("LiberationSans", "Alex"),)
    assert ts.runs("José") == (("LiberationSans", "José"),)
    assert ts.runs("Nguyễn") == (("LiberationSans", "Nguyễn"),)
    assert ts.runs("王 小明 Wang") == ((ts.CJK, "王 小明 "), ("LiberationSans", "Wang"))
    assert ts.runs("김민준") == ((ts.CJK, "김민준"),)
    assert ts.runs("陈大文 陳大文 さくら") == ((ts.CJK, "陈大文 陳大文 さくら"),)
    # an alphabet Liberation Sans lacks: the whole line in DejaVu Sans, not half and half
    assert ts.runs("Ֆ Ani") == (("DejaVuSans", "Ֆ Ani"),)
    # a script the PDF cannot shape is never drawn (the callers show a placeholder)
    assert ts.runs("שלום") == (("LiberationSans", "????"),)


def test_normalise_is_nfc_and_keeps_full_width_punctuation():
    assert ts.normalise("Nguyen\u00a0Van\nAn") == "Nguyen\u00a0Van An"
    assert ts.normalise("Nguye\u0302\u0303n") == "Nguyễn"
    assert ts.normalise("請注意：您的案件（一）；好，") == "請注意：您的案件（一）；好，"
    assert ts.normalise("\u202eabc\u200d") == "abc"

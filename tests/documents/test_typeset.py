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
    assert ts.runs("Alex") == (("Helvetica", "Alex"),)
    assert ts.runs("José") == (("Helvetica", "José"),)
    assert ts.runs("Nguyễn") == (("DejaVuSans", "Nguyễn"),)
    assert ts.runs("王 小明 Wang") == (("MSung-Light", "王 小明 "), ("Helvetica", "Wang"))
    assert ts.runs("김민준") == (("HYGothic-Medium", "김민준"),)
    # simplified characters that the Traditional CMap lacks use the Simplified font
    assert ts.runs("陈大文") == (("STSong-Light", "陈大文"),)
    assert ts.runs("陳大文") == (("MSung-Light", "陳大文"),)


def test_normalise_applies_nfkc_and_drops_control_characters():
    assert ts.normalise("Ｎguyen\u00a0Van\nAn") == "Nguyen Van An"
    assert ts.normalise("Nguye\u0302\u0303n") == "Nguyễn"

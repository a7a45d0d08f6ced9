"""Drawing: field values + a layout → PDF pages.

Every document is a function ``draw_*(canvas, …)`` that draws whole pages onto a canvas, so
the same drawing code builds each file alone and the combined packet. :func:`render` wraps a
list of such functions into one reproducible PDF (``invariant=1``: same input, same bytes).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable, Sequence

from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas

from . import typeset as ts
from .fields import ConvictionLine, CR400Fields, CR401Fields, PartyBlock
from .layouts import CR400, CR401
from .typeset import Box

DrawFn = Callable[[Canvas], None]


def render(draws: Iterable[DrawFn], *, title: str, lang: str = "en") -> bytes:
    """One PDF from the drawing functions, in order."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=CR400.PAGE_SIZE, invariant=1, pageCompression=1, lang=lang.replace("_", "-"))
    canvas.setTitle(ts.normalise(title))
    canvas.setCreator("prop64-clearance")
    for draw in draws:
        draw(canvas)
    canvas.save()
    return buffer.getvalue()


# --- primitives ------------------------------------------------------------------------------


def checkbox(canvas: Canvas, x: float, baseline: float, checked: bool, size: float = CR400.CHECKBOX_SIZE) -> float:
    """A box whose bottom sits just under ``baseline``; checked boxes get an extractable "X".

    Returns the x where the label should start."""
    bottom = baseline - 1.2
    canvas.setLineWidth(0.6)
    canvas.rect(x, bottom, size, size, stroke=1, fill=0)
    if checked:
        ts.draw_centred(canvas, x + size / 2, bottom + size * 0.15, "X", size * 1.05, bold=True)
    return x + size + 4


def rect(canvas: Canvas, box: Box, line_width: float = 0.75) -> None:
    canvas.setLineWidth(line_width)
    canvas.rect(box.x, box.y, box.w, box.h, stroke=1, fill=0)


def hline(canvas: Canvas, x1: float, x2: float, y: float, line_width: float = 0.5) -> None:
    canvas.setLineWidth(line_width)
    canvas.line(x1, y, x2, y)


def label(canvas: Canvas, x: float, y: float, text: str, size: float = CR400.LABEL_SIZE, bold: bool = False) -> None:
    ts.draw(canvas, x, y, text, size, bold)


# --- Judicial Council caption (shared by CR-400 and CR-401) ----------------------------------------


def caption(
    canvas: Canvas,
    layout,  # a layout module: CR400 or CR401
    *,
    party: PartyBlock,
    county: str,
    defendant: str,
    case_number: str,
    title_lines: Sequence[str],
    title_first_baseline: float,
) -> None:
    L = layout
    ts.draw_right(canvas, L.RIGHT, L.FORM_NUMBER_BASELINE, L.FORM_ID, 11, bold=True)
    for box in (L.PARTY_BOX, L.COURT_BOX, L.CASE_NAME_BOX, L.TITLE_BOX, L.COURT_USE_BOX, L.CASE_NUMBER_BOX, L.HEARING_BOX):
        rect(canvas, box)
    label(canvas, L.PARTY_BOX.x + 0.06 * inch, L.PARTY_HEADING_BASELINE, L.PARTY_HEADING, bold=True)
    for field, text, label_x, value_left, value_right, row in L.PARTY_ROWS:
        baseline = L.PARTY_FIRST_ROW - row * L.PARTY_ROW_HEIGHT
        label(canvas, label_x, baseline, text)
        ts.fit(
            canvas,
            getattr(party, field),
            Box(value_left, baseline - 2.5, value_right - value_left, L.PARTY_ROW_HEIGHT - 2),
            size=L.VALUE_SIZE,
            min_size=L.VALUE_MIN_SIZE,
        )
    label(canvas, L.COURT_BOX.x + 0.06 * inch, L.COURT_HEADING_BASELINE, L.COURT_HEADING, bold=True)
    ts.fit(canvas, county.upper(), L.COURT_COUNTY_BOX, size=10, min_size=L.VALUE_MIN_SIZE, bold=True)
    label(canvas, L.CASE_NAME_BOX.x + 0.06 * inch, L.PEOPLE_BASELINE, L.PEOPLE_LINE, size=8, bold=True)
    label(canvas, L.CASE_NAME_BOX.x + 0.06 * inch, L.DEFENDANT_LABEL_BASELINE, L.DEFENDANT_LABEL, size=8, bold=True)
    ts.fit(canvas, defendant, L.DEFENDANT_BOX, size=10, min_size=L.VALUE_MIN_SIZE)
    mid = L.TITLE_BOX.x + L.TITLE_BOX.w / 2
    for i, line in enumerate(title_lines):
        ts.draw_centred(canvas, mid, title_first_baseline - i * (L.TITLE_SIZE + 2), line, L.TITLE_SIZE, bold=True)
    ts.draw_centred(canvas, L.COURT_USE_BOX.x + L.COURT_USE_BOX.w / 2, L.COURT_USE_BASELINE, L.COURT_USE_LABEL, L.LABEL_SIZE)
    label(canvas, L.CASE_NUMBER_BOX.x + 0.06 * inch, L.CASE_NUMBER_LABEL_BASELINE, L.CASE_NUMBER_LABEL, bold=True)
    ts.fit(canvas, case_number, L.CASE_NUMBER_VALUE, size=11, min_size=L.VALUE_MIN_SIZE, bold=True)


def footer(canvas: Canvas, layout, page: int, pages: int) -> None:
    L = layout
    hline(canvas, L.LEFT, L.RIGHT, L.FOOTER_RULE_Y, 1.0)
    ts.draw_right(canvas, L.RIGHT, L.PAGE_LABEL_BASELINE, f"Page {page} of {pages}", L.FOOTER_SIZE + 0.5)
    for i, text in enumerate(L.FOOTER_LEFT):
        label(canvas, L.LEFT, L.FOOTER_FIRST_BASELINE - i * (L.FOOTER_SIZE + 1.5), text, L.FOOTER_SIZE)
    for i, text in enumerate(L.FOOTER_RIGHT):
        ts.draw_right(canvas, L.RIGHT, L.FOOTER_FIRST_BASELINE - i * (L.FOOTER_SIZE + 1.5), text, L.FOOTER_SIZE)
    mid = (L.LEFT + L.RIGHT) / 2
    title = L.TITLE
    size = L.FOOTER_TITLE_SIZE
    lines = ts.wrap(title, size, L.FOOTER_TITLE_WIDTH, bold=True)
    for i, line in enumerate(lines):
        ts.draw_centred(canvas, mid, L.FOOTER_FIRST_BASELINE - i * (size + 1.5), line, size, bold=True)


# --- CR-400 ----------------------------------------------------------------------------------


def _attachment_pages(fields: CR400Fields) -> int:
    if not fields.attachment:
        return 0
    return math.ceil(len(fields.lines) / CR400.ATTACHMENT_ROWS_PER_PAGE)


def _line_cells(canvas: Canvas, line: ConvictionLine, baseline_box_y: float, height: float) -> None:
    values = {"code": line.code, "level": line.level, "date": line.conviction_date, "relief": line.relief}
    for key, _header, left, right in CR400.LINE_COLUMNS:
        ts.fit(canvas, values[key], Box(left + 3, baseline_box_y + 1.5, right - left - 6, height - 3),
               size=8.5, min_size=4.5)


def _lines_table(canvas: Canvas, top: float, rows: Sequence[ConvictionLine | str], row_count: int) -> float:
    """Header + ``row_count`` ruled rows from ``top``; a str row spans all columns."""
    L = CR400
    h = L.LINE_HEIGHT
    left, right = L.LINE_COLUMNS[0][2], L.LINE_COLUMNS[-1][3]
    bottom = top - h * (row_count + 1)
    canvas.setLineWidth(0.5)
    canvas.rect(left, bottom, right - left, top - bottom, stroke=1, fill=0)
    for i in range(row_count):
        hline(canvas, left, right, top - h * (i + 1))
    spanning = {i for i, row in enumerate(rows[:row_count]) if isinstance(row, str)}
    for _key, header, col_left, col_right in L.LINE_COLUMNS:
        ts.fit(canvas, header, Box(col_left + 3, top - h + 3, col_right - col_left - 6, h - 5), size=7, min_size=5, bold=True)
        if col_left > left:
            for i in range(-1, row_count):  # -1 is the header row
                if i not in spanning:
                    canvas.line(col_left, top - h * (i + 2), col_left, top - h * (i + 1))
    for i, row in enumerate(rows[:row_count]):
        row_bottom = top - h * (i + 2)
        if isinstance(row, str):
            ts.fit(canvas, row, Box(left + 3, row_bottom + 1.5, right - left - 6, h - 3), size=8.5, min_size=5, bold=True)
        else:
            _line_cells(canvas, row, row_bottom, h)
    return bottom


def draw_cr400(canvas: Canvas, fields: CR400Fields) -> None:
    L = CR400
    pages = 1 + _attachment_pages(fields)
    caption(
        canvas, L, party=fields.party, county=fields.county, defendant=fields.defendant,
        case_number=fields.case_number, title_lines=L.TITLE_LINES, title_first_baseline=L.TITLE_FIRST_BASELINE,
    )
    for code, text, baseline in (L.TITLE_OPTION_B, L.TITLE_OPTION_F):
        checked = fields.title_b if code == "b" else fields.title_f
        x = checkbox(canvas, L.TITLE_CHECKBOX_X, baseline, checked)
        ts.fit(canvas, text, Box(x, baseline - 2, L.TITLE_BOX.x + L.TITLE_BOX.w - x - 4, 11), size=8, min_size=6, bold=True)
    for text, x, y in L.HEARING_LABELS:
        label(canvas, x, y, text)

    # Item 1
    size = L.BODY_SIZE
    y = L.ITEM1_TOP
    label(canvas, L.ITEM_NUMBER_X, y - size, "1.", size, bold=True)
    x = ts.draw(canvas, L.ITEM_TEXT_X, y - size, L.ITEM1_HEADING, size, bold=True) + 4
    ts.paragraph(canvas, L.ITEM1_TEXT, x, y, L.ITEM_TEXT_RIGHT - x, size=size)
    for section, text, col_x, baseline in L.ITEM1_BOXES:
        x = checkbox(canvas, col_x, baseline, section in fields.item1)
        ts.draw(canvas, x, baseline, text, size)
    label(canvas, L.ITEM_TEXT_X, L.LINES_INTRO_BASELINE, L.LINES_INTRO, size)
    if fields.attachment:
        rows: list[ConvictionLine | str] = [L.SEE_ATTACHMENT]
    else:
        rows = list(fields.lines)
    _lines_table(canvas, L.LINES_TABLE.y + L.LINES_TABLE.h, rows, L.CONVICTION_LINES)

    # Item 2
    y = L.ITEM2_TOP
    label(canvas, L.ITEM_NUMBER_X, y - size, "2.", size, bold=True)
    ts.draw(canvas, L.ITEM_TEXT_X, y - size, L.ITEM2_HEADING, size, bold=True)
    y -= size * 1.6
    for key, letter, text in L.ITEM2_OPTIONS:
        checked = fields.item2_petition if key == "PETITION" else fields.item2_application
        ts.draw(canvas, L.ITEM_TEXT_X, y - size, letter, size)
        x = checkbox(canvas, L.ITEM_TEXT_X + 0.2 * inch, y - size, checked)
        y = ts.paragraph(canvas, text, x, y, L.ITEM_TEXT_RIGHT - x, size=size) - L.ITEM_GAP / 2
    y -= L.ITEM_GAP

    # Items 3 and 4: the person chooses; never prefilled
    for number, heading, text in (("3.", L.ITEM3_HEADING, L.ITEM3_TEXT), ("4.", L.ITEM4_HEADING, L.ITEM4_TEXT)):
        label(canvas, L.ITEM_NUMBER_X, y - size, number, size, bold=True)
        x = checkbox(canvas, L.ITEM_TEXT_X, y - size, False)
        ts.draw(canvas, x, y - size, heading, size, bold=True)
        y = ts.paragraph(canvas, text, x, y - size * 1.25, L.ITEM_TEXT_RIGHT - x, size=size) - L.ITEM_GAP

    # Signature block: printed name may be typed; date and signature never are
    label(canvas, L.LEFT, L.SIGNATURE_TOP, L.DATE_LABEL, size)
    hline(canvas, L.DATE_LINE[0], L.DATE_LINE[1], L.SIGNATURE_TOP - 2)
    ts.fit(canvas, fields.printed_name, L.PRINTED_NAME_BOX, size=9.5, min_size=5)
    hline(canvas, L.PRINTED_NAME_BOX.x, L.PRINTED_NAME_BOX.x + L.PRINTED_NAME_BOX.w, L.SIGNATURE_LINE_BASELINE)
    label(canvas, L.PRINTED_NAME_BOX.x, L.SIGNATURE_LINE_BASELINE - 8, L.PRINTED_NAME_LABEL, L.LABEL_SIZE)
    hline(canvas, L.SIGNATURE_X[0], L.SIGNATURE_X[1], L.SIGNATURE_LINE_BASELINE)
    ts.draw_centred(canvas, sum(L.SIGNATURE_X) / 2, L.SIGNATURE_LINE_BASELINE - 8, L.SIGNATURE_LABEL, L.LABEL_SIZE)
    ts.paragraph(canvas, L.FOOTER_NOTE, L.LEFT, L.FOOTER_NOTE_TOP, L.WIDTH, size=7)
    footer(canvas, L, 1, pages)
    canvas.showPage()

    # Attachment 1: every conviction in the case, with the caption
    per_page = L.ATTACHMENT_ROWS_PER_PAGE
    for page_index in range(_attachment_pages(fields)):
        chunk = fields.lines[page_index * per_page:(page_index + 1) * per_page]
        rect(canvas, L.ATTACHMENT_CAPTION_BOX)
        canvas.line(L.COURT_COLUMN_X, L.ATTACHMENT_CAPTION_BOX.y, L.COURT_COLUMN_X, L.ATTACHMENT_CAPTION_BOX.y + L.ATTACHMENT_CAPTION_BOX.h)
        top_label = L.ATTACHMENT_CAPTION_BOX.y + L.ATTACHMENT_CAPTION_BOX.h - 9
        label(canvas, L.LEFT + 0.06 * inch, top_label, "SHORT TITLE:")
        label(canvas, L.COURT_COLUMN_X + 0.06 * inch, top_label, L.CASE_NUMBER_LABEL)
        ts.fit(canvas, f"PEOPLE v. {fields.defendant}" if fields.defendant else "PEOPLE v.",
               L.ATTACHMENT_SHORT_TITLE_BOX, size=10, min_size=5, bold=True)
        ts.fit(canvas, fields.case_number, L.ATTACHMENT_CASE_NUMBER_BOX, size=11, min_size=5, bold=True)
        ts.draw_centred(canvas, (L.LEFT + L.RIGHT) / 2, L.ATTACHMENT_TITLE_BASELINE, L.ATTACHMENT_TITLE, 10, bold=True)
        _lines_table(canvas, L.ATTACHMENT_TABLE_TOP, list(chunk), len(chunk))
        hline(canvas, L.LEFT, L.RIGHT, L.FOOTER_RULE_Y, 1.0)
        label(canvas, L.LEFT, L.FOOTER_FIRST_BASELINE, f"Attachment 1 to {L.FOOTER_FORM_LINE}", L.FOOTER_SIZE)
        ts.draw_centred(canvas, (L.LEFT + L.RIGHT) / 2, L.FOOTER_FIRST_BASELINE, L.ATTACHMENT_FOOTER, L.FOOTER_SIZE)
        ts.draw_right(canvas, L.RIGHT, L.PAGE_LABEL_BASELINE, f"Page {page_index + 2} of {pages}", L.FOOTER_SIZE + 0.5)
        canvas.showPage()


# --- CR-401 ----------------------------------------------------------------------------------


def _fill_row(canvas: Canvas, x: float, y_top: float, label_text: str, value: str, right: float, label_width: float) -> float:
    L = CR401
    size = L.BODY_SIZE
    baseline = y_top - L.FILL_LINE_HEIGHT + 4
    ts.draw(canvas, x, baseline, label_text, size)
    hline(canvas, x + label_width, right, baseline - 2)
    ts.fit(canvas, value, Box(x + label_width + 3, baseline - 1, right - x - label_width - 6, L.FILL_LINE_HEIGHT - 4), size=9.5, min_size=5)
    return y_top - L.FILL_LINE_HEIGHT


def draw_cr401(canvas: Canvas, fields: CR401Fields) -> None:
    L = CR401
    caption(
        canvas, L, party=fields.party, county=fields.county, defendant=fields.defendant,
        case_number=fields.case_number, title_lines=L.TITLE_LINES, title_first_baseline=L.TITLE_FIRST_BASELINE,
    )
    size = L.BODY_SIZE
    y = L.BODY_TOP
    # 1. the server
    label(canvas, L.ITEM_NUMBER_X, y - size, "1.", size, bold=True)
    y = ts.paragraph(canvas, L.ITEM1_TEXT, L.ITEM_TEXT_X, y, L.ITEM_TEXT_RIGHT - L.ITEM_TEXT_X, size=size)
    y = _fill_row(canvas, L.ITEM_TEXT_X, y, "", "", L.ITEM_TEXT_RIGHT, 0) - L.ITEM_GAP
    # 2. who was served
    label(canvas, L.ITEM_NUMBER_X, y - size, "2.", size, bold=True)
    y = ts.paragraph(canvas, L.ITEM2_TEXT, L.ITEM_TEXT_X, y, L.ITEM_TEXT_RIGHT - L.ITEM_TEXT_X, size=size)
    values = {
        "office": fields.served_office,
        "address": ", ".join(fields.served_address),
        "date": "",
        "time": "",
    }
    for key, text in L.ITEM2_ROWS:
        y = _fill_row(canvas, L.ITEM_TEXT_X + 0.15 * inch, y, text, values[key], L.ITEM_TEXT_RIGHT, L.LABEL_COLUMN)
    y -= L.ITEM_GAP
    # 3. how
    label(canvas, L.ITEM_NUMBER_X, y - size, "3.", size, bold=True)
    y = ts.paragraph(canvas, L.ITEM3_TEXT, L.ITEM_TEXT_X, y, L.ITEM_TEXT_RIGHT - L.ITEM_TEXT_X, size=size) - 2
    for letter, text in L.ITEM3_OPTIONS:
        ts.draw(canvas, L.ITEM_TEXT_X + 0.15 * inch, y - size, letter, size)
        x = checkbox(canvas, L.ITEM_TEXT_X + 0.35 * inch, y - size, False)
        y = ts.paragraph(canvas, text, x, y, L.ITEM_TEXT_RIGHT - x, size=size) - 3
    y = _fill_row(canvas, L.ITEM_TEXT_X + 0.35 * inch, y, L.MAILED_FROM_LABEL, "", L.ITEM_TEXT_RIGHT, 2.45 * inch) - L.ITEM_GAP
    # 4. server's details and declaration
    label(canvas, L.ITEM_NUMBER_X, y - size, "4.", size, bold=True)
    ts.draw(canvas, L.ITEM_TEXT_X, y - size, "Person who served the papers:", size, bold=True)
    y -= size * 1.3
    for _key, text in L.SERVER_ROWS:
        y = _fill_row(canvas, L.ITEM_TEXT_X + 0.15 * inch, y, text, "", L.ITEM_TEXT_RIGHT, 0.8 * inch)
    y -= L.ITEM_GAP
    y = ts.paragraph(canvas, L.DECLARATION, L.LEFT, y, L.RIGHT - L.LEFT, size=size, bold=True)
    label(canvas, L.LEFT, y - 0.3 * inch, L.DATE_LABEL, size)
    hline(canvas, L.DATE_LINE[0], L.DATE_LINE[1], y - 0.3 * inch - 2)
    sig = min(L.SIGNATURE_LINE_BASELINE, y - 0.75 * inch)
    hline(canvas, L.PRINTED_NAME_X[0], L.PRINTED_NAME_X[1], sig)
    label(canvas, L.PRINTED_NAME_X[0], sig - 8, L.PRINTED_NAME_LABEL)
    hline(canvas, L.SIGNATURE_X[0], L.SIGNATURE_X[1], sig)
    ts.draw_centred(canvas, sum(L.SIGNATURE_X) / 2, sig - 8, L.SIGNATURE_LABEL, L.LABEL_SIZE)
    ts.draw(canvas, L.LEFT, sig - 0.3 * inch, L.NOT_PARTY_NOTE, 7)
    footer(canvas, L, 1, 1)
    canvas.showPage()

"""Drawing: field values + a layout → PDF pages, and official forms filled field by field.

Every drawn document is a function ``draw_*(canvas, …)`` that draws whole pages onto a canvas,
so the same drawing code builds each file alone and the combined packet. :func:`render` turns a
list of such functions into one reproducible PDF (``invariant=1``: same input, same bytes). An
official form filled with pypdf arrives as :class:`FilledPages` (PDF bytes) and is merged in
between the drawn pages, in order.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pypdf
from reportlab.pdfgen.canvas import Canvas

from . import forms
from . import typeset as ts
from .fields import ConvictionLine, CR400Fields, CR401Fields, PartyBlock, ServedOffice
from .forms import OfficialForm
from .layouts import CR400, CR401
from .typeset import Box

DrawFn = Callable[[Canvas], None]


@dataclass(frozen=True)
class FilledPages:
    """An official form filled field by field, with drawn pages to follow it (its attachment).

    ``title``, when given, becomes the form's bookmark. The PDF is made when rendered, so that a
    packet puts its other papers around the form in the same incremental update."""

    official: OfficialForm
    values: Mapping[str, str | bool]
    after: tuple[DrawFn, ...] = ()
    title: str = ""

    def pdf(self, before: Sequence[DrawFn] = (), after: Sequence[DrawFn] = (), *, title: str, lang: str) -> bytes:
        return forms.fill(
            self.official, self.values, title=self.title,
            before=_drawn(before, title, lang) if before else None,
            after=_drawn([*self.after, *after], title, lang) if (self.after or after) else None,
        )


Part = DrawFn | FilledPages


def _drawn(draws: Iterable[DrawFn], title: str, lang: str) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=CR400.PAGE_SIZE, invariant=1, pageCompression=1, lang=lang.replace("_", "-"))
    canvas.setTitle(ts.normalise(title))
    canvas.setCreator("prop64-clearance")
    for draw in draws:
        draw(canvas)
    canvas.save()
    return buffer.getvalue()


def render(parts: Iterable[Part], *, title: str, lang: str = "en") -> bytes:
    """One PDF from drawing functions and filled official forms, in order.

    Drawn pages only: one reportlab document. One official form: an incremental update of the
    official file, with the drawn pages placed before and after it. Several: merged with pypdf."""
    parts = list(parts)
    filled = [i for i, part in enumerate(parts) if isinstance(part, FilledPages)]
    if not filled:
        return _drawn(parts, title, lang)
    if len(filled) == 1:
        i = filled[0]
        return parts[i].pdf(parts[:i], parts[i + 1:], title=title, lang=lang)
    writer = pypdf.PdfWriter()
    for part in parts:
        pdf = part.pdf(title=title, lang=lang) if isinstance(part, FilledPages) else _drawn([part], title, lang)
        writer.append(pypdf.PdfReader(io.BytesIO(pdf)), import_outline=True)
    writer.add_metadata({"/Title": ts.normalise(title), "/Creator": "prop64-clearance"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- primitives ------------------------------------------------------------------------------


def frame(canvas: Canvas, x1: float, y1: float, x2: float, y2: float, line_width: float = 0.75) -> None:
    canvas.setLineWidth(line_width)
    canvas.rect(x1, y1, x2 - x1, y2 - y1, stroke=1, fill=0)


def hline(canvas: Canvas, x1: float, x2: float, y: float, line_width: float = 0.5) -> None:
    canvas.setLineWidth(line_width)
    canvas.line(x1, y, x2, y)


def label(canvas: Canvas, x: float, y: float, text: str, size: float = CR400.LABEL_SIZE, bold: bool = False) -> float:
    return ts.draw(canvas, x, y, text, size, bold)


def check_box(canvas: Canvas, rect: Sequence[float], checked: bool) -> None:
    """A box in a field's rectangle; a checked one gets an extractable "X"."""
    x1, y1, x2, y2 = rect
    canvas.setLineWidth(0.6)
    canvas.rect(x1, y1, x2 - x1, y2 - y1, stroke=1, fill=0)
    if checked:
        ts.draw_centred(canvas, (x1 + x2) / 2, y1 + 1.3, "X", CR400.CHECK_MARK_SIZE, bold=True)


def value(canvas: Canvas, text: str, rect: Sequence[float], *, size: float = CR400.VALUE_SIZE,
          bold: bool = False) -> None:
    """A typed value inside a field's rectangle: shrunk, then wrapped, never outside it."""
    x1, y1, x2, y2 = rect
    ts.fit(canvas, text, Box(x1 + 1, y1, x2 - x1 - 2, y2 - y1), size=size, min_size=CR400.VALUE_MIN_SIZE, bold=bold)


def lines_beside(canvas: Canvas, text: str, x: float, first_baseline: float, right: float, size: float,
                 bold: bool = False) -> float:
    """Wrapped printed text whose first baseline is given; returns the last baseline."""
    lines = ts.wrap(text, size, right - x, bold)
    for i, line in enumerate(lines):
        ts.draw(canvas, x, first_baseline - i * size * 1.15, line, size, bold)
    return first_baseline - (len(lines) - 1) * size * 1.15


# --- the caption: party box, case name, case number ----------------------------------------------


def _party_box(canvas: Canvas, values: Mapping[str, str | bool]) -> None:
    L = CR400
    label(canvas, L.PARTY_BOX[0] + 3, 733.0, L.PARTY_HEADING)
    for text, meaning in L.PARTY_LABELS:
        x1, y1, _x2, _y2 = L.rect(meaning)
        label(canvas, x1 - ts.width(text, L.LABEL_SIZE) - 2, y1 + 1.5, text)
        value(canvas, str(values.get(meaning) or ""), L.rect(meaning))


def _caption(canvas: Canvas, values: Mapping[str, str | bool], title: Callable[[Canvas], None]) -> None:
    L = CR400
    for box in (L.PARTY_BOX, L.STAMP_BOX, L.CASE_NAME_BOX, L.CASE_NUMBER_BOX, L.TITLE_BOX, L.HEARING_BOX):
        frame(canvas, *box)
    _party_box(canvas, values)
    ts.draw_centred(canvas, (L.STAMP_BOX[0] + L.STAMP_BOX[2]) / 2, 737.0, L.COURT_USE_LABEL, L.LABEL_SIZE)
    for text, baseline in L.PEOPLE_LINES:
        label(canvas, L.CASE_NAME_BOX[0] + 3, baseline, text, 8.0, bold=True)
    x1, y1, _x2, _y2 = L.rect("defendant")
    label(canvas, x1 - ts.width(L.DEFENDANT_LABEL, 8.0, True) - 3, y1 + 2, L.DEFENDANT_LABEL, 8.0, bold=True)
    value(canvas, str(values.get("defendant") or ""), L.rect("defendant"), size=10)
    label(canvas, L.CASE_NUMBER_BOX[0] + 3, L.CASE_NUMBER_LABEL[1], L.CASE_NUMBER_LABEL[0])
    value(canvas, str(values.get("case_number") or ""), L.rect("case_number"), size=10, bold=True)
    title(canvas)


# --- CR-400 (New July 1, 2017) -----------------------------------------------------------------


def _cr400_title(canvas: Canvas, values: Mapping[str, str | bool]) -> None:
    L = CR400
    mid = (L.TITLE_BOX[0] + L.TITLE_BOX[2]) / 2
    for text, baseline in zip(L.TITLE_LINES, L.TITLE_BASELINES):
        ts.draw_centred(canvas, mid, baseline, text, L.TITLE_SIZE, bold=True)
    for meaning, lines in L.TITLE_BOXES:
        rect = L.rect(meaning)
        check_box(canvas, rect, bool(values.get(meaning)))
        for i, text in enumerate(lines):
            label(canvas, rect[2] + 3, rect[1] + 1.5 - i * 8.5, text, L.LABEL_SIZE, bold=True)
    ts.draw_centred(canvas, (L.HEARING_BOX[0] + L.HEARING_BOX[2]) / 2, L.HEARING_HEADING[1], L.HEARING_HEADING[0],
                    L.LABEL_SIZE)
    for text, meaning in L.HEARING_LABELS:
        rect = L.rect(meaning)
        label(canvas, rect[0] - ts.width(text, L.LABEL_SIZE) - 2, rect[1] + 1.5, text)
        value(canvas, str(values.get(meaning) or ""), rect)


def _item(canvas: Canvas, number: str, heading: str, baseline: float) -> None:
    L = CR400
    label(canvas, L.ITEM_NUMBER_X, baseline, number, L.BODY_SIZE, bold=True)
    label(canvas, L.ITEM_HEADING_X, baseline, heading, L.BODY_SIZE, bold=True)


def _boxed_text(canvas: Canvas, values: Mapping[str, str | bool], meaning: str, text: str) -> None:
    L = CR400
    rect = L.rect(meaning)
    check_box(canvas, rect, bool(values.get(meaning)))
    lines_beside(canvas, text, L.TEXT_X, rect[1] + 1.5, L.TEXT_RIGHT, L.BODY_SIZE)


def draw_cr400_page(canvas: Canvas, values: Mapping[str, str | bool]) -> None:
    """The CR-400 (New July 1, 2017) with ``values`` by field meaning; does not end the page."""
    L = CR400
    ts.draw_right(canvas, L.FORM_NUMBER[0], L.FORM_NUMBER[1], L.FORM_ID, L.FORM_NUMBER[2], bold=True)
    _caption(canvas, values, lambda c: _cr400_title(c, values))
    _item(canvas, *L.ITEM1)
    for meaning, text in L.ITEM1_BOXES:
        _boxed_text(canvas, values, meaning, text)
    _item(canvas, *L.ITEM2)
    for meaning, text in L.ITEM2_BOXES:
        _boxed_text(canvas, values, meaning, text)
    for item, (meaning, text) in ((L.ITEM3, L.ITEM3_BOX), (L.ITEM4, L.ITEM4_BOX)):
        _item(canvas, *item)
        _boxed_text(canvas, values, meaning, text)
    dated = L.rect("dated")
    label(canvas, dated[0] - ts.width(L.DATED_LABEL, L.BODY_SIZE) - 3, dated[1] + 2, L.DATED_LABEL, L.BODY_SIZE)
    hline(canvas, dated[0], dated[2], dated[1])
    value(canvas, str(values.get("dated") or ""), dated)
    x1, x2, y = L.SIGNATURE_LINE
    hline(canvas, x1, x2, y)
    ts.draw_centred(canvas, (x1 + x2) / 2, L.SIGNATURE_LABEL[1], L.SIGNATURE_LABEL[0], L.LABEL_SIZE)
    frame(canvas, *L.NOTE_BOX, line_width=0.5)
    lines_beside(canvas, L.NOTE_TEXT, L.NOTE_BOX[0] + 4, L.NOTE_BOX[3] - 11, L.NOTE_BOX[2] - 4, L.NOTE_SIZE)
    ts.draw_right(canvas, L.RIGHT, L.PAGE_LABEL[1], L.PAGE_LABEL[0], L.FOOTER_SIZE + 1)
    _footer(canvas, L.FOOTER_LEFT, L.FOOTER_CENTRE, L.FOOTER_RIGHT)


def _footer(canvas: Canvas, left: Sequence[str], centre: Sequence[str], right: Sequence[str]) -> None:
    L = CR400
    hline(canvas, L.LEFT, L.RIGHT, L.FOOTER_RULE_Y, 1.0)
    step = L.FOOTER_SIZE + 1.5
    for i, text in enumerate(left):
        label(canvas, L.LEFT, L.FOOTER_BASELINE - i * step, text, L.FOOTER_SIZE)
    for i, text in enumerate(right):
        ts.draw_right(canvas, L.RIGHT, L.FOOTER_BASELINE - i * step, text, L.FOOTER_SIZE)
    for i, text in enumerate(centre):
        ts.draw_centred(canvas, (L.LEFT + L.RIGHT) / 2, L.FOOTER_BASELINE - i * (L.FOOTER_CENTRE_SIZE + 1.5), text,
                        L.FOOTER_CENTRE_SIZE, bold=True)


def attachment_pages(fields: CR400Fields) -> int:
    return max(1, math.ceil(len(fields.lines) / CR400.ATTACHMENT_ROWS_PER_PAGE))


def _cells(line: ConvictionLine) -> dict[str, str]:
    return {"number": str(line.number), "count": line.count, "code": line.code, "level": line.level,
            "conviction_date": line.conviction_date, "relief": line.relief}


def _attachment_table(canvas: Canvas, rows: Sequence[ConvictionLine]) -> None:
    L = CR400
    h = L.ATTACHMENT_ROW_HEIGHT
    top = L.ATTACHMENT_TABLE_TOP
    left, right = L.ATTACHMENT_COLUMNS[0][2], L.ATTACHMENT_COLUMNS[-1][3]
    bottom = top - h * (len(rows) + 1)
    frame(canvas, left, bottom, right, top, 0.5)
    for i in range(len(rows)):
        hline(canvas, left, right, top - h * (i + 1))
    for key, header, x1, x2 in L.ATTACHMENT_COLUMNS:
        if x1 > left:
            canvas.line(x1, bottom, x1, top)
        ts.fit(canvas, header, Box(x1 + 2, top - h + 3, x2 - x1 - 4, h - 5), size=7, min_size=5, bold=True)
        for i, line in enumerate(rows):
            ts.fit(canvas, _cells(line)[key], Box(x1 + 2, top - h * (i + 2) + 3, x2 - x1 - 4, h - 5),
                   size=8, min_size=4.5)


def draw_cr400_attachment(canvas: Canvas, fields: CR400Fields) -> None:
    """Attachment 1: each conviction's code, level, date, count and the statute's relief,
    captioned with the short title and case number, each page numbered."""
    L = CR400
    pages = attachment_pages(fields)
    per_page = L.ATTACHMENT_ROWS_PER_PAGE
    for page in range(pages):
        frame(canvas, *L.ATTACHMENT_CAPTION_BOX)
        canvas.line(L.COLUMN_X, L.ATTACHMENT_CAPTION_BOX[1], L.COLUMN_X, L.ATTACHMENT_CAPTION_BOX[3])
        for (text, box), content in ((L.ATTACHMENT_SHORT_TITLE, f"PEOPLE v. {fields.defendant}".strip()),
                                     (L.ATTACHMENT_CASE_NUMBER, fields.case_number)):
            label(canvas, box.x, L.ATTACHMENT_CAPTION_BOX[3] - 9, text)
            ts.fit(canvas, content, box, size=10, min_size=5, bold=True)
        ts.draw_centred(canvas, (L.LEFT + L.RIGHT) / 2, L.ATTACHMENT_TITLE[1], L.ATTACHMENT_TITLE[0], 9.5, bold=True)
        label(canvas, L.LEFT, L.ATTACHMENT_INTRO[1], L.ATTACHMENT_INTRO[0], L.BODY_SIZE)
        _attachment_table(canvas, fields.lines[page * per_page:(page + 1) * per_page])
        hline(canvas, L.LEFT, L.RIGHT, L.FOOTER_RULE_Y, 1.0)
        label(canvas, L.LEFT, L.FOOTER_BASELINE, L.ATTACHMENT_FOOTER, L.FOOTER_SIZE + 0.5)
        ts.draw_right(canvas, L.RIGHT, L.FOOTER_BASELINE,
                      L.ATTACHMENT_PAGE_LABEL.format(page=page + 1, pages=pages), L.FOOTER_SIZE + 0.5)
        canvas.showPage()


def draw_cr400(canvas: Canvas, fields: CR400Fields) -> None:
    """The duplicate CR-400 with its values, then Attachment 1."""
    draw_cr400_page(canvas, fields.values)
    canvas.showPage()
    draw_cr400_attachment(canvas, fields)


# --- proof of service --------------------------------------------------------------------------


def _fill_row(canvas: Canvas, x: float, y_top: float, label_text: str, text: str, label_width: float) -> float:
    L = CR401
    baseline = y_top - L.FILL_LINE_HEIGHT + 4
    label(canvas, x, baseline, label_text, L.BODY_SIZE)
    hline(canvas, x + label_width, L.RIGHT, baseline - 2)
    ts.fit(canvas, text, Box(x + label_width + 3, baseline - 1, L.RIGHT - x - label_width - 6, L.VALUE_BOX_HEIGHT),
           size=9.5, min_size=5)
    return y_top - L.FILL_LINE_HEIGHT


def _proof_title(canvas: Canvas) -> None:
    L = CR401
    mid = (L.TITLE_BOX[0] + L.TITLE_BOX[2]) / 2
    for text, baseline in zip(L.TITLE_LINES, L.TITLE_BASELINES):
        ts.draw_centred(canvas, mid, baseline, text, L.TITLE_SIZE, bold=True)
    ts.fit(canvas, L.NOT_THE_FORM, Box(L.COLUMN_X + 4, 536.0, L.RIGHT - L.COLUMN_X - 8, 38.0), size=6.5, min_size=5)


def _served_block(canvas: Canvas, x: float, y: float, office: ServedOffice) -> float:
    L = CR401
    label(canvas, x, y - L.BODY_SIZE, L.SERVED_HEADINGS[office.role], L.BODY_SIZE, bold=True)
    y -= L.BODY_SIZE + 2
    values = {"name": office.name, "address": ", ".join(office.address), "date": "", "time": ""}
    for key, text in L.SERVED_ROWS:
        y = _fill_row(canvas, x + 8, y, text, values[key], L.LABEL_WIDTH)
    return y - 3


def draw_cr401(canvas: Canvas, fields: CR401Fields) -> None:
    """The proof of service by another adult; the server's box is left for them to fill in."""
    L = CR401
    party = PartyBlock() if fields.party is None else fields.party
    values = {meaning: getattr(party, meaning) for _text, meaning in L.PARTY_LABELS}
    values.update(defendant=fields.defendant, case_number=fields.case_number)
    _caption(canvas, values, _proof_title)
    size = L.BODY_SIZE
    right = L.RIGHT
    y = L.BODY_TOP
    label(canvas, L.ITEM_NUMBER_X, y - size, "1.", size, bold=True)
    y = ts.paragraph(canvas, L.ITEM1_TEXT, L.TEXT_X, y, right - L.TEXT_X, size=size)
    y = _fill_row(canvas, L.TEXT_X, y, "", "", 0) - L.ITEM_GAP
    label(canvas, L.ITEM_NUMBER_X, y - size, "2.", size, bold=True)
    y = ts.paragraph(canvas, L.ITEM2_TEXT, L.TEXT_X, y, right - L.TEXT_X, size=size) - 2
    for office in fields.served:
        y = _served_block(canvas, L.TEXT_X, y, office)
    y -= L.ITEM_GAP
    label(canvas, L.ITEM_NUMBER_X, y - size, "3.", size, bold=True)
    y = ts.paragraph(canvas, L.ITEM3_TEXT, L.TEXT_X, y, right - L.TEXT_X, size=size) - 2
    for letter, text in zip("ab", L.ITEM3_OPTIONS):
        label(canvas, L.TEXT_X + 4, y - size, f"{letter}.", size)
        check_box(canvas, (L.TEXT_X + 16, y - size - 1, L.TEXT_X + 16 + L.CHECKBOX_SIZE, y - size - 1 + L.CHECKBOX_SIZE),
                  False)
        y = ts.paragraph(canvas, text, L.TEXT_X + 30, y, right - L.TEXT_X - 30, size=size) - 2
    y = _fill_row(canvas, L.TEXT_X + 30, y, "", "", 0) - L.ITEM_GAP
    label(canvas, L.ITEM_NUMBER_X, y - size, "4.", size, bold=True)
    label(canvas, L.TEXT_X, y - size, "Person who served the papers:", size, bold=True)
    y -= size + 2
    for _key, text in L.SERVER_ROWS:
        y = _fill_row(canvas, L.TEXT_X + 8, y, text, "", 50.0)
    y -= L.ITEM_GAP
    y = ts.paragraph(canvas, L.DECLARATION, L.LEFT + 4, y, right - L.LEFT - 4, size=size, bold=True)
    label(canvas, L.LEFT + 4, y - 16, L.DATE_LABEL, size)
    hline(canvas, L.LEFT + 30, L.LEFT + 170, y - 18)
    sig = y - 44
    hline(canvas, L.LEFT + 4, 300.0, sig)
    label(canvas, L.LEFT + 4, sig - 8, L.PRINTED_NAME_LABEL)
    hline(canvas, 330.0, right, sig)
    ts.draw_centred(canvas, (330.0 + right) / 2, sig - 8, L.SIGNATURE_LABEL, L.LABEL_SIZE)
    label(canvas, L.LEFT + 4, sig - 22, L.NOT_PARTY_NOTE, 7.5, bold=True)
    hline(canvas, L.LEFT, right, L.FOOTER_RULE_Y, 1.0)
    ts.draw_centred(canvas, (L.LEFT + right) / 2, L.FOOTER_BASELINE, L.FOOTER_TITLE, 8.0, bold=True)
    ts.draw_right(canvas, right, L.FOOTER_BASELINE - 10, L.PAGE_LABEL, L.FOOTER_SIZE + 1)
    canvas.showPage()


# --- which forms: the official PDF filled, or the drawn duplicate --------------------------------


def forms_choice(requested: str | None = None, directory: Path | None = None) -> OfficialForm | None:
    """The official CR-400 to fill, or None for the drawn duplicate.

    ``requested``: ``"official"``, ``"duplicate"`` or None (official when one is installed, else
    the duplicate). Asking for ``"official"`` with none installed raises FormInstallError.
    """
    if requested not in (None, *forms.CHOICES):
        raise ValueError(f"forms: {requested!r} is not one of {', '.join(forms.CHOICES)}")
    if requested == forms.DUPLICATE:
        return None
    official = forms.installed(CR400.FORM_ID, directory)
    if official is None and requested == forms.OFFICIAL:
        raise forms.FormInstallError(
            f"no official {CR400.FORM_ID} with a field map is installed in {forms.forms_dir(directory)}; "
            f"install one with `prop64 forms install FILE`, or use --forms duplicate")
    return official


def petition_part(fields: CR400Fields, official: OfficialForm | None) -> Part:
    """The CR-400 with its Attachment 1: the official PDF filled field by field, or the duplicate."""
    if official is None:
        return partial(draw_cr400, fields=fields)
    return FilledPages(official, fields.values, after=(partial(draw_cr400_attachment, fields=fields),))


def proof_choice(requested: str | None = None, directory: Path | None = None) -> OfficialForm | None:
    """The official CR-401 to fill, or None for the proof of service by another adult (drawn, and
    saying that it is not form CR-401). Only a CR-401 revision with a shipped field map can be
    installed, and none ships yet (docs/forms.md), so today this is None."""
    if requested == forms.DUPLICATE:
        return None
    return forms.installed(CR401Fields.OFFICIAL_FORM, directory)


def proof_part(fields: CR401Fields, official: OfficialForm | None) -> Part:
    """The proof of service: the official CR-401 filled through its map, or the labelled page."""
    if official is None:
        return partial(draw_cr401, fields=fields)
    mapped = {field.meaning for field in official.field_map.fields}
    return FilledPages(official, {meaning: value for meaning, value in fields.values.items() if meaning in mapped})


def petition_filename(fields: CR400Fields) -> str:
    return f"{CR400.FORM_ID}_{fields.file_label}.pdf"


def proof_filename(label: str) -> str:
    """Named as what it is: the drawn proof of service is not form CR-401."""
    return f"proof-of-service_{label}.pdf"


def court_forms(petition: CR400Fields, proof: CR401Fields, official: OfficialForm | None,
                official_proof: OfficialForm | None = None) -> list[tuple[str, str, Part]]:
    """(file name, document title, part) for one case's petition and its proof of service."""
    return [
        (petition_filename(petition), f"CR-400 {petition.case_number}".strip(), petition_part(petition, official)),
        (proof_filename(proof.file_label), f"Proof of service {proof.case_number}".strip(),
         proof_part(proof, official_proof)),
    ]

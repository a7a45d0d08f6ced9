"""Appearances for the filled fields of an official form, drawn with the papers' own embedded fonts.

The official form's fields name a font the PDF does not carry (its Helvetica), which a reader
without it replaces at will. The filled copy instead shows each value through an appearance
drawn by the papers' typesetter (Liberation Sans, or the font a character needs), embedded and
subset like every other paper; check boxes get a drawn cross and no font at all. The field
values stay in the fields, so the filled copy is still read field by field.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import pypdf
from reportlab.pdfgen.canvas import Canvas

from .. import typeset as ts

#: the largest and smallest type a value is set in (points), inside a box 1 pt in from the field's edges
MAX_TEXT_SIZE = 9.0
MIN_TEXT_SIZE = 4.0
INSET = 1.0
CROSS_WIDTH = 0.9


def form_name(index: int) -> str:
    return f"v{index}"


def text_appearances(values: Mapping[str, tuple[str, float, float]]) -> tuple[pypdf.PdfReader, dict[str, str], dict[str, float]]:
    """A small PDF holding one form XObject per field (``name → (text, width, height)``).

    Returns the PDF read back, each field's XObject name in its first page's resources, and
    the type size each value was set in (for the field's /DA)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, pageCompression=1)
    names: dict[str, str] = {}
    sizes: dict[str, float] = {}
    for i, (field, (text, w, h)) in enumerate(values.items()):
        names[field] = form_name(i)
        canvas.beginForm(names[field], 0, 0, w, h)
        box = ts.Box(2.0, INSET, max(1.0, w - 4.0), max(1.0, h - 2 * INSET))
        sizes[field] = ts.fit(canvas, text, box, size=min(MAX_TEXT_SIZE, max(MIN_TEXT_SIZE, h - 2 * INSET)),
                              min_size=MIN_TEXT_SIZE, valign="middle")
        canvas.endForm()
    for name in names.values():
        canvas.doForm(name)
    canvas.showPage()
    canvas.save()
    return pypdf.PdfReader(io.BytesIO(buffer.getvalue())), names, sizes


def form_xobject(w: float, h: float, content: bytes = b"") -> bytes:
    """A form XObject with no resources (an empty appearance, or a check box's cross)."""
    return (f"<< /Type /XObject /Subtype /Form /BBox [0 0 {w:.2f} {h:.2f}] /Resources << >> "
            f"/Length {len(content)} >>\nstream\n").encode() + content + b"\nendstream"


def cross(w: float, h: float) -> bytes:
    """A checked box: an X drawn with two strokes, so no font is needed."""
    m = min(w, h) * 0.2
    content = (f"q 0 G {CROSS_WIDTH} w 1 J {m:.2f} {m:.2f} m {w - m:.2f} {h - m:.2f} l S "
               f"{m:.2f} {h - m:.2f} m {w - m:.2f} {m:.2f} l S Q").encode()
    return form_xobject(w, h, content)

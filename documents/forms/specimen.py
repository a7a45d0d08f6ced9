"""A fillable specimen of a mapped form: the drawn duplicate with AcroForm fields of the official
form's names and rectangles, its Print/Save/Clear buttons and its privacy note.

For tests and benchmarks of the fill path only, so that no court PDF is needed or shipped. It is
never filed and never installed outside a test's folder.
"""

from __future__ import annotations

import io

import pypdf
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
    TextStringObject,
)
from reportlab.pdfgen.canvas import Canvas

from .maps import FieldMap

PRIVACY_NOTE = "For your protection and privacy, please press the Clear This Form button after you have printed the form."
#: (name, rect) of the buttons and the note a filed copy does not print
EXTRAS = (("Print_bt[0]", (380, 8, 430, 20)), ("Save_bt[0]", (440, 8, 490, 20)),
          ("Reset_bt[0]", (500, 8, 560, 20)), ("T23[0]", (36, 8, 370, 20)))


def specimen(fmap: FieldMap, *, extra_text: str = "", like_official: bool = False) -> bytes:
    """The specimen PDF of ``fmap`` (only the CR-400 has a drawn page; others get a bare page).

    ``like_official``: shaped like a Judicial Council PDF: field names as a tree of parents
    (``topmostSubform[0]`` → ``Page1[0]`` → …), an XFA copy of the form and a usage-rights
    signature entry."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=fmap.page_size, invariant=1)
    if fmap.form == "CR-400":
        from ..render import draw_cr400_page

        draw_cr400_page(canvas, {})
    else:
        canvas.setFont("Helvetica", 7)
        canvas.drawString(36, 40, fmap.footer)
    if extra_text:
        canvas.setFont("Helvetica", 7)
        canvas.drawString(36, 30, extra_text)
    form = canvas.acroForm
    for field in fmap.fields:
        x1, y1, x2, y2 = field.rect
        common = {"name": field.name, "x": x1, "y": y1, "borderWidth": 0, "fillColor": None,
                  "borderColor": None, "forceBorder": False}
        if field.type == "check":
            form.checkbox(size=x2 - x1, buttonStyle="cross", **common)
        else:
            form.textfield(width=x2 - x1, height=y2 - y1, fontName="Helvetica", fontSize=0, **common)
    for short, (x1, y1, x2, y2) in EXTRAS:
        name = next((full for full in fmap.hidden if full.endswith(short)), short)
        form.textfield(name=name, x=x1, y=y1, width=x2 - x1, height=y2 - y1, value=PRIVACY_NOTE
                       if short.startswith("T23") else short.split("_")[0], fontName="Helvetica", fontSize=6,
                       borderWidth=0, fillColor=None, forceBorder=False)
    canvas.showPage()
    canvas.save()
    return _like_official(buffer.getvalue()) if like_official else buffer.getvalue()


def _like_official(data: bytes) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    acro = writer._root_object["/AcroForm"]
    parents: dict[str, IndirectObject] = {}
    top = ArrayObject()
    for ref in list(acro["/Fields"]):
        field = ref.get_object()
        parts = str(field["/T"]).split(".")
        parent: IndirectObject | None = None
        for depth in range(1, len(parts)):
            prefix = ".".join(parts[:depth])
            if prefix not in parents:
                node = DictionaryObject({NameObject("/T"): TextStringObject(parts[depth - 1]),
                                         NameObject("/Kids"): ArrayObject()})
                if parent is not None:
                    node[NameObject("/Parent")] = parent
                parents[prefix] = writer._add_object(node)
                (parent.get_object()["/Kids"] if parent is not None else top).append(parents[prefix])
            parent = parents[prefix]
        field[NameObject("/T")] = TextStringObject(parts[-1])
        if parent is None:
            top.append(ref)
        else:
            field[NameObject("/Parent")] = parent
            parent.get_object()["/Kids"].append(ref)
    acro[NameObject("/Fields")] = top
    xfa = StreamObject()
    xfa.set_data(b"<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'><template/></xdp:xdp>")
    acro[NameObject("/XFA")] = writer._add_object(xfa)
    writer._root_object[NameObject("/Perms")] = DictionaryObject({NameObject("/UR3"): DictionaryObject()})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

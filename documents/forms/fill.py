"""Filling an official fillable PDF field by field with pypdf; the form is never redrawn.

Values come by meaning (the field map's keys) and go to the PDF's own field names, as an
incremental update of the official file (``increment.py``). Check boxes take the widget's own
"on" state. The Print, Save and Clear buttons and the privacy note are taken
off the filed copy. The PDF's XFA copy of the form (which some readers would show instead of the
filled fields) and its usage-rights signature (which filling invalidates) are removed. Every
field gets an appearance drawn in the papers' own embedded fonts (``appearance.py``), so every
reader shows the same values and no font is left to the reader; with ``flatten`` those
appearances become part of the page and the fields are removed.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import pypdf
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject

from .increment import fill_increment
from .install import OfficialForm


class FillError(ValueError):
    """A value for a field the map does not have."""


def fill(form: OfficialForm, values: Mapping[str, str | bool], *, flatten: bool = False,
         before: bytes | None = None, after: bytes | None = None, title: str = "") -> bytes:
    """The official PDF with ``values`` (by meaning) in its fields, ready to print and file;
    ``before``/``after``: PDFs whose pages go before and after the form (an attachment …);
    ``title``: the form's bookmark."""
    fmap = form.field_map
    by_meaning = {field.meaning: field for field in fmap.fields}
    unknown = sorted(set(values) - set(by_meaning))
    if unknown:
        raise FillError(f"{fmap.form} [{fmap.revision}] has no field for {', '.join(unknown)}")
    filled = fill_increment(form.data, fmap, values, before=before, after=after, title=title)
    if not flatten:
        return filled
    if before or after:
        raise FillError("a flattened form is filled alone")
    return _flattened(filled)


def _flattened(filled: bytes) -> bytes:
    """The filled form with each field's appearance (already drawn in embedded fonts) made part
    of the page, and the fields removed."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(filled)))
    page = writer.pages[0]
    xobjects = DictionaryObject()
    content = []
    for i, ref in enumerate(page.get("/Annots") or ()):
        annotation = ref.get_object()
        if annotation.get("/Subtype") != "/Widget" or int(annotation.get("/F", 0)) & 2:
            continue
        normal = (annotation.get("/AP") or {}).get("/N")
        if normal is None:
            continue
        normal = normal.get_object()
        if "/BBox" not in normal:  # a state dictionary: the shown state's appearance
            normal = normal.get(str(annotation.get("/AS", "/Off")))
            if normal is None:
                continue
            normal = normal.get_object()
        x1, y1, x2, y2 = (float(v) for v in annotation["/Rect"])
        bx1, by1, bx2, by2 = (float(v) for v in normal["/BBox"])
        if bx2 - bx1 <= 0 or by2 - by1 <= 0 or not normal.get_data().strip():
            continue
        name = f"/Flat{i}"
        xobjects[NameObject(name)] = normal.indirect_reference or writer._add_object(normal)
        sx, sy = (x2 - x1) / (bx2 - bx1), (y2 - y1) / (by2 - by1)
        content.append(f"q {sx:.4f} 0 0 {sy:.4f} {min(x1, x2) - bx1 * sx:.2f} {min(y1, y2) - by1 * sy:.2f} cm "
                       f"{name} Do Q")
    resources = page.get("/Resources").get_object() if page.get("/Resources") else DictionaryObject()
    existing = resources.get("/XObject")
    merged = DictionaryObject(existing.get_object()) if existing is not None else DictionaryObject()
    merged.update(xobjects)
    resources[NameObject("/XObject")] = merged
    page[NameObject("/Resources")] = resources
    stream = StreamObject()
    stream.set_data(" ".join(content).encode())
    page[NameObject("/Contents")] = ArrayObject([*_contents(page), writer._add_object(stream)])
    writer.remove_annotations(subtypes="/Widget")
    writer._root_object.pop(NameObject("/AcroForm"), None)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _contents(page: pypdf.PageObject) -> list:
    raw = page.raw_get("/Contents") if "/Contents" in page else None
    if raw is None:
        return []
    target = raw.get_object()
    return list(target) if isinstance(target, ArrayObject) else [raw]


def read_values(pdf: bytes, form: OfficialForm) -> dict[str, str | bool]:
    """The values in a filled form's fields, by meaning (for checking a filled copy)."""
    fields = pypdf.PdfReader(io.BytesIO(pdf)).get_fields() or {}
    out: dict[str, str | bool] = {}
    for field in form.field_map.fields:
        value = (fields.get(field.name) or {}).get("/V")
        if field.type == "check":
            out[field.meaning] = value is not None and str(value) not in ("/Off", "Off", "")
        else:
            out[field.meaning] = "" if value is None else str(value)
    return out

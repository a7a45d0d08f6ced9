"""Filling an official fillable PDF field by field with pypdf; the form is never redrawn.

Values come by meaning (the field map's keys) and go to the PDF's own field names, as an
incremental update of the official file (``increment.py``). Check boxes take the widget's own
"on" state. The Print, Save and Clear buttons and the privacy note are taken
off the filed copy. The PDF's XFA copy of the form (which some readers would show instead of the
filled fields) and its usage-rights signature (which filling invalidates) are removed. Text
fields get appearance streams and ``NeedAppearances``, so every reader shows the values; with
``flatten`` the values become part of the page and the fields are removed.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import pypdf
from pypdf.generic import ArrayObject, NameObject, NumberObject

from .increment import HIDDEN_FLAGS, fill_increment, on_state, qualified_name
from .install import OfficialForm


class FillError(ValueError):
    """A value for a field the map does not have."""


def _hide(writer: pypdf.PdfWriter, page: pypdf.PageObject, hidden: set[str]) -> None:
    """Drop the hidden fields' widgets from the page and flag them hidden and non-printing."""
    annots = page.get("/Annots")
    if not annots:
        return
    kept = ArrayObject()
    for ref in annots.get_object():
        annotation = ref.get_object()
        if qualified_name(annotation) in hidden:
            annotation[NameObject("/F")] = NumberObject(HIDDEN_FLAGS)
            continue
        kept.append(ref)
    page[NameObject("/Annots")] = kept


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
    if not flatten:
        return fill_increment(form.data, fmap, values, before=before, after=after, title=title)
    if before or after:
        raise FillError("a flattened form is filled alone")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(form.data)))
    root = writer._root_object
    root.pop(NameObject("/Perms"), None)
    acro = root["/AcroForm"].get_object()
    acro.pop(NameObject("/XFA"), None)
    page = writer.pages[0]
    _hide(writer, page, set(fmap.hidden))
    widgets = {qualified_name(ref.get_object()): ref.get_object() for ref in page.get("/Annots") or ()}
    texts: dict[str, str] = {}
    checks: dict[str, str] = {}
    for meaning, field in by_meaning.items():
        given = values.get(meaning)
        if field.type == "check":
            widget = widgets.get(field.name)
            on = on_state(widget, fmap.on_state) if widget is not None else fmap.on_state
            checks[field.name] = on if given else "/Off"
        elif given:  # an empty field stays as the form has it
            texts[field.name] = str(given)
    writer.update_page_form_field_values(page, {**texts, **checks}, auto_regenerate=True, flatten=flatten)
    if flatten:
        writer.remove_annotations(subtypes="/Widget")
        root.pop(NameObject("/AcroForm"), None)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


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

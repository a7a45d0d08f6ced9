"""An incremental update of an official PDF: the filled values, their appearances and any pages
added after the form, appended to the official file's own bytes.

The official form is parsed once (:func:`template`); each fill writes only the objects that
change (the fields, the page's annotation list, the form dictionary) and the added pages, then a
cross-reference section pointing back to the original one. The original bytes are never touched,
and filling costs about as much as writing the new objects.
"""

from __future__ import annotations

import io
import itertools
import re
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import pypdf
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    StreamObject,
    TextStringObject,
)

from .. import typeset as ts
from .appearance import cross, form_xobject, text_appearances
from .maps import FieldMap

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
HIDDEN_FLAGS = 2 | 32  # Hidden and NoView, Print cleared
#: the name the papers' embedded Latin font has in the form's default resources (/DR)
DA_FONT = "/P64Sans"


@dataclass(frozen=True, slots=True)
class Widget:
    ref: IndirectObject
    obj: DictionaryObject
    field_ref: IndirectObject | None  # the field dictionary, when the widget is only its kid
    field: DictionaryObject


@dataclass(frozen=True, slots=True)
class Template:
    """What a fill needs from the official PDF, read once."""

    data: bytes
    size: int
    startxref: int
    xref_stream: bool
    trailer: DictionaryObject
    root_ref: IndirectObject
    root: DictionaryObject
    acro_ref: IndirectObject | None
    acro: DictionaryObject
    page_ref: IndirectObject
    page: DictionaryObject
    pages_chain: tuple[tuple[IndirectObject, DictionaryObject], ...]  # the page's parents, nearest first
    widgets: dict[str, Widget]
    annots: tuple[tuple[str, PdfObject], ...]  # (qualified name, reference) in page order
    fonts: DictionaryObject | None  # the form's default resources (/DR /Font)


def qualified_name(annotation: DictionaryObject) -> str:
    parts = []
    node: DictionaryObject | None = annotation
    while node is not None:
        if "/T" in node:
            parts.append(str(node["/T"]))
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    return ".".join(reversed(parts))


@lru_cache(maxsize=8)
def template(data: bytes) -> Template:
    reader = pypdf.PdfReader(io.BytesIO(data))
    found = _STARTXREF.search(data[-1024:])
    if found is None:
        raise ValueError("no startxref at the end of the file")
    startxref = int(found.group(1))
    trailer = reader.trailer
    root_ref = trailer.raw_get("/Root")
    root = root_ref.get_object()
    acro_raw = root.raw_get("/AcroForm")
    acro_ref = acro_raw if isinstance(acro_raw, IndirectObject) else None
    acro = acro_raw.get_object()
    page = reader.pages[0]
    page_ref = page.indirect_reference
    chain = []
    node = page.raw_get("/Parent")
    while node is not None:
        obj = node.get_object()
        chain.append((node, obj))
        node = obj.raw_get("/Parent") if "/Parent" in obj else None
    widgets: dict[str, Widget] = {}
    annots = []
    for ref in page.get("/Annots") or ():
        obj = ref.get_object()
        name = qualified_name(obj)
        annots.append((name, ref))
        if obj.get("/Subtype") != "/Widget":
            continue
        if "/T" in obj:
            widgets[name] = Widget(ref, obj, None, obj)
        else:
            parent_ref = obj.raw_get("/Parent")
            widgets[name] = Widget(ref, obj, parent_ref, parent_ref.get_object())
    dr = acro.get("/DR")
    fonts = dr.get_object().get("/Font") if dr is not None else None
    return Template(
        data=data, size=int(trailer["/Size"]), startxref=startxref,
        xref_stream=not data[startxref:startxref + 4].startswith(b"xref"), trailer=trailer,
        root_ref=root_ref, root=root, acro_ref=acro_ref, acro=acro, page_ref=page_ref, page=page,
        pages_chain=tuple(chain), widgets=widgets, annots=tuple(annots),
        fonts=fonts.get_object() if fonts is not None else None,
    )


def _copy(obj: DictionaryObject) -> DictionaryObject:
    return DictionaryObject({NameObject(k): v for k, v in obj.items()})


def on_state(widget: DictionaryObject, default: str) -> str:
    normal = (widget.get("/AP") or {}).get("/N")
    states = [str(k) for k in normal.get_object()] if normal is not None else []
    return next((state for state in states if state != "/Off"), default)


_NAME_SAFE = re.compile(r"[^!-~]|[#()<>\[\]{}/%]")


@lru_cache(maxsize=4096)
def _name(name: str) -> bytes:
    body = _NAME_SAFE.sub(lambda m: "".join(f"#{b:02X}" for b in m.group().encode()), name[1:])
    return ("/" + body).encode()


def serialise(obj: PdfObject) -> bytes:
    """PDF syntax for ``obj`` (a faster stand-in for pypdf's ``write_to_stream``)."""
    if isinstance(obj, NameObject):
        return _name(str(obj))
    if isinstance(obj, IndirectObject):
        return b"%d %d R" % (obj.idnum, obj.generation)
    if isinstance(obj, StreamObject):
        data = obj._data
        head = {k: v for k, v in obj.items() if k != "/Length"}
        return (b"<<" + b"".join(_name(k) + b" " + serialise(v) for k, v in head.items())
                + b"/Length %d>>\nstream\n" % len(data) + data + b"\nendstream")
    if isinstance(obj, DictionaryObject):
        return b"<<" + b"".join(_name(k) + b" " + serialise(v) for k, v in obj.items()) + b">>"
    if isinstance(obj, ArrayObject):
        return b"[" + b" ".join(serialise(v) for v in obj) + b"]"
    if isinstance(obj, (TextStringObject, ByteStringObject)):
        return _string(type(obj), obj)
    buffer = io.BytesIO()
    obj.write_to_stream(buffer)
    return buffer.getvalue()


@lru_cache(maxsize=4096)
def _string(_kind: type, obj: PdfObject) -> bytes:
    buffer = io.BytesIO()
    obj.write_to_stream(buffer)
    return buffer.getvalue()


class _Writer:
    """Collects the new and changed objects of one update, by object number."""

    def __init__(self, tpl: Template) -> None:
        self.tpl = tpl
        self.next = tpl.size
        self.objects: dict[int, tuple[int, bytes]] = {}

    def allocate(self) -> IndirectObject:
        ref = IndirectObject(self.next, 0, None)
        self.next += 1
        return ref

    def put(self, ref: IndirectObject, obj: PdfObject | bytes) -> None:
        self.objects[ref.idnum] = (ref.generation, obj if isinstance(obj, bytes) else serialise(obj))

    def write(self, root_ref: IndirectObject) -> bytes:
        tpl = self.tpl
        out = io.BytesIO()
        out.write(tpl.data)
        if not tpl.data.endswith(b"\n"):
            out.write(b"\n")
        offsets: dict[int, tuple[int, int]] = {}
        for number in sorted(self.objects):
            generation, body = self.objects[number]
            offsets[number] = (out.tell(), generation)
            out.write(f"{number} {generation} obj\n".encode() + body + b"\nendobj\n")
        trailer = {"/Size": self.next, "/Root": root_ref, "/Prev": tpl.startxref}
        for key in ("/Info", "/ID"):
            if key in tpl.trailer:
                trailer[key] = tpl.trailer.raw_get(key)
        xref_at = out.tell()
        if tpl.xref_stream:
            self._xref_stream(out, offsets, trailer)
        else:
            self._xref_table(out, offsets, trailer)
        out.write(f"startxref\n{xref_at}\n%%EOF\n".encode())
        return out.getvalue()

    @staticmethod
    def _runs(numbers: Iterable[int]) -> list[list[int]]:
        runs: list[list[int]] = []
        for number in sorted(numbers):
            if runs and runs[-1][-1] == number - 1:
                runs[-1].append(number)
            else:
                runs.append([number])
        return runs

    @staticmethod
    def _trailer_dict(trailer: Mapping[str, object]) -> DictionaryObject:
        return DictionaryObject({NameObject(k): (NumberObject(v) if isinstance(v, int) else v)
                                 for k, v in trailer.items()})

    def _xref_table(self, out: io.BytesIO, offsets: dict[int, tuple[int, int]], trailer: dict) -> None:
        out.write(b"xref\n")
        for run in self._runs(offsets):
            out.write(f"{run[0]} {len(run)}\n".encode())
            for number in run:
                offset, generation = offsets[number]
                out.write(f"{offset:010d} {generation:05d} n\r\n".encode())
        out.write(b"trailer\n")
        self._trailer_dict(trailer).write_to_stream(out)
        out.write(b"\n")

    def _xref_stream(self, out: io.BytesIO, offsets: dict[int, tuple[int, int]], trailer: dict) -> None:
        number = self.next
        self.next += 1
        offsets[number] = (out.tell(), 0)
        trailer["/Size"] = self.next
        rows = b"".join(bytes([1]) + offsets[n][0].to_bytes(4, "big") + offsets[n][1].to_bytes(2, "big")
                        for run in self._runs(offsets) for n in run)
        data = zlib.compress(rows)
        index = ArrayObject(NumberObject(v) for run in self._runs(offsets) for v in (run[0], len(run)))
        header = self._trailer_dict(trailer)
        header.update({NameObject("/Type"): NameObject("/XRef"), NameObject("/W"): ArrayObject(
            [NumberObject(1), NumberObject(4), NumberObject(2)]), NameObject("/Index"): index,
            NameObject("/Filter"): NameObject("/FlateDecode"), NameObject("/Length"): NumberObject(len(data))})
        buffer = io.BytesIO()
        header.write_to_stream(buffer)
        out.write(f"{number} 0 obj\n".encode() + buffer.getvalue() + b"\nstream\n" + data + b"\nendstream\nendobj\n")


def _remap(obj: PdfObject, numbers: dict[int, IndirectObject], writer: _Writer, source: pypdf.PdfReader,
           parent: IndirectObject) -> PdfObject:
    """``obj`` from an added PDF with its references renumbered into the update."""
    if isinstance(obj, IndirectObject):
        if obj.idnum not in numbers:
            numbers[obj.idnum] = writer.allocate()
            target = obj.get_object()
            writer.put(numbers[obj.idnum], _remap(target, numbers, writer, source, parent))
        return numbers[obj.idnum]
    if isinstance(obj, StreamObject):
        copy = StreamObject()
        for key, value in obj.items():
            if key != "/Length":
                copy[NameObject(key)] = _remap(value, numbers, writer, source, parent)
        copy._data = obj._data
        return copy
    if isinstance(obj, DictionaryObject):
        return DictionaryObject({NameObject(k): (parent if k == "/Parent" else _remap(v, numbers, writer, source, parent))
                                 for k, v in obj.items()})
    if isinstance(obj, ArrayObject):
        return ArrayObject(_remap(v, numbers, writer, source, parent) for v in obj)
    return obj


def _size(widget: DictionaryObject) -> tuple[float, float]:
    x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    return abs(x2 - x1), abs(y2 - y1)


def _texts(tpl: Template, fmap: FieldMap, values: Mapping[str, str | bool]) -> dict[str, tuple[str, float, float]]:
    """Each filled text field's (value, width, height), by the PDF's field name."""
    out = {}
    for field in fmap.fields:
        widget = tpl.widgets.get(field.name)
        if widget is None:
            raise ValueError(f"{fmap.form} [{fmap.revision}] has no field {field.name}")
        given = values.get(field.meaning)
        if field.type == "text" and given not in (None, False, ""):
            out[field.name] = (str(given), *_size(widget.obj))
    return out


def _text_appearances(writer: _Writer, tpl: Template, texts: Mapping[str, tuple[str, float, float]]
                      ) -> tuple[dict[str, tuple[IndirectObject, float]], IndirectObject | None]:
    """The filled fields' appearances copied into the update (field name → (XObject, type size)),
    and the embedded Latin font they use, for the form's default resources."""
    if not texts:
        return {}, None
    source, names, sizes = text_appearances(texts)
    xobjects = source.pages[0]["/Resources"]["/XObject"]
    numbers: dict[int, IndirectObject] = {}
    drawn = {field: (_remap(_xobject(xobjects, names[field]), numbers, writer, source, tpl.page_ref), sizes[field])
             for field in texts}
    font = None
    for ref in _fonts(source):
        base = str(ref.get_object().get("/BaseFont", ""))
        if base.endswith("+" + ts.LATIN) and ref.idnum in numbers:
            font = numbers[ref.idnum]
    return drawn, font


def _xobject(xobjects: DictionaryObject, name: str) -> IndirectObject:
    """The reference to the form XObject reportlab named ``name`` (it prefixes its own)."""
    return next(xobjects.raw_get(key) for key in xobjects if str(key).endswith(name))


def _fonts(source: pypdf.PdfReader) -> list[IndirectObject]:
    refs = []
    for xobject in (source.pages[0]["/Resources"]["/XObject"] or {}).values():
        fonts = (xobject.get_object().get("/Resources") or {}).get("/Font") or {}
        refs += [fonts.raw_get(key) for key in fonts]
    return refs


def _resources_with(tpl: Template, font: IndirectObject) -> DictionaryObject:
    """The form's default resources with the papers' Latin font added as ``DA_FONT``."""
    dr = tpl.acro.get("/DR")
    resources = _copy(dr.get_object()) if dr is not None else DictionaryObject()
    fonts = _copy(tpl.fonts) if tpl.fonts is not None else DictionaryObject()
    fonts[NameObject(DA_FONT)] = font
    resources[NameObject("/Font")] = fonts
    return resources


def fill_increment(data: bytes, fmap: FieldMap, values: Mapping[str, str | bool], *, before: bytes | None = None,
                   after: bytes | None = None, title: str = "") -> bytes:
    """The official PDF ``data`` with ``values`` (by meaning), and the pages of the PDFs ``before``
    and ``after`` placed around its first page, as one incremental update. The bookmarks of
    ``before`` and ``after`` are kept, and ``title`` becomes the form's own bookmark.

    Every mapped field gets an appearance that uses no font the PDF does not embed
    (``appearance.py``): a filled text field its value in the papers' own subset fonts, which
    also go in the form's default resources for its /DA; an empty one nothing; a check box a
    drawn cross."""
    tpl = template(data)
    writer = _Writer(tpl)
    hidden = set(fmap.hidden)
    texts = _texts(tpl, fmap, values)
    drawn, font = _text_appearances(writer, tpl, texts)
    empty = writer.allocate()
    writer.put(empty, form_xobject(1.0, 1.0))
    for field in fmap.fields:
        widget = tpl.widgets[field.name]
        given = values.get(field.meaning)
        obj = _copy(widget.obj)
        obj.pop(NameObject("/D"), None)  # the pressed look is not printed
        holder = obj if widget.field_ref is None else _copy(widget.field)
        if field.type == "check":
            on = on_state(widget.obj, fmap.on_state)
            state = NameObject(on if given else "/Off")
            obj[NameObject("/AS")] = state
            holder[NameObject("/V")] = state
            mark = writer.allocate()
            writer.put(mark, cross(*_size(widget.obj)))
            obj[NameObject("/AP")] = DictionaryObject({NameObject("/N"): DictionaryObject(
                {NameObject(on): mark, NameObject("/Off"): empty})})
        else:
            holder[NameObject("/V")] = TextStringObject(texts[field.name][0] if field.name in texts else "")
            appearance, size = drawn.get(field.name, (empty, 0.0))
            obj[NameObject("/AP")] = DictionaryObject({NameObject("/N"): appearance})
            if field.name in drawn and font:
                holder[NameObject("/DA")] = TextStringObject(f"{DA_FONT} {size:g} Tf 0 g")
                if obj is not holder:
                    obj.pop(NameObject("/DA"), None)  # the field's /DA is the one that counts
        writer.put(widget.ref, obj)
        if widget.field_ref is not None:
            writer.put(widget.field_ref, holder)
    page = _copy(tpl.page)
    page[NameObject("/Annots")] = ArrayObject(ref for name, ref in tpl.annots if name not in hidden)
    writer.put(tpl.page_ref, page)
    acro = _copy(tpl.acro)
    acro.pop(NameObject("/XFA"), None)
    acro.pop(NameObject("/NeedAppearances"), None)  # every field has its appearance: readers keep it
    if font is not None:
        acro[NameObject("/DR")] = _resources_with(tpl, font)
    root = _copy(tpl.root)
    root.pop(NameObject("/Perms"), None)
    if tpl.acro_ref is not None:
        writer.put(tpl.acro_ref, acro)
    else:
        root[NameObject("/AcroForm")] = acro
    writer.put(tpl.root_ref, root)
    if before or after or title:
        pages_before, marks_before = _import_pages(writer, tpl, before)
        pages_after, marks_after = _import_pages(writer, tpl, after)
        _add_pages(writer, tpl, pages_before, pages_after)
        marks = [*marks_before, *([(0, title, tpl.page_ref)] if title else []), *marks_after]
        if marks:
            root[NameObject("/Outlines")] = _outline(writer, marks)
            writer.put(tpl.root_ref, root)
    return writer.write(tpl.root_ref)


def _bookmarks(source: pypdf.PdfReader, items: list, level: int, pages: dict[int, IndirectObject]
               ) -> list[tuple[int, str, IndirectObject]]:
    out = []
    for item in items:
        if isinstance(item, list):
            out += _bookmarks(source, item, level + 1, pages)
            continue
        page = pages.get(source.get_destination_page_number(item))
        if page is not None:
            out.append((level, str(item.title), page))
    return out


def _outline(writer: _Writer, marks: list[tuple[int, str, IndirectObject]]) -> IndirectObject:
    """An outline (bookmarks) from ``(level, title, page)`` in reading order."""
    root_ref = writer.allocate()
    refs = [writer.allocate() for _ in marks]
    nodes = [DictionaryObject({NameObject("/Title"): TextStringObject(title), NameObject("/Dest"): ArrayObject(
        [page, NameObject("/XYZ"), NumberObject(0), NumberObject(792), NumberObject(0)])}) for _lvl, title, page in marks]
    parents: list[int | None] = []
    stack: list[int] = []
    for i, (level, _title, _page) in enumerate(marks):
        del stack[level:]
        parents.append(stack[-1] if stack else None)
        stack.append(i)
    root = DictionaryObject({NameObject("/Type"): NameObject("/Outlines")})
    for parent in (None, *range(len(marks))):
        kids = [i for i, p in enumerate(parents) if p == parent]
        holder = root if parent is None else nodes[parent]
        if not kids:
            continue
        holder[NameObject("/First")] = refs[kids[0]]
        holder[NameObject("/Last")] = refs[kids[-1]]
        holder[NameObject("/Count")] = NumberObject(len(kids))
        for a, b in itertools.pairwise(kids):
            nodes[a][NameObject("/Next")] = refs[b]
            nodes[b][NameObject("/Prev")] = refs[a]
        for kid in kids:
            nodes[kid][NameObject("/Parent")] = root_ref if parent is None else refs[parent]
    writer.put(root_ref, root)
    for ref, node in zip(refs, nodes):
        writer.put(ref, node)
    return root_ref


def _import_pages(writer: _Writer, tpl: Template, pdf: bytes | None
                  ) -> tuple[list[IndirectObject], list[tuple[int, str, IndirectObject]]]:
    """The pages of ``pdf`` copied into the update (renumbered) under the form page's parent, and
    its bookmarks."""
    if not pdf:
        return [], []
    source = pypdf.PdfReader(io.BytesIO(pdf))
    parent_ref = tpl.pages_chain[0][0]
    numbers: dict[int, IndirectObject] = {}
    pages = [(page, writer.allocate()) for page in source.pages]
    for page, ref in pages:
        numbers[page.indirect_reference.idnum] = ref
    for page, ref in pages:
        writer.put(ref, DictionaryObject({
            NameObject(k): (parent_ref if k == "/Parent" else _remap(v, numbers, writer, source, parent_ref))
            for k, v in page.items() if k != "/Annots"}))
    by_number = {i: ref for i, (_page, ref) in enumerate(pages)}
    return [ref for _page, ref in pages], _bookmarks(source, source.outline, 0, by_number)


def _add_pages(writer: _Writer, tpl: Template, before: list[IndirectObject], after: list[IndirectObject]) -> None:
    parent_ref, parent = tpl.pages_chain[0]
    kids = list(parent["/Kids"])
    index = next(i for i, kid in enumerate(kids) if kid.idnum == tpl.page_ref.idnum)
    node = _copy(parent)
    node[NameObject("/Kids")] = ArrayObject(kids[:index] + before + [kids[index]] + after + kids[index + 1:])
    added = len(before) + len(after)
    node[NameObject("/Count")] = NumberObject(int(parent["/Count"]) + added)
    writer.put(parent_ref, node)
    for ancestor_ref, ancestor in tpl.pages_chain[1:]:
        copy = _copy(ancestor)
        copy[NameObject("/Count")] = NumberObject(int(ancestor["/Count"]) + added)
        writer.put(ancestor_ref, copy)

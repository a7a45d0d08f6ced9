"""Official forms: install (revision read from the PDF, checked against the field maps), fill
field by field, and the packet's choice between the official form and the duplicate."""

from __future__ import annotations

import io

import pypdf
import pytest
from click.testing import CliRunner
from reportlab.pdfgen.canvas import Canvas

from documents import Applicant, build_cr400s, build_packet, forms
from documents import fields as F
from documents.forms.specimen import specimen
from documents.layouts import CR400
from prop64.cli import main

from .helpers import case_file, conviction, evaluate, load, pdf_pages, pdf_text

PERSON = Applicant(name="Alex Rivera", street="100 Example Street", city="San Francisco", state="CA",
                   zip="94103", phone="415-555-0100", email="alex@example.org")
MAP = forms.field_maps()["CR-400-2017-07-01"]


def petition(*convictions, applicant=PERSON, **kwargs):
    case = case_file(*convictions, **kwargs)
    (fields,) = F.cr400_fields(load(case), evaluate(case), applicant)
    return fields


def field_types(data: bytes) -> dict[str, str]:
    return {name: str(spec.get("/FT")) for name, spec in (pypdf.PdfReader(io.BytesIO(data)).get_fields() or {}).items()}


def test_the_2017_map_has_every_field_of_the_form_with_its_rectangle():
    assert (MAP.form, MAP.revision, MAP.footer) == ("CR-400", "New July 1, 2017", "CR-400 [New July 1, 2017]")
    assert len(MAP.fields) == 28
    assert MAP.field("case_number").name == "topmostSubform[0].Page1[0].Caption_sf[0].Stamp[0].CaseNumber_ft[0]"
    assert MAP.field("case_number").rect == (398, 583, 567, 594)
    assert MAP.field("item2_application").name == "topmostSubform[0].Page1[0].Checkbox[0]"
    assert MAP.field("title_f").rect == (212, 561, 221, 570)
    assert {f.meaning for f in MAP.fields if f.court_use} == {"hearing_date", "hearing_time", "hearing_department"}
    assert {f.meaning for f in MAP.fields if f.person_chooses} == {"item3_waive_judge", "item4_waive_appearance",
                                                                   "dated"}
    assert MAP.hidden == tuple(f"topmostSubform[0].Page1[0].{n}" for n in ("Print_bt[0]", "Save_bt[0]", "Reset_bt[0]",
                                                                           "T23[0]"))
    # the values the papers compute cover exactly the map's fields
    assert set(petition(conviction()).values) == {f.meaning for f in MAP.fields}


def test_revision_is_read_from_the_pdf(specimen_pdf):
    assert forms.identify(specimen_pdf) == ("CR-400", "New July 1, 2017")
    assert forms.check(specimen_pdf) is MAP


def test_install_stores_the_form_under_its_map_name(specimen_pdf, tmp_path, empty_forms_dir):
    source = tmp_path / "downloaded.pdf"
    source.write_bytes(specimen_pdf)
    assert forms.installed("CR-400") is None
    target = forms.install(source)
    assert target == empty_forms_dir / "CR-400-2017-07-01.pdf"
    assert target.read_bytes() == specimen_pdf
    assert forms.installed("CR-400").field_map is MAP


def _other_revision(footer: str) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(36, 40, footer)
    canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "message"), [
    (_other_revision("CR-400 [Rev. January 1, 2024]"), "CR-400 [Rev. January 1, 2024] has no field map"),
    (_other_revision("CR-401 [New July 1, 2017]"), "CR-401 [New July 1, 2017] has no field map"),
    (_other_revision("MC-025 [Rev. July 1, 2009]"), "no Judicial Council form number"),
    (_other_revision("CR-400 [New July 1, 2017]"), "does not have the fields its map names"),
    (b"not a pdf at all", "not a readable PDF"),
])
def test_a_pdf_without_a_fitting_map_is_refused_and_not_installed(data, message, tmp_path, empty_forms_dir):
    source = tmp_path / "form.pdf"
    source.write_bytes(data)
    with pytest.raises(forms.FormInstallError, match=message.replace("[", r"\[").replace("]", r"\]")):
        forms.install(source)
    assert list(empty_forms_dir.iterdir()) == []
    assert forms.installed("CR-400") is None


def test_fill_puts_each_value_in_its_field(official_installed):
    lawyer = Applicant(name="Alex Rivera", street="1 Legal Aid Plaza", city="Oakland", state="CA", zip="94612",
                       phone="510-555-0101", email="jl@example.org", attorney_name="Jordan Lee",
                       bar_number="123456", firm="Example Legal Aid", in_pro_per=False)
    fields = petition(conviction(), conviction(code="HS 11357(b)", level="misdemeanor", conduct="possess",
                                               quantity_grams=10.0), applicant=lawyer)
    filled = forms.fill(official_installed, fields.values)
    assert forms.read_values(filled, official_installed) == {
        "bar_number": "123456", "name": "Jordan Lee", "firm": "Example Legal Aid", "street": "1 Legal Aid Plaza",
        "city": "Oakland", "state": "CA", "zip": "94612", "phone": "510-555-0101", "fax": "",
        "email": "jl@example.org", "attorney_for": "Defendant Alex Rivera", "defendant": "Alex Rivera",
        "case_number": "SF12345", "hearing_date": "", "hearing_time": "", "hearing_department": "",
        "title_b": False, "title_f": True,
        "item1_11357": True, "item1_11358": False, "item1_11359": True, "item1_11360": False,
        "item1_11362.1": False, "item2_petition": False, "item2_application": True,
        "item3_waive_judge": False, "item4_waive_appearance": False, "dated": "",
    }
    reader = pypdf.PdfReader(io.BytesIO(filled))
    box = next(a.get_object() for a in reader.pages[0]["/Annots"]
               if a.get_object().get("/T") == MAP.field("item1_11359").name)
    assert box["/AS"] == "/Yes"
    # every field carries its own appearance, so no reader redraws it in a font of its choosing
    acro = reader.trailer["/Root"]["/AcroForm"]
    assert not acro.get("/NeedAppearances")
    name = next(a.get_object() for a in reader.pages[0]["/Annots"]
                if a.get_object().get("/T") == MAP.field("name").name)
    assert str(name["/DA"]).startswith("/P64Sans ")
    font = acro["/DR"]["/Font"]["/P64Sans"].get_object()
    assert str(font["/BaseFont"]).endswith("+LiberationSans") and "/FontFile2" in font["/FontDescriptor"]


def test_filled_copy_hides_buttons_and_privacy_note_and_keeps_the_official_bytes(official_installed, specimen_pdf):
    filled = forms.fill(official_installed, petition(conviction()).values)
    assert filled.startswith(specimen_pdf)  # an incremental update: the official file is untouched
    reader = pypdf.PdfReader(io.BytesIO(filled))
    shown = {str(a.get_object().get("/T")) for a in reader.pages[0]["/Annots"]}
    assert not shown & set(MAP.hidden)
    text = reader.pages[0].extract_text()
    assert "CR-400 [New July 1, 2017]" in text
    assert "/XFA" not in reader.trailer["/Root"]["/AcroForm"]


def test_flattened_fill_prints_the_values_without_fields(official_installed):
    flat = forms.fill(official_installed, petition(conviction()).values, flatten=True)
    reader = pypdf.PdfReader(io.BytesIO(flat))
    assert not reader.get_fields()
    assert "SF12345" in pdf_text(flat) and "Alex Rivera" in pdf_text(flat)


def test_fill_refuses_a_value_the_map_has_no_field_for(official_installed):
    with pytest.raises(forms.FillError, match="county"):
        forms.fill(official_installed, {"county": "San Francisco"})


def test_packet_uses_the_official_form_when_installed(official_installed):
    case = case_file(conviction())
    result = evaluate(case)
    packet = build_packet(case, result, PERSON)
    assert packet.forms == "official"
    petition_pdf = packet.files["CR-400_SF12345.pdf"]
    assert forms.read_values(petition_pdf, official_installed)["case_number"] == "SF12345"
    pages = pdf_pages(petition_pdf)
    assert len(pages) == 2 and "ATTACHMENT 1 TO CR-400" in pages[1]
    assert "Redesignate as misdemeanor" in pages[1]
    duplicate = build_packet(case, result, PERSON, forms="duplicate")
    assert duplicate.forms == "duplicate"
    assert not pypdf.PdfReader(io.BytesIO(duplicate.files["CR-400_SF12345.pdf"])).get_fields()
    assert list(duplicate.files) == list(packet.files)
    combined = pypdf.PdfReader(io.BytesIO(packet.combined))
    assert len(combined.pages) == sum(len(pypdf.PdfReader(io.BytesIO(d)).pages) for d in packet.files.values())
    alone = build_cr400s(case, result, PERSON)["CR-400_SF12345.pdf"]
    assert forms.read_values(alone, official_installed) == forms.read_values(petition_pdf, official_installed)
    assert build_cr400s(case, result, PERSON)["CR-400_SF12345.pdf"] == alone  # same input, same bytes
    assert build_packet(case, result, PERSON).files == packet.files


def test_without_an_installed_form_the_duplicate_is_drawn_and_official_is_refused():
    case = case_file(conviction())
    result = evaluate(case)
    assert build_packet(case, result, PERSON).forms == "duplicate"
    with pytest.raises(forms.FormInstallError, match="prop64 forms install"):
        build_packet(case, result, PERSON, forms="official")
    with pytest.raises(ValueError, match="forms"):
        build_packet(case, result, PERSON, forms="whatever")


def test_cli_installs_lists_and_refuses(specimen_pdf, tmp_path, empty_forms_dir):
    runner = CliRunner()
    good = tmp_path / "cr400.pdf"
    good.write_bytes(specimen_pdf)
    newer = tmp_path / "cr400-2024.pdf"
    newer.write_bytes(_other_revision("CR-400 [Rev. January 1, 2024]"))
    refused = runner.invoke(main, ["forms", "install", str(newer)])
    assert refused.exit_code == 2
    assert "no field map" in refused.output and "duplicate" in refused.output
    assert "Traceback" not in refused.output
    listed = runner.invoke(main, ["forms", "list"])
    assert "not installed (duplicate drawn)" in listed.output
    done = runner.invoke(main, ["forms", "install", str(good)])
    assert done.exit_code == 0, done.output
    assert "installed CR-400 [New July 1, 2017]" in done.output
    assert (empty_forms_dir / "CR-400-2017-07-01.pdf").exists()
    assert "installed:" in runner.invoke(main, ["forms", "list"]).output
    other = tmp_path / "elsewhere"
    assert runner.invoke(main, ["forms", "install", str(good), "--forms-dir", str(other)]).exit_code == 0
    assert (other / "CR-400-2017-07-01.pdf").exists()
    assert runner.invoke(main, ["forms", "install"]).exit_code == 2


def test_download_fails_cleanly_without_a_network(monkeypatch, empty_forms_dir):
    def unreachable(*_args, **_kwargs):
        raise OSError("network unreachable")

    monkeypatch.setattr("urllib.request.urlopen", unreachable)
    result = CliRunner().invoke(main, ["forms", "install", "--download", "CR-400"])
    assert result.exit_code == 2
    assert "could not download https://www.courts.ca.gov/documents/cr400.pdf" in result.output
    assert "prop64 forms install FILE" in result.output
    assert list(empty_forms_dir.iterdir()) == []


def test_specimen_has_the_official_field_names_and_types(specimen_pdf):
    types = field_types(specimen_pdf)
    for field in MAP.fields:
        assert types[field.name] == {"text": "/Tx", "check": "/Btn"}[field.type]
    assert CR400.FOOTER_FORM_LINE == MAP.footer


def test_specimen_is_built_from_any_map():
    assert forms.identify(specimen(MAP, extra_text="draft")) == ("CR-400", "New July 1, 2017")


def test_official_packet_keeps_each_papers_bookmark_and_page_order(official_installed):
    case = case_file(conviction())
    packet = build_packet(case, evaluate(case), PERSON)
    reader = pypdf.PdfReader(io.BytesIO(packet.combined))
    titles = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline
              if not isinstance(item, list)]
    names = [title for title, _page in titles]
    assert names[0] == "Your next steps" and "CR-400 SF12345" in names and "Proof of service SF12345" in names
    pages = [page for _title, page in titles]
    assert pages == sorted(pages)
    texts = pdf_pages(packet.combined)
    form_page = dict(titles)["CR-400 SF12345"]
    assert texts[form_page].startswith("CR-400") and "ATTACHMENT 1 TO CR-400" in texts[form_page + 1]


def test_an_official_form_with_a_cross_reference_stream_is_updated_in_kind(official_installed, monkeypatch, tmp_path):
    import dataclasses
    import shutil
    import subprocess

    from documents.forms import increment

    original = increment.template
    plain = original(official_installed.data)
    monkeypatch.setattr(increment, "template", lambda data: dataclasses.replace(original(data), xref_stream=True)
                        if data == official_installed.data else original(data))
    values = petition(conviction()).values
    first = forms.fill(official_installed, values)
    assert b"/Type /XRef" in first[len(plain.data):] or b"/Type/XRef" in first[len(plain.data):]
    assert forms.read_values(first, official_installed) == {**forms.read_values(forms.fill(official_installed, values),
                                                                                official_installed)}
    # an update on top of an update whose last section is a stream
    again = increment.fill_increment(first, MAP, {**values, "case_number": "SF999"}, after=first)
    assert forms.read_values(again, official_installed)["case_number"] == "SF999"
    if shutil.which("pdfinfo"):
        path = tmp_path / "again.pdf"
        path.write_bytes(again)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        assert "Pages:           2" in info


@pytest.mark.parametrize("count", [1, 40])
def test_official_form_with_many_convictions_and_a_long_name(official_installed, count):
    long_name = "Maximiliano Alejandro de la Santísima Trinidad Fernández-Villaseñor y Montenegro"
    applicant = Applicant(name=long_name, street="12345 West Extraordinarily Long Boulevard Name, Building C",
                          city="Rancho Santa Margarita", state="CA", zip="92688-1234", phone="949-555-0100")
    case = case_file(*[conviction(case_number="BIG1") for _ in range(count)])
    packet = build_packet(case, evaluate(case), applicant)
    data = packet.files["CR-400_BIG1.pdf"]
    values = forms.read_values(data, official_installed)
    assert (values["name"], values["defendant"], values["case_number"]) == (long_name, long_name, "BIG1")
    _form, *attachment = pdf_pages(data)
    assert len(attachment) == 1
    assert attachment[0].count("HS 11359") == count
    assert f"PEOPLE v. {long_name}" in " ".join(attachment[0].split())


def test_a_form_shaped_like_the_courts_is_installed_and_filled(tmp_path):
    """Field names as a tree of parents, an XFA copy and a usage-rights entry, as Judicial
    Council PDFs have them."""
    data = specimen(MAP, like_official=True)
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert "/XFA" in reader.trailer["/Root"]["/AcroForm"] and "/Perms" in reader.trailer["/Root"]
    case_field = next(a.get_object() for a in reader.pages[0]["/Annots"]
                      if a.get_object().get("/T") == "CaseNumber_ft[0]")
    assert "/Parent" in case_field
    source = tmp_path / "cr400.pdf"
    source.write_bytes(data)
    forms.install(source)
    official = forms.installed("CR-400")
    values = petition(conviction()).values
    filled = forms.fill(official, values)
    assert forms.read_values(filled, official) == values
    root = pypdf.PdfReader(io.BytesIO(filled)).trailer["/Root"]
    assert "/XFA" not in root["/AcroForm"] and "/Perms" not in root
    shown = {forms.increment.qualified_name(a.get_object())
             for a in pypdf.PdfReader(io.BytesIO(filled)).pages[0]["/Annots"]}
    assert MAP.field("case_number").name in shown and not shown & set(MAP.hidden)


def test_the_revision_is_also_read_from_the_forms_xfa_copy():
    import pypdf.generic as g

    buffer = io.BytesIO()
    Canvas(buffer).save()  # a page with no text
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(buffer.getvalue())))
    xfa = g.StreamObject()
    xfa.set_data(b"<template><draw><value><text>CR-400 [New July 1, 2017]</text></value></draw></template>")
    writer._root_object[g.NameObject("/AcroForm")] = g.DictionaryObject(
        {g.NameObject("/Fields"): g.ArrayObject(),
         g.NameObject("/XFA"): g.ArrayObject([g.TextStringObject("template"), writer._add_object(xfa)])})
    out = io.BytesIO()
    writer.write(out)
    assert forms.identify(out.getvalue()) == ("CR-400", "New July 1, 2017")

"""The papers name the proof of service the packet really carries: the proof of service by
another adult (which says it is not form CR-401) until the official CR-401 is installed, and
form CR-401 once it is, in every language."""

from __future__ import annotations

import importlib

import pytest

from documents import (
    Applicant,
    build_clinic_summary,
    build_packet,
    forms,
    proof_choice,
    render_html,
)
from documents.forms.maps import Field, FieldMap
from documents.forms.specimen import specimen
from documents.i18n import LANGUAGES, translator
from documents.person import CLINIC_TODO_PETITION, PROOF_READING, SERVER_SIGNS_PROOF

from .helpers import case_file, conviction, evaluate, pdf_text

APPLICANT = Applicant(name="Alex Rivera", street="1 Grant Avenue", city="San Francisco", state="CA",
                      zip="94108", phone="415-555-0199")
OLD_WORDING = "Proof of Service (form CR-401) in this packet"

#: A CR-401 revision with a field map (none ships yet): its caption, as an official CR-401 has.
CR401_MAP = FieldMap(
    form="CR-401", revision="Rev. January 1, 2030", footer="CR-401 [Rev. January 1, 2030]",
    page_size=(612.0, 792.0), on_state="/Yes", hidden=(),
    fields=(Field("name", "AttyName_ft[0]", "text", (60.0, 719.0, 394.0, 728.0)),
            Field("defendant", "Defendant_ft[0]", "text", (95.0, 606.0, 263.0, 617.0)),
            Field("case_number", "CaseNumber_ft[0]", "text", (398.0, 583.0, 567.0, 594.0))),
)


def _case():
    case = case_file(conviction())
    return case, evaluate(case)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def official_cr401(empty_forms_dir, monkeypatch):
    """An official CR-401 installed, with the map this version would ship for it."""
    shipped = dict(forms.field_maps())
    monkeypatch.setattr(importlib.import_module("documents.forms.install"), "field_maps", lambda: {**shipped, CR401_MAP.key: CR401_MAP})
    (empty_forms_dir / f"{CR401_MAP.key}.pdf").write_bytes(specimen(CR401_MAP))
    assert proof_choice() is not None
    return forms.installed("CR-401")


def test_without_the_official_cr401_the_papers_name_the_proof_by_another_adult():
    assert proof_choice() is None  # no CR-401 field map ships
    case, result = _case()
    packet = build_packet(case, result, APPLICANT)
    assert packet.proof == "labelled"
    steps = _flat(pdf_text(packet.files["next-steps.pdf"]))
    reading = _flat(pdf_text(packet.files["reading-copy.pdf"]))
    proof = _flat(pdf_text(packet.files["proof-of-service_SF12345.pdf"]))
    assert "PROOF OF SERVICE BY ANOTHER ADULT" in proof and "not Judicial Council form CR-401" in proof
    assert "titled \"PROOF OF SERVICE BY ANOTHER ADULT\". It is not form CR-401" in steps
    assert "Proof of service by another adult" in reading and "It is not form CR-401" in reading
    for text in (steps, reading):
        assert OLD_WORDING not in text and "Proof of service (form CR-401)" not in text
    html = _flat(render_html(case, result, APPLICANT, lang="en"))
    assert "It is not form CR-401" in html and OLD_WORDING not in html
    summary = _flat(pdf_text(build_clinic_summary(case, result)))
    assert "proof of service by another adult (not form CR-401)" in summary


def test_with_the_official_cr401_installed_the_papers_name_form_cr401(official_cr401):
    case, result = _case()
    packet = build_packet(case, result, APPLICANT)
    assert packet.proof == "official"
    filled = forms.read_values(packet.files["proof-of-service_SF12345.pdf"], official_cr401)
    assert filled == {"name": "Alex Rivera", "defendant": "Alex Rivera", "case_number": "SF12345"}
    steps = _flat(pdf_text(packet.files["next-steps.pdf"]))
    reading = _flat(pdf_text(packet.files["reading-copy.pdf"]))
    assert OLD_WORDING in steps and "BY ANOTHER ADULT" not in steps
    assert "Proof of service (form CR-401)" in reading and "BY ANOTHER ADULT" not in reading
    assert "(CR-401), then file" in _flat(pdf_text(build_clinic_summary(case, result)))
    # the duplicate forms ask for no official form at all
    assert build_packet(case, result, APPLICANT, forms="duplicate").proof == "labelled"


def test_a_packet_without_a_petition_has_no_proof_of_service():
    case = case_file(conviction(already_cleared=True))
    packet = build_packet(case, evaluate(case), APPLICANT)
    assert list(packet.files) == ["next-steps.pdf"]
    assert packet.proof == "" and packet.forms == ""


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_both_wordings_are_translated(lang):
    tr = translator(lang)
    for official in (True, False):
        for msgid in (SERVER_SIGNS_PROOF[official], *PROOF_READING[official], CLINIC_TODO_PETITION[official]):
            assert tr.gettext(msgid) != msgid, (lang, msgid)
    assert "CR-401" in tr.gettext(SERVER_SIGNS_PROOF[False])

"""Every legal case of the engine's case files: the papers match the engine's form instructions."""

from __future__ import annotations

import pytest

from documents import build_packet
from documents import fields as F
from tests.rules.casefiles import load_all

from .helpers import checked, evaluate, pdf_text

CASES = load_all()
SECTION_LABELS = {
    "11357": "11357 – Possession of Marijuana",
    "11358": "11358 – Cultivation of Marijuana",
    "11359": "11359 – Possession of Marijuana for Sale",
    "11360": "11360 – Transportation, Distribution, or Importation of Marijuana",
}


@pytest.mark.parametrize("legal_case", CASES, ids=[c.name for c in CASES])
def test_papers_follow_the_engine(legal_case):
    result = evaluate(legal_case.case, policy=legal_case.policy, as_of=legal_case.as_of)
    packet = build_packet(legal_case.case, result, None)
    groups = F.petition_groups(result)
    assert "next-steps.pdf" in packet.files
    for number, label, dets in groups:
        text = pdf_text(packet.files[f"CR-400_{label}.pdf"])
        marks = checked(text)
        if number:
            assert number in text
        wanted = {s for d in dets for s in d["cr400"]["item1"]}
        for section, box in SECTION_LABELS.items():
            assert (box in marks) == (section in wanted), (section, marks)
        title_b = any(d["cr400"]["title_box"] == "b" for d in dets)
        assert ("RESENTENCING OR DISMISSAL (Health & Saf. Code, § 11361.8(b))" in marks) == title_b
        assert f"CR-401_{label}.pdf" in packet.files
    if not groups:
        assert not any(name.startswith("CR-40") for name in packet.files)
    # a DA review request goes with every review, and with a county program's second way
    needs_review = any(F.effective_outcome(d) == "NEEDS_DA_REVIEW" or F.DA_REVIEW_FORM in d["forms"]
                       for d in result["convictions"])
    assert ("DA-review-request.pdf" in packet.files) == needs_review

"""The name as the court record spells it: on the English court papers; the name as the person
wrote it on the papers in their language."""

from __future__ import annotations

import pytest

from documents import Applicant, build_packet

from .helpers import pdf_text
from .test_fonts import every_paper_case

ADDRESS = {"street": "1 Grant Avenue", "city": "San Francisco", "state": "CA", "zip": "94108",
           "phone": "415-555-0199"}


@pytest.fixture(scope="module")
def packet():
    case, result = every_paper_case()
    applicant = Applicant.from_dict({"name": "王小明", "record_name": "WANG XIAOMING", **ADDRESS})
    return build_packet(case, result, applicant, lang="zh_Hant", forms="duplicate")


def test_court_papers_print_the_name_from_the_court_record(packet):
    court = [name for name in packet.files
             if name.startswith(("CR-400", "proof-of-service")) or name == "DA-review-request.pdf"]
    assert any(name.startswith("CR-400") for name in court)
    assert any(name.startswith("proof-of-service") for name in court)
    assert "DA-review-request.pdf" in court
    for name in court:
        text = pdf_text(packet.files[name])
        assert "WANG XIAOMING" in text, name
        assert "王小明" not in text, name


def test_papers_in_the_persons_language_keep_the_name_as_written(packet):
    for name in ("next-steps.pdf", "reading-copy.pdf", "DA-review-request_zh_Hant.pdf"):
        text = pdf_text(packet.files[name])
        assert "王小明" in text, name
        assert "WANG XIAOMING" not in text, name


def test_without_a_record_name_the_court_papers_print_the_name_as_typed():
    case, result = every_paper_case()
    applicant = Applicant.from_dict({"name": "Nguyễn Văn A", **ADDRESS})
    packet = build_packet(case, result, applicant, lang="vi", forms="duplicate")
    assert applicant.name_for_court == "Nguyễn Văn A"
    assert "Nguyễn Văn A" in pdf_text(packet.files["DA-review-request.pdf"])


@pytest.mark.parametrize("record_name", ["王小明", "김민준", "Иван"])
def test_a_record_name_must_be_in_latin_letters(record_name):
    with pytest.raises(ValueError, match="^record_name: "):
        Applicant.from_dict({"name": "王小明", "record_name": record_name, **ADDRESS})


def test_a_blank_record_name_is_no_record_name():
    applicant = Applicant.from_dict({"name": "王小明", "record_name": "  ", **ADDRESS})
    assert applicant.record_name is None
    assert applicant.name_for_court == "王小明"

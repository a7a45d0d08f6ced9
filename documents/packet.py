"""The packet: every paper a result calls for, as one combined PDF and as separate files."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from reportlab.pdfgen.canvas import Canvas

import rules

from . import fields as F
from . import typeset as ts
from .applicant import Applicant
from .flow import DOCUMENT_LEVEL
from .i18n import Translator, translator
from .person import (
    draw_clinic_summary,
    draw_da_letter,
    draw_next_steps,
    draw_reading_copy,
    write_da_letter,
    write_next_steps,
    write_reading_copy,
)
from .render import (
    FilledPages,
    court_forms,
    forms_choice,
    petition_filename,
    petition_part,
    proof_choice,
    proof_filename,
    render,
)
from .review import letter_fields


@dataclass(frozen=True)
class Packet:
    """``combined``: one PDF in reading order. ``files``: each document alone, by file name."""

    combined: bytes
    files: dict[str, bytes]
    overflow: tuple[str, ...] = ()
    lang: str = "en"
    order: tuple[str, ...] = field(default=())
    #: "official" when the official CR-400 was filled field by field, "duplicate" when drawn,
    #: "" when the packet has no CR-400
    forms: str = "duplicate"
    #: "official" when the official CR-401 was filled, "labelled" when the packet carries the
    #: proof of service by another adult (which says it is not form CR-401), "" when it has none
    proof: str = "labelled"


@dataclass(frozen=True)
class _Doc:
    filename: str
    title: str
    lang: str
    draw: Callable[[Canvas], None] | FilledPages


@dataclass(frozen=True)
class PersonPaper:
    """A paper the person reads: drawn as a PDF, or written to the accessible HTML copy."""

    slug: str
    filename: str
    title: str
    lang: str
    draw: Callable[[Canvas], None]
    write: Callable[[Any], None]  # writes to an ``html.HtmlFlow``


def _bookmarked(title: str, draw: Callable[[Canvas], None]) -> Callable[[Canvas], None]:
    """``draw`` with an outline entry (a PDF bookmark) for the document at its first page."""
    if isinstance(draw, FilledPages):
        return replace(draw, title=title)

    def draw_marked(canvas: Canvas) -> None:
        count = getattr(canvas, "_prop64_outline", 0) + 1
        canvas._prop64_outline = count
        canvas._prop64_document = True
        canvas.bookmarkPage(f"d{count}")
        canvas.addOutlineEntry(ts.normalise(title), f"d{count}", level=DOCUMENT_LEVEL, closed=False)
        draw(canvas)

    return draw_marked


def _to(flow: Any) -> Callable[..., Any]:
    return lambda *_args, **_layout: flow


def person_papers(case: Mapping[str, Any] | rules.Case, result: Mapping[str, Any],
                  applicant: Applicant | None, tr: Translator, forms: str | None = None) -> list[PersonPaper]:
    """The next steps, the reading copy and the DA letter (the English letter and the person's
    copy), in packet order. ``forms`` as for :func:`build_packet`: it decides whether the proof of
    service they name is form CR-401 or the proof of service by another adult."""
    case_obj = load_case(case)
    _ = tr.gettext
    papers: list[PersonPaper] = []
    official_proof = proof_choice(forms) is not None
    steps = F.next_steps_fields(case_obj, result, applicant)
    papers.append(PersonPaper("next-steps", "next-steps.pdf", _("Your next steps"), tr.lang,
                              partial(draw_next_steps, f=steps, tr=tr, official_proof=official_proof),
                              lambda flow: write_next_steps(_to(flow), steps, tr, official_proof=official_proof)))
    # the reading copy and the person's copy of the letter keep the name as they wrote it
    own = applicant.as_written() if applicant else None
    petitions = F.cr400_fields(case_obj, result, own)
    if petitions:
        papers.append(PersonPaper("reading-copy", "reading-copy.pdf", _("What your petition says"), tr.lang,
                                  partial(draw_reading_copy, petitions=petitions, tr=tr,
                                          official_proof=official_proof),
                                  lambda flow: write_reading_copy(_to(flow), petitions, tr,
                                                                  official_proof=official_proof)))
    letter = letter_fields(case_obj, result, applicant)
    if letter is not None:
        english = translator("en")
        papers.append(PersonPaper(
            "da-review-request", "DA-review-request.pdf", "Request for DA review", "en",
            partial(draw_da_letter, f=letter, tr=english, translated_copy=False),
            lambda flow: write_da_letter(_to(flow), letter, english, translated_copy=False)))
        if tr.lang != "en":
            copy = letter_fields(case_obj, result, own)
            papers.append(PersonPaper(
                f"da-review-request-{tr.lang}", f"DA-review-request_{tr.lang}.pdf",
                _("Request for DA review (your copy)"), tr.lang,
                partial(draw_da_letter, f=copy, tr=tr, translated_copy=True),
                lambda flow: write_da_letter(_to(flow), copy, tr, translated_copy=True)))
    return papers


def load_case(case: Mapping[str, Any] | rules.Case) -> rules.Case:
    """The case file validated by the engine and checked for what the papers print (raises
    ``rules.CaseError`` or ``fields.PapersInputError``)."""
    return F.read_case(case)


def _documents(case: rules.Case, result: Mapping[str, Any], applicant: Applicant | None, tr: Translator,
               forms: str | None = None) -> list[_Doc]:
    papers = person_papers(case, result, applicant, tr, forms)
    docs = [_Doc(p.filename, p.title, p.lang, p.draw) for p in papers if not p.slug.startswith("da-review")]
    petitions = F.cr400_fields(case, result, applicant)
    proofs = F.cr401_fields(case, result, applicant)
    official, official_proof = forms_choice(forms), proof_choice(forms)
    for petition, proof in zip(petitions, proofs):
        docs += [_Doc(name, title, "en", part)
                 for name, title, part in court_forms(petition, proof, official, official_proof)]
    docs += [_Doc(p.filename, p.title, p.lang, p.draw) for p in papers if p.slug.startswith("da-review")]
    return docs


def build_packet(
    case: Mapping[str, Any] | rules.Case,
    result: Mapping[str, Any],
    applicant: Applicant | None = None,
    lang: str = "en",
    forms: str | None = None,
) -> Packet:
    """Every paper the result calls for.

    ``case`` is the DESIGN §4 case file dict (validated here with ``rules.load_case``),
    ``result`` is ``rules.result_to_dict(...)`` (live or stored), ``applicant`` may be None (the
    party boxes are then left blank for handwriting). Signature and date are never filled in.
    ``forms``: "official" (the installed official CR-400, filled field by field), "duplicate" (the
    drawn copy) or None (official when installed, else the duplicate); ``Packet.forms`` says which.
    """
    tr = translator(lang)
    case_obj = load_case(case)
    official = forms_choice(forms)
    docs = _documents(case_obj, result, applicant, tr, forms)
    has_proof = any(d.filename.startswith("proof-of-service") for d in docs)
    files = {doc.filename: render([_bookmarked(doc.title, doc.draw)], title=doc.title, lang=doc.lang)
             for doc in docs}
    combined = render([_bookmarked(doc.title, doc.draw) for doc in docs], title=tr.gettext("Your papers"),
                      lang=tr.lang)
    return Packet(
        combined=combined,
        files=files,
        overflow=tuple(F.overflow_cases(result)),
        lang=tr.lang,
        order=tuple(doc.filename for doc in docs),
        forms=("duplicate" if official is None else "official") if any(d.filename.startswith("CR-400") for d in docs)
        else "",
        proof=("labelled" if proof_choice(forms) is None else "official") if has_proof else "",
    )


def build_cr400s(case: Mapping[str, Any] | rules.Case, result: Mapping[str, Any],
                 applicant: Applicant | None = None, forms: str | None = None) -> dict[str, bytes]:
    """Only the CR-400 petitions with their attachments, by file name (for bulk runs that need no
    packet)."""
    case_obj = load_case(case)
    official = forms_choice(forms)
    return {
        petition_filename(p): render([petition_part(p, official)], title=f"CR-400 {p.case_number}")
        for p in F.cr400_fields(case_obj, result, applicant)
    }


def prepared_documents(result: Mapping[str, Any], lang: str = "en") -> list[str]:
    """What a packet for this result contains, as file names (for the clinic summary)."""
    tr = translator(lang)
    names = ["next-steps.pdf"]
    groups = F.petition_groups(result)
    if groups:
        names.append("reading-copy.pdf")
    for _number, label, _dets in groups:
        names += [f"CR-400_{label}.pdf", proof_filename(label)]
    if any(F.effective_outcome(d) == "NEEDS_DA_REVIEW" or F.DA_REVIEW_FORM in (d.get("forms") or ())
           for d in result.get("convictions") or ()):
        names.append("DA-review-request.pdf")
        if tr.lang != "en":
            names.append(f"DA-review-request_{tr.lang}.pdf")
    return names


def build_clinic_summary(
    case: Mapping[str, Any] | rules.Case,
    result: Mapping[str, Any],
    lang: str = "en",
    client_label: str | None = None,
    prepared: Sequence[str] | None = None,
) -> bytes:
    """A one-page summary for a clinic client: each conviction, its outcome and why, what was
    prepared, and what the client must do next, in the client's language."""
    tr = translator(lang)
    case_obj = load_case(case)
    steps = F.next_steps_fields(case_obj, result, None)
    listed = list(prepared) if prepared is not None else prepared_documents(result, tr.lang)
    title = tr.gettext("Clinic summary")
    official_proof = proof_choice() is not None
    # One page: show fewer reasons, then smaller type, until everything fits.
    for detail, size in CLINIC_SUMMARY_STEPS:
        draw = partial(draw_clinic_summary, f=steps, tr=tr, client_label=client_label, prepared=listed,
                       detail=detail, body_size=size, official_proof=official_proof)
        if not draw(Canvas(io.BytesIO(), invariant=1)):
            break
    return render([_bookmarked(title, draw)], title=title, lang=tr.lang)


#: (reasons per conviction, body size) tried in turn for the one-page clinic summary
CLINIC_SUMMARY_STEPS = ((2, 8.5), (1, 8.0), (0, 8.0), (0, 7.0), (0, 6.0))

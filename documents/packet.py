"""The packet: every paper a result calls for, as one combined PDF and as separate files."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from reportlab.pdfgen.canvas import Canvas

import rules

from . import fields as F
from .applicant import Applicant
from .i18n import Translator, translator
from .person import draw_clinic_summary, draw_da_letter, draw_next_steps, draw_reading_copy
from .render import draw_cr400, draw_cr401, render


@dataclass(frozen=True)
class Packet:
    """``combined``: one PDF in reading order. ``files``: each document alone, by file name."""

    combined: bytes
    files: dict[str, bytes]
    overflow: tuple[str, ...] = ()
    lang: str = "en"
    order: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class _Doc:
    filename: str
    title: str
    lang: str
    draw: Callable[[Canvas], None]


def load_case(case: Mapping[str, Any] | rules.Case) -> rules.Case:
    """The case file dict validated by the engine (raises ``rules.CaseError``)."""
    if isinstance(case, rules.Case):
        return case
    return rules.load_case(dict(case))


def _documents(case: rules.Case, result: Mapping[str, Any], applicant: Applicant | None, tr: Translator) -> list[_Doc]:
    _ = tr.gettext
    docs: list[_Doc] = []
    steps = F.next_steps_fields(case, result, applicant)
    docs.append(_Doc("next-steps.pdf", _("Your next steps"), tr.lang, partial(draw_next_steps, f=steps, tr=tr)))
    petitions = F.cr400_fields(case, result, applicant)
    proofs = F.cr401_fields(case, result, applicant)
    if petitions:
        docs.append(_Doc("reading-copy.pdf", _("What your petition says"), tr.lang,
                         partial(draw_reading_copy, petitions=petitions, tr=tr)))
    for petition, proof in zip(petitions, proofs):
        docs.append(_Doc(f"CR-400_{petition.file_label}.pdf", f"CR-400 {petition.case_number}".strip(), "en",
                         partial(draw_cr400, fields=petition)))
        docs.append(_Doc(f"CR-401_{proof.file_label}.pdf", f"CR-401 {proof.case_number}".strip(), "en",
                         partial(draw_cr401, fields=proof)))
    review = F.da_review_fields(case, result, applicant)
    if review is not None:
        english = translator("en")
        docs.append(_Doc("DA-review-request.pdf", "Request for DA review", "en",
                         partial(draw_da_letter, f=review, tr=english, translated_copy=False)))
        if tr.lang != "en":
            docs.append(_Doc(f"DA-review-request_{tr.lang}.pdf", _("Request for DA review (your copy)"), tr.lang,
                             partial(draw_da_letter, f=review, tr=tr, translated_copy=True)))
    return docs


def build_packet(
    case: Mapping[str, Any] | rules.Case,
    result: Mapping[str, Any],
    applicant: Applicant | None = None,
    lang: str = "en",
) -> Packet:
    """Every paper the result calls for.

    ``case`` is the DESIGN §4 case file dict (validated here with ``rules.load_case``),
    ``result`` is ``rules.result_to_dict(...)`` (live or stored), ``applicant`` may be None (the
    party boxes are then left blank for handwriting). Signature and date are never filled in.
    """
    tr = translator(lang)
    case_obj = load_case(case)
    docs = _documents(case_obj, result, applicant, tr)
    files = {doc.filename: render([doc.draw], title=doc.title, lang=doc.lang) for doc in docs}
    combined = render([doc.draw for doc in docs], title=tr.gettext("Your papers"), lang=tr.lang)
    return Packet(
        combined=combined,
        files=files,
        overflow=tuple(F.overflow_cases(result)),
        lang=tr.lang,
        order=tuple(doc.filename for doc in docs),
    )


def build_cr400s(case: Mapping[str, Any] | rules.Case, result: Mapping[str, Any],
                 applicant: Applicant | None = None) -> dict[str, bytes]:
    """Only the CR-400 petitions, by file name (for bulk runs that need no packet)."""
    case_obj = load_case(case)
    return {
        f"CR-400_{p.file_label}.pdf": render([partial(draw_cr400, fields=p)], title=f"CR-400 {p.case_number}")
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
        names += [f"CR-400_{label}.pdf", f"CR-401_{label}.pdf"]
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
    # One page: show fewer reasons, then smaller type, until everything fits.
    for detail, size in CLINIC_SUMMARY_STEPS:
        draw = partial(draw_clinic_summary, f=steps, tr=tr, client_label=client_label, prepared=listed,
                       detail=detail, body_size=size)
        if not draw(Canvas(io.BytesIO(), invariant=1)):
            break
    return render([draw], title=title, lang=tr.lang)


#: (reasons per conviction, body size) tried in turn for the one-page clinic summary
CLINIC_SUMMARY_STEPS = ((2, 8.5), (1, 8.0), (0, 8.0), (0, 7.0), (0, 6.0))

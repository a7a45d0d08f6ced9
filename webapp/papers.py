"""The papers step: the applicant's details (kept only in the session) → the PDF packet."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, redirect, render_template, request, session, url_for
from markupsafe import Markup

import documents
import rules
from documents.fields import COUNTY_UNKNOWN

from . import answers, contacts, downloads, evaluation, presenters
from .forms import ApplicantForm
from .helpers import form_source, language_switch, today
from .i18n import gettext, select_locale

bp = Blueprint("papers", __name__, url_prefix="/papers")
bp.add_app_template_global(downloads.file_id, "file_id")

APPLICANT_FIELDS = ("name", "record_name", "street", "city", "state", "zip", "phone", "email",
                    "attorney_name", "bar_number", "firm")


def _evaluated() -> evaluation.EvaluatedCase | None:
    """The engine's answer for the session's answers, or None when there is nothing to ask."""
    data = answers.load()
    if not data["cv"]:
        return None
    evaluated = evaluation.evaluate_answers(data, today=today())
    return evaluated if evaluated.result else None


def input_problem(case_dict: dict[str, Any]) -> documents.PapersInputError | None:
    """The papers' refusal of an answer they cannot print truthfully (a placeholder case number,
    a county that is not Californian), or None. Checked before any paper is made."""
    try:
        documents.read_case(case_dict)
    except documents.PapersInputError as error:
        return error
    return None


def problem_text(error: documents.PapersInputError) -> str:
    """The refusal in the reader's language (its msgid is in the catalogs)."""
    return gettext(error.message, **error.params)


def _problem_url(error: documents.PapersInputError, sources: list[int]) -> str:
    """The question whose answer the papers refused."""
    if error.field.startswith("convictions["):
        index = int(error.field.split("[")[1].split("]")[0])
        return url_for("screener.question", index=sources[index], step_id="case_number")
    return url_for("screener.county")


def _problem(evaluated: evaluation.EvaluatedCase) -> tuple[str, str] | None:
    """(message, where to change the answer) when the answers cannot go on the papers."""
    error = input_problem(evaluated.case)
    return (problem_text(error), _problem_url(error, evaluated.sources)) if error else None


def _county_refused(error: rules.CaseError) -> tuple[str, str] | None:
    """The engine's refusal of a county no form offers (as from an older session), worded as the
    papers word it, with the county question to change it; None for any other clash."""
    if not any(problem.field == "county" for problem in error.problems):
        return None
    refusal = documents.PapersInputError("county", COUNTY_UNKNOWN, county=answers.load().get("county"))
    return problem_text(refusal), url_for("screener.county")


def _checked() -> tuple[evaluation.EvaluatedCase | None, tuple[str, str] | None]:
    """The engine's answer (or None), and what stops the papers (or None): a county the engine
    refuses, or a value the papers cannot print truthfully. Other clashes raise CaseError."""
    try:
        evaluated = _evaluated()
    except rules.CaseError as error:
        if (refused := _county_refused(error)) is None:
            raise
        return None, refused
    return evaluated, (_problem(evaluated) if evaluated else None)


def _ready_to_print(evaluated: evaluation.EvaluatedCase | None) -> bool:
    """The papers can be made: answers the engine read, the applicant's details, and nothing
    the papers refuse."""
    return evaluated is not None and _details_given() and input_problem(evaluated.case) is None


def _details_given() -> bool:
    """The applicant's details are in the session, with the name in Latin letters for the court
    forms when the name typed is in another script (older sessions may lack it)."""
    details = session.get("ap") or {}
    return bool(details) and not (documents.needs_latin_name(details.get("name", ""))
                                  and not details.get("record_name"))


@bp.errorhandler(rules.CaseError)
def answers_clash(error: rules.CaseError):
    """Answers the engine cannot read never end in an error page: a refused county is explained
    on the papers step; other clashes get the questions' own explanation (as the results do)."""
    if _county_refused(error) is not None:
        return redirect(url_for("papers.applicant"))
    return render_template("questions/problem.html"), 422


@bp.route("/", methods=["GET", "POST"])
def applicant():
    if (switched := language_switch()) is not None:
        return switched
    evaluated, problem = _checked()
    if problem is None and (evaluated is None or not evaluated.needs_papers):
        return redirect(url_for("screener.results"))
    stored = session.get("ap") or {}
    form = ApplicantForm(
        **form_source(),
        data={**{k: stored.get(k, "") for k in APPLICANT_FIELDS}, "state": stored.get("state") or "CA",
              "representation": "self" if stored.get("in_pro_per", True) else "attorney"},
    )
    if request.method == "POST" and form.validate():
        details = {k: (getattr(form, k).data or "").strip() for k in APPLICANT_FIELDS}
        details["state"] = details["state"].upper()
        details["in_pro_per"] = form.representation.data == "self"
        if details["in_pro_per"]:
            details.update(attorney_name="", bar_number="", firm="")
        session["ap"] = details
        if problem is None:
            return redirect(url_for("papers.ready"), code=303)
    return render_template("papers/applicant.html", form=form, problem=problem,
                           record_name_hint=gettext(documents.LATIN_NAME_REASON))


@bp.get("/ready")
def ready():
    evaluated, problem = _checked()
    if evaluated is None and problem is None:
        return redirect(url_for("screener.results"))
    if not _details_given() or problem:
        return redirect(url_for("papers.applicant"))
    packet = _packet(evaluated)
    data = answers.load()
    return render_template(
        "papers/ready.html",
        files=[(name, presenters.file_label(name)) for name in packet.files],
        proof=packet.proof,
        overflow=evaluated.overflow,
        applicant=session["ap"],
        county=presenters.county_view(evaluated.result.get("county"),
                                      contacts.cities_named(data["cv"])),
        any_petition=any(evaluation.files_petition(c) for c in evaluated.convictions),
        any_review=any(evaluation.asks_review(c) for c in evaluated.convictions),
    )


def _applicant() -> Any:
    details = dict(session["ap"])
    for key in ("email", "attorney_name", "bar_number", "firm", "record_name"):
        details[key] = details.get(key) or None
    return documents.Applicant(**details)


def _packet(evaluated: evaluation.EvaluatedCase):
    return documents.build_packet(evaluated.case, evaluated.result, _applicant(),
                                  lang=select_locale())


@bp.get("/packet.pdf")
def packet():
    evaluated = _evaluated()
    if not _ready_to_print(evaluated):
        return redirect(url_for("papers.ready"))
    return _pdf(_packet(evaluated).combined, "prop64-papers.pdf")


@bp.get("/file/<file_id>")
def single(file_id: str):
    """One paper, by its opaque id (see webapp.downloads): no case number in the address."""
    evaluated = _evaluated()
    if not _ready_to_print(evaluated):
        return redirect(url_for("papers.ready"))
    files = _packet(evaluated).files
    name = downloads.find(files, file_id)
    if name is None:
        abort(404)
    return _pdf(files[name], name)


@bp.get("/read")
def read():
    """The papers a person reads, as a web page (for screen readers), from the same text as the PDFs."""
    evaluated = _evaluated()
    if not _ready_to_print(evaluated):
        return redirect(url_for("papers.ready"))
    body = documents.render_html(evaluated.case, evaluated.result, _applicant(), lang=select_locale())
    return render_template("papers/read.html", papers=Markup(body))  # every value escaped by render_html


@bp.post("/forget")
def forget():
    session.pop("ap", None)
    return redirect(url_for("screener.results"), code=303)


def _pdf(data: bytes, filename: str) -> Response:
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

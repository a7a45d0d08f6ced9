"""The papers step: the applicant's details (kept only in the session) → the PDF packet."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, redirect, render_template, request, session, url_for
from flask_babel import gettext
from markupsafe import Markup

from . import answers, presenters
from .forms import ApplicantForm
from .helpers import form_source, language_switch
from .i18n import select_locale

bp = Blueprint("papers", __name__, url_prefix="/papers")

APPLICANT_FIELDS = ("name", "street", "city", "state", "zip", "phone", "email",
                    "attorney_name", "bar_number", "firm")


def documents_module():
    """The documents package, or None while it is not installed in this checkout."""
    try:
        import documents

        documents.build_packet  # noqa: B018 - the API this step needs
    except (ImportError, AttributeError):
        return None
    return documents


def overflow(result: dict[str, Any]) -> list[str]:
    """Case numbers whose convictions need an attachment page on the CR-400."""
    docs = documents_module()
    if docs is None or not hasattr(docs, "overflow_cases"):
        return []
    return list(docs.overflow_cases(result))


def _evaluated(with_sources: bool = False):
    from .screener import evaluate

    data = answers.load()
    if not data["cv"]:
        return None
    result, case_dict, sources = evaluate(data)
    if not result:
        return None
    return (result, case_dict, sources) if with_sources else (result, case_dict)


def input_problem(docs, case_dict: dict[str, Any]):
    """The papers' refusal of an answer they cannot print truthfully (a placeholder case number,
    a county that is not Californian), or None. Checked before any paper is made."""
    refusal = getattr(docs, "PapersInputError", None)
    if docs is None or refusal is None:
        return None
    try:
        docs.read_case(case_dict)
    except refusal as error:
        return error
    return None


def problem_text(error) -> str:
    """The refusal in the reader's language (its msgid is in the catalogs)."""
    return gettext(error.message, **error.params)


def _problem_url(error, sources: list[int]) -> str:
    """The question whose answer the papers refused."""
    if error.field.startswith("convictions["):
        index = int(error.field.split("[")[1].split("]")[0])
        return url_for("screener.question", index=sources[index], step_id="case_number")
    return url_for("screener.county")


def _problem(evaluated) -> tuple[str, str] | None:
    """(message, where to change the answer) when the answers cannot go on the papers."""
    docs = documents_module()
    error = input_problem(docs, evaluated[1]) if evaluated else None
    return (problem_text(error), _problem_url(error, evaluated[2])) if error else None


def _needs_papers(result: dict[str, Any]) -> bool:
    return any(
        (c.get("county_outcome") or c["outcome"]) in presenters.RELIEF
        or (c.get("county_outcome") or c["outcome"]) == "NEEDS_DA_REVIEW"
        for c in result["convictions"]
    )


@bp.route("/", methods=["GET", "POST"])
def applicant():
    if (switched := language_switch()) is not None:
        return switched
    evaluated = _evaluated(with_sources=True)
    if evaluated is None or not _needs_papers(evaluated[0]):
        return redirect(url_for("screener.results"))
    problem = _problem(evaluated)
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
    return render_template("papers/applicant.html", form=form, problem=problem)


@bp.get("/ready")
def ready():
    evaluated = _evaluated(with_sources=True)
    if evaluated is None:
        return redirect(url_for("screener.results"))
    if not session.get("ap") or _problem(evaluated):
        return redirect(url_for("papers.applicant"))
    evaluated = evaluated[:2]
    result, _case = evaluated
    docs = documents_module()
    extra_pages = overflow(result)
    files: list[str] = []
    if docs is not None:
        packet = _packet(docs, evaluated)
        files = list(packet.files) if packet is not None else []
    return render_template(
        "papers/ready.html",
        available=docs is not None,
        files=files,
        overflow=extra_pages,
        applicant=session["ap"],
    )


def _applicant(docs) -> Any:
    details = dict(session["ap"])
    for key in ("email", "attorney_name", "bar_number", "firm"):
        details[key] = details.get(key) or None
    return docs.Applicant(**details)


def _packet(docs, evaluated):
    result, case_dict = evaluated
    return docs.build_packet(case_dict, result, _applicant(docs), lang=select_locale())


@bp.get("/packet.pdf")
def packet():
    evaluated, docs = _evaluated(), documents_module()
    if evaluated is None or docs is None or not session.get("ap") or input_problem(docs, evaluated[1]):
        return redirect(url_for("papers.ready"))
    return _pdf(_packet(docs, evaluated).combined, "prop64-papers.pdf")


@bp.get("/file/<name>")
def single(name: str):
    evaluated, docs = _evaluated(), documents_module()
    if evaluated is None or docs is None or not session.get("ap") or input_problem(docs, evaluated[1]):
        return redirect(url_for("papers.ready"))
    files = _packet(docs, evaluated).files
    if name not in files:
        abort(404)
    return _pdf(files[name], name)


@bp.get("/read")
def read():
    """The papers a person reads, as a web page (for screen readers), from the same text as the PDFs."""
    evaluated, docs = _evaluated(), documents_module()
    if evaluated is None or docs is None or not session.get("ap") or not hasattr(docs, "render_html") \
            or input_problem(docs, evaluated[1]):
        return redirect(url_for("papers.ready"))
    result, case_dict = evaluated
    body = docs.render_html(case_dict, result, _applicant(docs), lang=select_locale())
    return render_template("papers/read.html", papers=Markup(body))  # every value escaped by render_html


@bp.post("/forget")
def forget():
    session.pop("ap", None)
    return redirect(url_for("screener.results"), code=303)


def _pdf(data: bytes, filename: str) -> Response:
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

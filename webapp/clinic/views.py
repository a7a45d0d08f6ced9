"""Clinic mode: one volunteer, one browser, several clients in a row.

Each client has their own convictions (entered on one screen or uploaded as a CSV file),
results, papers in the client's language and a one-page clinic summary. Nothing is stored on
the server: the clients live in the session cookie (``webapp.clinic.state``), "finish with this
client" removes one of them, and 30 idle minutes remove them all. The end-of-clinic report
holds counts only.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import format_time
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import RequestEntityTooLarge

import documents
import rules
from rules import counties

from .. import downloads, evaluation, i18n, presenters
from ..answers import UNSURE
from ..forms import DateForm, digits_only, month_choices
from ..helpers import language_switch, month_names, take_draft, today
from ..i18n import gettext
from ..i18n import lazy_gettext as _l
from ..papers import input_problem, problem_text
from ..security import CSP
from . import csv as clinic_csv
from . import state
from .forms import (
    AGE_AT_THE_TIME,
    CONVICTION_DATE,
    OFFENSE_DATE,
    ClientForm,
    OrgForm,
    PapersForm,
    Row,
    make_row,
    row_answers,
    row_formdata,
    validate_row,
)

bp = Blueprint("clinic", __name__, url_prefix="/clinic")

#: Clinic pages run one small script of our own (the live countdown), nothing else.
CLINIC_CSP = "; ".join(
    [d for d in CSP.split("; ") if d.split(" ")[0] not in ("script-src", "connect-src")]
    + ["script-src 'self'", "connect-src 'self'"]
)

TOO_MUCH = _l("This browser cannot hold any more information for this clinic session. Finish "
              "with a client you have already helped, then try again.")
TOO_MANY_CLIENTS = _l("You can have up to %(count)d clients open at once. Finish with a client "
                      "before you add another.")
NO_ROWS_SAVED = _l("Add at least one conviction: fill in its code section.")
UPLOAD_MISSING = _l("Choose a CSV file to upload.")
UPLOAD_TOO_BIG = _l("This file is larger than %(size)d MB, so it was not read. One client's "
                    "convictions fit in a much smaller file: check that you chose the right one.")
OPEN_PAGES = {"clinic.index", "clinic.start", "clinic.ended", "clinic.export", "clinic.static"}


# --- every request: the idle limit, the page's policy ------------------------------------------


@bp.before_request
def check_idle():
    raw = session.get(state.KEY)
    if not isinstance(raw, dict) or "t" not in raw:
        if request.endpoint not in OPEN_PAGES:
            return redirect(url_for("clinic.index"))
        return None
    data = state.load()
    if state.expired(data):
        _fold_open_clients(data)
        session[state.KEY] = {"k": data["k"]}
        state.wipe(keep_counts=True)
        return redirect(url_for("clinic.ended", why="idle"), code=303)
    if request.endpoint != "clinic.ended":
        session[state.KEY]["t"] = state.now()
        session.modified = True
    g.clinic = state.load()
    return None


@bp.before_app_request
def wipe_when_idle_anywhere():
    """Outside clinic pages too: clients are not kept past the idle limit on any page."""
    if request.blueprint == "clinic" or request.endpoint == "static":
        return
    raw = session.get(state.KEY)
    if isinstance(raw, dict) and "t" in raw:
        data = state.load()
        if state.expired(data):
            _fold_open_clients(data)
            session[state.KEY] = {"k": data["k"]}
            state.wipe(keep_counts=True)


@bp.after_request
def clinic_headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CLINIC_CSP
    return response


def _data() -> dict[str, Any]:
    return g.get("clinic") or state.load()


def _save(data: dict[str, Any]) -> bool:
    try:
        state.save(data)
    except state.TooMuch:
        return False
    g.clinic = data
    return True


def _client_or_404(data: dict[str, Any], cid: str) -> dict[str, Any]:
    client = state.client(data, cid)
    if client is None:
        abort(404)
    if data.get("cur") != cid:
        data["cur"] = cid
        _save(data)
    return client


def _page(template: str, **context):
    data = _data()
    ends = state.ends_at(data) if "t" in data else None
    return render_template(
        template,
        clients=data["c"],
        org=data.get("o"),
        current_id=data.get("cur"),
        seconds_left=max(0, ends - state.now()) if ends else None,
        ends_at=_clock_time(ends) if ends else None,
        idle_minutes=state.IDLE_SECONDS // 60,
        warn_seconds=state.WARN_SECONDS,
        language_names={lang.code: lang.name for lang in i18n.LANGUAGES},
        **context,
    )


def _clock_time(epoch: int) -> str:
    return format_time(datetime.fromtimestamp(epoch, tz=UTC), "short")


# --- start, the list of clients, the end -----------------------------------------------------


@bp.get("/")
def index():
    data = state.load()
    if not state.active():
        return render_template("clinic/welcome.html", counts=data["k"], idle_minutes=state.IDLE_SECONDS // 60,
                               max_clients=state.MAX_CLIENTS)
    rows = []
    for client in data["c"]:
        rows.append({"client": client, "count": len(client.get("cv") or [])})
    return _page(
        "clinic/index.html",
        rows=rows,
        can_add=len(data["c"]) < state.MAX_CLIENTS,
        max_clients=state.MAX_CLIENTS,
        finished=request.args.get("finished") == "1",
        counts=data["k"],
    )


@bp.post("/start")
def start():
    data = state.load()
    data["t"] = state.now()
    _save(data)
    return redirect(url_for("clinic.setup"), code=303)


@bp.route("/setup", methods=["GET", "POST"])
def setup():
    if (switched := language_switch()) is not None:
        return switched
    data = _data()
    stored = data.get("o") or {}
    initial = {field: stored.get(key, "") for field, key in state.ORG_KEYS.items()}
    initial["state"] = initial["state"] or "CA"
    if stored:
        initial["representation"] = "self" if stored.get("ipp") else "attorney"
    form = OrgForm(formdata=_formdata(), data=initial)
    if request.method == "POST" and form.validate():
        if form.representation.data == "self":
            data["o"] = {"ipp": True}
        else:
            block = {key: (getattr(form, field).data or "").strip()
                     for field, key in state.ORG_KEYS.items()}
            block["sa"] = block["sa"].upper()
            data["o"] = {k: v for k, v in block.items() if v}
        if not _save(data):
            return _page("clinic/setup.html", form=form, problem=str(TOO_MUCH)), 413
        return redirect(url_for("clinic.index"), code=303)
    return _page("clinic/setup.html", form=form, problem=None)


@bp.get("/ping")
def ping():
    """Keep the clinic session open (the countdown's "keep working" button)."""
    data = _data()
    return {"left": state.ends_at(data) - state.now()}


@bp.get("/ended")
def ended():
    if state.active():  # another tab kept the session open
        return redirect(url_for("clinic.index"))
    data = state.load()
    return render_template("clinic/ended.html", why=request.args.get("why"), counts=data["k"],
                           idle_minutes=state.IDLE_SECONDS // 60)


def _confirmed() -> bool:
    """Removing a client or the whole session needs a second, explicit press (no script)."""
    return request.method == "POST" and request.form.get("confirm") == "yes"


@bp.route("/end", methods=["GET", "POST"])
def end():
    if not _confirmed():
        return _page("clinic/confirm.html", what="end", client=None)
    state.wipe(keep_counts=False)
    return redirect(url_for("clinic.ended", why="end"), code=303)


@bp.get("/report")
def report():
    counts = _all_counts(_data())
    return _page("clinic/report.html", counts=counts, outcome_names=_outcome_names(),
                 outcome_counts=list(zip(state.OUTCOMES, counts["o"])),
                 language_counts=list(zip(state.LANG_CODES, counts["l"])))


@bp.get("/export.<fmt>")
def export(fmt: str):
    if fmt not in ("csv", "json"):
        abort(404)
    data = state.load()
    counts = _all_counts(data) if state.active() else data["k"]
    report_ = state.export(counts)
    report_ = {"as_of": today().isoformat(), "rules_version": rules.RULES_VERSION, **report_}
    if fmt == "json":
        response = Response(json.dumps(report_, indent=2) + "\n", mimetype="application/json")
    else:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["measure", "value"])
        writer.writerow(["as_of", report_["as_of"]])
        writer.writerow(["rules_version", report_["rules_version"]])
        writer.writerow(["clients_seen", report_["clients_seen"]])
        writer.writerow(["convictions_checked", report_["convictions_checked"]])
        for name, value in report_["outcomes"].items():
            writer.writerow([f"outcome:{name}", value])
        for name, value in report_["client_languages"].items():
            writer.writerow([f"language:{name}", value])
        response = Response(out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="clinic-counts.{fmt}"'
    return response


# --- a client's details -----------------------------------------------------------------------


def _months() -> Mapping[int, str]:
    return month_names()


def _county_choices() -> list[tuple[str, str]]:
    return ([("", gettext("Choose a county"))]
            + [(c.name, c.name) for c in counties.all_counties()]
            + [(UNSURE, gettext("I'm not sure"))])


def _formdata() -> MultiDict | None:
    if request.method == "POST":
        return request.form
    return take_draft()


def _dob_form(stored: str | None, formdata) -> DateForm:
    initial: dict[str, Any] = {}
    if stored == UNSURE:
        initial["unknown"] = True
    elif stored:
        initial = {"year": stored[:4], "month": str(int(stored[5:7])), "day": str(int(stored[8:10]))}
    form = DateForm(formdata=formdata, prefix="dob-", meta={"csrf": False}, data=initial)
    form.month.choices = month_choices(_months())
    form.today = today()
    form.require_day = True
    return form


def _client_forms(client: dict[str, Any] | None):
    client = client or {}
    formdata = _formdata()
    form = ClientForm(formdata=formdata, data={
        "label": client.get("n", ""),
        "language": client.get("l") or i18n.select_locale(),
        "county": client.get("co", ""),
    })
    form.language.choices = [(lang.code, lang.name) for lang in i18n.LANGUAGES]
    form.county.choices = _county_choices()
    return form, _dob_form(client.get("dob"), formdata)


@bp.route("/clients/new", methods=["GET", "POST"])
def new_client():
    if (switched := language_switch()) is not None:
        return switched
    data = _data()
    if len(data["c"]) >= state.MAX_CLIENTS:
        return _page("clinic/full.html", message=str(TOO_MANY_CLIENTS % {"count": state.MAX_CLIENTS})), 409
    form, dob = _client_forms(None)
    if request.method == "POST" and _validate_all(form, dob):
        client = {"i": state.new_client_id(data), "cv": []}
        _store_details(client, form, dob)
        data["c"].append(client)
        data["cur"] = client["i"]
        if not _save(data):
            return _page("clinic/client.html", form=form, dob=dob, client=None, problem=str(TOO_MUCH)), 413
        return redirect(url_for("clinic.convictions", cid=client["i"]), code=303)
    return _page("clinic/client.html", form=form, dob=dob, client=None, problem=None)


@bp.route("/clients/<cid>/details", methods=["GET", "POST"])
def client_details(cid: str):
    if (switched := language_switch()) is not None:
        return switched
    data = _data()
    client = _client_or_404(data, cid)
    form, dob = _client_forms(client)
    if request.method == "POST" and _validate_all(form, dob):
        _store_details(client, form, dob)
        if not _save(data):
            return _page("clinic/client.html", form=form, dob=dob, client=client, problem=str(TOO_MUCH)), 413
        return redirect(url_for("clinic.results", cid=cid) if client["cv"] else
                        url_for("clinic.convictions", cid=cid), code=303)
    return _page("clinic/client.html", form=form, dob=dob, client=client, problem=None)


def _validate_all(*forms) -> bool:
    ok = True
    for form in forms:
        ok = form.validate() and ok
    return ok


def _store_details(client: dict[str, Any], form: ClientForm, dob: DateForm) -> None:
    client["n"] = " ".join(form.label.data.split())
    client["l"] = form.language.data
    client["co"] = form.county.data
    client["dob"] = dob.parsed


# --- a client's convictions: one screen, or a CSV file ------------------------------------------


def _rows(client: dict[str, Any], formdata: MultiDict | None, count: int) -> list[Row]:
    return [make_row(i, formdata, _months(), today(), client.get("dob")) for i in range(count)]


def _stored_formdata(convictions: list[dict[str, Any]]) -> MultiDict:
    pairs: list[tuple[str, str]] = []
    for i, conv in enumerate(convictions):
        pairs.extend(row_formdata(i, conv))
    return MultiDict(pairs)


def _row_count(value: object, default: int) -> int:
    """How many rows the form had: a number from 1 to MAX_ROWS, whatever was sent."""
    text = str(value or "").strip()
    count = int(text) if digits_only(text) and len(text) <= 3 else default
    return max(1, min(count, state.MAX_ROWS))


@bp.route("/clients/<cid>/convictions", methods=["GET", "POST"])
def convictions(cid: str):
    if (switched := language_switch()) is not None:
        return switched
    data = _data()
    client = _client_or_404(data, cid)
    stored = client.get("cv") or []
    if request.method == "GET":
        draft = take_draft()
        count = min(len(stored) + 1, state.MAX_ROWS)
        formdata = draft if draft is not None else _stored_formdata(stored)
        if draft is not None:
            count = _row_count(draft.get("rows"), count)
        return _convictions_page(client, _rows(client, formdata, count))
    count = _row_count(request.form.get("rows"), len(stored) or 1)
    if "add" in request.form:
        rows = _rows(client, request.form, min(count + 1, state.MAX_ROWS))
        return _convictions_page(client, rows)
    rows = _rows(client, request.form, count)
    kept = [row for row in rows if not row.removed() and not row.is_blank()]
    checked = [validate_row(row) for row in kept]  # every row, so every row shows its errors
    valid = all(checked)
    if not kept:
        return _convictions_page(client, rows, problem=str(NO_ROWS_SAVED)), 422
    if not valid:
        return _convictions_page(client, rows), 422
    client["cv"] = [row_answers(row) for row in kept]
    if not _save(data):
        return _convictions_page(client, rows, problem=str(TOO_MUCH)), 413
    return redirect(url_for("clinic.results", cid=cid), code=303)


def _convictions_page(client, rows: list[Row], problem: str | None = None, upload=None):
    return _page(
        "clinic/convictions.html",
        client=client,
        rows=rows,
        row_count=len(rows),
        can_add=len(rows) < state.MAX_ROWS,
        max_rows=state.MAX_ROWS,
        problem=problem,
        upload=upload,
        offense_date_label=str(OFFENSE_DATE),
        conviction_date_label=str(CONVICTION_DATE),
        age_label=str(AGE_AT_THE_TIME),
        errors=[(row.number, fid, name, message) for row in rows for fid, name, message in row.errors],
    )


@bp.route("/clients/<cid>/upload", methods=["GET", "POST"])
def upload(cid: str):
    data = _data()
    client = _client_or_404(data, cid)
    if request.method == "GET":
        return _page("clinic/upload.html", client=client, problems=[], columns=_columns())
    file = request.files.get("file")
    limit = current_app.config["CLINIC_UPLOAD_LIMIT"]
    content = file.read(limit + 1) if file else b""
    if len(content) > limit:
        return _too_big(client)
    if not content:
        return _page("clinic/upload.html", client=client, problems=[str(UPLOAD_MISSING)],
                     columns=_columns()), 422
    parsed = clinic_csv.parse(content, county=client.get("co"), today=today())
    del content
    if parsed.fatal:
        return _page("clinic/upload.html", client=client, problems=parsed.problems,
                     columns=_columns()), 422
    rows_data = parsed.rows[: state.MAX_ROWS]
    problems = list(parsed.problems)
    if len(parsed.rows) > state.MAX_ROWS:
        problems.append(str(clinic_csv.TOO_MANY % {"count": state.MAX_ROWS}))
    rows = _rows(client, _stored_formdata(rows_data), len(rows_data))
    for row, line in zip(rows, parsed.lines):
        row.source_line = line
    return _convictions_page(client, rows, upload={"problems": problems, "count": len(rows)})


def _too_big(client: dict[str, Any]):
    problem = str(UPLOAD_TOO_BIG % {"size": current_app.config["CLINIC_UPLOAD_LIMIT"] // 2**20})
    return _page("clinic/upload.html", client=client, problems=[problem], columns=_columns()), 413


@bp.errorhandler(RequestEntityTooLarge)
def upload_too_big(error):
    """A file far over the limit is refused before it is read; say so on the upload page."""
    cid = (request.view_args or {}).get("cid")
    client = state.client(_data(), cid) if request.endpoint == "clinic.upload" and cid else None
    if client is None:
        return render_template("errors/413.html", code=413), 413
    return _too_big(client)


def _columns() -> list[str]:
    return ["code", "case_number", "level", "forum", "offense_date", "conviction_date",
            "sentence_status", "sentence_end_date", "county", "person_id"]


# --- results, papers, summary, finish ---------------------------------------------------------


def _evaluate(client: dict[str, Any]) -> evaluation.EvaluatedCase:
    """The engine's answer for one client (raises ``rules.CaseError`` on answers that clash)."""
    answers_ = {"county": client.get("co"), "dob": client.get("dob"), "cv": client.get("cv") or []}
    return evaluation.evaluate_answers(answers_, today=today())


def _outcomes(client: dict[str, Any]) -> list[str]:
    """What each conviction of the client came to, for the end-of-clinic counts."""
    try:
        evaluated = _evaluate(client)
    except rules.CaseError:
        return []
    return [evaluation.effective_outcome(c) for c in evaluated.convictions]


def _fold_open_clients(data: dict[str, Any]) -> None:
    for client in data["c"]:
        _fold(data, client)


def _fold(data: dict[str, Any], client: dict[str, Any]) -> None:
    outcomes = _outcomes(client)
    if outcomes:
        state.add_to_counts(data["k"], client.get("l", ""), outcomes)


def _all_counts(data: dict[str, Any]) -> dict[str, Any]:
    extra = [(client.get("l", ""), _outcomes(client)) for client in data["c"]]
    return state.merged_counts(data["k"], extra)


def _outcome_names() -> dict[str, str]:
    return presenters.outcome_names()


@bp.get("/clients/<cid>/results")
def results(cid: str):
    data = _data()
    client = _client_or_404(data, cid)
    if not client.get("cv"):
        return redirect(url_for("clinic.convictions", cid=cid))
    try:
        evaluated = _evaluate(client)
    except rules.CaseError:
        return _page("clinic/problem.html", client=client), 422
    view = presenters.results_view(
        evaluated.result, evaluated.sources, client["cv"],
        lambda answer: gettext("Conviction under %(code)s", code=answer.get("code", "")),
        client.get("co"), today(),
    )
    return _page(
        "clinic/results.html",
        client=client,
        any_papers=view["any_relief"] or view["any_review"],
        documents_ready=True,
        **view,
    )


def _applicant(data: dict[str, Any], client: dict[str, Any]) -> documents.Applicant | None:
    """Who the papers are for and who files them, once both are known."""
    org = data.get("o")
    details = client.get("p") or {}
    if not org or not details.get("nm"):
        return None
    if documents.needs_latin_name(details["nm"]) and not details.get("rn"):
        return None  # the papers page asks for the name as the court record spells it
    if org.get("ipp"):
        if not all(details.get(k) for k in ("st", "ci", "sa", "zp", "ph")):
            return None
        return documents.Applicant(name=details["nm"], record_name=details.get("rn") or None,
                                   street=details["st"], city=details["ci"], state=details["sa"],
                                   zip=details["zp"], phone=details["ph"], in_pro_per=True)
    return documents.Applicant(
        name=details["nm"], record_name=details.get("rn") or None, street=org.get("st", ""), city=org.get("ci", ""),
        state=org.get("sa", ""), zip=org.get("zp", ""), phone=org.get("ph", ""),
        email=org.get("em") or None, attorney_name=org.get("an") or None,
        bar_number=org.get("bn") or None, firm=org.get("fm") or None, in_pro_per=False,
    )


@bp.route("/clients/<cid>/papers", methods=["GET", "POST"])
def papers(cid: str):
    if (switched := language_switch()) is not None:
        return switched
    data = _data()
    client = _client_or_404(data, cid)
    if not client.get("cv"):
        return redirect(url_for("clinic.convictions", cid=cid))
    org = data.get("o")
    if not org:
        return _page("clinic/papers.html", client=client, form=None, ready=False, files=[])
    details = client.get("p") or {}
    form = PapersForm(formdata=_formdata(), data={
        field: details.get(key, "") for field, key in state.PAPER_KEYS.items()
    } | {"state": details.get("sa") or "CA"})
    form.needs_address = bool(org.get("ipp"))
    if request.method == "POST" and form.validate():
        fields = state.PAPER_KEYS if form.needs_address else {"name": "nm", "record_name": "rn"}
        client["p"] = {key: " ".join((getattr(form, field).data or "").split())
                       for field, key in fields.items()}
        if "sa" in client["p"]:
            client["p"]["sa"] = client["p"]["sa"].upper()
        if not _save(data):
            return _page("clinic/papers.html", client=client, form=form, ready=False, files=[],
                         problem=str(TOO_MUCH)), 413
        return redirect(url_for("clinic.papers", cid=cid), code=303)
    try:
        refused = _input_problem(client) if _applicant(data, client) is not None else None
    except rules.CaseError:
        return _page("clinic/problem.html", client=client), 422
    packet_ = _client_packet(cid)
    return _page("clinic/papers.html", client=client, form=form,
                 ready=_applicant(data, client) is not None and refused is None,
                 files=[(name, presenters.file_label(name)) for name in packet_.files]
                 if packet_ else [],
                 overflow=list(packet_.overflow) if packet_ else [], problem=refused)


def _input_problem(client: dict[str, Any]) -> str | None:
    """Why the papers refuse the client's answers (a placeholder case number, a county that is
    not Californian), in the volunteer's language, or None."""
    evaluated = _evaluate(client) if client.get("cv") else None
    error = input_problem(evaluated.case) if evaluated and evaluated.result else None
    return problem_text(error) if error else None


def _client_packet(cid: str) -> documents.Packet | None:
    """The client's papers, or None when the applicant or the answers are not ready."""
    data = _data()
    client = _client_or_404(data, cid)
    applicant = _applicant(data, client)
    if applicant is None or not client.get("cv"):
        return None
    try:
        evaluated = _evaluate(client)
    except rules.CaseError:
        return None  # the papers page explains it
    if not evaluated.result or input_problem(evaluated.case):
        return None
    return documents.build_packet(evaluated.case, evaluated.result, applicant,
                                  lang=client.get("l", "en"))


@bp.get("/clients/<cid>/packet.pdf")
def packet(cid: str):
    built = _client_packet(cid)
    if built is None:
        return redirect(url_for("clinic.papers", cid=cid))
    return _pdf(built.combined, "clinic-papers.pdf")


@bp.get("/clients/<cid>/file/<file_id>")
def single(cid: str, file_id: str):
    """One paper, by its opaque id (webapp.downloads): no case number in the address."""
    built = _client_packet(cid)
    if built is None:
        return redirect(url_for("clinic.papers", cid=cid))
    name = downloads.find(built.files, file_id)
    if name is None:
        abort(404)
    return _pdf(built.files[name], name)


@bp.get("/clients/<cid>/summary.pdf")
def summary(cid: str):
    data = _data()
    client = _client_or_404(data, cid)
    try:
        evaluated = _evaluate(client) if client.get("cv") else None
    except rules.CaseError:
        evaluated = None  # the results page explains it
    if evaluated is None or not evaluated.result:
        return redirect(url_for("clinic.results", cid=cid))
    if input_problem(evaluated.case):
        return redirect(url_for("clinic.papers", cid=cid))
    # "What was prepared" lists the packet once its papers can be made, and says none before.
    prepared = None if _applicant(data, client) is not None else []
    pdf = documents.build_clinic_summary(evaluated.case, evaluated.result,
                                         lang=client.get("l", "en"), client_label=client.get("n"),
                                         prepared=prepared)
    return _pdf(pdf, "clinic-summary.pdf")


@bp.route("/clients/<cid>/finish", methods=["GET", "POST"])
def finish(cid: str):
    data = _data()
    client = state.client(data, cid)
    if client is None:
        abort(404)
    if not _confirmed():
        return _page("clinic/confirm.html", what="finish", client=client)
    _fold(data, client)
    data["c"] = [c for c in data["c"] if c["i"] != cid]
    if data.get("cur") == cid:
        data.pop("cur", None)
    _save(data)
    return redirect(url_for("clinic.index", finished="1"), code=303)


def _pdf(content: bytes, filename: str) -> Response:
    response = Response(content, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

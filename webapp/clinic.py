"""Clinic mode: one volunteer, one browser, several clients in a row.

Each client has their own convictions (entered on one screen or uploaded as a CSV file),
results, papers in the client's language and a one-page clinic summary. Nothing is stored on
the server: the clients live in the signed session cookie (``clinic_state``), "finish with this
client" removes one of them, and 30 idle minutes remove them all. The end-of-clinic report
holds counts only.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from typing import Any

from babel.dates import get_month_names
from flask import (
    Blueprint,
    Response,
    abort,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import format_time, get_locale, gettext
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

import rules
from rules import counties

from . import casefile, clinic_csv, i18n, presenters
from . import clinic_state as state
from .answers import UNSURE
from .clinic_forms import (
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
from .forms import DateForm, month_choices
from .helpers import language_switch, take_draft, today
from .security import CSP

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


@bp.post("/end")
def end():
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


def _months() -> dict[int, str]:
    return get_month_names("wide", locale=get_locale())


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


def _row_count(default: int) -> int:
    try:
        count = int(request.form.get("rows", default))
    except ValueError:
        count = default
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
            count = max(1, min(int(draft.get("rows", count) or count), state.MAX_ROWS))
        return _convictions_page(client, _rows(client, formdata, count))
    count = _row_count(len(stored) or 1)
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
    content = file.read(state.COOKIE_BUDGET * 16) if file else b""
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


def _columns() -> list[str]:
    return ["code", "case_number", "level", "forum", "offense_date", "conviction_date",
            "sentence_status", "sentence_end_date", "county", "person_id"]


# --- results, papers, summary, finish ---------------------------------------------------------


def _evaluate(client: dict[str, Any]):
    """(result dict or None, case dict, answer index per result conviction)."""
    answers_ = {"county": client.get("co"), "dob": client.get("dob"), "cv": client.get("cv") or []}
    case_dict, sources = casefile.build(answers_, month_only=True)  # the papers print no invented day
    if not case_dict["convictions"]:
        return None, case_dict, sources
    result = rules.evaluate(rules.load_case(casefile.for_engine(case_dict)), as_of=today(), policy="county")
    return rules.result_to_dict(result), case_dict, sources


def _outcomes(result: dict[str, Any] | None) -> list[str]:
    if not result:
        return []
    return [c.get("county_outcome") or c["outcome"] for c in result["convictions"]]


def _fold_open_clients(data: dict[str, Any]) -> None:
    for client in data["c"]:
        _fold(data, client)


def _fold(data: dict[str, Any], client: dict[str, Any]) -> None:
    try:
        result, _case, _sources = _evaluate(client)
    except rules.CaseError:
        result = None
    outcomes = _outcomes(result)
    if outcomes:
        state.add_to_counts(data["k"], client.get("l", ""), outcomes)


def _all_counts(data: dict[str, Any]) -> dict[str, Any]:
    extra = []
    for client in data["c"]:
        try:
            result, _case, _sources = _evaluate(client)
        except rules.CaseError:
            result = None
        extra.append((client.get("l", ""), _outcomes(result)))
    return state.merged_counts(data["k"], extra)


def _outcome_names() -> dict[str, str]:
    return {key: str(text) for key, text in presenters.OUTCOMES.items()}


@bp.get("/clients/<cid>/results")
def results(cid: str):
    data = _data()
    client = _client_or_404(data, cid)
    if not client.get("cv"):
        return redirect(url_for("clinic.convictions", cid=cid))
    try:
        result, _case, sources = _evaluate(client)
    except rules.CaseError:
        return _page("clinic/problem.html", client=client), 422
    view = presenters.results_view(
        result, sources, client["cv"],
        lambda answer: gettext("Conviction under %(code)s", code=answer.get("code", "")),
        client.get("co"), today(),
    )
    return _page(
        "clinic/results.html",
        client=client,
        any_papers=view["any_relief"] or view["any_review"],
        documents_ready=_documents() is not None,
        **view,
    )


def _documents():
    from .papers import documents_module

    return documents_module()


def _applicant(docs, data: dict[str, Any], client: dict[str, Any]):
    org = data.get("o")
    details = client.get("p") or {}
    if not org or not details.get("nm"):
        return None
    if org.get("ipp"):
        if not all(details.get(k) for k in ("st", "ci", "sa", "zp", "ph")):
            return None
        return docs.Applicant(name=details["nm"], street=details["st"], city=details["ci"],
                              state=details["sa"], zip=details["zp"], phone=details["ph"],
                              in_pro_per=True)
    return docs.Applicant(
        name=details["nm"], street=org.get("st", ""), city=org.get("ci", ""),
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
        fields = state.PAPER_KEYS if form.needs_address else {"name": "nm"}
        client["p"] = {key: " ".join((getattr(form, field).data or "").split())
                       for field, key in fields.items()}
        if "sa" in client["p"]:
            client["p"]["sa"] = client["p"]["sa"].upper()
        if not _save(data):
            return _page("clinic/papers.html", client=client, form=form, ready=False, files=[],
                         problem=str(TOO_MUCH)), 413
        return redirect(url_for("clinic.papers", cid=cid), code=303)
    docs = _documents()
    files: list[str] = []
    overflow: list[str] = []
    applicant = _applicant(docs, data, client) if docs else None
    refused = None
    if applicant is not None:
        result, case_dict, _sources = _evaluate(client)
        refused = _input_problem(docs, case_dict)
        if result and refused is None:
            packet = docs.build_packet(case_dict, result, applicant, lang=client.get("l", "en"))
            files = list(packet.files)
            overflow = list(getattr(packet, "overflow", ()) or ())
    return _page("clinic/papers.html", client=client, form=form, ready=applicant is not None and refused is None,
                 files=files, overflow=overflow, problem=refused)


def _input_problem(docs, case_dict: dict[str, Any]) -> str | None:
    """Why the papers refuse the client's answers (a placeholder case number, a county that is
    not Californian), in the volunteer's language, or None."""
    from .papers import input_problem, problem_text

    error = input_problem(docs, case_dict)
    return problem_text(error) if error else None


def _client_packet(cid: str):
    """The client's papers, or None when the applicant or the answers are not ready."""
    data = _data()
    client = _client_or_404(data, cid)
    docs = _documents()
    applicant = _applicant(docs, data, client) if docs else None
    result, case_dict, _sources = _evaluate(client) if client.get("cv") else (None, None, None)
    if applicant is None or not result or _input_problem(docs, case_dict):
        return None
    return docs.build_packet(case_dict, result, applicant, lang=client.get("l", "en"))


@bp.get("/clients/<cid>/packet.pdf")
def packet(cid: str):
    built = _client_packet(cid)
    if built is None:
        return redirect(url_for("clinic.papers", cid=cid))
    return _pdf(built.combined, "clinic-papers.pdf")


@bp.get("/clients/<cid>/file/<name>")
def single(cid: str, name: str):
    built = _client_packet(cid)
    if built is None:
        return redirect(url_for("clinic.papers", cid=cid))
    files = built.files
    if name not in files:
        abort(404)
    return _pdf(files[name], name)


@bp.get("/clients/<cid>/summary.pdf")
def summary(cid: str):
    data = _data()
    client = _client_or_404(data, cid)
    docs = _documents()
    result, case_dict, _sources = _evaluate(client) if client.get("cv") else (None, None, None)
    if docs is None or not result:
        return redirect(url_for("clinic.results", cid=cid))
    if _input_problem(docs, case_dict):
        return redirect(url_for("clinic.papers", cid=cid))
    # "What was prepared" lists the packet once its papers can be made, and says none before.
    prepared = None if _applicant(docs, data, client) is not None else []
    pdf = docs.build_clinic_summary(case_dict, result, lang=client.get("l", "en"),
                                    client_label=client.get("n"), prepared=prepared)
    return _pdf(pdf, "clinic-summary.pdf")


@bp.post("/clients/<cid>/finish")
def finish(cid: str):
    data = _data()
    client = state.client(data, cid)
    if client is None:
        abort(404)
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

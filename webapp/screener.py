"""The questionnaire: one question per screen → review → the engine → results."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from babel.dates import format_skeleton
from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import get_locale

import rules
from rules import counties

from . import answers, contacts, evaluation, presenters, questions
from .answers import UNSURE
from .forms import (
    AgeForm,
    CaseNumberForm,
    ChoiceForm,
    CodeForm,
    CountyForm,
    DateForm,
    PairForm,
    month_choices,
)
from .helpers import date_order, form_source, language_switch, month_names, today
from .i18n import gettext
from .i18n import lazy_gettext as _l

bp = Blueprint("screener", __name__)
bp.add_app_template_global(date_order, "date_order")  # date inputs in the reader's order

OFFENSE_BEFORE_BIRTH = _l("This date is before your date of birth. Check the year.")
CONVICTED_BEFORE_OFFENSE = _l(
    "The conviction date is before the date it happened. Check both dates."
)


def _months() -> Mapping[int, str]:
    return month_names()


def _county_choices() -> list[tuple[str, str]]:
    return (
        [("", gettext("Choose a county"))]
        + [(c.name, c.name) for c in counties.all_counties()]
        + [(UNSURE, gettext("I'm not sure"))]
    )


_form_data = form_source


# --- Person ---------------------------------------------------------------------------------


@bp.route("/q/county", methods=["GET", "POST"])
def county():
    if (switched := language_switch()) is not None:
        return switched
    data = answers.load()
    form = CountyForm(**_form_data(), county=data.get("county", ""))
    form.county.choices = _county_choices()
    if request.method == "POST" and form.validate():
        data["county"] = form.county.data
        answers.save(data)
        return redirect(_after_person("county", data), code=303)
    return render_template(
        "questions/county.html",
        form=form,
        back=url_for("pages.home"),
        step_id="county",
        question=gettext("In which county were you convicted?"),
    )


@bp.route("/q/birth", methods=["GET", "POST"])
def birth():
    if (switched := language_switch()) is not None:
        return switched
    data = answers.load()
    form = _date_form(data.get("dob"))
    form.require_day = True
    form.day.label.text = gettext("Day")
    if request.method == "POST" and form.validate():
        data["dob"] = form.parsed
        answers.save(data)
        return redirect(_after_person("birth", data), code=303)
    return render_template(
        "questions/date.html",
        form=form,
        step_id="birth",
        question=gettext("What is your date of birth?"),
        why=gettext("Your age at the time can change the answer. If you don't want to say, "
                    "tick \"I don't know\" and we will ask your age for each conviction."),
        back=url_for("screener.county"),
        unknown_label=gettext("I don't know, or I don't want to say"),
    )


def _after_person(step: str, data: dict[str, Any]) -> str:
    if request.args.get("from") == "review":
        return _next_open(data) or url_for("screener.review")
    if step == "county":
        return url_for("screener.birth")
    if not data["cv"]:
        return url_for("screener.question", index=0, step_id="what")
    return url_for("screener.convictions")


def _person(data: dict[str, Any]) -> dict[str, Any]:
    """What the questions need to know about the person: date of birth, and the county's
    cities with a City Attorney (the city question is asked only where one prosecutes)."""
    return {"dob": data.get("dob"), "cities": contacts.city_choices(data.get("county"))}


def _next_open(data: dict[str, Any]) -> str | None:
    """The first question that still needs an answer, anywhere, or None."""
    if "county" not in data:
        return url_for("screener.county", **{"from": "review"})
    if "dob" not in data:
        return url_for("screener.birth", **{"from": "review"})
    person = _person(data)
    for i, conv in enumerate(data["cv"]):
        step = questions.next_unanswered(conv, person)
        if step is not None:
            return url_for("screener.question", index=i, step_id=step.id, **{"from": "review"})
    return None


# --- One conviction, one question at a time -------------------------------------------------


def _date_form(stored: str | None) -> DateForm:
    kwargs: dict[str, Any] = {}
    if stored == UNSURE:
        kwargs["unknown"] = True
    elif stored:
        kwargs["year"] = stored[:4]
        kwargs["month"] = str(int(stored[5:7]))
        if len(stored) == 10:
            kwargs["day"] = str(int(stored[8:10]))
        elif stored == NOV_2016:
            kwargs["no_day"] = True
    form = DateForm(**_form_data(), **kwargs)
    form.month.choices = month_choices(_months())
    form.today = today()
    form.order = date_order()
    return form


NOV_2016 = "2016-11"  # the month the law changed in: the day decides, so it may be asked for


def _build_form(step: questions.Step, conv: dict[str, Any], data: dict[str, Any]):
    stored = [conv.get(k) for k in step.keys]
    formdata = _form_data()
    if step.form == "choice":
        form = ChoiceForm(**formdata, answer=stored[0])
        form.answer.choices = [(v, str(label)) for v, label in step.choices]
        if step.id == "city":
            form.answer.choices = _city_choices(data.get("county"))
    elif step.form == "pair":
        form = PairForm(**formdata, first=stored[0], second=stored[1])
        form.first.choices = [(v, str(label)) for v, label in step.choices]
        form.second.choices = [(v, str(label)) for v, label in step.second_choices]
    elif step.form == "date":
        form = _date_form(stored[0])
        dob = data.get("dob")
        if step.id == "offense_date":
            form.ask_day_nov_2016 = True
            if dob and dob != UNSURE:
                form.not_before, form.not_before_message = _as_date(dob), OFFENSE_BEFORE_BIRTH
        elif step.id == "conviction_date":
            od = conv.get("od")
            if od and od != UNSURE:
                from .forms import earliest

                form.not_before, form.not_before_message = earliest(od), CONVICTED_BEFORE_OFFENSE
            elif dob and dob != UNSURE:
                form.not_before, form.not_before_message = _as_date(dob), OFFENSE_BEFORE_BIRTH
    elif step.form == "code":
        form = CodeForm(**formdata, code=stored[0])
    elif step.form == "case_number":
        form = CaseNumberForm(**formdata, case_number=stored[0])
    elif step.form == "age":
        form = AgeForm(
            **formdata,
            age=stored[0] if stored[0] not in (None, UNSURE) else "",
            unknown=stored[0] == UNSURE,
        )
    else:  # pragma: no cover - the steps are data defined in questions.py
        raise ValueError(step.form)
    return form


def _city_choices(county: str | None) -> list[tuple[str, str]]:
    return (
        [(city, city) for city in contacts.city_choices(county)]
        + [(questions.OTHER_CITY, gettext("Somewhere else in %(county)s County", county=county or ""))]
        + [(UNSURE, gettext("I'm not sure"))]
    )


def _as_date(value: str):
    from .forms import earliest

    return earliest(value)


def _store(step: questions.Step, form, conv: dict[str, Any]) -> None:
    if step.form == "choice":
        conv[step.keys[0]] = form.answer.data
    elif step.form == "pair":
        conv[step.keys[0]], conv[step.keys[1]] = form.first.data, form.second.data
    elif step.form == "date":
        conv[step.keys[0]] = form.parsed
    elif step.form == "code":
        conv["code"] = form.code.data.strip()
    elif step.form == "case_number":
        conv["cn"] = (form.case_number.data or "").strip()
    elif step.form == "age":
        text = (form.age.data or "").strip()
        conv["ag"] = text if text else UNSURE


@bp.route("/q/<int:index>/<step_id>", methods=["GET", "POST"])
def question(index: int, step_id: str):
    if (switched := language_switch()) is not None:
        return switched
    data = answers.load()
    step = questions.BY_ID.get(step_id)
    if step is None or index < 0 or index > len(data["cv"]) or index >= answers.MAX_CONVICTIONS:
        abort(404)
    person = _person(data)
    is_new = index == len(data["cv"])
    if is_new and step_id != "what":
        return redirect(url_for("screener.question", index=index, step_id="what"))
    conv = {} if is_new else data["cv"][index]
    if not is_new and step not in questions.applicable(conv, person):
        nxt = questions.next_unanswered(conv, person)
        return redirect(_step_url(index, nxt) if nxt else url_for("screener.convictions"))

    form = _build_form(step, conv, data)
    if request.method == "POST" and form.validate():
        _store(step, form, conv)
        if is_new:
            data["cv"].append(conv)
        answers.save(data)
        return redirect(_after_step(index, step, conv, data), code=303)
    return render_template(
        f"questions/{'date' if step.form == 'date' else step.form}.html",
        form=form,
        step=step,
        step_id=step.id,
        question=str(step.question),
        why=str(step.why),
        hint=str(step.hint) if step.hint else None,
        back=_back_url(index, step, conv, person),
        number=index + 1,
        unknown_label=gettext("I don't know"),
    )


def _step_url(index: int, step: questions.Step | None, **kw) -> str:
    return url_for("screener.question", index=index, step_id=step.id, **kw) if step else ""


def _after_step(index: int, step, conv, data) -> str:
    person = _person(data)
    if request.args.get("from") == "review":
        return _next_open(data) or url_for("screener.review")
    nxt = questions.step_after(step.id, conv, person)
    if nxt is None:
        return url_for("screener.convictions")
    return _step_url(index, nxt)


def _back_url(index: int, step, conv, person) -> str:
    if request.args.get("from") == "review":
        return url_for("screener.review")
    prev = questions.step_before(step.id, conv, person) if conv else None
    if prev is not None:
        return _step_url(index, prev)
    return url_for("screener.convictions") if index > 0 else url_for("screener.birth")


# --- The list of convictions, the "already cleared?" step, review ----------------------------


def _summaries(data: dict[str, Any]) -> list[dict[str, Any]]:
    person = _person(data)
    rows = []
    for i, conv in enumerate(data["cv"]):
        nxt = questions.next_unanswered(conv, person)
        rows.append(
            {
                "index": i,
                "title": _conviction_title(conv),
                "case_number": conv.get("cn") or None,
                "complete": nxt is None,
                "continue_url": _step_url(i, nxt) if nxt else None,
            }
        )
    return rows


def _conviction_title(conv: dict[str, Any]) -> str:
    kind = conv.get("k")
    if kind == "code":
        return gettext("Conviction under %(code)s", code=conv.get("code", ""))
    for value, label in questions.BY_ID["what"].choices:
        if value == kind and kind != UNSURE:
            return str(label)
    return gettext("A conviction (not sure what for)")


@bp.get("/q/convictions")
def convictions():
    data = answers.load()
    if not data["cv"]:
        return redirect(url_for("screener.question", index=0, step_id="what"))
    rows = _summaries(data)
    return render_template(
        "questions/convictions.html",
        rows=rows,
        can_add=len(data["cv"]) < answers.MAX_CONVICTIONS,
        add_url=url_for("screener.question", index=len(data["cv"]), step_id="what"),
        all_complete=all(r["complete"] for r in rows),
    )


@bp.post("/q/<int:index>/remove")
def remove(index: int):
    data = answers.load()
    if not 0 <= index < len(data["cv"]):
        abort(404)
    del data["cv"][index]
    answers.save(data)
    return redirect(url_for("screener.convictions"), code=303)


@bp.get("/q/check")
def check():
    """Before any papers: was it cleared already? How to check, and whom to ask."""
    data = answers.load()
    if (target := _next_open(data)) is not None:
        return redirect(target)
    return render_template(
        "questions/check.html",
        county=presenters.county_view(data.get("county"), contacts.cities_named(data["cv"])),
        any_cleared=any(c.get("cl") == "y" for c in data["cv"]),
    )



@bp.get("/q/review")
def review():
    data = answers.load()
    if not data["cv"]:
        return redirect(url_for("screener.question", index=0, step_id="what"))
    return render_template("questions/review.html", sections=_review_sections(data))


def _display(step: questions.Step, conv: dict[str, Any], county: str | None) -> list[str]:
    values = [conv.get(k) for k in step.keys]
    shown = []
    for n, value in enumerate(values):
        choices = step.choices if n == 0 else step.second_choices
        if value is None:
            shown.append(gettext("Not answered yet"))
        elif step.id == "city":
            shown.append(dict(_city_choices(county)).get(value, value))
        elif step.form in ("choice", "pair"):
            shown.append(next((str(lbl) for v, lbl in choices if v == value), value))
        elif step.form == "date":
            shown.append(_show_date(value))
        elif step.form == "age":
            shown.append(gettext("I'm not sure") if value == UNSURE else value)
        elif step.form == "case_number":
            shown.append(value or gettext("I don't know it"))
        else:
            shown.append(value)
    return shown


def _show_date(value: str) -> str:
    if value == UNSURE:
        return gettext("I don't know")
    if len(value) == 10:
        return presenters.long_date(_as_date(value))
    # a month and year, written the reader's way ("noviembre de 2016", "2016年11月"); no day
    return format_skeleton("yMMMM", _as_date(value), locale=get_locale())


def _review_sections(data: dict[str, Any]) -> list[dict[str, Any]]:
    county = data.get("county")
    dob = data.get("dob")
    about = {
        "title": gettext("About you"),
        "rows": [
            {
                "question": gettext("County where you were convicted"),
                "answers": [gettext("I'm not sure") if county == UNSURE else (county or
                            gettext("Not answered yet"))],
                "change": url_for("screener.county", **{"from": "review"}),
            },
            {
                "question": gettext("Date of birth"),
                "answers": [_show_date(dob) if dob else gettext("Not answered yet")],
                "change": url_for("screener.birth", **{"from": "review"}),
            },
        ],
    }
    sections = [about]
    person = _person(data)
    for i, conv in enumerate(data["cv"]):
        rows = []
        for step in questions.applicable(conv, person):
            questions_text = [str(step.question)]
            if step.form == "pair":
                questions_text.append(str(step.second_question))
            for q_text, shown in zip(questions_text, _display(step, conv, county)):
                rows.append(
                    {
                        "question": q_text,
                        "answers": [shown],
                        "change": _step_url(i, step, **{"from": "review"}),
                    }
                )
        sections.append(
            {
                "title": gettext("Conviction %(number)d: %(title)s", number=i + 1,
                                 title=_conviction_title(conv)),
                "rows": rows,
                "index": i,
            }
        )
    return sections


# --- Results ---------------------------------------------------------------------------------


@bp.get("/results")
def results():
    data = answers.load()
    if not data["cv"]:
        return redirect(url_for("screener.question", index=0, step_id="what"))
    if (target := _next_open(data)) is not None:
        return redirect(target)
    try:
        evaluated = evaluation.evaluate_answers(data, today=today())
    except rules.CaseError:
        return render_template("questions/problem.html"), 422
    view = presenters.results_view(
        evaluated.result, evaluated.sources, data["cv"], _conviction_title, data.get("county"),
        today(),
        change_url=lambda i: url_for("screener.question", index=i, step_id="cleared",
                                     **{"from": "review"}),
    )
    return render_template(
        "results/results.html",
        overflow=evaluated.overflow,
        needs_papers=evaluated.needs_papers,
        **view,
    )

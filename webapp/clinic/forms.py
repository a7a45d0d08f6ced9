"""Clinic mode's forms: the organisation block, a client's details, and the one-screen list of
a client's convictions.

The conviction rows reuse the public questionnaire's forms (code section, case number, dates,
age) with a prefix per row, so the checks and messages are the same ones a member of the
public meets. Choices keep the questionnaire's values (``webapp.answers`` short codes) so the
rows feed ``webapp.casefile`` unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from werkzeug.datastructures import MultiDict
from wtforms import BooleanField, RadioField, SelectField, StringField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from .. import questions
from ..answers import UNSURE
from ..forms import (
    BAR_FORMAT,
    EMAIL_FORMAT,
    NOT_A_CHOICE,
    PHONE_FORMAT,
    PICK_ONE,
    REQUIRED,
    STATE_FORMAT,
    ZIP_FORMAT,
    AgeForm,
    CaseNumberForm,
    CodeForm,
    DateForm,
    Form,
    check_record_name,
    digits_only,
    earliest,
    month_choices,
)
from ..i18n import lazy_gettext as _l
from ..screener import CONVICTED_BEFORE_OFFENSE

# --- shared checks (the same rules as the public papers form) --------------------------------

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
ORG_NEEDS_ATTORNEY = _l("Fill in the lawyer's name and bar number, or choose \"in pro per\".")
OFFENSE_BEFORE_BIRTH = _l("This date is before your client's date of birth. Check the year.")


def _check_state(field) -> None:
    if not re.fullmatch(r"[A-Za-z]{2}", (field.data or "").strip()):
        raise ValidationError(STATE_FORMAT)


def _check_zip(field) -> None:
    if not re.fullmatch(r"[0-9]{5}(-[0-9]{4})?", (field.data or "").strip()):
        raise ValidationError(ZIP_FORMAT)


def _check_phone(field) -> None:
    digits = re.sub(r"[\s().+-]", "", field.data or "")
    if digits.startswith("1") and len(digits) == 11:
        digits = digits[1:]
    if not (digits_only(digits) and len(digits) == 10):
        raise ValidationError(PHONE_FORMAT)


class OrgForm(Form):
    """Who files the papers for every client of this clinic session."""

    representation = RadioField(
        _l("Who files the papers for your clients?"),
        validators=[InputRequired(message=PICK_ONE)],
        invalid_choice_message=NOT_A_CHOICE,
    )
    attorney_name = StringField(_l("Lawyer's name"), validators=[Optional(), Length(max=80)])
    bar_number = StringField(_l("State Bar number"), validators=[Optional(), Length(max=6, message=BAR_FORMAT)])
    firm = StringField(_l("Organisation (optional)"), validators=[Optional(), Length(max=100)])
    street = StringField(_l("Street address"), validators=[Optional(), Length(max=100)])
    city = StringField(_l("City"), validators=[Optional(), Length(max=60)])
    state = StringField(_l("State"), default="CA", validators=[Optional(), Length(max=2, message=STATE_FORMAT)])
    zip = StringField(_l("ZIP code"), validators=[Optional(), Length(max=10, message=ZIP_FORMAT)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=20, message=PHONE_FORMAT)])
    email = StringField(_l("Email (optional)"), validators=[Optional(), Length(max=100)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.representation.choices = [
            ("attorney", str(_l("A lawyer files for each client (the lawyer's details go on "
                                "every CR-400)"))),
            ("self", str(_l("Each client files in pro per (for themselves)"))),
        ]

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.representation.data != "attorney":
            return ok
        for fld in (self.attorney_name, self.bar_number, self.street, self.city, self.state,
                    self.zip, self.phone):
            if not (fld.data or "").strip():
                fld.errors = list(fld.errors) + [ORG_NEEDS_ATTORNEY if fld in (
                    self.attorney_name, self.bar_number) else REQUIRED]
                ok = False
        checks = ((self.state, _check_state), (self.zip, _check_zip), (self.phone, _check_phone))
        for fld, check in checks:
            if (fld.data or "").strip() and not fld.errors:
                try:
                    check(fld)
                except ValidationError as error:
                    fld.errors = list(fld.errors) + [str(error)]
                    ok = False
        if self.bar_number.data and not digits_only(self.bar_number.data.strip()) \
                and not self.bar_number.errors:
            self.bar_number.errors = list(self.bar_number.errors) + [BAR_FORMAT]
            ok = False
        if self.email.data and not _EMAIL.match(self.email.data.strip()):
            self.email.errors = list(self.email.errors) + [EMAIL_FORMAT]
            ok = False
        return ok


class ClientForm(Form):
    """A client's label, language and county. The date of birth is a DateForm beside it."""

    label = StringField(
        _l("A short name for this client"),
        validators=[InputRequired(message=REQUIRED), Length(max=24)],
    )
    language = SelectField(
        _l("Your client's language"),
        validators=[InputRequired(message=PICK_ONE)],
        invalid_choice_message=NOT_A_CHOICE,
    )
    county = SelectField(
        _l("County where your client was convicted"),
        validators=[InputRequired(message=PICK_ONE)],
        invalid_choice_message=NOT_A_CHOICE,
    )


CLIENT_RECORD_NAME_NEEDED = _l("Your client's name has letters that are not English letters. Write it here as "
                               "the court record spells it, in English letters (A to Z).")


class PapersForm(Form):
    """The client's name for the forms, and their address when they file in pro per."""

    name = StringField(_l("Your client's full name"), validators=[InputRequired(message=REQUIRED),
                                                               Length(max=80)])
    record_name = StringField(_l("Your client's name as it is written in the court record (English letters A–Z)"),
                              validators=[Optional(), Length(max=80)])
    street = StringField(_l("Street address"), validators=[Optional(), Length(max=100)])
    city = StringField(_l("City"), validators=[Optional(), Length(max=60)])
    state = StringField(_l("State"), default="CA", validators=[Optional(), Length(max=2, message=STATE_FORMAT)])
    zip = StringField(_l("ZIP code"), validators=[Optional(), Length(max=10, message=ZIP_FORMAT)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=20, message=PHONE_FORMAT)])

    needs_address = False

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        ok = check_record_name(self.name, self.record_name, CLIENT_RECORD_NAME_NEEDED) and ok
        if not self.needs_address:
            return ok
        for fld, check in ((self.street, None), (self.city, None), (self.state, _check_state),
                           (self.zip, _check_zip), (self.phone, _check_phone)):
            if not (fld.data or "").strip():
                fld.errors = list(fld.errors) + [REQUIRED]
                ok = False
            elif check and not fld.errors:
                try:
                    check(fld)
                except ValidationError as error:
                    fld.errors = list(fld.errors) + [str(error)]
                    ok = False
        return ok


# --- one row per conviction ------------------------------------------------------------------

CHOOSE = _l("Choose")
OFFENSE_DATE = _l("Offense date (when it happened)")
CONVICTION_DATE = _l("Conviction date")
AGE_AT_THE_TIME = _l("Your client's age at the time")
LEVELS = (
    ("felony", _l("Felony")),
    ("misdemeanor", _l("Misdemeanor")),
    ("infraction", _l("Infraction")),
    ("juvenile", _l("Juvenile court")),
    (UNSURE, questions.NOT_SURE),
)
SENTENCES = (
    ("completed", _l("Finished")),
    ("serving", _l("Still serving (custody, probation, parole or supervision)")),
    (UNSURE, questions.NOT_SURE),
)

#: Follow-up facts: answer key → the label in the row. Asked of the engine only when the
#: questionnaire would ask them (``questions.applicable``), so extra answers never matter.
FOLLOW_UPS = (
    ("sc", _l("At a school (kindergarten to 12th grade) while it was open")),
    ("mn", _l("Sold or given to someone under 18")),
    ("um", _l("Your client hired or used someone 20 or younger")),
    ("ev", _l("The court found the growing harmed the environment")),
    ("ie", _l("Brought into or taken out of California")),
    ("pr", _l("Before this offense: a very serious conviction (such as murder or rape) or one "
              "that requires sex offender registration")),
    ("p2", _l("Before this offense: two or more convictions for the same cannabis crime")),
)


class RowFacts(Form):
    """The choices of one conviction row (selects, so a row stays compact)."""

    class Meta:
        csrf = False

    lv = SelectField(_l("Level"), validators=[InputRequired(message=PICK_ONE)],
                     invalid_choice_message=NOT_A_CHOICE)
    ss = SelectField(_l("Sentence"), validators=[InputRequired(message=PICK_ONE)],
                     invalid_choice_message=NOT_A_CHOICE)
    am = SelectField(_l("Amount (for sections 11357 and 11360)"), default=UNSURE,
                     invalid_choice_message=NOT_A_CHOICE)
    pl = SelectField(_l("Plants (for section 11358)"), default=UNSURE,
                     invalid_choice_message=NOT_A_CHOICE)
    cl = SelectField(_l("Already cleared?"), validators=[InputRequired(message=PICK_ONE)],
                     invalid_choice_message=NOT_A_CHOICE)
    sc = SelectField(default=UNSURE, invalid_choice_message=NOT_A_CHOICE)
    mn = SelectField(default=UNSURE, invalid_choice_message=NOT_A_CHOICE)
    um = SelectField(default=UNSURE, invalid_choice_message=NOT_A_CHOICE)
    ev = SelectField(default=UNSURE, invalid_choice_message=NOT_A_CHOICE)
    ie = SelectField(default=UNSURE, invalid_choice_message=NOT_A_CHOICE)
    pr = SelectField(default=UNSURE, invalid_choice_message=NOT_A_CHOICE)
    p2 = SelectField(default=UNSURE, invalid_choice_message=NOT_A_CHOICE)
    remove = BooleanField(_l("Remove this conviction"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choose = [("", str(CHOOSE))]
        self.lv.choices = choose + [(v, str(label)) for v, label in LEVELS]
        self.ss.choices = choose + [(v, str(label)) for v, label in SENTENCES]
        self.cl.choices = choose + [(v, str(label)) for v, label in questions.YES_NO]
        self.am.choices = _unsure_first(questions.BY_ID["amount"].choices)
        self.pl.choices = _unsure_first(questions.BY_ID["plants"].choices)
        for key, _label in FOLLOW_UPS:
            getattr(self, key).choices = _unsure_first(questions.YES_NO)
        for key, label in FOLLOW_UPS:
            getattr(self, key).label.text = str(label)


def _unsure_first(choices) -> list[tuple[str, str]]:
    ordered = [c for c in choices if c[0] == UNSURE] + [c for c in choices if c[0] != UNSURE]
    return [(v, str(label)) for v, label in ordered]


TEXT_KEYS = ("code", "case_number")
CHOICE_KEYS = ("lv", "ss", "am", "pl", "cl") + tuple(k for k, _ in FOLLOW_UPS)


@dataclass
class Row:
    """One conviction row: the questionnaire's own forms, each with the row's prefix."""

    number: int  # 1-based, as shown
    prefix: str
    code: CodeForm
    case: CaseNumberForm
    facts: RowFacts
    od: DateForm
    cd: DateForm
    age: AgeForm | None
    source_line: int | None = None  # the CSV line it came from, if any
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (field id, name, message)

    def forms(self) -> list[Form]:
        return [f for f in (self.code, self.case, self.facts, self.od, self.cd, self.age) if f]

    def is_blank(self) -> bool:
        """Nothing typed or chosen in this row (a spare row left empty)."""
        if (self.code.code.data or "").strip() or (self.case.case_number.data or "").strip():
            return False
        for date_form in (self.od, self.cd):
            if date_form.month.data or (date_form.year.data or "").strip() or \
                    (date_form.day.data or "").strip() or date_form.unknown.data:
                return False
        for key in ("lv", "ss", "cl"):
            if getattr(self.facts, key).data:
                return False
        if self.age is not None and ((self.age.age.data or "").strip() or self.age.unknown.data):
            return False
        return all(getattr(self.facts, k).data in (UNSURE, None, "") for k in CHOICE_KEYS
                   if k not in ("lv", "ss", "cl"))

    def removed(self) -> bool:
        return bool(self.facts.remove.data)


def make_row(index: int, formdata: MultiDict | None, months: dict[int, str], today: date,
             dob: str | None) -> Row:
    prefix = f"r{index}-"
    meta = {"csrf": False}
    code = CodeForm(formdata=formdata, prefix=prefix, meta=meta)
    case = CaseNumberForm(formdata=formdata, prefix=prefix, meta=meta)
    facts = RowFacts(formdata=formdata, prefix=prefix)
    od = DateForm(formdata=formdata, prefix=f"{prefix}od-", meta=meta)
    cd = DateForm(formdata=formdata, prefix=f"{prefix}cd-", meta=meta)
    for date_form in (od, cd):
        date_form.month.choices = month_choices(months)
        date_form.today = today
    od.ask_day_nov_2016 = True
    if dob and dob != UNSURE:
        od.not_before, od.not_before_message = earliest(dob), OFFENSE_BEFORE_BIRTH
    age = None
    if not dob or dob == UNSURE:
        age = AgeForm(formdata=formdata, prefix=f"{prefix}ag-", meta=meta)
    return Row(index + 1, prefix, code, case, facts, od, cd, age)


def validate_row(row: Row) -> bool:
    ok = True
    for form in (row.code, row.case, row.facts, row.od):
        ok = form.validate() and ok
    if row.od.parsed and row.od.parsed != UNSURE:
        row.cd.not_before, row.cd.not_before_message = earliest(row.od.parsed), CONVICTED_BEFORE_OFFENSE
    elif row.od.not_before:
        row.cd.not_before, row.cd.not_before_message = row.od.not_before, row.od.not_before_message
    ok = row.cd.validate() and ok
    if row.age is not None:
        ok = row.age.validate() and ok
    row.errors = [(fld.id, _field_name(row, form, fld), str(e)) for form in row.forms()
                  for fld in form if fld.errors for e in fld.errors]
    return ok


def _field_name(row: Row, form, fld) -> str:
    """What the error summary calls a field: the date's name for its parts, else its label."""
    if form is row.od:
        return str(OFFENSE_DATE)
    if form is row.cd:
        return str(CONVICTION_DATE)
    if form is row.age:
        return str(AGE_AT_THE_TIME)
    return str(fld.label.text)


def row_answers(row: Row) -> dict[str, Any]:
    """A validated row → the answers in the questionnaire's short keys."""
    conv: dict[str, Any] = {"k": "code", "code": row.code.code.data.strip()}
    number = (row.case.case_number.data or "").strip()
    if number:
        conv["cn"] = number
    conv["od"], conv["cd"] = row.od.parsed, row.cd.parsed
    for key in CHOICE_KEYS:
        value = getattr(row.facts, key).data
        if value and (key in ("lv", "ss", "cl") or value != UNSURE):
            conv[key] = value
    if row.age is not None:
        text = (row.age.age.data or "").strip()
        conv["ag"] = text if text else UNSURE
    return conv


def row_formdata(index: int, conv: dict[str, Any]) -> list[tuple[str, str]]:
    """Stored answers → the form values of row ``index`` (to show a saved or uploaded row)."""
    p = f"r{index}-"
    out: list[tuple[str, str]] = []
    if conv.get("code"):
        out.append((f"{p}code", conv["code"]))
    if conv.get("cn"):
        out.append((f"{p}case_number", conv["cn"]))
    for key in ("od", "cd"):
        value = conv.get(key)
        if value == UNSURE:
            out.append((f"{p}{key}-unknown", "y"))
        elif isinstance(value, str) and len(value) >= 7:
            out.append((f"{p}{key}-year", value[:4]))
            out.append((f"{p}{key}-month", str(int(value[5:7]))))
            if len(value) == 10:
                out.append((f"{p}{key}-day", str(int(value[8:10]))))
    for key in CHOICE_KEYS:
        if isinstance(conv.get(key), str):
            out.append((f"{p}{key}", conv[key]))
    if conv.get("ag") == UNSURE:
        out.append((f"{p}ag-unknown", "y"))
    elif conv.get("ag"):
        out.append((f"{p}ag-age", str(conv["ag"])))
    return out

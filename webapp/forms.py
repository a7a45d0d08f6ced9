"""Form classes: field types, format checks and messages. No legal logic lives here."""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import date

from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, StringField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from documents import needs_latin_name

from .csrf import SignedCSRF
from .helpers import date_order
from .i18n import lazy_gettext as _l

PICK_ONE = _l("Choose one answer.")
NOT_A_CHOICE = _l("Choose one of the answers shown.")
REQUIRED = _l("Please fill this in.")
NOT_A_YEAR = _l("Write the year with 4 numbers, like 2012.")
NOT_A_DAY = _l("Write the day as a number from 1 to 31.")
NO_SUCH_DAY = _l("That day does not exist in that month.")
IN_FUTURE = _l("This date is in the future. Check the year.")
TOO_EARLY = _l("This date is before 1900. Check the year.")
MONTH_MISSING = _l("Choose a month, or tick \"I don't know\".")
YEAR_MISSING = _l("Write a year, or tick \"I don't know\".")
BOTH_DATE_AND_UNKNOWN = _l("Give a date or tick \"I don't know\", not both.")
DAY_NEEDED_NOV_2016 = _l(
    "For November 2016 we need the day too, because the law changed on November 9, 2016. "
    "If you don't know the day, tick \"I don't know the day\". We keep the month and year."
)
CASE_NUMBER_CHARS = _l("Use only letters, numbers, spaces and the signs - / .")
CODE_FORMAT = _l("Write the code section with its number, like HS 11359 or 11357(b).")
AGE_NUMBER = _l("Write the age as a number, like 19.")
AGE_RANGE = _l("The age must be between 8 and 110.")
AGE_OR_UNSURE = _l("Write an age, or tick \"I'm not sure\".")
ZIP_FORMAT = _l("Write a ZIP code with 5 numbers, like 94103.")
PHONE_FORMAT = _l("Write a phone number with 10 numbers, like 415-555-0123.")
EMAIL_FORMAT = _l("This does not look like an email address.")
STATE_FORMAT = _l("Write the state as 2 letters, like CA.")
RECORD_NAME_NEEDED = _l("Your name has letters that are not English letters. Write it here as your court "
                        "record spells it, in English letters (A to Z).")
RECORD_NAME_LATIN = _l("Write this name in English letters (A to Z).")
BAR_FORMAT = _l("A California bar number has up to 6 numbers.")
ATTORNEY_FIELDS = _l("Fill in the lawyer's name and bar number.")
DOB_NEEDED = _l("Write your full date of birth: day, month and year.")

_CASE_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ./-]*$")
_CODE = re.compile(r"^[A-Za-z0-9 ().&/-]*[0-9]{3,5}[A-Za-z0-9 ().&/-]*$")
_DIGITS = re.compile(r"[0-9]+")
_MONTHS = frozenset(str(m) for m in range(1, 13))


def digits_only(text: str) -> bool:
    """Only the digits 0-9. (``"²".isdigit()`` is true, and then ``int("²")`` fails.)"""
    return bool(_DIGITS.fullmatch(text))
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def month_choices(names: Mapping[int, str]) -> list[tuple[str, str]]:
    return [("", _l("Month"))] + [(str(m), names[m]) for m in range(1, 13)]


class Form(FlaskForm):
    """Every form of the site: Flask-WTF's, with its CSRF token signed by
    :func:`webapp.csrf.generate_csrf` (the same token the page's other forms carry)."""

    class Meta:
        csrf_class = SignedCSRF


class ChoiceForm(Form):
    """One radio group; the view sets the choices for the question."""

    answer = RadioField(validators=[InputRequired(message=PICK_ONE)],
                         invalid_choice_message=NOT_A_CHOICE)


class PairForm(Form):
    """Two radio groups on one screen (used where two short facts belong together)."""

    first = RadioField(validators=[InputRequired(message=PICK_ONE)],
                         invalid_choice_message=NOT_A_CHOICE)
    second = RadioField(validators=[InputRequired(message=PICK_ONE)],
                         invalid_choice_message=NOT_A_CHOICE)


class CountyForm(Form):
    county = SelectField(_l("County"), validators=[InputRequired(message=PICK_ONE)],
                         invalid_choice_message=NOT_A_CHOICE)


class DateForm(Form):
    """Month and year, an optional day, or "I don't know"."""

    month = SelectField(_l("Month"), validators=[Optional()], invalid_choice_message=MONTH_MISSING)
    day = StringField(_l("Day (if you know it)"), validators=[Optional(), Length(max=2)])
    year = StringField(_l("Year"), validators=[Optional(), Length(max=4, message=NOT_A_YEAR)])
    unknown = BooleanField(_l("I don't know"))
    no_day = BooleanField(_l("I don't know the day"))

    require_day = False
    _order: tuple[str, ...] | None = None

    @property
    def order(self) -> tuple[str, ...]:
        """The parts in the reader's field order (CLDR), on every page that asks for a date,
        unless a view sets one."""
        return self._order or date_order()

    @order.setter
    def order(self, value: tuple[str, ...]) -> None:
        self._order = tuple(value)

    ask_day_nov_2016 = False
    today: date = date.max
    not_before: date | None = None
    not_before_message = None
    parsed: str | None = None  # "YYYY-MM", "YYYY-MM-DD" or "?" after validate()

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        month = (self.month.data or "").strip()
        day, year = (self.day.data or "").strip(), (self.year.data or "").strip()
        if self.unknown.data:
            if month or day or year:
                self.unknown.errors.append(BOTH_DATE_AND_UNKNOWN)
                return False
            self.parsed = "?"
            return True
        ok = True
        if not year:
            self.year.errors.append(YEAR_MISSING)
            ok = False
        elif not (digits_only(year) and len(year) == 4):
            self.year.errors.append(NOT_A_YEAR)
            ok = False
        if month not in _MONTHS:
            self.month.errors.append(MONTH_MISSING)
            ok = False
        if day and not (digits_only(day) and 1 <= int(day) <= 31):
            self.day.errors.append(NOT_A_DAY)
            ok = False
        if self.require_day and not day and ok:
            self.day.errors.append(DOB_NEEDED)
            ok = False
        if not ok:
            return False
        y, m = int(year), int(month)
        if y < 1900:
            self.year.errors.append(TOO_EARLY)
            return False
        if day:
            d = int(day)
            if d > calendar.monthrange(y, m)[1]:
                self.day.errors.append(NO_SUCH_DAY)
                return False
            value = date(y, m, d)
            first_possible = value
            self.parsed = value.isoformat()
        else:
            if (y, m) == (2016, 11) and self.ask_day_nov_2016 and not self.no_day.data:
                self.day.errors.append(DAY_NEEDED_NOV_2016)
                return False
            first_possible = date(y, m, 1)
            self.parsed = f"{y:04d}-{m:02d}"
        if first_possible > self.today:
            self.year.errors.append(IN_FUTURE)
            return False
        if self.not_before and _latest(self.parsed) < self.not_before:
            self.year.errors.append(self.not_before_message)
            return False
        return True


def _latest(value: str) -> date:
    """The last day a stored date could mean ("2012-03" → 2012-03-31)."""
    if len(value) == 10:
        return date.fromisoformat(value)
    y, m = int(value[:4]), int(value[5:7])
    return date(y, m, calendar.monthrange(y, m)[1])


def earliest(value: str) -> date:
    """The first day a stored date could mean ("2012-03" → 2012-03-01)."""
    if len(value) == 10:
        return date.fromisoformat(value)
    return date(int(value[:4]), int(value[5:7]), 1)


class CodeForm(Form):
    code = StringField(
        _l("Code section"),
        validators=[InputRequired(message=REQUIRED), Length(max=40, message=CODE_FORMAT)],
    )

    def validate_code(self, field):
        if not _CODE.match(field.data.strip()):
            raise ValidationError(CODE_FORMAT)


class CaseNumberForm(Form):
    case_number = StringField(_l("Case number"), validators=[Optional(), Length(max=30)])

    def validate_case_number(self, field):
        if field.data and not _CASE_NUMBER.match(field.data.strip()):
            raise ValidationError(CASE_NUMBER_CHARS)


class AgeForm(Form):
    age = StringField(_l("Age"), validators=[Optional(), Length(max=3, message=AGE_NUMBER)])
    unknown = BooleanField(_l("I'm not sure"))

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        text = (self.age.data or "").strip()
        if self.unknown.data and not text:
            return True
        if not text or self.unknown.data:
            self.age.errors.append(AGE_OR_UNSURE)
            return False
        if not digits_only(text):
            self.age.errors.append(AGE_NUMBER)
            return False
        if not 8 <= int(text) <= 110:
            self.age.errors.append(AGE_RANGE)
            return False
        return True


class LookupForm(Form):
    county = SelectField(_l("County"), validators=[InputRequired(message=PICK_ONE)],
                         invalid_choice_message=NOT_A_CHOICE)
    case_number = StringField(
        _l("Case number"), validators=[InputRequired(message=REQUIRED), Length(max=30)]
    )
    month = SelectField(_l("Month"), validators=[InputRequired(message=DOB_NEEDED)],
                        invalid_choice_message=DOB_NEEDED)
    day = StringField(_l("Day"), validators=[InputRequired(message=DOB_NEEDED), Length(max=2)])
    year = StringField(_l("Year"), validators=[InputRequired(message=DOB_NEEDED), Length(max=4)])
    parsed_dob: date | None = None
    today: date = date.max

    def validate_case_number(self, field):
        if not _CASE_NUMBER.match(field.data.strip()):
            raise ValidationError(CASE_NUMBER_CHARS)

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        _say_once(self.month, self.day, self.year)
        if not ok:
            return False
        year, day = self.year.data.strip(), self.day.data.strip()
        if not (digits_only(year) and len(year) == 4):
            self.year.errors.append(NOT_A_YEAR)
            return False
        if not (digits_only(day) and 1 <= int(day) <= 31):
            self.day.errors.append(NOT_A_DAY)
            return False
        y, m, d = int(year), int(self.month.data), int(day)
        if y < 1900:
            self.year.errors.append(TOO_EARLY)
            return False
        if d > calendar.monthrange(y, m)[1]:
            self.day.errors.append(NO_SUCH_DAY)
            return False
        if date(y, m, d) > self.today:
            self.year.errors.append(IN_FUTURE)
            return False
        self.parsed_dob = date(y, m, d)
        return True


def _say_once(*fields) -> None:
    """A message the parts of one date share ("write your full date of birth") is shown once,
    on the first part that has it."""
    seen: set[str] = set()
    for fld in fields:
        kept = [e for e in fld.errors if str(e) not in seen]
        seen.update(str(e) for e in fld.errors)
        if len(kept) != len(fld.errors):
            fld.errors = kept


def check_record_name(name: StringField, record_name: StringField, needed: str = RECORD_NAME_NEEDED) -> bool:
    """Court forms need the name in Latin letters: asked for when the name typed is in another
    script (documents.needs_latin_name), and never itself in another script. Adds the field's
    error and returns False when the answer will not do."""
    given = (record_name.data or "").strip()
    if given and needs_latin_name(given):
        record_name.errors = list(record_name.errors) + [RECORD_NAME_LATIN]
        return False
    if not given and needs_latin_name(name.data or ""):
        record_name.errors = list(record_name.errors) + [needed]
        return False
    return True


class ApplicantForm(Form):
    name = StringField(_l("Full name"), validators=[InputRequired(message=REQUIRED), Length(max=80)])
    record_name = StringField(_l("Your name as it is written in your court record (English letters A–Z)"),
                              validators=[Optional(), Length(max=80)])
    street = StringField(
        _l("Street address"), validators=[InputRequired(message=REQUIRED), Length(max=100)]
    )
    city = StringField(_l("City"), validators=[InputRequired(message=REQUIRED), Length(max=60)])
    state = StringField(_l("State"), default="CA", validators=[InputRequired(message=REQUIRED)])
    zip = StringField(_l("ZIP code"), validators=[InputRequired(message=REQUIRED), Length(max=10)])
    phone = StringField(_l("Phone"), validators=[InputRequired(message=REQUIRED), Length(max=20)])
    email = StringField(_l("Email (optional)"), validators=[Optional(), Length(max=100)])
    representation = RadioField(
        _l("Who is filing these papers?"),
        default="self",
        validators=[InputRequired(message=PICK_ONE)],
        invalid_choice_message=NOT_A_CHOICE,
    )
    attorney_name = StringField(_l("Lawyer's name"), validators=[Optional(), Length(max=80)])
    bar_number = StringField(_l("State Bar number"), validators=[Optional(), Length(max=6)])
    firm = StringField(_l("Law office (optional)"), validators=[Optional(), Length(max=100)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.representation.choices = [
            ("self", str(_l("I am filing for myself"))),
            ("attorney", str(_l("A lawyer is filing for me"))),
        ]

    def validate_state(self, field):
        if not re.fullmatch(r"[A-Za-z]{2}", field.data.strip()):
            raise ValidationError(STATE_FORMAT)

    def validate_zip(self, field):
        if not re.fullmatch(r"[0-9]{5}(-[0-9]{4})?", field.data.strip()):
            raise ValidationError(ZIP_FORMAT)

    def validate_phone(self, field):
        digits = re.sub(r"[\s().+-]", "", field.data)
        if digits.startswith("1") and len(digits) == 11:
            digits = digits[1:]
        if not (digits_only(digits) and len(digits) == 10):
            raise ValidationError(PHONE_FORMAT)

    def validate_email(self, field):
        if field.data and not _EMAIL.match(field.data.strip()):
            raise ValidationError(EMAIL_FORMAT)

    def validate_bar_number(self, field):
        if field.data and not digits_only(field.data.strip()):
            raise ValidationError(BAR_FORMAT)

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        ok = check_record_name(self.name, self.record_name) and ok
        if self.representation.data == "attorney":
            for fld in (self.attorney_name, self.bar_number):
                if not (fld.data or "").strip():
                    fld.errors = list(fld.errors) + [ATTORNEY_FIELDS]
                    ok = False
        return ok

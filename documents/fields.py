"""What goes on each paper: a pure mapping from (case, result, applicant) to field values.

Nothing here draws or translates. The field values hold English form text (court forms are in
English) and, for the papers a person reads, engine reasons as msgid + params so the renderer
can translate them. Everything is frozen and compared with exact equality in the tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, ClassVar

import rules
from rules import counties
from rules.model import Case, Conviction

from .applicant import Applicant
from .i18n import N_
from .layouts import CR400
from .outcomes import OUTCOME_SENTENCES, OUTCOME_SHORT  # noqa: F401 - one table, shared with the website

PETITION_FORM = "CR-400"
PROOF_FORM = "CR-401"
DA_REVIEW_FORM = "DA-REVIEW-REQUEST"
JUVENILE_FORMS = ("JV-744", "JV-744A")

IN_PRO_PER = "In Pro Per"

#: the statute's relief for each conviction, as Attachment 1 to the CR-400 asks for it (court English)
RELIEF_ON_FORM = {
    "DISMISS_AND_SEAL": "Dismiss and seal",
    "RECALL_AND_DISMISS": "Recall sentence and dismiss",
    "REDESIGNATE_MISDEMEANOR": "Redesignate as misdemeanor",
    "REDESIGNATE_INFRACTION": "Redesignate as infraction",
    "RESENTENCE_MISDEMEANOR": "Recall and resentence as misdemeanor",
    "RESENTENCE_INFRACTION": "Recall and resentence as infraction",
    "RESENTENCE": "Recall and resentence",
}

LEVEL_ON_FORM = {"felony": "Felony", "misdemeanor": "Misdemeanor", "infraction": "Infraction"}

#: the request under each CR-400 title box, for a conviction whose outcome names no relief
RELIEF_BY_TITLE_BOX = {
    "b": "Recall or dismiss the sentence, or resentence (HS § 11361.8(b))",
    "f": "Dismiss and seal, or redesignate (HS § 11361.8(f))",
}

#: What a person may be asked to write in by hand (``CR400Fields.handwrite``), for the
#: reading copy to explain. Signature and date are always the person's own.
HANDWRITE_PARTY = "party"  # the top-left box: name, address, telephone
HANDWRITE_DEFENDANT = "defendant"
HANDWRITE_CASE_NUMBER = "case_number"
HANDWRITE_COUNT = "count"  # count numbers on Attachment 1 (from the court papers, if known)
HANDWRITE_LEVEL = "level"  # a conviction's level is not known
HANDWRITE_DATE = "conviction_date"  # a conviction's date is not known
HANDWRITE_DAY = "conviction_day"  # only the month and year are known: the day may be added
HANDWRITE_SIGNATURE = "signature"  # Dated and the signature: always by hand

#: Case numbers that say the number is not known. They are refused, never printed.
PLACEHOLDER_CASE_NUMBERS = frozenset({
    "unknown", "unk", "n/a", "na", "n.a.", "none", "null", "nil", "tbd", "tba", "?", "??", "-", "--",
    "0", "00", "000", "x", "xx", "xxx", "not known", "dont know", "don't know", "do not know",
    "not sure", "no case number", "no number", "none given", "same", "see above", "pending",
})




# --- input checks and partial dates ------------------------------------------------------------


class PapersInputError(ValueError):
    """Input the papers cannot print truthfully (a placeholder case number, a county that is not
    a California county). ``field`` names the case-file field; ``message`` is an English msgid
    with ``params`` for the website to translate."""

    def __init__(self, field: str, message: str, **params: Any) -> None:
        self.field = field
        self.message = message
        self.params = params
        super().__init__(f"{field}: {message % params}")


COUNTY_UNKNOWN = N_("%(county)s is not a California county. Choose the county of the court that "
                    "convicted you, or leave the county out.")
CASE_NUMBER_PLACEHOLDER = N_("\"%(value)s\" is not a case number. Leave the case number empty if you do not "
                             "know it; the papers then leave a space to write it in.")


class MonthDate(date):
    """A date known only to its month and year. Prints as ``MM/YYYY``, never with a day."""

    __slots__ = ()


_MONTH_ONLY = re.compile(r"^(\d{4})-(\d{2})$")
_DATE_KEYS = ("offense_date", "conviction_date")


def read_case(case: Mapping[str, Any] | Case) -> Case:
    """The case file, validated by the engine and checked for what the papers print.

    The papers accept one thing the engine does not: a date known only to the month, written
    ``YYYY-MM``. The engine reads it as the first of the month (as the website's questions do);
    the papers print it as ``MM/YYYY``. Raises ``rules.CaseError`` or :class:`PapersInputError`.
    """
    if isinstance(case, Case):
        check_case(case)
        return case
    if not isinstance(case, Mapping):
        return rules.load_case(case)  # raises CaseError naming the problem
    data = dict(case)
    month_only: set[tuple[int, str]] = set()
    raw = data.get("convictions")
    if isinstance(raw, list):
        convictions = []
        for i, item in enumerate(raw):
            if isinstance(item, Mapping):
                item = dict(item)
                for key in _DATE_KEYS:
                    match = _MONTH_ONLY.match(str(item.get(key) or "").strip())
                    if match and 1 <= int(match.group(2)) <= 12:
                        item[key] = f"{match.group(1)}-{match.group(2)}-01"
                        month_only.add((i, key))
            convictions.append(item)
        data["convictions"] = convictions
    loaded = rules.load_case(data)
    if month_only:
        loaded = replace(loaded, convictions=tuple(
            replace(c, **{key: MonthDate(getattr(c, key).year, getattr(c, key).month, 1)
                          for key in _DATE_KEYS if (i, key) in month_only})
            for i, c in enumerate(loaded.convictions)
        ))
    check_case(loaded)
    return loaded


def check_case(case: Case) -> None:
    """Refuse values the papers would print untruthfully (raises :class:`PapersInputError`)."""
    if case.county and counties.find(case.county) is None:
        raise PapersInputError("county", COUNTY_UNKNOWN, county=case.county)
    for i, conviction in enumerate(case.convictions):
        if conviction.case_number is not None and not case_number_ok(conviction.case_number):
            raise PapersInputError(f"convictions[{i}].case_number", CASE_NUMBER_PLACEHOLDER,
                                   value=conviction.case_number.strip())


def case_number_ok(value: str) -> bool:
    """A case number has a letter or digit and is not a word for "not known"."""
    text = " ".join(value.strip().lower().replace("’", "'").split())
    if not text:
        return True  # empty is "not given": left blank on the forms
    return any(ch.isalnum() for ch in text) and text not in PLACEHOLDER_CASE_NUMBERS \
        and text.replace(".", "") not in PLACEHOLDER_CASE_NUMBERS


# --- field values ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PartyBlock:
    """ATTORNEY OR PARTY WITHOUT ATTORNEY (blank when no applicant was given)."""

    name: str = ""
    bar_number: str = ""
    firm: str = ""
    street: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    attorney_for: str = ""


@dataclass(frozen=True, slots=True)
class ReasonRef:
    """An engine reason to be translated: English msgid, its params, its cites."""

    message: str
    params: tuple[tuple[str, Any], ...]
    citations: tuple[str, ...]

    @property
    def as_dict(self) -> dict[str, Any]:
        return {"message": self.message, "params": dict(self.params)}


@dataclass(frozen=True, slots=True)
class ConvictionLine:
    """One row of Attachment 1 to the CR-400: a conviction and the relief the statute gives it.

    ``count`` is the count number as the person or the record gave it; empty when not known.
    """

    code: str
    level: str
    conviction_date: str
    relief: str
    number: int = 0  # the row number on the attachment
    count: str = ""


@dataclass(frozen=True, slots=True)
class CR400Fields:
    """One CR-400 and its Attachment 1. ``values`` maps each field of the form's field map to
    what goes in it, the same on the official form and on the drawn duplicate."""

    form: str
    revision: str  # the revision of the form the values are for, e.g. "New July 1, 2017"
    case_number: str
    file_label: str
    county: str  # from the county directory only; the 2017 form prints no county
    party: PartyBlock
    defendant: str
    title_b: bool
    title_f: bool
    item1: tuple[str, ...]
    item2_petition: bool
    item2_application: bool
    lines: tuple[ConvictionLine, ...]  # Attachment 1, one row per conviction
    handwrite: tuple[str, ...]  # HANDWRITE_* keys: what the person writes in by hand
    indexes: tuple[int, ...]  # the convictions (result indexes) on this petition
    citations: tuple[str, ...]

    @property
    def attachment(self) -> bool:
        """Every petition carries Attachment 1: the 2017 form has no place for the convictions'
        codes, dates and relief."""
        return True

    @property
    def values(self) -> dict[str, str | bool]:
        return cr400_values(self)


def party_values(p: PartyBlock) -> dict[str, str | bool]:
    """The ATTORNEY OR PARTY WITHOUT ATTORNEY box by meaning, as the forms' maps name it."""
    return {"bar_number": p.bar_number, "name": p.name, "firm": p.firm, "street": p.street, "city": p.city,
            "state": p.state, "zip": p.zip, "phone": p.phone, "fax": p.fax, "email": p.email,
            "attorney_for": p.attorney_for}


def cr400_values(f: CR400Fields) -> dict[str, str | bool]:
    """The form's fields by meaning (``documents/forms/CR-400-2017-07-01.yaml``). The hearing
    boxes are the court's, and items 3 and 4 and the date signed are the person's choice: they
    are always left empty."""
    values: dict[str, str | bool] = {
        **party_values(f.party), "defendant": f.defendant, "case_number": f.case_number,
        "hearing_date": "", "hearing_time": "", "hearing_department": "",
        "title_b": f.title_b, "title_f": f.title_f,
        "item2_petition": f.item2_petition, "item2_application": f.item2_application,
        "item3_waive_judge": False, "item4_waive_appearance": False, "dated": "",
    }
    for section in ITEM1_SECTIONS:
        values[f"item1_{section}"] = section in f.item1
    return values


@dataclass(frozen=True, slots=True)
class ServedOffice:
    """An office the proof of service names as served. Empty name and address: to be written in."""

    role: str  # "district_attorney" | "city_attorney"
    name: str
    address: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CR401Fields:
    """The proof of service of one CR-400. The person who serves is another adult, never the
    petitioner; nothing about them is known, so their box is always left to fill in by hand."""

    OFFICIAL_FORM: ClassVar[str] = PROOF_FORM

    form: str  # "CR-401" when the official form is filled; the drawn copy is not labelled so
    case_number: str
    file_label: str
    county: str
    party: PartyBlock
    defendant: str
    served: tuple[ServedOffice, ...]  # the DA, then a city attorney where one may have prosecuted
    city_attorney_possible: bool
    city_attorneys: tuple[ServedOffice, ...]  # the county's city attorneys' offices, from the directory

    @property
    def values(self) -> dict[str, str | bool]:
        """The caption by meaning, named as on the CR-400's map, for an official CR-401's map."""
        return {**party_values(self.party), "defendant": self.defendant, "case_number": self.case_number}

    @property
    def served_office(self) -> str:
        return self.served[0].name if self.served else ""

    @property
    def served_address(self) -> tuple[str, ...]:
        return self.served[0].address if self.served else ()


@dataclass(frozen=True, slots=True)
class ConvictionSummary:
    index: int
    code: str
    case_number: str
    outcome: str
    flags: tuple[str, ...]
    reasons: tuple[ReasonRef, ...]
    would_change: tuple[ReasonRef, ...]
    forms: tuple[str, ...]
    juvenile: bool


@dataclass(frozen=True, slots=True)
class NextStepsFields:
    as_of: date
    rules_version: str
    policy: str
    next_step: str
    person_name: str
    county: str
    court_name: str
    court_address: tuple[str, ...]
    court_website: str
    prosecutor_name: str
    prosecutor_address: tuple[str, ...]
    prosecutor_phone: str
    prosecutor_website: str
    city_attorney_note: str
    county_program: str
    convictions: tuple[ConvictionSummary, ...]
    petitions: tuple[str, ...]  # file labels of the CR-400s prepared
    attachments: tuple[str, ...]  # file labels whose CR-400 needs Attachment 1
    serving: bool  # a petition under 11361.8(b): the court may hold a hearing
    juvenile: bool
    da_review: bool
    already_cleared: bool
    not_eligible: bool
    city_attorney_possible: bool
    city_attorneys: tuple[ServedOffice, ...] = ()  # the county's city attorneys' offices


# --- helpers -----------------------------------------------------------------------------------

ITEM1_SECTIONS = ("11357", "11358", "11359", "11360", "11362.1")


def file_label(case_number: str | None, index: int) -> str:
    """A case number made safe for a file name; ``conviction-N`` when there is none."""
    if case_number:
        safe = re.sub(r"[^A-Za-z0-9._-]+", "-", case_number.strip()).strip("-.")
        if safe:
            return safe
    return f"conviction-{index + 1}"


def us_date(value: date | None) -> str:
    """``MM/DD/YYYY``; ``MM/YYYY`` for a date known only to the month; empty when unknown."""
    if value is None:
        return ""
    if isinstance(value, MonthDate):
        return value.strftime("%m/%Y")
    return value.strftime("%m/%d/%Y")


def _reason_refs(items: Iterable[Mapping[str, Any]]) -> tuple[ReasonRef, ...]:
    return tuple(
        ReasonRef(
            message=str(r.get("message") or r.get("text") or ""),
            params=tuple(sorted((str(k), v) for k, v in (r.get("params") or {}).items())),
            citations=tuple(r.get("citations") or ()),
        )
        for r in items
    )


def effective_outcome(det: Mapping[str, Any]) -> str:
    """What the person can expect, a county program included: for the papers a person reads and
    the DA letter, never for the CR-400, which asks for the statute's relief (``outcome``)."""
    return det.get("effective_outcome") or det.get("county_outcome") or det["outcome"]


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in values:
        if value:
            seen.setdefault(value, None)
    return tuple(seen)


def party_block(applicant: Applicant | None) -> PartyBlock:
    if applicant is None:
        return PartyBlock()
    if applicant.in_pro_per:
        name, bar, firm, attorney_for = applicant.name_for_court, "", "", IN_PRO_PER
    else:
        name = applicant.attorney_name or ""
        bar = applicant.bar_number or ""
        firm = applicant.firm or ""
        attorney_for = f"Defendant {applicant.name_for_court}"
    return PartyBlock(
        name=name,
        bar_number=bar,
        firm=firm,
        street=applicant.street,
        city=applicant.city,
        state=applicant.state,
        zip=applicant.zip,
        phone=applicant.phone,
        email=applicant.email or "",
        attorney_for=attorney_for,
    )


def petition_groups(result: Mapping[str, Any]) -> list[tuple[str, str, list[Mapping[str, Any]]]]:
    """The convictions that go on a CR-400, grouped by case number, in result order.

    A conviction goes on a CR-400 when the statute gives it relief (``cr400``), whatever a county
    program adds. Returns ``(case_number, file_label, determinations)``; a conviction without a
    case number gets a petition of its own, since nothing says which case it belongs to.
    """
    groups: dict[str, tuple[str, str, list[Mapping[str, Any]]]] = {}
    for det in result.get("convictions") or ():
        if PETITION_FORM not in (det.get("forms") or ()) or not det.get("cr400"):
            continue
        number = (det.get("case_number") or "").strip()
        key = number.upper() if number else f"#{det['index']}"
        if key not in groups:
            groups[key] = (number, file_label(number, det["index"]), [])
        groups[key][2].append(det)
    return list(groups.values())


def overflow_cases(result: Mapping[str, Any]) -> list[str]:
    """Case numbers (or file labels) of every petition: each has Attachment 1, which is filed
    with it."""
    return [number or label for number, label, _dets in petition_groups(result)]


def _conviction(case: Case, index: int) -> Conviction | None:
    return case.convictions[index] if 0 <= index < len(case.convictions) else None


def _county(case: Case, result: Mapping[str, Any]) -> counties.County | None:
    """The county from the directory, or None. A name the directory does not know never reaches
    the papers (``read_case`` refuses it)."""
    return counties.find(result.get("county") or case.county)


# --- CR-400 ----------------------------------------------------------------------------------


def statutory_relief(det: Mapping[str, Any]) -> str:
    """The relief the statute gives (``outcome``), never a county program's (``county_outcome``)."""
    return RELIEF_ON_FORM.get(det["outcome"]) or RELIEF_BY_TITLE_BOX.get((det.get("cr400") or {}).get("title_box"), "")


def _line(case: Case, det: Mapping[str, Any], number: int) -> ConvictionLine:
    conviction = _conviction(case, det["index"])
    level = conviction.level.value if conviction and conviction.level else ""
    return ConvictionLine(
        code=det.get("code") or (conviction.code if conviction else ""),
        level=LEVEL_ON_FORM.get(level, ""),
        conviction_date=us_date(conviction.conviction_date if conviction else None),
        relief=statutory_relief(det),
        number=number,
        count=str(conviction.count) if conviction and conviction.count else "",
    )


def _handwrite(party: PartyBlock, defendant: str, number: str, lines: Iterable[ConvictionLine],
               case: Case, dets: Iterable[Mapping[str, Any]]) -> tuple[str, ...]:
    lines = tuple(lines)
    wanted = [
        (HANDWRITE_PARTY, not party.name),
        (HANDWRITE_DEFENDANT, not defendant),
        (HANDWRITE_CASE_NUMBER, not number),
        (HANDWRITE_COUNT, any(not line.count for line in lines)),
        (HANDWRITE_LEVEL, any(not line.level for line in lines)),
        (HANDWRITE_DATE, any(not line.conviction_date for line in lines)),
        (HANDWRITE_DAY, any(isinstance(getattr(_conviction(case, d["index"]), "conviction_date", None), MonthDate)
                            for d in dets)),
        (HANDWRITE_SIGNATURE, True),
    ]
    return tuple(key for key, needed in wanted if needed)


def cr400_fields(case: Case, result: Mapping[str, Any], applicant: Applicant | None) -> tuple[CR400Fields, ...]:
    """One CR-400 per case number, asking for the statute's relief for each conviction."""
    check_case(case)
    county = _county(case, result)
    party = party_block(applicant)
    defendant = applicant.name_for_court if applicant else ""
    out = []
    for number, label, dets in petition_groups(result):
        boxes = [d["cr400"] for d in dets]
        lines = tuple(_line(case, det, n) for n, det in enumerate(dets, start=1))
        sections = {s for b in boxes for s in b.get("item1") or ()}
        out.append(
            CR400Fields(
                form=CR400.FORM_ID,
                revision=CR400.REVISION,
                case_number=number,
                file_label=label,
                county=county.name if county else "",
                party=party,
                defendant=defendant,
                title_b=any(b.get("title_box") == "b" for b in boxes),
                title_f=any(b.get("title_box") == "f" for b in boxes),
                item1=tuple(s for s in ITEM1_SECTIONS if s in sections),
                item2_petition=any(b.get("item2") == "PETITION" for b in boxes),
                item2_application=any(b.get("item2") == "APPLICATION" for b in boxes),
                lines=lines,
                handwrite=_handwrite(party, defendant, number, lines, case, dets),
                indexes=tuple(d["index"] for d in dets),
                # the court papers cite the law; a county program's reasons go in the DA letter
                citations=_unique(c for d in dets for r in d.get("reasons") or () if not str(r.get("id", "")).startswith("county.")
                                  for c in r.get("citations") or ()),
            )
        )
    return tuple(out)


# --- proof of service --------------------------------------------------------------------------


def _city_attorney_possible(case: Case, county: counties.County | None, det: Mapping[str, Any]) -> bool:
    if "CITY_ATTORNEY" in (det.get("flags") or ()):
        return True
    conviction = _conviction(case, det["index"])
    return bool(
        county
        and county.city_attorney_prosecutes_misdemeanors
        and conviction is not None
        and conviction.level is not None
        and conviction.level.value in ("misdemeanor", "infraction")
    )


def _office_address(office: Any, county: counties.County) -> tuple[str, ...]:
    """Where papers are mailed or delivered, only from a checked directory entry."""
    verified = getattr(office, "verified", None)
    if verified is None:
        verified = county.verified
    if not verified:
        return ()
    return tuple(getattr(office, "mailing_address", None) or office.address or ())


def _served_office(role: str, office: Any, county: counties.County) -> ServedOffice:
    return ServedOffice(role=role, name=office.name, address=_office_address(office, county))


def city_attorney_offices(county: counties.County | None) -> tuple[ServedOffice, ...]:
    """The county's city attorneys' offices that prosecute, from the county directory."""
    if county is None:
        return ()
    offices = getattr(county, "city_attorneys", None) or ()
    return tuple(_served_office("city_attorney", office, county) for office in offices)


def cr401_fields(case: Case, result: Mapping[str, Any], applicant: Applicant | None) -> tuple[CR401Fields, ...]:
    """One proof of service per CR-400: the DA's office (from the county directory), and a city
    attorney's office to write in where one may have prosecuted."""
    check_case(case)
    county = _county(case, result)
    party = party_block(applicant)
    city_attorneys = city_attorney_offices(county)
    out = []
    for number, label, dets in petition_groups(result):
        city = any(_city_attorney_possible(case, county, d) for d in dets)
        da = getattr(county, "da", None) or (county.prosecutor if county else None)
        served = [_served_office("district_attorney", da, county) if da and county
                  else ServedOffice("district_attorney", "", ())]
        if city:
            served.append(ServedOffice("city_attorney", "", ()))
        out.append(
            CR401Fields(
                form=PROOF_FORM,
                case_number=number,
                file_label=label,
                county=county.name if county else "",
                party=party,
                defendant=applicant.name_for_court if applicant else "",
                served=tuple(served),
                city_attorney_possible=city,
                city_attorneys=city_attorneys,
            )
        )
    return tuple(out)


# --- next steps ------------------------------------------------------------------------------


def next_steps_fields(case: Case, result: Mapping[str, Any], applicant: Applicant | None) -> NextStepsFields:
    check_case(case)
    county = _county(case, result)
    groups = petition_groups(result)
    summaries = []
    for det in result.get("convictions") or ():
        conviction = _conviction(case, det["index"])
        summaries.append(
            ConvictionSummary(
                index=det["index"],
                code=det.get("code") or "",
                case_number=det.get("case_number") or "",
                outcome=effective_outcome(det),
                flags=tuple(det.get("flags") or ()),
                reasons=_reason_refs(det.get("reasons") or ()),
                would_change=_reason_refs(det.get("would_change") or ()),
                forms=tuple(det.get("forms") or ()),
                juvenile=bool(
                    (conviction is not None and conviction.forum.value == "juvenile")
                    or any(f in (det.get("forms") or ()) for f in JUVENILE_FORMS)
                ),
            )
        )
    outcomes = {s.outcome for s in summaries}
    return NextStepsFields(
        as_of=date.fromisoformat(result["as_of"]),
        rules_version=str(result.get("rules_version") or ""),
        policy=str((result.get("policy") or {}).get("id") or ""),
        next_step=str(result.get("next_step") or ""),
        person_name=applicant.name if applicant else "",
        county=county.name if county else "",
        court_name=county.court.name if county else "",
        court_address=tuple(county.court.address) if county else (),
        court_website=(county.court.website or "") if county else counties.COURT_LOCATOR,
        prosecutor_name=county.prosecutor.name if county else "",
        prosecutor_address=tuple(county.prosecutor.address) if county else (),
        prosecutor_phone=(county.prosecutor.phone or "") if county else "",
        prosecutor_website=(county.prosecutor.website or "") if county else "",
        city_attorney_note=(county.city_attorney_note or "") if county else "",
        county_program=(county.program_summary or "") if county else "",
        convictions=tuple(summaries),
        petitions=tuple(label for _, label, _ in groups),
        attachments=tuple(label for _, label, _dets in groups),
        serving=any(d.get("cr400", {}).get("title_box") == "b" for _, _, dets in groups for d in dets),
        juvenile=any(s.juvenile and s.outcome not in ("NOT_ELIGIBLE", "ALREADY_CLEARED", "NEEDS_DA_REVIEW")
                     for s in summaries),
        # a review the statute needs, or the second way a county program adds beside the petition
        da_review="NEEDS_DA_REVIEW" in outcomes or any(DA_REVIEW_FORM in s.forms for s in summaries),
        already_cleared="ALREADY_CLEARED" in outcomes,
        not_eligible="NOT_ELIGIBLE" in outcomes,
        city_attorney_possible=any(
            _city_attorney_possible(case, county, d) for _, _, dets in groups for d in dets
        ),
        city_attorneys=city_attorney_offices(county),
    )

"""What the letter to the District Attorney says: a pure mapping from (case, result, applicant)
to the letter's facts.

The letter is written to the office, about the person, in the third person: each conviction's
facts, what the statute gives, why a person at the office must look at it, and one specific
request. Dates stay ``date`` values so the English letter prints MM/DD/YYYY and the person's copy
writes them out in their language; a date known only to the month never gets a day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from rules import counties
from rules.model import Case

from .applicant import Applicant
from .fields import DA_REVIEW_FORM, LEVEL_ON_FORM, effective_outcome
from .i18n import N_

#: The statute's answers the letter can name (the engine's outcome codes).
RELIEF_OUTCOMES = (
    "DISMISS_AND_SEAL", "RECALL_AND_DISMISS", "REDESIGNATE_MISDEMEANOR", "REDESIGNATE_INFRACTION",
    "RESENTENCE_MISDEMEANOR", "RESENTENCE_INFRACTION", "RESENTENCE",
)

#: The engine's outcome reasons, by id, and the relief each names.
_OUTCOME_REASONS = {
    "outcome.dismiss_and_seal": "DISMISS_AND_SEAL",
    "outcome.recall_and_dismiss": "RECALL_AND_DISMISS",
    "outcome.redesignate_misdemeanor": "REDESIGNATE_MISDEMEANOR",
    "outcome.redesignate_infraction": "REDESIGNATE_INFRACTION",
    "outcome.resentence_misdemeanor": "RESENTENCE_MISDEMEANOR",
    "outcome.resentence_infraction": "RESENTENCE_INFRACTION",
    "outcome.resentence_lower_maximum": "RESENTENCE",
}

#: Why a person at the office must look, in the third person, from the engine's flags and
#: reasons (the engine's own sentences speak to the person and cannot go in this letter).
WHY_BY_FLAG = {
    "QUANTITY_UNKNOWN": N_("The amount of cannabis is not in the record. The court presumes that the "
                           "conviction qualifies unless the prosecution proves otherwise by clear and "
                           "convincing evidence."),
    "PLANTS_UNKNOWN": N_("The number of plants is not in the record. The court presumes that the "
                         "conviction qualifies unless the prosecution proves otherwise by clear and "
                         "convincing evidence."),
    "UNCERTAIN_LAW": N_("The law is not settled for this situation."),
    "AGE_UNKNOWN": N_("The age at the time of the offense is not in the record, and it matters here."),
    "DATE_UNKNOWN": N_("The dates of the offense and of the conviction are not known."),
    "LEVEL_UNKNOWN": N_("The record does not show whether the conviction was a felony, a misdemeanor or an "
                        "infraction."),
    "CONDUCT_ASSUMED": N_("The record does not show what the conduct was (for example, giving away, "
                          "transporting or selling)."),
    "PRIOR_DATE_UNKNOWN": N_("An earlier conviction that matters here has no date in the record."),
    "OFFENSE_DATE_ASSUMED": N_("The offense date is not known; the conviction date is used in its place."),
}
WHY_BY_REASON = {
    "county.before_program": N_("Your office's program reviewed convictions from %(year)d on. This "
                                "conviction is older, so it was not part of that review."),
    "code.unreadable": N_("The code section in the record (%(code)s) could not be read with certainty."),
    "scope.accessory_unknown_target": N_("The record does not show which offense the accessory conviction "
                                         "was about."),
    "scope.wrapper_unknown_target": N_("The record does not show which offense the attempt or conspiracy "
                                       "was about."),
}
WHY_FALLBACK = N_("The facts in the record do not settle whether the conviction qualifies.")


@dataclass(frozen=True, slots=True)
class LetterItem:
    """One conviction the office is asked to review."""

    case_number: str
    code: str
    level: str  # "Felony" | "Misdemeanor" | "Infraction" | ""
    offense_date: date | None
    conviction_date: date | None
    completed: bool | None  # None: not known
    statute: str  # the statute's relief (an outcome code), or "" when review must settle it
    why: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]  # (msgid, params)
    citations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LetterFields:
    county: str
    court_name: str
    office_name: str
    office_address: tuple[str, ...]
    office_phone: str
    office_verified: bool
    office_website: str
    sender_name: str
    sender_address: tuple[str, ...]
    sender_phone: str
    sender_email: str
    date_of_birth: date | None
    items: tuple[LetterItem, ...]


def da_office(county: counties.County) -> tuple[str, tuple[str, ...], str, bool, str]:
    """The DA's name, the address to mail to, telephone, whether the directory verified them, and
    website: the directory's DA entry (``County.da``), its mailing address where it publishes one."""
    da = getattr(county, "da", None) or county.prosecutor
    address = tuple(getattr(da, "mailing_address", None) or ()) or tuple(da.address)
    verified = bool(getattr(da, "verified", county.verified))
    return da.name, address, da.phone or "", verified, da.website or ""


def da_desk(county: counties.County) -> tuple[str, ...]:
    """Which of the DA's address (as :func:`da_office` gives it: not when a mailing address is
    published) and phone are its victim services desk's (the directory's ``victim_services``)."""
    da = getattr(county, "da", None) or county.prosecutor
    mailing = bool(getattr(da, "mailing_address", None))
    return tuple(item for item in getattr(da, "victim_services", ()) if not (item == "address" and mailing))


def statute_answer(det: Mapping[str, Any]) -> str:
    """The relief the statute gives this conviction, whatever a county program adds: the
    engine's outcome when it names a relief, else the outcome reason's; "" when only a review
    can settle it."""
    if det.get("outcome") in RELIEF_OUTCOMES:
        return det["outcome"]
    found = ""
    for reason in det.get("reasons") or ():
        found = _OUTCOME_REASONS.get(reason.get("id") or "", found)
    return found


def _why(det: Mapping[str, Any]) -> tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]:
    out: list[tuple[str, tuple[tuple[str, Any], ...]]] = []
    for reason in det.get("reasons") or ():
        message = WHY_BY_REASON.get(reason.get("id") or "")
        if message:
            out.append((message, tuple(sorted((reason.get("params") or {}).items()))))
    out.extend((WHY_BY_FLAG[flag], ()) for flag in det.get("flags") or () if flag in WHY_BY_FLAG)
    return tuple(dict.fromkeys(out)) or ((WHY_FALLBACK, ()),)


def _in_letter(det: Mapping[str, Any]) -> bool:
    return effective_outcome(det) == "NEEDS_DA_REVIEW" or DA_REVIEW_FORM in (det.get("forms") or ())


def letter_fields(case: Case, result: Mapping[str, Any], applicant: Applicant | None) -> LetterFields | None:
    """The letter asking the DA's office to review convictions; None when none needs it."""
    dets = [d for d in result.get("convictions") or () if _in_letter(d)]
    if not dets:
        return None
    county = counties.find(result.get("county") or case.county or "")
    items = []
    for det in dets:
        index = det["index"]
        conviction = case.convictions[index] if 0 <= index < len(case.convictions) else None
        status = conviction.sentence_status.value if conviction and conviction.sentence_status else ""
        items.append(LetterItem(
            case_number=(det.get("case_number") or (conviction.case_number if conviction else "") or "").strip(),
            code=(det.get("code") or (conviction.code if conviction else "")) or "",
            level=LEVEL_ON_FORM.get(conviction.level.value, "") if conviction and conviction.level else "",
            offense_date=conviction.offense_date if conviction else None,
            conviction_date=conviction.conviction_date if conviction else None,
            completed={"completed": True, "serving": False}.get(status),
            statute=statute_answer(det),
            why=_why(det),
            citations=tuple(dict.fromkeys(c for r in det.get("reasons") or () for c in r.get("citations") or ())),
        ))
    office_name, office_address, office_phone, verified, website = (
        da_office(county) if county else ("", (), "", False, "")
    )
    if applicant:
        address = tuple(x for x in (applicant.street, f"{applicant.city}, {applicant.state} {applicant.zip}".strip(" ,"))
                        if x)
    else:
        address = ()
    return LetterFields(
        county=county.name if county else (case.county or ""),
        court_name=county.court.name if county else "",
        office_name=office_name,
        office_address=office_address,
        office_phone=office_phone,
        office_verified=verified,
        office_website=website,
        sender_name=applicant.name_for_court if applicant else "",
        sender_address=address,
        sender_phone=applicant.phone if applicant else "",
        sender_email=(applicant.email or "") if applicant else "",
        date_of_birth=case.person.date_of_birth,
        items=tuple(items),
    )

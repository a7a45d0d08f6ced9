"""What goes on each paper: a pure mapping from (case, result, applicant) to field values.

Nothing here draws or translates. The field values hold English form text (court forms are in
English) and, for the papers a person reads, engine reasons as msgid + params so the renderer
can translate them. Everything is frozen and compared with exact equality in the tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from rules import counties
from rules.model import Case, Conviction

from .applicant import Applicant
from .i18n import N_
from .layouts import CR400, CR401

PETITION_FORM = "CR-400"
PROOF_FORM = "CR-401"
DA_REVIEW_FORM = "DA-REVIEW-REQUEST"
JUVENILE_FORMS = ("JV-744", "JV-744A")

IN_PRO_PER = "In Pro Per"

#: relief asked for on the CR-400 conviction lines (court English)
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

#: one plain sentence per outcome, in the person's language (translated at render time)
OUTCOME_SENTENCES = {
    "DISMISS_AND_SEAL": N_("You can ask the court to dismiss and seal this conviction."),
    "RECALL_AND_DISMISS": N_("You can ask the court to end your sentence and dismiss this conviction."),
    "REDESIGNATE_MISDEMEANOR": N_("You can ask the court to reduce this conviction to a misdemeanor."),
    "REDESIGNATE_INFRACTION": N_("You can ask the court to reduce this conviction to an infraction."),
    "RESENTENCE_MISDEMEANOR": N_(
        "You can ask the court to resentence you for this conviction as a misdemeanor."
    ),
    "RESENTENCE_INFRACTION": N_(
        "You can ask the court to resentence you for this conviction as an infraction."
    ),
    "RESENTENCE": N_("You can ask the court to resentence you for this conviction."),
    "NOT_ELIGIBLE": N_("This conviction cannot be cleared under Proposition 64."),
    "NEEDS_DA_REVIEW": N_("A person at the District Attorney's office must review this conviction."),
    "ALREADY_CLEARED": N_("Your record shows this conviction was already cleared."),
}

OUTCOME_SHORT = {
    "DISMISS_AND_SEAL": N_("Dismiss and seal"),
    "RECALL_AND_DISMISS": N_("End sentence and dismiss"),
    "REDESIGNATE_MISDEMEANOR": N_("Reduce to a misdemeanor"),
    "REDESIGNATE_INFRACTION": N_("Reduce to an infraction"),
    "RESENTENCE_MISDEMEANOR": N_("Resentence as a misdemeanor"),
    "RESENTENCE_INFRACTION": N_("Resentence as an infraction"),
    "RESENTENCE": N_("Resentence"),
    "NOT_ELIGIBLE": N_("Not eligible"),
    "NEEDS_DA_REVIEW": N_("Needs review by the DA"),
    "ALREADY_CLEARED": N_("Already cleared"),
}


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
    """One line of CR-400 item 1 (or of Attachment 1)."""

    code: str
    level: str
    conviction_date: str
    relief: str


@dataclass(frozen=True, slots=True)
class CR400Fields:
    revision: str
    case_number: str
    file_label: str
    county: str
    party: PartyBlock
    defendant: str
    title_b: bool
    title_f: bool
    item1: tuple[str, ...]
    lines: tuple[ConvictionLine, ...]
    attachment: bool
    item2_petition: bool
    item2_application: bool
    printed_name: str
    indexes: tuple[int, ...]  # the convictions (result indexes) on this petition
    citations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CR401Fields:
    revision: str
    case_number: str
    file_label: str
    county: str
    party: PartyBlock
    defendant: str
    served_office: str  # blank when the person must find out which office prosecuted
    served_address: tuple[str, ...]
    city_attorney_possible: bool


@dataclass(frozen=True, slots=True)
class DAReviewItem:
    index: int
    case_number: str
    code: str
    level: str
    offense_date: str
    conviction_date: str
    sentence_status: str
    reasons: tuple[ReasonRef, ...]


@dataclass(frozen=True, slots=True)
class DAReviewFields:
    county: str
    office_name: str
    office_address: tuple[str, ...]
    office_phone: str
    office_email: str
    office_website: str
    sender_name: str
    sender_address: tuple[str, ...]
    sender_phone: str
    sender_email: str
    date_of_birth: str
    items: tuple[DAReviewItem, ...]
    citations: tuple[str, ...]
    county_program: str


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


# --- helpers -----------------------------------------------------------------------------------


def file_label(case_number: str | None, index: int) -> str:
    """A case number made safe for a file name; ``conviction-N`` when there is none."""
    if case_number:
        safe = re.sub(r"[^A-Za-z0-9._-]+", "-", case_number.strip()).strip("-.")
        if safe:
            return safe
    return f"conviction-{index + 1}"


def _us_date(value: date | None) -> str:
    return value.strftime("%m/%d/%Y") if value else ""


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
        name, bar, firm, attorney_for = applicant.name, "", "", IN_PRO_PER
    else:
        name = applicant.attorney_name or ""
        bar = applicant.bar_number or ""
        firm = applicant.firm or ""
        attorney_for = f"Defendant {applicant.name}"
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

    Returns ``(case_number, file_label, determinations)``; a conviction without a case number
    gets a petition of its own, since nothing says which case it belongs to.
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
    """Case numbers whose convictions need more lines than the CR-400 has."""
    return [
        number or label
        for number, label, dets in petition_groups(result)
        if len(dets) > CR400.CONVICTION_LINES
    ]


def _conviction(case: Case, index: int) -> Conviction | None:
    return case.convictions[index] if 0 <= index < len(case.convictions) else None


def _county(case: Case, result: Mapping[str, Any]) -> counties.County | None:
    return counties.find(result.get("county") or case.county)


# --- CR-400 ----------------------------------------------------------------------------------


def cr400_fields(case: Case, result: Mapping[str, Any], applicant: Applicant | None) -> tuple[CR400Fields, ...]:
    """One CR-400 per case number."""
    county = _county(case, result)
    county_name = county.name if county else (case.county or "")
    party = party_block(applicant)
    out = []
    for number, label, dets in petition_groups(result):
        boxes = [d["cr400"] for d in dets]
        lines = []
        for det in dets:
            conviction = _conviction(case, det["index"])
            level = conviction.level.value if conviction and conviction.level else ""
            lines.append(
                ConvictionLine(
                    code=det.get("code") or (conviction.code if conviction else ""),
                    level=LEVEL_ON_FORM.get(level, ""),
                    conviction_date=_us_date(conviction.conviction_date if conviction else None),
                    relief=RELIEF_ON_FORM.get(det["outcome"], ""),  # the statute's relief, never a program's
                )
            )
        sections = {s for b in boxes for s in b.get("item1") or ()}
        out.append(
            CR400Fields(
                revision=CR400.FOOTER_FORM_LINE,
                case_number=number,
                file_label=label,
                county=county_name,
                party=party,
                defendant=applicant.name if applicant else "",
                title_b=any(b.get("title_box") == "b" for b in boxes),
                title_f=any(b.get("title_box") == "f" for b in boxes),
                item1=tuple(s for s in ("11357", "11358", "11359", "11360", "11362.1") if s in sections),
                lines=tuple(lines),
                attachment=len(lines) > CR400.CONVICTION_LINES,
                item2_petition=any(b.get("item2") == "PETITION" for b in boxes),
                item2_application=any(b.get("item2") == "APPLICATION" for b in boxes),
                printed_name=(
                    (applicant.name if applicant.in_pro_per else applicant.attorney_name or "")
                    if applicant
                    else ""
                ),
                indexes=tuple(d["index"] for d in dets),
                # the court papers cite the law; a county program's reasons go in the DA letter
                citations=_unique(c for d in dets for r in d.get("reasons") or () if not str(r.get("id", "")).startswith("county.")
                                  for c in r.get("citations") or ()),
            )
        )
    return tuple(out)


# --- CR-401 ----------------------------------------------------------------------------------


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


def cr401_fields(case: Case, result: Mapping[str, Any], applicant: Applicant | None) -> tuple[CR401Fields, ...]:
    """One proof of service per CR-400, naming the office to serve where the county data knows it."""
    county = _county(case, result)
    county_name = county.name if county else (case.county or "")
    party = party_block(applicant)
    out = []
    for number, label, dets in petition_groups(result):
        city = any(_city_attorney_possible(case, county, d) for d in dets)
        if city or county is None:
            office, address = "", ()
        else:
            office, address = county.prosecutor.name, tuple(county.prosecutor.address)
        out.append(
            CR401Fields(
                revision=CR401.FOOTER_FORM_LINE,
                case_number=number,
                file_label=label,
                county=county_name,
                party=party,
                defendant=applicant.name if applicant else "",
                served_office=office,
                served_address=address,
                city_attorney_possible=city,
            )
        )
    return tuple(out)


# --- DA review request -----------------------------------------------------------------------


def da_review_fields(case: Case, result: Mapping[str, Any], applicant: Applicant | None) -> DAReviewFields | None:
    """The letter asking the DA to review NEEDS_DA_REVIEW convictions; None when there are none."""
    dets = [d for d in result.get("convictions") or () if effective_outcome(d) == "NEEDS_DA_REVIEW"
            or DA_REVIEW_FORM in (d.get("forms") or ())]
    if not dets:
        return None
    county = _county(case, result)
    items = []
    for det in dets:
        conviction = _conviction(case, det["index"])
        items.append(
            DAReviewItem(
                index=det["index"],
                case_number=det.get("case_number") or "",
                code=(conviction.code if conviction else det.get("code")) or "",
                level=LEVEL_ON_FORM.get(conviction.level.value, "") if conviction and conviction.level else "",
                offense_date=_us_date(conviction.offense_date if conviction else None),
                conviction_date=_us_date(conviction.conviction_date if conviction else None),
                sentence_status=(
                    {"serving": "Still serving", "completed": "Completed"}.get(conviction.sentence_status.value, "")
                    if conviction and conviction.sentence_status
                    else ""
                ),
                reasons=_reason_refs(det.get("reasons") or ()),
            )
        )
    if applicant:
        address = (applicant.street, f"{applicant.city}, {applicant.state} {applicant.zip}")
    else:
        address = ()
    prosecutor = county.prosecutor if county else None
    return DAReviewFields(
        county=county.name if county else (case.county or ""),
        office_name=prosecutor.name if prosecutor else "",
        office_address=tuple(prosecutor.address) if prosecutor else (),
        office_phone=(prosecutor.phone or "") if prosecutor else "",
        office_email=(prosecutor.email or "") if prosecutor else "",
        office_website=(prosecutor.website or "") if prosecutor else "",
        sender_name=applicant.name if applicant else "",
        sender_address=address,
        sender_phone=applicant.phone if applicant else "",
        sender_email=(applicant.email or "") if applicant else "",
        date_of_birth=_us_date(case.person.date_of_birth),
        items=tuple(items),
        citations=_unique(c for item in items for r in item.reasons for c in r.citations),
        county_program=(county.program_summary or "") if county else "",
    )


# --- next steps ------------------------------------------------------------------------------


def next_steps_fields(case: Case, result: Mapping[str, Any], applicant: Applicant | None) -> NextStepsFields:
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
        county=county.name if county else (case.county or ""),
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
        attachments=tuple(label for _, label, dets in groups if len(dets) > CR400.CONVICTION_LINES),
        serving=any(d.get("cr400", {}).get("title_box") == "b" for _, _, dets in groups for d in dets),
        juvenile=any(s.juvenile and s.outcome not in ("NOT_ELIGIBLE", "ALREADY_CLEARED", "NEEDS_DA_REVIEW")
                     for s in summaries),
        da_review="NEEDS_DA_REVIEW" in outcomes,
        already_cleared="ALREADY_CLEARED" in outcomes,
        not_eligible="NOT_ELIGIBLE" in outcomes,
        city_attorney_possible=any(
            _city_attorney_possible(case, county, d) for _, _, dets in groups for d in dets
        ),
    )

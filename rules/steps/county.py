"""County DA programs laid over the statute (``rules/policies/*.yaml``): what a program gives
beyond HS 11361.8, as ``county_outcome`` beside the statute's answer."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import cached_property

from .. import counties
from .. import lawdata as law
from .. import policy as policies
from ..codes import ParsedCode, parse_code
from ..model import Case, Conviction, Determination, Flag, Level, Outcome, SentenceStatus
from ..model import Reason
from ..reasons import cites, reason
from .dates import age_on
from .priors import Record

cites(
    {
        "county.program_dismisses": ("HS-11361.8-e",),
        "county.criterion_misdemeanor": ("HS-11361.8-e",),
        "county.criterion_section": ("HS-11361.8-e",),
        "county.criterion_age": ("HS-11361.8-e",),
        "county.criterion_under_21": ("HS-11361.8-e",),
        "county.criterion_crime_free": ("HS-11361.8-e",),
        "county.criterion_single_completed": ("HS-11361.8-e",),
        "county.criterion_only_prop64": ("HS-11361.8-e",),
        "county.criterion_deceased": ("HS-11361.8-e",),
        "county.related_charge": ("HS-11361.8-e",),
        "county.before_program": ("HS-11361.8-a", "HS-11361.8-e"),
    }
)

_REDUCTIONS = frozenset(
    {
        Outcome.REDESIGNATE_MISDEMEANOR,
        Outcome.REDESIGNATE_INFRACTION,
        Outcome.RESENTENCE_MISDEMEANOR,
        Outcome.RESENTENCE_INFRACTION,
        Outcome.RESENTENCE,
    }
)


def _conviction_day(conv: Conviction) -> date | None:
    return conv.conviction_date or conv.offense_date


class _PersonFacts:
    """What county programs ask about the whole person, worked out only when asked."""

    def __init__(self, case: Case, dets: list[Determination], records: tuple[Record, ...]):
        self._case, self._dets, self._records = case, dets, records
        self.n_convictions = len(case.convictions) + len(case.other_convictions)

    @cached_property
    def all_dates(self) -> list[date]:
        return [r.date for r in self._records if r.date is not None]

    @cached_property
    def only_prop64(self) -> bool:
        return not self._case.other_convictions and all(
            parse_code(c.code).section in law.COVERED_SECTIONS for c in self._case.convictions
        )

    @cached_property
    def prop64_cases(self) -> set[str]:
        return {c.case_number for c, d in zip(self._case.convictions, self._dets) if d.section and c.case_number}


def apply_county(
    dets: list[Determination], case: Case, program: policies.Policy, as_of: date, records: tuple[Record, ...]
) -> list[Determination]:
    """Lay the county's DA program over the statutory answers (county_outcome)."""
    choices = program.choices
    county = program.county or ""
    facts = _PersonFacts(case, dets, records)
    city_attorney = _city_attorney(case)
    review_before = choices.get("review_before")
    out: list[Determination] = []
    for conv, det in zip(case.convictions, dets):
        extra: list[Reason] = []
        county_outcome: Outcome | None = None
        outcome = det.outcome
        flags = set(det.flags)
        day = _conviction_day(conv)
        in_scope = det.section is not None or det.outcome is Outcome.NEEDS_DA_REVIEW and Flag.UNCERTAIN_LAW in det.flags
        if (
            review_before
            and in_scope
            and day is not None
            and day < review_before
            and det.outcome is not Outcome.ALREADY_CLEARED
            and not any(r.id == "date.after_effective" for r in det.reasons)
        ):
            outcome = Outcome.NEEDS_DA_REVIEW
            flags.add(Flag.COUNTY_POLICY_DIFFERS)
            extra.append(reason("county.before_program", county=county, year=review_before.year))
        elif det.section is None and det.outcome is Outcome.NOT_ELIGIBLE and conv.case_number in facts.prop64_cases:
            code = parse_code(conv.code)
            if any(_same_code(code, rel) for rel in choices.get("related_charges", ())):
                county_outcome = Outcome.DISMISS_AND_SEAL
                extra.append(reason("county.related_charge", county=county))
        elif det.section is not None and (det.outcome in _REDUCTIONS or _misdemeanor_same_level(det, conv)):
            criteria = _criteria(conv, det, case, choices, as_of, facts)
            if criteria and conv.sentence_status is not SentenceStatus.SERVING:
                county_outcome = Outcome.DISMISS_AND_SEAL
                extra.append(reason("county.program_dismisses", county=county))
                extra.extend(criteria)
        if county_outcome is not None:
            flags.add(Flag.COUNTY_POLICY_DIFFERS)
        if conv.level is Level.MISDEMEANOR and city_attorney:
            flags.add(Flag.CITY_ATTORNEY)
        if not extra and flags == set(det.flags):
            out.append(det)
            continue
        forms = det.forms
        if outcome is Outcome.NEEDS_DA_REVIEW:
            forms = ("DA-REVIEW-REQUEST",)
        elif county_outcome is not None and not det.forms:
            forms = ("CR-400", "CR-401") if det.section else det.forms
        changed = outcome is not det.outcome  # only ever to NEEDS_DA_REVIEW
        out.append(
            replace(
                det,
                outcome=outcome,
                county_outcome=county_outcome,
                route=None if changed else det.route,
                flags=tuple(sorted(flags)),
                reasons=(*det.reasons, *extra),
                cr400=None if changed else det.cr400,
                forms=forms,
            )
        )
    return out


def _city_attorney(case: Case) -> bool:
    county = counties.find(case.county)
    return bool(county and county.city_attorney_prosecutes_misdemeanors)


def _same_code(code: ParsedCode, listed: ParsedCode) -> bool:
    if code.target is None and code.wrapper_part is None:
        return False
    mine = code.target or code.wrapper_part
    theirs = listed.target or listed.wrapper_part
    if mine is None or theirs is None or mine.section != theirs.section or mine.law != theirs.law:
        return False
    return mine.subsections[: len(theirs.subsections)] == theirs.subsections


def _misdemeanor_same_level(det: Determination, conv: Conviction) -> bool:
    return (
        det.outcome is Outcome.NOT_ELIGIBLE
        and conv.level in (Level.MISDEMEANOR, Level.INFRACTION)
        and not any(r.id == "outcome.felony_still" or r.id == "date.after_effective" for r in det.reasons)
        and any(r.id.startswith("outcome.same_level") for r in det.reasons)
    )


def _criteria(
    conv: Conviction,
    det: Determination,
    case: Case,
    choices: dict,
    as_of: date,
    facts: _PersonFacts,
) -> list[Reason]:
    met: list[Reason] = []
    level = conv.level
    if choices.get("dismiss_misdemeanors") and level in (Level.MISDEMEANOR, Level.INFRACTION):
        met.append(reason("county.criterion_misdemeanor"))
    if level is Level.FELONY or level is None:
        if det.section in choices.get("dismiss_sections", ()):
            met.append(reason("county.criterion_section", section=det.section))
        dob = case.person.date_of_birth
        threshold = choices.get("dismiss_age_at_least")
        if threshold and dob and age_on(dob, as_of) >= threshold:
            met.append(reason("county.criterion_age", age=threshold))
        offense = conv.offense_date or conv.conviction_date
        age = conv.age_at_offense if conv.age_at_offense is not None else (age_on(dob, offense) if dob and offense else None)
        if choices.get("dismiss_under_21_at_offense") and age is not None and age < law.LEGAL_AGE:
            met.append(reason("county.criterion_under_21"))
        years = choices.get("dismiss_crime_free_years")
        if years and facts.all_dates:
            cutoff = _years_before(as_of, years)
            if max(facts.all_dates) < cutoff and facts.n_convictions > 1:
                met.append(reason("county.criterion_crime_free", years=years))
        if choices.get("dismiss_single_conviction_completed") and facts.n_convictions == 1 and conv.sentence_status is SentenceStatus.COMPLETED:
            met.append(reason("county.criterion_single_completed"))
        if choices.get("dismiss_only_prop64_completed") and facts.only_prop64 and all(
            c.sentence_status is SentenceStatus.COMPLETED for c in case.convictions
        ):
            met.append(reason("county.criterion_only_prop64"))
        if choices.get("dismiss_deceased") and case.person.deceased:
            met.append(reason("county.criterion_deceased"))
    return met


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # February 29
        return day.replace(year=day.year - years, day=28)



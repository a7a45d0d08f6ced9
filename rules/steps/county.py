"""County DA programs laid over the statute (``rules/policies/*.yaml``). A program only adds.

The statute's ``outcome``, ``route`` and CR-400 always stand: a DA program is the DA's own motion
and cannot take away the right to apply under HS 11361.8 (docs/law.md, "County programs"). A
program adds ``county_outcome`` and a second way, a request for DA review
(``county_route``); it never turns a statutory "no" into a promise, only into "it may already
have been cleared: check your record". Its conditions are tested on the day it ran, and a
condition we cannot check is not a yes. Programs reviewed adult convictions, not juvenile
adjudications. Every reason a program gives cites the program's own source.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property, lru_cache

from .. import counties
from .. import lawdata as law
from .. import policy as policies
from ..codes import ParsedCode, parse_code
from ..model import RELIEF_OUTCOMES, Case, Citation, Conviction, Determination, Flag, Forum, Level, Outcome, Reason, SentenceStatus
from ..reasons import sourced
from .dates import age_at_offense, age_on
from .priors import Record
from .route import DA_REVIEW_REQUEST

#: rule ids whose reasons cite the program's own source (see ``rules.policy.Policy.citation``)
PROGRAM_RULES = frozenset(
    {
        "county.program_dismisses",
        "county.program_may_have_cleared",
        "county.condition_unknown",
        "county.criterion_misdemeanor",
        "county.criterion_section",
        "county.criterion_age",
        "county.criterion_under_21",
        "county.criterion_crime_free",
        "county.criterion_single_completed",
        "county.criterion_only_prop64",
        "county.criterion_deceased",
        "county.related_charge",
        "county.before_program",
    }
)

#: the county's second way, beside the statute's route
COUNTY_ROUTE = "DA review request"


class _PersonFacts:
    """What county programs ask about the whole person, worked out only when asked."""

    def __init__(self, case: Case, dets: list[Determination], records: tuple[Record, ...], on: date):
        self._case, self._dets, self._records, self.on = case, dets, records, on
        self.n_convictions = len(case.convictions) + len(case.other_convictions)

    @cached_property
    def dates_known(self) -> bool:
        return all(r.date is not None for r in self._records)

    @cached_property
    def latest(self) -> date | None:
        """The latest conviction on or before the day the program ran."""
        dates = [r.date for r in self._records if r.date is not None and r.date <= self.on]
        return max(dates) if dates else None

    @cached_property
    def only_prop64(self) -> bool:
        return not self._case.other_convictions and all(
            parse_code(c.code).section in law.COVERED_SECTIONS for c in self._case.convictions
        )

    @cached_property
    def prop64_cases(self) -> set[str]:
        return {c.case_number for c, d in zip(self._case.convictions, self._dets) if d.section and c.case_number}


class _Overlay:
    """One program's additions to one determination."""

    __slots__ = ("det", "county_outcome", "county_route", "flags", "reasons")

    def __init__(self, det: Determination) -> None:
        self.det = det
        self.county_outcome: Outcome | None = None
        self.county_route: str | None = None
        self.flags = set(det.flags)
        self.reasons: list[Reason] = []

    def add_review_request(self) -> None:
        self.county_route = COUNTY_ROUTE
        self.flags.add(Flag.COUNTY_POLICY_DIFFERS)

    def build(self) -> Determination:
        det = self.det
        if not self.reasons and self.flags == set(det.flags):
            return det
        forms = det.forms
        if self.county_route and DA_REVIEW_REQUEST not in forms:
            forms = (*forms, DA_REVIEW_REQUEST)
        # built field by field: dataclasses.replace costs more than the rest of the overlay
        return Determination(
            index=det.index,
            code=det.code,
            section=det.section,
            case_number=det.case_number,
            outcome=det.outcome,
            minimum_outcome=det.minimum_outcome,
            county_outcome=self.county_outcome,
            route=det.route,
            flags=tuple(sorted(self.flags)),
            reasons=(*det.reasons, *self.reasons),
            would_change=det.would_change,
            cr400=det.cr400,
            forms=forms,
            county_route=self.county_route,
            count=det.count,
        )


def apply_county(
    dets: list[Determination], case: Case, program: policies.Policy, as_of: date, records: tuple[Record, ...]
) -> list[Determination]:
    """Lay the county's DA program over the statutory answers."""
    choices = program.choices
    on = program.conditions_date(as_of)
    facts = _PersonFacts(case, dets, records, on)
    city_attorney = _city_attorney(case)
    source = program.citation
    county = program.county or ""
    out: list[Determination] = []
    for conv, det in zip(case.convictions, dets):
        flag_city = conv.level is Level.MISDEMEANOR and city_attorney
        covered = _covered(conv, det, choices, on) and _may_add(conv, det, choices, facts)
        if not flag_city and not covered:
            out.append(det)
            continue
        overlay = _Overlay(det)
        if flag_city:
            overlay.flags.add(Flag.CITY_ATTORNEY)
        if covered:
            _add(overlay, conv, det, case, choices, facts, source, county)
        out.append(overlay.build())
    return out


def _covered(conv: Conviction, det: Determination, choices: dict, on: date) -> bool:
    """Programs reviewed adult convictions entered by the day they ran, not yet cleared."""
    if conv.forum is Forum.JUVENILE and not choices.get("applies_to_juvenile"):
        return False
    if conv.conviction_date is not None and conv.conviction_date > on:
        return False
    outcome = det.outcome
    if outcome is Outcome.ALREADY_CLEARED:
        return False
    if outcome is Outcome.NOT_ELIGIBLE:  # an offense after Prop 64 took effect: nothing to add
        return not any(r.id == "date.after_effective" for r in det.reasons)
    return True


def _may_add(conv: Conviction, det: Determination, choices: dict, facts: _PersonFacts) -> bool:
    """A quick look: could the program add anything to this determination at all?"""
    if choices.get("review_before") is not None:
        return True
    if det.section is None:
        return det.outcome is Outcome.NOT_ELIGIBLE and conv.case_number in facts.prop64_cases
    outcome = det.outcome
    if conv.sentence_status is SentenceStatus.SERVING:
        return False
    return outcome in _REDUCTIONS or (outcome is Outcome.NOT_ELIGIBLE and conv.level in (Level.MISDEMEANOR, Level.INFRACTION))


#: statutory reductions a program may turn into a dismissal
_REDUCTIONS = frozenset(RELIEF_OUTCOMES - {Outcome.DISMISS_AND_SEAL, Outcome.RECALL_AND_DISMISS})


def _add(overlay: _Overlay, conv: Conviction, det: Determination, case: Case, choices: dict,
         facts: _PersonFacts, source: Citation, county: str) -> None:
    review_before = choices.get("review_before")
    day = conv.conviction_date or conv.offense_date
    in_scope = det.section is not None or det.outcome is Outcome.NEEDS_DA_REVIEW and Flag.UNCERTAIN_LAW in det.flags
    if review_before and in_scope and day is not None and day < review_before:
        # Outside the sweep: the statute's answer stands, and the DA can also be asked.
        if det.outcome in RELIEF_OUTCOMES or det.outcome is Outcome.NEEDS_DA_REVIEW or _criteria(conv, det, case, choices, facts, source)[0]:
            overlay.reasons.append(sourced("county.before_program", source, county=county, year=review_before.year))
            overlay.add_review_request()
            if det.outcome is not Outcome.NEEDS_DA_REVIEW:
                overlay.county_outcome = Outcome.NEEDS_DA_REVIEW
        return
    if det.section is None:
        if det.outcome is Outcome.NOT_ELIGIBLE and conv.case_number in facts.prop64_cases:
            code = parse_code(conv.code)
            if any(_same_code(code, rel) for rel in choices.get("related_charges", ())):
                overlay.flags.add(Flag.COUNTY_MAY_HAVE_CLEARED)
                overlay.reasons.append(sourced("county.related_charge", source, county=county))
        return
    statute_reduces = det.outcome in RELIEF_OUTCOMES and det.outcome not in (Outcome.DISMISS_AND_SEAL, Outcome.RECALL_AND_DISMISS)
    if not (statute_reduces or _same_level(det, conv)) or conv.sentence_status is SentenceStatus.SERVING:
        return
    met, unknown = _criteria(conv, det, case, choices, facts, source)
    if met and statute_reduces:
        overlay.county_outcome = Outcome.DISMISS_AND_SEAL
        overlay.add_review_request()
        overlay.reasons.append(sourced("county.program_dismisses", source, county=county))
        overlay.reasons.extend(met)
    elif met:
        # The statute gives nothing here: the program may have cleared it, which is no promise.
        overlay.flags.add(Flag.COUNTY_MAY_HAVE_CLEARED)
        overlay.reasons.append(sourced("county.program_may_have_cleared", source, county=county))
        overlay.reasons.extend(met)
    elif unknown:
        overlay.flags.add(Flag.COUNTY_MAY_HAVE_CLEARED)
        overlay.reasons.append(sourced("county.condition_unknown", source, county=county, date=facts.on.isoformat()))


def _city_attorney(case: Case) -> bool:
    return _city_attorney_in(case.county)


@lru_cache(maxsize=256)
def _city_attorney_in(name: str | None) -> bool:
    county = counties.find(name)
    return bool(county and county.city_attorney_prosecutes_misdemeanors)


def _same_code(code: ParsedCode, listed: ParsedCode) -> bool:
    if code.target is None and code.wrapper_part is None:
        return False
    mine = code.target or code.wrapper_part
    theirs = listed.target or listed.wrapper_part
    if mine is None or theirs is None or mine.section != theirs.section or mine.law != theirs.law:
        return False
    return mine.subsections[: len(theirs.subsections)] == theirs.subsections


def _same_level(det: Determination, conv: Conviction) -> bool:
    """A misdemeanor or infraction the statute leaves as it is (the same level today)."""
    return (
        det.outcome is Outcome.NOT_ELIGIBLE
        and conv.level in (Level.MISDEMEANOR, Level.INFRACTION)
        and any(r.id.startswith("outcome.same_level") for r in det.reasons)
    )


def _criteria(conv: Conviction, det: Determination, case: Case, choices: dict, facts: _PersonFacts,
              source: Citation) -> tuple[list[Reason], bool]:
    """(the program's conditions this conviction meets, whether an unchecked condition might)."""
    met: list[Reason] = []
    unknown = False
    level = conv.level
    on = facts.on
    if choices.get("dismiss_misdemeanors") and level in (Level.MISDEMEANOR, Level.INFRACTION):
        met.append(sourced("county.criterion_misdemeanor", source))
    if level is not Level.FELONY and level is not None:
        return met, unknown
    if det.section in choices.get("dismiss_sections", ()):
        met.append(sourced("county.criterion_section", source, section=det.section))
    dob = case.person.date_of_birth
    threshold = choices.get("dismiss_age_at_least")
    if threshold:
        if dob is None:
            unknown = True
        elif age_on(dob, on) >= threshold:
            met.append(sourced("county.criterion_age", source, age=threshold, date=on.isoformat()))
    if choices.get("dismiss_under_21_at_offense"):
        offense = conv.offense_date or conv.conviction_date
        age = age_at_offense(conv, case, offense) if offense else conv.age_at_offense
        if age is None:
            unknown = True
        elif age < law.LEGAL_AGE:
            met.append(sourced("county.criterion_under_21", source))
    years = choices.get("dismiss_crime_free_years")
    if years and facts.n_convictions > 1:
        latest = facts.latest
        if latest is None:
            unknown = True
        elif latest < _years_before(on, years):
            if facts.dates_known:
                met.append(sourced("county.criterion_crime_free", source, years=years, date=on.isoformat()))
            else:
                unknown = True  # an undated conviction may be more recent
    status = conv.sentence_status
    if choices.get("dismiss_single_conviction_completed") and facts.n_convictions == 1:
        if status is SentenceStatus.COMPLETED:
            met.append(sourced("county.criterion_single_completed", source))
        elif status is None:
            unknown = True
    if choices.get("dismiss_only_prop64_completed") and facts.only_prop64:
        statuses = {c.sentence_status for c in case.convictions}
        if statuses == {SentenceStatus.COMPLETED}:
            met.append(sourced("county.criterion_only_prop64", source))
        elif SentenceStatus.SERVING not in statuses:
            unknown = True
    if choices.get("dismiss_deceased") and case.person.deceased:
        met.append(sourced("county.criterion_deceased", source))
    return met, unknown


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # February 29
        return day.replace(year=day.year - years, day=28)

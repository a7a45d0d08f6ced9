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
from functools import lru_cache

from .. import counties
from .. import lawdata as law
from .. import policy as policies
from ..codes import ParsedCode, parse_code
from ..model import (
    RELIEF_OUTCOMES,
    Case,
    Conviction,
    Determination,
    Flag,
    Forum,
    Level,
    Outcome,
    Reason,
    SentenceStatus,
)
from ..reasons import sourced
from .dates import age_at_offense, age_on
from .priors import Record
from .route import DA_REVIEW_REQUEST, make_determination

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


class _Program:
    """One program's choices read once, when it is first applied: the conditions it sets and the
    reasons that do not depend on the case, so the per-conviction work is only the checks."""

    __slots__ = (
        "age_at_least",
        "choices",
        "county",
        "crime_free_years",
        "deceased",
        "juvenile",
        "misdemeanors",
        "only_prop64",
        "related",
        "review_before",
        "says",
        "sections",
        "single_completed",
        "source",
        "under_21",
    )

    def __init__(self, program: policies.Policy) -> None:
        choices = self.choices = program.choices
        source = self.source = program.citation
        self.county = program.county or ""
        self.review_before = choices.get("review_before")
        self.juvenile = bool(choices.get("applies_to_juvenile"))
        self.related = tuple(choices.get("related_charges", ()))
        self.misdemeanors = bool(choices.get("dismiss_misdemeanors"))
        self.sections = choices.get("dismiss_sections", ())
        self.age_at_least = choices.get("dismiss_age_at_least")
        self.under_21 = bool(choices.get("dismiss_under_21_at_offense"))
        self.crime_free_years = choices.get("dismiss_crime_free_years")
        self.single_completed = bool(choices.get("dismiss_single_conviction_completed"))
        self.only_prop64 = bool(choices.get("dismiss_only_prop64_completed"))
        self.deceased = bool(choices.get("dismiss_deceased"))
        #: the reasons without parameters, by rule id
        self.says = {rule: sourced(rule, source) for rule in (
            "county.criterion_misdemeanor", "county.criterion_under_21", "county.criterion_single_completed",
            "county.criterion_only_prop64", "county.criterion_deceased")}
        self.says.update({rule: sourced(rule, source, county=self.county) for rule in (
            "county.program_dismisses", "county.program_may_have_cleared", "county.related_charge")})


#: compiled programs by the program's identity (a Policy holds a dict, so it cannot be a key)
_PROGRAMS: dict[int, tuple[policies.Policy, _Program]] = {}


def _compiled(program: policies.Policy) -> _Program:
    found = _PROGRAMS.get(id(program))
    if found is None or found[0] is not program:
        found = _PROGRAMS[id(program)] = (program, _Program(program))
    return found[1]


class PersonFacts:
    """What county programs ask about the whole person: for a case held in memory (``gather``),
    each worked out only when first asked; for a case read one conviction at a time, counted one
    conviction at a time (``add``). Nothing here grows with the number of convictions but
    ``prop64_cases``, which then holds only the case numbers a program's related charges ask
    about (``asked``)."""

    __slots__ = (
        "_case",
        "_only_prop64",
        "_prop64_cases",
        "_statuses",
        "asked",
        "dates_known",
        "latest",
        "n_convictions",
        "on",
    )

    def __init__(self, on: date, others: tuple[Record, ...], n_others: int, asked: frozenset[str] | None = None):
        self.on = on
        self.n_convictions = n_others
        self.dates_known = True  # every record dated
        self.latest: date | None = None  # the latest record on or before the day the program ran
        self.asked = asked  # the case numbers to keep (None: all)
        self._only_prop64 = not n_others  # every conviction a Prop 64 conviction, and no others
        self._statuses: set[SentenceStatus | None] = set()
        self._prop64_cases: set[str] = set()  # case numbers of Prop 64 convictions
        self._case: Case | None = None  # a case in memory whose convictions are not yet looked at
        for rec in others:
            self.record(rec)

    def record(self, rec: Record | None) -> None:
        if rec is None:
            return
        day = rec.date
        if day is None:
            self.dates_known = False
        elif day <= self.on and (self.latest is None or day > self.latest):
            self.latest = day

    def add(self, conv: Conviction, rec: Record | None) -> None:
        """Count one conviction of the case (``rec``: the prior record it adds, if any)."""
        self.n_convictions += 1
        self.record(rec)
        self._kind(conv)

    def _kind(self, conv: Conviction) -> None:
        """Its sentence status, and whether it is a Prop 64 conviction (with its case number)."""
        self._statuses.add(conv.sentence_status)
        if parse_code(conv.code).section in law.COVERED_SECTIONS:
            number = conv.case_number
            if number and (self.asked is None or number in self.asked):
                self._prop64_cases.add(number)
        else:
            self._only_prop64 = False

    @classmethod
    def gather(cls, case: Case, records: tuple[Record, ...], on: date, prog: _Program) -> PersonFacts:
        """The facts of a case held in memory (the dates only when ``prog`` asks about them)."""
        facts = cls(on, records if prog.crime_free_years else (), len(case.other_convictions))
        facts.n_convictions += len(case.convictions)
        facts._case = case
        return facts

    def _look(self) -> None:
        case, self._case = self._case, None
        for conv in case.convictions:
            self._kind(conv)

    @property
    def only_prop64(self) -> bool:
        if self._case is not None:
            self._look()
        return self._only_prop64

    @property
    def statuses(self) -> set[SentenceStatus | None]:
        if self._case is not None:
            self._look()
        return self._statuses

    @property
    def prop64_cases(self) -> set[str]:
        if self._case is not None:
            self._look()
        return self._prop64_cases

    @property
    def on_text(self) -> str:
        return _iso(self.on)


class _Overlay:
    """One program's additions to one determination."""

    __slots__ = ("county_outcome", "county_route", "det", "flags", "reasons")

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
        # built field by field, in Determination's field order: dataclasses.replace and keyword
        # calls cost more than the rest of the overlay
        return make_determination(
            det.index,
            det.code,
            det.section,
            det.case_number,
            det.outcome,
            det.minimum_outcome,
            self.county_outcome,
            det.route,
            tuple(sorted(self.flags)),
            (*det.reasons, *self.reasons),
            det.would_change,
            det.cr400,
            forms,
            self.county_route,
            det.count,
        )


def apply_county(
    dets: list[Determination], case: Case, program: policies.Policy, as_of: date, records: tuple[Record, ...]
) -> list[Determination]:
    """Lay the county's DA program over the statutory answers."""
    prog = _compiled(program)
    on = program.conditions_date(as_of)
    city_attorney = _city_attorney_in(case.county)
    facts: PersonFacts | None = None  # worked out for the first conviction the program may reach
    out: list[Determination] = []
    for conv, det in zip(case.convictions, dets):
        if _covered(conv, det, prog, on):
            if facts is None:
                facts = PersonFacts.gather(case, records, on, prog)
            out.append(lay(conv, det, case, prog, facts, city_attorney))
        elif city_attorney and conv.level is Level.MISDEMEANOR:
            out.append(lay(conv, det, case, prog, None, city_attorney))
        else:
            out.append(det)
    return out


def lay(conv: Conviction, det: Determination, case: Case, prog: _Program, facts: PersonFacts | None,
        city_attorney: bool) -> Determination:
    """One determination with the program laid over it (``facts`` None: the program does not
    reach this conviction)."""
    flag_city = city_attorney and conv.level is Level.MISDEMEANOR
    covered = facts is not None and _may_add(conv, det, prog, facts)
    if not flag_city and not covered:
        return det
    overlay = _Overlay(det)
    if flag_city:
        overlay.flags.add(Flag.CITY_ATTORNEY)
    if covered:
        _add(overlay, conv, det, case, prog, facts)
    return overlay.build()


class Program:
    """A county program ready to lay over a case's determinations one at a time (a case read one
    conviction at a time, ``rules.large``)."""

    __slots__ = ("city_attorney", "facts", "on", "prog")

    def __init__(self, program: policies.Policy, county: str | None, as_of: date):
        self.prog = _compiled(program)
        self.on = program.conditions_date(as_of)
        self.city_attorney = _city_attorney_in(county)
        self.facts: PersonFacts | None = None

    @property
    def related(self) -> tuple[ParsedCode, ...]:
        return self.prog.related

    def reaches(self, conv: Conviction, det: Determination) -> bool:
        return _covered(conv, det, self.prog, self.on)

    def lay(self, conv: Conviction, det: Determination, case: Case) -> Determination:
        facts = self.facts if self.reaches(conv, det) else None
        return lay(conv, det, case, self.prog, facts, self.city_attorney)


def related_charge(code: ParsedCode, prog: Program) -> bool:
    """Whether a conviction's code is one of the program's related charges."""
    return any(_same_code(code, rel) for rel in prog.related)


def _covered(conv: Conviction, det: Determination, prog: _Program, on: date) -> bool:
    """Programs reviewed adult convictions entered by the day they ran, not yet cleared."""
    if conv.forum is Forum.JUVENILE and not prog.juvenile:
        return False
    if conv.conviction_date is not None and conv.conviction_date > on:
        return False
    outcome = det.outcome
    if outcome is Outcome.ALREADY_CLEARED:
        return False
    if outcome is Outcome.NOT_ELIGIBLE:  # an offense after Prop 64 took effect: nothing to add
        offense = conv.offense_date  # the reason is given only for a recorded date on or after it
        return offense is None or offense < law.EFFECTIVE_DATE or not any(r.id == "date.after_effective" for r in det.reasons)
    return True


def _may_add(conv: Conviction, det: Determination, prog: _Program, facts: PersonFacts) -> bool:
    """A quick look: could the program add anything to this determination at all?"""
    if prog.review_before is not None:
        return True
    if det.section is None:
        return det.outcome is Outcome.NOT_ELIGIBLE and conv.case_number in facts.prop64_cases
    outcome = det.outcome
    if conv.sentence_status is SentenceStatus.SERVING:
        return False
    return outcome in _REDUCTIONS or (outcome is Outcome.NOT_ELIGIBLE and conv.level in (Level.MISDEMEANOR, Level.INFRACTION))


#: statutory reductions a program may turn into a dismissal
_REDUCTIONS = frozenset(RELIEF_OUTCOMES - {Outcome.DISMISS_AND_SEAL, Outcome.RECALL_AND_DISMISS})


def _add(overlay: _Overlay, conv: Conviction, det: Determination, case: Case, prog: _Program,
         facts: PersonFacts) -> None:
    source, county, says = prog.source, prog.county, prog.says
    review_before = prog.review_before
    day = conv.conviction_date or conv.offense_date
    in_scope = det.section is not None or det.outcome is Outcome.NEEDS_DA_REVIEW and Flag.UNCERTAIN_LAW in det.flags
    if review_before and in_scope and day is not None and day < review_before:
        # Outside the sweep: the statute's answer stands, and the DA can also be asked.
        if det.outcome in RELIEF_OUTCOMES or det.outcome is Outcome.NEEDS_DA_REVIEW or _criteria(conv, det, case, prog, facts)[0]:
            overlay.reasons.append(sourced("county.before_program", source, county=county, year=review_before.year))
            overlay.add_review_request()
            if det.outcome is not Outcome.NEEDS_DA_REVIEW:
                overlay.county_outcome = Outcome.NEEDS_DA_REVIEW
        return
    if det.section is None:
        if det.outcome is Outcome.NOT_ELIGIBLE and conv.case_number in facts.prop64_cases:
            code = parse_code(conv.code)
            if any(_same_code(code, rel) for rel in prog.related):
                overlay.flags.add(Flag.COUNTY_MAY_HAVE_CLEARED)
                overlay.reasons.append(says["county.related_charge"])
        return
    statute_reduces = det.outcome in RELIEF_OUTCOMES and det.outcome not in (Outcome.DISMISS_AND_SEAL, Outcome.RECALL_AND_DISMISS)
    if not (statute_reduces or _same_level(det, conv)) or conv.sentence_status is SentenceStatus.SERVING:
        return
    met, unknown = _criteria(conv, det, case, prog, facts)
    if met and statute_reduces:
        overlay.county_outcome = Outcome.DISMISS_AND_SEAL
        overlay.add_review_request()
        overlay.reasons.append(says["county.program_dismisses"])
        overlay.reasons.extend(met)
    elif met:
        # The statute gives nothing here: the program may have cleared it, which is no promise.
        overlay.flags.add(Flag.COUNTY_MAY_HAVE_CLEARED)
        overlay.reasons.append(says["county.program_may_have_cleared"])
        overlay.reasons.extend(met)
    elif unknown:
        overlay.flags.add(Flag.COUNTY_MAY_HAVE_CLEARED)
        overlay.reasons.append(sourced("county.condition_unknown", source, county=county, date=facts.on_text))


@lru_cache(maxsize=64)
def _iso(day: date) -> str:
    return day.isoformat()


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


def _criteria(conv: Conviction, det: Determination, case: Case, prog: _Program,
              facts: PersonFacts) -> tuple[list[Reason], bool]:
    """(the program's conditions this conviction meets, whether an unchecked condition might)."""
    met: list[Reason] = []
    unknown = False
    level = conv.level
    on = facts.on
    source, says = prog.source, prog.says
    if prog.misdemeanors and level in (Level.MISDEMEANOR, Level.INFRACTION):
        met.append(says["county.criterion_misdemeanor"])
    if level is not Level.FELONY and level is not None:
        return met, unknown
    if det.section in prog.sections:
        met.append(sourced("county.criterion_section", source, section=det.section))
    threshold = prog.age_at_least
    if threshold:
        dob = case.person.date_of_birth
        if dob is None:
            unknown = True
        elif age_on(dob, on) >= threshold:
            met.append(sourced("county.criterion_age", source, age=threshold, date=facts.on_text))
    if prog.under_21:
        offense = conv.offense_date or conv.conviction_date
        age = age_at_offense(conv, case, offense) if offense else conv.age_at_offense
        if age is None:
            unknown = True
        elif age < law.LEGAL_AGE:
            met.append(says["county.criterion_under_21"])
    years = prog.crime_free_years
    if years and facts.n_convictions > 1:
        latest = facts.latest
        if latest is None:
            unknown = True
        elif latest < _years_before(on, years):
            if facts.dates_known:
                met.append(sourced("county.criterion_crime_free", source, years=years, date=facts.on_text))
            else:
                unknown = True  # an undated conviction may be more recent
    status = conv.sentence_status
    if prog.single_completed and facts.n_convictions == 1:
        if status is SentenceStatus.COMPLETED:
            met.append(says["county.criterion_single_completed"])
        elif status is None:
            unknown = True
    if prog.only_prop64 and facts.only_prop64:
        statuses = facts.statuses
        if statuses == {SentenceStatus.COMPLETED}:
            met.append(says["county.criterion_only_prop64"])
        elif SentenceStatus.SERVING not in statuses:
            unknown = True
    if prog.deceased and case.person.deceased:
        met.append(says["county.criterion_deceased"])
    return met, unknown


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # February 29
        return day.replace(year=day.year - years, day=28)

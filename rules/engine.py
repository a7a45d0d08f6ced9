"""HS 11361.8 decided count by count (docs/law.md, "Decision procedure").

``evaluate_conviction`` reads as the steps of ``rules/steps/``: is the code a Prop 64
conviction (``scope``), was it already cleared (``cleared``), the offense date (``dates``), what
the section meant then (``rules/sections/hs113xx.decode``), the old level and the age band, the
priors before the offense (``priors``), the same conduct under today's section over every value
the unknown facts allow (``presume`` with ``hs113xx.classify`` and ``compare``), and the route
(``route``). ``evaluate`` then lays the county program over the statute (``county``).

Unknown facts never become a silent "no": they become a flag, the statute's presumption
(11361.8(b),(f)), or NEEDS_DA_REVIEW.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from types import ModuleType

from . import counties
from . import lawdata as law
from . import policy as policies
from .codes import ParsedCode, parse_code
from .model import (
    RELIEF_OUTCOMES,
    Case,
    Conviction,
    Determination,
    Flag,
    Forum,
    Level,
    NextStep,
    Outcome,
    PolicyRef,
    Result,
    SentenceStatus,
    positional,
)
from .reasons import RULE_CITES, cites, reason
from .sections import BY_SECTION
from .sections.base import ADULT21, NO_PRIORS, Old
from .steps import cleared, dates, person, presume, priors, scope
from .steps.county import apply_county
from .steps.route import Builder

__all__ = ["RULES_VERSION", "RULE_CITES", "evaluate", "evaluate_conviction", "next_step", "next_steps"]

RULES_VERSION = "2026.11.1"

cites(
    {
        "outcome.risk_finding": ("HS-11361.8-b", "PC-1170.18-c", "CASE-SAELEE"),
        "outcome.juvenile": ("HS-11361.8-m",),
    }
)


def evaluate_conviction(index: int, conv: Conviction, case: Case, records: tuple[priors.Record, ...]) -> Determination:
    code = parse_code(conv.code)
    b = Builder(index, conv, code)

    stop = scope.out_of_scope(code, conv, b) or cleared.already(conv, b)
    if stop:
        return b.done(stop)
    offense = dates.offense_date(conv, b)
    if isinstance(offense, Outcome):
        return b.done(offense)
    section = code.section
    module = BY_SECTION[section]
    old = module.decode(code, offense, conv.conduct)
    if dates.conflicts(conv, case, offense, b) | _record_conflicts(module, code, offense, old, conv, b):
        return b.done(Outcome.NEEDS_DA_REVIEW)
    serving = conv.sentence_status is SentenceStatus.SERVING
    cleared.earlier_relief(conv, b)
    cleared.automatic(conv, b)
    if code.wrapper == "accessory":
        return _accessory(module, old, conv, case, serving, b)
    scope.attempt(code, b)

    b.reasons.extend(old.reasons)
    levels = presume.levels(conv, old, section, b)
    bands = dates.bands(conv, case, offense)
    prior = priors.before(records, section, offense)
    priors.note_undated(prior, b)
    presume.note_sentence(conv, case, b)

    readings = presume.Readings(module, section, old, conv, serving, conv.forum is Forum.JUVENILE)
    chosen = presume.choose(readings, levels, bands, prior, b)
    if isinstance(chosen, Outcome):
        return b.done(chosen, serving=serving)
    chosen, reading = chosen
    best = reading.best
    b.flags |= reading.flags | best.flags
    b.reasons.extend(reading.extra)
    b.reasons.extend(best.reasons)
    later = priors.later_one(prior)
    if later and readings.decide(*chosen, prior.later).best.outcome is not best.outcome:
        b.flags.add(Flag.UNCERTAIN_LAW)
        b.reasons.append(reason("priors.after_offense", prior=later))
    counted = priors.if_unclear_counts(prior)
    if counted is not None and readings.decide(*chosen, counted).best.outcome is not best.outcome:
        # a prior that counts only on facts the record does not show, and it decides: a person looks
        priors.note_unclear(prior, b)
        return b.done(Outcome.NEEDS_DA_REVIEW, serving=serving)
    presume.what_would_change(conv, section, reading, b)
    if best.outcome in RELIEF_OUTCOMES:
        _relief_notes(conv, case, section, serving, b)
    minimum = reading.least.outcome if reading.least is not None else None
    return b.done(best.outcome, minimum=minimum, serving=serving)


def _record_conflicts(module: ModuleType, code: ParsedCode, offense: date, old: Old, conv: Conviction, b: Builder) -> bool:
    """Facts the recorded subsection rules out (old 11357(c) with 20 g): named, then reviewed."""
    found = module.conflicts(code, offense, old, conv)
    for conflict in found:
        b.reasons.append(reason(conflict.rule_id, **dict(conflict.params)))
    if found:
        b.flags.add(Flag.FACTS_CONFLICT)
    return bool(found)


def _accessory(module: ModuleType, old: Old, conv: Conviction, case: Case, serving: bool, b: Builder) -> Determination:
    """PC 32 needs a felony by the principal. Where the principal's same conduct is no longer a
    felony, the person would not have been guilty of being an accessory (Boatwright): the
    conviction is dismissed. Only the principal's conduct is judged, with the statute's
    presumption for what the record leaves open; the accessory's own priors do not count."""
    readings = presume.Readings(module, module.SECTION, old, conv, serving, False)
    reading = readings.decide(Level.FELONY, ADULT21, NO_PRIORS)
    principal_felony = reading.best.outcome is Outcome.NOT_ELIGIBLE
    b.reasons.extend(r for r in reading.best.reasons if not r.id.startswith("outcome."))
    if principal_felony:
        b.reasons.append(reason("scope.accessory_felony_still"))
        return b.done(Outcome.NOT_ELIGIBLE)
    b.reasons.append(reason("scope.accessory"))
    if not serving:
        b.flags.add(Flag.UNCERTAIN_LAW)
        b.reasons.append(reason("scope.accessory_completed"))
    if presume.felony_facts_unknown(conv):
        b.would_change.append(reason("change.if_felony_facts"))
    person.deceased(case, b)
    _relief_notes_common(serving, conv, b)
    outcome = Outcome.RECALL_AND_DISMISS if serving else Outcome.DISMISS_AND_SEAL
    return b.done(outcome, serving=serving)


def _relief_notes_common(serving: bool, conv: Conviction, b: Builder) -> None:
    if conv.forum is Forum.JUVENILE:
        b.reasons.append(reason("outcome.juvenile"))
    elif serving:
        b.flags.add(Flag.RISK_FINDING_POSSIBLE)
        b.reasons.append(reason("outcome.risk_finding"))


def _relief_notes(conv: Conviction, case: Case, section: str, serving: bool, b: Builder) -> None:
    person.deceased(case, b)
    _relief_notes_common(serving, conv, b)
    if section in ("11358", "11359", "11360") and presume.felony_facts_unknown(conv):
        b.would_change.append(reason("change.if_felony_facts"))


def next_steps(dets: Iterable[Determination], case: Case) -> tuple[NextStep, ...]:
    """Every next step, most useful first; never NONE while something can still be done.

    Filing follows the statute's outcome; a county program adds a DA review request beside it,
    and "check your record" where a program or HS 11361.9 may already have cleared a conviction
    (first, when every conviction to file for may already be cleared). A person who has died
    cannot file for themselves.
    """
    return steps_from(tally(dets), case)


def tally(dets: Iterable[Determination], start: tuple[bool, bool, bool, bool] = (False, False, False, True)) -> tuple[bool, bool, bool, bool]:
    """What the next steps depend on, counted over ``dets`` (from ``start``, to count a case
    one determination at a time): (relief, review, check, every relief already identified)."""
    relief, review, check, all_identified = start
    for d in dets:
        flags = d.flags
        if d.outcome in RELIEF_OUTCOMES:
            relief = True
            all_identified = all_identified and Flag.AB1793_IDENTIFIED in flags
        elif d.outcome is Outcome.NEEDS_DA_REVIEW:
            review = True
        elif d.outcome is Outcome.ALREADY_CLEARED:
            check = True
        if d.county_route or d.county_outcome is Outcome.NEEDS_DA_REVIEW:
            review = True
        if flags and (Flag.COUNTY_MAY_HAVE_CLEARED in flags or Flag.AB1793_IDENTIFIED in flags):
            check = True
    return relief, review, check, all_identified


def steps_from(counted: tuple[bool, bool, bool, bool], case: Case) -> tuple[NextStep, ...]:
    relief, review, check, all_identified = counted
    if relief and case.person.deceased:
        return (NextStep.REQUEST_DA_REVIEW, NextStep.CHECK_RECORD)
    steps = [NextStep.FILE_PETITION] if relief else []
    if review:
        steps.append(NextStep.REQUEST_DA_REVIEW)
    if check:
        steps.insert(0 if relief and all_identified else len(steps), NextStep.CHECK_RECORD)
    return tuple(steps) or (NextStep.NONE,)


def next_step(dets: Iterable[Determination], case: Case) -> NextStep:
    return next_steps(dets, case)[0]


@lru_cache(maxsize=128)
def _policy_ref(program_id: str | None) -> PolicyRef:
    """Which policy a result was decided under: the statute alone, or a county program."""
    if program_id is None:
        base = policies.statewide()
        return PolicyRef(base.id, base.version, None)
    program = next(p for p in policies.county_policies().values() if p.id == program_id)
    return PolicyRef(program.id, program.version, program.county)


@lru_cache(maxsize=512)
def _county_name(name: str | None) -> str | None:
    county = counties.find(name)
    return county.name if county else name


def check_arguments(as_of: date, policy: str) -> None:
    if policy not in ("statewide", "county"):
        raise ValueError(f"policy must be 'statewide' or 'county', not {policy!r}")
    if as_of < law.EFFECTIVE_DATE:
        raise ValueError(f"as_of {as_of.isoformat()} is before Prop 64 took effect ({law.EFFECTIVE_DATE.isoformat()})")


def program_for(case: Case, as_of: date, policy: str) -> policies.Policy | None:
    """The county program laid over the statute, if the policy asks for one and it is in force."""
    if policy != "county":
        return None
    program = policies.for_county(case.county)
    return program if program is not None and program.in_force(as_of) else None


def evaluate(case: Case, *, as_of: date, policy: str = "statewide") -> Result:
    """Decide every conviction in ``case`` under the law in force on ``as_of``.

    ``policy="county"`` also applies the DA program of the case's county, when it has one and
    it was in force on ``as_of``; ``"statewide"`` is the statute alone.
    """
    check_arguments(as_of, policy)
    records = priors.records(case)
    dets = [evaluate_conviction(i, conv, case, records) for i, conv in enumerate(case.convictions)]
    dets = law.cite_in_force(dets, as_of)
    program = program_for(case, as_of, policy)
    if program is not None:
        dets = apply_county(dets, case, program, as_of, records)
    return result_head(case, as_of, program, next_steps(dets, case), tuple(dets))


def result_head(case: Case, as_of: date, program: policies.Policy | None, steps: tuple[NextStep, ...],
                dets: tuple[Determination, ...] = ()) -> Result:
    ref = _policy_ref(program.id if program is not None else None)
    return _result(as_of, RULES_VERSION, ref, _county_name(case.county), steps[0], dets, steps)


#: Result(...) from all its fields in order (as_of, rules_version, policy, county, next_step,
#: determinations, next_steps), without the frozen-dataclass cost
_result = positional(Result)

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

from . import counties
from . import lawdata as law
from . import policy as policies
from .codes import parse_code
from .model import RELIEF_OUTCOMES, Case, Conviction, Determination, Flag, Forum, NextStep, Outcome, PolicyRef, Result, SentenceStatus
from .reasons import RULE_CITES, cites, reason
from .sections import BY_SECTION
from .steps import cleared, dates, person, presume, priors, scope
from .steps.county import apply_county
from .steps.route import Builder

__all__ = ["RULES_VERSION", "RULE_CITES", "evaluate", "evaluate_conviction", "next_step", "next_steps"]

RULES_VERSION = "2026.11.1"

cites(
    {
        "outcome.risk_finding": ("HS-11361.8-b", "CASE-SAELEE"),
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
    cleared.earlier_relief(conv, b)
    serving = conv.sentence_status is SentenceStatus.SERVING
    stop = scope.wrapper(code, serving, b)
    if stop:
        return b.done(stop)

    section = code.section
    module = BY_SECTION[section]
    old = module.decode(code, offense, conv.conduct)
    b.reasons.extend(old.reasons)
    presume.note_conduct(old, b)
    levels = presume.levels(conv, old, section, b)
    bands = dates.bands(conv, case, offense)
    prior = priors.before(records, section, offense)
    priors.note_undated(prior, b)
    presume.note_sentence(conv, b)

    readings = presume.Readings(module, section, old, conv, serving)
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
    presume.what_would_change(conv, section, reading, b)
    if best.outcome in RELIEF_OUTCOMES:
        _relief_notes(conv, case, section, serving, b)
    minimum = reading.least.outcome if reading.least is not None else None
    return b.done(best.outcome, minimum=minimum, serving=serving)


def _relief_notes(conv: Conviction, case: Case, section: str, serving: bool, b: Builder) -> None:
    person.deceased(case, b)
    if conv.forum is Forum.JUVENILE:
        b.reasons.append(reason("outcome.juvenile"))
    elif serving:
        b.flags.add(Flag.RISK_FINDING_POSSIBLE)
        b.reasons.append(reason("outcome.risk_finding"))
    if section in ("11358", "11359", "11360") and presume.felony_facts_unknown(conv):
        b.would_change.append(reason("change.if_felony_facts"))


def next_steps(dets: Iterable[Determination], case: Case) -> tuple[NextStep, ...]:
    """Every next step, most useful first; never NONE while something can still be done.

    Filing follows the statute's outcome; a county program adds a DA review request beside it,
    and "check your record" where a program or HS 11361.9 may already have cleared a conviction.
    A person who has died cannot file for themselves.
    """
    dets = tuple(dets)
    relief = any(d.outcome in RELIEF_OUTCOMES for d in dets)
    deceased = bool(case.person.deceased)
    steps: list[NextStep] = []
    if relief and not deceased:
        steps.append(NextStep.FILE_PETITION)
    if (relief and deceased) or any(
        d.outcome is Outcome.NEEDS_DA_REVIEW or d.county_outcome is Outcome.NEEDS_DA_REVIEW or d.county_route
        for d in dets
    ):
        steps.append(NextStep.REQUEST_DA_REVIEW)
    if (relief and deceased) or any(
        d.outcome is Outcome.ALREADY_CLEARED or Flag.COUNTY_MAY_HAVE_CLEARED in d.flags for d in dets
    ):
        steps.append(NextStep.CHECK_RECORD)
    return tuple(steps) or (NextStep.NONE,)


def next_step(dets: Iterable[Determination], case: Case) -> NextStep:
    return next_steps(dets, case)[0]


def evaluate(case: Case, *, as_of: date, policy: str = "statewide") -> Result:
    """Decide every conviction in ``case`` under the law in force on ``as_of``.

    ``policy="county"`` also applies the DA program of the case's county, when it has one and
    it was in force on ``as_of``; ``"statewide"`` is the statute alone.
    """
    if policy not in ("statewide", "county"):
        raise ValueError(f"policy must be 'statewide' or 'county', not {policy!r}")
    if as_of < law.EFFECTIVE_DATE:
        raise ValueError(f"as_of {as_of.isoformat()} is before Prop 64 took effect ({law.EFFECTIVE_DATE.isoformat()})")
    records = priors.records(case)
    dets = [evaluate_conviction(i, conv, case, records) for i, conv in enumerate(case.convictions)]
    dets = law.cite_in_force(dets, as_of)
    base = policies.statewide()
    ref = PolicyRef(base.id, base.version, None)
    if policy == "county":
        program = policies.for_county(case.county)
        if program is not None and program.in_force(as_of):
            dets = apply_county(dets, case, program, as_of, records)
            ref = PolicyRef(program.id, program.version, program.county)
    county = counties.find(case.county)
    steps = next_steps(dets, case)
    return Result(
        as_of=as_of,
        rules_version=RULES_VERSION,
        policy=ref,
        county=county.name if county else case.county,
        next_step=steps[0],
        determinations=tuple(dets),
        next_steps=steps,
    )

"""The offense date, and the person's age band on it.

The test is the conduct on the offense date (docs/law.md, "Summary"): offenses on or after
2016-11-09 were already judged under Prop 64. A person reaches an age on the birthday itself.
"""

from __future__ import annotations

from datetime import date

from .. import lawdata as law
from ..model import Case, Conviction, Flag, Forum, Outcome
from ..reasons import cites, reason
from ..sections.base import ADULT21, U18, YOUNG_ADULT
from .route import Builder

cites(
    {
        "date.after_effective": ("PROP-64-EFFECTIVE", "HS-11361.8-a"),
        "date.before_effective": ("PROP-64-EFFECTIVE", "HS-11361.8-a"),
        "date.offense_assumed": ("HS-11361.8-a",),
        "date.unknown": ("PROP-64-EFFECTIVE", "HS-11361.8-a"),
        "change.if_after_effective": ("PROP-64-EFFECTIVE",),
        "change.if_offense_before": ("PROP-64-EFFECTIVE", "HS-11361.8-a"),
    }
)


def offense_date(conv: Conviction, b: Builder) -> date | Outcome:
    """The offense date (the conviction date standing in, flagged), or the outcome to stop with."""
    offense = conv.offense_date
    if offense is None:
        if conv.conviction_date is None:
            b.flags.add(Flag.DATE_UNKNOWN)
            b.reasons.append(reason("date.unknown"))
            b.would_change.append(reason("change.if_after_effective"))
            return Outcome.NEEDS_DA_REVIEW
        offense = conv.conviction_date
        b.flags.add(Flag.OFFENSE_DATE_ASSUMED)
        b.reasons.append(reason("date.offense_assumed", date=offense.isoformat()))
    if offense >= law.EFFECTIVE_DATE:
        b.reasons.append(reason("date.after_effective", date=law.EFFECTIVE_DATE.isoformat()))
        if Flag.OFFENSE_DATE_ASSUMED in b.flags:
            b.would_change.append(reason("change.if_offense_before"))
        return Outcome.NOT_ELIGIBLE
    b.reasons.append(reason("date.before_effective", date=law.EFFECTIVE_DATE.isoformat()))
    return offense


def age_on(born: date, on: date) -> int:
    """Whole years on ``on``; a person reaches an age on the birthday.

    Someone born on February 29 has the birthday on March 1 in other years.
    """
    years = on.year - born.year
    if (on.month, on.day) < (born.month, born.day):
        years -= 1
    return years


def band(age: int) -> str:
    if age < law.ADULT_AGE:
        return U18
    return YOUNG_ADULT if age < law.LEGAL_AGE else ADULT21


def age_at_offense(conv: Conviction, case: Case, offense: date) -> int | None:
    if conv.age_at_offense is not None:
        return conv.age_at_offense
    if case.person.date_of_birth is not None:
        return age_on(case.person.date_of_birth, offense)
    return None


def bands(conv: Conviction, case: Case, offense: date) -> list[str]:
    """The age bands the facts allow: one when the age is known."""
    age = age_at_offense(conv, case, offense)
    if age is not None:
        return [band(age)]
    if conv.forum is Forum.JUVENILE:
        return [U18]
    return [YOUNG_ADULT, ADULT21]

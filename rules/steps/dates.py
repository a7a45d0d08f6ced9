"""The offense date, and the person's age band on it.

The test is the conduct on the offense date (docs/law.md, "Summary"): offenses on or after
2016-11-09 were already judged under Prop 64. A person reaches an age on the birthday itself.
"""

from __future__ import annotations

from datetime import date

from .. import lawdata as law
from ..model import Case, Conviction, Flag, Forum, Level, Outcome
from ..reasons import cites, reason
from ..sections.base import ADULT21, U18, YOUNG_ADULT
from .route import Builder

cites(
    {
        "date.after_effective": ("PROP-64-EFFECTIVE", "HS-11361.8-a"),
        "date.before_effective": ("PROP-64-EFFECTIVE", "HS-11361.8-a"),
        "date.offense_assumed": ("HS-11361.8-a",),
        "date.unknown": ("PROP-64-EFFECTIVE", "HS-11361.8-a"),
        "date.offense_unknown_after": ("PROP-64-EFFECTIVE", "HS-11361.8-a"),
        "conflict.before_birth": ("HS-11361.8-b",),
        "conflict.age_mismatch": ("CASE-HARRIS", "HS-11361.8-b"),
        "conflict.convicted_before_offense": ("HS-11361.8-b",),
        "conflict.impossible_age": ("PC-26", "HS-11361.8-b"),
        "conflict.juvenile_adult_age": ("WIC-602", "HS-11361.8-m"),
        "conflict.adult_court_age": ("WIC-707", "HS-11361.8-b"),
        "change.if_after_effective": ("PROP-64-EFFECTIVE",),
        "change.if_offense_before": ("PROP-64-EFFECTIVE", "HS-11361.8-a"),
    }
)


EFFECTIVE = law.EFFECTIVE_DATE.isoformat()


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
        if offense >= law.EFFECTIVE_DATE:
            # Convicted after Prop 64, the offense may still be older: never a silent "no".
            b.flags.add(Flag.DATE_UNKNOWN)
            b.reasons.append(reason("date.offense_unknown_after", date=offense.isoformat(), effective=EFFECTIVE))
            b.would_change.append(reason("change.if_offense_before"))
            return Outcome.NEEDS_DA_REVIEW
        b.flags.add(Flag.OFFENSE_DATE_ASSUMED)
        b.reasons.append(reason("date.offense_assumed", date=offense.isoformat()))
    if offense >= law.EFFECTIVE_DATE:
        b.reasons.append(reason("date.after_effective", date=EFFECTIVE))
        return Outcome.NOT_ELIGIBLE
    b.reasons.append(reason("date.before_effective", date=EFFECTIVE))
    return offense


def age_on(born: date, on: date) -> int:
    """Whole years on ``on``; a person reaches an age on the birthday itself (In re Harris
    (1993) 5 Cal.4th 813: the 21st birthday, not the day before).

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


def conflicts(conv: Conviction, case: Case, offense: date, b: Builder) -> bool:
    """Dates and ages on the record that cannot all be true; each is named. True if any."""
    born = case.person.date_of_birth
    if born is None and conv.age_at_offense is None and conv.conviction_date is None:
        return False
    found: list = []
    if born is not None:
        for day in (conv.offense_date, conv.conviction_date):
            if day is not None and day < born:
                found.append(reason("conflict.before_birth", date=day.isoformat(), born=born.isoformat()))
                break
        if conv.age_at_offense is not None and conv.offense_date is not None:
            computed = age_on(born, conv.offense_date)
            if computed != conv.age_at_offense:
                found.append(reason("conflict.age_mismatch", age=conv.age_at_offense, computed=computed))
    if conv.offense_date and conv.conviction_date and conv.conviction_date < conv.offense_date:
        found.append(reason("conflict.convicted_before_offense", date=conv.conviction_date.isoformat(), offense=conv.offense_date.isoformat()))
    # the age on the real offense date only: a conviction date standing in could be later
    age = conv.age_at_offense
    if age is None and born is not None and conv.offense_date is not None and not found:
        age = age_on(born, conv.offense_date)
    if age is not None and not found:
        if age < law.YOUNGEST_AGE:
            found.append(reason("conflict.impossible_age", age=age))
        elif conv.forum is Forum.JUVENILE and age >= law.ADULT_AGE:
            found.append(reason("conflict.juvenile_adult_age", age=age))
        elif conv.forum is Forum.ADULT and age < law.YOUNGEST_ADULT_COURT_AGE and conv.level is not Level.INFRACTION:
            found.append(reason("conflict.adult_court_age", age=age))
    if found:
        b.flags.add(Flag.FACTS_CONFLICT)
        b.reasons.extend(found)
    return bool(found)

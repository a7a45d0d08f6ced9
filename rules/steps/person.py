"""Facts about the person that change what can be done, whatever the conviction: a person who
has died cannot file for themselves (HS 11361.8(e) speaks of the person who was convicted)."""

from __future__ import annotations

from functools import lru_cache

from .. import policy as policies
from ..model import Case, Flag
from ..reasons import cites, reason
from .route import Builder

cites(
    {
        "person.deceased": ("HS-11361.8-e", "HS-11361.9"),
        "person.deceased_program": ("HS-11361.9",),
    }
)


@lru_cache(maxsize=1)
def programs_for_the_deceased() -> str:
    """The counties whose DA program dismissed convictions of people who had died."""
    return ", ".join(sorted(p.county for p in policies.county_policies().values() if p.choices.get("dismiss_deceased")))


def deceased(case: Case, b: Builder) -> None:
    if not case.person.deceased:
        return
    b.flags.add(Flag.DECEASED)
    b.reasons.append(reason("person.deceased"))
    counties = programs_for_the_deceased()
    if counties:
        b.reasons.append(reason("person.deceased_program", counties=counties))

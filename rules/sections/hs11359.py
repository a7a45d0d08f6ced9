"""HS 11359, possession for sale: what it meant then, and the same conduct now.

Then (docs/law.md, "Decoding old convictions"): possession for sale, a felony.

Now (docs/law.md, "Post-Prop-64 law"): (a) under 18, an infraction; (b) from 18, a misdemeanor;
(c) a felony is still possible with a listed prior, two earlier (b) convictions, or a sale to a
person under 18; (d) from 21, using a person 20 or younger.
"""

from __future__ import annotations

from datetime import date

from ..codes import ParsedCode
from ..model import Conduct, Conviction, Level
from ..reasons import cites, reason
from .base import (
    ADULT21,
    FELONY,
    INFRACTION,
    MISDEMEANOR,
    U18,
    Conflict,
    Facts,
    NewClass,
    Old,
    felony_priors,
    subsection_conflict,
    two_priors,
)

SECTION = "11359"
#: former 11359 had no subsections
OLD_PATHS: frozenset[tuple[str, ...]] = frozenset()

cites(
    {
        "new.misdemeanor_possess_for_sale": ("HS-11359-b",),
        "new.felony_used_minor": ("HS-11359-d",),
    }
)


def decode(code: ParsedCode, offense: date, conduct: Conduct | None) -> Old:
    return Old(Conduct.POSSESS_FOR_SALE, fixed_level=Level.FELONY)


def conflicts(code: ParsedCode, offense: date, old: Old, conv: Conviction) -> list[Conflict]:
    """A post-Prop-64 subsection recorded for an older offense (11359(c)(3) on a 2010 date)."""
    found = subsection_conflict(code, OLD_PATHS)
    return [found] if found else []


def classify(f: Facts) -> NewClass:
    if f.band == U18:
        return NewClass(INFRACTION, (reason("new.infraction_minor", ("HS-11359-a",)),))
    felony = felony_priors(f, "HS-11359-c")
    if felony:
        return felony
    if f.minor_sale:
        return NewClass(FELONY, (reason("new.felony_minor_sale", ("HS-11359-c",)),))
    if f.used_minor and f.band == ADULT21:
        return NewClass(FELONY, (reason("new.felony_used_minor"),))
    return two_priors(f, "HS-11359-c") or NewClass(MISDEMEANOR, (reason("new.misdemeanor_possess_for_sale"),))

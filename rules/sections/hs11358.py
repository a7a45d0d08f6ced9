"""HS 11358, cultivation: what it meant then, and the same conduct now.

Then (docs/law.md, "Decoding old convictions"): any cultivation, a felony.

Now (docs/law.md, "Post-Prop-64 law"): (a) under 18, an infraction; (b) six plants or fewer at
18 to 20, an infraction, and legal from 21 (HS 11362.1(a)(3)); (c) more than six plants, a
misdemeanor; (d) a felony is still possible with a listed prior, two earlier (c) convictions, or
the listed environmental violations.
"""

from __future__ import annotations

from datetime import date

from .. import lawdata as law
from ..codes import ParsedCode
from ..model import Conduct, Conviction, Level
from ..reasons import cites, reason
from .base import (
    FELONY,
    INFRACTION,
    LEGAL,
    MISDEMEANOR,
    U18,
    YOUNG_ADULT,
    Conflict,
    Facts,
    NewClass,
    Old,
    felony_priors,
    subsection_conflict,
    two_priors,
)

SECTION = "11358"
#: former 11358 had no subsections
OLD_PATHS: frozenset[tuple[str, ...]] = frozenset()

cites(
    {
        "new.legal_cultivate": ("HS-11362.1-a3",),
        "new.infraction_cultivate_18_20": ("HS-11358-b",),
        "new.misdemeanor_cultivate": ("HS-11358-c",),
        "new.felony_environment": ("HS-11358-d",),
        "new.felony_environment_named": ("HS-11358-d",),
    }
)


#: how a reason names each environmental law a case file can give
ENVIRONMENTAL_CITES: dict[str, str] = law.parameter("environmental_statutes")


def environmental_named(conv: Conviction) -> str | None:
    """The HS 11358(d)(3) laws the record names, as cited in a reason ("Water Code § 1052")."""
    if not conv.environmental_statutes:
        return None
    return ", ".join(ENVIRONMENTAL_CITES[s.value] for s in conv.environmental_statutes)


def decode(code: ParsedCode, offense: date, conduct: Conduct | None) -> Old:
    return Old(Conduct.CULTIVATE, fixed_level=Level.FELONY)


def conflicts(code: ParsedCode, offense: date, old: Old, conv: Conviction) -> list[Conflict]:
    """A post-Prop-64 subsection recorded for an older offense (11359(c)(3) on a 2010 date)."""
    found = subsection_conflict(code, OLD_PATHS)
    return [found] if found else []


def classify(f: Facts) -> NewClass:
    if f.band == U18:
        return NewClass(INFRACTION, (reason("new.infraction_minor", ("HS-11358-a",)),))
    if f.plants is None or f.plants <= law.PERSONAL_PLANTS:
        if f.band == YOUNG_ADULT:
            return NewClass(INFRACTION, (reason("new.infraction_cultivate_18_20"),))
        return NewClass(LEGAL, (reason("new.legal_cultivate"),))
    felony = felony_priors(f, "HS-11358-d")
    if felony:
        return felony
    if f.environmental_named:
        return NewClass(FELONY, (reason("new.felony_environment_named", statutes=f.environmental_named),))
    if f.environmental:
        return NewClass(FELONY, (reason("new.felony_environment"),))
    return two_priors(f, "HS-11358-d") or NewClass(MISDEMEANOR, (reason("new.misdemeanor_cultivate"),))

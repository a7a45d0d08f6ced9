"""HS 11357, possession: what each subsection meant then, and the same conduct now.

Then (docs/law.md, "Decoding old convictions"): before the Moscone Act (1976) any amount; from
1976 (a) concentrated cannabis, (b) 28.5 g or less (a misdemeanor, an infraction from 2011),
(c) more than 28.5 g, (d) 28.5 g or less on school grounds, (e) the same by a person under 18.
(b) to (e) were about cannabis other than concentrated cannabis.

Now (docs/law.md, "Post-Prop-64 law"): (a) 28.5 g / 8 g or less under 21 is an infraction and
legal from 21 (HS 11362.1(a)(1),(2)); (b) more is an infraction under 18 and a misdemeanor from
18; (c)/(d) school grounds. There is no felony left in 11357.
"""

from __future__ import annotations

from datetime import date

from .. import lawdata as law
from ..codes import ParsedCode
from ..model import Conduct, Conviction, Level
from ..reasons import cites, reason
from .base import (
    INFRACTION,
    LEGAL,
    MISDEMEANOR,
    U18,
    YOUNG_ADULT,
    Conflict,
    Facts,
    NewClass,
    Old,
    amount_conflict,
    subsection_conflict,
    within,
)

SECTION = "11357"
#: the subsections former 11357 had (from 1976)
OLD_PATHS = frozenset({("a",), ("b",), ("c",), ("d",), ("e",)})

cites(
    {
        "old.11357a_concentrate": ("HS-11357-OLD",),
        "old.11357b_small": ("HS-11357-OLD",),
        "old.11357c_large": ("HS-11357-OLD",),
        "old.11357d_school": ("HS-11357-OLD",),
        "old.11357e_school_minor": ("HS-11357-OLD",),
        "new.legal_possess": ("HS-11362.1-a1", "HS-11362.1-a2"),
        "new.infraction_possess_18_20": ("HS-11357-a2",),
        "new.misdemeanor_possess_large": ("HS-11357-b2",),
        "new.misdemeanor_school": ("HS-11357-c",),
    }
)


def decode(code: ParsedCode, offense: date, conduct: Conduct | None) -> Old:
    sub = code.subsections[0] if code.subsections else None
    old = Old(Conduct.POSSESS, sub)
    if offense < law.ERAS["moscone"]:
        return old
    if sub == "a":
        old.concentrated = True
        old.longer_misdemeanor = True
        old.reasons.append(reason("old.11357a_concentrate"))
    elif sub == "b":
        old.grams_at_most, old.concentrated = law.PERSONAL_GRAMS, False
        old.fixed_level = Level.INFRACTION if offense >= law.ERAS["sb1449"] else Level.MISDEMEANOR
        old.reasons.append(reason("old.11357b_small"))
    elif sub == "c":
        old.grams_over, old.concentrated = law.PERSONAL_GRAMS, False
        old.fixed_level = Level.MISDEMEANOR
        old.reasons.append(reason("old.11357c_large"))
    elif sub == "d":
        old.grams_at_most, old.concentrated, old.school = law.PERSONAL_GRAMS, False, True
        old.fixed_level = Level.MISDEMEANOR
        old.reasons.append(reason("old.11357d_school"))
    elif sub == "e":
        old.grams_at_most, old.concentrated, old.school = law.PERSONAL_GRAMS, False, True
        old.reasons.append(reason("old.11357e_school_minor"))
    return old


def conflicts(code: ParsedCode, offense: date, old: Old, conv: Conviction) -> list[Conflict]:
    """Facts on the record that the recorded subsection rules out (old 11357(c) with 20 g)."""
    if offense < law.ERAS["moscone"]:
        return []
    found = [subsection_conflict(code, OLD_PATHS), amount_conflict(code, conv.quantity_grams, old.grams_at_most, old.grams_over)]
    if conv.concentrated is not None and old.concentrated is not None and conv.concentrated is not old.concentrated:
        found.append(Conflict("conflict.concentrate_subsection", (("code", code.display),)))
    return [c for c in found if c]


def classify(f: Facts) -> NewClass:
    small = within(f.grams, f.concentrated)
    if f.band == U18:
        cite = "HS-11357-d" if f.school and small else "HS-11357-a1" if small else "HS-11357-b1"
        return NewClass(INFRACTION, (reason("new.infraction_minor", (cite,)),))
    if f.school and small:
        return NewClass(MISDEMEANOR, (reason("new.misdemeanor_school"),))
    if small:
        if f.band == YOUNG_ADULT:
            return NewClass(INFRACTION, (reason("new.infraction_possess_18_20"),))
        cite = "HS-11362.1-a2" if f.concentrated else "HS-11362.1-a1"
        return NewClass(LEGAL, (reason("new.legal_possess", (cite,)),))
    return NewClass(MISDEMEANOR, (reason("new.misdemeanor_possess_large"),))

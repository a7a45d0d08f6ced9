"""HS 11360, sale, transport, import, furnishing and giving away: then and now.

Then (docs/law.md, "Decoding old convictions"): (a) selling, transporting (for any purpose
until 2016, for sale from 2016), importing, furnishing or giving away more than 28.5 g or any
concentrated cannabis, a felony; (b) giving away or transporting 28.5 g or less of cannabis
other than concentrated cannabis, a misdemeanor.

Now (docs/law.md, "Post-Prop-64 law"): (a)(1) under 18, an infraction; (a)(2) from 18, a
misdemeanor; (a)(3) a felony is still possible with a listed prior, two earlier (a)(2)
convictions, a minor, or importing or exporting a large amount; (b) giving away or transporting
28.5 g or less (not concentrated), an infraction; (c) "transport" means transport for sale, so
carrying for one's own use is possession under HS 11357. HS 11362.1(a)(1),(2) makes carrying,
and giving without pay to a person 21 or older, legal for a person 21 or older within the
personal amounts; giving to a person 18 to 20 stays an 11360(b) infraction (or (a)(2) for
concentrated cannabis).
"""

from __future__ import annotations

from datetime import date

from .. import lawdata as law
from ..codes import ParsedCode
from ..model import Conduct, Conviction, Level
from ..reasons import cites, reason
from .base import (
    ADULT21,
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
    grams_text,
    subsection_conflict,
    two_priors,
    within,
)

SECTION = "11360"
#: the subsections former 11360 had
OLD_PATHS = frozenset({("a",), ("b",)})

cites(
    {
        "old.11360b_small": ("HS-11360-OLD",),
        "new.legal_transfer": ("HS-11362.1-a1", "HS-11360-c"),
        "new.infraction_small_transfer": ("HS-11360-b",),
        "new.infraction_carry_18_20": ("HS-11357-a2", "HS-11360-c"),
        "new.infraction_gift_18_20": ("HS-11360-b", "HS-11362.1-a1"),
        "new.misdemeanor_gift_concentrate": ("HS-11360-a2", "HS-11362.1-a2"),
        "new.misdemeanor_sell": ("HS-11360-a2",),
        "new.felony_import": ("HS-11360-a3",),
        "conflict.amount_conduct": ("HS-11360-OLD", "HS-11361.8-b"),
    }
)

#: what an old 11360(a) conviction may have been for, by era: before 2016 "transport" meant
#: any transport; from 2016 only transport for sale
OLD_A_CONDUCTS = (Conduct.SELL, Conduct.FURNISH, Conduct.TRANSPORT_FOR_SALE, Conduct.TRANSPORT_PERSONAL, Conduct.IMPORT_EXPORT)
OLD_A_CONDUCTS_FROM_2016 = (Conduct.SELL, Conduct.FURNISH, Conduct.TRANSPORT_FOR_SALE, Conduct.IMPORT_EXPORT)
#: what an old 11360(b) conviction may have been for
OLD_B_CONDUCTS = (Conduct.FURNISH, Conduct.TRANSPORT_PERSONAL, Conduct.TRANSPORT_FOR_SALE)
#: conduct that old 11360(b) took when the amount was 28.5 g or less of flower
SMALL_AMOUNT_CONDUCTS = frozenset(OLD_B_CONDUCTS)


def decode(code: ParsedCode, offense: date, conduct: Conduct | None) -> Old:
    sub = code.subsections[0] if code.subsections else None
    if sub == "b":
        conducts = (conduct,) if conduct in OLD_B_CONDUCTS else OLD_B_CONDUCTS[:2]
        old = Old(conducts[0], sub, conducts, grams_at_most=law.PERSONAL_GRAMS, concentrated=False, fixed_level=Level.MISDEMEANOR)
        old.reasons.append(reason("old.11360b_small"))
        return old
    allowed = OLD_A_CONDUCTS_FROM_2016 if offense >= law.ERAS["ab730"] else OLD_A_CONDUCTS
    conducts = (conduct,) if conduct in allowed else allowed
    # a bare "11360" may have been either subsection: its level is what the record says
    return Old(conducts[0], sub, conducts, fixed_level=Level.FELONY if sub == "a" else None)


def possible(old: Old, conduct: Conduct, grams: float | None, concentrated: bool) -> bool:
    """Old 11360(a) gift or transport was of more than 28.5 g or of concentrated cannabis:
    28.5 g or less of flower was 11360(b)."""
    if old.sub != "a" or conduct not in SMALL_AMOUNT_CONDUCTS:
        return True
    return concentrated or grams is None or grams > law.PERSONAL_GRAMS


def conflicts(code: ParsedCode, offense: date, old: Old, conv: Conviction) -> list[Conflict]:
    """Facts the recorded subsection rules out: old 11360(b) with 40 g or with concentrated
    cannabis; old 11360(a) for giving away or transporting 28.5 g or less of flower."""
    found = [subsection_conflict(code, OLD_PATHS)]
    grams = conv.quantity_grams
    if old.sub == "b":
        if (grams is not None and grams > law.PERSONAL_GRAMS) or conv.concentrated:
            amount = grams_text(grams) if grams is not None else "?"
            found.append(Conflict("conflict.amount_subsection", (("code", code.display), ("grams", amount))))
    elif conv.conduct is not None and grams is not None and not possible(old, conv.conduct, grams, bool(conv.concentrated)):
        found.append(Conflict("conflict.amount_conduct", (("code", code.display), ("grams", grams_text(grams)))))
    return [c for c in found if c]


def classify(f: Facts) -> NewClass:
    if f.conduct is Conduct.TRANSPORT_PERSONAL:
        return _carry(f)
    if f.band == U18:
        return NewClass(INFRACTION, (reason("new.infraction_minor", ("HS-11360-a1",)),))
    if f.conduct is Conduct.FURNISH:
        gift = _gift(f)
        if gift:
            return gift
    felony = felony_priors(f, "HS-11360-a3")
    if felony:
        return felony
    if f.minor_sale or f.recipient_minor:
        return NewClass(FELONY, (reason("new.felony_minor_sale", ("HS-11360-a3",)),))
    if f.import_export or f.conduct is Conduct.IMPORT_EXPORT:
        limit = law.IMPORT_CONCENTRATE_GRAMS if f.concentrated else law.PERSONAL_GRAMS
        if f.grams is not None and f.grams > limit:
            return NewClass(FELONY, (reason("new.felony_import"),))
    two = two_priors(f, "HS-11360-a3")
    if two:
        return two
    if f.conduct is Conduct.TRANSPORT_FOR_SALE and _small_flower(f):
        return NewClass(INFRACTION, (reason("new.infraction_small_transfer"),))
    if f.conduct is Conduct.FURNISH and f.concentrated:
        return NewClass(MISDEMEANOR, (reason("new.misdemeanor_gift_concentrate"),))
    return NewClass(MISDEMEANOR, (reason("new.misdemeanor_sell"),))


def _small_flower(f: Facts) -> bool:
    return f.grams is not None and not f.concentrated and f.grams <= law.PERSONAL_GRAMS


def _carry(f: Facts) -> NewClass:
    """Carrying for one's own use is possession (11360(c): transport means for sale)."""
    small = within(f.grams, f.concentrated)
    if f.band == U18:
        return NewClass(INFRACTION, (reason("new.infraction_minor", ("HS-11357-a1" if small else "HS-11357-b1", "HS-11360-c")),))
    if not small:
        return NewClass(MISDEMEANOR, (reason("new.misdemeanor_possess_large", ("HS-11357-b2", "HS-11360-c")),))
    if f.band == YOUNG_ADULT:
        return NewClass(INFRACTION, (reason("new.infraction_carry_18_20"),))
    return NewClass(LEGAL, (reason("new.legal_transfer"),))


def _gift(f: Facts) -> NewClass | None:
    """Giving away without pay: legal or an 11360(b) infraction; None when it is an 11360(a)
    transfer (concentrated cannabis, more than 28.5 g, or a minor), decided with the exceptions."""
    if f.recipient_minor:
        return None
    to_adult = f.band == ADULT21 and f.recipient == ADULT21
    if f.concentrated:
        if to_adult and within(f.grams, True):
            return NewClass(LEGAL, (reason("new.legal_transfer", ("HS-11362.1-a2", "HS-11360-c")),))
        return None
    if f.grams is not None and f.grams > law.PERSONAL_GRAMS:
        return None
    if to_adult:
        return NewClass(LEGAL, (reason("new.legal_transfer"),))
    if f.band == ADULT21:
        return NewClass(INFRACTION, (reason("new.infraction_gift_18_20"),))
    return NewClass(INFRACTION, (reason("new.infraction_small_transfer"),))

"""HS 11360, sale, transport, import, furnishing and giving away: then and now.

Then (docs/law.md, "Decoding old convictions"): (a) selling, transporting (for any purpose
until 2016, for sale from 2016), importing, furnishing or giving away more than 28.5 g or any
concentrated cannabis, a felony; (b) giving away or transporting 28.5 g or less, a misdemeanor.

Now (docs/law.md, "Post-Prop-64 law"): (a)(1) under 18, an infraction; (a)(2) from 18, a
misdemeanor; (a)(3) a felony is still possible with a listed prior, two earlier (a)(2)
convictions, a minor, or importing or exporting a large amount; (b) giving away or transporting
28.5 g or less, an infraction; (c) "transport" means transport for sale. For a person 21 or
older, carrying or giving without pay to another adult 21 or older within HS 11362.1 is legal.
"""

from __future__ import annotations

from datetime import date

from .. import lawdata as law
from ..codes import ParsedCode
from ..model import Conduct, Level
from ..reasons import cites, reason
from .base import ADULT21, FELONY, INFRACTION, LEGAL, MISDEMEANOR, U18, Facts, NewClass, Old, felony_priors, two_priors, within

SECTION = "11360"

cites(
    {
        "old.11360b_small": ("HS-11360-OLD",),
        "new.legal_transfer": ("HS-11362.1-a1", "HS-11360-c"),
        "new.infraction_small_transfer": ("HS-11360-b",),
        "new.misdemeanor_sell": ("HS-11360-a2",),
        "new.felony_import": ("HS-11360-a3",),
    }
)

#: what an old 11360(a) conviction may have been for
OLD_A_CONDUCTS = (Conduct.SELL, Conduct.FURNISH, Conduct.TRANSPORT_FOR_SALE, Conduct.TRANSPORT_PERSONAL, Conduct.IMPORT_EXPORT)


def decode(code: ParsedCode, offense: date, conduct: Conduct | None) -> Old:
    sub = code.subsections[0] if code.subsections else None
    if sub == "b":
        old = Old(
            conduct if conduct in (Conduct.FURNISH, Conduct.TRANSPORT_PERSONAL) else Conduct.FURNISH,
            grams_at_most=law.PERSONAL_GRAMS,
            concentrated=False,
            fixed_level=Level.MISDEMEANOR,
        )
        old.reasons.append(reason("old.11360b_small"))
        return old
    if conduct in OLD_A_CONDUCTS:
        return Old(conduct, fixed_level=Level.FELONY)
    return Old(Conduct.SELL, fixed_level=Level.FELONY, conduct_assumed=True)


def classify(f: Facts) -> NewClass:
    if f.band == U18:
        return NewClass(INFRACTION, (reason("new.infraction_minor", ("HS-11360-a1",)),))
    small_flower = f.grams is not None and not f.concentrated and f.grams <= law.PERSONAL_GRAMS
    if f.conduct in (Conduct.FURNISH, Conduct.TRANSPORT_PERSONAL):
        if f.conduct is Conduct.FURNISH and f.recipient_minor:
            return NewClass(FELONY, (reason("new.felony_minor_sale", ("HS-11360-a3",)),))
        if f.band == ADULT21 and within(f.grams, f.concentrated):
            return NewClass(LEGAL, (reason("new.legal_transfer"),))
        if f.grams is None and not f.concentrated or small_flower:
            return NewClass(INFRACTION, (reason("new.infraction_small_transfer"),))
        if f.conduct is Conduct.TRANSPORT_PERSONAL:
            return NewClass(MISDEMEANOR, (reason("new.misdemeanor_possess_large"),))
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
    if f.conduct is Conduct.TRANSPORT_FOR_SALE and small_flower:
        return NewClass(INFRACTION, (reason("new.infraction_small_transfer"),))
    return NewClass(MISDEMEANOR, (reason("new.misdemeanor_sell"),))

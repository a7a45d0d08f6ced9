"""What every section module shares: the classes of conduct under post-Prop-64 law, the facts a
classification reads, and what a recorded section meant on the offense date.

A section module (``hs11357`` … ``hs11360``) has three parts, old and new law side by side:
``decode`` (what the recorded subsection meant in the offense's era, docs/law.md "Decoding old
convictions"), ``classify`` (the same conduct under today's section, docs/law.md "Post-Prop-64
law"), and the citations of its reasons.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import lawdata as law
from ..model import Conduct, Level, Reason
from ..reasons import cites, reason

cites(
    {
        "old.level_felony": ("HS-11357-OLD",),
        "old.level_misdemeanor": ("HS-11357-OLD",),
        "old.level_infraction": ("HS-11357-OLD",),
        "new.infraction_minor": ("HS-11357-a1",),
        "new.felony_prior_super_strike": ("PC-667-e2Civ",),
        "new.felony_prior_pc290": ("PC-290-c",),
        "new.felony_two_priors": ("HS-11359-c",),
        "new.two_priors_unsettled": ("HS-11359-c", "HS-11361.8-b"),
        "new.felony_minor_sale": ("HS-11359-c", "HS-11360-a3"),
    }
)

# Classes of the same conduct under post-Prop-64 law, in order of seriousness.
LEGAL, INFRACTION, MISDEMEANOR, FELONY = 0, 1, 2, 3
LEVEL_RANK = {Level.INFRACTION: INFRACTION, Level.MISDEMEANOR: MISDEMEANOR, Level.FELONY: FELONY}

# Age bands on the offense date.
U18, YOUNG_ADULT, ADULT21 = "under_18", "18_to_20", "21_or_older"


@dataclass(frozen=True, slots=True)
class NewClass:
    """The class of the conduct today, and why."""

    level: int  # LEGAL, INFRACTION, MISDEMEANOR, FELONY
    reasons: tuple[Reason, ...]
    unsettled: bool = False  # felony only through the unsettled two-priors reading


@dataclass(frozen=True, slots=True)
class Priors:
    """Convictions before the offense that keep conduct felony-capable."""

    super_strike: str | None  # display code of a qualifying prior before the offense
    pc290: str | None
    same_section: int
    undated: tuple[str, ...]  # disqualifying priors with no date
    later: Priors | None = None  # the same, counting disqualifying convictions after the offense


NO_PRIORS = Priors(None, None, 0, ())


@dataclass(frozen=True, slots=True)
class Facts:
    """One reading of the conduct: every fact the classification needs, known or presumed."""

    section: str
    conduct: Conduct
    band: str
    grams: float | None
    concentrated: bool
    plants: int | None
    school: bool
    minor_sale: bool
    used_minor: bool
    recipient_minor: bool
    import_export: bool
    environmental: bool
    priors: Priors


@dataclass(slots=True)
class Old:
    """What the recorded section meant on the offense date."""

    conduct: Conduct
    grams_at_most: float | None = None
    grams_over: float | None = None
    concentrated: bool | None = None
    school: bool | None = None
    fixed_level: Level | None = None
    longer_misdemeanor: bool = False  # the old misdemeanor's maximum exceeds today's six months
    conduct_assumed: bool = False
    reasons: list[Reason] = field(default_factory=list)


def within(grams: float | None, concentrated: bool) -> bool:
    """Not more than the personal amount (28.5 g, or 8 g concentrated); unknown counts as within."""
    if grams is None:
        return True
    return grams <= (law.CONCENTRATE_GRAMS if concentrated else law.PERSONAL_GRAMS)


def felony_priors(f: Facts, cite: str) -> NewClass | None:
    """A super-strike or PC 290(c) prior before the offense keeps the conduct a felony."""
    if f.priors.super_strike:
        return NewClass(FELONY, (reason("new.felony_prior_super_strike", ("PC-667-e2Civ", cite), prior=f.priors.super_strike),))
    if f.priors.pc290:
        return NewClass(FELONY, (reason("new.felony_prior_pc290", ("PC-290-c", cite), prior=f.priors.pc290),))
    return None


def two_priors(f: Facts, cite: str) -> NewClass | None:
    """Two earlier convictions of the matching kind: a felony only on an unsettled reading."""
    if f.priors.same_section >= law.SAME_SECTION_PRIORS:
        return NewClass(
            FELONY,
            (
                reason("new.felony_two_priors", (cite,), section=f.section),
                reason("new.two_priors_unsettled", (cite, "HS-11361.8-b")),
            ),
            unsettled=True,
        )
    return None

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
from ..codes import ParsedCode
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
        "conflict.subsection_era": ("PROP-64-EFFECTIVE", "HS-11361.8-b"),
        "conflict.amount_subsection": ("HS-11357-OLD", "HS-11360-OLD", "HS-11361.8-b"),
        "conflict.concentrate_subsection": ("HS-11357-OLD", "HS-11361.8-b"),
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
    strike_cite: str = "PC-667-e2Civ"  # the clause of 667(e)(2)(C)(iv) that lists the super strike
    unclear: tuple[str, ...] = ()  # priors before the offense that count only on facts not shown


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
    recipient: str | None  # the age band of the person given to, when it matters and is known or presumed
    import_export: bool
    environmental: bool
    priors: Priors
    environmental_named: str | None = None  # the HS 11358(d)(3) laws the record names, as cited

    @property
    def recipient_minor(self) -> bool:
        return self.recipient == U18


@dataclass(slots=True)
class Old:
    """What the recorded section meant on the offense date."""

    conduct: Conduct
    sub: str | None = None  # the recorded subsection letter, if any
    #: every conduct the recorded subsection allows when the record does not say (the presumption
    #: tries each); just ``(conduct,)`` when it is known
    conducts: tuple[Conduct, ...] = ()
    grams_at_most: float | None = None
    grams_over: float | None = None
    concentrated: bool | None = None
    school: bool | None = None
    fixed_level: Level | None = None
    longer_misdemeanor: bool = False  # the old misdemeanor's maximum exceeds today's six months
    reasons: list[Reason] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.conducts:
            self.conducts = (self.conduct,)


@dataclass(frozen=True, slots=True)
class Conflict:
    """A recorded fact that cannot be true of the recorded subsection: a person must look."""

    rule_id: str
    params: tuple[tuple[str, object], ...]


def grams_text(grams: float) -> str:
    """An amount as the record gives it, without a trailing ".0"."""
    return f"{grams:g}"


def within(grams: float | None, concentrated: bool) -> bool:
    """Not more than the personal amount (28.5 g, or 8 g concentrated); unknown counts as within."""
    if grams is None:
        return True
    return grams <= (law.CONCENTRATE_GRAMS if concentrated else law.PERSONAL_GRAMS)


def felony_priors(f: Facts, cite: str) -> NewClass | None:
    """A super-strike or PC 290(c) prior before the offense keeps the conduct a felony."""
    if f.priors.super_strike:
        return NewClass(FELONY, (reason("new.felony_prior_super_strike", (f.priors.strike_cite, cite), prior=f.priors.super_strike),))
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


def subsection_conflict(code: ParsedCode, old_paths: frozenset[tuple[str, ...]]) -> Conflict | None:
    """A subsection the section did not have before Prop 64, recorded for an earlier offense
    (``11359(c)(3)`` on a 2010 date): the record and the date cannot both be right."""
    if code.subsections and tuple(code.subsections) not in old_paths:
        return Conflict("conflict.subsection_era", (("code", code.display),))
    return None


def amount_conflict(code: ParsedCode, grams: float | None, at_most: float | None, over: float | None) -> Conflict | None:
    """An amount on the record that the recorded subsection's own limit rules out."""
    if grams is None:
        return None
    if (at_most is not None and grams > at_most) or (over is not None and grams <= over):
        return Conflict("conflict.amount_subsection", (("code", code.display), ("grams", grams_text(grams))))
    return None

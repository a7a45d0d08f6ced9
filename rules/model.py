"""The engine's vocabulary: the validated case file going in, the Result coming out.

Everything here is frozen. The case file and the Result are described in docs/case-file.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from enum import StrEnum
from typing import Any


class Outcome(StrEnum):
    DISMISS_AND_SEAL = "DISMISS_AND_SEAL"
    RECALL_AND_DISMISS = "RECALL_AND_DISMISS"
    REDESIGNATE_MISDEMEANOR = "REDESIGNATE_MISDEMEANOR"
    REDESIGNATE_INFRACTION = "REDESIGNATE_INFRACTION"
    RESENTENCE_MISDEMEANOR = "RESENTENCE_MISDEMEANOR"
    RESENTENCE_INFRACTION = "RESENTENCE_INFRACTION"
    RESENTENCE = "RESENTENCE"
    NOT_ELIGIBLE = "NOT_ELIGIBLE"
    NEEDS_DA_REVIEW = "NEEDS_DA_REVIEW"
    ALREADY_CLEARED = "ALREADY_CLEARED"


#: How much relief an outcome gives (a county outcome counts only where it gives more).
RELIEF_RANK = {
    Outcome.DISMISS_AND_SEAL: 5,
    Outcome.RECALL_AND_DISMISS: 5,
    Outcome.REDESIGNATE_INFRACTION: 4,
    Outcome.RESENTENCE_INFRACTION: 4,
    Outcome.REDESIGNATE_MISDEMEANOR: 3,
    Outcome.RESENTENCE_MISDEMEANOR: 3,
    Outcome.RESENTENCE: 2,
    Outcome.NEEDS_DA_REVIEW: 1,
    Outcome.NOT_ELIGIBLE: 0,
    Outcome.ALREADY_CLEARED: 0,
}

#: Outcomes that ask a court for relief (a CR-400 or JV-744 is filed).
RELIEF_OUTCOMES = frozenset(
    {
        Outcome.DISMISS_AND_SEAL,
        Outcome.RECALL_AND_DISMISS,
        Outcome.REDESIGNATE_MISDEMEANOR,
        Outcome.REDESIGNATE_INFRACTION,
        Outcome.RESENTENCE_MISDEMEANOR,
        Outcome.RESENTENCE_INFRACTION,
        Outcome.RESENTENCE,
    }
)


class Flag(StrEnum):
    QUANTITY_UNKNOWN = "QUANTITY_UNKNOWN"  # amount unknown and it matters; presumption applied
    PLANTS_UNKNOWN = "PLANTS_UNKNOWN"  # plant count unknown and it matters; presumption applied
    PRESUMPTIVE = "PRESUMPTIVE"  # the answer rests on the 11361.8(b)/(f) presumption
    RISK_FINDING_POSSIBLE = "RISK_FINDING_POSSIBLE"  # serving: the court may deny on unreasonable risk
    UNCERTAIN_LAW = "UNCERTAIN_LAW"  # the law is unsettled for this situation
    COUNTY_POLICY_DIFFERS = "COUNTY_POLICY_DIFFERS"  # the county's program gives more than the statute
    OFFENSE_DATE_ASSUMED = "OFFENSE_DATE_ASSUMED"  # the conviction date stood in for the offense date
    AGE_UNKNOWN = "AGE_UNKNOWN"  # age at the offense unknown and it matters
    DATE_UNKNOWN = "DATE_UNKNOWN"  # the offense date is unknown and it decides the answer
    LEVEL_UNKNOWN = "LEVEL_UNKNOWN"  # felony/misdemeanor/infraction unknown and it matters
    SENTENCE_STATUS_UNKNOWN = "SENTENCE_STATUS_UNKNOWN"  # assumed completed
    PRIOR_DATE_UNKNOWN = "PRIOR_DATE_UNKNOWN"  # a disqualifying prior has no date
    CITY_ATTORNEY = "CITY_ATTORNEY"  # the city attorney, not the DA, prosecuted (county data)
    CONCENTRATE_UNKNOWN = "CONCENTRATE_UNKNOWN"  # concentrated or not unknown and it matters; presumption applied
    CONDUCT_UNKNOWN = "CONDUCT_UNKNOWN"  # 11360 conduct unknown and it matters; presumption applied
    RECIPIENT_AGE_UNKNOWN = "RECIPIENT_AGE_UNKNOWN"  # age of the person given to unknown and it matters
    FACTS_CONFLICT = "FACTS_CONFLICT"  # the record contradicts itself (dates, ages, subsection and facts)
    CODE_UNREADABLE = "CODE_UNREADABLE"  # the code names two offenses or could not be read
    PRIOR_UNCLEAR = "PRIOR_UNCLEAR"  # a prior counts only on facts the record does not show
    COUNTY_MAY_HAVE_CLEARED = "COUNTY_MAY_HAVE_CLEARED"  # a DA program may already have cleared it: check the record
    DECEASED = "DECEASED"  # the person has died: they cannot file for themselves
    AB1793_CHALLENGED = "AB1793_CHALLENGED"  # the DA challenged automatic relief: it will not come by itself
    AB1793_IDENTIFIED = "AB1793_IDENTIFIED"  # DOJ identified it for automatic relief: it may already be cleared


class NextStep(StrEnum):
    FILE_PETITION = "FILE_PETITION"
    REQUEST_DA_REVIEW = "REQUEST_DA_REVIEW"
    CHECK_RECORD = "CHECK_RECORD"
    NONE = "NONE"


class Level(StrEnum):
    FELONY = "felony"
    MISDEMEANOR = "misdemeanor"
    INFRACTION = "infraction"


class Forum(StrEnum):
    ADULT = "adult"
    JUVENILE = "juvenile"


class SentenceStatus(StrEnum):
    SERVING = "serving"
    COMPLETED = "completed"


class Conduct(StrEnum):
    POSSESS = "possess"
    POSSESS_FOR_SALE = "possess_for_sale"
    SELL = "sell"
    FURNISH = "furnish"
    TRANSPORT_FOR_SALE = "transport_for_sale"
    TRANSPORT_PERSONAL = "transport_personal"
    IMPORT_EXPORT = "import_export"
    CULTIVATE = "cultivate"


class PriorRelief(StrEnum):
    PROP47_REDESIGNATED = "prop47_redesignated"
    PC1203_4_DISMISSED = "pc1203_4_dismissed"
    HS11361_8_GRANTED = "hs11361_8_granted"


class ReliefRoute(StrEnum):
    """How relief under Prop 64 was granted (docs/law.md, "Routes" and "AB 1793")."""

    HS11361_8 = "hs11361_8"  # on the person's petition or application
    HS11361_9 = "hs11361_9"  # by the court after DOJ identified the conviction (AB 1793)


class OtherCaseStatus(StrEnum):
    """Custody or supervision on a case other than the convictions in the file."""

    CUSTODY = "custody"
    SUPERVISION = "supervision"  # probation, parole, PRCS or mandatory supervision
    NONE = "none"


class EnvironmentalStatute(StrEnum):
    """The environmental laws of HS 11358(d)(3)(A)-(G) (docs/law.md, "Cultivation")."""

    WAT_1052 = "wat_1052"  # (A) unlawful diversion of water
    WAT_13260 = "wat_13260"  # (B) waste discharge
    WAT_13264 = "wat_13264"
    WAT_13272 = "wat_13272"
    WAT_13387 = "wat_13387"
    FGC_5650 = "fgc_5650"  # (C) substances harmful to fish
    FGC_5652 = "fgc_5652"
    FGC_1602 = "fgc_1602"  # (D) streams and lakes
    PEN_374_8 = "pen_374_8"  # (E) hazardous substances
    HSC_25189_5 = "hsc_25189_5"  # (E) hazardous waste
    HSC_25189_6 = "hsc_25189_6"
    HSC_25189_7 = "hsc_25189_7"
    FGC_2080 = "fgc_2080"  # (F) endangered species
    FGC_3513 = "fgc_3513"  # (F) migratory birds
    FGC_2000 = "fgc_2000"  # (F) unlawful take
    SUBSTANTIAL_HARM = "substantial_harm"  # (G) substantial harm to public lands or resources


def positional(cls: type) -> Callable[..., Any]:
    """A constructor of the frozen, slotted dataclass ``cls`` from all its fields, in order.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, which
    costs about ten times a plain assignment: for a Determination (15 fields) that was a tenth
    of the engine's time. This builds the same object by assigning the fields on a plain twin
    with the same slots and then giving it ``cls`` as its class. The result is an ordinary
    ``cls`` (equal, hashable and frozen as ever); Python itself refuses the class change if the
    two layouts ever differ.
    """
    names = tuple(f.name for f in fields(cls))
    twin = type(f"_{cls.__name__}Twin", (), {"__slots__": names})
    body = "".join(f"    o.{name} = {name}\n" for name in names) or "    pass\n"
    namespace: dict[str, Any] = {"twin": twin, "cls": cls}
    # the source is made of the dataclass's own field names only (as dataclasses itself does)
    source = f"def make({', '.join(names)}):\n    o = twin.__new__(twin)\n{body}    o.__class__ = cls\n    return o\n"
    exec(source, namespace)  # noqa: S102
    make = namespace["make"]
    make.__doc__ = f"{cls.__name__}(...) from all its fields, positionally (see rules.model.positional)."
    return make


# --- The case file (input) -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Person:
    date_of_birth: date | None = None
    deceased: bool | None = None
    #: custody or supervision on another case (None: unknown)
    other_case_status: OtherCaseStatus | None = None


@dataclass(frozen=True, slots=True)
class GrantedRelief:
    """Prop 64 relief the record already shows for this conviction."""

    route: ReliefRoute | None = None
    date: date | None = None


@dataclass(frozen=True, slots=True)
class EarlierRelief:
    """Relief under another law (Prop 47, PC 1203.4) or an earlier 11361.8 grant, with its date.

    ``original_level`` is the level before a redesignation (a Prop 47 felony entered as a
    misdemeanor keeps "felony" here)."""

    kind: PriorRelief
    date: date | None = None
    original_level: Level | None = None


@dataclass(frozen=True, slots=True)
class Conviction:
    code: str
    case_number: str | None = None
    level: Level | None = None
    forum: Forum = Forum.ADULT
    offense_date: date | None = None
    conviction_date: date | None = None
    age_at_offense: int | None = None
    sentence_status: SentenceStatus | None = None
    conduct: Conduct | None = None
    quantity_grams: float | None = None
    concentrated: bool | None = None
    plants: int | None = None
    sold_to_minor: bool | None = None
    used_minor: bool | None = None
    minor_age: int | None = None
    school_grounds: bool | None = None
    environmental_violation: bool | None = None
    import_export: bool | None = None
    prior_relief: tuple[PriorRelief, ...] = ()
    already_cleared: bool | None = None
    #: Prop 64 relief already granted, with its route and date (None: not known to be granted)
    relief_granted: GrantedRelief | None = None
    #: DOJ identified the conviction under AB 1793 (HS 11361.9(a)); None: unknown
    ab1793_identified: bool | None = None
    #: the DA challenged it under HS 11361.9(b); None: unknown
    ab1793_challenged: bool | None = None
    #: ``prior_relief`` with dates and original levels, one entry per kind given
    earlier_relief: tuple[EarlierRelief, ...] = ()
    #: the count's number within its case (1 for the first count)
    count: int | None = None
    #: which HS 11358(d)(3) environmental laws the offense violated (empty: none named)
    environmental_statutes: tuple[EnvironmentalStatute, ...] = ()
    #: age of the person sold, furnished or given to, whatever that age (``minor_age`` is the
    #: youngest minor involved)
    recipient_age: int | None = None


@dataclass(frozen=True, slots=True)
class OtherConviction:
    code: str
    level: Level | None = None
    conviction_date: date | None = None
    case_number: str | None = None
    super_strike: bool | None = None
    pc290_registrable: bool | None = None
    count: int | None = None


@dataclass(frozen=True, slots=True)
class Case:
    county: str | None
    person: Person
    convictions: tuple[Conviction, ...]
    other_convictions: tuple[OtherConviction, ...] = ()


# --- The Result (output) ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Citation:
    """A pinpoint cite, e.g. ``HS § 11359(b)``, with the official text's address."""

    id: str
    cite: str
    url: str

    def __str__(self) -> str:
        return self.cite


@dataclass(frozen=True, slots=True)
class Reason:
    """One step of the explanation.

    ``message`` is the English msgid (a whole sentence with ``%(name)s`` placeholders);
    surfaces translate it and then interpolate ``params``.
    """

    id: str
    message: str
    params: Mapping[str, Any]
    citations: tuple[Citation, ...]

    @property
    def text(self) -> str:
        return self.message % dict(self.params) if self.params else self.message


@dataclass(frozen=True, slots=True)
class CR400:
    title_box: str  # "b" (11361.8(b) petition) or "f" (11361.8(f) application)
    item1: tuple[str, ...]  # section boxes: "11357", "11358", "11359", "11360"
    item2: str  # "PETITION" or "APPLICATION"
    #: what the conviction was when it is not one of the item 1 sections ("PC 32 accessory to HS 11359")
    other: str | None = None


@dataclass(frozen=True, slots=True)
class Determination:
    index: int
    code: str  # normalised, e.g. "HS 11359" or "PC 664/HS 11359"
    section: str | None  # the Prop 64 section, e.g. "11359", when there is one
    case_number: str | None
    outcome: Outcome
    minimum_outcome: Outcome | None
    county_outcome: Outcome | None
    route: str | None  # "HS 11361.8(a)", "HS 11361.8(e)", "HS 11361.8(m)"
    flags: tuple[Flag, ...]
    reasons: tuple[Reason, ...]
    would_change: tuple[Reason, ...]
    cr400: CR400 | None
    forms: tuple[str, ...]
    #: the county program's second way, beside the statute's route: "DA review request"
    county_route: str | None = None
    #: the count's number within its case, as the record gives it
    count: int | None = None

    @property
    def effective_outcome(self) -> Outcome:
        """What the person can expect: the county's program where it gives more relief."""
        if self.county_outcome is not None and RELIEF_RANK[self.county_outcome] > RELIEF_RANK[self.outcome]:
            return self.county_outcome
        return self.outcome


@dataclass(frozen=True, slots=True)
class PolicyRef:
    id: str
    version: str
    county: str | None = None


@dataclass(frozen=True, slots=True)
class Result:
    as_of: date
    rules_version: str
    policy: PolicyRef
    county: str | None
    next_step: NextStep
    determinations: tuple[Determination, ...] = field(default_factory=tuple)
    #: every next step, most useful first (``next_step`` is the first): filing under the
    #: statute and asking the DA under a county program can both apply
    next_steps: tuple[NextStep, ...] = ()

"""The engine's vocabulary: the validated case file going in, the Result coming out.

Everything here is frozen. The case file shape is DESIGN.md §4; the Result is §3 and §5.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
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
    DATE_UNKNOWN = "DATE_UNKNOWN"  # neither offense nor conviction date known
    LEVEL_UNKNOWN = "LEVEL_UNKNOWN"  # felony/misdemeanor/infraction unknown and it matters
    SENTENCE_STATUS_UNKNOWN = "SENTENCE_STATUS_UNKNOWN"  # assumed completed
    CONDUCT_ASSUMED = "CONDUCT_ASSUMED"  # 11360 conduct unknown; read as a sale
    PRIOR_DATE_UNKNOWN = "PRIOR_DATE_UNKNOWN"  # a disqualifying prior has no date
    CITY_ATTORNEY = "CITY_ATTORNEY"  # the city attorney, not the DA, prosecuted (county data)


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


# --- The case file (input) -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Person:
    date_of_birth: date | None = None
    deceased: bool | None = None


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


@dataclass(frozen=True, slots=True)
class OtherConviction:
    code: str
    level: Level | None = None
    conviction_date: date | None = None
    case_number: str | None = None
    super_strike: bool | None = None
    pc290_registrable: bool | None = None


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

    @property
    def effective_outcome(self) -> Outcome:
        """What the person can expect: the county's program where it gives more."""
        return self.county_outcome or self.outcome


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

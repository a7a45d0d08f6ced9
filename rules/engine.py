"""HS 11361.8 decided count by count (LAW.md §12).

For each conviction: read the code (wrappers, predecessor and unchanged sections), check the
record for earlier relief, fix the offense date, decode what the subsection meant on that date
(§3), classify the same conduct under post-Prop-64 law for the person's age band, amount,
plants and priors *before the offense* (§2), compare old and new levels, pick the route
(serving, completed, juvenile), then lay the county program over it when asked.

Unknown facts never become a silent "no". Amount and plants follow the statute's presumption
(11361.8(b),(f)): the answer is the relief the presumption gives, ``minimum_outcome`` what is
left if the DA rebuts it. An unknown age or level is tried both ways: the same answer stands;
different reliefs give the lesser with a flag; a possible "no" becomes NEEDS_DA_REVIEW.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from types import MappingProxyType

from . import counties
from . import lawdata as law
from . import policy as policies
from .codes import ParsedCode, parse_code
from .messages import MESSAGES
from .model import (
    CR400,
    RELIEF_OUTCOMES,
    Case,
    Citation,
    Conduct,
    Conviction,
    Determination,
    Flag,
    Forum,
    Level,
    NextStep,
    Outcome,
    PolicyRef,
    PriorRelief,
    Reason,
    Result,
    SentenceStatus,
)

RULES_VERSION = "2026.11.1"

# Classes of the same conduct under post-Prop-64 law, in order of seriousness.
LEGAL, INFRACTION, MISDEMEANOR, FELONY = 0, 1, 2, 3
LEVEL_RANK = {Level.INFRACTION: INFRACTION, Level.MISDEMEANOR: MISDEMEANOR, Level.FELONY: FELONY}
U18, YOUNG_ADULT, ADULT21 = "under_18", "18_to_20", "21_or_older"

# Each reason id's citations (provision ids of rules/law/provisions.yaml). A reason may name
# more precise ones when it is given; tests check that every id here resolves and every reason
# is produced by some case in tests/rules/cases/.
RULE_CITES: dict[str, tuple[str, ...]] = {
    "code.unreadable": ("HS-11361.8-e",),
    "scope.not_prop64": ("HS-11361.8-e",),
    "scope.conspiracy": ("PC-182", "CASE-MEDINA", "PC-17-b"),
    "scope.hs11361": ("HS-11361", "CASE-SAMRA"),
    "scope.pc4573_6": ("PC-4573.6", "CASE-RAYBON"),
    "scope.hs11379_6": ("HS-11379.6", "HS-11361.8-e"),
    "scope.predecessor": ("HS-PREDECESSOR", "HS-11361.8-a", "HS-11361.8-e"),
    "scope.accessory_serving": ("PC-32", "CASE-BOATWRIGHT", "HS-11361.8-a"),
    "scope.accessory_completed": ("PC-32", "HS-11361.8-e"),
    "scope.accessory_unknown_target": ("PC-32", "HS-11361.8-a"),
    "scope.attempt": ("PC-664", "HS-11361.8-e"),
    "scope.wrapper_unknown_target": ("PC-664", "PC-182", "HS-11361.8-e"),
    "date.after_effective": ("PROP-64-EFFECTIVE", "HS-11361.8-a"),
    "date.before_effective": ("PROP-64-EFFECTIVE", "HS-11361.8-a"),
    "date.offense_assumed": ("HS-11361.8-a",),
    "date.unknown": ("PROP-64-EFFECTIVE", "HS-11361.8-a"),
    "cleared.already": ("HS-11361.9", "HS-11361.8-e"),
    "cleared.other_relief_no_bar": ("HS-11361.8-e", "CASE-KHAMVONGSA"),
    "old.11357a_concentrate": ("HS-11357-OLD",),
    "old.11357b_small": ("HS-11357-OLD",),
    "old.11357c_large": ("HS-11357-OLD",),
    "old.11357d_school": ("HS-11357-OLD",),
    "old.11357e_school_minor": ("HS-11357-OLD",),
    "old.11360b_small": ("HS-11360-OLD",),
    "old.level_felony": ("HS-11357-OLD",),
    "old.level_misdemeanor": ("HS-11357-OLD",),
    "old.level_infraction": ("HS-11357-OLD",),
    "new.legal_possess": ("HS-11362.1-a1", "HS-11362.1-a2"),
    "new.legal_cultivate": ("HS-11362.1-a3",),
    "new.legal_transfer": ("HS-11362.1-a1", "HS-11360-c"),
    "new.infraction_minor": ("HS-11357-a1",),
    "new.infraction_possess_18_20": ("HS-11357-a2",),
    "new.infraction_cultivate_18_20": ("HS-11358-b",),
    "new.infraction_small_transfer": ("HS-11360-b",),
    "new.misdemeanor_possess_large": ("HS-11357-b2",),
    "new.misdemeanor_school": ("HS-11357-c",),
    "new.misdemeanor_cultivate": ("HS-11358-c",),
    "new.misdemeanor_possess_for_sale": ("HS-11359-b",),
    "new.misdemeanor_sell": ("HS-11360-a2",),
    "new.felony_prior_super_strike": ("PC-667-e2Civ",),
    "new.felony_prior_pc290": ("PC-290-c",),
    "new.felony_two_priors": ("HS-11359-c",),
    "new.two_priors_unsettled": ("HS-11359-c", "HS-11361.8-b"),
    "new.felony_minor_sale": ("HS-11359-c", "HS-11360-a3"),
    "new.felony_used_minor": ("HS-11359-d",),
    "new.felony_import": ("HS-11360-a3",),
    "new.felony_environment": ("HS-11358-d",),
    "outcome.dismiss_and_seal": ("HS-11361.8-e", "HS-11361.8-f"),
    "outcome.recall_and_dismiss": ("HS-11361.8-a", "HS-11361.8-b"),
    "outcome.redesignate_misdemeanor": ("HS-11361.8-e", "HS-11361.8-f"),
    "outcome.redesignate_infraction": ("HS-11361.8-e", "HS-11361.8-f"),
    "outcome.resentence_misdemeanor": ("HS-11361.8-a", "HS-11361.8-b"),
    "outcome.resentence_infraction": ("HS-11361.8-a", "HS-11361.8-b"),
    "outcome.resentence_lower_maximum": ("HS-11361.8-a", "HS-11357-b2"),
    "outcome.same_level": ("HS-11361.8-a", "HS-11361.8-e"),
    "outcome.same_level_lower_maximum": ("HS-11361.8-e", "HS-11357-b2"),
    "outcome.felony_still": ("HS-11361.8-a", "HS-11361.8-e"),
    "outcome.risk_finding": ("HS-11361.8-b", "CASE-SAELEE"),
    "outcome.juvenile": ("HS-11361.8-m",),
    "unknown.quantity_presumed": ("HS-11361.8-b", "HS-11361.8-f"),
    "unknown.plants_presumed": ("HS-11361.8-b", "HS-11361.8-f"),
    "unknown.age_least_relief": ("FAM-6500", "HS-11362.1-a1"),
    "unknown.age_review": ("FAM-6500", "HS-11362.1-a1"),
    "unknown.level_review": ("HS-11361.8-a", "HS-11361.8-e"),
    "unknown.sentence_assumed_completed": ("HS-11361.8-e",),
    "unknown.conduct_assumed_sale": ("HS-11360-a2", "HS-11360-c"),
    "unknown.prior_date": ("HS-11359-c",),
    "priors.after_offense": ("HS-11359-c", "HS-11360-a3", "HS-11358-d"),
    "change.if_21_or_older": ("HS-11362.1-a1",),
    "change.if_serving": ("HS-11361.8-a",),
    "change.if_small_amount": ("HS-11362.1-a1", "HS-11362.1-a2"),
    "change.if_large_amount_proved": ("HS-11361.8-f",),
    "change.if_few_plants": ("HS-11362.1-a3",),
    "change.if_many_plants_proved": ("HS-11361.8-f", "HS-11358-c"),
    "change.if_personal_transfer": ("HS-11362.1-a1", "HS-11360-c"),
    "change.if_felony_facts": ("HS-11358-d", "HS-11359-c", "HS-11360-a3"),
    "change.if_after_effective": ("PROP-64-EFFECTIVE",),
    "change.if_offense_before": ("PROP-64-EFFECTIVE", "HS-11361.8-a"),
    "change.if_prior_before": ("PC-667-e2Civ", "PC-290-c"),
    "change.if_felony": ("HS-11361.8-e",),
    "county.program_dismisses": ("HS-11361.8-e",),
    "county.criterion_misdemeanor": ("HS-11361.8-e",),
    "county.criterion_section": ("HS-11361.8-e",),
    "county.criterion_age": ("HS-11361.8-e",),
    "county.criterion_under_21": ("HS-11361.8-e",),
    "county.criterion_crime_free": ("HS-11361.8-e",),
    "county.criterion_single_completed": ("HS-11361.8-e",),
    "county.criterion_only_prop64": ("HS-11361.8-e",),
    "county.criterion_deceased": ("HS-11361.8-e",),
    "county.related_charge": ("HS-11361.8-e",),
    "county.before_program": ("HS-11361.8-a", "HS-11361.8-e"),
}

_CITE_CACHE: dict[tuple[str, ...], tuple[Citation, ...]] = {}


def _cites(ids: tuple[str, ...]) -> tuple[Citation, ...]:
    found = _CITE_CACHE.get(ids)
    if found is None:
        found = _CITE_CACHE[ids] = tuple(law.CITATIONS[i] for i in ids)
    return found


_NO_PARAMS: Mapping[str, object] = MappingProxyType({})
_PLAIN_REASONS: dict[tuple[str, tuple[str, ...] | None], Reason] = {}


def reason(rule_id: str, cites: tuple[str, ...] | None = None, **params: object) -> Reason:
    if not params:
        key = (rule_id, cites)
        found = _PLAIN_REASONS.get(key)
        if found is None:
            found = _PLAIN_REASONS[key] = Reason(
                rule_id, MESSAGES[rule_id], _NO_PARAMS, _cites(cites or RULE_CITES[rule_id])
            )
        return found
    return Reason(rule_id, MESSAGES[rule_id], MappingProxyType(params), _cites(cites or RULE_CITES[rule_id]))


# --- the same conduct under post-Prop-64 law ------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewClass:
    level: int  # LEGAL, INFRACTION, MISDEMEANOR, FELONY
    reasons: tuple[Reason, ...]
    unsettled: bool = False  # felony only through the unsettled two-priors reading


@dataclass(frozen=True, slots=True)
class Priors:
    super_strike: str | None  # display code of a qualifying prior before the offense
    pc290: str | None
    same_section: int
    undated: tuple[str, ...]  # disqualifying priors with no date
    later: Priors | None = None  # the same, counting disqualifying convictions after the offense


@dataclass(frozen=True, slots=True)
class Facts:
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


def _within(grams: float | None, concentrated: bool) -> bool:
    if grams is None:
        return True
    return grams <= (law.CONCENTRATE_GRAMS if concentrated else law.PERSONAL_GRAMS)


def _felony_priors(f: Facts, cite: str) -> NewClass | None:
    if f.priors.super_strike:
        return NewClass(FELONY, (reason("new.felony_prior_super_strike", ("PC-667-e2Civ", cite), prior=f.priors.super_strike),))
    if f.priors.pc290:
        return NewClass(FELONY, (reason("new.felony_prior_pc290", ("PC-290-c", cite), prior=f.priors.pc290),))
    return None


def _two_priors(f: Facts, cite: str) -> NewClass | None:
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


def classify(f: Facts) -> NewClass:
    """The class of the same conduct under post-Prop-64 law (LAW.md §2)."""
    section = f.section
    if section == "11357":
        small = _within(f.grams, f.concentrated)
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

    if section == "11358":
        if f.band == U18:
            return NewClass(INFRACTION, (reason("new.infraction_minor", ("HS-11358-a",)),))
        if f.plants is None or f.plants <= law.PERSONAL_PLANTS:
            if f.band == YOUNG_ADULT:
                return NewClass(INFRACTION, (reason("new.infraction_cultivate_18_20"),))
            return NewClass(LEGAL, (reason("new.legal_cultivate"),))
        felony = _felony_priors(f, "HS-11358-d")
        if felony:
            return felony
        if f.environmental:
            return NewClass(FELONY, (reason("new.felony_environment"),))
        return _two_priors(f, "HS-11358-d") or NewClass(MISDEMEANOR, (reason("new.misdemeanor_cultivate"),))

    if section == "11359":
        if f.band == U18:
            return NewClass(INFRACTION, (reason("new.infraction_minor", ("HS-11359-a",)),))
        felony = _felony_priors(f, "HS-11359-c")
        if felony:
            return felony
        if f.minor_sale:
            return NewClass(FELONY, (reason("new.felony_minor_sale", ("HS-11359-c",)),))
        if f.used_minor and f.band == ADULT21:
            return NewClass(FELONY, (reason("new.felony_used_minor"),))
        return _two_priors(f, "HS-11359-c") or NewClass(
            MISDEMEANOR, (reason("new.misdemeanor_possess_for_sale"),)
        )

    # 11360: sale, transport, import/export, furnishing, giving away
    if f.band == U18:
        return NewClass(INFRACTION, (reason("new.infraction_minor", ("HS-11360-a1",)),))
    small_flower = f.grams is not None and not f.concentrated and f.grams <= law.PERSONAL_GRAMS
    if f.conduct in (Conduct.FURNISH, Conduct.TRANSPORT_PERSONAL):
        if f.conduct is Conduct.FURNISH and f.recipient_minor:
            return NewClass(FELONY, (reason("new.felony_minor_sale", ("HS-11360-a3",)),))
        if f.band == ADULT21 and _within(f.grams, f.concentrated):
            return NewClass(LEGAL, (reason("new.legal_transfer"),))
        if f.grams is None and not f.concentrated or small_flower:
            return NewClass(INFRACTION, (reason("new.infraction_small_transfer"),))
        if f.conduct is Conduct.TRANSPORT_PERSONAL:
            return NewClass(MISDEMEANOR, (reason("new.misdemeanor_possess_large"),))
    felony = _felony_priors(f, "HS-11360-a3")
    if felony:
        return felony
    if f.minor_sale or f.recipient_minor:
        return NewClass(FELONY, (reason("new.felony_minor_sale", ("HS-11360-a3",)),))
    if f.import_export or f.conduct is Conduct.IMPORT_EXPORT:
        limit = law.IMPORT_CONCENTRATE_GRAMS if f.concentrated else law.PERSONAL_GRAMS
        if f.grams is not None and f.grams > limit:
            return NewClass(FELONY, (reason("new.felony_import"),))
    two = _two_priors(f, "HS-11360-a3")
    if two:
        return two
    if f.conduct is Conduct.TRANSPORT_FOR_SALE and small_flower:
        return NewClass(INFRACTION, (reason("new.infraction_small_transfer"),))
    return NewClass(MISDEMEANOR, (reason("new.misdemeanor_sell"),))


# --- the old conviction, read by its era ----------------------------------------------------


@dataclass(slots=True)
class Old:
    """What the recorded section meant on the offense date (LAW.md §3)."""

    conduct: Conduct
    grams_at_most: float | None = None
    grams_over: float | None = None
    concentrated: bool | None = None
    school: bool | None = None
    fixed_level: Level | None = None
    longer_misdemeanor: bool = False  # the old misdemeanor's maximum exceeds today's six months
    conduct_assumed: bool = False
    reasons: list[Reason] = field(default_factory=list)


def decode(code: ParsedCode, offense: date, conduct: Conduct | None) -> Old:
    section = code.section
    sub = code.subsections[0] if code.subsections else None
    if section == "11357":
        old = Old(Conduct.POSSESS)
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
    if section == "11358":
        return Old(Conduct.CULTIVATE, fixed_level=Level.FELONY)
    if section == "11359":
        return Old(Conduct.POSSESS_FOR_SALE, fixed_level=Level.FELONY)
    # 11360
    if sub == "b":
        old = Old(
            conduct if conduct in (Conduct.FURNISH, Conduct.TRANSPORT_PERSONAL) else Conduct.FURNISH,
            grams_at_most=law.PERSONAL_GRAMS,
            concentrated=False,
            fixed_level=Level.MISDEMEANOR,
        )
        old.reasons.append(reason("old.11360b_small", ("HS-11360-OLD",)))
        return old
    allowed = (Conduct.SELL, Conduct.FURNISH, Conduct.TRANSPORT_FOR_SALE, Conduct.TRANSPORT_PERSONAL, Conduct.IMPORT_EXPORT)
    if conduct in allowed:
        return Old(conduct, fixed_level=Level.FELONY)
    return Old(Conduct.SELL, fixed_level=Level.FELONY, conduct_assumed=True)


# --- per-case context -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Record:
    """A prior conviction as the engine needs it: parsed code, date, and whether it disqualifies."""

    code: ParsedCode
    date: date | None
    super_strike: bool
    pc290: bool
    section: str | None  # the Prop 64 section, for the same-section count


def _records(case: Case) -> tuple[Record, ...]:
    out: list[Record] = []
    for other in case.other_convictions:
        code = parse_code(other.code)
        strike = other.super_strike if other.super_strike is not None else law.SUPER_STRIKES.matches(code)
        reg = other.pc290_registrable if other.pc290_registrable is not None else law.PC290_REGISTRABLE.matches(code)
        section = code.section if code.wrapper is None and code.section in law.COVERED_SECTIONS else None
        out.append(Record(code, other.conviction_date, strike, reg, section))
    for conv in case.convictions:
        code = parse_code(conv.code)
        section = code.section if code.wrapper is None and code.section in law.COVERED_SECTIONS else None
        if section:
            out.append(Record(code, conv.conviction_date, False, False, section))
    return tuple(out)


def _priors(records: tuple[Record, ...], section: str, offense: date) -> Priors:
    strike = reg = None
    later_strike = later_reg = None
    same = 0
    undated: list[str] = []
    for rec in records:
        if rec.date is None:
            if rec.super_strike or rec.pc290:
                undated.append(rec.code.display)
            continue
        if rec.date >= offense:
            later_strike = later_strike or (rec.code.display if rec.super_strike else None)
            later_reg = later_reg or (rec.code.display if rec.pc290 else None)
            continue
        if rec.super_strike and strike is None:
            strike = rec.code.display
        if rec.pc290 and reg is None:
            reg = rec.code.display
        if rec.section == section:
            same += 1
    later = None
    if (later_strike and not strike) or (later_reg and not reg):
        later = Priors(strike or later_strike, reg or later_reg, same, tuple(undated))
    return Priors(strike, reg, same, tuple(undated), later)


def age_on(born: date, on: date) -> int:
    """Whole years on ``on``; a person reaches an age on the birthday (Fam. Code § 6500).

    Someone born on February 29 has the birthday on March 1 in other years.
    """
    years = on.year - born.year
    if (on.month, on.day) < (born.month, born.day):
        years -= 1
    return years


def _band(age: int) -> str:
    if age < law.ADULT_AGE:
        return U18
    return YOUNG_ADULT if age < law.LEGAL_AGE else ADULT21


# --- comparing, routing, assembling ----------------------------------------------------------

_RELIEF_RANK = {
    Outcome.DISMISS_AND_SEAL: 5,
    Outcome.RECALL_AND_DISMISS: 5,
    Outcome.REDESIGNATE_INFRACTION: 4,
    Outcome.RESENTENCE_INFRACTION: 4,
    Outcome.REDESIGNATE_MISDEMEANOR: 3,
    Outcome.RESENTENCE_MISDEMEANOR: 3,
    Outcome.RESENTENCE: 2,
    Outcome.NEEDS_DA_REVIEW: 1,
    Outcome.NOT_ELIGIBLE: 0,
}


@dataclass(slots=True)
class Decision:
    outcome: Outcome
    reasons: list[Reason]
    flags: set[Flag] = field(default_factory=set)


def compare(new: NewClass, old_level: Level, serving: bool, longer_misdemeanor: bool) -> Decision:
    reasons = list(new.reasons)
    old_rank = LEVEL_RANK[old_level]
    if new.level == FELONY and new.unsettled:
        return Decision(Outcome.NEEDS_DA_REVIEW, reasons, {Flag.UNCERTAIN_LAW})
    if new.level == LEGAL:
        if serving:
            return Decision(Outcome.RECALL_AND_DISMISS, [*reasons, reason("outcome.recall_and_dismiss")])
        return Decision(Outcome.DISMISS_AND_SEAL, [*reasons, reason("outcome.dismiss_and_seal")])
    if new.level == FELONY:
        return Decision(Outcome.NOT_ELIGIBLE, [*reasons, reason("outcome.felony_still")])
    if new.level < old_rank:
        if new.level == INFRACTION:
            if serving:
                return Decision(Outcome.RESENTENCE_INFRACTION, [*reasons, reason("outcome.resentence_infraction")])
            return Decision(Outcome.REDESIGNATE_INFRACTION, [*reasons, reason("outcome.redesignate_infraction")])
        if serving:
            return Decision(Outcome.RESENTENCE_MISDEMEANOR, [*reasons, reason("outcome.resentence_misdemeanor")])
        return Decision(Outcome.REDESIGNATE_MISDEMEANOR, [*reasons, reason("outcome.redesignate_misdemeanor")])
    if new.level == old_rank == MISDEMEANOR and longer_misdemeanor:
        if serving:
            return Decision(Outcome.RESENTENCE, [*reasons, reason("outcome.resentence_lower_maximum")], {Flag.UNCERTAIN_LAW})
        return Decision(Outcome.NOT_ELIGIBLE, [*reasons, reason("outcome.same_level_lower_maximum")], {Flag.UNCERTAIN_LAW})
    return Decision(Outcome.NOT_ELIGIBLE, [*reasons, reason("outcome.same_level")])


def _quantity_options(old: Old, conv: Conviction, section: str) -> list[tuple[float | None, bool]]:
    """(grams, concentrated) pairs the facts allow; one pair when they are known."""
    concentrated = conv.concentrated if conv.concentrated is not None else old.concentrated
    if section not in ("11357", "11360"):
        return [(conv.quantity_grams, bool(concentrated))]
    conc_options = [concentrated] if concentrated is not None else [False, True]
    if conv.quantity_grams is not None:
        return [(conv.quantity_grams, c) for c in conc_options]
    pairs: list[tuple[float | None, bool]] = []
    for conc in conc_options:
        limit = law.CONCENTRATE_GRAMS if conc else law.PERSONAL_GRAMS
        candidates = [law.IMPORT_CONCENTRATE_GRAMS, limit, limit + 0.5] if conc else [limit, limit + 0.5]
        for grams in candidates:
            if old.grams_at_most is not None and grams > old.grams_at_most:
                continue
            if old.grams_over is not None and grams <= old.grams_over:
                continue
            pairs.append((grams, conc))
    return pairs or [(None, bool(concentrated))]


def _plant_options(conv: Conviction, section: str) -> list[int | None]:
    if section != "11358" or conv.plants is not None:
        return [conv.plants]
    return [law.PERSONAL_PLANTS, law.PERSONAL_PLANTS + 1]


@dataclass(slots=True)
class Builder:
    """Collects one Determination."""

    index: int
    conv: Conviction
    code: ParsedCode
    flags: set[Flag] = field(default_factory=set)
    reasons: list[Reason] = field(default_factory=list)
    would_change: list[Reason] = field(default_factory=list)

    def done(
        self,
        outcome: Outcome,
        *,
        minimum: Outcome | None = None,
        serving: bool = False,
    ) -> Determination:
        section = self.code.section if self.code.section in law.COVERED_SECTIONS else None
        juvenile = self.conv.forum is Forum.JUVENILE
        route = cr400 = None
        forms: tuple[str, ...] = ()
        if outcome in RELIEF_OUTCOMES:
            if juvenile:
                route, forms = "HS 11361.8(m)", ("JV-744", "JV-744A")
            elif serving:
                route, forms = "HS 11361.8(a)", ("CR-400", "CR-401")
                cr400 = CR400("b", (section,) if section else (), "PETITION")
            else:
                route, forms = "HS 11361.8(e)", ("CR-400", "CR-401")
                cr400 = CR400("f", (section,) if section else (), "APPLICATION")
        elif outcome is Outcome.NEEDS_DA_REVIEW:
            forms = ("DA-REVIEW-REQUEST",)
        return Determination(
            index=self.index,
            code=self.code.display,
            section=section,
            case_number=self.conv.case_number,
            outcome=outcome,
            minimum_outcome=minimum if minimum is not None and minimum is not outcome else None,
            county_outcome=None,
            route=route,
            flags=tuple(sorted(self.flags)),
            reasons=tuple(self.reasons),
            would_change=tuple(_unique(self.would_change)),
            cr400=cr400,
            forms=forms,
        )


def _unique(reasons: Iterable[Reason]) -> list[Reason]:
    seen: set[str] = set()
    out = []
    for r in reasons:
        if r.id not in seen:
            seen.add(r.id)
            out.append(r)
    return out


def evaluate_conviction(index: int, conv: Conviction, case: Case, records: tuple[Record, ...]) -> Determination:
    code = parse_code(conv.code)
    b = Builder(index, conv, code)

    # 1. Scope (LAW.md §12 step 2)
    if code.needs_review:  # two offenses named, or an HS 11357–11360 code we could not read
        b.reasons.append(reason("code.unreadable", code=conv.code))
        return b.done(Outcome.NEEDS_DA_REVIEW)
    if code.target is None:
        if code.wrapper == "accessory":
            b.flags.add(Flag.UNCERTAIN_LAW)
            b.reasons.append(reason("scope.accessory_unknown_target"))
            return b.done(Outcome.NEEDS_DA_REVIEW)
        if code.wrapper == "conspiracy":
            b.reasons.append(reason("scope.conspiracy"))
            return b.done(Outcome.NOT_ELIGIBLE)
        if code.wrapper:
            b.reasons.append(reason("scope.wrapper_unknown_target"))
            return b.done(Outcome.NEEDS_DA_REVIEW)
        b.reasons.append(reason("code.unreadable", code=conv.code))
        return b.done(Outcome.NEEDS_DA_REVIEW)
    if code.wrapper == "conspiracy":
        b.reasons.append(reason("scope.conspiracy"))
        return b.done(Outcome.NOT_ELIGIBLE)
    section, statute = code.section, code.law
    if statute == "HS" and section == "11361":
        b.reasons.append(reason("scope.hs11361"))
        return b.done(Outcome.NOT_ELIGIBLE)
    if statute == "PC" and section == "4573.6":
        b.reasons.append(reason("scope.pc4573_6"))
        return b.done(Outcome.NOT_ELIGIBLE)
    if statute == "HS" and section == "11379.6":
        b.reasons.append(reason("scope.hs11379_6"))
        return b.done(Outcome.NOT_ELIGIBLE)
    if statute == "HS" and section in law.PREDECESSOR_SECTIONS:
        b.flags.add(Flag.UNCERTAIN_LAW)
        b.reasons.append(reason("scope.predecessor", code=code.display))
        return b.done(Outcome.NEEDS_DA_REVIEW)
    if section not in law.COVERED_SECTIONS:
        b.reasons.append(reason("scope.not_prop64", code=code.display))
        return b.done(Outcome.NOT_ELIGIBLE)

    # 2. Already cleared (§12 step 4; the record decides before anything else is weighed)
    if conv.already_cleared or PriorRelief.HS11361_8_GRANTED in conv.prior_relief:
        b.reasons.append(reason("cleared.already"))
        return b.done(Outcome.ALREADY_CLEARED)

    # 3. The offense date (§12 step 3)
    offense = conv.offense_date
    if offense is None:
        if conv.conviction_date is None:
            b.flags.add(Flag.DATE_UNKNOWN)
            b.reasons.append(reason("date.unknown"))
            b.would_change.append(reason("change.if_after_effective"))
            return b.done(Outcome.NEEDS_DA_REVIEW)
        offense = conv.conviction_date
        b.flags.add(Flag.OFFENSE_DATE_ASSUMED)
        b.reasons.append(reason("date.offense_assumed", date=offense.isoformat()))
    if offense >= law.EFFECTIVE_DATE:
        b.reasons.append(reason("date.after_effective", date=law.EFFECTIVE_DATE.isoformat()))
        if Flag.OFFENSE_DATE_ASSUMED in b.flags:
            b.would_change.append(reason("change.if_offense_before"))
        return b.done(Outcome.NOT_ELIGIBLE)
    b.reasons.append(reason("date.before_effective", date=law.EFFECTIVE_DATE.isoformat()))

    if conv.prior_relief:
        b.reasons.append(reason("cleared.other_relief_no_bar"))
        if PriorRelief.PC1203_4_DISMISSED in conv.prior_relief:
            b.flags.add(Flag.UNCERTAIN_LAW)

    # 4. Wrappers that keep the count in play
    serving = conv.sentence_status is SentenceStatus.SERVING
    if code.wrapper == "attempt":
        b.flags.add(Flag.UNCERTAIN_LAW)
        b.reasons.append(reason("scope.attempt", section=code.target.text))
    elif code.wrapper == "accessory":
        b.flags.add(Flag.UNCERTAIN_LAW)
        if not serving:
            b.reasons.append(reason("scope.accessory_completed"))
            b.would_change.append(reason("change.if_serving"))
            return b.done(Outcome.NEEDS_DA_REVIEW)
        b.reasons.append(reason("scope.accessory_serving"))

    # 5. What the section meant then, and the old level
    old = decode(code, offense, conv.conduct)
    b.reasons.extend(old.reasons)
    if old.conduct_assumed:
        b.flags.add(Flag.CONDUCT_ASSUMED)
        b.reasons.append(reason("unknown.conduct_assumed_sale"))
        b.would_change.append(reason("change.if_personal_transfer"))
    levels: list[Level]
    if conv.level is not None:
        levels = [conv.level]
    elif old.fixed_level is not None:
        levels = [old.fixed_level]
        b.reasons.append(reason(f"old.level_{old.fixed_level.value}", (f"HS-{section}-OLD",)))
    else:
        levels = [Level.FELONY, Level.MISDEMEANOR]

    # 6. Age band on the offense date
    juvenile = conv.forum is Forum.JUVENILE
    age = conv.age_at_offense
    if age is None and case.person.date_of_birth is not None:
        age = age_on(case.person.date_of_birth, offense)
    if age is not None:
        bands = [_band(age)]
    elif juvenile:
        bands = [U18]
    else:
        bands = [YOUNG_ADULT, ADULT21]

    # 7. Priors before the offense
    priors = _priors(records, section, offense)
    for display in priors.undated:
        b.flags.add(Flag.PRIOR_DATE_UNKNOWN)
        b.reasons.append(reason("unknown.prior_date", prior=display))
        b.would_change.append(reason("change.if_prior_before"))

    # Sentence status
    if conv.sentence_status is None:
        b.flags.add(Flag.SENTENCE_STATUS_UNKNOWN)
        b.reasons.append(reason("unknown.sentence_assumed_completed"))
        b.would_change.append(reason("change.if_serving"))

    quantities = _quantity_options(old, conv, section)
    plants = _plant_options(conv, section)
    recipient_minor = conv.minor_age is not None and conv.minor_age < law.ADULT_AGE and conv.conduct is Conduct.FURNISH
    minor_sale = bool(conv.sold_to_minor) and (conv.minor_age is None or conv.minor_age < law.ADULT_AGE)

    def decide(level: Level, band: str, priors: Priors = priors) -> tuple[Decision, Decision | None, set[Flag], list[Reason]]:
        """Best and least relief over the amounts/plants the facts allow (the presumption)."""
        options: list[Decision] = []
        for grams, conc in quantities:
            for count in plants:
                facts = Facts(
                    section=section,
                    conduct=old.conduct,
                    band=band,
                    grams=grams,
                    concentrated=conc,
                    plants=count,
                    school=bool(conv.school_grounds if conv.school_grounds is not None else old.school),
                    minor_sale=minor_sale,
                    used_minor=bool(conv.used_minor),
                    recipient_minor=recipient_minor,
                    import_export=bool(conv.import_export),
                    environmental=bool(conv.environmental_violation),
                    priors=priors,
                )
                options.append(compare(classify(facts), level, serving, old.longer_misdemeanor))
        best = max(options, key=lambda d: _RELIEF_RANK[d.outcome])
        least = min(options, key=lambda d: _RELIEF_RANK[d.outcome])
        flags: set[Flag] = set()
        extra: list[Reason] = []
        if best.outcome is not least.outcome:
            flags.add(Flag.PRESUMPTIVE)
            if len(plants) > 1:
                flags.add(Flag.PLANTS_UNKNOWN)
                extra.append(reason("unknown.plants_presumed"))
            else:
                flags.add(Flag.QUANTITY_UNKNOWN)
                extra.append(reason("unknown.quantity_presumed"))
            return best, least, flags, extra
        return best, None, flags, extra

    # Try each unknown level and age band.
    results = {(lv, bd): decide(lv, bd) for lv in levels for bd in bands}
    outcomes = {r[0].outcome for r in results.values()}

    if len(levels) > 1:
        by_level = {lv: {results[(lv, bd)][0].outcome for bd in bands} for lv in levels}
        if by_level[Level.FELONY] != by_level[Level.MISDEMEANOR]:
            b.flags.add(Flag.LEVEL_UNKNOWN)
            b.reasons.append(reason("unknown.level_review"))
            b.would_change.append(reason("change.if_felony"))
            felony = results[(Level.FELONY, bands[-1])][0]
            b.reasons.extend(r for r in felony.reasons if not r.id.startswith("outcome."))
            return b.done(Outcome.NEEDS_DA_REVIEW, serving=serving)

    chosen_key = (levels[0], bands[0])
    if len(bands) > 1 and len(outcomes) > 1:
        b.flags.add(Flag.AGE_UNKNOWN)
        least_key = min(results, key=lambda k: _RELIEF_RANK[results[k][0].outcome])
        if results[least_key][0].outcome is Outcome.NOT_ELIGIBLE:
            b.reasons.append(reason("unknown.age_review"))
            b.would_change.append(reason("change.if_21_or_older"))
            best_key = max(results, key=lambda k: _RELIEF_RANK[results[k][0].outcome])
            b.reasons.extend(results[best_key][0].reasons)
            return b.done(Outcome.NEEDS_DA_REVIEW, serving=serving)
        b.reasons.append(reason("unknown.age_least_relief"))
        b.would_change.append(reason("change.if_21_or_older"))
        chosen_key = least_key
    elif len(bands) > 1:
        chosen_key = (levels[0], bands[-1])

    best, least, flags, extra = results[chosen_key]
    b.flags |= flags | best.flags
    b.reasons.extend(extra)
    b.reasons.extend(best.reasons)
    if priors.later is not None and decide(*chosen_key, priors=priors.later)[0].outcome is not best.outcome:
        # Only convictions before the offense count (LAW.md §4 notes): said, and flagged.
        later = priors.later.super_strike if priors.later.super_strike != priors.super_strike else priors.later.pc290
        b.flags.add(Flag.UNCERTAIN_LAW)
        b.reasons.append(reason("priors.after_offense", prior=later))
    if least is not None:
        b.would_change.append(
            reason("change.if_many_plants_proved" if Flag.PLANTS_UNKNOWN in flags else "change.if_large_amount_proved")
        )
    elif best.outcome in (Outcome.REDESIGNATE_MISDEMEANOR, Outcome.RESENTENCE_MISDEMEANOR, Outcome.NOT_ELIGIBLE):
        if section == "11357" and conv.quantity_grams is not None and not _within(conv.quantity_grams, bool(conv.concentrated)):
            b.would_change.append(reason("change.if_small_amount"))
        if section == "11358" and conv.plants is not None and conv.plants > law.PERSONAL_PLANTS:
            b.would_change.append(reason("change.if_few_plants"))
    if best.outcome in RELIEF_OUTCOMES:
        if juvenile:
            b.reasons.append(reason("outcome.juvenile"))
        elif serving:
            b.flags.add(Flag.RISK_FINDING_POSSIBLE)
            b.reasons.append(reason("outcome.risk_finding"))
        if section in ("11358", "11359", "11360") and _felony_facts_unknown(conv):
            b.would_change.append(reason("change.if_felony_facts"))
    minimum = least.outcome if least is not None else None
    return b.done(best.outcome, minimum=minimum, serving=serving)


def _felony_facts_unknown(conv: Conviction) -> bool:
    return (
        conv.sold_to_minor is None
        or conv.import_export is None
        or conv.environmental_violation is None
        or conv.used_minor is None
    )


# --- county programs --------------------------------------------------------------------------

_REDUCTIONS = frozenset(
    {
        Outcome.REDESIGNATE_MISDEMEANOR,
        Outcome.REDESIGNATE_INFRACTION,
        Outcome.RESENTENCE_MISDEMEANOR,
        Outcome.RESENTENCE_INFRACTION,
        Outcome.RESENTENCE,
    }
)


def _conviction_day(conv: Conviction) -> date | None:
    return conv.conviction_date or conv.offense_date


class _PersonFacts:
    """What county programs ask about the whole person, worked out only when asked."""

    def __init__(self, case: Case, dets: list[Determination], records: tuple[Record, ...]):
        self._case, self._dets, self._records = case, dets, records
        self.n_convictions = len(case.convictions) + len(case.other_convictions)

    @cached_property
    def all_dates(self) -> list[date]:
        return [r.date for r in self._records if r.date is not None]

    @cached_property
    def only_prop64(self) -> bool:
        return not self._case.other_convictions and all(
            parse_code(c.code).section in law.COVERED_SECTIONS for c in self._case.convictions
        )

    @cached_property
    def prop64_cases(self) -> set[str]:
        return {c.case_number for c, d in zip(self._case.convictions, self._dets) if d.section and c.case_number}


def apply_county(
    dets: list[Determination], case: Case, program: policies.Policy, as_of: date, records: tuple[Record, ...]
) -> list[Determination]:
    """Lay the county's DA program over the statutory answers (county_outcome)."""
    choices = program.choices
    county = program.county or ""
    facts = _PersonFacts(case, dets, records)
    city_attorney = _city_attorney(case)
    review_before = choices.get("review_before")
    out: list[Determination] = []
    for conv, det in zip(case.convictions, dets):
        extra: list[Reason] = []
        county_outcome: Outcome | None = None
        outcome = det.outcome
        flags = set(det.flags)
        day = _conviction_day(conv)
        in_scope = det.section is not None or det.outcome is Outcome.NEEDS_DA_REVIEW and Flag.UNCERTAIN_LAW in det.flags
        if (
            review_before
            and in_scope
            and day is not None
            and day < review_before
            and det.outcome is not Outcome.ALREADY_CLEARED
            and not any(r.id == "date.after_effective" for r in det.reasons)
        ):
            outcome = Outcome.NEEDS_DA_REVIEW
            flags.add(Flag.COUNTY_POLICY_DIFFERS)
            extra.append(reason("county.before_program", county=county, year=review_before.year))
        elif det.section is None and det.outcome is Outcome.NOT_ELIGIBLE and conv.case_number in facts.prop64_cases:
            code = parse_code(conv.code)
            if any(_same_code(code, rel) for rel in choices.get("related_charges", ())):
                county_outcome = Outcome.DISMISS_AND_SEAL
                extra.append(reason("county.related_charge", county=county))
        elif det.section is not None and (det.outcome in _REDUCTIONS or _misdemeanor_same_level(det, conv)):
            criteria = _criteria(conv, det, case, choices, as_of, facts)
            if criteria and conv.sentence_status is not SentenceStatus.SERVING:
                county_outcome = Outcome.DISMISS_AND_SEAL
                extra.append(reason("county.program_dismisses", county=county))
                extra.extend(criteria)
        if county_outcome is not None:
            flags.add(Flag.COUNTY_POLICY_DIFFERS)
        if conv.level is Level.MISDEMEANOR and city_attorney:
            flags.add(Flag.CITY_ATTORNEY)
        if not extra and flags == set(det.flags):
            out.append(det)
            continue
        forms = det.forms
        if outcome is Outcome.NEEDS_DA_REVIEW:
            forms = ("DA-REVIEW-REQUEST",)
        elif county_outcome is not None and not det.forms:
            forms = ("CR-400", "CR-401") if det.section else det.forms
        changed = outcome is not det.outcome  # only ever to NEEDS_DA_REVIEW
        out.append(
            replace(
                det,
                outcome=outcome,
                county_outcome=county_outcome,
                route=None if changed else det.route,
                flags=tuple(sorted(flags)),
                reasons=(*det.reasons, *extra),
                cr400=None if changed else det.cr400,
                forms=forms,
            )
        )
    return out


def _city_attorney(case: Case) -> bool:
    county = counties.find(case.county)
    return bool(county and county.city_attorney_prosecutes_misdemeanors)


def _same_code(code: ParsedCode, listed: ParsedCode) -> bool:
    if code.target is None and code.wrapper_part is None:
        return False
    mine = code.target or code.wrapper_part
    theirs = listed.target or listed.wrapper_part
    if mine is None or theirs is None or mine.section != theirs.section or mine.law != theirs.law:
        return False
    return mine.subsections[: len(theirs.subsections)] == theirs.subsections


def _misdemeanor_same_level(det: Determination, conv: Conviction) -> bool:
    return (
        det.outcome is Outcome.NOT_ELIGIBLE
        and conv.level in (Level.MISDEMEANOR, Level.INFRACTION)
        and not any(r.id == "outcome.felony_still" or r.id == "date.after_effective" for r in det.reasons)
        and any(r.id.startswith("outcome.same_level") for r in det.reasons)
    )


def _criteria(
    conv: Conviction,
    det: Determination,
    case: Case,
    choices: dict,
    as_of: date,
    facts: _PersonFacts,
) -> list[Reason]:
    met: list[Reason] = []
    level = conv.level
    if choices.get("dismiss_misdemeanors") and level in (Level.MISDEMEANOR, Level.INFRACTION):
        met.append(reason("county.criterion_misdemeanor"))
    if level is Level.FELONY or level is None:
        if det.section in choices.get("dismiss_sections", ()):
            met.append(reason("county.criterion_section", section=det.section))
        dob = case.person.date_of_birth
        threshold = choices.get("dismiss_age_at_least")
        if threshold and dob and age_on(dob, as_of) >= threshold:
            met.append(reason("county.criterion_age", age=threshold))
        offense = conv.offense_date or conv.conviction_date
        age = conv.age_at_offense if conv.age_at_offense is not None else (age_on(dob, offense) if dob and offense else None)
        if choices.get("dismiss_under_21_at_offense") and age is not None and age < law.LEGAL_AGE:
            met.append(reason("county.criterion_under_21"))
        years = choices.get("dismiss_crime_free_years")
        if years and facts.all_dates:
            cutoff = _years_before(as_of, years)
            if max(facts.all_dates) < cutoff and facts.n_convictions > 1:
                met.append(reason("county.criterion_crime_free", years=years))
        if choices.get("dismiss_single_conviction_completed") and facts.n_convictions == 1 and conv.sentence_status is SentenceStatus.COMPLETED:
            met.append(reason("county.criterion_single_completed"))
        if choices.get("dismiss_only_prop64_completed") and facts.only_prop64 and all(
            c.sentence_status is SentenceStatus.COMPLETED for c in case.convictions
        ):
            met.append(reason("county.criterion_only_prop64"))
        if choices.get("dismiss_deceased") and case.person.deceased:
            met.append(reason("county.criterion_deceased"))
    return met


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # February 29
        return day.replace(year=day.year - years, day=28)


# --- the whole case -----------------------------------------------------------------------------


def next_step(dets: Iterable[Determination]) -> NextStep:
    outcomes = {d.effective_outcome for d in dets}
    if outcomes & RELIEF_OUTCOMES:
        return NextStep.FILE_PETITION
    if Outcome.NEEDS_DA_REVIEW in outcomes:
        return NextStep.REQUEST_DA_REVIEW
    if Outcome.ALREADY_CLEARED in outcomes:
        return NextStep.CHECK_RECORD
    return NextStep.NONE


def evaluate(case: Case, *, as_of: date, policy: str = "statewide") -> Result:
    """Decide every conviction in ``case`` under the law in force on ``as_of``.

    ``policy="county"`` also applies the DA program of the case's county, when it has one and
    it was in force on ``as_of``; ``"statewide"`` is the statute alone.
    """
    if policy not in ("statewide", "county"):
        raise ValueError(f"policy must be 'statewide' or 'county', not {policy!r}")
    records = _records(case)
    dets = [evaluate_conviction(i, conv, case, records) for i, conv in enumerate(case.convictions)]
    base = policies.statewide()
    ref = PolicyRef(base.id, base.version, None)
    if policy == "county":
        program = policies.for_county(case.county)
        if program is not None and program.in_force(as_of):
            dets = apply_county(dets, case, program, as_of, records)
            ref = PolicyRef(program.id, program.version, program.county)
    county = counties.find(case.county)
    return Result(
        as_of=as_of,
        rules_version=RULES_VERSION,
        policy=ref,
        county=county.name if county else case.county,
        next_step=next_step(dets),
        determinations=tuple(dets),
    )

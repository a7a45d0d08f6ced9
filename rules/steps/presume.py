"""Unknown facts and the statute's presumption (HS 11361.8(b),(f)).

An unknown amount or plant count is tried at every value the recorded subsection allows; the
answer is the relief the presumption gives (the best), ``minimum_outcome`` what is left if the
DA rebuts it (the least). An unknown age or level is tried both ways: the same answer stands;
different reliefs give the lesser with a flag; a possible "no" goes to review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import ModuleType

from .. import lawdata as law
from ..model import Conduct, Conviction, Flag, Level, Outcome, Reason
from ..reasons import cites, reason
from ..sections.base import Facts, Old, Priors, within
from .compare import RELIEF_RANK, Decision, compare

cites(
    {
        "unknown.quantity_presumed": ("HS-11361.8-b", "HS-11361.8-f"),
        "unknown.plants_presumed": ("HS-11361.8-b", "HS-11361.8-f"),
        "unknown.age_least_relief": ("FAM-6500", "HS-11362.1-a1"),
        "unknown.age_review": ("FAM-6500", "HS-11362.1-a1"),
        "unknown.level_review": ("HS-11361.8-a", "HS-11361.8-e"),
        "unknown.sentence_assumed_completed": ("HS-11361.8-e",),
        "unknown.conduct_assumed_sale": ("HS-11360-a2", "HS-11360-c"),
        "change.if_21_or_older": ("HS-11362.1-a1",),
        "change.if_serving": ("HS-11361.8-a",),
        "change.if_small_amount": ("HS-11362.1-a1", "HS-11362.1-a2"),
        "change.if_large_amount_proved": ("HS-11361.8-f",),
        "change.if_few_plants": ("HS-11362.1-a3",),
        "change.if_many_plants_proved": ("HS-11361.8-f", "HS-11358-c"),
        "change.if_personal_transfer": ("HS-11362.1-a1", "HS-11360-c"),
        "change.if_felony_facts": ("HS-11358-d", "HS-11359-c", "HS-11360-a3"),
        "change.if_felony": ("HS-11361.8-e",),
    }
)


def quantity_options(old: Old, conv: Conviction, section: str) -> list[tuple[float | None, bool]]:
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


def plant_options(conv: Conviction, section: str) -> list[int | None]:
    if section != "11358" or conv.plants is not None:
        return [conv.plants]
    return [law.PERSONAL_PLANTS, law.PERSONAL_PLANTS + 1]


@dataclass(frozen=True, slots=True)
class Reading:
    """The best and least relief over the amounts and plants the facts allow."""

    best: Decision
    least: Decision | None  # set only when the presumption decides
    flags: frozenset[Flag]
    extra: tuple[Reason, ...]


@dataclass(slots=True)
class Readings:
    """Every reading of one conviction's conduct that its unknown facts allow."""

    module: ModuleType
    section: str
    old: Old
    conv: Conviction
    serving: bool
    quantities: list[tuple[float | None, bool]] = field(init=False)
    plants: list[int | None] = field(init=False)
    recipient_minor: bool = field(init=False)
    minor_sale: bool = field(init=False)
    school: bool = field(init=False)

    def __post_init__(self) -> None:
        conv = self.conv
        self.quantities = quantity_options(self.old, conv, self.section)
        self.plants = plant_options(conv, self.section)
        self.recipient_minor = conv.minor_age is not None and conv.minor_age < law.ADULT_AGE and conv.conduct is Conduct.FURNISH
        self.minor_sale = bool(conv.sold_to_minor) and (conv.minor_age is None or conv.minor_age < law.ADULT_AGE)
        self.school = bool(conv.school_grounds if conv.school_grounds is not None else self.old.school)

    def decide(self, level: Level, band: str, priors: Priors) -> Reading:
        conv, old = self.conv, self.old
        options: list[Decision] = []
        for grams, conc in self.quantities:
            for count in self.plants:
                facts = Facts(
                    section=self.section,
                    conduct=old.conduct,
                    band=band,
                    grams=grams,
                    concentrated=conc,
                    plants=count,
                    school=self.school,
                    minor_sale=self.minor_sale,
                    used_minor=bool(conv.used_minor),
                    recipient_minor=self.recipient_minor,
                    import_export=bool(conv.import_export),
                    environmental=bool(conv.environmental_violation),
                    priors=priors,
                )
                options.append(compare(self.module.classify(facts), level, self.serving, old.longer_misdemeanor))
        best = max(options, key=lambda d: RELIEF_RANK[d.outcome])
        least = min(options, key=lambda d: RELIEF_RANK[d.outcome])
        if best.outcome is least.outcome:
            return Reading(best, None, frozenset(), ())
        if len(self.plants) > 1:
            return Reading(best, least, frozenset({Flag.PRESUMPTIVE, Flag.PLANTS_UNKNOWN}), (reason("unknown.plants_presumed"),))
        return Reading(best, least, frozenset({Flag.PRESUMPTIVE, Flag.QUANTITY_UNKNOWN}), (reason("unknown.quantity_presumed"),))


def note_conduct(old: Old, b) -> None:
    if old.conduct_assumed:
        b.flags.add(Flag.CONDUCT_ASSUMED)
        b.reasons.append(reason("unknown.conduct_assumed_sale"))
        b.would_change.append(reason("change.if_personal_transfer"))


def levels(conv: Conviction, old: Old, section: str, b) -> list[Level]:
    """The old level: recorded, fixed by the section in its era, or both possibilities."""
    if conv.level is not None:
        return [conv.level]
    if old.fixed_level is not None:
        b.reasons.append(reason(f"old.level_{old.fixed_level.value}", (f"HS-{section}-OLD",)))
        return [old.fixed_level]
    return [Level.FELONY, Level.MISDEMEANOR]


def note_sentence(conv: Conviction, b) -> None:
    if conv.sentence_status is None:
        b.flags.add(Flag.SENTENCE_STATUS_UNKNOWN)
        b.reasons.append(reason("unknown.sentence_assumed_completed"))
        b.would_change.append(reason("change.if_serving"))


def choose(readings: Readings, level_options: list[Level], bands: list[str], priors: Priors, b) -> tuple[tuple[Level, str], Reading] | Outcome:
    """The (level, band) whose reading answers, with that reading, or NEEDS_DA_REVIEW when an
    unknown decides."""
    if len(level_options) == 1 and len(bands) == 1:
        key = (level_options[0], bands[0])
        return key, readings.decide(*key, priors)
    results = {(lv, bd): readings.decide(lv, bd, priors) for lv in level_options for bd in bands}
    if len(level_options) > 1:
        by_level = {lv: {results[(lv, bd)].best.outcome for bd in bands} for lv in level_options}
        if by_level[Level.FELONY] != by_level[Level.MISDEMEANOR]:
            b.flags.add(Flag.LEVEL_UNKNOWN)
            b.reasons.append(reason("unknown.level_review"))
            b.would_change.append(reason("change.if_felony"))
            felony = results[(Level.FELONY, bands[-1])].best
            b.reasons.extend(r for r in felony.reasons if not r.id.startswith("outcome."))
            return Outcome.NEEDS_DA_REVIEW
    outcomes = {r.best.outcome for r in results.values()}
    if len(bands) > 1 and len(outcomes) > 1:
        b.flags.add(Flag.AGE_UNKNOWN)
        least_key = min(results, key=lambda k: RELIEF_RANK[results[k].best.outcome])
        if results[least_key].best.outcome is Outcome.NOT_ELIGIBLE:
            b.reasons.append(reason("unknown.age_review"))
            b.would_change.append(reason("change.if_21_or_older"))
            best_key = max(results, key=lambda k: RELIEF_RANK[results[k].best.outcome])
            b.reasons.extend(results[best_key].best.reasons)
            return Outcome.NEEDS_DA_REVIEW
        b.reasons.append(reason("unknown.age_least_relief"))
        b.would_change.append(reason("change.if_21_or_older"))
        return least_key, results[least_key]
    key = (level_options[0], bands[-1])
    return key, results[key]


def what_would_change(conv: Conviction, section: str, reading: Reading, b) -> None:
    best, least = reading.best, reading.least
    if least is not None:
        b.would_change.append(
            reason("change.if_many_plants_proved" if Flag.PLANTS_UNKNOWN in reading.flags else "change.if_large_amount_proved")
        )
    elif best.outcome in (Outcome.REDESIGNATE_MISDEMEANOR, Outcome.RESENTENCE_MISDEMEANOR, Outcome.NOT_ELIGIBLE):
        if section == "11357" and conv.quantity_grams is not None and not within(conv.quantity_grams, bool(conv.concentrated)):
            b.would_change.append(reason("change.if_small_amount"))
        if section == "11358" and conv.plants is not None and conv.plants > law.PERSONAL_PLANTS:
            b.would_change.append(reason("change.if_few_plants"))


def felony_facts_unknown(conv: Conviction) -> bool:
    return (
        conv.sold_to_minor is None
        or conv.import_export is None
        or conv.environmental_violation is None
        or conv.used_minor is None
    )

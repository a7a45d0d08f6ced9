"""Unknown facts and the statute's presumption (HS 11361.8(b),(f)).

The court presumes that the person qualifies unless the DA proves otherwise by clear and
convincing evidence. So every fact the record leaves open (the amount, whether it was
concentrated, the plants, the age, what the HS 11360 conduct was, the age of the person given
to) is tried at every value the recorded subsection allows: the answer is the relief the
presumption gives (the best), ``minimum_outcome`` what is left if the DA rebuts it (the least),
and each unknown that changes the answer gets its own flag and a sentence saying what is not
known. Only an unknown level (felony or misdemeanor), which decides what the old conviction
even was, goes to a person when it matters.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import ModuleType

from .. import lawdata as law
from ..model import (
    RELIEF_RANK,
    Case,
    Conduct,
    Conviction,
    Flag,
    Level,
    OtherCaseStatus,
    Outcome,
    Reason,
)
from ..reasons import cites, reason
from ..sections.base import ADULT21, U18, YOUNG_ADULT, Facts, Old, Priors, within
from .cleared import level_after_relief
from .compare import Decision, compare
from .dates import band

cites(
    {
        "unknown.quantity_presumed": ("HS-11361.8-b", "HS-11361.8-f"),
        "unknown.concentrate_presumed": ("HS-11361.8-b", "HS-11361.8-f"),
        "unknown.plants_presumed": ("HS-11361.8-b", "HS-11361.8-f"),
        "unknown.age_presumed": ("HS-11361.8-b", "HS-11361.8-f", "CASE-HARRIS"),
        "unknown.conduct_presumed": ("HS-11361.8-b", "HS-11361.8-f", "HS-11360-c"),
        "unknown.recipient_age_presumed": ("HS-11361.8-b", "HS-11361.8-f", "HS-11362.1-a1"),
        "unknown.level_review": ("HS-11361.8-a", "HS-11361.8-e"),
        "unknown.sentence_assumed_completed": ("HS-11361.8-e",),
        "unknown.other_case_custody": ("HS-11361.8-a", "HS-11361.8-e"),
        "change.if_serving": ("HS-11361.8-a",),
        "change.if_small_amount": ("HS-11362.1-a1", "HS-11362.1-a2"),
        "change.if_large_amount_proved": ("HS-11361.8-f",),
        "change.if_few_plants": ("HS-11362.1-a3",),
        "change.if_many_plants_proved": ("HS-11361.8-f", "HS-11358-c"),
        "change.if_facts_proved": ("HS-11361.8-b", "HS-11361.8-f"),
        "change.if_felony_facts": ("HS-11358-d", "HS-11359-c", "HS-11360-a3"),
        "change.if_felony": ("HS-11361.8-e",),
    }
)


@dataclass(frozen=True, slots=True)
class Option:
    """One reading of the facts the record leaves open."""

    conduct: Conduct
    grams: float | None
    concentrated: bool
    plants: int | None
    recipient: str | None


@dataclass(frozen=True, slots=True)
class Reading:
    """The best and least relief over the readings the facts allow."""

    best: Decision
    least: Decision | None  # set only when the presumption decides
    flags: frozenset[Flag]
    extra: tuple[Reason, ...]


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
        candidates = [law.IMPORT_CONCENTRATE_GRAMS, limit, limit + 0.5] if conc and Conduct.IMPORT_EXPORT in old.conducts else [limit, limit + 0.5]
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


def recipient_options(conv: Conviction, conducts: tuple[Conduct, ...]) -> list[str | None]:
    """The age band of the person given to: known, a minor, or presumed 21 or older."""
    if conv.minor_age is not None and conv.minor_age < law.ADULT_AGE:
        return [U18]
    age = conv.recipient_age if conv.recipient_age is not None else conv.minor_age
    if age is not None:
        return [band(age)]
    if Conduct.FURNISH in conducts:
        return [ADULT21, YOUNG_ADULT]
    return [None]


#: the optional functions a section module may define, looked up once per module: ``getattr``
#: with a default raises and catches an AttributeError each time the function is missing
_HOOKS: dict[tuple[ModuleType, str], object] = {}


def _hook(module: ModuleType, name: str):
    key = (module, name)
    try:
        return _HOOKS[key]
    except KeyError:
        found = _HOOKS[key] = getattr(module, name, None)
        return found


#: readings already decided, by everything they depend on: the same unknowns recur across a
#: file (an unknown amount under the same subsection), so most readings are decided once
_READINGS: dict[tuple, Reading] = {}
_READINGS_LIMIT = 50_000


@dataclass(slots=True)
class Readings:
    """Every reading of one conviction's conduct that its unknown facts allow."""

    module: ModuleType
    section: str
    old: Old
    conv: Conviction
    serving: bool
    juvenile: bool
    quantities: tuple[tuple[float | None, bool], ...] = field(init=False)
    plants: tuple[int | None, ...] = field(init=False)
    recipients: tuple[str | None, ...] = field(init=False)
    fixed: tuple = field(init=False)  # the facts every reading shares (part of the cache key)

    def __post_init__(self) -> None:
        conv, old = self.conv, self.old
        self.quantities = tuple(quantity_options(old, conv, self.section))
        self.plants = tuple(plant_options(conv, self.section))
        self.recipients = tuple(recipient_options(conv, old.conducts))
        named = _hook(self.module, "environmental_named")
        environmental_named = named(conv) if named else None
        self.fixed = (
            self.section,
            old.sub,
            old.conducts,
            old.longer_misdemeanor,
            bool(conv.sold_to_minor) and (conv.minor_age is None or conv.minor_age < law.ADULT_AGE),
            bool(conv.school_grounds if conv.school_grounds is not None else old.school),
            bool(conv.used_minor),
            bool(conv.import_export),
            bool(conv.environmental_violation) or bool(environmental_named),
            environmental_named,
            self.serving,
            self.juvenile,
        )

    def options(self) -> list[Option]:
        old = self.old
        possible = _hook(self.module, "possible")
        recipients = self.recipients
        return [
            Option(conduct, grams, conc, count, recipient)
            for conduct in old.conducts
            for grams, conc in self.quantities
            for count in self.plants
            for recipient in (recipients if conduct is Conduct.FURNISH else recipients[:1])
            if possible is None or possible(old, conduct, grams, conc)
        ] or [Option(old.conduct, self.conv.quantity_grams, bool(self.conv.concentrated), self.conv.plants, recipients[0])]

    def decide(self, level: Level, band_: str, priors: Priors) -> Reading:
        key = (self.fixed, self.quantities, self.plants, self.recipients, level, band_, priors)
        found = _READINGS.get(key)
        if found is None:
            if len(_READINGS) > _READINGS_LIMIT:
                _READINGS.clear()
            found = _READINGS[key] = self._decide(level, band_, priors)
        return found

    def _decide(self, level: Level, band_: str, priors: Priors) -> Reading:
        (section, _sub, _conducts, longer, minor_sale, school, used_minor, import_export,
         environmental, environmental_named, serving, juvenile) = self.fixed
        classify = self.module.classify
        options = self.options()
        decided = [
            compare(
                classify(
                    Facts(section, o.conduct, band_, o.grams, o.concentrated, o.plants, school, minor_sale,
                          used_minor, o.recipient, import_export, environmental, priors, environmental_named)
                ),
                level,
                serving,
                longer,
                juvenile,
            )
            for o in options
        ]
        if len(decided) == 1:
            return Reading(decided[0], None, frozenset(), ())
        best = max(decided, key=lambda d: RELIEF_RANK[d.outcome])
        least = min(decided, key=lambda d: RELIEF_RANK[d.outcome])
        if best.outcome is least.outcome:
            return Reading(best, None, frozenset(), ())
        flags, extra = self._what_mattered(options, decided)
        return Reading(best, least, frozenset(flags), tuple(extra))

    def _what_mattered(self, options: list[Option], decided: list[Decision]) -> tuple[set[Flag], list[Reason]]:
        """The flags and sentences of the unknown facts that change the answer."""
        flags = {Flag.PRESUMPTIVE}
        extra: list[Reason] = []
        outcomes = [d.outcome for d in decided]
        grams_unknown = len({g for g, _ in self.quantities}) > 1
        unknown = {
            "grams": grams_unknown,
            "concentrate": len({c for _, c in self.quantities}) > 1,
            "plants": len(self.plants) > 1,
            "conduct": len(self.old.conducts) > 1,
            "recipient": len(self.recipients) > 1,
        }
        # whether it was concentrated moves the amounts tried with it, unless the amount is known
        concentrate = ("grams", "concentrated") if grams_unknown else ("concentrated",)
        for dim, fields, flag, rule in (
            ("grams", ("grams",), Flag.QUANTITY_UNKNOWN, "unknown.quantity_presumed"),
            ("concentrate", concentrate, Flag.CONCENTRATE_UNKNOWN, "unknown.concentrate_presumed"),
            ("plants", ("plants",), Flag.PLANTS_UNKNOWN, "unknown.plants_presumed"),
            ("conduct", ("conduct",), Flag.CONDUCT_UNKNOWN, "unknown.conduct_presumed"),
            ("recipient", ("recipient",), Flag.RECIPIENT_AGE_UNKNOWN, "unknown.recipient_age_presumed"),
        ):
            if unknown[dim] and _matters(options, outcomes, fields):
                flags.add(flag)
                extra.append(reason(rule))
        return flags, extra


_FIELDS = ("conduct", "grams", "concentrated", "plants", "recipient")


def _matters(options: list[Option], outcomes: list[Outcome], fields: tuple[str, ...]) -> bool:
    """True when changing only ``fields`` changes the outcome somewhere."""
    rest = [f for f in _FIELDS if f not in fields]
    seen: dict[tuple, Outcome] = {}
    for option, outcome in zip(options, outcomes):
        key = tuple(getattr(option, f) for f in rest)
        if seen.setdefault(key, outcome) is not outcome:
            return True
    return False


def levels(conv: Conviction, old: Old, section: str, b) -> list[Level]:
    """The old level: recorded (after any Prop 47 redesignation), fixed by the section in its
    era, or both possibilities."""
    level = level_after_relief(conv)
    if level is not None:
        return [level]
    if old.fixed_level is not None:
        b.reasons.append(reason(f"old.level_{old.fixed_level.value}", (f"HS-{section}-OLD",)))
        return [old.fixed_level]
    return [Level.FELONY, Level.MISDEMEANOR]


def note_sentence(conv: Conviction, case: Case, b) -> None:
    if conv.sentence_status is None:
        b.flags.add(Flag.SENTENCE_STATUS_UNKNOWN)
        b.reasons.append(reason("unknown.sentence_assumed_completed"))
        b.would_change.append(reason("change.if_serving"))
        if case.person.other_case_status in (OtherCaseStatus.CUSTODY, OtherCaseStatus.SUPERVISION):
            # custody on another case is not serving this sentence: the route follows this one
            b.reasons.append(reason("unknown.other_case_custody"))


def choose(readings: Readings, level_options: list[Level], bands: list[str], priors: Priors, b) -> tuple[tuple[Level, str], Reading] | Outcome:
    """The (level, band) whose reading answers, with that reading, or NEEDS_DA_REVIEW when an
    unknown level decides. An unknown age is presumed in the person's favour."""
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
    level = level_options[0]
    by_band = {bd: results[(level, bd)] for bd in bands}
    best_band = max(bands, key=lambda bd: (RELIEF_RANK[by_band[bd].best.outcome], bands.index(bd)))
    reading = by_band[best_band]
    if len({r.best.outcome for r in by_band.values()}) == 1:
        return (level, best_band), reading
    least = min((r.least or r.best for r in by_band.values()), key=lambda d: RELIEF_RANK[d.outcome])
    return (level, best_band), replace(
        reading,
        least=least,
        flags=reading.flags | {Flag.PRESUMPTIVE, Flag.AGE_UNKNOWN},
        extra=(*reading.extra, reason("unknown.age_presumed")),
    )


def what_would_change(conv: Conviction, section: str, reading: Reading, b) -> None:
    best, least = reading.best, reading.least
    if least is not None:
        if Flag.PLANTS_UNKNOWN in reading.flags:
            b.would_change.append(reason("change.if_many_plants_proved"))
        elif Flag.QUANTITY_UNKNOWN in reading.flags:
            b.would_change.append(reason("change.if_large_amount_proved"))
        else:
            b.would_change.append(reason("change.if_facts_proved"))
    elif best.outcome in (Outcome.REDESIGNATE_MISDEMEANOR, Outcome.RESENTENCE_MISDEMEANOR, Outcome.NOT_ELIGIBLE):
        if section == "11357" and conv.quantity_grams is not None and not within(conv.quantity_grams, bool(conv.concentrated)):
            b.would_change.append(reason("change.if_small_amount"))
        if section == "11358" and conv.plants is not None and conv.plants > law.PERSONAL_PLANTS:
            b.would_change.append(reason("change.if_few_plants"))


def felony_facts_unknown(conv: Conviction) -> bool:
    return (
        conv.sold_to_minor is None
        or conv.import_export is None
        or (conv.environmental_violation is None and not conv.environmental_statutes)
        or conv.used_minor is None
    )

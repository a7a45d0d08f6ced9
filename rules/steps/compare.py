"""Old level against new class: dismissal when the conduct is now legal, a reduction when it is
now a lesser offense, nothing when it is the same or still a felony (HS 11361.8(a),(e))."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Flag, Level, Outcome, Reason
from ..reasons import cites, reason
from ..sections.base import FELONY, INFRACTION, LEGAL, LEVEL_RANK, MISDEMEANOR, NewClass

cites(
    {
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
        "outcome.juvenile_reduce": ("HS-11361.8-m",),
        "outcome.juvenile_same_level": ("HS-11361.8-m",),
    }
)



#: the outcome reasons as a juvenile adjudication needs them said
JUVENILE_WORDING = {
    "outcome.redesignate_infraction": "outcome.juvenile_reduce",
    "outcome.resentence_infraction": "outcome.juvenile_reduce",
    "outcome.redesignate_misdemeanor": "outcome.juvenile_reduce",
    "outcome.resentence_misdemeanor": "outcome.juvenile_reduce",
    "outcome.same_level": "outcome.juvenile_same_level",
}


@dataclass(frozen=True, slots=True)
class Decision:
    outcome: Outcome
    reasons: tuple[Reason, ...]
    flags: frozenset[Flag] = frozenset()


def compare(new: NewClass, old_level: Level, serving: bool, longer_misdemeanor: bool, juvenile: bool = False) -> Decision:
    decision = _compare(new, old_level, serving, longer_misdemeanor)
    if juvenile:
        # an adjudication, not a conviction: the juvenile court, under 11361.8(m)
        reasons = tuple(reason(JUVENILE_WORDING[r.id]) if r.id in JUVENILE_WORDING else r for r in decision.reasons)
        return Decision(decision.outcome, reasons, decision.flags)
    return decision


def _compare(new: NewClass, old_level: Level, serving: bool, longer_misdemeanor: bool) -> Decision:
    reasons = new.reasons
    old_rank = LEVEL_RANK[old_level]
    if new.level == FELONY and new.unsettled:
        return Decision(Outcome.NEEDS_DA_REVIEW, reasons, frozenset({Flag.UNCERTAIN_LAW}))
    if new.level == LEGAL:
        if serving:
            return Decision(Outcome.RECALL_AND_DISMISS, (*reasons, reason("outcome.recall_and_dismiss"),))
        return Decision(Outcome.DISMISS_AND_SEAL, (*reasons, reason("outcome.dismiss_and_seal"),))
    if new.level == FELONY:
        return Decision(Outcome.NOT_ELIGIBLE, (*reasons, reason("outcome.felony_still"),))
    if new.level < old_rank:
        if new.level == INFRACTION:
            if serving:
                return Decision(Outcome.RESENTENCE_INFRACTION, (*reasons, reason("outcome.resentence_infraction"),))
            return Decision(Outcome.REDESIGNATE_INFRACTION, (*reasons, reason("outcome.redesignate_infraction"),))
        if serving:
            return Decision(Outcome.RESENTENCE_MISDEMEANOR, (*reasons, reason("outcome.resentence_misdemeanor"),))
        return Decision(Outcome.REDESIGNATE_MISDEMEANOR, (*reasons, reason("outcome.redesignate_misdemeanor"),))
    if new.level == old_rank == MISDEMEANOR and longer_misdemeanor:
        if serving:
            return Decision(Outcome.RESENTENCE, (*reasons, reason("outcome.resentence_lower_maximum"),), frozenset({Flag.UNCERTAIN_LAW}))
        return Decision(Outcome.NOT_ELIGIBLE, (*reasons, reason("outcome.same_level_lower_maximum"),), frozenset({Flag.UNCERTAIN_LAW}))
    return Decision(Outcome.NOT_ELIGIBLE, (*reasons, reason("outcome.same_level"),))

"""Is this a Prop 64 conviction at all? Wrappers (attempt, conspiracy, accessory), sections
Prop 64 did not change, predecessor numbering (docs/law.md, "Sections Prop 64 did not change"
and "Decoding old convictions")."""

from __future__ import annotations

from .. import lawdata as law
from ..codes import ParsedCode
from ..model import Conviction, Flag, Outcome
from ..reasons import cites, reason
from .route import Builder

cites(
    {
        "code.unreadable": ("HS-11361.8-e",),
        "code.ambiguous": ("HS-11361.8-e",),
        "scope.not_prop64": ("HS-11361.8-e",),
        "scope.conspiracy": ("PC-182", "CASE-MEDINA", "PC-17-b"),
        "scope.hs11361": ("HS-11361",),
        "scope.pc4573_6": ("PC-4573.6", "CASE-RAYBON"),
        "scope.hs11379_6": ("HS-11379.6", "HS-11361.8-e"),
        "scope.predecessor": ("HS-PREDECESSOR", "HS-11361.8-a", "HS-11361.8-e"),
        "scope.accessory": ("PC-32", "CASE-BOATWRIGHT", "HS-11361.8-a"),
        "scope.accessory_completed": ("PC-32", "HS-11361.8-e"),
        "scope.accessory_felony_still": ("PC-32", "CASE-BOATWRIGHT"),
        "scope.accessory_unknown_target": ("PC-32", "HS-11361.8-a"),
        "scope.attempt": ("PC-664", "HS-11361.8-e"),
        "scope.wrapper_unknown_target": ("PC-664", "PC-182", "HS-11361.8-e"),
    }
)

#: sections Prop 64 left as they were: (law, section) → reason id
UNCHANGED = {("HS", "11361"): "scope.hs11361", ("PC", "4573.6"): "scope.pc4573_6", ("HS", "11379.6"): "scope.hs11379_6"}


def out_of_scope(code: ParsedCode, conv: Conviction, b: Builder) -> Outcome | None:
    """The outcome when the code is not a Prop 64 conviction (or cannot be read); else None."""
    if code.needs_review:  # two offenses named, or an HS 11357–11360 code we could not read
        b.flags.add(Flag.CODE_UNREADABLE)
        b.reasons.append(reason("code.ambiguous" if code.ambiguous else "code.unreadable", code=conv.code))
        return Outcome.NEEDS_DA_REVIEW
    if code.target is None:
        if code.wrapper == "accessory":
            b.flags.add(Flag.UNCERTAIN_LAW)
            b.reasons.append(reason("scope.accessory_unknown_target"))
            return Outcome.NEEDS_DA_REVIEW
        if code.wrapper == "conspiracy":
            b.reasons.append(reason("scope.conspiracy"))
            return Outcome.NOT_ELIGIBLE
        if code.wrapper:
            b.reasons.append(reason("scope.wrapper_unknown_target"))
            return Outcome.NEEDS_DA_REVIEW
        b.flags.add(Flag.CODE_UNREADABLE)
        b.reasons.append(reason("code.unreadable", code=conv.code))
        return Outcome.NEEDS_DA_REVIEW
    if code.wrapper == "conspiracy":
        b.reasons.append(reason("scope.conspiracy"))
        return Outcome.NOT_ELIGIBLE
    section, statute = code.section, code.law
    unchanged = UNCHANGED.get((statute or "", section or ""))
    if unchanged:
        b.reasons.append(reason(unchanged))
        return Outcome.NOT_ELIGIBLE
    if statute == "HS" and section in law.PREDECESSOR_SECTIONS:
        b.flags.add(Flag.UNCERTAIN_LAW)
        b.reasons.append(reason("scope.predecessor", code=code.display))
        return Outcome.NEEDS_DA_REVIEW
    if section not in law.COVERED_SECTIONS:
        b.reasons.append(reason("scope.not_prop64", code=code.display))
        return Outcome.NOT_ELIGIBLE
    return None


def attempt(code: ParsedCode, b: Builder) -> None:
    """An attempt is judged as its target, flagged."""
    if code.wrapper == "attempt":
        b.flags.add(Flag.UNCERTAIN_LAW)
        b.reasons.append(reason("scope.attempt", section=code.target.text))

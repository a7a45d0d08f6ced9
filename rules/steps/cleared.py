"""Relief the record already shows (HS 11361.9), and earlier relief that does not stand in the
way (docs/law.md, "Automatic relief" and "Multiple counts and earlier relief")."""

from __future__ import annotations

from ..model import Conviction, Flag, Outcome, PriorRelief
from ..reasons import cites, reason
from .route import Builder

cites(
    {
        "cleared.already": ("HS-11361.9", "HS-11361.8-e"),
        "cleared.other_relief_no_bar": ("HS-11361.8-e", "CASE-KHAMVONGSA"),
    }
)


def already(conv: Conviction, b: Builder) -> Outcome | None:
    if conv.already_cleared or PriorRelief.HS11361_8_GRANTED in conv.prior_relief:
        b.reasons.append(reason("cleared.already"))
        return Outcome.ALREADY_CLEARED
    return None


def earlier_relief(conv: Conviction, b: Builder) -> None:
    if conv.prior_relief:
        b.reasons.append(reason("cleared.other_relief_no_bar"))
        if PriorRelief.PC1203_4_DISMISSED in conv.prior_relief:
            b.flags.add(Flag.UNCERTAIN_LAW)

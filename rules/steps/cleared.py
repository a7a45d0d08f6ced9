"""What the record already shows: Prop 64 relief granted (HS 11361.8, or HS 11361.9 after DOJ
identified the conviction), the automatic review of HS 11361.9 (AB 1793) and whether the DA
challenged it, and earlier relief under other laws that does not stand in the way
(docs/law.md, "Automatic relief" and "Multiple counts and earlier relief")."""

from __future__ import annotations

from ..model import Conviction, Flag, Level, Outcome, PriorRelief, ReliefRoute
from ..reasons import cites, reason
from .route import Builder

cites(
    {
        "cleared.already": ("HS-11361.9", "HS-11361.8-e"),
        "cleared.granted": ("HS-11361.9", "HS-11361.8-e"),
        "cleared.pc1203_4_no_bar": ("HS-11361.8-e", "PC-1203.4", "CASE-KHAMVONGSA"),
        "cleared.prop47_no_bar": ("HS-11361.8-e", "PC-1170.18"),
        "cleared.ab1793_identified": ("HS-11361.9",),
        "cleared.ab1793_challenged": ("HS-11361.9", "HS-11361.8-e"),
    }
)

#: how a granted route is named in a reason (a statute, not translated)
ROUTE_CITES = {ReliefRoute.HS11361_8: "HS 11361.8", ReliefRoute.HS11361_9: "HS 11361.9"}


def already(conv: Conviction, b: Builder) -> Outcome | None:
    granted = conv.relief_granted
    if granted is not None and granted.route is not None and granted.date is not None:
        b.reasons.append(reason("cleared.granted", route=ROUTE_CITES[granted.route], date=granted.date.isoformat()))
        b.granted_route = ROUTE_CITES[granted.route]
        return Outcome.ALREADY_CLEARED
    if granted is not None or conv.already_cleared or PriorRelief.HS11361_8_GRANTED in conv.prior_relief:
        if granted is not None and granted.route is not None:
            b.granted_route = ROUTE_CITES[granted.route]
        b.reasons.append(reason("cleared.already"))
        return Outcome.ALREADY_CLEARED
    return None


def earlier_relief(conv: Conviction, b: Builder) -> None:
    """Relief under other laws is no bar; a Prop 47 redesignation is compared as the
    misdemeanor it became (PC 1170.18(k): a misdemeanor for all purposes)."""
    if PriorRelief.PC1203_4_DISMISSED in conv.prior_relief:
        b.flags.add(Flag.UNCERTAIN_LAW)
        b.reasons.append(reason("cleared.pc1203_4_no_bar"))
    if PriorRelief.PROP47_REDESIGNATED in conv.prior_relief:
        b.reasons.append(reason("cleared.prop47_no_bar"))


def level_after_relief(conv: Conviction) -> Level | None:
    """The level to compare: the one recorded, or a misdemeanor after a Prop 47 redesignation."""
    if conv.level is None and PriorRelief.PROP47_REDESIGNATED in conv.prior_relief:
        return Level.MISDEMEANOR
    return conv.level


def automatic(conv: Conviction, b: Builder) -> None:
    """HS 11361.9: DOJ identified the conviction; unchallenged, the court had to grant relief
    (so it may already be cleared); challenged, relief will not come by itself."""
    if not conv.ab1793_identified:
        return
    if conv.ab1793_challenged:
        b.flags.add(Flag.AB1793_CHALLENGED)
        b.reasons.append(reason("cleared.ab1793_challenged"))
    else:  # not challenged, or not known to be
        b.flags.add(Flag.AB1793_IDENTIFIED)
        b.reasons.append(reason("cleared.ab1793_identified"))

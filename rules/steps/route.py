"""The route and the papers: a petition while serving (HS 11361.8(a),(b)), an application once
the sentence is completed (11361.8(e),(f)), the juvenile forms for adjudications (11361.8(m)),
or a request for DA review. ``Builder`` collects one Determination and picks them at the end."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .. import lawdata as law
from ..codes import ParsedCode
from ..model import (
    CR400,
    RELIEF_OUTCOMES,
    Conviction,
    Determination,
    Flag,
    Forum,
    Outcome,
    Reason,
    positional,
)

DA_REVIEW_REQUEST = "DA-REVIEW-REQUEST"

#: Determination(...) from all its fields in order, without the frozen-dataclass cost
make_determination = positional(Determination)


@dataclass(slots=True)
class Builder:
    """Collects one Determination."""

    index: int
    conv: Conviction
    code: ParsedCode
    flags: set[Flag] = field(default_factory=set)
    reasons: list[Reason] = field(default_factory=list)
    would_change: list[Reason] = field(default_factory=list)
    granted_route: str | None = None  # the route of relief already granted, when the record says

    def done(self, outcome: Outcome, *, minimum: Outcome | None = None, serving: bool = False) -> Determination:
        section = self.code.section if self.code.section in law.COVERED_SECTIONS else None
        route, cr400, forms = choose(outcome, section, self.conv.forum is Forum.JUVENILE, serving)
        if outcome is Outcome.ALREADY_CLEARED:
            route = self.granted_route
        elif cr400 is not None and self.code.wrapper == "accessory":
            # CR-400 item 1 names what the conviction was: an accessory, not the section itself
            cr400 = replace(cr400, item1=(), other=f"PC 32 (accessory to {self.code.target.text})")
        # in the field order of Determination
        return make_determination(
            self.index,
            self.code.display,
            section,
            self.conv.case_number,
            outcome,
            minimum if minimum is not None and minimum is not outcome else None,  # minimum_outcome
            None,  # county_outcome
            route,
            tuple(sorted(self.flags)) if len(self.flags) > 1 else tuple(self.flags),
            tuple(self.reasons),
            tuple(unique(self.would_change)) if len(self.would_change) > 1 else tuple(self.would_change),
            cr400,
            forms,
            None,  # county_route
            self.conv.count,
        )


@lru_cache(maxsize=256)
def choose(outcome: Outcome, section: str | None, juvenile: bool, serving: bool) -> tuple[str | None, CR400 | None, tuple[str, ...]]:
    """(route, CR-400 boxes, forms) for a statutory outcome; the answers are immutable, so each
    is built once."""
    if outcome in RELIEF_OUTCOMES:
        if juvenile:
            return "HS 11361.8(m)", None, ("JV-744", "JV-744A")
        boxes = (section,) if section else ()
        if serving:
            return "HS 11361.8(a)", CR400("b", boxes, "PETITION"), ("CR-400", "CR-401")
        return "HS 11361.8(e)", CR400("f", boxes, "APPLICATION"), ("CR-400", "CR-401")
    if outcome is Outcome.NEEDS_DA_REVIEW:
        return None, None, (DA_REVIEW_REQUEST,)
    return None, None, ()


def unique(reasons: Iterable[Reason]) -> list[Reason]:
    seen: set[str] = set()
    out = []
    for r in reasons:
        if r.id not in seen:
            seen.add(r.id)
            out.append(r)
    return out

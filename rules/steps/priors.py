"""Convictions before the offense that keep the same conduct felony-capable under the new
11358(d), 11359(c) and 11360(a)(3): a super strike (PC 667(e)(2)(C)(iv)), a PC 290(c) offense,
or two earlier convictions of the matching kind (docs/law.md, "Priors"). Only convictions
before the offense count; one that came later is said and flagged."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from .. import lawdata as law
from ..codes import ParsedCode, parse_code
from ..model import Case, Flag
from ..reasons import cites, reason
from ..sections.base import Priors
from .route import Builder

cites(
    {
        "unknown.prior_date": ("HS-11359-c",),
        "priors.after_offense": ("HS-11359-c", "HS-11360-a3", "HS-11358-d"),
        "change.if_prior_before": ("PC-667-e2Civ", "PC-290-c"),
    }
)


@dataclass(frozen=True, slots=True)
class Record:
    """A conviction as the priors step needs it: parsed code, date, and whether it disqualifies."""

    code: ParsedCode
    date: date | None
    super_strike: bool
    pc290: bool
    section: str | None  # the Prop 64 section, for the same-section count


def _prop64_section(code: ParsedCode) -> str | None:
    return code.section if code.wrapper is None and code.section in law.COVERED_SECTIONS else None


def records(case: Case) -> tuple[Record, ...]:
    out: list[Record] = []
    for other in case.other_convictions:
        code = parse_code(other.code)
        strike = other.super_strike if other.super_strike is not None else law.SUPER_STRIKES.matches(code)
        reg = other.pc290_registrable if other.pc290_registrable is not None else law.PC290_REGISTRABLE.matches(code)
        out.append(Record(code, other.conviction_date, strike, reg, _prop64_section(code)))
    for conv in case.convictions:
        code = parse_code(conv.code)
        section = _prop64_section(code)
        if section:
            out.append(Record(code, conv.conviction_date, False, False, section))
    return tuple(out)


def before(recs: tuple[Record, ...], section: str, offense: date) -> Priors:
    if len(recs) > _INDEX_FROM:
        return _before_indexed(_index(recs), section, offense)
    return _before_scan(recs, section, offense)


def _before_scan(recs: tuple[Record, ...], section: str, offense: date) -> Priors:
    strike = reg = None
    later_strike = later_reg = None
    same = 0
    undated: list[str] = []
    for rec in recs:
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


# A case with thousands of convictions (a whole file given to `prop64 check`) would otherwise
# scan every record for every conviction. The index gives the same answer as the scan.
_INDEX_FROM = 64


@dataclass(frozen=True, slots=True)
class _Index:
    recs: tuple[Record, ...]
    disqualifying: tuple[Record, ...]  # super strikes and 290(c) offenses, in record order
    dated: dict[str, list[date]]  # section → sorted dates of its dated records


_LAST_INDEX: list[_Index] = []


def _index(recs: tuple[Record, ...]) -> _Index:
    if _LAST_INDEX and _LAST_INDEX[0].recs is recs:
        return _LAST_INDEX[0]
    dated: dict[str, list[date]] = {}
    for rec in recs:
        if rec.section is not None and rec.date is not None:
            dated.setdefault(rec.section, []).append(rec.date)
    for days in dated.values():
        days.sort()
    index = _Index(recs, tuple(r for r in recs if r.super_strike or r.pc290), dated)
    _LAST_INDEX[:] = [index]
    return index


def _before_indexed(index: _Index, section: str, offense: date) -> Priors:
    found = _before_scan(index.disqualifying, section, offense)
    same = bisect_left(index.dated.get(section, ()), offense)
    later = found.later and Priors(found.later.super_strike, found.later.pc290, same, found.undated)
    return Priors(found.super_strike, found.pc290, same, found.undated, later)


def note_undated(priors: Priors, b: Builder) -> None:
    for display in priors.undated:
        b.flags.add(Flag.PRIOR_DATE_UNKNOWN)
        b.reasons.append(reason("unknown.prior_date", prior=display))
        b.would_change.append(reason("change.if_prior_before"))


def later_one(priors: Priors) -> str | None:
    """The disqualifying conviction that came after the offense."""
    if priors.later is None:
        return None
    later = priors.later
    return later.super_strike if later.super_strike != priors.super_strike else later.pc290

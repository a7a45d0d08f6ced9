"""Convictions before the offense that keep the same conduct felony-capable under the new
11358(d), 11359(c) and 11360(a)(3): a super strike (PC 667(e)(2)(C)(iv)), a PC 290(c) offense,
or two earlier convictions of the matching kind (docs/law.md, "Priors"). Only convictions
before the offense count; one that came later is said and flagged."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from .. import lawdata as law
from ..codes import ParsedCode, parse_code
from ..model import Case, Conviction, Flag, Level, OtherConviction, positional
from ..reasons import cites, reason
from ..sections.base import NO_PRIORS, Priors
from .route import Builder

cites(
    {
        "unknown.prior_date": ("HS-11359-c",),
        "priors.after_offense": ("HS-11359-c", "HS-11360-a3", "HS-11358-d"),
        "change.if_prior_before": ("PC-667-e2Civ", "PC-290-c"),
        "priors.unclear": ("PC-667-e2Civ-I", "WIC-6600-b"),
        "change.if_prior_counts": ("PC-667-e2Civ", "HS-11361.8-b"),
    }
)


@dataclass(frozen=True, slots=True)
class Record:
    """A conviction as the priors step needs it: parsed code, date, and whether it disqualifies."""

    code: ParsedCode
    date: date | None
    super_strike: bool
    pc290: bool
    section: str | None  # the Prop 64 section, when it counts toward "two prior convictions"
    strike_cite: str = "PC-667-e2Civ"  # the clause that lists the super strike
    unclear: bool = False  # a super strike only on a fact the code cannot show (PC 207, 220)


def _prop64_section(code: ParsedCode) -> str | None:
    return code.section if code.wrapper is None and code.section in law.COVERED_SECTIONS else None


def _counted_section(code: ParsedCode, level: Level | None) -> str | None:
    """The section a prior counts under for "two or more prior convictions": only priors of the
    matching kind (11358(c), 11359(b), 11360(a)(2)). An old 11360(b) gift or transport of 28.5 g
    or less, a misdemeanor, is not an (a)(2) prior, nor is an infraction; the reading of
    pre-Prop-64 felonies as such priors stays flagged (docs/law.md, "Priors")."""
    section = _prop64_section(code)
    if section is None or level is Level.INFRACTION:
        return None
    first = code.subsections[:1]
    if section == "11360" and (first == ("b",) or (not first and level is Level.MISDEMEANOR)):
        return None
    if section == "11357" or (section in ("11358", "11359") and first == ("a",)):
        return None
    return section


_record = positional(Record)  # Record(...) from all its fields in order, built fast


def _other_record(code_text: str, level: Level | None, super_strike: bool | None, pc290: bool | None) -> tuple:
    """Everything a Record of another conviction holds but its date (code, super_strike,
    pc290, section, strike_cite, unclear): the same few codes recur, so each is read once."""
    key = (code_text, level, super_strike, pc290)
    found = _OTHER.get(key)
    if found is None:
        code = parse_code(code_text)
        entry = law.SUPER_STRIKES.match(code) if super_strike is None else None
        strike = super_strike if super_strike is not None else entry is not None and entry.condition is None
        unclear = super_strike is None and entry is not None and entry.condition is not None
        reg = pc290 if pc290 is not None else law.PC290_REGISTRABLE.matches(code)
        cite = entry.cite if entry is not None else "PC-667-e2Civ"
        if len(_OTHER) > 10_000:
            _OTHER.clear()
        found = _OTHER[key] = (code, strike, reg, _counted_section(code, level), cite, unclear)
    return found


def _counted(code_text: str, level: Level | None) -> tuple[ParsedCode, str | None]:
    """A conviction's parsed code and the section it counts under as a prior, read once per code."""
    key = (code_text, level)
    found = _COUNTED.get(key)
    if found is None:
        code = parse_code(code_text)
        if len(_COUNTED) > 10_000:
            _COUNTED.clear()
        found = _COUNTED[key] = (code, _counted_section(code, level))
    return found


_OTHER: dict[tuple, tuple] = {}
_COUNTED: dict[tuple, tuple[ParsedCode, str | None]] = {}


def records(case: Case) -> tuple[Record, ...]:
    out = other_records(case.other_convictions)
    for conv in case.convictions:
        code, section = _counted(conv.code, conv.level)
        if section:
            out.append(_record(code, conv.conviction_date, False, False, section, "PC-667-e2Civ", False))
    return tuple(out)


def other_records(others: Iterable[OtherConviction]) -> list[Record]:
    out: list[Record] = []
    for other in others:
        code, strike, reg, section, cite, unclear = _other_record(other.code, other.level, other.super_strike, other.pc290_registrable)
        out.append(_record(code, other.conviction_date, strike, reg, section, cite, unclear))
    return out


def conviction_record(conv: Conviction) -> Record | None:
    """The record a conviction in the case adds, when it counts toward "two prior convictions"."""
    code, section = _counted(conv.code, conv.level)
    return _record(code, conv.conviction_date, False, False, section, "PC-667-e2Civ", False) if section else None


def before(recs: tuple[Record, ...] | Index, section: str, offense: date) -> Priors:
    """The priors of a conviction of ``section`` on ``offense``, from a case's records or from
    an index of them (a case read one conviction at a time, ``rules.large``)."""
    if type(recs) is Index:
        return _before_indexed(recs, section, offense)
    if len(recs) > _INDEX_FROM:
        return _before_indexed(_index(recs), section, offense)
    return _before_scan(recs, section, offense)


def _before_scan(recs: Sequence[Record], section: str, offense: date) -> Priors:
    if not recs:
        return NO_PRIORS
    strike = reg = None
    strike_cite = later_cite = "PC-667-e2Civ"
    later_strike = later_reg = None
    same = 0
    undated: list[str] = []
    unclear: list[str] = []
    for rec in recs:
        if rec.date is None:
            if rec.super_strike or rec.pc290 or rec.unclear:
                undated.append(rec.code.display)
            continue
        if rec.date >= offense:
            if rec.super_strike and later_strike is None:
                later_strike, later_cite = rec.code.display, rec.strike_cite
            later_reg = later_reg or (rec.code.display if rec.pc290 else None)
            continue
        if rec.super_strike and strike is None:
            strike, strike_cite = rec.code.display, rec.strike_cite
        if rec.pc290 and reg is None:
            reg = rec.code.display
        if rec.unclear and not rec.pc290:
            unclear.append(rec.code.display)
        if rec.section == section and same < _ENOUGH:
            same += 1
    later = None
    if (later_strike and not strike) or (later_reg and not reg):
        later = _priors(strike or later_strike, reg or later_reg, same, tuple(undated), None,
                        strike_cite if strike else later_cite, ())
    elif not (strike or reg or same or undated or unclear):
        return NO_PRIORS  # one shared object: the readings cache compares it by identity
    return _priors(strike, reg, same, tuple(undated), later, strike_cite, tuple(unclear))


_priors = positional(Priors)  # Priors(...) from all its fields in order, built fast


# A case with thousands of convictions (a whole file given to `prop64 check`) would otherwise
# scan every record for every conviction. The index gives the same answer as the scan.
_INDEX_FROM = 64
#: same-section priors are counted up to the number the law asks for (11359(c)(1): two or
#: more); a third changes nothing, and an index need keep only the earliest dates
_ENOUGH = law.SAME_SECTION_PRIORS


@dataclass(slots=True)
class Index:
    """The records of a case in the form a large case is asked about: the disqualifying ones in
    record order, and per section only the earliest dates that can count. Its size does not
    grow with the number of convictions, so a case read one conviction at a time can be
    indexed as it is read (``add``)."""

    recs: tuple[Record, ...]  # the records it was built from (empty when built by ``add``)
    disqualifying: list[Record]  # super strikes and 290(c) offenses, in record order
    dated: dict[str, list[date]]  # section → its earliest dated records' dates, sorted

    def add(self, rec: Record) -> None:
        if rec.super_strike or rec.pc290 or rec.unclear:
            self.disqualifying.append(rec)
        if rec.section is not None and rec.date is not None:
            days = self.dated.setdefault(rec.section, [])
            if len(days) < _ENOUGH or rec.date < days[-1]:
                insort(days, rec.date)
                del days[_ENOUGH:]


_LAST_INDEX: list[Index] = []


def _index(recs: tuple[Record, ...]) -> Index:
    if _LAST_INDEX and _LAST_INDEX[0].recs is recs:
        return _LAST_INDEX[0]
    index = Index(recs, [], {})
    for rec in recs:
        index.add(rec)
    _LAST_INDEX[:] = [index]
    return index


def index_of(others: tuple[Record, ...]) -> Index:
    """An index to ``add`` a large case's convictions to, one at a time."""
    index = Index((), [], {})
    for rec in others:
        index.add(rec)
    return index


def _before_indexed(index: Index, section: str, offense: date) -> Priors:
    found = _before_scan(index.disqualifying, section, offense)
    same = bisect_left(index.dated.get(section, ()), offense)
    if found is NO_PRIORS:
        return NO_PRIORS if not same else _priors(None, None, same, (), None, "PC-667-e2Civ", ())
    later = found.later and replace(found.later, same_section=same)
    return replace(found, same_section=same, later=later)


def note_undated(priors: Priors, b: Builder) -> None:
    """Priors with no date: assumed not before the offense, said, and flagged."""
    for display in priors.undated:
        b.flags.add(Flag.PRIOR_DATE_UNKNOWN)
        b.reasons.append(reason("unknown.prior_date", prior=display))
        b.would_change.append(reason("change.if_prior_before"))


def if_unclear_counts(priors: Priors) -> Priors | None:
    """The priors as they would be if a prior that counts only on facts the record does not
    show (PC 207 or 220 with intent to commit a sex offense) did count; None if there is none."""
    if not priors.unclear:
        return None
    return replace(priors, super_strike=priors.super_strike or priors.unclear[0], strike_cite="PC-667-e2Civ-I", unclear=())


def note_unclear(priors: Priors, b: Builder) -> None:
    for display in priors.unclear:
        b.flags.add(Flag.PRIOR_UNCLEAR)
        b.reasons.append(reason("priors.unclear", prior=display))
    b.would_change.append(reason("change.if_prior_counts"))


def later_one(priors: Priors) -> str | None:
    """The disqualifying conviction that came after the offense."""
    if priors.later is None:
        return None
    later = priors.later
    return later.super_strike if later.super_strike != priors.super_strike else later.pc290

"""The law as data, loaded once: provisions (citations), dated parameters, offense lists."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from .codes import ParsedCode
from .model import Citation, Determination, Reason
from .yamlfile import read_yaml

LAW_DIR = Path(__file__).parent / "law"
CODE_URLS = {
    "HSC": "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=HSC&sectionNum=",
    "PEN": "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=PEN&sectionNum=",
    "FAM": "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=FAM&sectionNum=",
}


def _load(name: str) -> Any:
    return read_yaml(LAW_DIR / name)


def _provisions() -> dict[str, tuple[dict[str, Any], ...]]:
    """id → its versions, oldest first (most provisions have one)."""
    data = _load("provisions.yaml")
    data.pop("_urls", None)
    return {
        pid: tuple(sorted(entry if isinstance(entry, list) else [entry], key=lambda e: e["in_force_from"]))
        for pid, entry in data.items()
    }


#: id → every version of the provision, oldest first, each with its in-force window
PROVISION_VERSIONS: dict[str, tuple[dict[str, Any], ...]] = _provisions()
#: id → the latest version
PROVISION_DATA: dict[str, dict[str, Any]] = {pid: v[-1] for pid, v in PROVISION_VERSIONS.items()}


def _citation(pid: str, entry: dict[str, Any]) -> Citation:
    url = entry.get("url")
    if not url and entry.get("code") in CODE_URLS and entry.get("section"):
        url = CODE_URLS[entry["code"]] + str(entry["section"]) + "."
    return Citation(id=pid, cite=entry["cite"], url=url or "")


#: id → the citation of the latest version
CITATIONS: dict[str, Citation] = {pid: _citation(pid, e) for pid, e in PROVISION_DATA.items()}
_VERSIONED: dict[str, tuple[tuple[date, date | None, Citation], ...]] = {
    pid: tuple((e["in_force_from"], e.get("in_force_until"), _citation(pid, e)) for e in versions)
    for pid, versions in PROVISION_VERSIONS.items()
    if len(versions) > 1
}
#: from this day on, every provision's latest version is the one in force
_ALL_CURRENT_FROM: date = max((v[-1][0] for v in _VERSIONED.values()), default=date.min)


def in_force(entry: dict[str, Any], on: date) -> bool:
    """True when the provision version ``entry`` was in force on ``on``."""
    until = entry.get("in_force_until")
    return entry["in_force_from"] <= on and (until is None or on <= until)


def citation(pid: str, on: date) -> Citation:
    """The citation of the version of ``pid`` in force on ``on``; before its first version,
    the first (a reason never cites a text that did not exist yet when a later one did)."""
    versions = _VERSIONED.get(pid)
    if versions is None or on >= _ALL_CURRENT_FROM:
        return CITATIONS[pid]
    for start, until, cited in versions:
        if start <= on and (until is None or on <= until):
            return cited
    return versions[0][2] if on < versions[0][0] else CITATIONS[pid]


def cite_in_force(dets: list[Determination], on: date) -> list[Determination]:
    """``dets`` with every citation of a provision that changed replaced by the version in
    force on ``on`` (the day the law is applied). Nothing to do on most days."""
    if on >= _ALL_CURRENT_FROM:
        return dets
    return [_recited(d, on) for d in dets]


def _recited(det: Determination, on: date) -> Determination:
    def fix(reasons: tuple[Reason, ...]) -> tuple[Reason, ...]:
        return tuple(
            replace(r, citations=tuple(citation(c.id, on) if c.id in _VERSIONED else c for c in r.citations))
            if any(c.id in _VERSIONED for c in r.citations) else r
            for r in reasons
        )

    return replace(det, reasons=fix(det.reasons), would_change=fix(det.would_change))

PARAMETERS: dict[str, Any] = _load("prop64.yaml")


def parameter(name: str) -> Any:
    return PARAMETERS[name]["value"]


EFFECTIVE_DATE: date = parameter("effective_date")
ADULT_AGE: int = parameter("adult_age")
LEGAL_AGE: int = parameter("legal_age")
PERSONAL_GRAMS: float = float(parameter("personal_grams"))
CONCENTRATE_GRAMS: float = float(parameter("concentrate_grams"))
IMPORT_CONCENTRATE_GRAMS: float = float(parameter("import_concentrate_grams"))
PERSONAL_PLANTS: int = parameter("personal_plants")
YOUNGEST_AGE: int = parameter("youngest_age")
YOUNGEST_ADULT_COURT_AGE: int = parameter("youngest_adult_court_age")
SAME_SECTION_PRIORS: int = parameter("same_section_priors")
COVERED_SECTIONS: frozenset[str] = frozenset(parameter("covered_sections"))
PREDECESSOR_SECTIONS: frozenset[str] = frozenset(parameter("predecessor_sections"))
ERAS: dict[str, date] = PARAMETERS["eras"]


@dataclass(frozen=True, slots=True)
class OffenseList:
    """A list of offenses by code and section, with optional subsection prefixes."""

    cites: tuple[str, ...]
    offenses: dict[str, dict[str, tuple[str, ...]]]
    attempts_count: frozenset[str] | None  # None: every listed offense's attempt counts

    def matches(self, code: ParsedCode) -> bool:
        target = code.target
        if target is None or code.wrapper in ("conspiracy", "accessory"):
            return False
        sections = self.offenses.get(target.law or "PC")
        if sections is None or target.section not in sections:
            return False
        if (
            code.wrapper == "attempt"
            and self.attempts_count is not None
            and target.section not in self.attempts_count
        ):
            return False
        prefixes = sections[target.section]
        return not prefixes or code.subsection_startswith(prefixes)


def _offense_list(name: str) -> OffenseList:
    data = _load(name)
    attempts = data.get("attempts_count")
    return OffenseList(
        cites=tuple(data["cites"]),
        offenses={
            law: {str(sec): tuple(p.lower() for p in prefixes) for sec, prefixes in secs.items()}
            for law, secs in data["offenses"].items()
        },
        attempts_count=None if attempts == "all" else frozenset(str(a) for a in attempts),
    )


@dataclass(frozen=True, slots=True)
class StrikeEntry:
    """One offense of PC 667(e)(2)(C)(iv), with the clause that lists it (its citation)."""

    law: str
    section: str
    prefixes: tuple[str, ...]
    clause: str
    cite: str
    attempts: bool
    wrapper: str | None  # "conspiracy": the entry is a conspiracy to commit the section
    condition: str | None  # a fact the code cannot show ("sex_offense_intent")


@dataclass(frozen=True, slots=True)
class StrikeList:
    """The super-strike list by subdivision (rules/law/super_strikes.yaml)."""

    cites: tuple[str, ...]
    entries: dict[tuple[str, str], tuple[StrikeEntry, ...]]

    def match(self, code: ParsedCode) -> StrikeEntry | None:
        target = code.target
        if target is None or code.wrapper == "accessory":
            return None
        for entry in self.entries.get((target.law or "PC", target.section), ()):
            if code.wrapper == "conspiracy" and entry.wrapper != "conspiracy":
                continue
            if code.wrapper != "conspiracy" and entry.wrapper == "conspiracy":
                continue
            if code.wrapper == "attempt" and not entry.attempts:
                continue
            if entry.prefixes and not code.subsection_startswith(entry.prefixes):
                continue
            return entry
        return None


def _strike_list(name: str) -> StrikeList:
    data = _load(name)
    entries: dict[tuple[str, str], list[StrikeEntry]] = {}
    for e in data["entries"]:
        entry = StrikeEntry(
            law=e["law"], section=str(e["section"]),
            prefixes=tuple(p.lower() for p in e.get("subdivisions", ())),
            clause=e["clause"], cite=e["cite"], attempts=bool(e.get("attempts")),
            wrapper=e.get("wrapper"), condition=e.get("condition"),
        )
        entries.setdefault((entry.law, entry.section), []).append(entry)
    return StrikeList(cites=tuple(data["cites"]), entries={k: tuple(v) for k, v in entries.items()})


SUPER_STRIKES = _strike_list("super_strikes.yaml")
PC290_REGISTRABLE = _offense_list("pc290c.yaml")

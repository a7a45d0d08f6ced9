"""The law as data, loaded once: provisions (citations), dated parameters, offense lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .codes import ParsedCode
from .model import Citation

LAW_DIR = Path(__file__).parent / "law"
CODE_URLS = {
    "HSC": "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=HSC&sectionNum=",
    "PEN": "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=PEN&sectionNum=",
    "FAM": "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=FAM&sectionNum=",
}


def _load(name: str) -> Any:
    return yaml.safe_load((LAW_DIR / name).read_text(encoding="utf-8"))


def _provisions() -> dict[str, dict[str, Any]]:
    data = _load("provisions.yaml")
    data.pop("_urls", None)
    return data


PROVISION_DATA: dict[str, dict[str, Any]] = _provisions()


def _citation(pid: str, entry: dict[str, Any]) -> Citation:
    url = entry.get("url")
    if not url and entry.get("code") in CODE_URLS and entry.get("section"):
        url = CODE_URLS[entry["code"]] + str(entry["section"]) + "."
    return Citation(id=pid, cite=entry["cite"], url=url or "")


CITATIONS: dict[str, Citation] = {pid: _citation(pid, e) for pid, e in PROVISION_DATA.items()}

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


SUPER_STRIKES = _offense_list("super_strikes.yaml")
PC290_REGISTRABLE = _offense_list("pc290c.yaml")

"""County programs as validated overlays on the statute (``rules/policies/*.yaml``).

``statewide.yaml`` declares every choice a program may make (type and range); a county file
may use only those. Loading fails loudly, naming the file and the choice, on anything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import counties
from .codes import parse_code
from .model import Citation
from .yamlfile import read_yaml

POLICY_DIR = Path(__file__).parent / "policies"
SECTIONS = frozenset({"11357", "11358", "11359", "11360"})


class PolicyError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Policy:
    id: str
    version: str
    title: str
    county: str | None
    source_title: str
    source_href: str
    in_force_from: date
    in_force_to: date | None
    choices: dict[str, Any]
    adopted: date | None = None

    def in_force(self, on: date) -> bool:
        return self.in_force_from <= on and (self.in_force_to is None or on <= self.in_force_to)

    @property
    def citation(self) -> Citation:
        """The program's own source: a county program's reasons cite it, not the statute."""
        return _citation(self.id, self.title, self.adopted, self.source_href)

    def conditions_date(self, as_of: date) -> date:
        """The day the program's conditions are tested: the day a one-time program ran."""
        return self.choices.get("conditions_tested_on") or as_of


@lru_cache(maxsize=64)
def _citation(pid: str, title: str, adopted: date | None, href: str) -> Citation:
    when = f" ({adopted:%B} {adopted.day}, {adopted.year})" if adopted else ""  # as citations write it
    return Citation(id=f"PROGRAM-{pid}", cite=f"{title}{when}", url=href)


def _validate(path: Path, choices: dict[str, Any], allowed: dict[str, dict[str, Any]]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for name, value in choices.items():
        spec = allowed.get(name)
        if spec is None:
            raise PolicyError(f"{path.name}: choices.{name} is not a choice statewide.yaml allows")
        kind = spec["type"]
        where = f"{path.name}: choices.{name}"
        if kind == "bool" and not isinstance(value, bool):
            raise PolicyError(f"{where} must be true or false")
        if kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                raise PolicyError(f"{where} must be a whole number")
            if not spec["min"] <= value <= spec["max"]:
                raise PolicyError(f"{where} must be from {spec['min']} to {spec['max']}")
        if kind == "sections":
            if not isinstance(value, list) or not set(value) <= SECTIONS:
                raise PolicyError(f"{where} must list sections among {sorted(SECTIONS)}")
            value = frozenset(value)
        if kind == "codes":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise PolicyError(f"{where} must be a list of code sections")
            parsed = [parse_code(v) for v in value]
            if any(p.target is None and p.wrapper_part is None for p in parsed):
                raise PolicyError(f"{where} has an unreadable code section")
            value = tuple(parsed)
        if kind == "date" and not isinstance(value, date):
            raise PolicyError(f"{where} must be a date (YYYY-MM-DD)")
        clean[name] = value
    return clean


def _policy(path: Path, allowed: dict[str, dict[str, Any]]) -> Policy:
    data = read_yaml(path)
    for key in ("id", "version", "title", "source", "in_force"):
        if key not in data:
            raise PolicyError(f"{path.name}: {key} is required")
    county = data.get("county")
    if county is not None and counties.find(county) is None:
        raise PolicyError(f"{path.name}: county {county!r} is not in the county directory")
    source = data["source"]
    return Policy(
        id=data["id"],
        version=str(data["version"]),
        title=data["title"],
        county=counties.find(county).name if county else None,
        source_title=source["title"],
        source_href=source["href"],
        in_force_from=data["in_force"]["from"],
        in_force_to=data["in_force"].get("to"),
        choices=_validate(path, data.get("choices") or {}, allowed),
        adopted=source.get("adopted"),
    )


@lru_cache(maxsize=1)
def _all() -> tuple[Policy, dict[str, Policy]]:
    statewide_path = POLICY_DIR / "statewide.yaml"
    allowed = read_yaml(statewide_path)["allowed_choices"]
    statewide = _policy(statewide_path, allowed)
    by_county: dict[str, Policy] = {}
    for path in sorted(POLICY_DIR.glob("*.yaml")):
        if path == statewide_path:
            continue
        policy = _policy(path, allowed)
        if policy.county is None:
            raise PolicyError(f"{path.name}: county is required")
        by_county[policy.county] = policy
    return statewide, by_county


def statewide() -> Policy:
    return _all()[0]


def county_policies() -> dict[str, Policy]:
    return dict(_all()[1])


def for_county(name: str | None) -> Policy | None:
    county = counties.find(name)
    return _all()[1].get(county.name) if county else None

"""Loading the legal cases of tests/rules/cases/ (one YAML file per provision).

A file has a ``provision`` (a provisions.yaml id), optional ``as_of``, ``policy``, ``county``,
``person`` and ``defaults`` (merged into each conviction), and ``cases``. Each case has a
``name`` (a sentence), optional ``as_of``/``policy``/``county``/``person``/``other_convictions``,
either ``conviction`` (one, merged over ``defaults``) or ``convictions`` (a list), and ``expect``:
one entry per conviction checked, with any of ``outcome``, ``minimum_outcome``,
``county_outcome``, ``route``, ``flags`` (exact), ``flags_include``, ``flags_exclude``,
``reasons_include``, ``reasons_exclude``, ``cites_include``, ``cites_exclude``, ``cr400``,
``forms``, ``county_route``, ``would_change_include``, and ``next_step`` / ``next_steps`` at the
case level.

``unvalidated`` (a mapping of conviction index to fields) is laid over the loaded case as a
record can reach the engine without the case-file loader (the DOJ bulk reader), for facts the
loader itself refuses, such as a conviction dated before the birth date.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

CASES_DIR = Path(__file__).parent / "cases"


@dataclass(frozen=True)
class LegalCase:
    file: str
    provision: str
    name: str
    as_of: date
    policy: str
    case: dict[str, Any]
    expect: list[dict[str, Any]]
    next_step: str | None
    next_steps: list[str] | None = None
    unvalidated: dict[int, dict[str, Any]] | None = None

    def load(self) -> Any:
        """The case as the engine receives it."""
        import rules

        case = rules.load_case(self.case)
        if not self.unvalidated:
            return case
        convictions = list(case.convictions)
        for index, fields in self.unvalidated.items():
            convictions[index] = replace(convictions[index], **fields)
        return replace(case, convictions=tuple(convictions))


def _iso(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value


def load_all() -> list[LegalCase]:
    found: list[LegalCase] = []
    for path in sorted(CASES_DIR.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rel = str(path.relative_to(CASES_DIR))
        defaults = data.get("defaults") or {}
        for item in data["cases"]:
            if "convictions" in item:
                convictions = [{**defaults, **c} for c in item["convictions"]]
            else:
                convictions = [{**defaults, **(item.get("conviction") or {})}]
            case = {
                "county": item.get("county", data.get("county")),
                "person": item.get("person", data.get("person", {})),
                "convictions": convictions,
            }
            if item.get("other_convictions") or data.get("other_convictions"):
                case["other_convictions"] = item.get("other_convictions", data.get("other_convictions"))
            found.append(
                LegalCase(
                    file=rel,
                    provision=item.get("provision", data["provision"]),
                    name=item["name"],
                    as_of=item.get("as_of", data.get("as_of", date(2026, 11, 27))),
                    policy=item.get("policy", data.get("policy", "statewide")),
                    case=_iso(case),
                    expect=item["expect"],
                    next_step=item.get("next_step"),
                    next_steps=item.get("next_steps"),
                    unvalidated=item.get("unvalidated"),
                )
            )
    return found

"""The Result as JSON-ready dicts (docs/case-file.md, "The result"): what `prop64 check` prints, what the lookup
store keeps, and what every surface renders from."""

from __future__ import annotations

from typing import Any

from .model import Determination, Reason, Result


def reason_to_dict(reason: Reason) -> dict[str, Any]:
    return {
        "id": reason.id,
        "message": reason.message,
        "params": dict(reason.params),
        "text": reason.text,
        "citations": [c.cite for c in reason.citations],
        "links": [{"cite": c.cite, "url": c.url} for c in reason.citations],
    }


def determination_to_dict(d: Determination) -> dict[str, Any]:
    return {
        "index": d.index,
        "code": d.code,
        "section": d.section,
        "case_number": d.case_number,
        "count": d.count,
        "outcome": d.outcome.value,
        "minimum_outcome": d.minimum_outcome.value if d.minimum_outcome else None,
        "county_outcome": d.county_outcome.value if d.county_outcome else None,
        "effective_outcome": d.effective_outcome.value,
        "county_route": d.county_route,
        "route": d.route,
        "flags": [f.value for f in d.flags],
        "reasons": [reason_to_dict(r) for r in d.reasons],
        "would_change": [reason_to_dict(r) for r in d.would_change],
        "cr400": (
            {"title_box": d.cr400.title_box, "item1": list(d.cr400.item1), "item2": d.cr400.item2,
             **({"other": d.cr400.other} if d.cr400.other else {})}
            if d.cr400
            else None
        ),
        "forms": list(d.forms),
    }


def result_to_dict(result: Result) -> dict[str, Any]:
    return {
        "as_of": result.as_of.isoformat(),
        "rules_version": result.rules_version,
        "policy": {
            "id": result.policy.id,
            "version": result.policy.version,
            "county": result.policy.county,
        },
        "county": result.county,
        "next_step": result.next_step.value,
        "next_steps": [s.value for s in result.next_steps],
        "convictions": [determination_to_dict(d) for d in result.determinations],
    }

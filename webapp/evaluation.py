"""Answers → the engine's Result: the one place the website asks the rules engine.

The questionnaire, the papers step, the lookup and the clinic all come here, so they all see the
same answer for the same facts. The date the law is applied on is read once per request
(``helpers.today``) and passed in; nothing here reads the clock.

    evaluated = evaluate_answers({"county": "Fresno", "dob": "1980-02-01", "cv": [...]},
                                 today=helpers.today())
    evaluated.result          # the Result as a dict (docs/case-file.md, "The result"), or None
    evaluated.needs_papers    # True when a court petition or a DA letter is called for

``answers`` is the shape kept in the session (see ``answers.py``): ``county``, ``dob`` and the
list of convictions ``cv``. Raises ``rules.CaseError`` when the answers do not fit together.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import documents
import rules
from rules.model import RELIEF_OUTCOMES

from . import casefile

#: outcome names (as in result dicts) that ask a court for relief
RELIEF = frozenset(outcome.value for outcome in RELIEF_OUTCOMES)
REVIEW = "NEEDS_DA_REVIEW"


@dataclass(frozen=True)
class EvaluatedCase:
    """What the engine said about one person's answers."""

    result: dict[str, Any] | None  # None when no conviction could be asked about
    case: dict[str, Any]  # the case file for the papers (docs/case-file.md; month-only dates as YYYY-MM)
    sources: list[int] = field(default_factory=list)  # answer index of each result conviction
    as_of: date | None = None

    @property
    def convictions(self) -> list[dict[str, Any]]:
        return list(self.result["convictions"]) if self.result else []

    @property
    def needs_papers(self) -> bool:
        """A petition to file (the statute's relief) or a DA review letter to send."""
        return any(files_petition(c) or asks_review(c) for c in self.convictions)

    @property
    def overflow(self) -> list[str]:
        """Case numbers whose convictions need an attachment page on the CR-400."""
        return list(documents.overflow_cases(self.result)) if self.result else []


def evaluate_answers(answers: Mapping[str, Any], *, today: date) -> EvaluatedCase:
    """Ask the engine about the answers, applying the county's program where it has one.

    The case kept for the papers holds a date known only to its month as ``YYYY-MM``, so the
    CR-400 prints "03/2012" and never an invented day; the engine reads the first of that month
    (``casefile.for_engine``), which gives the same legal answer outside November 2016."""
    case_dict, sources = casefile.build(answers, month_only=True)
    if not case_dict["convictions"]:
        return EvaluatedCase(None, case_dict, sources, today)
    result = rules.evaluate(rules.load_case(casefile.for_engine(case_dict)), as_of=today,
                            policy="county")
    return EvaluatedCase(rules.result_to_dict(result), case_dict, sources, today)


def effective_outcome(conviction: Mapping[str, Any]) -> str:
    """What the person can expect, as the engine put it (``effective_outcome`` in the result
    dict); for results published before the engine said it, the county program's outcome where
    it has one, else the statute's."""
    return (conviction.get("effective_outcome") or conviction.get("county_outcome")
            or conviction["outcome"])


def files_petition(conviction: Mapping[str, Any]) -> bool:
    """The statute gives relief: a CR-400 (or JV-744) is filed. A county program never takes
    this away."""
    return conviction["outcome"] in RELIEF


def asks_review(conviction: Mapping[str, Any]) -> bool:
    """A person at the DA's office should review it, under the statute or the county's rule
    (a second route the county adds: ``county_route``, a DA review request)."""
    return (REVIEW in (conviction["outcome"], conviction.get("county_outcome"))
            or bool(conviction.get("county_route"))
            or "DA-REVIEW-REQUEST" in (conviction.get("forms") or ()))

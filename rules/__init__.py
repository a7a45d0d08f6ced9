"""The Prop 64 rules engine: a case file in, one Determination per conviction out.

Pure Python (standard library and PyYAML). Nothing here reads the clock: the date the law is
applied on, ``as_of``, is always an argument.

    >>> from datetime import date
    >>> import rules
    >>> case = rules.load_case({"convictions": [{"code": "HS 11357(b)", "level": "misdemeanor",
    ...     "offense_date": "2009-05-01", "age_at_offense": 30, "sentence_status": "completed"}]})
    >>> rules.evaluate(case, as_of=date(2026, 1, 1)).determinations[0].outcome
    <Outcome.DISMISS_AND_SEAL: 'DISMISS_AND_SEAL'>
"""

from .caseload import CaseError, Problem, load_case
from .engine import RULES_VERSION, evaluate
from .model import (
    CR400,
    RELIEF_OUTCOMES,
    Case,
    Citation,
    Determination,
    Flag,
    NextStep,
    Outcome,
    Reason,
    Result,
)
from .serialize import determination_to_dict, result_to_dict

__all__ = [
    "CR400",
    "RELIEF_OUTCOMES",
    "RULES_VERSION",
    "Case",
    "CaseError",
    "Citation",
    "Determination",
    "Flag",
    "NextStep",
    "Outcome",
    "Problem",
    "Reason",
    "Result",
    "determination_to_dict",
    "evaluate",
    "load_case",
    "result_to_dict",
]

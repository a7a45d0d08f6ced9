"""A published lookup answer, as `prop64 bulk` stores it, for tests of the lookup page."""

from __future__ import annotations

from datetime import date
from typing import Any

import rules

#: the person's date of birth in :func:`answer_naming_a_later_conviction`
DOB = date(1971, 3, 14)


def answer_naming_a_later_conviction() -> dict[str, Any]:
    """Fresno case SYN-9 (an 11359 felony), whose published result mentions the person's later
    PC 187 conviction: the lookup page must answer for SYN-9 without naming it."""
    case = rules.load_case({
        "county": "Fresno", "person": {"date_of_birth": DOB.isoformat()},
        "convictions": [{"case_number": "SYN-9", "code": "HS 11359", "level": "felony",
                         "offense_date": "2010-03-01", "sentence_status": "completed",
                         "conduct": "possess_for_sale"}],
        "other_convictions": [{"code": "PC 187", "level": "felony",
                               "conviction_date": "2012-01-01"}]})
    result = rules.result_to_dict(rules.evaluate(case, as_of=date(2026, 1, 1), policy="county"))
    return dict(result["convictions"][0], as_of=result["as_of"], county="Fresno",
                rules_version=result["rules_version"], policy=result["policy"])

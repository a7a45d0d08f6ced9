"""A case too large to hold at once (a whole record file given to `prop64 check`), decided one
conviction at a time in memory that does not grow with the number of convictions.

Each conviction's answer depends on the others (earlier convictions of the same kind are
priors; a county program asks about the whole person), and the Result gives its next steps
before the determinations. So the convictions are read again for each pass
(``LargeCase.convictions`` reads them anew from the file):

1. what each answer needs from the whole case is gathered as the convictions go by: the priors
   index (``priors.Index``: the disqualifying priors and, per section, the earliest dates that
   can count) and the facts a county program asks about the person (``county.PersonFacts``:
   counts, the latest date, and only the case numbers that a related charge asks about);
2. every determination is decided and counted for the next steps (``engine.tally``);
3. the determinations are decided again and handed out one at a time.

The first pass reads every conviction before anything is given out, so a conviction the case
file gets wrong (``caseload.load_large_case`` raises CaseError once it has read them all)
stops the run before any determination. The determinations are the ones
:func:`rules.evaluate` gives for the same case, field for field (``tests/test_cli.py``
compares the two).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from . import lawdata as law
from .codes import parse_code
from .engine import (
    check_arguments,
    evaluate_conviction,
    program_for,
    result_head,
    steps_from,
    tally,
)
from .model import Case, Conviction, Determination, Result
from .steps import priors
from .steps.county import PersonFacts, Program, related_charge


@dataclass(frozen=True)
class LargeCase:
    """A validated case whose convictions are read again each time they are asked for."""

    case: Case  # the county, the person and the other convictions (``convictions`` is empty)
    convictions: Callable[[], Iterator[Conviction]]


def evaluate_large(large: LargeCase, *, as_of: date, policy: str = "statewide") -> tuple[Result, Callable[[], Iterator[Determination]]]:
    """The Result without its determinations (``determinations`` is empty, the next steps are
    counted over all of them), and a function that decides them again, one at a time, in order."""
    check_arguments(as_of, policy)
    case = large.case
    others = tuple(priors.other_records(case.other_convictions))
    index = priors.index_of(others)
    program = program_for(case, as_of, policy)
    county = Program(program, case.county, as_of) if program is not None else None
    facts = None
    if county is not None:
        facts = county.facts = PersonFacts(county.on, others, len(case.other_convictions), _asked(large, county))
    for conv in large.convictions():
        record = priors.conviction_record(conv)
        if record is not None:
            index.add(record)
        if facts is not None:
            facts.add(conv, record)

    def determinations() -> Iterator[Determination]:
        for i, conv in enumerate(large.convictions()):
            (det,) = law.cite_in_force([evaluate_conviction(i, conv, case, index)], as_of)
            yield county.lay(conv, det, case) if county is not None else det

    return result_head(case, as_of, program, steps_from(tally(determinations()), case)), determinations


def _asked(large: LargeCase, county: Program) -> frozenset[str]:
    """The case numbers of the convictions that are one of the program's related charges: the
    only case numbers a program asks whether a Prop 64 conviction shares."""
    if not county.related:
        return frozenset()
    return frozenset(
        conv.case_number for conv in large.convictions()
        if conv.case_number and related_charge(parse_code(conv.code), county)
    )

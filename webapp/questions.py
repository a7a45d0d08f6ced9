"""The questions, in order, and which ones a conviction needs.

Each question is data: what it asks, why we ask, its answer choices, and when it applies. The
flow asks a follow-up question only when the answers so far make it matter under the law
(the engine decides eligibility; this file only avoids asking what cannot matter).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rules.codes import parse_code

from .answers import UNSURE
from .i18n import lazy_gettext as _l

YES, NO = "y", "n"
OTHER_CITY = "other"
NOT_SURE = _l("I'm not sure")
YES_NO = ((YES, _l("Yes")), (NO, _l("No")), (UNSURE, NOT_SURE))

#: What each plain choice means as a record would write it.
KIND_CODES = {
    "possess": "HS 11357",
    "cultivate": "HS 11358",
    "possess_for_sale": "HS 11359",
    "sell": "HS 11360",
    "transport": "HS 11360",
}


def section(conv: dict[str, Any]) -> str | None:
    """The Prop 64 section this conviction is about (``"11357"``…), when we can tell."""
    kind = conv.get("k")
    if kind in KIND_CODES:
        return KIND_CODES[kind].split()[1]
    if kind == "code" and conv.get("code"):
        parsed = parse_code(conv["code"]).section
        if parsed in ("11357", "11358", "11359", "11360"):
            return parsed
    return None


def _adult(conv: dict[str, Any]) -> bool:
    return conv.get("lv") != "juvenile"


def _felony_possible(conv: dict[str, Any]) -> bool:
    return conv.get("lv") in ("felony", UNSURE, None) and _adult(conv)


@dataclass(frozen=True)
class Step:
    id: str
    form: str  # "choice" | "pair" | "date" | "code" | "case_number" | "age"
    keys: tuple[str, ...]
    question: Any
    why: Any
    choices: tuple[tuple[str, Any], ...] = ()
    second_question: Any = None
    second_choices: tuple[tuple[str, Any], ...] = ()
    hint: Any = None
    applies: Callable[[dict[str, Any], dict[str, Any]], bool] = field(default=lambda c, p: True)


CONVICTION_STEPS: tuple[Step, ...] = (
    Step(
        "what",
        "choice",
        ("k",),
        _l("What was this conviction for?"),
        _l("The law treats each kind of cannabis crime differently. Choose what is closest. "
           "If you have your record, you can give the code section instead."),
        (
            ("possess", _l("Having cannabis (possession)")),
            ("cultivate", _l("Growing cannabis plants")),
            ("possess_for_sale", _l("Having cannabis to sell (possession for sale)")),
            ("sell", _l("Selling or giving away cannabis")),
            ("transport", _l("Carrying or transporting cannabis")),
            ("code", _l("I know the code section from my record")),
            (UNSURE, NOT_SURE),
        ),
    ),
    Step(
        "sell_kind",
        "choice",
        ("sk",),
        _l("Was the cannabis sold, or given away for free?"),
        _l("Giving away a small amount for free is legal now for adults. Selling without a "
           "license is still a crime, but a smaller one."),
        (("sell", _l("Sold")), ("furnish", _l("Given away for free")), (UNSURE, NOT_SURE)),
        applies=lambda c, p: c.get("k") == "sell",
    ),
    Step(
        "transport_sale",
        "choice",
        ("ts",),
        _l("Was the cannabis being carried to sell it?"),
        _l("Carrying a small amount for your own use is legal now for adults."),
        YES_NO,
        applies=lambda c, p: c.get("k") == "transport",
    ),
    Step(
        "code",
        "code",
        ("code",),
        _l("What code section does your record show?"),
        _l("Your record or court papers show a code and a number, like HS 11359 or 11357(b). "
           "Write it the way it is printed."),
        applies=lambda c, p: c.get("k") == "code",
    ),
    Step(
        "case_number",
        "case_number",
        ("cn",),
        _l("What is the court case number?"),
        _l("The court uses the case number to find your case. It goes on your papers. If you "
           "don't know it, leave this empty. You can still get an answer."),
    ),
    Step(
        "level",
        "choice",
        ("lv",),
        _l("Was it a felony, a misdemeanor or an infraction?"),
        _l("The kind of conviction decides which form and which part of the law apply. "
           "Cases from juvenile court have their own forms."),
        (
            ("felony", _l("Felony")),
            ("misdemeanor", _l("Misdemeanor")),
            ("infraction", _l("Infraction (a ticket with a fine)")),
            ("juvenile", _l("It was in juvenile court (I was under 18)")),
            (UNSURE, NOT_SURE),
        ),
    ),
    Step(
        "city",
        "choice",
        ("ct",),
        _l("Which city were you arrested in?"),
        _l("In some cities the City Attorney, not the District Attorney, handles misdemeanors. "
           "Your papers go to the office that handled your case."),
        applies=lambda c, p: bool(p.get("cities")) and _adult(c)
        and c.get("lv") in ("misdemeanor", "infraction"),
    ),
    Step(
        "offense_date",
        "date",
        ("od",),
        _l("When did it happen?"),
        _l("The law changed on November 9, 2016. What happened before that date can often be "
           "cleared. The month and year are enough."),
    ),
    Step(
        "conviction_date",
        "date",
        ("cd",),
        _l("When were you convicted?"),
        _l("This is the date the court decided your case. If you don't know when it happened, "
           "this date helps us instead. The month and year are enough."),
    ),
    Step(
        "age",
        "age",
        ("ag",),
        _l("How old were you when it happened?"),
        _l("Some rules are different for people under 18 and under 21."),
        applies=lambda c, p: p.get("dob") in (UNSURE, None),
    ),
    Step(
        "sentence",
        "choice",
        ("ss",),
        _l("Are you still serving the sentence for this conviction?"),
        _l("Serving means you are in jail or prison, or on probation, parole or supervision "
           "for this case. People still serving ask the court in a different way."),
        (
            ("serving", _l("Yes, I am still serving it")),
            ("completed", _l("No, I finished it")),
            (UNSURE, NOT_SURE),
        ),
    ),
    Step(
        "amount",
        "choice",
        ("am",),
        _l("How much cannabis was it?"),
        _l("Adults may now have up to 1 ounce (28.5 grams) of cannabis, or up to 8 grams of "
           "concentrated cannabis such as hash, wax or oil. If you don't know, the court must "
           "assume the smaller amount unless the District Attorney proves otherwise."),
        (
            ("le28", _l("1 ounce (28.5 grams) or less")),
            ("gt28", _l("More than 1 ounce (28.5 grams)")),
            ("cle4", _l("Concentrated cannabis: 4 grams or less")),
            ("cle8", _l("Concentrated cannabis: more than 4 grams, up to 8 grams")),
            ("cgt8", _l("Concentrated cannabis: more than 8 grams")),
            (UNSURE, NOT_SURE),
        ),
        applies=lambda c, p: section(c) in ("11357", "11360") and c.get("sk") != "sell",
    ),
    Step(
        "plants",
        "choice",
        ("pl",),
        _l("How many plants were there?"),
        _l("Adults may now grow up to 6 plants at home."),
        (("le6", _l("6 plants or fewer")), ("gt6", _l("More than 6 plants")), (UNSURE, NOT_SURE)),
        applies=lambda c, p: section(c) == "11358",
    ),
    Step(
        "environment",
        "choice",
        ("ev",),
        _l("Did the court find that the growing harmed the environment?"),
        _l("For example: taking water illegally, polluting a stream, or using dangerous "
           "chemicals. This can keep a large grow a felony."),
        YES_NO,
        applies=lambda c, p: section(c) == "11358" and c.get("pl") != "le6" and _felony_possible(c),
    ),
    Step(
        "school",
        "choice",
        ("sc",),
        _l("Did it happen at a school (kindergarten to 12th grade) while the school was open?"),
        _l("Having cannabis at a school is still against the law."),
        YES_NO,
        applies=lambda c, p: section(c) == "11357",
    ),
    Step(
        "minors",
        "pair",
        ("mn", "um"),
        _l("Was the cannabis sold or given to someone under 18?"),
        _l("Selling to young people, or using them to help, can keep this a felony."),
        YES_NO,
        second_question=_l("Did you hire or use someone 20 or younger to help?"),
        second_choices=YES_NO,
        applies=lambda c, p: section(c) in ("11359", "11360") and _adult(c),
    ),
    Step(
        "import_export",
        "choice",
        ("ie",),
        _l("Was the cannabis brought into California, or taken out of California?"),
        _l("Bringing more than 1 ounce across the state line can keep this a felony."),
        YES_NO,
        applies=lambda c, p: section(c) == "11360" and c.get("am") not in ("le28", "cle4")
        and _felony_possible(c),
    ),
    Step(
        "priors",
        "pair",
        ("pr", "p2"),
        _l("Before this happened, had you been convicted of a very serious crime, such as "
           "murder or rape, or a crime that requires sex offender registration?"),
        _l("Only convictions from before this offense matter. They can keep a sale or "
           "growing case a felony. They do not stop other relief."),
        YES_NO,
        second_question=_l("Before this happened, had you been convicted two or more times of "
                           "the same cannabis crime?"),
        second_choices=YES_NO,
        applies=lambda c, p: section(c) in ("11358", "11359", "11360") and _felony_possible(c),
    ),
    Step(
        "cleared",
        "choice",
        ("cl",),
        _l("Has this conviction already been cleared?"),
        _l("Since 2018 a state law (AB 1793) has told courts to clear many cannabis "
           "convictions on their own. Yours may already be cleared. Choose \"yes\" only if "
           "your record or the court says so."),
        YES_NO,
        hint=_l("On the next pages we explain how to check."),
    ),
)

BY_ID = {step.id: step for step in CONVICTION_STEPS}


def applicable(conv: dict[str, Any], person: dict[str, Any]) -> list[Step]:
    if conv.get("k") == UNSURE:
        # Without knowing what the conviction was for, only the case number and the court can help.
        return [BY_ID["what"], BY_ID["case_number"]]
    return [s for s in CONVICTION_STEPS if s.applies(conv, person)]


def answered(step: Step, conv: dict[str, Any]) -> bool:
    return all(key in conv for key in step.keys)


def next_unanswered(conv: dict[str, Any], person: dict[str, Any]) -> Step | None:
    for step in applicable(conv, person):
        if not answered(step, conv):
            return step
    return None


def step_after(step_id: str, conv: dict[str, Any], person: dict[str, Any]) -> Step | None:
    steps = applicable(conv, person)
    ids = [s.id for s in steps]
    if step_id not in ids:
        return next_unanswered(conv, person)
    for step in steps[ids.index(step_id) + 1 :]:
        return step
    return None


def step_before(step_id: str, conv: dict[str, Any], person: dict[str, Any]) -> Step | None:
    steps = applicable(conv, person)
    ids = [s.id for s in steps]
    if step_id not in ids or ids.index(step_id) == 0:
        return None
    return steps[ids.index(step_id) - 1]


def complete(conv: dict[str, Any], person: dict[str, Any]) -> bool:
    return next_unanswered(conv, person) is None

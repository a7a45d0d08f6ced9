"""Result dicts (DESIGN.md §5) → what the results page shows, translated.

Live answers and published lookup results both arrive here as dicts, so they share one path.
Nothing here decides eligibility: it puts the engine's answer into plain words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import format_date, gettext
from flask_babel import lazy_gettext as _l

from rules import RULES_VERSION, counties
from rules.model import RELIEF_OUTCOMES

#: outcome names (as in result dicts) that ask a court for relief
RELIEF = frozenset(outcome.value for outcome in RELIEF_OUTCOMES)

OUTCOMES = {
    "DISMISS_AND_SEAL": _l("You can ask the court to dismiss and seal this conviction."),
    "RECALL_AND_DISMISS": _l("You can ask the court to end your sentence and dismiss this "
                             "conviction."),
    "REDESIGNATE_MISDEMEANOR": _l("You can ask the court to change this conviction to a "
                                  "misdemeanor."),
    "REDESIGNATE_INFRACTION": _l("You can ask the court to change this conviction to an "
                                 "infraction."),
    "RESENTENCE_MISDEMEANOR": _l("You can ask the court for a new sentence, as a misdemeanor."),
    "RESENTENCE_INFRACTION": _l("You can ask the court for a new sentence, as an infraction."),
    "RESENTENCE": _l("You can ask the court for a new, lower sentence."),
    "NOT_ELIGIBLE": _l("This conviction cannot be cleared under Prop 64."),
    "NEEDS_DA_REVIEW": _l("A person at the District Attorney's office needs to review this "
                          "conviction."),
    "ALREADY_CLEARED": _l("Your answers say this conviction has already been cleared."),
}

# Short labels shown in a badge next to the outcome; the words carry the meaning, not colour.
BADGES = {
    "relief": _l("You can ask for relief"),
    "NOT_ELIGIBLE": _l("Not eligible"),
    "NEEDS_DA_REVIEW": _l("Needs review"),
    "ALREADY_CLEARED": _l("Already cleared"),
}

FLAGS = {
    "QUANTITY_UNKNOWN": _l("We don't know the amount. The court presumes the smaller amount "
                           "unless the District Attorney proves otherwise."),
    "PLANTS_UNKNOWN": _l("We don't know the number of plants. The court presumes the smaller "
                         "number unless the District Attorney proves otherwise."),
    "PRESUMPTIVE": _l("This answer relies on a rule of the law: the court must presume you "
                      "qualify unless the District Attorney proves you don't."),
    "RISK_FINDING_POSSIBLE": _l("Because you are still serving the sentence, the court can say "
                                "no if it finds you are an unreasonable risk to public safety."),
    "UNCERTAIN_LAW": _l("Courts have not fully settled the law for this situation. A lawyer "
                        "can help."),
    "COUNTY_POLICY_DIFFERS": _l("The District Attorney in this county offers more than the law "
                                "requires."),
    "OFFENSE_DATE_ASSUMED": _l("We used the date you were convicted because we don't know when "
                               "it happened."),
    "AGE_UNKNOWN": _l("We don't know how old you were. Your age at the time can change the "
                      "answer."),
    "DATE_UNKNOWN": _l("We don't know when this happened. The date can change the answer."),
    "LEVEL_UNKNOWN": _l("We don't know if this was a felony, a misdemeanor or an infraction. "
                        "This can change the answer."),
    "SENTENCE_STATUS_UNKNOWN": _l("We don't know if you are still serving the sentence, so we "
                                  "assumed you finished it. If you are still serving, tell the "
                                  "court on your papers."),
    "CONDUCT_ASSUMED": _l("We don't know exactly what happened, so we read it as a sale, the "
                          "most serious kind. The court may find it was less."),
    "PRIOR_DATE_UNKNOWN": _l("We don't know the date of an earlier conviction. It only matters "
                             "if it came before this offense."),
    "CITY_ATTORNEY": _l("In this county the City Attorney, not the District Attorney, handled "
                        "many misdemeanor cases. Send your papers to the office that "
                        "prosecuted you."),
}

NEXT_STEPS = {
    "FILE_PETITION": _l("Next step: get your papers filled in and file them with the court."),
    "REQUEST_DA_REVIEW": _l("Next step: ask the District Attorney's office to review your "
                            "case."),
    "CHECK_RECORD": _l("Next step: check your record to make sure the court cleared it."),
    "NONE": _l("There is nothing to file under Prop 64."),
}

FORM_NAMES = {
    "CR-400": _l("CR-400: the petition or application to the court"),
    "CR-401": _l("CR-401: the proof that an adult who is not you gave a copy to the District "
                 "Attorney"),
    "JV-744": _l("JV-744: the petition for a juvenile case"),
    "JV-744A": _l("JV-744A: the attachment that lists each juvenile offense"),
    "DA-REVIEW-REQUEST": _l("A letter asking the District Attorney's office to review your case"),
}


#: What the papers carry instead of form CR-401 until the official form is installed
PROOF_BY_ANOTHER_ADULT = _l("A proof of service by another adult: the adult who is not you and gives "
                            "a copy to the District Attorney signs it. It is not form CR-401, but it "
                            "states the same facts.")


def form_name(form: str) -> str:
    """A form the engine names, as the papers carry it: form CR-401 only when the official
    CR-401 is installed; otherwise the proof of service by another adult."""
    if form == "CR-401" and not _official_proof():
        return str(PROOF_BY_ANOTHER_ADULT)
    return str(FORM_NAMES.get(form, form))


def _official_proof() -> bool:
    try:
        from documents import proof_choice
    except ImportError:
        return False
    return proof_choice() is not None


@dataclass
class Link:
    cite: str
    url: str


@dataclass
class Line:
    text: str
    links: list[Link] = field(default_factory=list)


@dataclass
class Card:
    index: int
    title: str
    case_number: str | None
    badge: str
    kind: str  # "relief" | "not-eligible" | "review" | "cleared" | "unknown"
    outcome: str
    statute_outcome: str | None = None  # the statute's answer, when the county gives more
    minimum: str | None = None
    reasons: list[Line] = field(default_factory=list)
    would_change: list[Line] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    next_step: str = ""
    route: str | None = None


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _localise(value: Any) -> Any:
    """Dates in parameters are written the reader's way; everything else stays as given."""
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return format_date(date.fromisoformat(value), "long")
        except ValueError:
            return value
    return value


def translate(message: str, params: dict[str, Any] | None) -> str:
    """gettext(message) % params, falling back to English if a translation is broken."""
    params = {k: _localise(v) for k, v in (params or {}).items()}
    translated = gettext(message) if message else ""
    # flask_babel.gettext interpolates keyword arguments only; do it ourselves so a stray % in
    # a parameter value can never break the page.
    try:
        return translated % params if params else translated.replace("%%", "%")
    except (KeyError, ValueError, TypeError):
        try:
            return message % params if params else message
        except (KeyError, ValueError, TypeError):
            return message


def _line(reason: dict[str, Any]) -> Line:
    links = [Link(x["cite"], x["url"]) for x in reason.get("links") or [] if x.get("url")]
    return Line(translate(reason.get("message", ""), reason.get("params")), links)


def _kind(outcome: str) -> str:
    if outcome in RELIEF:
        return "relief"
    return {"NOT_ELIGIBLE": "not-eligible", "NEEDS_DA_REVIEW": "review",
            "ALREADY_CLEARED": "cleared"}.get(outcome, "review")


def card(conv: dict[str, Any], title: str | None = None) -> Card:
    effective = conv.get("county_outcome") or conv["outcome"]
    kind = _kind(effective)
    card_ = Card(
        index=conv.get("index", 0),
        title=title or conv.get("code") or "",
        case_number=conv.get("case_number"),
        badge=str(BADGES["relief"] if kind == "relief" else BADGES.get(effective, "")),
        kind=kind,
        outcome=str(OUTCOMES.get(effective, "")),
        route=conv.get("route"),
    )
    if conv.get("county_outcome") and conv["county_outcome"] != conv["outcome"]:
        card_.statute_outcome = str(OUTCOMES.get(conv["outcome"], ""))
    if conv.get("minimum_outcome") and conv["minimum_outcome"] != effective:
        card_.minimum = str(OUTCOMES.get(conv["minimum_outcome"], ""))
    card_.reasons = [_line(r) for r in conv.get("reasons") or []]
    card_.would_change = [_line(r) for r in conv.get("would_change") or []]
    card_.flags = [str(FLAGS[f]) for f in conv.get("flags") or [] if f in FLAGS]
    card_.forms = [form_name(f) for f in conv.get("forms") or []]
    if kind == "relief":
        card_.next_step = str(NEXT_STEPS["FILE_PETITION"])
    elif kind == "review":
        card_.next_step = str(NEXT_STEPS["REQUEST_DA_REVIEW"])
    elif kind == "cleared":
        card_.next_step = str(NEXT_STEPS["CHECK_RECORD"])
    else:
        card_.next_step = str(NEXT_STEPS["NONE"])
    return card_


def unknown_card(index: int, case_number: str | None) -> Card:
    return Card(
        index=index,
        title=gettext("A conviction we could not check"),
        case_number=case_number,
        badge=gettext("Needs more information"),
        kind="unknown",
        outcome=gettext("We need to know what this conviction was for before we can give "
                        "an answer."),
        next_step=gettext("Next step: get a copy of your record. It shows the code section. "
                          "Then come back and answer again."),
    )


@dataclass
class Office:
    name: str
    address: list[str]
    phone: str | None
    website: str | None


@dataclass
class CountyView:
    name: str
    court: Office
    prosecutor: Office
    detailed: bool
    case_number_help: str | None
    program_summary: str | None


def cards(result: dict[str, Any] | None, sources: list[int], answers: list[dict[str, Any]],
          title: Callable[[dict[str, Any]], str]) -> list[Card]:
    """One card per answered conviction, in the order the person gave them.

    ``sources`` maps each conviction of ``result`` to the answers it came from; answers the
    engine could not be asked about get the "needs more information" card.
    """
    by_answer: dict[int, Card] = {}
    if result:
        for conv_dict, answer_index in zip(result["convictions"], sources):
            by_answer[answer_index] = card(conv_dict, title=title(answers[answer_index]))
    return [by_answer.get(i) or unknown_card(i, conv.get("cn") or None) for i, conv in enumerate(answers)]


def results_view(result: dict[str, Any] | None, sources: list[int], answers: list[dict[str, Any]],
                 title: Callable[[dict[str, Any]], str], county: str | None,
                 as_of: date) -> dict[str, Any]:
    """What every results page shows, as template variables: the cards, the county's offices
    (``county`` is the answered county, used when the engine could not be asked), the date and
    rules version, and which kinds of card there are."""
    shown = cards(result, sources, answers, title)
    kinds = {c.kind for c in shown}
    return {
        "cards": shown,
        "county": county_view(result["county"] if result else county),
        "as_of": format_date(as_of, "long"),
        "rules_version": result["rules_version"] if result else RULES_VERSION,
        "any_relief": "relief" in kinds,
        "any_review": "review" in kinds,
        "any_cleared": "cleared" in kinds,
    }


def county_view(name: str | None) -> CountyView | None:
    county = counties.find(name) if name else None
    if county is None:
        return None

    def office(o) -> Office:
        return Office(o.name, list(o.address), o.phone, o.website)

    return CountyView(
        name=county.name,
        court=office(county.court),
        prosecutor=office(county.prosecutor),
        detailed=county.detailed,
        case_number_help=county.case_number_help,
        program_summary=county.program_summary,
    )

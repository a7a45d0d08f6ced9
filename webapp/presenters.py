"""Result dicts (docs/case-file.md, "The result") → what the results page shows, translated.

Live answers and published lookup results both arrive here as dicts, so they share one path.
Nothing here decides eligibility: it puts the engine's answer into plain words, says it once,
and names where it came from ("Your answers say…" or "The record shows…").

Two sources, two voices:
- ``"answers"``: the questionnaire and the clinic. A county program's extra relief was never
  asked about (no question covers "no conviction in 10 years"), so it is shown as "this may
  already have been cleared by the DA's program: check", beside the statute's own answer.
- ``"record"``: the lookup, the DA's own published determination. It answers for that case only
  and never names the person's other convictions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import documents
from documents.i18n import translator
from documents.outcomes import CLEARED_BY_SOURCE, OUTCOME_SENTENCES, OUTCOME_SHORT
from rules import RULES_VERSION, counties

from . import contacts
from .casefile import CHANGE_MONTH
from .evaluation import RELIEF, REVIEW, asks_review, effective_outcome, files_petition
from .i18n import gettext, ngettext, select_locale
from .i18n import lazy_gettext as _l

ANSWERS, RECORD = "answers", "record"

#: outcomes the person can ask the court for, by what they do to the conviction
CLEARS = frozenset({"DISMISS_AND_SEAL", "RECALL_AND_DISMISS"})

#: card kind → the badge beside the outcome; the words carry the meaning, not colour
BADGES = {
    "clear": _l("Can be cleared"),
    "reduce": _l("Can be reduced"),
    "review": _l("Needs a closer look"),
    "unknown": _l("Needs a closer look"),
    "cleared": _l("Already cleared?"),
    "not-eligible": _l("Not eligible"),
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
    "PRIOR_DATE_UNKNOWN": _l("We don't know the date of an earlier conviction. It only matters "
                             "if it came before this offense."),
    "CITY_ATTORNEY": _l("In this county the City Attorney, not the District Attorney, handled "
                        "many misdemeanor cases. Send your papers to the office that "
                        "prosecuted you."),
    "CONCENTRATE_UNKNOWN": _l("We don't know if this was concentrated cannabis. The law presumes "
                              "the answer that helps you unless the District Attorney proves "
                              "otherwise."),
    "CONDUCT_UNKNOWN": _l("We don't know exactly what happened. The law presumes the answer that "
                          "helps you unless the District Attorney proves otherwise."),
    "RECIPIENT_AGE_UNKNOWN": _l("We don't know how old the person who received the cannabis was. "
                                "The law presumes the answer that helps you unless the District "
                                "Attorney proves otherwise."),
    "FACTS_CONFLICT": _l("Some of the facts do not agree with each other, so a person needs to "
                         "look at the record."),
    "CODE_UNREADABLE": _l("We could not read the code section, so a person needs to look at the "
                          "record."),
    "PRIOR_UNCLEAR": _l("An earlier conviction may matter, but the record does not show enough "
                        "to tell, so a person needs to look at it."),
    "COUNTY_MAY_HAVE_CLEARED": _l("The District Attorney in this county may already have cleared "
                                  "this conviction. Check your record."),
    "DECEASED": _l("The person has died, so they cannot file for themselves."),
    "AB1793_IDENTIFIED": _l("The state identified this conviction for automatic relief, so it "
                            "may already be cleared. Check your record first."),
    "AB1793_CHALLENGED": _l("The District Attorney challenged automatic relief for this "
                            "conviction, so it will not be cleared unless someone files."),
}

#: a flag is not repeated under "Good to know" when "Why" already says it (reason ids)
FLAG_SAID_BY = {
    "QUANTITY_UNKNOWN": {"unknown.quantity_presumed"},
    "PLANTS_UNKNOWN": {"unknown.plants_presumed"},
    "PRESUMPTIVE": {"unknown.quantity_presumed", "unknown.plants_presumed",
                    "outcome.dismiss_and_seal", "outcome.recall_and_dismiss",
                    "outcome.redesignate_misdemeanor", "outcome.redesignate_infraction"},
    "OFFENSE_DATE_ASSUMED": {"date.offense_assumed"},
    "DATE_UNKNOWN": {"date.unknown"},
    "SENTENCE_STATUS_UNKNOWN": {"unknown.sentence_assumed_completed"},
    "CONDUCT_ASSUMED": {"unknown.conduct_assumed_sale"},
    "PRIOR_DATE_UNKNOWN": {"unknown.prior_date"},
    "RISK_FINDING_POSSIBLE": {"outcome.risk_finding"},
    "UNCERTAIN_LAW": {"priors.after_offense", "new.two_priors_unsettled", "scope.attempt",
                      "scope.predecessor"},
    "AGE_UNKNOWN": {"unknown.age_least_relief", "unknown.age_review"},
    "LEVEL_UNKNOWN": {"unknown.level_review"},
}

#: "what would change this answer": the answers (session keys) each line is about. A line is
#: left out when the person has already answered every one of them.
CHANGE_NEEDS = {
    "change.if_21_or_older": ("ag",),
    "change.if_serving": ("ss",),
    "change.if_small_amount": ("am",),
    "change.if_large_amount_proved": ("am",),
    "change.if_few_plants": ("pl",),
    "change.if_many_plants_proved": ("pl",),
    "change.if_personal_transfer": ("sk", "ts"),
    "change.if_felony_facts": ("mn", "um", "ie", "ev"),
    "change.if_after_effective": ("od",),
    "change.if_offense_before": ("od",),
    "change.if_felony": ("lv",),
}

#: reasons that would name or describe the person's other convictions: never shown by the lookup
OTHER_CONVICTION_REASONS = frozenset({
    "new.felony_prior_super_strike", "new.felony_prior_pc290", "new.felony_two_priors",
    "new.two_priors_unsettled", "unknown.prior_date", "priors.after_offense",
    "change.if_prior_before", "county.criterion_only_prop64", "county.criterion_crime_free",
    "county.criterion_single_completed",
})
OTHER_CONVICTION_FLAGS = frozenset({"PRIOR_DATE_UNKNOWN"})
OTHER_CONVICTIONS_SAID = _l("Other parts of the record affect this answer. The District "
                            "Attorney's office can explain them to you.")

#: the engine's reason that repeats the "already cleared" outcome in the record's voice
CLEARED_REASON = "cleared.already"

#: plain words for the legal terms the reasons use (found in the English message ids)
GLOSSARY = (
    ("conduct", _l("Conduct"), _l("What you did, as the law describes it, for example having "
                                  "or selling cannabis.")),
    ("redesignat", _l("Redesignate"), _l("The court changes the conviction to a lower level, "
                                         "for example from a felony to a misdemeanor.")),
    ("clear and convincing", _l("Clear and convincing evidence"),
     _l("Strong proof. The District Attorney must show it is highly likely, not just "
        "possible.")),
    ("resentenc", _l("Resentence"), _l("The court gives a new, lower sentence.")),
    ("dismiss", _l("Dismiss and seal"), _l("The court erases the conviction and hides the "
                                           "record from the public.")),
)

FORM_NAMES = {
    "CR-400": _l("Your petition to the court (CR-400)"),
    "CR-401": _l("Proof that the papers were delivered (CR-401)"),
    "JV-744": _l("Your petition for a juvenile case (JV-744)"),
    "JV-744A": _l("The list of juvenile offenses (JV-744A)"),
    "DA-REVIEW-REQUEST": _l("Your letter asking the District Attorney to review your case"),
    "NEXT-STEPS": _l("Your next steps, in your language"),
    "READING-COPY": _l("A copy of your petition to read, in your language"),
    #: the packet's own proof of service, carried until the official CR-401 is installed
    "PROOF-BY-ANOTHER-ADULT": _l("Proof of service by another adult"),
}

#: the short "what happens next" steps, in order
TIMELINE = (
    _l("You file the papers with the court. Filing is free."),
    _l("Another adult, not you, delivers a copy to the District Attorney's office (and the "
       "City Attorney's, if they handled your case) and signs the proof of service."),
    _l("The District Attorney has 60 days to answer."),
    _l("The court decides. Often no hearing is needed."),
    _l("A few months later, check your record to make sure it was updated."),
)


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
    """Whether the official CR-401 is installed (``documents.proof_choice``)."""
    return documents.proof_choice() is not None


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
    kind: str  # "clear" | "reduce" | "review" | "cleared" | "not-eligible" | "unknown"
    outcome: str
    source: str = ANSWERS
    minimum: str | None = None
    second_way: str | None = None  # a county program's DA review, beside the court route
    program_note: str | None = None  # "may already have been cleared by the DA's program"
    reasons: list[Line] = field(default_factory=list)
    would_change: list[Line] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    next_step: str = ""
    route: str | None = None
    terms: set[str] = field(default_factory=set)  # glossary keys its text uses
    change_url: str | None = None  # where to change the "already cleared" answer

    @property
    def relief(self) -> bool:
        return self.kind in ("clear", "reduce")


def long_date(value: date) -> str:
    """A date as the reader's language writes it, the same way as in the papers."""
    return translator(select_locale()).date(value)


def _localise(value: Any, reader: Any) -> Any:
    """Dates and decimals in parameters are written the reader's way (``reader``, the
    language's translator), as in the papers; everything else stays as given."""
    try:
        return reader.value(value)
    except ValueError:
        return value


def translate(message: str, params: dict[str, Any] | None) -> str:
    """gettext(message) % params, falling back to English if a translation is broken."""
    if params:
        reader = translator(select_locale())
        params = {k: _localise(v, reader) for k, v in params.items()}
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


def _line(reason: Mapping[str, Any]) -> Line:
    links = [Link(x["cite"], x["url"]) for x in reason.get("links") or [] if x.get("url")]
    return Line(translate(reason.get("message", ""), reason.get("params")), links)


def _terms(messages: list[str]) -> set[str]:
    text = " ".join(messages).lower()
    return {key for key, _term, _gloss in GLOSSARY if key in text}


def outcome_sentence(outcome: str, source: str = ANSWERS) -> str:
    if outcome == "ALREADY_CLEARED":
        return gettext(CLEARED_BY_SOURCE[source])
    return gettext(OUTCOME_SENTENCES[outcome]) if outcome in OUTCOME_SENTENCES else ""


def _kind(outcome: str) -> str:
    if outcome in CLEARS:
        return "clear"
    if outcome in RELIEF:
        return "reduce"
    return {"NOT_ELIGIBLE": "not-eligible", REVIEW: "review",
            "ALREADY_CLEARED": "cleared"}.get(outcome, "review")


def _program_year(county_name: str | None) -> str | None:
    county = counties.find(county_name) if county_name else None
    started = county.program_started if county else None
    return started[:4] if started else None


def _program_note(county_name: str | None) -> str:
    year = _program_year(county_name)
    if year:
        return gettext("This may already have been cleared by the District Attorney's %(year)s "
                       "motion. Check with the court clerk before you file.", year=year)
    return gettext("This may already have been cleared by the District Attorney's program. "
                   "Check with the court clerk before you file.")


def _answered(keys: tuple[str, ...], answer: Mapping[str, Any] | None) -> bool:
    """Every one of these facts that the person was asked, they answered, and at least one."""
    if answer is None:
        return False
    asked = [k for k in keys if k in answer]
    return bool(asked) and all(answer[k] not in (None, "?", "") for k in asked)


def _program_gives_more(conv: Mapping[str, Any]) -> bool:
    program = conv.get("county_outcome")
    return (program in RELIEF or program == "ALREADY_CLEARED") and program != conv["outcome"]


def _shown_outcome(conv: Mapping[str, Any], source: str) -> str:
    """The outcome the card leads with. The DA's own published answer has applied its program;
    answers to the questionnaire lead with the statute, and where only the program gives relief
    it "may already have been cleared"."""
    if source == RECORD:
        return effective_outcome(conv)
    statute = conv["outcome"]
    if _program_gives_more(conv) and statute not in RELIEF and statute != REVIEW:
        return "ALREADY_CLEARED"
    return statute


def _about_this_case_only(conv: Mapping[str, Any], source: str):
    """(reasons, would_change, flags, hidden): for the lookup, without what would name or
    describe the person's other convictions."""
    reasons = list(conv.get("reasons") or [])
    changes = list(conv.get("would_change") or [])
    flags = list(conv.get("flags") or [])
    if source != RECORD:
        return reasons, changes, flags, False
    hidden = any(r.get("id") in OTHER_CONVICTION_REASONS for r in reasons)
    return ([r for r in reasons if r.get("id") not in OTHER_CONVICTION_REASONS],
            [r for r in changes if r.get("id") not in OTHER_CONVICTION_REASONS],
            [f for f in flags if f not in OTHER_CONVICTION_FLAGS], hidden)


def _second_way(conv: Mapping[str, Any], source: str) -> str | None:
    """A county's DA review, offered beside the statute's petition."""
    if not (asks_review(conv) and files_petition(conv)):
        return None
    if source == ANSWERS:
        return gettext("There is a second way too: the District Attorney's office can review "
                       "this conviction. Your papers include both the petition and a letter "
                       "asking for that review.")
    return gettext("There is a second way too: you can ask the District Attorney's office to "
                   "review this conviction.")


def card(conv: Mapping[str, Any], title: str | None = None, *, source: str = ANSWERS,
         answer: Mapping[str, Any] | None = None, county: str | None = None) -> Card:
    """One conviction's card. ``answer`` is what the person said about it (questionnaire only),
    so "what would change this answer" leaves out what they already told us."""
    statute = conv["outcome"]
    shown = _shown_outcome(conv, source)
    kind = _kind(shown)
    reason_dicts, changes, flags, hidden = _about_this_case_only(conv, source)
    card_ = Card(
        index=conv.get("index", 0),
        title=title or conv.get("code") or "",
        case_number=conv.get("case_number"),
        badge=str(BADGES[kind]),
        kind=kind,
        outcome=outcome_sentence(shown, source),
        source=source,
        route=conv.get("route"),
        second_way=_second_way(conv, source),
    )
    if shown == "ALREADY_CLEARED" and statute != "ALREADY_CLEARED":
        card_.outcome = _program_note(county)
    elif source == ANSWERS and _program_gives_more(conv):
        card_.program_note = _program_note(county)
    card_.reasons = [_line(r) for r in reason_dicts if r.get("id") != CLEARED_REASON]
    if hidden:
        card_.reasons.append(Line(str(OTHER_CONVICTIONS_SAID)))
    if answer is not None and answer.get("od") == CHANGE_MONTH:
        card_.reasons.insert(0, Line(gettext(
            "You said it happened in November 2016 and you don't know the day. The law changed "
            "on November 9, 2016, so the day can change this answer. Your court papers or "
            "record show the date.")))
    if answer is not None:
        changes = [r for r in changes
                   if not _answered(CHANGE_NEEDS.get(r.get("id", ""), ()), answer)]
    card_.would_change = [_line(r) for r in changes]
    minimum = conv.get("minimum_outcome")
    if minimum and minimum != shown and not changes and minimum in OUTCOME_SHORT:
        card_.minimum = gettext(
            "If the District Attorney proves the facts were more serious, the court would "
            "decide: %(outcome)s.", outcome=gettext(OUTCOME_SHORT[minimum]).lower())
    card_.flags = _good_to_know(flags, {r.get("id") for r in reason_dicts},
                                program_said=bool(card_.program_note or card_.second_way
                                                  or shown != statute))
    forms = list(conv.get("forms") or [])
    if card_.second_way and "DA-REVIEW-REQUEST" not in forms:
        forms.append("DA-REVIEW-REQUEST")
    card_.forms = [form_name(f) for f in forms]
    card_.terms = _terms([r.get("message", "") for r in reason_dicts + changes])
    card_.next_step = _next_step(card_, frozenset(flags))
    return card_


def _good_to_know(flags: list[str], reason_ids: set[str], *, program_said: bool) -> list[str]:
    """The flags' plain words, leaving out what "Why" or the card already says."""
    said = {"COUNTY_POLICY_DIFFERS"} if program_said else set()
    return [str(FLAGS[f]) for f in flags if f in FLAGS and f not in said
            and not (FLAG_SAID_BY.get(f, set()) & reason_ids)]


#: the next step a card ends with, by what the person can do about the conviction
NEXT_STEP_SAID = {
    "file": _l("Next step: get your papers filled in and file them with the court."),
    "review": _l("Next step: ask the District Attorney's office to review your case. "
                 "Your papers include a letter for that."),
    "check": _l("Next step: check that your record shows it as cleared. If it does "
                "not, you can still ask the court."),
    "find-out": _l("Next step: find out what the conviction was for. Your record or the "
                   "court clerk can tell you. Then answer again."),
    "other-laws": _l("Prop 64 does not clear this conviction. Other laws may still help, such as "
                     "a dismissal under Penal Code section 1203.4. A legal aid office can tell "
                     "you more."),
}


def _next_step(card_: Card, flags: frozenset[str] = frozenset()) -> str:
    """The card's next step, following the engine's flags where they change it: a person who
    has died is never told to file for themselves, and a conviction the state identified for
    automatic relief, or a county program may have cleared, is checked in the record first."""
    if card_.relief:
        step = ("review" if "DECEASED" in flags
                else "check" if "AB1793_IDENTIFIED" in flags else "file")
    elif card_.kind == "not-eligible":
        step = "check" if "COUNTY_MAY_HAVE_CLEARED" in flags else "other-laws"
    else:
        step = {"review": "review", "cleared": "check", "unknown": "find-out"}.get(card_.kind, "other-laws")
    return str(NEXT_STEP_SAID[step])


def unknown_card(index: int, case_number: str | None) -> Card:
    card_ = Card(
        index=index,
        title=gettext("A conviction we could not check"),
        case_number=case_number,
        badge=str(BADGES["unknown"]),
        kind="unknown",
        outcome=gettext("We need to know what this conviction was for before we can give "
                        "an answer. It may well be one that can be cleared."),
    )
    card_.next_step = _next_step(card_)
    return card_


def cards(result: Mapping[str, Any] | None, sources: list[int], answers: list[dict[str, Any]],
          title: Callable[[dict[str, Any]], str], *,
          change_url: Callable[[int], str] | None = None) -> list[Card]:
    """One card per answered conviction, in the order the person gave them.

    ``sources`` maps each conviction of ``result`` to the answers it came from; answers the
    engine could not be asked about get the "needs a closer look" card.
    """
    by_answer: dict[int, Card] = {}
    county = result.get("county") if result else None
    if result:
        for conv_dict, i in zip(result["convictions"], sources):
            by_answer[i] = card(conv_dict, title=title(answers[i]), answer=answers[i],
                                county=county)
            if by_answer[i].kind == "cleared" and change_url is not None:
                by_answer[i].change_url = change_url(i)
    return [by_answer.get(i) or unknown_card(i, conv.get("cn") or None)
            for i, conv in enumerate(answers)]


def summary(shown: list[Card]) -> dict[str, Any]:
    """The few lines at the top of the results: how many can be cleared, and what to do."""
    total = len(shown)
    counts = {kind: sum(1 for c in shown if c.kind == kind) for kind in BADGES}
    counts["review"] += counts.pop("unknown")
    lines: list[str] = []
    if total == 1:
        only = shown[0]
        lines.append({
            "clear": gettext("Your conviction can be cleared."),
            "reduce": gettext("Your conviction can be reduced."),
            "review": gettext("Your conviction needs a closer look."),
            "unknown": gettext("Your conviction needs a closer look."),
            "cleared": gettext("Your conviction may already be cleared."),
            "not-eligible": gettext("Prop 64 does not clear your conviction."),
        }[only.kind])
    else:
        said = {
            "clear": lambda n: ngettext(
                "%(num)d of your %(total)d convictions can be cleared.",
                "%(num)d of your %(total)d convictions can be cleared.", n, total=total),
            "reduce": lambda n: ngettext(
                "%(num)d of your %(total)d convictions can be reduced.",
                "%(num)d of your %(total)d convictions can be reduced.", n, total=total),
            "review": lambda n: ngettext(
                "%(num)d of your %(total)d convictions needs a closer look.",
                "%(num)d of your %(total)d convictions need a closer look.", n, total=total),
            "cleared": lambda n: ngettext(
                "%(num)d of your %(total)d convictions may already be cleared.",
                "%(num)d of your %(total)d convictions may already be cleared.", n, total=total),
            "not-eligible": lambda n: ngettext(
                "%(num)d of your %(total)d convictions cannot be cleared under Prop 64.",
                "%(num)d of your %(total)d convictions cannot be cleared under Prop 64.", n,
                total=total),
        }
        lines += [say(counts[kind]) for kind, say in said.items() if counts.get(kind)]
    return {"lines": lines,
            "free": gettext("Filing is free. It takes about 15 minutes to get your papers "
                            "ready.") if any(c.relief for c in shown) else None}


def glossary(shown: list[Card]) -> list[tuple[str, str]]:
    used = set().union(*(c.terms for c in shown)) if shown else set()
    return [(str(term), str(gloss)) for key, term, gloss in GLOSSARY if key in used]


def results_view(result: Mapping[str, Any] | None, sources: list[int],
                 answers: list[dict[str, Any]], title: Callable[[dict[str, Any]], str],
                 county: str | None, as_of: date, *,
                 change_url: Callable[[int], str] | None = None) -> dict[str, Any]:
    """What every results page shows, as template variables: the summary, the cards, the
    county's offices (``county`` is the answered county, used when the engine could not be
    asked), the date and rules version, and which kinds of card there are."""
    shown = cards(result, sources, answers, title, change_url=change_url)
    kinds = {c.kind for c in shown}
    return {
        "cards": shown,
        "summary": summary(shown),
        "glossary": glossary(shown),
        "timeline": [str(step) for step in TIMELINE],
        "county": county_view(result["county"] if result else county,
                              contacts.cities_named(answers)),
        "as_of": long_date(as_of),
        "rules_version": result["rules_version"] if result else RULES_VERSION,
        "any_relief": bool(kinds & {"clear", "reduce"}),
        "any_review": "review" in kinds,
        "any_cleared": "cleared" in kinds,
        "any_unknown": "unknown" in kinds,
        "any_not_eligible": "not-eligible" in kinds,
    }


def lookup_view(found: list[Mapping[str, Any]]) -> dict[str, Any]:
    """The lookup's answer: the DA's published determination for that one case."""
    first = found[0]
    shown = [card(conv, source=RECORD, county=first.get("county")) for conv in found]
    return {
        "cards": shown,
        "glossary": glossary(shown),
        "county": county_view(first.get("county"), None if any(
            "CITY_ATTORNEY" in (conv.get("flags") or ()) for conv in found) else []),
        "as_of": first.get("as_of"),
        "rules_version": first.get("rules_version"),
    }


county_view = contacts.county_view
CountyView = contacts.CountyView
Office = contacts.OfficeView


def outcome_names() -> dict[str, str]:
    """Each outcome's plain sentence, translated (the clinic's counts use these)."""
    return {key: outcome_sentence(key) for key in OUTCOME_SENTENCES}


#: file name prefix (documents.packet) → the paper's plain name
_FILE_KINDS = (
    ("CR-400_", "CR-400"),
    ("CR-401_", "CR-401"),
    ("proof-of-service_", "PROOF-BY-ANOTHER-ADULT"),
    ("DA-review-request_", "DA-REVIEW-COPY"),
    ("DA-review-request", "DA-REVIEW-REQUEST"),
    ("next-steps", "NEXT-STEPS"),
    ("reading-copy", "READING-COPY"),
)


def file_label(name: str) -> str:
    """Link text for one downloadable paper: what it is, and for which case."""
    for prefix, kind in _FILE_KINDS:
        if name.startswith(prefix):
            if kind == "DA-REVIEW-COPY":
                return gettext("Your copy of the letter to the District Attorney, in your "
                               "language")
            label = str(FORM_NAMES[kind])
            rest = name[len(prefix):].removesuffix(".pdf") if prefix.endswith("_") else ""
            if rest.startswith("conviction-"):
                return gettext("%(paper)s, conviction %(number)s", paper=label,
                               number=rest.removeprefix("conviction-"))
            if rest:
                return gettext("%(paper)s, case %(number)s", paper=label, number=rest)
            return label
    return name

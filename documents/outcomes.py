"""How each outcome is said to a person: one table for the website and the papers.

The engine's outcome vocabulary (docs/case-file.md, "The result") is turned into one plain sentence and
one short label each. The website and the papers a person reads both translate these same
msgids, so they cannot drift apart. Court forms use their own English (``fields.RELIEF_ON_FORM``).
"""

from __future__ import annotations

from .i18n import N_

#: one plain sentence per outcome, in the person's language (translated where it is shown)
OUTCOME_SENTENCES = {
    "DISMISS_AND_SEAL": N_("You can ask the court to dismiss and seal this conviction."),
    "RECALL_AND_DISMISS": N_("You can ask the court to end your sentence and dismiss this conviction."),
    "REDESIGNATE_MISDEMEANOR": N_("You can ask the court to reduce this conviction to a misdemeanor."),
    "REDESIGNATE_INFRACTION": N_("You can ask the court to reduce this conviction to an infraction."),
    "RESENTENCE_MISDEMEANOR": N_(
        "You can ask the court to resentence you for this conviction as a misdemeanor."
    ),
    "RESENTENCE_INFRACTION": N_(
        "You can ask the court to resentence you for this conviction as an infraction."
    ),
    "RESENTENCE": N_("You can ask the court to resentence you for this conviction."),
    "NOT_ELIGIBLE": N_("This conviction cannot be cleared under Proposition 64."),
    "NEEDS_DA_REVIEW": N_("A person at the District Attorney's office must review this conviction."),
    "ALREADY_CLEARED": N_("Your answers say this conviction was already cleared."),
}

#: ALREADY_CLEARED said by where the answer came from: the person's answers or a record
CLEARED_BY_SOURCE = {
    "answers": OUTCOME_SENTENCES["ALREADY_CLEARED"],
    "record": N_("The record shows this conviction was already cleared."),
}

#: a short label per outcome (lists, the clinic summary)
OUTCOME_SHORT = {
    "DISMISS_AND_SEAL": N_("Dismiss and seal"),
    "RECALL_AND_DISMISS": N_("End sentence and dismiss"),
    "REDESIGNATE_MISDEMEANOR": N_("Reduce to a misdemeanor"),
    "REDESIGNATE_INFRACTION": N_("Reduce to an infraction"),
    "RESENTENCE_MISDEMEANOR": N_("Resentence as a misdemeanor"),
    "RESENTENCE_INFRACTION": N_("Resentence as an infraction"),
    "RESENTENCE": N_("Resentence"),
    "NOT_ELIGIBLE": N_("Not eligible"),
    "NEEDS_DA_REVIEW": N_("Needs review by the DA"),
    "ALREADY_CLEARED": N_("Already cleared"),
}

"""The papers a person reads, in their language: next steps, the reading copy of each petition,
the DA review letter (English for the office, a copy in the person's language) and the clinic
summary. Court forms are in ``render.py`` and stay in English.

Each paper is a ``write_*(make, …)`` function: ``make(footer, **layout)`` returns the writer,
a PDF :class:`~documents.flow.Flow` or the accessible copy's ``html.HtmlFlow``, so both say the
same. ``draw_*(canvas, …)`` lays a paper out on PDF pages.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from rules import counties

from .fields import (
    OUTCOME_SENTENCES,
    OUTCOME_SHORT,
    CR400Fields,
    NextStepsFields,
    ReasonRef,
)
from .flow import Flow
from .i18n import DAY, MONTH, N_, YEAR, Translator, us_date
from .layouts import LETTER as L
from .review import LetterFields, LetterItem, da_desk, da_office
from .scripts import NAME_ON_WEB_PAGE

#: ``make(footer, **layout)``: the writer a paper is written to
Make = Callable[..., Any]

DOJ_RECORD_REVIEW = "https://oag.ca.gov/fingerprints/record-review"
COURT_FORMS = "https://courts.ca.gov/rules-forms/find-your-court-forms"
LAWHELP = "https://www.lawhelpca.org"
SELF_HELP = "https://selfhelp.courts.ca.gov"

SECTION_MEANINGS = {
    "11357": N_("11357: having (possessing) cannabis"),
    "11358": N_("11358: growing (cultivating) cannabis"),
    "11359": N_("11359: having cannabis to sell"),
    "11360": N_("11360: selling, giving away, transporting, or importing cannabis"),
    "11362.1": N_("11362.1: personal use of cannabis"),
}

LEVEL_WORDS = {
    "Felony": N_("felony"),
    "Misdemeanor": N_("misdemeanor"),
    "Infraction": N_("infraction"),
}

RELIEF_WORDS = {
    "Dismiss and seal": N_("dismiss and seal the conviction"),
    "Recall sentence and dismiss": N_("end the sentence and dismiss the conviction"),
    "Redesignate as misdemeanor": N_("reduce the conviction to a misdemeanor"),
    "Redesignate as infraction": N_("reduce the conviction to an infraction"),
    "Recall and resentence as misdemeanor": N_("resentence you for a misdemeanor"),
    "Recall and resentence as infraction": N_("resentence you for an infraction"),
    "Recall and resentence": N_("resentence you"),
}


def _name(flow: Any, tr: Translator, name: str) -> str:
    """The name as typed, or a placeholder where the PDF cannot shape its script."""
    return name if flow.can_draw(name) else tr.gettext(NAME_ON_WEB_PAGE)


_US_DATE = re.compile(r"^(\d{2})/(?:(\d{2})/)?(\d{4})$")


def precision_of(value: date) -> str:
    """A date known only to the month (the papers' ``MonthDate``) is never given a day."""
    return MONTH if type(value).__name__ == "MonthDate" else DAY


def _form_date(tr: Translator, text: str) -> str:
    """A date as the court form prints it (MM/DD/YYYY, MM/YYYY or YYYY), written out for the reader."""
    match = _US_DATE.match(text or "")
    if match:
        month, day, year = match.groups()
        return tr.date(date(int(year), int(month), int(day or 1)), DAY if day else MONTH)
    if re.fullmatch(r"\d{4}", text or ""):
        return tr.date(date(int(text), 1, 1), YEAR)
    return text


def _reason_text(tr: Translator, reason: ReasonRef, with_cites: bool = True) -> str:
    text = tr.reason(reason.as_dict)
    if with_cites and reason.citations:
        text = f"{text} ({'; '.join(reason.citations)})"
    return text


def _conviction_heading(tr: Translator, code: str, case_number: str) -> str:
    _ = tr.gettext
    if case_number:
        return _("%(code)s, case number %(case)s", code=code, case=case_number)
    return _("%(code)s, case number not known", code=code)


# --- next steps ------------------------------------------------------------------------------


def draw_next_steps(canvas: Canvas, f: NextStepsFields, tr: Translator, *, official_proof: bool = False) -> None:
    write_next_steps(partial(Flow, canvas), f, tr, official_proof=official_proof)


def write_next_steps(make: Make, f: NextStepsFields, tr: Translator, *, official_proof: bool = False) -> None:
    """``official_proof``: the packet carries the official CR-401, not the proof of service by
    another adult."""
    _ = tr.gettext
    footer = _("Next steps. This is not legal advice. Results as of %(date)s, rules version %(version)s.",
               date=tr.date(f.as_of), version=f.rules_version)
    flow = make(footer)
    if f.person_name:
        subtitle = _("Prepared for %(name)s on %(date)s. Keep this sheet. Do not file it with the court.",
                     name=_name(flow, tr, f.person_name), date=tr.date(f.as_of))
    else:
        subtitle = _("Prepared on %(date)s. Keep this sheet. Do not file it with the court.", date=tr.date(f.as_of))
    flow.title(_("Your next steps"), subtitle)

    flow.heading(_("Your results"))
    for s in f.convictions:
        flow.paragraph(_conviction_heading(tr, s.code, s.case_number), bold=True)
        flow.paragraph(_(OUTCOME_SENTENCES[s.outcome]))
        flow.bullets([_reason_text(tr, r) for r in s.reasons], size=L.SMALL_SIZE)
        if s.would_change:
            flow.paragraph(_("What would change this answer:"), size=L.SMALL_SIZE, bold=True)
            flow.bullets([_reason_text(tr, r) for r in s.would_change], size=L.SMALL_SIZE)

    if f.petitions:
        _petition_steps(flow, f, tr, official_proof)
    if f.juvenile:
        _juvenile_steps(flow, f, tr)
    if f.da_review:
        _da_review_steps(flow, f, tr)
    if f.already_cleared:
        flow.heading(_("Check your record"))
        flow.paragraph(_("Your record may already show that a conviction was cleared. The courts had to "
                         "update many cannabis records on their own."))
        flow.paragraph(_("To be sure, ask the court clerk, or ask the California Department of Justice for "
                         "a copy of your record: %(url)s", url=DOJ_RECORD_REVIEW))
        flow.paragraph(_(RECORD_REVIEW_NOTE))
        flow.paragraph(_("If the conviction was not cleared, you can still file a petition (form CR-400)."))
    if f.not_eligible:
        flow.heading(_("Convictions that Prop 64 does not clear"))
        flow.paragraph(_("Other laws may still help, for example a dismissal under Penal Code section "
                         "1203.4. A lawyer or the court's self-help center can tell you more."))

    if f.petitions or f.juvenile:
        flow.heading(_("What this relief does and does not do"))
        flow.bullets([
            _("A conviction that is reduced becomes a misdemeanor or an infraction for all purposes."),
            _("A conviction that is dismissed and sealed no longer counts as a conviction, and most people "
              "who check your record will not see it."),
            _("It does not change records kept by other states or by the federal government."),
            _("Guns: clearing a conviction may not give back the right to own a gun. Talk to a lawyer "
              "before you buy or carry a gun."),
            _("Immigration: relief in a state court may not fix immigration problems. If you are not a "
              "U.S. citizen, talk to an immigration lawyer before you file."),
        ])

    flow.heading(_("Free legal help"))
    helpers = []
    if f.county:
        helpers.append(_("The public defender's office in %(county)s County.", county=f.county))
    helpers.append(_("Free legal aid near you: %(url)s", url=LAWHELP))
    helpers.append(_("The California courts' self-help guide: %(url)s", url=SELF_HELP))
    flow.bullets(helpers)
    flow.finish()


#: Who signs the proof of service, and which it is: the official CR-401 (True) or the page the
#: packet carries until it is installed, which says it is not form CR-401 (False).
SERVER_SIGNS_PROOF = {
    True: N_("The person who serves the papers fills in and signs the Proof of Service (form CR-401) in "
             "this packet."),
    False: N_("The person who serves the papers fills in and signs the proof of service in this packet, "
              "titled \"PROOF OF SERVICE BY ANOTHER ADULT\". It is not form CR-401, but it states the "
              "same facts: who was served, when, and how."),
}
#: The reading copy's explanation of the proof of service, for each kind
PROOF_READING = {
    True: (N_("Proof of service (form CR-401)"),
           N_("The adult who serves the prosecutor fills in and signs this form. It says who was served, "
              "when, and how. You cannot serve the papers yourself.")),
    False: (N_("Proof of service by another adult"),
            N_("The adult who serves the prosecutor fills in and signs the page titled \"PROOF OF SERVICE "
               "BY ANOTHER ADULT\". It says who was served, when, and how. It is not form CR-401: the "
               "CR-400 says that form CR-401 may be used, and this page states the same facts. You cannot "
               "serve the papers yourself.")),
}
#: The clinic summary's to-do line, for each kind of proof of service
CLINIC_TODO_PETITION = {
    True: N_("Sign and date each petition (CR-400), make two copies, have an adult serve the prosecutor "
             "(CR-401), then file at the court."),
    False: N_("Sign and date each petition (CR-400), make two copies, have an adult serve the prosecutor "
              "and sign the proof of service by another adult (not form CR-401), then file at the court."),
}

#: Said in every language wherever a filing or a record check is explained.
FILING_IS_FREE = N_("Filing is free: there is no filing fee for these petitions. The law for them (Health "
                    "and Safety Code section 11361.8) sets no fee. If the clerk asks for one, ask them to "
                    "check.")
RECORD_REVIEW_NOTE = N_("To get your record from the Department of Justice (a \"record review\"), you have "
                        "your fingerprints taken by Live Scan, and there is a fee. Ask whether you can get "
                        "the fee waived.")
CITY_ATTORNEY_NOTE = N_("In %(county)s County, the city attorney, not the District Attorney, prosecutes "
                        "misdemeanors in some cities (for example, the City of Los Angeles).")


def _city_attorney_note(f: NextStepsFields, tr: Translator) -> str:
    """The county directory's note is English: English papers print it as written; the others
    say the same in the reader's language."""
    if tr.lang == "en":
        return f.city_attorney_note
    return tr.gettext(CITY_ATTORNEY_NOTE, county=f.county)


def _court_lines(f: NextStepsFields, tr: Translator) -> list[str]:
    lines = [f.court_name] if f.court_name else []
    lines.extend(f.court_address)
    return lines


def _petition_steps(flow: Flow, f: NextStepsFields, tr: Translator, official_proof: bool) -> None:
    _ = tr.gettext
    n = len(f.petitions)
    flow.heading(_("Step 1: Check and sign your petition"))
    flow.paragraph(tr.ngettext(
        "This packet has %(num)d petition (form CR-400), one for each case.",
        "This packet has %(num)d petitions (form CR-400), one for each case.",
        n,
    ))
    flow.bullets([
        _("Read the reading copy in this packet. It explains each line of the petition in your language."),
        _("Check every fact. If something is wrong, correct it neatly by hand before you sign."),
        _("Items 3 and 4 are your choice. Check them only if you want to."),
        _("Write the date and sign each petition yourself."),
    ])
    for label in f.attachments:
        flow.paragraph(_("The petition for case %(case)s lists its convictions on an attachment page. Keep "
                         "the attachment with the petition and file them together.", case=label))

    flow.heading(_("Step 2: Make copies"))
    flow.paragraph(_("Make two copies of each signed petition and its attachments. The original is for the "
                     "court, one copy is for the prosecutor, and one copy is for you."))

    flow.heading(_("Step 3: Serve the prosecutor"))
    flow.paragraph(_("An adult who is not you must give or mail a copy of each petition to the prosecutor. "
                     "You cannot do this yourself. A friend or family member over 18 can do it."))
    if f.city_attorney_possible:
        flow.paragraph(_("Serve the office that prosecuted your case. For a misdemeanor in some cities this "
                         "is the city attorney, not the District Attorney. Your court papers show which "
                         "office it was."))
        if f.city_attorney_note:
            flow.paragraph(_city_attorney_note(f, tr), size=L.SMALL_SIZE)
    if f.prosecutor_name:
        lines = [f.prosecutor_name, *f.prosecutor_address]
        if f.prosecutor_phone:
            lines.append(_("Telephone: %(phone)s", phone=f.prosecutor_phone))
        flow.lines(lines, bold=False, indent=L.BULLET_INDENT)
    flow.paragraph(_(SERVER_SIGNS_PROOF[official_proof]))

    flow.heading(_("Step 4: File the papers at the court"))
    flow.paragraph(_("Take or mail the original petition and the signed proof of service to the criminal "
                     "clerk's office of the court:"))
    court = _court_lines(f, tr)
    if f.court_address:
        flow.lines(court, indent=L.BULLET_INDENT)
    else:
        if court:
            flow.lines(court, indent=L.BULLET_INDENT)
        flow.paragraph(_("Find the court's address at %(url)s.", url=f.court_website))
    flow.paragraph(_("Ask the clerk to stamp your copy with the date, and keep it."))
    flow.paragraph(_(FILING_IS_FREE))

    flow.heading(_("What happens next"))
    flow.paragraph(_("The prosecutor may answer your petition on form CR-402. Then the judge decides and "
                     "signs an order on form CR-403."))
    flow.paragraph(_("If you finished your sentence, there is no hearing unless you ask for one. If you "
                     "want a hearing, ask the clerk how to request one when you file."))
    if f.serving:
        flow.paragraph(_("If you are still serving your sentence, the court may hold a hearing. The "
                         "prosecutor can ask the judge to say no if they believe you would be a danger to "
                         "public safety."))
    flow.paragraph(_("Many courts decide within a few weeks to a few months. It differs from court to "
                     "court."))

    flow.heading(_("How to check the result"))
    flow.bullets([
        _("Ask the clerk for a copy of the signed order (form CR-403) and keep it."),
        _("A few months later, ask the California Department of Justice for a copy of your record to "
          "check that it was updated: %(url)s", url=DOJ_RECORD_REVIEW),
        _(RECORD_REVIEW_NOTE),
    ])


def _juvenile_steps(flow: Flow, f: NextStepsFields, tr: Translator) -> None:
    _ = tr.gettext
    flow.heading(_("Cases from juvenile court: forms JV-744 and JV-744A"))
    flow.paragraph(_("For a case from juvenile court, do not use form CR-400. Use form JV-744 (Request to "
                     "Reduce Juvenile Marijuana Offense), and list each offense on form JV-744A."))
    if f.county:
        flow.paragraph(_("File them at the juvenile court in %(county)s County, and have an adult who is not "
                         "you serve a copy on the prosecutor.", county=f.county))
    else:
        flow.paragraph(_("File them at the juvenile court in the county where the case was, and have an "
                         "adult who is not you serve a copy on the prosecutor."))
    flow.paragraph(_("The prosecutor may answer on form JV-745, and the court decides on form JV-746. You can "
                     "get the forms from the court clerk or at %(url)s.", url=COURT_FORMS))
    flow.paragraph(_(FILING_IS_FREE))
    flow.paragraph(_("Juvenile records can also be sealed under other laws. Ask a lawyer or the court's "
                     "self-help center."))


def _da_review_steps(flow: Flow, f: NextStepsFields, tr: Translator) -> None:
    _ = tr.gettext
    flow.heading(_("Ask the District Attorney to review your case"))
    flow.paragraph(_("A person at the District Attorney's office must look at some of your convictions. "
                     "This packet has a letter that asks them to do this."))
    flow.bullets([
        _("Sign the English letter and send it to the office below. Keep a copy."),
        _("The copy in your language is for you, so you know what the letter says. Do not send it."),
    ])
    county = counties.find(f.county) if f.county else None
    name, address, phone, verified, website = da_office(county) if county else ("", (), "", False, "")
    if name:
        flow.lines([name, *address], indent=L.BULLET_INDENT)
    if address and not verified:
        if website:
            flow.paragraph(_("This address is from public listings we could not confirm. Check it on the "
                             "office's website before you mail the letter: %(url)s", url=website))
        else:
            flow.paragraph(_("This address is from public listings we could not confirm. Call the office "
                             "to check it before you mail the letter."))
    desk = da_desk(county) if county else ()
    if address and "address" in desk:
        flow.paragraph(_("This address is the office's victim services desk. Ask them to pass your letter to "
                         "the person who handles clearing records."))
    if phone and "phone" in desk:
        flow.paragraph(_("You can also call %(phone)s, the office's victim services desk, and ask for the "
                         "person who handles clearing records.", phone=phone))
    elif phone:
        flow.paragraph(_("You can also call %(phone)s to ask about your case.", phone=phone))
    elif not address:
        flow.paragraph(_("Find the District Attorney's address on the county's website, or ask the court "
                         "clerk."))


# --- reading copy ----------------------------------------------------------------------------

#: What the reading copy says about each blank the person fills in by hand (``CR400Fields.handwrite``).
HANDWRITE_NOTES = {
    "count": N_("On Attachment 1, the count number of each conviction, if your court papers show it."),
    "level": N_("On Attachment 1, whether each conviction marked \"not known\" was a felony or a misdemeanor."),
    "conviction_date": N_("On Attachment 1, the date of each conviction whose date is blank."),
    "conviction_day": N_("On Attachment 1, the day of the month of a conviction, if you know it. Only the "
                         "month and year were given, so no day is printed."),
}


def draw_reading_copy(canvas: Canvas, petitions: Sequence[CR400Fields], tr: Translator, *,
                      official_proof: bool = False) -> None:
    write_reading_copy(partial(Flow, canvas), petitions, tr, official_proof=official_proof)


def write_reading_copy(make: Make, petitions: Sequence[CR400Fields], tr: Translator, *,
                       official_proof: bool = False) -> None:
    _ = tr.gettext
    flow = make(_("Reading copy. Do not file this page. The court needs the English form."))
    for i, f in enumerate(petitions):
        if i:
            flow.new_page()
        case = f.case_number or _("not known")
        flow.title(_("What your petition says (case %(case)s)", case=case),
                   _("This reading copy explains, line by line, the English form CR-400 you will sign. Do "
                     "not file it. The court needs the English form."))
        _reading_caption(flow, f, tr)
        _reading_items(flow, f, tr, official_proof)
    flow.finish()


def _reading_caption(flow: Flow, f: CR400Fields, tr: Translator) -> None:
    _ = tr.gettext
    flow.heading(_("Top left box: who is filing"))
    p = f.party
    if p.name:
        address = ", ".join(x for x in (p.street, p.city, p.state, p.zip) if x)
        flow.paragraph(_("Name: %(name)s. Address: %(address)s. Telephone: %(phone)s.",
                         name=_name(flow, tr, p.name), address=address, phone=p.phone))
        if p.attorney_for == "In Pro Per":
            flow.paragraph(_("\"In Pro Per\" means that you are filing without a lawyer."))
        else:
            flow.paragraph(_("Your lawyer's name and State Bar number are in this box."))
    else:
        flow.paragraph(_("This box is empty. Write your name, address, and telephone number by hand. Next "
                         "to \"ATTORNEY FOR\", write \"In Pro Per\" if you have no lawyer."))
    flow.heading(_("Court and case"))
    if f.county:
        flow.paragraph(_("Court: the Superior Court of California, County of %(county)s.", county=f.county))
    else:
        flow.paragraph(_("Court: write the county of the court that convicted you."))
    if f.defendant:
        flow.paragraph(_("Case name: The People of the State of California against %(name)s. You were the "
                         "defendant in this case.", name=_name(flow, tr, f.defendant)))
    else:
        flow.paragraph(_("Case name: write your name after \"DEFENDANT\"."))
    if f.case_number:
        flow.paragraph(_("Case number: %(case)s.", case=f.case_number))
    else:
        flow.paragraph(_("Case number: write the case number from your court papers."))
    flow.heading(_("Title box: what kind of request"))
    if f.title_f:
        flow.paragraph(_("Checked: \"REDESIGNATION OR DISMISSAL/SEALING\" (section 11361.8(f)). This means "
                         "that you finished your sentence and ask the court to clear or reduce the "
                         "conviction."))
    if f.title_b:
        flow.paragraph(_("Checked: \"RESENTENCING OR DISMISSAL\" (section 11361.8(b)). This means that you "
                         "are still serving your sentence and ask the court to end or reduce it."))


def _reading_items(flow: Flow, f: CR400Fields, tr: Translator, official_proof: bool) -> None:
    _ = tr.gettext
    flow.heading(_("Item 1: Conviction information"))
    flow.paragraph(_("These boxes are checked, for the law you were convicted under:"))
    flow.bullets([_(SECTION_MEANINGS[s]) for s in f.item1])
    flow.paragraph(_("The form has no place for each conviction's details, so they are listed on "
                     "Attachment 1, which is part of your petition:"))
    rows = []
    for line in f.lines:
        level = _(LEVEL_WORDS[line.level]) if line.level in LEVEL_WORDS else _("level not known")
        when = _form_date(tr, line.conviction_date) if line.conviction_date else _("date not known")
        relief = _(RELIEF_WORDS[line.relief]) if line.relief in RELIEF_WORDS else line.relief
        rows.append(_("%(code)s, %(level)s, convicted on %(date)s. You ask the court to %(relief)s.",
                      code=line.code, level=level, date=when, relief=relief))
    flow.bullets(rows)
    handwrite = getattr(f, "handwrite", ())
    by_hand = [_(HANDWRITE_NOTES[key]) for key in HANDWRITE_NOTES if key in handwrite]
    if by_hand:
        flow.paragraph(_("Write these in by hand, from your court papers, before you sign:"), bold=True)
        flow.bullets(by_hand)

    flow.heading(_("Item 2: Your request"))
    if f.item2_petition:
        flow.paragraph(_("Checked: a. PETITION. You are still serving a sentence for these convictions, and "
                         "you ask the court to end the sentence, dismiss it, or give you a lower sentence."))
    if f.item2_application:
        flow.paragraph(_("Checked: b. APPLICATION. You finished the sentence for these convictions, and you "
                         "ask the court to dismiss and seal them, or to reduce them to a misdemeanor or an "
                         "infraction."))

    for heading, text in (
        (_("Item 3: Waiver of hearing by the original judge (your choice)"),
         _("This box is empty. If you check it, you agree that any judge can decide your petition, "
           "not only the judge who sentenced you.")),
        (_("Item 4: Waiver of appearance (your choice)"),
         _("This box is empty. If you check it, you give up your right to be at a hearing on your "
           "petition.")),
        (_("Date and signature"),
         _("Write the date next to \"Dated\" and sign above \"SIGNATURE OF PETITIONER/APPLICANT\". When "
           "you sign, you ask the court for what the form says.")),
        tuple(_(text) for text in PROOF_READING[official_proof]),
    ):
        flow.heading(heading)
        flow.paragraph(text)


# --- DA review letter -------------------------------------------------------------------------

#: What the statute gives a conviction, said to the DA's office.
STATUTE_SENTENCES = {
    "DISMISS_AND_SEAL": N_("Under Health and Safety Code section 11361.8, this conviction qualifies to be "
                           "dismissed and sealed."),
    "RECALL_AND_DISMISS": N_("Under Health and Safety Code section 11361.8, this conviction qualifies for "
                             "the sentence to be recalled and the conviction dismissed."),
    "REDESIGNATE_MISDEMEANOR": N_("Under Health and Safety Code section 11361.8, this conviction qualifies "
                                  "to be redesignated as a misdemeanor."),
    "REDESIGNATE_INFRACTION": N_("Under Health and Safety Code section 11361.8, this conviction qualifies "
                                 "to be redesignated as an infraction."),
    "RESENTENCE_MISDEMEANOR": N_("Under Health and Safety Code section 11361.8, this conviction qualifies "
                                 "for resentencing as a misdemeanor."),
    "RESENTENCE_INFRACTION": N_("Under Health and Safety Code section 11361.8, this conviction qualifies "
                                "for resentencing as an infraction."),
    "RESENTENCE": N_("Under Health and Safety Code section 11361.8, this conviction qualifies for "
                     "resentencing."),
    "": N_("Under Health and Safety Code section 11361.8, the answer depends on facts your office can "
           "check."),
}


def draw_da_letter(canvas: Canvas, f: LetterFields, tr: Translator, *, translated_copy: bool) -> None:
    """The letter on as many pages as it takes (one for up to three convictions); every page
    after the first names the person and says "page N of M"."""
    pages = write_da_letter(partial(Flow, Canvas(io.BytesIO(), invariant=1)), f, tr,
                            translated_copy=translated_copy)
    write_da_letter(partial(Flow, canvas), f, tr, translated_copy=translated_copy, pages=pages)


def write_da_letter(make: Make, f: LetterFields, tr: Translator, *, translated_copy: bool,
                    pages: int = 1) -> int:
    """Written to the office, about the person, in the third person. Returns the page count."""
    _ = tr.gettext
    when = (lambda d: us_date(d, precision_of(d))) if tr.lang == "en" else (lambda d: tr.date(d, precision_of(d)))
    flow = make(
        _("Request for review of cannabis convictions (Health and Safety Code section 11361.8)"),
        body_size=L.LETTER_BODY_SIZE,
        page_label=lambda page: _("Page %(page)d of %(pages)d", page=page, pages=max(pages, page)),
    )
    # a name the PDF cannot draw is written in by hand, as the court record spells it
    name = f.sender_name if f.sender_name and flow.can_draw(f.sender_name) else ""
    flow.running_head = name or _("Request for DA review")
    if translated_copy:
        flow.paragraph(_("Translation for your records. Send the English letter to the District Attorney's "
                         "office, not this copy."), bold=True)
        flow.rule()
    _letter_addresses(flow, f, tr, name)
    court = f.court_name or _("Superior Court of California")
    subject = name or _("The person signing this letter")
    n = len(f.items)
    flow.paragraph(tr.ngettext(
        "Re: Request for review of a cannabis conviction, %(court)s (Health and Safety Code section 11361.8)",
        "Re: Request for review of cannabis convictions, %(court)s (Health and Safety Code section 11361.8)",
        n, court=court), bold=True)
    flow.paragraph(_("To the Office of the District Attorney:"))
    intro = tr.ngettext(
        "%(name)s asks your office to review the cannabis conviction below, from the %(court)s, under "
        "Proposition 64 (Health and Safety Code section 11361.8).",
        "%(name)s asks your office to review the cannabis convictions below, from the %(court)s, under "
        "Proposition 64 (Health and Safety Code section 11361.8).", n, name=subject, court=court)
    if f.date_of_birth:
        intro += " " + _("%(name)s was born on %(dob)s.", name=subject, dob=when(f.date_of_birth))
    flow.paragraph(intro)
    for item in f.items:
        _letter_item(flow, item, tr, when)
    flow.heading(_("The request"))
    flow.paragraph(tr.ngettext(
        "Please review this conviction and, if it qualifies, ask the court to grant the relief that Health "
        "and Safety Code section 11361.8 gives it. If your office will not, please say so in writing, so "
        "that %(name)s can file a petition (form CR-400) with the court.",
        "Please review these convictions and, for each one that qualifies, ask the court to grant "
        "the relief that Health and Safety Code section 11361.8 gives it. If your office will not, please "
        "say so in writing, so that %(name)s can file a petition (form CR-400) with the court.",
        n, name=subject))
    if f.sender_phone:
        flow.paragraph(_("Please send your answer to %(name)s at the address above, or call %(phone)s.",
                         name=subject, phone=f.sender_phone))
    else:
        flow.paragraph(_("Please send your answer to %(name)s at the address above.", name=subject))
    cites = list(dict.fromkeys(c for item in f.items for c in item.citations))
    if cites:
        flow.paragraph(_("Law cited: %(cites)s", cites="; ".join(cites)), size=L.SMALL_SIZE)
    flow.paragraph(_("Thank you."))
    flow.space(14)
    flow.lines([_("Signature: ______________________________   Date: ______________")])
    flow.lines([_("Printed name: %(name)s", name=name) if name else
                _("Printed name: ______________________________")])
    flow.finish()
    return getattr(flow, "page", 1)


def _letter_addresses(flow: Any, f: LetterFields, tr: Translator, name: str) -> None:
    """The requester's contact details, then the office the letter goes to."""
    _ = tr.gettext
    sender = [name or _("Name: ______________________________")]
    sender += f.sender_address or [_("Address: ______________________________")]
    sender.append(_("Telephone: %(phone)s", phone=f.sender_phone) if f.sender_phone
                  else _("Telephone: ______________________________"))
    if f.sender_email:
        sender.append(_("E-mail: %(email)s", email=f.sender_email))
    flow.lines(sender, size=L.LETTER_SENDER_SIZE)
    office = [f.office_name or _("Office of the District Attorney")]
    office.extend(f.office_address)
    if f.office_phone:
        office.append(_("Telephone: %(phone)s", phone=f.office_phone))
    flow.lines(office, size=L.LETTER_SENDER_SIZE)


def _letter_item(flow: Any, item: LetterItem, tr: Translator, when: Callable[[date], str]) -> None:
    _ = tr.gettext
    unknown = _("not known")
    level = _(LEVEL_WORDS[item.level]) if item.level in LEVEL_WORDS else _("level not known")
    if item.case_number:
        heading = _("Case %(case)s: %(code)s, %(level)s", case=item.case_number, code=item.code, level=level)
    else:
        heading = _("Case number not known: %(code)s, %(level)s", code=item.code, level=level)
    status = {True: _("completed"), False: _("still serving")}.get(item.completed, unknown)
    facts = _("Offense date: %(offense)s. Conviction date: %(conviction)s. Sentence: %(status)s.",
              offense=when(item.offense_date) if item.offense_date else unknown,
              conviction=when(item.conviction_date) if item.conviction_date else unknown, status=status)
    flow.paragraph(heading, size=L.LETTER_TABLE_SIZE + 0.5, bold=True)
    flow.paragraph(facts, size=L.LETTER_TABLE_SIZE)
    flow.paragraph(_(STATUTE_SENTENCES.get(item.statute, STATUTE_SENTENCES[""])), size=L.LETTER_TABLE_SIZE)
    flow.bullets([_(msgid, **dict(params)) for msgid, params in item.why], size=L.LETTER_TABLE_SIZE)


# --- clinic summary --------------------------------------------------------------------------


def draw_clinic_summary(
    canvas: Canvas,
    f: NextStepsFields,
    tr: Translator,
    *,
    client_label: str | None,
    prepared: Sequence[str],
    detail: int = 2,
    body_size: float = L.SUMMARY_BODY_SIZE,
    official_proof: bool = False,
) -> bool:
    """One page. ``detail`` is how many reasons to show per conviction. Returns True when
    something did not fit (the caller then tries again with less detail)."""
    _ = tr.gettext
    footer = _("Clinic summary. Not legal advice. Results as of %(date)s, rules version %(version)s.",
               date=tr.date(f.as_of), version=f.rules_version)
    flow = Flow(canvas, footer, body_size=body_size, heading_size=L.SUMMARY_HEADING_SIZE, max_pages=1)
    label = _name(flow, tr, client_label) if client_label else ""
    title = _("Clinic summary: %(client)s", client=label) if label else _("Clinic summary")
    where = _("County: %(county)s", county=f.county) if f.county else _("County: not given")
    when = _("Date: %(date)s", date=tr.date(f.as_of))
    flow.title(title, f"{where}. {when}", outline=_("Clinic summary"))
    flow.heading(_("What the client must do next"))
    todo = []
    if f.petitions:
        todo.append(_(CLINIC_TODO_PETITION[official_proof]))
    if f.juvenile:
        todo.append(_("For juvenile cases, file forms JV-744 and JV-744A at the juvenile court."))
    if f.da_review:
        phone = f.prosecutor_phone or _("the number on the letter")
        todo.append(_("Sign and send the DA review letter; call %(phone)s to follow up.", phone=phone))
    if f.already_cleared:
        todo.append(_("Check the record with the court or the Department of Justice to confirm it was "
                      "cleared."))
    if not todo:
        todo.append(_("Nothing to file under Prop 64. Talk about other relief, such as Penal Code section "
                      "1203.4."))
    todo.append(_("Not a U.S. citizen, or owns a gun: talk to a lawyer before filing."))
    flow.bullets(todo)
    flow.heading(_("What was prepared"))
    if prepared:
        flow.bullets(list(prepared))
    else:
        flow.paragraph(_("No papers were prepared."))
    flow.heading(_("Each conviction"))
    for s in f.convictions:
        flow.paragraph(f"{_conviction_heading(tr, s.code, s.case_number)}: {_(OUTCOME_SHORT[s.outcome])}",
                       bold=True)
        if detail:
            flow.bullets([_reason_text(tr, r) for r in s.reasons[-detail:]], size=body_size - 0.5)
    flow.finish()
    return flow.truncated

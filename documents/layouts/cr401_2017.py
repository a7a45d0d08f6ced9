"""CR-401, Proof of Service for Petition/Application (Health and Safety Code, § 11361.8)—Adult
Crime(s).

Revision pinned: **New July 1, 2017**, the edition the CR-400 footer refers to (LAW.md §9.2 and
§9.3). The caption shares the Judicial Council caption geometry of the CR-400 layout; the items
follow the proof-of-service content in LAW.md §9.3.
"""

from __future__ import annotations

from reportlab.lib.units import inch

from ..typeset import Box
from .cr400_2024 import (  # noqa: F401  (the caption is the same on both forms)
    BODY_SIZE,
    CASE_NAME_BOX,
    CASE_NUMBER_BOX,
    CASE_NUMBER_LABEL,
    CASE_NUMBER_LABEL_BASELINE,
    CASE_NUMBER_VALUE,
    CHECKBOX_SIZE,
    COURT_BOX,
    COURT_COLUMN_X,
    COURT_COUNTY_BOX,
    COURT_HEADING,
    COURT_HEADING_BASELINE,
    COURT_USE_BASELINE,
    COURT_USE_BOX,
    COURT_USE_LABEL,
    DEFENDANT_BOX,
    DEFENDANT_LABEL,
    DEFENDANT_LABEL_BASELINE,
    FOOTER_FIRST_BASELINE,
    FOOTER_RULE_Y,
    FOOTER_SIZE,
    FOOTER_TITLE_SIZE,
    FOOTER_TITLE_WIDTH,
    FORM_NUMBER_BASELINE,
    ITEM_NUMBER_X,
    ITEM_TEXT_RIGHT,
    ITEM_TEXT_X,
    LABEL_SIZE,
    LEFT,
    PAGE_LABEL_BASELINE,
    PAGE_SIZE,
    PARTY_BOX,
    PARTY_FIRST_ROW,
    PARTY_HEADING,
    PARTY_HEADING_BASELINE,
    PARTY_ROW_HEIGHT,
    PARTY_ROWS,
    PEOPLE_BASELINE,
    PEOPLE_LINE,
    RIGHT,
    TITLE_BOX,
    TITLE_SIZE,
    VALUE_MIN_SIZE,
    VALUE_SIZE,
)

FORM_ID = "CR-401"
REVISION = "New July 1, 2017"
FOOTER_FORM_LINE = f"{FORM_ID} [{REVISION}]"
TITLE = "PROOF OF SERVICE FOR PETITION/APPLICATION (Health and Safety Code, § 11361.8)—ADULT CRIME(S)"
FOOTER_LEFT = ("Form Approved for Optional Use", "Judicial Council of California", FOOTER_FORM_LINE)
FOOTER_RIGHT = ("Health and Safety Code, § 11361.8", "www.courts.ca.gov")

TITLE_LINES = ("PROOF OF SERVICE FOR PETITION/APPLICATION", "(Health and Safety Code, § 11361.8)", "ADULT CRIME(S)")
TITLE_FIRST_BASELINE = 7.45 * inch
HEARING_BOX = Box(COURT_COLUMN_X, 6.78 * inch, RIGHT - COURT_COLUMN_X, 7.24 * inch - 6.78 * inch)

BODY_TOP = 6.55 * inch
ITEM_GAP = 0.12 * inch
FILL_LINE_HEIGHT = 0.24 * inch  # height of a typed or handwritten line
LABEL_COLUMN = 1.9 * inch  # width of the labels in front of fill-in lines

ITEM1_TEXT = (
    "At the time of service I was at least 18 years of age and not a party to this legal action. "
    "My residence or business address is:"
)
ITEM2_TEXT = (
    "I served a copy of the Petition/Application (form CR-400) and all attachments on the "
    "prosecuting agency, as follows:"
)
ITEM2_ROWS = (
    ("office", "a. Name of agency served:"),
    ("address", "b. Address:"),
    ("date", "c. Date of service:"),
    ("time", "d. Time of service:"),
)
ITEM3_TEXT = "I served the documents by (check one):"
ITEM3_OPTIONS = (
    (
        "a.",
        ("Personal delivery. I personally delivered the documents to the attorney for the "
         "prosecuting agency, or to the receptionist or the person in charge of that office."),
    ),
    (
        "b.",
        ("Mail. I deposited the documents in the United States mail, in a sealed envelope with "
         "postage fully prepaid, addressed as shown in item 2b."),
    ),
    (
        "c.",
        ("Mail collection. I placed the documents, in a sealed envelope addressed as shown in item "
         "2b, for collection and mailing on the date shown in item 2c, following the ordinary "
         "business practices of my place of business."),
    ),
)
MAILED_FROM_LABEL = "The envelope was mailed from (city and state):"
DECLARATION = (
    "I declare under penalty of perjury under the laws of the State of California that the "
    "foregoing is true and correct."
)
SERVER_ROWS = (
    ("server_name", "Name:"),
    ("server_address", "Address:"),
    ("server_phone", "Telephone:"),
)
DATE_LABEL = "Date:"
DATE_LINE = (LEFT + 0.35 * inch, LEFT + 2.4 * inch)
SIGNATURE_LINE_BASELINE = 1.45 * inch
PRINTED_NAME_X = (LEFT, 3.9 * inch)
PRINTED_NAME_LABEL = "(TYPE OR PRINT NAME OF PERSON WHO SERVED)"
SIGNATURE_X = (4.3 * inch, RIGHT)
SIGNATURE_LABEL = "(SIGNATURE OF PERSON WHO SERVED)"
NOT_PARTY_NOTE = (
    "The person who serves the papers must be at least 18 and must not be the petitioner/applicant."
)

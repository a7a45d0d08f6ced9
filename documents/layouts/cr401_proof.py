"""The proof of service of a CR-400, drawn as what it is until the official CR-401 is installed.

The official CR-401's layout and text are not known here (docs/forms.md), so this page is not a
copy of it and is not labelled as a Judicial Council form: it is a proof of service by another
adult (who served, how, when, on whom, under penalty of perjury) captioned like the petition.
When the official CR-401 is installed and its field map ships, the official form is filled.
"""

from __future__ import annotations

from .cr400_2017 import (  # noqa: F401  (the caption is drawn the same way as the petition's)
    BODY_SIZE,
    CASE_NAME_BOX,
    CASE_NUMBER_BOX,
    CASE_NUMBER_LABEL,
    CASE_NUMBER_VALUE,
    COLUMN_X,
    COURT_USE_LABEL,
    DEFENDANT_BOX,
    DEFENDANT_LABEL,
    FOOTER_BASELINE,
    FOOTER_RULE_Y,
    FOOTER_SIZE,
    LABEL_SIZE,
    LEFT,
    PAGE_SIZE,
    PARTY_BOX,
    PARTY_HEADING,
    PARTY_LABELS,
    PEOPLE_LINES,
    RIGHT,
    STAMP_BOX,
    TITLE_BOX,
    VALUE_MIN_SIZE,
    VALUE_SIZE,
    rect,
)

TITLE_LINES = ("PROOF OF SERVICE BY ANOTHER ADULT", "of the Petition/Application (Health and Safety Code,",
               "§ 11361.8) — Adult Crime(s)")
TITLE_BASELINES = (584.0, 572.0, 561.0)
TITLE_SIZE = 9.0
NOT_THE_FORM = ("This proof of service is not Judicial Council form CR-401. It states the same facts: "
                "who served the petition/application, on whom, how and when.")

BODY_TOP = 520.0
ITEM_NUMBER_X = 40.0
TEXT_X = 56.0
ITEM_GAP = 7.0
FILL_LINE_HEIGHT = 16.0
CHECKBOX_SIZE = 8.5

ITEM1_TEXT = (
    "I am at least 18 years old and not a party to this case. I am not the petitioner/applicant. "
    "My residence or business address is:"
)
ITEM2_TEXT = (
    "I served a copy of the Petition/Application (form CR-400) and its attachment on the prosecuting "
    "agency or agencies below:"
)
#: headings of the served-office blocks, by role
SERVED_HEADINGS = {
    "district_attorney": "District Attorney",
    "city_attorney": "City attorney (only if a city attorney prosecuted this case)",
}
SERVED_ROWS = (("name", "Name of office:"), ("address", "Address:"), ("date", "Date served:"),
               ("time", "Time served:"))
ITEM3_TEXT = "I served the papers by (check one):"
ITEM3_OPTIONS = (
    "Personal delivery. I delivered them to the office, to the attorney or to the person in charge there.",
    ("Mail. I put them in a sealed envelope addressed as above, with the postage fully prepaid, in the "
    "United States mail at (city and state):"),
)
SERVER_ROWS = (("server_name", "Name:"), ("server_address", "Address:"), ("server_phone", "Telephone:"))
DECLARATION = (
    "I declare under penalty of perjury under the laws of the State of California that the foregoing is "
    "true and correct."
)
DATE_LABEL = "Date:"
PRINTED_NAME_LABEL = "(TYPE OR PRINT NAME OF PERSON WHO SERVED)"
SIGNATURE_LABEL = "(SIGNATURE OF PERSON WHO SERVED)"
NOT_PARTY_NOTE = ("The person who serves the papers must be 18 or older and must not be the "
                  "petitioner/applicant.")
FOOTER_TITLE = "PROOF OF SERVICE of the Petition/Application (Health and Safety Code, § 11361.8)"
PAGE_LABEL = "Page 1 of 1"
VALUE_BOX_HEIGHT = 12.0
LABEL_WIDTH = 80.0

"""CR-400, Petition/Application (Health and Safety Code, § 11361.8)—Adult Crime(s).

Revision pinned: **Rev. January 1, 2024** (the current Judicial Council revision). The 2024
revision keeps the 2017 form's items (LAW.md §9.2) and adds the court county to the caption and
splits item 2 into a (currently serving) and b (completed). Geometry is US Letter in points,
measured from the bottom-left corner; each constant names the printed box it places.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import letter
from reportlab.lib.units import inch

from ..typeset import Box

FORM_ID = "CR-400"
REVISION = "Rev. January 1, 2024"
FOOTER_FORM_LINE = f"{FORM_ID} [{REVISION}]"
TITLE = "PETITION/APPLICATION (Health and Safety Code, § 11361.8)—ADULT CRIME(S)"
FOOTER_LEFT = ("Form Approved for Optional Use", "Judicial Council of California", FOOTER_FORM_LINE)
FOOTER_RIGHT = ("Health and Safety Code, § 11361.8", "www.courts.ca.gov")
FOOTER_NOTE = (
    "Form CR-401, Proof of Service for Petition/Application (Health and Safety Code, § 11361.8), "
    "Adult Crime(s), may be used to provide proof of service of this petition/application."
)

PAGE_SIZE = letter
PAGE_W, PAGE_H = letter

# --- frame -----------------------------------------------------------------------------------
LEFT = 0.5 * inch  # left edge of every box
RIGHT = 8.0 * inch  # right edge of every box
WIDTH = RIGHT - LEFT
COURT_COLUMN_X = 5.55 * inch  # left edge of the "FOR COURT USE ONLY" / case number column
FORM_NUMBER_BASELINE = 10.62 * inch  # "CR-400" in the top right corner
LABEL_SIZE = 6.0  # small capitals labels inside caption boxes
VALUE_SIZE = 9.0  # typed values in caption boxes
VALUE_MIN_SIZE = 5.0

# --- caption: attorney or party without attorney (top left) -----------------------------------
CAPTION_TOP = 10.5 * inch
PARTY_BOX = Box(LEFT, 8.72 * inch, COURT_COLUMN_X - LEFT, CAPTION_TOP - 8.72 * inch)
PARTY_HEADING = "ATTORNEY OR PARTY WITHOUT ATTORNEY"
PARTY_HEADING_BASELINE = 10.40 * inch
PARTY_ROW_HEIGHT = 0.2 * inch
PARTY_FIRST_ROW = 10.18 * inch  # baseline of the NAME row
PARTY_LABEL_X = LEFT + 0.06 * inch
BAR_LABEL_X = 3.85 * inch  # "STATE BAR NO." on the NAME row
PARTY_VALUE_RIGHT = COURT_COLUMN_X - 0.06 * inch

#: (field, label, label x, value box left, value box right, row) for each line of the party box
PARTY_ROWS = (
    ("name", "NAME:", PARTY_LABEL_X, LEFT + 0.45 * inch, BAR_LABEL_X - 0.08 * inch, 0),
    ("bar_number", "STATE BAR NO.:", BAR_LABEL_X, BAR_LABEL_X + 0.72 * inch, PARTY_VALUE_RIGHT, 0),
    ("firm", "FIRM NAME:", PARTY_LABEL_X, LEFT + 0.66 * inch, PARTY_VALUE_RIGHT, 1),
    ("street", "STREET ADDRESS:", PARTY_LABEL_X, LEFT + 0.92 * inch, PARTY_VALUE_RIGHT, 2),
    ("city", "CITY:", PARTY_LABEL_X, LEFT + 0.36 * inch, 2.75 * inch, 3),
    ("state", "STATE:", 2.8 * inch, 3.15 * inch, 3.65 * inch, 3),
    ("zip", "ZIP CODE:", 3.7 * inch, 4.22 * inch, PARTY_VALUE_RIGHT, 3),
    ("phone", "TELEPHONE NO.:", PARTY_LABEL_X, LEFT + 0.86 * inch, 2.75 * inch, 4),
    ("fax", "FAX NO.:", 2.8 * inch, 3.28 * inch, PARTY_VALUE_RIGHT, 4),
    ("email", "E-MAIL ADDRESS:", PARTY_LABEL_X, LEFT + 0.92 * inch, PARTY_VALUE_RIGHT, 5),
    ("attorney_for", "ATTORNEY FOR (name):", PARTY_LABEL_X, LEFT + 1.16 * inch, PARTY_VALUE_RIGHT, 6),
)

# --- caption: court, case name, title ----------------------------------------------------------
COURT_BOX = Box(LEFT, 8.22 * inch, COURT_COLUMN_X - LEFT, 8.72 * inch - 8.22 * inch)
COURT_HEADING = "SUPERIOR COURT OF CALIFORNIA, COUNTY OF"
COURT_HEADING_BASELINE = 8.6 * inch
COURT_COUNTY_BOX = Box(LEFT + 0.08 * inch, 8.28 * inch, COURT_COLUMN_X - LEFT - 0.16 * inch, 0.22 * inch)

CASE_NAME_BOX = Box(LEFT, 7.7 * inch, COURT_COLUMN_X - LEFT, 8.22 * inch - 7.7 * inch)
PEOPLE_LINE = "PEOPLE OF THE STATE OF CALIFORNIA v."
PEOPLE_BASELINE = 8.08 * inch
DEFENDANT_LABEL = "DEFENDANT:"
DEFENDANT_LABEL_BASELINE = 7.82 * inch
DEFENDANT_BOX = Box(LEFT + 0.86 * inch, 7.75 * inch, COURT_COLUMN_X - LEFT - 0.94 * inch, 0.24 * inch)

TITLE_BOX = Box(LEFT, 6.78 * inch, COURT_COLUMN_X - LEFT, 7.7 * inch - 6.78 * inch)
TITLE_LINES = ("PETITION/APPLICATION (Health and Safety Code, § 11361.8)", "ADULT CRIME(S)")
TITLE_FIRST_BASELINE = 7.52 * inch
TITLE_SIZE = 9.5
TITLE_CHECKBOX_X = LEFT + 0.25 * inch
TITLE_OPTION_B = ("b", "RESENTENCING OR DISMISSAL (Health & Saf. Code, § 11361.8(b))", 7.12 * inch)
TITLE_OPTION_F = ("f", "REDESIGNATION OR DISMISSAL/SEALING (Health & Saf. Code, § 11361.8(f))", 6.9 * inch)

COURT_USE_BOX = Box(COURT_COLUMN_X, 7.7 * inch, RIGHT - COURT_COLUMN_X, CAPTION_TOP - 7.7 * inch)
COURT_USE_LABEL = "FOR COURT USE ONLY"
COURT_USE_BASELINE = 10.4 * inch
CASE_NUMBER_BOX = Box(COURT_COLUMN_X, 7.24 * inch, RIGHT - COURT_COLUMN_X, 7.7 * inch - 7.24 * inch)
CASE_NUMBER_LABEL = "CASE NUMBER:"
CASE_NUMBER_LABEL_BASELINE = 7.6 * inch
CASE_NUMBER_VALUE = Box(COURT_COLUMN_X + 0.08 * inch, 7.28 * inch, RIGHT - COURT_COLUMN_X - 0.16 * inch, 0.24 * inch)
HEARING_BOX = Box(COURT_COLUMN_X, 6.78 * inch, RIGHT - COURT_COLUMN_X, 7.24 * inch - 6.78 * inch)
HEARING_LABELS = (("HEARING DATE:", COURT_COLUMN_X + 0.06 * inch, 7.12 * inch),
                  ("TIME:", COURT_COLUMN_X + 0.06 * inch, 6.88 * inch),
                  ("DEPT.:", COURT_COLUMN_X + 1.2 * inch, 6.88 * inch))

# --- body ------------------------------------------------------------------------------------
BODY_SIZE = 8.5
ITEM_NUMBER_X = LEFT
ITEM_TEXT_X = LEFT + 0.25 * inch
ITEM_TEXT_RIGHT = RIGHT
CHECKBOX_SIZE = 0.12 * inch

ITEM1_TOP = 6.6 * inch
ITEM1_HEADING = "CONVICTION INFORMATION"
ITEM1_TEXT = (
    "The petitioner/applicant was convicted of a violation of the following Health and Safety Code "
    "section(s) (check all that apply):"
)
#: (section, label, column x, row baseline)
ITEM1_BOXES = (
    ("11357", "11357 – Possession of Marijuana", ITEM_TEXT_X, 6.2 * inch),
    ("11358", "11358 – Cultivation of Marijuana", 4.3 * inch, 6.2 * inch),
    ("11359", "11359 – Possession of Marijuana for Sale", ITEM_TEXT_X, 6.0 * inch),
    ("11360", "11360 – Transportation, Distribution, or Importation of Marijuana", 4.3 * inch, 6.0 * inch),
    ("11362.1", "11362.1 – Personal Use of Marijuana", ITEM_TEXT_X, 5.8 * inch),
)
LINES_INTRO = "Convictions in this case (list each count):"
LINES_INTRO_BASELINE = 5.56 * inch
LINES_TABLE = Box(ITEM_TEXT_X, 4.62 * inch, RIGHT - ITEM_TEXT_X, 5.5 * inch - 4.62 * inch)
LINE_HEIGHT = 0.176 * inch
#: how many convictions fit on the form; more go to Attachment 1
CONVICTION_LINES = 4
#: (column key, header, left x, right x)
LINE_COLUMNS = (
    ("code", "Code section", ITEM_TEXT_X, 2.3 * inch),
    ("level", "Felony, misdemeanor, or infraction", 2.3 * inch, 4.35 * inch),
    ("date", "Date of conviction", 4.35 * inch, 5.55 * inch),
    ("relief", "Relief requested", 5.55 * inch, RIGHT),
)
SEE_ATTACHMENT = "See Attachment 1, Convictions in this case, for every conviction in this case."

ITEM2_TOP = 4.45 * inch
ITEM2_HEADING = "REQUEST (check all that apply):"
ITEM2_OPTIONS = (
    (
        "PETITION",
        "a.",
        ("PETITION: The petitioner is currently serving a sentence for the conviction(s) in item 1 and "
         "asks the court to recall or dismiss the sentence, or to resentence, under Health and Safety "
         "Code section 11361.8(a) and (b)."),
    ),
    (
        "APPLICATION",
        "b.",
        ("APPLICATION: The applicant has completed the sentence for the conviction(s) in item 1 and asks "
         "the court to dismiss and seal the conviction(s) as legally invalid, or to redesignate them as "
         "a misdemeanor or an infraction, under Health and Safety Code section 11361.8(e) and (f)."),
    ),
)

ITEM3_HEADING = "WAIVER OF HEARING BY ORIGINAL SENTENCING JUDGE"
ITEM3_TEXT = (
    "I give up my right to have this petition/application heard by the judge who originally "
    "sentenced me. The presiding judge may designate any judge to hear it."
)
ITEM4_HEADING = "WAIVER OF APPEARANCE"
ITEM4_TEXT = (
    "I give up my right to be present at any hearing on this petition/application."
)
ITEM_GAP = 0.1 * inch

# --- signature -------------------------------------------------------------------------------
SIGNATURE_TOP = 1.95 * inch  # top of the "Date:" line area
DATE_LABEL = "Date:"
DATE_LINE = (LEFT + 0.35 * inch, LEFT + 2.4 * inch)
SIGNATURE_LINE_BASELINE = 1.45 * inch
PRINTED_NAME_BOX = Box(LEFT, SIGNATURE_LINE_BASELINE + 2, 3.6 * inch, 0.2 * inch)
PRINTED_NAME_LABEL = "(TYPE OR PRINT NAME)"
SIGNATURE_X = (4.3 * inch, RIGHT)
SIGNATURE_LABEL = "(SIGNATURE OF PETITIONER/APPLICANT OR ATTORNEY)"

# --- footer ----------------------------------------------------------------------------------
FOOTER_NOTE_TOP = 1.12 * inch
FOOTER_RULE_Y = 0.82 * inch
FOOTER_FIRST_BASELINE = 0.68 * inch
FOOTER_SIZE = 6.5
FOOTER_TITLE_SIZE = 8.0
FOOTER_TITLE_WIDTH = 4.3 * inch  # the form title, centred in the footer
PAGE_LABEL_BASELINE = 0.9 * inch

# --- Attachment 1 ----------------------------------------------------------------------------
ATTACHMENT_TITLE = "ATTACHMENT 1 TO FORM CR-400: CONVICTIONS IN THIS CASE"
ATTACHMENT_CAPTION_BOX = Box(LEFT, 9.9 * inch, WIDTH, 0.6 * inch)
ATTACHMENT_SHORT_TITLE_BOX = Box(LEFT + 0.08 * inch, 10.0 * inch, 4.9 * inch, 0.3 * inch)
ATTACHMENT_CASE_NUMBER_BOX = Box(COURT_COLUMN_X + 0.08 * inch, 10.0 * inch, RIGHT - COURT_COLUMN_X - 0.16 * inch, 0.3 * inch)
ATTACHMENT_TITLE_BASELINE = 9.6 * inch
ATTACHMENT_TABLE_TOP = 9.35 * inch
ATTACHMENT_ROWS_PER_PAGE = 36
ATTACHMENT_FOOTER = "(Add pages as required)"

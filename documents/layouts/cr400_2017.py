"""CR-400, Petition/Application (Health and Safety Code, § 11361.8) — Adult Crime(s), revision
**New July 1, 2017**: the printed text and boxes of the official form (docs/forms.md).

The value rectangles come from the form's field map (``documents/forms/CR-400-2017-07-01.yaml``),
the same rectangles the official fillable PDF has, so a duplicate puts every value where the
official form has its field. The constants here place the printed labels and rules around them.
US Letter, points from the lower-left corner.
"""

from __future__ import annotations

from ..forms.maps import field_maps
from ..typeset import Box

MAP = field_maps()["CR-400-2017-07-01"]
FORM_ID = MAP.form
REVISION = MAP.revision
FOOTER_FORM_LINE = MAP.footer
PAGE_SIZE = MAP.page_size
PAGE_W, PAGE_H = PAGE_SIZE


def rect(meaning: str) -> tuple[float, float, float, float]:
    return MAP.field(meaning).rect


# --- frame -------------------------------------------------------------------------------------
LEFT, RIGHT = 36.0, 576.0
COLUMN_X = 396.0  # left edge of the court's column (FOR COURT USE ONLY, case number, hearing)
LABEL_SIZE = 6.0
VALUE_SIZE = 9.0
VALUE_MIN_SIZE = 5.0
BODY_SIZE = 8.5
CHECK_MARK_SIZE = 8.0

FORM_NUMBER = (RIGHT, 752.0, 10.0)  # "CR-400": right edge, baseline, size

# --- caption -----------------------------------------------------------------------------------
PARTY_BOX = (LEFT, 645.0, COLUMN_X, 746.0)  # x1, y1, x2, y2
STAMP_BOX = (COLUMN_X, 608.0, RIGHT, 746.0)
CASE_NAME_BOX = (LEFT, 600.0, COLUMN_X, 645.0)
CASE_NUMBER_BOX = (COLUMN_X, 578.0, RIGHT, 608.0)
TITLE_BOX = (LEFT, 532.0, COLUMN_X, 600.0)
HEARING_BOX = (COLUMN_X, 532.0, RIGHT, 578.0)

PARTY_HEADING = "ATTORNEY OR PARTY WITHOUT ATTORNEY:"
#: (label, the field it names): each label ends just left of its field's rectangle
PARTY_LABELS = (
    ("STATE BAR NO.:", "bar_number"),
    ("NAME:", "name"),
    ("FIRM NAME:", "firm"),
    ("STREET ADDRESS:", "street"),
    ("CITY:", "city"),
    ("STATE:", "state"),
    ("ZIP CODE:", "zip"),
    ("TELEPHONE NO.:", "phone"),
    ("FAX NO.:", "fax"),
    ("E-MAIL ADDRESS:", "email"),
    ("ATTORNEY FOR (name):", "attorney_for"),
)
COURT_USE_LABEL = "FOR COURT USE ONLY"
PEOPLE_LINES = (("PEOPLE OF THE STATE OF CALIFORNIA", 633.0), ("v.", 623.0))
DEFENDANT_LABEL = "DEFENDANT:"
CASE_NUMBER_LABEL = ("CASE NUMBER:", 599.0)

TITLE_LINES = ("PETITION/APPLICATION (Health and Safety Code, § 11361.8)", "ADULT CRIME(S)")
TITLE_BASELINES = (588.0, 578.0)
TITLE_SIZE = 9.0
#: (field, printed lines beside the box)
TITLE_BOXES = (
    ("title_b", ("RESENTENCING OR DISMISSAL", "(Health & Saf. Code, § 11361.8(b))")),
    ("title_f", ("REDESIGNATION OR DISMISSAL/SEALING", "(Health & Saf. Code, § 11361.8(f))")),
)
HEARING_HEADING = ("FOR COURT USE ONLY", 570.0)
HEARING_LABELS = (("Date:", "hearing_date"), ("Time:", "hearing_time"), ("Department.:", "hearing_department"))

# --- body --------------------------------------------------------------------------------------
ITEM_NUMBER_X = 40.0
ITEM_HEADING_X = 52.0
TEXT_X = 70.0  # printed text beside a check box
TEXT_RIGHT = RIGHT

ITEM1 = ("1.", "CONVICTION INFORMATION (Check all that apply)", 512.0)
ITEM1_BOXES = (
    ("item1_11357", "11357 - Possession of Marijuana"),
    ("item1_11358", "11358 - Cultivation of Marijuana"),
    ("item1_11359", "11359 - Possession of Marijuana for Sale"),
    ("item1_11360", "11360 - Transportation, Distribution, or Importation of Marijuana"),
    ("item1_11362.1", "11362.1 - Personal Use of Marijuana"),
)
ITEM2 = ("2.", "REQUEST (check all that apply)", 404.0)
ITEM2_BOXES = (
    ("item2_petition",
     ("PETITION: Petitioner is currently serving a sentence in the above-captioned case and now requests "
     "the court recall/resentence/dismiss the conviction.")),
    ("item2_application",
     ("APPLICATION: Applicant has completed his/her sentence in the above captioned case and now requests "
     "the court dismiss & seal/redesignate the conviction.")),
)
ITEM3 = ("3.", "WAIVER OF HEARING BY ORIGINAL SENTENCING JUDGE", 328.0)
ITEM3_BOX = (
    "item3_waive_judge",
    ("Petitioner/applicant waives the right to have this matter heard by the original sentencing judge. "
    "The presiding judge of the court may designate any judge to rule on this matter."),
)
ITEM4 = ("4.", "WAIVER OF APPEARANCE", 273.0)
ITEM4_BOX = (
    "item4_waive_appearance",
    ("Petitioner/applicant understands there is a right to personally attend any hearing held in this matter. "
    "Petitioner/applicant gives up that right; the matter may be heard without his/her appearance."),
)

# --- signature, note, footer -------------------------------------------------------------------
DATED_LABEL = "Dated:"
SIGNATURE_LINE = (330.0, RIGHT, 196.0)  # x1, x2, y
SIGNATURE_LABEL = ("SIGNATURE OF PETITIONER/APPLICANT", 187.0)
NOTE_BOX = (LEFT, 118.0, RIGHT, 150.0)
NOTE_TEXT = (
    "Form CR-401 (Proof of Service for Petition/application adult crimes) may be used to provide proof "
    "of service of this petition/application."
)
NOTE_SIZE = 8.0
PAGE_LABEL = ("Page 1 of 1", 66.0)
FOOTER_RULE_Y = 60.0
FOOTER_BASELINE = 51.0
FOOTER_SIZE = 6.5
FOOTER_LEFT = ("Form Approved for Optional Use", "Judicial Council of California", FOOTER_FORM_LINE)
FOOTER_CENTRE = TITLE_LINES
FOOTER_CENTRE_SIZE = 8.0
FOOTER_RIGHT = ("Health and Safety Code, § 11361.8", "www.courts.ca.gov")


def box(meaning: str) -> Box:
    """The rectangle of a field as a :class:`Box` (x, y, width, height)."""
    x1, y1, x2, y2 = rect(meaning)
    return Box(x1, y1, x2 - x1, y2 - y1)


DEFENDANT_BOX = box("defendant")
CASE_NUMBER_VALUE = box("case_number")

# --- Attachment 1: what the form has no place for ----------------------------------------------
# Captioned like the Judicial Council's attachment page (short title and case number), numbered,
# and named as an attachment to this form. One row per conviction.
ATTACHMENT_NUMBER = 1
ATTACHMENT_CAPTION_BOX = (LEFT, 700.0, RIGHT, 744.0)
ATTACHMENT_SHORT_TITLE = ("SHORT TITLE:", Box(LEFT + 6, 706.0, COLUMN_X - LEFT - 12, 22.0))
ATTACHMENT_CASE_NUMBER = ("CASE NUMBER:", Box(COLUMN_X + 6, 706.0, RIGHT - COLUMN_X - 12, 22.0))
ATTACHMENT_TITLE = ((f"ATTACHMENT {ATTACHMENT_NUMBER} TO CR-400, PETITION/APPLICATION "
                    "(Health and Safety Code, § 11361.8)"), 684.0)
ATTACHMENT_INTRO = (
    ("Each conviction in this case, and the relief Health and Safety Code section 11361.8 gives it, "
    "as requested in item 2:"),
    672.0,
)
ATTACHMENT_TABLE_TOP = 656.0
ATTACHMENT_ROW_HEIGHT = 13.5
ATTACHMENT_ROWS_PER_PAGE = 42
#: (column, header, left x, right x)
ATTACHMENT_COLUMNS = (
    ("number", "No.", LEFT, 58.0),
    ("count", "Count", 58.0, 96.0),
    ("code", "Code section", 96.0, 206.0),
    ("level", "Level", 206.0, 266.0),
    ("conviction_date", "Date of conviction", 266.0, 340.0),
    ("relief", "Relief under Health and Safety Code, § 11361.8", 340.0, RIGHT),
)
ATTACHMENT_FOOTER = f"Attachment {ATTACHMENT_NUMBER} to {FOOTER_FORM_LINE}"
ATTACHMENT_PAGE_LABEL = "Attachment page {page} of {pages}"

"""Geometry for the documents a person reads (next steps, reading copy, DA letter, clinic
summary): US Letter, one-inch-ish margins, a running footer."""

from __future__ import annotations

from reportlab.lib.pagesizes import letter
from reportlab.lib.units import inch

PAGE_SIZE = letter
PAGE_W, PAGE_H = letter
LEFT = 0.85 * inch
RIGHT = PAGE_W - 0.85 * inch
WIDTH = RIGHT - LEFT
TOP = PAGE_H - 0.8 * inch  # top of the first line of text
BOTTOM = 0.95 * inch  # no text below this line; the footer sits under it
FOOTER_BASELINE = 0.55 * inch
FOOTER_SIZE = 7.5

TITLE_SIZE = 16.0
HEADING_SIZE = 11.5
BODY_SIZE = 10.0
SMALL_SIZE = 8.5
HEADING_GAP_BEFORE = 0.14 * inch
PARAGRAPH_GAP = 0.07 * inch
BULLET_INDENT = 0.22 * inch
BULLET = "•"

# Clinic summary: one page, tighter type
SUMMARY_BODY_SIZE = 8.5
SUMMARY_HEADING_SIZE = 10.0
SUMMARY_TITLE_SIZE = 13.0

# DA review letter
LETTER_SENDER_SIZE = 10.0
LETTER_TABLE_SIZE = 8.5
LETTER_BODY_SIZE = 9.5

"""Named geometry for each form, one module per form revision.

The revision a document is drawn to is pinned here; it is printed in each form's footer.
"""

from . import cr400_2024, cr401_2017, letter

CR400 = cr400_2024
CR401 = cr401_2017
LETTER = letter

__all__ = ["CR400", "CR401", "LETTER"]

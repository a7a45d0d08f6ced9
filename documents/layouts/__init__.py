"""Named geometry for each form, one module per form revision.

The revision a document is drawn to is pinned here; it is printed in each form's footer.
"""

from . import cr400_2017, cr401_proof, letter

CR400 = cr400_2017
CR401 = cr401_proof  # the proof of service drawn until the official CR-401 is installed
LETTER = letter

__all__ = ["CR400", "CR401", "LETTER"]

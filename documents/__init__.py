"""The papers: a prefilled CR-400 petition/application per case, its proof of service,
the DA review request, the next-steps sheet and a reading copy in the person's language, and the
clinic summary.

    >>> from documents import Applicant, build_packet
    >>> packet = build_packet(case_dict, rules.result_to_dict(result), applicant, lang="es")
    >>> packet.combined          # one PDF, in reading order
    >>> packet.files             # {"next-steps.pdf": b"%PDF…", "CR-400_12345.pdf": …}

``build_packet`` raises ``rules.CaseError`` for a malformed case file and ``PapersInputError``
(``field``, ``message`` msgid, ``params``) for what the papers will not print, such as a case
number "unknown" or a county that is not Californian. ``Packet.forms`` is ``"official"`` when
the installed official CR-400 was filled, ``"duplicate"`` when the copy was drawn.
``Packet.proof`` is ``"official"`` when the installed official CR-401 was filled, ``"labelled"``
when the packet carries the proof of service by another adult, which says it is not form CR-401
(``proof_choice()`` says which, before a packet is made).

Data and drawing are separate: ``fields`` maps (case, result, applicant) to frozen field values;
``layouts`` holds the geometry per form revision; ``render`` and ``person`` draw.
"""

from .applicant import Applicant
from .fields import PapersInputError, overflow_cases, read_case
from .html import render_html
from .i18n import LANGUAGES
from .packet import Packet, build_clinic_summary, build_cr400s, build_packet, prepared_documents
from .render import proof_choice
from .scripts import LATIN_NAME_REASON, needs_latin_name

__all__ = [
    "LANGUAGES",
    "LATIN_NAME_REASON",
    "Applicant",
    "Packet",
    "PapersInputError",
    "build_clinic_summary",
    "build_cr400s",
    "build_packet",
    "needs_latin_name",
    "overflow_cases",
    "prepared_documents",
    "proof_choice",
    "read_case",
    "render_html",
]

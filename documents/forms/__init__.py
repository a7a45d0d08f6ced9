"""Official Judicial Council forms: field maps (data), installing an official PDF, filling it.

    >>> from documents import forms
    >>> forms.install(Path("cr400.pdf"))        # checked against the shipped maps, then stored
    >>> official = forms.installed("CR-400")     # None when no mapped revision is installed
    >>> pdf = forms.fill(official, petition.values)

When no official PDF is installed, or its revision has no map, the papers draw a duplicate of
the mapped revision instead (docs/forms.md).
"""

from .fill import FillError, fill, read_values
from .install import (
    FORMS_DIR_ENV,
    FormInstallError,
    OfficialForm,
    check,
    download,
    forms_dir,
    identify,
    install,
    installed,
    installed_forms,
)
from .maps import KNOWN_FORMS, Field, FieldMap, field_map, field_maps

#: ``--forms`` choices: the official PDF filled field by field, or the drawn duplicate
OFFICIAL = "official"
DUPLICATE = "duplicate"
CHOICES = (OFFICIAL, DUPLICATE)

__all__ = [
    "CHOICES",
    "DUPLICATE",
    "FORMS_DIR_ENV",
    "KNOWN_FORMS",
    "OFFICIAL",
    "Field",
    "FieldMap",
    "FillError",
    "FormInstallError",
    "OfficialForm",
    "check",
    "download",
    "field_map",
    "field_maps",
    "fill",
    "forms_dir",
    "identify",
    "install",
    "installed",
    "installed_forms",
    "read_values",
]

"""Every documents test starts with no official form installed (an empty forms folder), so a
form installed on the developer's machine never changes what the tests see."""

from __future__ import annotations

import pytest

from documents import forms


@pytest.fixture(autouse=True)
def empty_forms_dir(tmp_path_factory, monkeypatch):
    folder = tmp_path_factory.mktemp("forms")
    monkeypatch.setenv(forms.FORMS_DIR_ENV, str(folder))
    return folder


@pytest.fixture(scope="session")
def specimen_pdf() -> bytes:
    """A synthetic fillable CR-400 [New July 1, 2017]: the official field names and rectangles."""
    from documents.forms.specimen import specimen

    return specimen(forms.field_maps()["CR-400-2017-07-01"])


@pytest.fixture
def official_installed(empty_forms_dir, specimen_pdf, tmp_path):
    """The specimen installed the way `prop64 forms install` installs the official PDF."""
    source = tmp_path / "cr400.pdf"
    source.write_bytes(specimen_pdf)
    forms.install(source)
    return forms.installed("CR-400")

"""Installing an official Judicial Council PDF: read its form number and revision from the PDF,
check it against the shipped field maps, and store it in the instance folder.

The forms folder is ``var/forms/`` in the project by default, or ``$PROP64_FORMS_DIR``. An
installed form is found again by its map's name (``CR-400-2017-07-01.pdf``). No court PDF is
shipped with the project: the Judicial Council publishes them at www.courts.ca.gov.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pypdf
from pypdf.errors import PdfReadError

from .maps import FOOTER_PATTERN, KNOWN_FORMS, FieldMap, field_map, field_maps

FORMS_DIR_ENV = "PROP64_FORMS_DIR"
DEFAULT_FORMS_DIR = Path(__file__).resolve().parents[2] / "var" / "forms"
#: where the Judicial Council publishes each form
DOWNLOAD_URL = "https://www.courts.ca.gov/documents/{form}.pdf"
DOWNLOAD_TIMEOUT = 20


class FormInstallError(Exception):
    """A PDF that cannot be installed, with a message that says why and what happens instead."""


@dataclass(frozen=True, slots=True)
class OfficialForm:
    """An installed official PDF and the field map it is filled through."""

    path: Path
    field_map: FieldMap
    data: bytes


def forms_dir(override: str | os.PathLike[str] | None = None) -> Path:
    return Path(override or os.environ.get(FORMS_DIR_ENV) or DEFAULT_FORMS_DIR)


def _field_names(reader: pypdf.PdfReader) -> dict[str, str]:
    """Full field name → field type (``/Tx``, ``/Btn`` …) for every field of the PDF."""
    return {name: str(spec.get("/FT") or "") for name, spec in (reader.get_fields() or {}).items()}


def identify(data: bytes) -> tuple[str, str]:
    """The form number and revision printed in the PDF's footer, e.g. ``("CR-400", "New July 1,
    2017")``."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        text = " ".join((page.extract_text() or "") for page in reader.pages[:2])
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise FormInstallError(f"not a readable PDF ({error})") from None
    match = FOOTER_PATTERN.search(" ".join(text.split())) or FOOTER_PATTERN.search(_xfa_text(reader))
    if not match:
        raise FormInstallError(
            "no Judicial Council form number and revision (such as \"CR-400 [New July 1, 2017]\") "
            "was found in the PDF")
    return match.group(1), " ".join(match.group(2).split())


def _xfa_text(reader: pypdf.PdfReader) -> str:
    """The text of the form's XFA copy, where a form prints its footer only there."""
    acro = reader.trailer["/Root"].get("/AcroForm")
    xfa = acro.get_object().get("/XFA") if acro is not None else None
    if xfa is None:
        return ""
    xfa = xfa.get_object()
    streams = [xfa] if hasattr(xfa, "get_data") else [part.get_object() for part in xfa
                                                        if hasattr(part.get_object(), "get_data")]
    text = " ".join(stream.get_data().decode("utf-8", "replace") for stream in streams)
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def check(data: bytes) -> FieldMap:
    """The field map that fits the PDF, or FormInstallError saying why none does."""
    form, revision = identify(data)
    if form not in KNOWN_FORMS:
        raise FormInstallError(f"{form} is not a form the papers use ({', '.join(KNOWN_FORMS)})")
    fitting = field_map(form, revision)
    if fitting is None:
        shipped = sorted(f"{m.form} [{m.revision}]" for m in field_maps().values() if m.form == form)
        raise FormInstallError(
            f"{form} [{revision}] has no field map in this version of the project "
            f"(maps shipped: {', '.join(shipped) or 'none'}); the papers keep using the drawn "
            f"{'duplicate' if form == 'CR-400' else 'form'}")
    names = _field_names(pypdf.PdfReader(io.BytesIO(data)))
    expected = {"text": "/Tx", "check": "/Btn"}
    wrong = [f.name for f in fitting.fields if names.get(f.name) != expected[f.type]]
    if wrong:
        raise FormInstallError(
            f"{form} [{revision}] does not have the fields its map names ({len(wrong)} missing or of "
            f"another type, first: {wrong[0]}); it was not installed")
    return fitting


def install(source: Path, directory: Path | None = None) -> Path:
    """Check ``source`` and copy it into the forms folder; returns where it was stored."""
    try:
        data = Path(source).read_bytes()
    except OSError as error:
        raise FormInstallError(f"cannot read {source}: {error.strerror}") from None
    fitting = check(data)
    target_dir = directory or forms_dir()
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{fitting.key}.pdf"
    with tempfile.NamedTemporaryFile(dir=target_dir, delete=False, suffix=".part") as part:
        part.write(data)
    shutil.move(part.name, target)
    return target


def download(form: str, directory: Path | None = None) -> Path:
    """Fetch ``form`` from courts.ca.gov and install it (needs a network that reaches it)."""
    if form not in KNOWN_FORMS:
        raise FormInstallError(f"{form} is not a form the papers use ({', '.join(KNOWN_FORMS)})")
    url = DOWNLOAD_URL.format(form=form.lower().replace("-", ""))
    try:
        with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT) as response:
            data = response.read()
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", None) or error
        raise FormInstallError(f"could not download {url} ({reason}); download it with a browser and run "
                               f"`prop64 forms install FILE`") from None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{form}.pdf"
        path.write_bytes(data)
        return install(path, directory)


def installed(form: str, directory: Path | None = None) -> OfficialForm | None:
    """The installed official PDF of ``form`` that has a field map, newest revision first."""
    folder = directory or forms_dir()
    candidates = sorted((m for m in field_maps().values() if m.form == form), key=lambda m: m.key, reverse=True)
    for fitting in candidates:
        path = folder / f"{fitting.key}.pdf"
        try:
            stat = path.stat()
        except OSError:
            continue
        return _load(str(path), stat.st_mtime_ns, stat.st_size, fitting.key)
    return None


@lru_cache(maxsize=8)
def _load(path: str, _mtime: int, _size: int, key: str) -> OfficialForm:
    return OfficialForm(path=Path(path), field_map=field_maps()[key], data=Path(path).read_bytes())


def installed_forms(directory: Path | None = None) -> list[OfficialForm]:
    return [form for name in KNOWN_FORMS if (form := installed(name, directory)) is not None]

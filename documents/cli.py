"""`prop64 documents CASE.json --as-of YYYY-MM-DD --out DIR [--lang xx] [--applicant FILE] [--forms …]`
and `prop64 forms install PATH | --download FORM`, `prop64 forms list`."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click

import rules
from prop64.cli import as_of_option, policy_option, read_json_file

from . import forms as official_forms
from .applicant import Applicant
from .fields import PapersInputError
from .i18n import LANGUAGES, CatalogError, normalise_lang
from .packet import build_packet
from .typeset import FontMissing

COMBINED_NAME = "packet.pdf"


def _lang(ctx: click.Context, param: click.Parameter, value: str) -> str:
    try:
        return normalise_lang(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not one of {', '.join(LANGUAGES)}") from None


def _read_applicant(path: Path) -> Applicant:
    data = read_json_file(path)
    try:
        return Applicant.from_dict(data)
    except ValueError as error:
        click.echo(f"{path}: {error}", err=True)
        sys.exit(2)


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(2)


forms_dir_option = click.option(
    "--forms-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help=f"Folder of installed official forms (default: ${official_forms.FORMS_DIR_ENV}, else var/forms).")


@click.command()
@click.argument("case_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@as_of_option
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Directory to write the PDFs to (created if missing).")
@click.option("--lang", default="en", show_default=True, callback=_lang,
              help=f"Language of the papers the person reads: {', '.join(LANGUAGES)}. Court forms stay in English.")
@click.option("--applicant", "applicant_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSON with name, street, city, state, zip, phone (and optionally email, attorney_name, "
                   "bar_number, firm, in_pro_per). Without it the party boxes are left blank.")
@click.option("--forms", "forms_choice", type=click.Choice(official_forms.CHOICES), default=None,
              help="official: fill the installed official CR-400 field by field; duplicate: draw a true copy "
                   "of it. Default: official when one is installed (`prop64 forms install`), else duplicate.")
@forms_dir_option
@policy_option
def documents(case_file: Path, as_of: date, out_dir: Path, lang: str, applicant_file: Path | None,
              forms_choice: str | None, forms_dir: Path | None, policy: str) -> None:
    """Write the papers CASE_FILE's result calls for: the packet and each document alone.

    A date known only to its month may be written YYYY-MM in CASE_FILE; the papers print it as
    MM/YYYY and never invent a day."""
    from .fields import read_case

    raw = read_json_file(case_file)
    try:
        case = read_case(raw)
    except rules.CaseError as error:
        for problem in error.problems:
            click.echo(f"{case_file}: {problem}", err=True)
        sys.exit(2)
    except PapersInputError as error:
        _fail(f"{case_file}: {error}")
    applicant = _read_applicant(applicant_file) if applicant_file else None
    result = rules.result_to_dict(rules.evaluate(case, as_of=as_of, policy=policy))
    try:
        with _forms_folder(forms_dir):
            packet = build_packet(case, result, applicant, lang=lang, forms=forms_choice)
            revision = _revision_note(packet.forms)
    except (official_forms.FormInstallError, CatalogError, FontMissing) as error:
        _fail(str(error))
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {COMBINED_NAME: packet.combined, **packet.files}
    for name, data in written.items():
        (out_dir / name).write_bytes(data)
        click.echo(str(out_dir / name))
    click.echo(f"note: court forms: {'official PDF filled field by field' if packet.forms == 'official' else 'drawn duplicate'}"
               f" of CR-400 [{revision}]", err=True)
    for case_number in packet.overflow:
        click.echo(f"note: case {case_number}: Attachment 1 lists its convictions and the relief asked for; "
                   "file it with the petition.", err=True)


@contextmanager
def _forms_folder(folder: Path | None) -> Iterator[None]:
    """``--forms-dir`` for the length of one command (the papers read ``$PROP64_FORMS_DIR``)."""
    if folder is None:
        yield
        return
    before = os.environ.get(official_forms.FORMS_DIR_ENV)
    os.environ[official_forms.FORMS_DIR_ENV] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(official_forms.FORMS_DIR_ENV, None)
        else:
            os.environ[official_forms.FORMS_DIR_ENV] = before


def _revision_note(used: str) -> str:
    if used == official_forms.OFFICIAL:
        form = official_forms.installed("CR-400")
        return form.field_map.revision if form else ""
    return official_forms.field_maps()["CR-400-2017-07-01"].revision


@click.group("forms")
def forms_group() -> None:
    """Official Judicial Council forms: install a PDF the papers fill field by field."""


@forms_group.command("install")
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--download", "download_form", type=click.Choice(official_forms.KNOWN_FORMS), default=None,
              help="Fetch the form from www.courts.ca.gov instead of a file (needs a network that reaches it).")
@forms_dir_option
def install_command(path: Path | None, download_form: str | None, forms_dir: Path | None) -> None:
    """Check an official PDF (CR-400, CR-401, JV-744) against the shipped field maps and store it.

    The form number and revision are read from the PDF. A revision with no field map is refused,
    and the papers keep using the drawn duplicate."""
    if (path is None) == (download_form is None):
        _fail("give the PDF to install, or --download FORM")
    try:
        target = (official_forms.download(download_form, forms_dir) if download_form
                  else official_forms.install(path, forms_dir))
    except official_forms.FormInstallError as error:
        _fail(f"{path or download_form}: not installed: {error}")
    fitted = official_forms.check(target.read_bytes())
    click.echo(f"installed {fitted.footer} as {target}; the papers now fill it field by field")


@forms_group.command("list")
@forms_dir_option
def list_command(forms_dir: Path | None) -> None:
    """The shipped field maps, and which official PDFs are installed."""
    for fitted in official_forms.field_maps().values():
        form = official_forms.installed(fitted.form, forms_dir)
        state = f"installed: {form.path}" if form and form.field_map.key == fitted.key else "not installed (duplicate drawn)"
        click.echo(f"{fitted.footer}: field map shipped; {state}")

"""`prop64 documents CASE.json --as-of YYYY-MM-DD --out DIR [--lang xx] [--applicant FILE]`."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

import rules
from prop64.cli import as_of_option, policy_option, read_case_file, read_json_file

from .applicant import Applicant
from .i18n import LANGUAGES, normalise_lang
from .packet import build_packet

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
@policy_option
def documents(case_file: Path, as_of: date, out_dir: Path, lang: str, applicant_file: Path | None, policy: str) -> None:
    """Write the papers CASE_FILE's result calls for: the packet and each document alone."""
    case = read_case_file(case_file)
    applicant = _read_applicant(applicant_file) if applicant_file else None
    result = rules.result_to_dict(rules.evaluate(case, as_of=as_of, policy=policy))
    packet = build_packet(case, result, applicant, lang=lang)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {COMBINED_NAME: packet.combined, **packet.files}
    for name, data in written.items():
        (out_dir / name).write_bytes(data)
        click.echo(str(out_dir / name))
    for case_number in packet.overflow:
        click.echo(
            f"note: case {case_number} has more convictions than the CR-400 has lines; "
            "they are listed on Attachment 1, which must be filed with the petition.",
            err=True,
        )

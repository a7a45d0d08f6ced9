"""``prop64 synth`` and ``prop64 bulk``: synthetic files, and the DA office's bulk run."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click

from rules import counties
from rules.lawdata import EFFECTIVE_DATE

from .i18n import _

LOOKUP_KEY_ENV = "PROP64_LOOKUP_KEY"


class _UsageExitsOne(click.Command):
    """Bad usage exits 1: for ``prop64 bulk`` exit code 2 means "rows went to errors.csv"."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            error.exit_code = 1
            raise

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as error:
            error.exit_code = 1
            raise


def _as_of(ctx: click.Context, param: click.Parameter, value: str) -> date:
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        raise click.BadParameter(_("%(value)r is not a date; use YYYY-MM-DD.") % {"value": value}) from None
    if day < EFFECTIVE_DATE:
        raise click.BadParameter(
            _("%(value)s is before Prop 64 took effect (%(date)s); use a later date.")
            % {"value": value, "date": EFFECTIVE_DATE.isoformat()}
        )
    return day


def _county(ctx: click.Context, param: click.Parameter, value: str) -> str:
    found = counties.find(value or "")
    if found is None:
        raise click.BadParameter(
            _("%(value)r is not a California county. Names are matched without regard to case or spaces, e.g. \"LOS ANGELES\".")
            % {"value": value}
        )
    return found.name


def _rate(ctx: click.Context, param: click.Parameter, value: float) -> float:
    if not 0.0 <= value <= 1.0:
        raise click.BadParameter(_("must be between 0 and 1."))
    return value


@click.command()
@click.option("--rows", type=click.IntRange(min=1), required=True, help="How many data rows to write.")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed always gives the same file.")
@click.option("--format", "fmt", type=click.Choice(["doj", "generic"]), default="doj", show_default=True,
              help="doj: the 95-column DOJ research file. generic: one row per conviction (docs/generic-csv.md).")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The file to write.")
@click.option("--rows-per-person", type=click.IntRange(min=3), default=30, show_default=True,
              help="Average number of DOJ rows per person.")
@click.option("--malformed-rate", type=float, default=0.01, show_default=True, callback=_rate,
              help="Share of missing or malformed values (dates of birth, dates, levels).")
@click.option("--broken-rate", type=float, default=0.0, show_default=True, callback=_rate,
              help="Share of rows broken on purpose (wrong column count, broken quoting).")
@click.option("--no-header", is_flag=True, help="Leave out the DOJ header line.")
def synth(rows: int, seed: int, fmt: str, out: Path, rows_per_person: int, malformed_rate: float,
          broken_rate: float, no_header: bool) -> None:
    """Write a synthetic criminal-history file. Nothing in it is real."""
    from .synth import SynthOptions, write

    options = SynthOptions(
        rows=rows, seed=seed, fmt=fmt, header=not no_header, rows_per_person=rows_per_person,
        malformed_rate=malformed_rate, broken_rate=broken_rate,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as handle:
        written = write(handle, options)
    click.echo(_("%(rows)s rows written to %(path)s.") % {"rows": f"{written:,}", "path": out}, err=True)


@click.command(cls=_UsageExitsOne)
@click.argument("input_file", metavar="INPUT", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["doj", "generic"]), required=True,
              help="doj: the DOJ research file (95 columns). generic: docs/generic-csv.md.")
@click.option("--county", required=True, callback=_county,
              help="The county whose convictions are evaluated, e.g. \"LOS ANGELES\" (any case or spacing).")
@click.option("--as-of", required=True, callback=_as_of,
              help="The date the law is applied on, YYYY-MM-DD. Required: results never depend on the clock.")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The folder for the outputs (created when missing).")
@click.option("--policy", type=click.Choice(["statewide", "county"]), default="statewide", show_default=True,
              help="statewide: the statute alone. county: also the county's program, where it gives more.")
@click.option("--lookup-db", "lookup_db", metavar="URL",
              help="Publish to the lookup store: sqlite:///path or postgresql+psycopg://…. Needs PROP64_LOOKUP_KEY.")
@click.option("--documents", is_flag=True, help="Also write a prefilled CR-400 per case under OUT/documents/.")
@click.option("--allow-row-errors", is_flag=True, help="Exit 0 even when some rows went to errors.csv.")
def bulk(input_file: Path, fmt: str, county: str, as_of: date, out: Path, policy: str,
         lookup_db: str | None, documents: bool, allow_row_errors: bool) -> None:
    """Evaluate every Prop 64 conviction in a criminal-history file.

    Writes OUT/annotated.csv (every row, our columns appended), OUT/prop64_convictions.csv,
    OUT/errors.csv, OUT/summary.json, OUT/summary.html and OUT/manifest.json.
    Exit 0 when done, 2 when rows went to errors.csv (unless --allow-row-errors), 1 on bad usage.
    """
    from .pipeline import Options, run
    from .read import UsageError

    if not input_file.is_file():
        raise click.BadParameter(_("%(path)s: no such file.") % {"path": input_file}, param_hint="INPUT")
    key = None
    if lookup_db:
        key = os.environ.get(LOOKUP_KEY_ENV, "")
        if not key:
            raise click.UsageError(
                _("--lookup-db needs the secret key in the environment variable %(name)s; it keys the hashes the lookup store keeps instead of case numbers and dates of birth.")
                % {"name": LOOKUP_KEY_ENV}
            )
        if not (lookup_db.startswith(("sqlite:", "postgresql"))):
            raise click.BadParameter(_("use sqlite:///path or postgresql+psycopg://…"), param_hint="--lookup-db")
    if out.exists() and not out.is_dir():
        raise click.BadParameter(_("%(path)s exists and is not a folder.") % {"path": out}, param_hint="--out")
    options = Options(
        input=input_file, fmt=fmt, county=county, as_of=as_of, out=out, policy=policy,
        lookup_url=lookup_db, lookup_key=key, documents=documents, progress=sys.stderr.isatty(),
    )
    try:
        report = run(options)
    except UsageError as error:
        raise click.UsageError(str(error)) from None
    stats = report.stats
    click.echo(
        _("%(rows)s rows: %(convictions)s Prop 64 convictions of %(people)s people evaluated, %(errors)s rows in errors.csv, %(seconds).1f s. Outputs in %(out)s.")
        % {
            "rows": f"{stats.rows_annotated + stats.rows_error:,}",
            "convictions": f"{stats.convictions:,}",
            "people": f"{stats.people_with_convictions:,}",
            "errors": f"{stats.rows_error:,}",
            "seconds": report.seconds,
            "out": out,
        },
        err=True,
    )
    if stats.rows_error and not allow_row_errors:
        sys.exit(2)

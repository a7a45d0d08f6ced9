"""``prop64 synth`` and ``prop64 bulk``: synthetic files, and the DA office's bulk run."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click

from rules import counties
from rules.lawdata import EFFECTIVE_DATE

from .i18n import _, ngettext

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
              help="doj: the 95-column DOJ research file, every field quoted. generic: one row per conviction (docs/generic-csv.md).")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The file to write.")
@click.option("--rows-per-person", type=click.IntRange(min=3), default=90, show_default=True,
              help="Average number of DOJ rows per person.")
@click.option("--malformed-rate", type=float, default=0.01, show_default=True, callback=_rate,
              help="Share of missing or malformed values (dates of birth, dates, levels).")
@click.option("--broken-rate", type=float, default=0.0, show_default=True, callback=_rate,
              help="Share of rows broken on purpose (wrong column count, broken quoting).")
@click.option("--no-header", is_flag=True, help="Leave out the DOJ header line.")
@click.option("--shuffle", is_flag=True, help="Put people out of order: each person's rows in pieces far apart.")
def synth(rows: int, seed: int, fmt: str, out: Path, rows_per_person: int, malformed_rate: float,
          broken_rate: float, no_header: bool, shuffle: bool) -> None:
    """Write a synthetic criminal-history file. Nothing in it is real."""
    from .synth import SynthOptions, write

    options = SynthOptions(
        rows=rows, seed=seed, fmt=fmt, header=not no_header, rows_per_person=rows_per_person,
        malformed_rate=malformed_rate, broken_rate=broken_rate, shuffle=shuffle,
    )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8", newline="") as handle:
            written = write(handle, options)
    except OSError as error:
        raise click.ClickException(
            _("%(path)s cannot be written: %(reason)s") % {"path": out, "reason": error.strerror or error}
        ) from None
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
              help="The folder for the outputs. It is replaced as a whole at the end of the run.")
@click.option("--policy", type=click.Choice(["statewide", "county"]), default="statewide", show_default=True,
              help="Written row by row. statewide: the statute alone. county: also the county's program, where it gives more.")
@click.option("--compare-policy", "compare", multiple=True,
              type=click.Choice(["statewide", "county", "gogen", "dismiss-all"]),
              help="Also count people and convictions under this policy, in a column of the summary (repeatable). dismiss-all: what if every Prop 64 conviction were dismissed.")
@click.option("--gogen-options", "gogen_options", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="GoGen's eligibility_options.json, read as a county program and compared with the statute.")
@click.option("--columns", type=click.Choice(["ours", "gogen"]), default="ours", show_default=True,
              help="gogen: also write GoGen's eligibility column names in annotated.csv.")
@click.option("--lookup-db", "lookup_db", metavar="URL",
              help="Publish to the lookup store: sqlite:///path or postgresql+psycopg://…. Needs PROP64_LOOKUP_KEY.")
@click.option("--documents", is_flag=True, help="Also write a prefilled CR-400 per case under OUT/documents/.")
@click.option("--allow-row-errors", is_flag=True, help="Exit 0 even when some rows went to errors.csv.")
@click.option("--grouping", type=click.Choice(["auto", "sort"]), default="auto", show_default=True,
              help="auto: read the file as grouped by person (DOJ files are) and, if a person's rows come back later, read it again sorted by person on disk. sort: sort it on disk from the start (files known not to be grouped).")
def bulk(input_file: Path, fmt: str, county: str, as_of: date, out: Path, policy: str, compare: tuple[str, ...],
         gogen_options: Path | None, columns: str, lookup_db: str | None, documents: bool,
         allow_row_errors: bool, grouping: str) -> None:
    """Evaluate every Prop 64 conviction in a criminal-history file.

    Writes OUT/annotated.csv (every row, our columns appended), OUT/prop64_convictions.csv,
    OUT/errors.csv, OUT/summary.json, OUT/summary.html and OUT/manifest.json, all at once at
    the end (a run that stops leaves the earlier outputs as they were).
    Exit 0 when done, 2 when rows went to errors.csv (unless --allow-row-errors), 1 on bad usage.
    """
    from .allocator import keep_freed_memory
    from .pipeline import Options, run
    from .programs import OptionsError, read_gogen_options
    from .publish import OutputError
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
    try:
        gogen = read_gogen_options(gogen_options, county) if gogen_options else None
    except OptionsError as error:
        raise click.BadParameter(str(error), param_hint="--gogen-options") from None
    options = Options(
        input=input_file, fmt=fmt, county=county, as_of=as_of, out=out, policy=policy,
        lookup_url=lookup_db, lookup_key=key, documents=documents, progress=sys.stderr.isatty(),
        compare=compare, gogen=gogen, gogen_columns=columns == "gogen", grouping=grouping,
    )
    keep_freed_memory()
    try:
        report = run(options)
    except (UsageError, OptionsError) as error:
        raise click.UsageError(str(error)) from None
    except OutputError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    except OSError as error:
        click.echo(
            _("The run stopped: %(reason)s. The outputs in %(out)s were left as they were.")
            % {"reason": error.strerror or error, "out": out},
            err=True,
        )
        sys.exit(1)
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
    click.echo(
        _("%(count)s convictions in the county name HS 11357-11360 but were not evaluated as Prop 64 convictions (expected 0; see prop64_read in summary.json).")
        % {"count": f"{stats.prop64_not_evaluated:,}"},
        err=True,
    )
    if report.restarts:
        click.echo(
            _("The file is not grouped by person: it was read a second time, sorted by person on disk, and the time above includes the first attempt. For files that are never grouped, --grouping sort skips that attempt."),
            err=True,
        )
    if report.late_people:
        click.echo(
            ngettext(
                "The rows of %(n)s person came back further on in the file; that person was decided again with all their rows.",
                "The rows of %(n)s people came back further on in the file; they were decided again with all their rows.",
                report.late_people,
            ) % {"n": f"{report.late_people:,}"},
            err=True,
        )
    for policy_id, impact in stats.impacts.items():
        if policy_id == policy:
            continue
        click.echo(
            _("%(policy)s: %(relief)s convictions relieved, %(more)s more than the statute alone gives.")
            % {"policy": stats.policy_labels.get(policy_id, policy_id), "relief": f"{impact.relief:,}",
               "more": f"{impact.more_than_statute:,}"},
            err=True,
        )
    if stats.rows_error and not allow_row_errors:
        sys.exit(2)

"""`prop64 check | documents | forms | synth | bulk | web`.

Subcommands from other packages are imported only when they run, so `prop64 check` never
loads Flask or reportlab.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import click

import rules
from rules import lawdata
from rules.large import evaluate_large

from . import casefile

#: subcommand name → "module:attribute" of its click command
LAZY_COMMANDS = {
    "documents": "documents.cli:documents",
    "forms": "documents.cli:forms_group",
    "synth": "bulk.cli:synth",
    "bulk": "bulk.cli:bulk",
    "web": "webapp.cli:web",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *LAZY_COMMANDS])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS:
            module, attribute = LAZY_COMMANDS[name].split(":")
            return getattr(importlib.import_module(module), attribute)
        return super().get_command(ctx, name)


def parse_as_of(ctx: click.Context, param: click.Parameter, value: str) -> date:
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None
    if day < lawdata.EFFECTIVE_DATE:
        raise click.BadParameter(
            f"{value} is before Prop 64 took effect ({lawdata.EFFECTIVE_DATE.isoformat()}): "
            "there was no relief under HS 11361.8 to apply then"
        )
    return day


def read_json_file(path: Path) -> Any:
    """Parse a small JSON file strictly (duplicate keys, NaN, huge numbers and deep nesting are
    refused), or exit 2 saying where it is broken."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        click.echo(f"{path}: cannot read the file: {error}", err=True)
        sys.exit(2)
    try:
        return casefile.loads(text)
    except json.JSONDecodeError as error:
        click.echo(f"{path}: not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}", err=True)
    except casefile.CaseFileError as error:
        click.echo(f"{path}: {error}", err=True)
    sys.exit(2)


@contextmanager
def case_file_problems(path: Path) -> Iterator[None]:
    """A case file that cannot be read or is not valid: exit 2 with one line per problem."""
    try:
        yield
        return
    except casefile.CaseFileError as error:
        for message in error.messages:
            click.echo(message, err=True)
    except rules.CaseError as error:
        for problem in error.problems:
            click.echo(f"{path}: {problem}", err=True)
    sys.exit(2)


as_of_option = click.option(
    "--as-of",
    required=True,
    callback=parse_as_of,
    help="The date the law is applied on, YYYY-MM-DD. Required: results never depend on the clock.",
)
policy_option = click.option(
    "--policy",
    type=click.Choice(["statewide", "county"]),
    default="statewide",
    show_default=True,
    help="statewide: the statute alone. county: also the case's county program, where it gives more.",
)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(rules.RULES_VERSION, prog_name="prop64 (rules version)")
def main() -> None:
    """Clear California cannabis convictions under Proposition 64 (HS 11361.8)."""


@main.command()
@click.argument("case_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@as_of_option
@policy_option
def check(case_file: Path, as_of: date, policy: str) -> None:
    """Decide every conviction in CASE_FILE and print the Result as JSON."""
    # A file of any size: the convictions are read one at a time, once for each pass of the
    # engine, and each determination is printed as it is decided (rules/large.py).
    with case_file_problems(case_file):
        large = casefile.read_large_case(case_file)
        head, determinations = evaluate_large(large, as_of=as_of, policy=policy)
        out = sys.stdout
        for piece in casefile.result_json(head, determinations()):
            out.write(piece)
    out.write("\n")
    out.flush()


if __name__ == "__main__":  # pragma: no cover
    main()

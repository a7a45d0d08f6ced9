"""The two input formats as objects: what the file looks like and which rows matter.

A :class:`Format` answers, for a batch of rows read as text, the questions the run asks of every
file: which column names the person, which rows can bear on a decision (so that only those are
kept while a person's record is gathered), which are candidate Prop 64 convictions in the county,
and which mention a Prop 64 section at all (the "read but not evaluated" count). Every test is
made once per distinct value of a column (a few hundred per batch), with the same functions that
build the case file, so the vectorised answer and the per-person answer cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from . import doj
from .cases import (
    GENERIC_COLUMNS,
    GENERIC_REQUIRED,
    DojPerson,
    GenericPerson,
    code_section,
    county_key,
    is_candidate,
    mentions_prop64,
)
from .i18n import _
from .read import Layout, UsageError
from .write import text

#: The columns :meth:`Format.scan` reads.
_SCANNED = ("DISP_DESCR", "STP_TYPE_DESCR", "STP_ORI_CNTY_NAME", "OFFENSE_DESCR", "COMMENT_TEXT")
_SPECIAL_STEPS = pa.array(["DECEASED", "REGISTRATION"], pa.string())
_SEP = "\x1f"
_SEP_SCALAR = text(_SEP)


def by_value(column: pa.ChunkedArray | pa.Array, test: Callable[[str], bool]) -> pa.Array:
    """``test`` applied once per distinct value of ``column``, spread back over its rows."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    encoded = pc.dictionary_encode(column)
    verdicts = pa.array([test(v) for v in encoded.dictionary.to_pylist()], pa.bool_())
    return verdicts.take(encoded.indices)


def _pair_code(pair: str) -> str:
    descr, _, comment = pair.partition(_SEP)
    return code_section(descr, comment)


def _pair_is_candidate(pair: str) -> bool:
    return is_candidate(_pair_code(pair))


def _pair_mentions(pair: str) -> bool:
    return mentions_prop64(_pair_code(pair))


def trimmed(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    return pc.utf8_trim_whitespace(column)


@dataclass(frozen=True)
class Scan:
    """What one batch holds: which rows matter, and what those rows are.

    ``relevant`` is over the whole batch; ``candidate`` and ``mentions`` are over the relevant
    rows only (the rows ``relevant`` keeps, in order), so that the costlier tests look at the
    few rows that can bear on a decision, not at every arrest and court event.
    """

    relevant: pa.Array  # rows kept for deciding (convictions and special steps; generic: all)
    candidate: pa.Array  # of the relevant rows: candidate Prop 64 convictions in the county
    mentions: pa.Array  # of the relevant rows: convictions in the county naming 11357-11360


class Format:
    """The DOJ research file; :class:`GenericFormat` overrides what differs."""

    name = "doj"
    person_column = doj.PERSON_KEY
    layout = Layout(columns=doj.COLUMNS, header_start=doj.HEADER_START)
    person = DojPerson

    def prepare(self, names: Sequence[str]) -> tuple[str, ...]:
        """The column names the run uses for a file with header ``names`` (checked)."""
        return tuple(names)

    def used(self, keys: Sequence[str]) -> tuple[str, ...]:
        return doj.USED

    def parsed_columns(self, keys: Sequence[str]) -> tuple[str, ...] | None:
        """The columns parsed for every row (None: all of them, under the names ``keys``): the
        person and what :meth:`scan` reads. The rows that matter, a few of every hundred, have
        :meth:`used` parsed later; the others are only copied to annotated.csv. Converting
        all 95 columns of the DOJ file would cost four times as much."""
        return (self.person_column, *_SCANNED)

    def rows(self, table: pa.Table, used: Sequence[str]) -> Iterable:
        return zip(*(table.column(name).to_pylist() for name in used))

    def codes(self, table: pa.Table) -> list[str]:
        """The code of each row, as the case file reads it."""
        return [code_section(d, c) for d, c in zip(table.column("OFFENSE_DESCR").to_pylist(),
                                                   table.column("COMMENT_TEXT").to_pylist())]

    def scan(self, table: pa.Table, wanted_county: str) -> Scan:
        convicted = pc.starts_with(trimmed(table.column("DISP_DESCR")), "CONVICTED", ignore_case=True)
        steps = pc.utf8_upper(trimmed(table.column("STP_TYPE_DESCR")))
        relevant = pc.or_(convicted, pc.is_in(steps, value_set=_SPECIAL_STEPS))
        kept = table.select(["STP_ORI_CNTY_NAME", "OFFENSE_DESCR", "COMMENT_TEXT"]).filter(relevant)
        convicted = convicted.filter(relevant)
        in_county = by_value(kept.column("STP_ORI_CNTY_NAME"), lambda n: county_key(n) == wanted_county)
        pairs = pc.binary_join_element_wise(kept.column("OFFENSE_DESCR"), kept.column("COMMENT_TEXT"), _SEP_SCALAR)
        code_ok = by_value(pairs, _pair_is_candidate)
        here = pc.and_(convicted, in_county)
        mentions = pc.and_(here, by_value(pairs, _pair_mentions))
        return Scan(relevant, pc.and_(here, code_ok), mentions)


class GenericFormat(Format):
    """The generic CSV (docs/generic-csv.md): one row per conviction, columns named in a header."""

    name = "generic"
    person_column = "person_id"
    layout = Layout(columns=(), header_start=None, header_required=True)
    person = GenericPerson

    def prepare(self, names: Sequence[str]) -> tuple[str, ...]:
        keys = tuple(n.lower() for n in names)
        missing = [c for c in GENERIC_REQUIRED if c not in keys]
        if missing:
            raise UsageError(
                _("The generic CSV has no column %(columns)s; see docs/generic-csv.md.")
                % {"columns": ", ".join(missing)}
            )
        twice = sorted({k for k in keys if k in GENERIC_COLUMNS and keys.count(k) > 1})
        if twice:
            raise UsageError(
                _("The generic CSV names the column %(columns)s more than once (names are matched without regard to case); keep one so that no value is guessed.")
                % {"columns": ", ".join(twice)}
            )
        return keys

    def used(self, keys: Sequence[str]) -> tuple[str, ...]:
        return tuple(n for n in GENERIC_COLUMNS if n in keys)

    def parsed_columns(self, keys: Sequence[str]) -> tuple[str, ...] | None:
        return None  # a few columns, named in the header in any case

    def rows(self, table: pa.Table, used: Sequence[str]) -> Iterable:
        return (dict(zip(used, values)) for values in zip(*(table.column(n).to_pylist() for n in used)))

    def codes(self, table: pa.Table) -> list[str]:
        return [c.strip() for c in table.column("code").to_pylist()]

    def scan(self, table: pa.Table, wanted_county: str) -> Scan:
        everything = pa.array([True] * table.num_rows, pa.bool_())
        in_county = by_value(table.column("county"), lambda n: county_key(n) == wanted_county)
        code_ok = by_value(table.column("code"), lambda c: is_candidate(c.strip()))
        mentions = pc.and_(in_county, by_value(table.column("code"), lambda c: mentions_prop64(c.strip())))
        return Scan(everything, pc.and_(in_county, code_ok), mentions)


FORMATS: dict[str, Format] = {"doj": Format(), "generic": GenericFormat()}

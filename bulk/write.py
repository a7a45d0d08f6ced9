"""Writers: CSV-injection-safe cells, the annotated file, the condensed file, errors.csv."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

#: A spreadsheet reads a cell starting with one of these as a formula (OWASP CSV injection).
DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")
_DANGEROUS_BYTES = pa.array([c.encode() for c in DANGEROUS_FIRST], pa.binary())


#: Bytes per write to the file. Linux copies a write of a few MiB into the page cache several
#: times slower than the same bytes in pieces of this size (about 1.5 s against 0.4 s of system
#: time per 700 MB on the development machine).
WRITE_BYTES = 256 << 10


def text(value: str) -> pa.Scalar:
    """``value`` as an Arrow scalar, made once: a Python string handed to a compute function
    is converted on every call, and the conversion tries an optional import each time."""
    return pa.scalar(value, pa.string())


_NONE, _QUOTE, _APOSTROPHE, _BETWEEN = text(""), text('"'), text("'"), text('","')
_OPEN, _CLOSE_LINE = text(',"'), text('"\n')


_DANGEROUS_SET = frozenset(DANGEROUS_FIRST)


def neutralise(value: str) -> str:
    """Prefix a cell that a spreadsheet would run as a formula with ``'``."""
    if value and value[0] in DANGEROUS_FIRST:
        return "'" + value
    return value


def _starts_formula(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """True for each cell of ``column`` that :func:`neutralise` would prefix."""
    return pc.is_in(pc.binary_slice(column.cast(pa.binary()), 0, 1), value_set=_DANGEROUS_BYTES)


def neutralise_array(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """The same, for a whole column of text at once."""
    mask = _starts_formula(column)
    if not pc.any(mask).as_py():
        return column
    return pc.if_else(mask, pc.binary_join_element_wise(_APOSTROPHE, column, _NONE), column)


def quoted_rows(table: pa.Table, safe: bool = True) -> pa.Array:
    """Each row of ``table`` as annotated.csv writes it: every cell neutralised (unless not
    ``safe``), quoted, its quotes doubled, the cells joined by commas (no line end). This is
    what a quoted DOJ line already is, byte for byte, when none of its cells needs
    neutralising."""
    if table.num_columns == 0:
        return pa.array([""] * table.num_rows, pa.string())
    cells = [pc.replace_substring(neutralise_array(c) if safe else c, '"', '""') for c in table.columns]
    joined = pc.binary_join_element_wise(*cells, _BETWEEN)
    rows = pc.binary_join_element_wise(_QUOTE, joined, _QUOTE, _NONE)
    return rows.combine_chunks() if isinstance(rows, pa.ChunkedArray) else rows


def formula_rows(table: pa.Table) -> pa.Array:
    """True for each row of ``table`` with a cell that a spreadsheet would run as a formula."""
    found = pa.array([False] * table.num_rows, pa.bool_())
    for column in table.columns:
        found = pc.or_(found, _starts_formula(column))
    return found.combine_chunks() if isinstance(found, pa.ChunkedArray) else found


def input_cells(table: pa.Table, lines: pa.Array) -> pa.Array:
    """Each row's input cells as annotated.csv writes them: the row's own line (``lines``, its
    line end left out) when it has one and none of its cells starts a formula, else
    :func:`quoted_rows`. A row read from one physical line reads back from it as the same
    cells; a row whose quoted field ran over several lines has no line of its own (null)."""
    rewrite = pc.or_(pc.is_null(lines), formula_rows(table))
    if not pc.any(rewrite).as_py():
        return lines
    return pc.if_else(rewrite, quoted_rows(table), lines)


def _quoted_line(cells: Sequence[str]) -> bytes:
    return (",".join('"' + c.replace('"', '""') + '"' for c in cells) + "\n").encode("utf-8")


class AnnotatedWriter:
    """The input rows, in input order, with ``prop64_row`` and our columns appended.

    The reader hands on each row's input cells already written (:func:`input_cells`: the input
    line itself, or the cells neutralised and quoted), so a row is its cells, its line number
    and our cells (every value quoted, as in DOJ files), joined in one vectorised step. Writing
    happens in a worker thread, one batch in flight (pyarrow and the file write let go of the
    GIL).

    With ``positions`` (an object with ``add(table)``), the place in the file of the rows asked
    for (:meth:`write`'s ``keep``) is handed to it: ``line``, ``start`` (byte offset), ``raw``
    (bytes of the input cells) and ``length`` (bytes of the whole row, line end included), so
    that those rows can be written again with other answers (bulk.late).
    """

    def __init__(self, path: Path, input_names: Sequence[str], ours: Sequence[str], positions: Any = None):
        self.width = len(ours)
        self._file = open(path, "wb")  # noqa: SIM115 - closed by close()
        header = _quoted_line([neutralise(n) for n in input_names] + ["prop64_row", *ours])
        self._file.write(header)
        self.offset = len(header)
        self.positions = positions
        self._blank = pa.scalar(',""' * self.width + "\n", pa.string())
        self.rows = 0
        self._pool = ThreadPoolExecutor(max_workers=1)
        self._pending: Future | None = None

    def write(self, raw: pa.Array, lines: pa.Array, answers: pa.Table | None, keep: pa.Array | None = None) -> None:
        """Queue rows for writing: ``raw`` their input cells (:func:`input_cells`), ``lines``
        their line numbers, ``answers`` (``line``, ``v0``… for the evaluated rows; None when
        there are none) our cells; ``keep``: the rows whose positions to hand on."""
        self._wait()
        self._pending = self._pool.submit(self._write, raw, lines, answers, keep)
        self.rows += len(lines)

    def rows_text(self, raw: pa.Array, lines: pa.Array, answers: pa.Table | None) -> pa.Array | pa.ChunkedArray:
        """The rows as they are written (each with its line end)."""
        numbers = pc.cast(lines, pa.string())
        return pc.binary_join_element_wise(raw, _OPEN, numbers, _QUOTE, self._tails(lines, answers), _NONE)

    def _tails(self, lines: pa.Array, answers: pa.Table | None) -> pa.Array | pa.Scalar:
        """Our cells of each row, with the line end: empty cells for rows not evaluated."""
        if answers is None or answers.num_rows == 0:
            return self._blank
        # the answers of these rows only (a sorted run's answers cover many more lines)
        mine = answers.take(pc.index_in(lines, value_set=answers.column("line")))
        cells = [pc.replace_substring(mine.column(f"v{j}"), '"', '""') for j in range(self.width)]
        filled = pc.binary_join_element_wise(_OPEN, pc.binary_join_element_wise(*cells, _BETWEEN), _CLOSE_LINE, _NONE)
        return pc.fill_null(filled, self._blank)

    def _write(self, raw: pa.Array, lines: pa.Array, answers: pa.Table | None, keep: pa.Array | None) -> None:
        if len(lines) == 0:
            return
        out = self.rows_text(raw, lines, answers)
        if keep is not None and self.positions is not None:
            self._hand_on_positions(out, raw, lines, keep)
        for array in out.chunks if isinstance(out, pa.ChunkedArray) else (out,):
            _, offsets, data = array.buffers()
            bounds = memoryview(offsets).cast("i")
            start, end = bounds[array.offset], bounds[array.offset + len(array)]
            view = memoryview(data)
            for at in range(start, end, WRITE_BYTES):
                self._file.write(view[at:min(at + WRITE_BYTES, end)])
            self.offset += end - start

    def _hand_on_positions(self, out, raw, lines: pa.Array, keep: pa.Array) -> None:
        if not pc.any(keep).as_py():
            return
        lengths = pc.cast(pc.binary_length(out), pa.int64())
        if isinstance(lengths, pa.ChunkedArray):
            lengths = lengths.combine_chunks()
        starts = pc.add(pc.subtract(pc.cumulative_sum(lengths), lengths), pa.scalar(self.offset, pa.int64()))
        self.positions.add(pa.table({
            "line": lines, "start": starts, "raw": pc.cast(pc.binary_length(raw), pa.int64()), "length": lengths,
        }).filter(keep))

    def _wait(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()

    def close(self) -> None:
        try:
            self._wait()
        finally:
            self._pool.shutdown()
            self._file.close()


class SafeCsvWriter:
    """A CSV writer whose every cell is neutralised, written as ``csv.writer`` writes it.

    The rows of a run repeat the same texts (reasons, citations, outcomes) thousands of times,
    so each distinct cell is neutralised and quoted once (:meth:`_cell`) and a row is its cells
    joined.

    With no ``path``, the rows are kept in memory, without a header, until :meth:`take`: a
    worker deciding every other batch hands its rows to the process that writes the file, so
    the file is the same whichever worker decided which batch."""

    #: Distinct cells remembered (then forgotten all at once: memory stays flat).
    CELLS_KEPT = 50_000

    def __init__(self, path: Path | None, header: Sequence[str] = ()):
        if path is None:
            self._file: Any = io.StringIO(newline="")
        else:
            self._file = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by close()
        self._quoted = io.StringIO(newline="")
        self._quoting = csv.writer(self._quoted, lineterminator="\n")
        self._cells: dict[str, str] = {}
        if header:
            self._write(header)
        self.rows = 0

    def take(self) -> str:
        """The rows written in memory since the last call."""
        text = self._file.getvalue()
        self._file.seek(0)
        self._file.truncate()
        return text

    def write_text(self, text: str) -> None:
        """Rows already formatted by :meth:`take` of another writer."""
        self._file.write(text)

    def _cell(self, value: str) -> str:
        """``value`` neutralised, then as csv.writer writes it among other cells."""
        if not value:
            return ""  # csv.writer quotes an empty cell only when it is the row's only cell
        self._quoting.writerow(("'" + value if value[0] in _DANGEROUS_SET else value,))
        cell = self._quoted.getvalue()[:-1]
        self._quoted.seek(0)
        self._quoted.truncate()
        if len(self._cells) >= self.CELLS_KEPT:
            self._cells.clear()
        self._cells[value] = cell
        return cell

    def _write(self, row: Iterable[Any]) -> None:
        cells = self._cells
        out = []
        for v in row:
            if v is None:
                out.append("")
            elif type(v) is str:
                cell = cells.get(v)
                out.append(cell if cell is not None else self._cell(v))
            else:
                out.append(self._cell(str(v)) if isinstance(v, str) else str(v))
        self._file.write(",".join(out) + "\n" if len(out) != 1 or out[0] else '""\n')

    def writerow(self, row: Iterable[Any]) -> None:
        self._write(row)
        self.rows += 1

    def close(self) -> None:
        self._file.close()

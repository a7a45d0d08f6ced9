"""Read a CSV file as a stream of column batches, accounting for every row.

Two readers share one interface, :func:`read_batches`:

* the **fast reader** streams the file through pyarrow's CSV parser in blocks. It is used while
  the file is well formed: RFC 4180 quoting, no blank lines, valid UTF-8. A row with the wrong
  number of columns is reported and skipped; everything else is read as text (nothing is
  type-converted, so identifiers keep their leading zeros).
* the **strict reader** uses Python's ``csv`` module one physical line at a time. It takes over
  from the start as soon as the fast reader sees anything it cannot number exactly (a stray
  quote, an unterminated quoted field, a blank line, a lone carriage return, bytes that are not
  UTF-8). It reports each broken row on its own and carries on with the next line.

Every row is either yielded (with its physical line number, 1 = the first line of the file)
or reported to ``on_error`` with a line number and an error code, never both and never neither.
Blank lines are not rows and are skipped by both readers.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

from .i18n import _

BOM = b"\xef\xbb\xbf"
#: Bytes per read. pyarrow's streaming CSV reader keeps up to 32 blocks read ahead of the
#: parser whenever reading outruns the rest of the run, so this, not the file size, bounds
#: the input held in memory (16 MiB). A line longer than this sends the file to the strict
#: reader.
BLOCK_SIZE = 512 << 10
#: Parsed blocks are handed on together, in batches of about this many bytes of text, so that
#: the per-batch work of the run is shared over many rows.
BATCH_BYTES = 3 << 20
STRICT_BATCH_ROWS = 50_000
#: A quoted field that is well formed: opens after a comma or at a line start, doubles inner
#: quotes, holds no line break, and closes before a comma or the end of the line.
_QUOTED_FIELD = re.compile(rb'"(?<![^,\n]")[^"\n]*(?:""[^"\n]*)*"(?![^,\r\n])')


class RowError:
    """Error codes written to errors.csv (stable identifiers) with their English messages."""

    WRONG_COLUMN_COUNT = "WRONG_COLUMN_COUNT"
    BAD_QUOTING = "BAD_QUOTING"
    BAD_ENCODING = "BAD_ENCODING"
    MISSING_PERSON_ID = "MISSING_PERSON_ID"


ErrorSink = Callable[[int, str, dict], None]


@dataclass(frozen=True)
class Layout:
    """What a file must look like: its column names, and how to recognise a header line."""

    columns: tuple[str, ...]
    header_start: str | None  # a first line starting with this is a header (DOJ files)
    header_required: bool = False  # the generic CSV names its columns in a header line


@dataclass
class Batch:
    table: pa.Table  # every column as text (non-null strings)
    lines: pa.Array  # int64 physical line number of each row


class NeedsStrictReader(Exception):
    """The fast reader met input it cannot account for row by row."""


class NeedsRowNumbers(Exception):
    """A bad row turned up while parsing in parallel, where pyarrow cannot number rows."""


#: A cell starting with = + - @ or a tab, right after a comma, a line start or an opening
#: quote: a spreadsheet would run it as a formula. Files without one skip the per-cell check.
_DANGER = re.compile(rb'[-=+@\t](?<=[,\n][-=+@\t])|[-=+@\t](?<=[,\n]"[-=+@\t])')


class Source:
    """What a reader knows about the bytes it has read so far."""

    def __init__(self) -> None:
        self.dangerous = False  # some cell read so far starts with = + - @ or a tab
        self.bytes_read = 0


class UsageError(Exception):
    """The file cannot be read at all (missing, empty, or a header without required columns)."""


def sniff_header(path: Path, layout: Layout) -> tuple[bool, tuple[str, ...]]:
    """Return (has_header, column names). Generic files name their columns in the header."""
    with open(path, "rb") as raw:
        first = raw.readline(1 << 20)
    text = first.removeprefix(BOM).decode("utf-8", errors="replace").rstrip("\r\n")
    if layout.header_required:
        if not text.strip():
            raise UsageError(_("The file is empty or does not start with a header line."))
        names = tuple(name.strip() for name in next(csv.reader([text])))
        return True, names
    has_header = bool(layout.header_start) and text.startswith(layout.header_start)
    return has_header, layout.columns


class _Scanner(io.RawIOBase):
    """A file object for pyarrow that hashes the bytes and vets each block before parsing."""

    def __init__(self, raw: io.BufferedReader, hasher: hashlib._Hash, source: Source):
        super().__init__()
        self.raw = raw
        self.hasher = hasher
        self.source = source
        self.tail = b""
        self.at_start = True
        self.problem: str | None = None

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        size = n if n and n > 0 else BLOCK_SIZE
        data = self.raw.read(max(size - len(self.tail), 1))
        self.hasher.update(data)
        self.source.bytes_read += len(data)
        data = self.tail + data
        self.tail = b""
        if len(data) >= size:  # more to come: hand over whole lines only
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                self._fail("a line longer than the read block")
            data, self.tail = data[:cut], data[cut:]
        self._vet(data)
        return data

    def readinto(self, buffer) -> int:  # pragma: no cover - pyarrow calls read()
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def _fail(self, problem: str) -> None:
        self.problem = problem
        raise NeedsStrictReader(problem)

    def _vet(self, data: bytes) -> None:
        if self.at_start:
            self.at_start = False
            data_start = data.removeprefix(BOM)
            if data_start.startswith((b"\n", b"\r")):
                self._fail("blank line")
            if data_start[:1] in (b"=", b"+", b"-", b"@", b"\t") or data_start.startswith(
                (b'"=', b'"+', b'"-', b'"@', b'"\t')
            ):
                self.source.dangerous = True
        if not self.source.dangerous and _DANGER.search(data):
            self.source.dangerous = True
        if b"\n\n" in data or b"\n\r\n" in data or data.startswith((b"\n", b"\r\n")) and data:
            self._fail("blank line")
        if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
            self._fail("carriage return inside a line")
        if b'"' in data and b'"' in _QUOTED_FIELD.sub(b"", data):
            self._fail("quoting")


def _fast_batches(
    path: Path, layout: Layout, names: Sequence[str], has_header: bool, on_error: ErrorSink,
    hasher: hashlib._Hash, source: Source, threads: bool,
) -> Iterator[Batch]:
    invalid: list[int] = []
    unnumbered: list[bool] = []
    expected = len(names)

    def handler(row: pacsv.InvalidRow) -> str:
        if row.number is None:  # parsing in parallel: start again in one thread
            unnumbered.append(True)
            return "skip"
        invalid.append(row.number)
        on_error(
            row.number,
            RowError.WRONG_COLUMN_COUNT,
            {"expected": expected, "found": row.actual_columns},
        )
        return "skip"

    with open(path, "rb") as raw:
        scanner = _Scanner(raw, hasher, source)
        try:
            reader = pacsv.open_csv(
                scanner,
                read_options=pacsv.ReadOptions(
                    column_names=list(names),
                    skip_rows=1 if has_header else 0,
                    use_threads=threads,
                    block_size=BLOCK_SIZE,
                ),
                parse_options=pacsv.ParseOptions(
                    invalid_row_handler=handler, newlines_in_values=False
                ),
                convert_options=pacsv.ConvertOptions(
                    column_types={name: pa.string() for name in names},
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                ),
            )
            next_line = 2 if has_header else 1
            pending = 0  # index into ``invalid`` of the first bad row not yet passed
            parts: list[pa.RecordBatch] = []
            numbered: list[pa.Array] = []
            held = 0
            for record_batch in reader:
                if unnumbered:
                    raise NeedsRowNumbers()
                n = record_batch.num_rows
                if n == 0:
                    continue
                # good rows take the next line numbers that were not reported as bad
                end = next_line + n + (len(invalid) - pending)
                skip = [x for x in invalid[pending:] if x < end]
                if not skip:
                    numbers = pa.array(range(next_line, next_line + n), pa.int64())
                    next_line += n
                else:
                    found: list[int] = []
                    line, bad = next_line, set(skip)
                    while len(found) < n:
                        if line in bad:
                            pending += 1
                        else:
                            found.append(line)
                        line += 1
                    next_line = line
                    numbers = pa.array(found, pa.int64())
                parts.append(record_batch)
                numbered.append(numbers)
                held += record_batch.nbytes
                if held >= BATCH_BYTES:
                    yield Batch(pa.Table.from_batches(parts), pa.concat_arrays(numbered))
                    parts, numbered, held = [], [], 0
            if parts:
                yield Batch(pa.Table.from_batches(parts), pa.concat_arrays(numbered))
        except (NeedsStrictReader, NeedsRowNumbers):
            raise
        except (pa.ArrowInvalid, OSError, UnicodeDecodeError) as error:
            raise NeedsStrictReader(scanner.problem or str(error)) from None
        if scanner.problem:
            raise NeedsStrictReader(scanner.problem)
        if unnumbered:
            raise NeedsRowNumbers()


def _strict_batches(
    path: Path, layout: Layout, names: Sequence[str], has_header: bool, on_error: ErrorSink,
    hasher: hashlib._Hash, source: Source, threads: bool = False,
) -> Iterator[Batch]:
    """Blocks of lines go through ``csv`` at once; a block that raises any doubt (an
    unterminated quote, a multi-line record of the wrong width, bytes that are not UTF-8) is
    read again one line at a time, so each broken row is reported on its own."""
    source.dangerous = True  # checked cell by cell
    width = len(names)
    rows: list[list[str]] = []
    lines: list[int] = []

    def flush() -> Batch:
        columns = list(zip(*rows)) if rows else [()] * width
        table = pa.table({name: pa.array(col, pa.string()) for name, col in zip(names, columns)})
        batch = Batch(table, pa.array(lines, pa.int64()))
        rows.clear()
        lines.clear()
        return batch

    def accept(first_line: int, row: list[str]) -> None:
        if len(row) != width:
            on_error(first_line, RowError.WRONG_COLUMN_COUNT, {"expected": width, "found": len(row)})
            return
        rows.append(row)
        lines.append(first_line)

    record: list[tuple[int, bytes]] = []  # the lines of a record still being read

    def consume(item: tuple[int, bytes]) -> None:
        nonlocal record
        queue = deque([item])
        while queue:
            record.append(queue.popleft())
            status, row = _parse_record(record)
            if status == _INCOMPLETE and len(record) < MAX_RECORD_LINES:
                continue
            if status == _OK and (len(record) == 1 or len(row) == width):
                if row:  # an empty list is a blank line, which is not a row
                    accept(record[0][0], row)
                record = []
                continue
            # a quote that never closes, or closes lines later in a record of the wrong
            # width: the first line is the broken one; the lines after it are rows again
            code = RowError.BAD_QUOTING if status in (_INCOMPLETE, _OK) else status
            on_error(record[0][0], code, {})
            queue.extendleft(reversed(record[1:]))
            record = []

    with open(path, "rb") as raw:
        physical = _physical_lines(raw, hasher, source)
        if has_header:
            next(physical, None)
        chunk: list[tuple[int, bytes]] = []
        for item in physical:
            chunk.append(item)
            if len(chunk) < STRICT_CHUNK_LINES:
                continue
            _strict_chunk(chunk, width, record, consume, accept)
            chunk = []
            if len(lines) >= STRICT_BATCH_ROWS:
                yield flush()
        if chunk:
            _strict_chunk(chunk, width, record, consume, accept)
        while record:  # the file ended inside a quoted field
            first, rest = record[0], record[1:]
            on_error(first[0], RowError.BAD_QUOTING, {})
            record.clear()
            for item in rest:
                consume(item)
        if lines:
            yield flush()


STRICT_CHUNK_LINES = 4096


def _strict_chunk(chunk, width, record, consume, accept) -> None:
    parsed = None if record else _parse_chunk(chunk, width)
    if parsed is None:
        for item in chunk:
            consume(item)
        return
    for first_line, row in parsed:
        accept(first_line, row)


def _parse_chunk(chunk: list[tuple[int, bytes]], width: int) -> list[tuple[int, list[str]]] | None:
    """Parse consecutive lines in one go; None when any record needs a closer look."""
    try:
        text = b"\n".join(line for _, line in chunk).decode("utf-8")
    except UnicodeDecodeError:
        return None
    base = chunk[0][0] - 1
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    out: list[tuple[int, list[str]]] = []
    end = 0
    try:
        for row in reader:
            start, end = end + 1, reader.line_num
            if end > start and (len(row) != width or end - start >= MAX_RECORD_LINES):
                return None
            if row:
                out.append((base + start, row))
    except csv.Error:
        return None
    return out


_OK = "OK"
_INCOMPLETE = "INCOMPLETE"
MAX_RECORD_LINES = 20
_EOL = re.compile(rb"\r\n|\n|\r")


def _physical_lines(
    raw: io.BufferedReader, hasher: hashlib._Hash, source: Source
) -> Iterator[tuple[int, bytes]]:
    """Yield (line number, line without its ending); CRLF, LF and a lone CR all end a line."""
    number = 0
    pending = b""
    first = True
    for chunk in iter(lambda: raw.read(BLOCK_SIZE), b""):
        hasher.update(chunk)
        source.bytes_read += len(chunk)
        if first:
            chunk = chunk.removeprefix(BOM)
            first = False
        data = pending + chunk
        parts = _EOL.split(data)
        pending = parts.pop()
        if data.endswith(b"\r"):  # maybe the first half of a CRLF: decide with the next block
            pending = parts.pop() + b"\r"
        for part in parts:
            number += 1
            yield number, part
    if pending:
        parts = _EOL.split(pending)
        if parts[-1] == b"":
            parts.pop()
        for part in parts:
            number += 1
            yield number, part


def _parse_record(record: list[tuple[int, bytes]]) -> tuple[str, list[str] | None]:
    """Parse physical lines as one CSV record: (status, row); status is OK, INCOMPLETE or a code."""
    raw = b"\n".join(line for _, line in record)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return RowError.BAD_ENCODING, None
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            return _INCOMPLETE, None
        return RowError.BAD_QUOTING, None
    if not rows:
        return _OK, []
    if len(rows) != 1:
        return RowError.BAD_QUOTING, None
    return _OK, rows[0]


def read_batches(
    path: Path, layout: Layout, on_error: ErrorSink, *, strict: bool = False, threads: bool = True
) -> tuple[Iterator[Batch], hashlib._Hash, tuple[str, ...], Source]:
    """Open ``path``; return (batches, SHA-256 of the bytes read, column names, source).

    The fast reader may raise :class:`NeedsStrictReader` while iterating (the caller then
    starts again with ``strict=True``) or :class:`NeedsRowNumbers` (start again with
    ``threads=False``); see :func:`bulk.pipeline.run`.
    """
    if not path.exists() or not path.is_file():
        raise UsageError(_("%(path)s: no such file.") % {"path": path})
    has_header, names = sniff_header(path, layout)
    hasher = hashlib.sha256()
    source = Source()
    make = _strict_batches if strict else _fast_batches
    batches = make(path, layout, names, has_header, on_error, hasher, source, threads)
    return batches, hasher, names, source

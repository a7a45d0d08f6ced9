"""Read a CSV file as a stream of column batches, accounting for every row.

The file is cut into chunks of whole lines (:data:`CHUNK_BYTES`). Each chunk is parsed one of
two ways, and the two give the same rows:

* **pyarrow** parses it strictly as one block of text: RFC 4180 quoting, every value kept as
  text (identifiers keep their leading zeros). The chunk is accepted only when every physical
  line came out as exactly one row of the right width; then line numbers are exact without
  looking at a single byte in Python. This is the usual path, and it runs in a reading thread
  that does not hold the GIL while pyarrow parses, so the rest of the run goes on meanwhile.
* **Python's csv module**, line by line, takes the chunks pyarrow rejects or cannot number: a
  row of the wrong width, broken quoting, a quoted field holding line breaks, a blank line, a
  lone carriage return (CR-only files), bytes that are not UTF-8. It reports each broken row on
  its own and carries on with the next line; a record whose quoted field runs on over several
  lines may continue into the next chunk.

Every row is either yielded (with its physical line number, 1 = the first line of the file)
or reported to ``on_error`` with a line number and an error code, never both and never neither.
Blank lines are not rows and are skipped.
"""

from __future__ import annotations

import csv
import hashlib
import io
import queue
import re
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .i18n import _
from .write import DANGEROUS_FIRST, input_cells, quoted_rows, text

_LINE_END, _NONE = text("\n"), text("")
#: 0, 1, 2, …: a chunk's line numbers are these plus the number of its first line.
_COUNTING = pa.array(range(1 << 16), pa.int64())


def _numbers(first: int, n: int) -> pa.Array:
    if n > len(_COUNTING):
        return pa.array(range(first, first + n), pa.int64())
    return pc.add(_COUNTING.slice(0, n), pa.scalar(first, pa.int64()))

BOM = b"\xef\xbb\xbf"
#: Bytes of whole lines parsed at once. Two chunks at most wait, parsed, for the rest of the
#: run, so memory does not grow with the file; a single line longer than this makes its chunk
#: longer (up to the line).
CHUNK_BYTES = 4 << 20
#: A record whose quoted field runs over more lines or bytes than this is broken quoting (a
#: quote that never closes), so the lines after its first are read again as rows.
MAX_RECORD_LINES = 10_000
MAX_RECORD_BYTES = 16 << 20
#: The csv module refuses fields over 128 KiB by default; a long comment is not an error.
csv.field_size_limit(max(csv.field_size_limit(), MAX_RECORD_BYTES))


class RowError:
    """Error codes written to errors.csv (stable identifiers)."""

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
    table: pa.Table  # the columns asked for (all by default), as text (non-null strings)
    lines: pa.Array  # int64 physical line number of each row
    raw: pa.Array  # each row's input cells as annotated.csv writes them (bulk.write.input_cells)
    #: with :meth:`Reader.parse_only`, each row as a quoted line that parses back to its cells
    #: (the input line itself when it is one), for :meth:`Reader.parse_rows`; else None
    source: pa.Array | None = None


#: Characters a spreadsheet runs as a formula at the start of a cell: the ones bulk/write.py
#: neutralises, as bytes.
_FORMULA_FIRST = tuple(c.encode() for c in DANGEROUS_FIRST)


def _formula_start(first: bytes) -> re.Pattern:
    """``first`` where a cell starts: after a comma or line end, behind an opening quote or
    not. The pattern starts with the character itself, so the search jumps from one to the
    next (most chunks hold none of them but ``-``, inside text)."""
    c = re.escape(first)
    return re.compile(c + rb"(?:(?<=[,\n\r]" + c + rb")|(?<=[,\n\r]\"" + c + rb"))")


_FORMULA_STARTS = tuple((first, _formula_start(first)) for first in _FORMULA_FIRST)


def no_formula_start(chunk: bytes) -> bool:
    """True when no cell of ``chunk`` (parsed one row per physical line, the chunk starting a
    line) can start with a formula character. Quoted text can look like a cell start (a
    harmless false alarm: the cells are then checked one by one); a real cell start cannot
    escape the test."""
    head = chunk[:2]
    if head[:1] in _FORMULA_FIRST or (head[:1] == b'"' and head[1:2] in _FORMULA_FIRST):
        return False
    return not any(first in chunk and pattern.search(chunk) for first, pattern in _FORMULA_STARTS)


class _Hasher:
    """SHA-256 of the bytes read, computed in a thread of its own: hashlib lets go of the GIL
    on large buffers, so hashing overlaps parsing instead of adding to it. A few buffers at
    most wait, so memory stays flat."""

    def __init__(self) -> None:
        self._sha = hashlib.sha256()
        self._pool: ThreadPoolExecutor | None = None
        self._waiting: deque[Future] = deque()

    def update(self, data: bytes) -> None:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="prop64-sha256")
        self._waiting.append(self._pool.submit(self._sha.update, data))
        while len(self._waiting) > 4:
            self._waiting.popleft().result()

    def hexdigest(self) -> str:
        while self._waiting:
            self._waiting.popleft().result()
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        return self._sha.hexdigest()


class UsageError(Exception):
    """The file cannot be read at all (missing, empty, or a header without required columns)."""


_EOL = re.compile(rb"\r\n|\n|\r")


def _first_line(path: Path) -> bytes:
    with open(path, "rb") as raw:
        head = raw.read(1 << 20).removeprefix(BOM)
    match = _EOL.search(head)
    return head[: match.start()] if match else head


def sniff_header(path: Path, layout: Layout) -> tuple[bool, tuple[str, ...]]:
    """Return (has_header, column names). Generic files name their columns in the header."""
    text = _first_line(path).decode("utf-8", errors="replace")
    if layout.header_required:
        if not text.strip():
            raise UsageError(_("The file is empty or does not start with a header line."))
        names = tuple(name.strip() for name in next(csv.reader([text])))
        return True, names
    has_header = bool(layout.header_start) and text.startswith(layout.header_start)
    return has_header, layout.columns


# --- the strict reader: Python's csv, one record at a time ------------------------------------

_OK = "OK"
_INCOMPLETE = "INCOMPLETE"


def _parse_record(record: list[tuple[int, bytes]]) -> tuple[str, list[str] | None]:
    """Parse physical lines as one CSV record: (status, row); status is OK, INCOMPLETE or a code."""
    raw = b"".join(line for _, line in record)
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


class StrictParser:
    """Physical lines in, rows and row errors out; a record may span lines and chunks."""

    def __init__(self, width: int, on_error: ErrorSink):
        self.width = width
        self.on_error = on_error
        self.record: list[tuple[int, bytes]] = []  # the lines of a record still open
        self.record_bytes = 0
        self.rows: list[list[str]] = []
        self.lines: list[int] = []
        self.texts: list[str | None] = []  # each row's line, without its end (None: several lines)

    @property
    def pending(self) -> bool:
        return bool(self.record)

    def _accept(self, first_line: int, row: list[str], line: bytes | None) -> None:
        if len(row) != self.width:
            self.on_error(first_line, RowError.WRONG_COLUMN_COUNT, {"expected": self.width, "found": len(row)})
            return
        self.rows.append(row)
        self.lines.append(first_line)
        self.texts.append(None if line is None else line.rstrip(b"\r\n").decode("utf-8"))

    def feed(self, items: list[tuple[int, bytes]]) -> None:
        """Consume physical lines; parse the whole run at once when nothing is in doubt."""
        if not self.record:
            parsed = self._parse_lines(items)
            if parsed is not None:
                for first_line, row, line in parsed:
                    self._accept(first_line, row, line)
                return
        for item in items:
            self._consume(item)

    def _parse_lines(self, items: list[tuple[int, bytes]]) -> list[tuple[int, list[str], bytes | None]] | None:
        try:
            text = b"".join(line for _, line in items).decode("utf-8")
        except UnicodeDecodeError:
            return None
        numbers = [n for n, _ in items]
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        out: list[tuple[int, list[str], bytes | None]] = []
        end = 0
        try:
            for row in reader:
                start, end = end + 1, reader.line_num
                if end > start and len(row) != self.width:
                    return None
                if row:
                    out.append((numbers[start - 1], row, items[start - 1][1] if end == start else None))
        except csv.Error:
            return None
        return out

    def _consume(self, item: tuple[int, bytes]) -> None:
        queue_ = [item]
        while queue_:
            line = queue_.pop(0)
            self.record.append(line)
            self.record_bytes += len(line[1])
            if len(self.record) > 1 and b'"' not in line[1] and self._within_limits():
                continue  # only a quote can close the open quoted field
            status, row = _parse_record(self.record)
            if status == _INCOMPLETE and self._within_limits():
                continue
            if status == _OK and (len(self.record) == 1 or len(row) == self.width):
                if row:  # an empty list is a blank line, which is not a row
                    self._accept(self.record[0][0], row, self.record[0][1] if len(self.record) == 1 else None)
                self._reset()
                continue
            # a quote that never closes, or closes lines later in a record of the wrong
            # width: the first line is the broken one; the lines after it are rows again
            code = RowError.BAD_QUOTING if status in (_INCOMPLETE, _OK) else status
            self.on_error(self.record[0][0], code, {})
            queue_[:0] = self.record[1:]
            self._reset()

    def _within_limits(self) -> bool:
        return len(self.record) < MAX_RECORD_LINES and self.record_bytes < MAX_RECORD_BYTES

    def _reset(self) -> None:
        self.record = []
        self.record_bytes = 0

    def finish(self) -> None:
        """The file ended inside a quoted field: its first line is broken, the rest are rows."""
        while self.record:
            first, rest = self.record[0], self.record[1:]
            self.on_error(first[0], RowError.BAD_QUOTING, {})
            self._reset()
            for item in rest:
                self._consume(item)

    def take(self, names: Sequence[str]) -> Batch | None:
        if not self.lines:
            return None
        columns = list(zip(*self.rows))
        table = pa.table({name: pa.array(col, pa.string()) for name, col in zip(names, columns)})
        batch = Batch(table, pa.array(self.lines, pa.int64()), input_cells(table, pa.array(self.texts, pa.string())))
        self.rows, self.lines, self.texts = [], [], []
        return batch


_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+\Z")


def physical_lines(data: bytes, first: int) -> list[tuple[int, bytes]]:
    """(line number, line with its ending); CRLF, LF and a lone CR all end a line. The endings
    are kept so that a quoted field spanning lines keeps its own line breaks."""
    parts = _LINE.findall(data)
    return list(zip(range(first, first + len(parts)), parts))


# --- the chunked reader ----------------------------------------------------------------------


class Reader:
    """Batches of rows from ``path``, read ahead in a thread; see the module docstring."""

    def __init__(self, path: Path, layout: Layout, on_error: ErrorSink, *, strict: bool = False,
                 chunk_bytes: int | None = None, columns: Sequence[str] | None = None):
        if not path.exists() or not path.is_file():
            raise UsageError(_("%(path)s: no such file.") % {"path": path})
        self.path = path
        self.has_header, self.names = sniff_header(path, layout)
        self.on_error = on_error
        self.always_strict = strict
        self.chunk_bytes = chunk_bytes or CHUNK_BYTES
        self._hasher = _Hasher()
        self.bytes_read = 0
        self.size = path.stat().st_size
        self.fast_chunks = 0
        self.strict_chunks = 0
        self._strict = StrictParser(len(self.names), on_error)
        # one thread per chunk: the other core decides people (bulk/decide.py); splitting a
        # 4 MiB chunk over pyarrow's threads costs CPU (about 0.5 s per million rows) for no gain
        self._read_options = pacsv.ReadOptions(column_names=list(self.names), use_threads=False)
        self._parse_options = pacsv.ParseOptions(newlines_in_values=False, invalid_row_handler=self._invalid_row)
        self._convert_all = pacsv.ConvertOptions(
            column_types={name: pa.string() for name in self.names},
            strings_can_be_null=False, quoted_strings_can_be_null=False,
        )
        self.columns: list[str] | None = None
        self._convert = self._convert_all
        if columns is not None:
            self.parse_only(columns)
        self._invalid = False
        self._check_pool: ThreadPoolExecutor | None = None
        self.next_line = 2 if self.has_header else 1

    def parse_only(self, columns: Sequence[str]) -> None:
        """Batches' tables hold only ``columns`` (of :attr:`names`), in that order; every cell
        still reaches ``raw``. Converting fewer columns is most of the parsing time saved."""
        self.columns = list(columns)
        self._convert = pacsv.ConvertOptions(
            column_types={name: pa.string() for name in self.columns}, include_columns=self.columns,
            strings_can_be_null=False, quoted_strings_can_be_null=False,
        )

    def sha256(self) -> str:
        """The SHA-256 of every byte of the file (once it has all been read)."""
        return self._hasher.hexdigest()

    @property
    def mode(self) -> str:
        """``fast`` when pyarrow read every chunk, ``strict`` when the csv module read any."""
        return "strict" if self.strict_chunks else "fast"

    def _invalid_row(self, row: pacsv.InvalidRow) -> str:
        self._invalid = True
        return "skip"

    # the reading thread -------------------------------------------------------------------

    def _chunks(self) -> Iterator[bytes]:
        """Bytes of whole lines, the header left out. Each chunk is copied once: the unfinished
        last line of a read is carried into the next chunk."""
        pending = b""
        first = True
        with open(self.path, "rb") as raw:
            while True:
                data = raw.read(self.chunk_bytes)
                self._hasher.update(data)
                self.bytes_read += len(data)
                if first:
                    data = data.removeprefix(BOM)
                    first = False
                    if self.has_header:
                        data = self._skip_header(data, raw)
                if not data:
                    if pending:
                        yield pending
                    return
                cut = _last_line_end(data)
                if not cut:
                    pending += data
                    continue
                view = memoryview(data)
                chunk = b"".join((pending, view[:cut])) if pending else (data if cut == len(data) else bytes(view[:cut]))
                pending = data[cut:]
                yield chunk

    def _skip_header(self, data: bytes, raw) -> bytes:
        while True:
            match = _EOL.search(data)
            if match and (match.group() != b"\r" or match.end() < len(data)):
                end = match.end() + (1 if match.group() == b"\r" and data[match.end():match.end() + 1] == b"\n" else 0)
                return data[end:]
            more = raw.read(self.chunk_bytes)
            self._hasher.update(more)
            self.bytes_read += len(more)
            if not more:
                return b""
            data += more

    def _parse(self, chunk: bytes) -> Iterator[Batch]:
        first = self.next_line
        if not (self.always_strict or self._strict.pending):
            batch = self._parse_fast(first, chunk)
            if batch is not None:
                self.fast_chunks += 1
                self.next_line += batch.table.num_rows
                yield batch
                return
        self.strict_chunks += 1
        lines = physical_lines(chunk, first)
        self.next_line += len(lines)
        self._strict.feed(lines)
        batch = self._strict.take(self.names)
        if batch is not None:
            yield self._selected(batch)

    def _selected(self, batch: Batch) -> Batch:
        if self.columns is None:
            return batch
        source = quoted_rows(batch.table, safe=False)
        return Batch(batch.table.select(self.columns), batch.lines, batch.raw, source)

    def _read_csv(self, chunk: bytes, convert: pacsv.ConvertOptions) -> pa.Table | None:
        self._invalid = False
        try:
            table = pacsv.read_csv(pa.py_buffer(chunk), read_options=self._read_options,
                                   parse_options=self._parse_options, convert_options=convert)
        except (pa.ArrowInvalid, pa.ArrowException, UnicodeDecodeError):
            return None
        return None if self._invalid else table

    def _parse_fast(self, first: int, chunk: bytes) -> Batch | None:
        """pyarrow's rows, if every physical line of ``chunk`` is one row of the right width.

        The rows must be as many as the lines (no blank line, which pyarrow skips, and no quoted
        field holding a line break): then rows and lines correspond one to one, and a chunk that
        breaks the rule is handed to the csv module. Carriage returns are checked only when
        there is one (CRLF files; a lone CR ends a line only for the csv module). The lines
        themselves (:func:`_text_lines`) prove the whole chunk is UTF-8, whichever columns are
        parsed. Each line is then a well-formed row of the file's width, written to
        annotated.csv as it is (it reads back as the same cells) unless a cell of the chunk may
        start a formula: then the chunk's cells are neutralised and quoted again.
        """
        if b"\r" in chunk and chunk.count(b"\r") != chunk.count(b"\r\n"):
            return None
        if self._check_pool is None:
            self._check_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="prop64-check")
        safe = self._check_pool.submit(no_formula_start, chunk)
        table = self._read_csv(chunk, self._convert)
        if table is None:
            return None  # a row of the wrong width, or a quoted field over several lines
        lines = _text_lines(chunk)
        n = table.num_rows
        if lines is None or len(lines) != n:
            return None  # not UTF-8, a blank line, or a quoted field over several lines
        numbers = _numbers(first, n)
        if safe.result():
            return Batch(table, numbers, lines, lines if self.columns is not None else None)
        full = table if self.columns is None else self._read_csv(chunk, self._convert_all)
        if full is None:
            return None
        return Batch(table, numbers, input_cells(full, lines), None if self.columns is None else lines)

    def _produce(self, out: queue.Queue, stop: threading.Event) -> None:
        try:
            for chunk in self._chunks():
                for batch in self._parse(chunk):
                    while not stop.is_set():
                        try:
                            out.put(batch, timeout=0.1)
                            break
                        except queue.Full:
                            continue
                    if stop.is_set():
                        return
            self._strict.finish()
            batch = self._strict.take(self.names)
            if batch is not None:
                out.put(batch)
            out.put(None)
        except BaseException as error:  # noqa: BLE001 - handed to the consumer, raised there
            out.put(error)

    def batches(self) -> Iterator[Batch]:
        """Every readable row, in file order; bad rows go to ``on_error``."""
        out: queue.Queue = queue.Queue(maxsize=2)
        stop = threading.Event()
        thread = threading.Thread(target=self._produce, args=(out, stop), name="prop64-read", daemon=True)
        thread.start()
        try:
            while True:
                item = out.get()
                if item is None:
                    return
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            stop.set()
            thread.join()
            if self._check_pool is not None:
                self._check_pool.shutdown()
                self._check_pool = None


_LINES_READ = pacsv.ReadOptions(column_names=["line"], use_threads=False)
#: Every physical line as one text value: no delimiter, no quoting, blank lines kept (a
#: delimiter byte in a line makes two values, and the lines are then cut in Python).
_LINES_PARSE = pacsv.ParseOptions(delimiter="\x1f", quote_char=False, escape_char=False,
                                  newlines_in_values=False, ignore_empty_lines=False)
_LINES_CONVERT = pacsv.ConvertOptions(column_types={"line": pa.string()}, strings_can_be_null=False)
_SPLIT_LF = pc.SplitPatternOptions(b"\n")


def _text_lines(chunk: bytes) -> pa.Array | None:
    """The physical lines of ``chunk`` (LF or CRLF ends, not kept) as text; None when the chunk
    is not UTF-8. pyarrow cuts them without holding the GIL: a chunk without CR is split at
    each LF (a third of the time of parsing it as lines), and the text is checked as UTF-8."""
    if b"\r" not in chunk and len(chunk) < 1 << 31:
        bounds = pa.array([0, len(chunk)], pa.int32()).buffers()[1]
        whole = pa.Array.from_buffers(pa.binary(), 1, [None, bounds, pa.py_buffer(chunk)])
        lines = pc.split_pattern(whole, options=_SPLIT_LF).flatten()
        if chunk.endswith(b"\n"):
            lines = lines.slice(0, len(lines) - 1)
        try:
            return lines.cast(pa.string())
        except (pa.ArrowInvalid, pa.ArrowException):
            return None
    try:
        return pacsv.read_csv(pa.py_buffer(chunk), read_options=_LINES_READ, parse_options=_LINES_PARSE,
                              convert_options=_LINES_CONVERT).column(0).combine_chunks()
    except (pa.ArrowInvalid, pa.ArrowException):
        pass  # not UTF-8, or a line holding the delimiter byte
    try:
        text = chunk.decode("utf-8")
    except UnicodeDecodeError:
        return None
    lines = text.removesuffix("\n").split("\n") if text else []
    return pa.array([line.removesuffix("\r") for line in lines], pa.string())


def parse_source(source: pa.Array | pa.ChunkedArray, names: Sequence[str], columns: Sequence[str]) -> pa.Table:
    """``columns`` of rows given as :attr:`Batch.source` lines, in a file whose columns are
    ``names``: the rows that matter are a few of many, and their other columns are parsed only
    once they are known to matter (in the worker process, while the next rows are read)."""
    if len(source) == 0:
        return pa.table({name: pa.array([], pa.string()) for name in columns})
    joined = pc.binary_join_element_wise(source, _LINE_END, _NONE)
    if isinstance(joined, pa.ChunkedArray):
        joined = joined.combine_chunks()
    _, offsets, data = joined.buffers()
    bounds = memoryview(offsets).cast("i")
    return pacsv.read_csv(
        pa.py_buffer(memoryview(data)[bounds[joined.offset]:bounds[joined.offset + len(joined)]]),
        read_options=pacsv.ReadOptions(column_names=list(names), use_threads=False),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(column_types={name: pa.string() for name in columns},
                                             include_columns=list(columns), strings_can_be_null=False,
                                             quoted_strings_can_be_null=False),
    )


def _last_line_end(data: bytes) -> int:
    """Where the last complete line of ``data`` ends (0: no complete line yet).

    A carriage return at the very end may be the first half of CRLF, so it waits for more.
    """
    lf = data.rfind(b"\n")
    cr = data.rfind(b"\r", lf + 1, len(data) - 1)  # a CR after the last LF ends a line too
    return max(lf, cr) + 1

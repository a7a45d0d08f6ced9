"""Grouping rows by person: streaming for grouped files, a compact on-disk sort for the others.

Both groupers take :class:`Part` objects (a batch of rows with their trimmed person ids) in file
order and hand on decision work in pieces that hold every row of each person in them.

* :class:`StreamGrouper` serves files that keep each person's rows together (DOJ files are
  written that way). A batch is passed on up to its last person, who waits for the next batch,
  so memory is bounded by the largest person. A person whose rows come back after another
  person's is listed (:attr:`StreamGrouper.reappeared`); the run then starts again sorting
  (:class:`NotContiguous`) or decides that person again at the end (:mod:`bulk.late`).
* :class:`SortingGrouper` serves every other file in one read of the input. While reading it
  keeps each row as annotated.csv writes it in an Arrow file on disk (so nothing is parsed
  twice) and copies the rows that can bear on a decision (convictions, deaths, registrations:
  a small share of the columns) into partitions by a stable hash of the person id. Each partition then fits in
  memory, is sorted by person and decided; the answers go to partitions by line number, which
  the final write reads back in input order. Memory is bounded by a partition, whatever the
  size of the file.
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import ipc

from .seen import SeenIds
from .write import WRITE_BYTES

#: Bytes of input per partition of the compact index (the index is a fraction of this).
PARTITION_INPUT_BYTES = 128 << 20
#: Rows of annotations per line-number partition.
LINES_PER_PARTITION = 1 << 20
#: Bytes of index rows gathered before they are written to their partitions.
WAITING_BYTES = 32 << 20
#: Bytes of rows handed to the annotated file's writer at a time.
WRITTEN_BYTES = 4 << 20
#: Rows of one person-sorted partition handed to the decider at a time.
DECIDE_ROWS = 10_000


@dataclass
class Part:
    table: pa.Table  # the rows, as read (the text columns the run uses)
    lines: pa.Array  # int64 line numbers
    ids: pa.Array  # trimmed person ids
    raw: pa.Array  # each row's input cells as annotated.csv writes them
    source: pa.Array | None = None  # each row as a line that parses back to it (bulk.read.Batch)

    @property
    def num_rows(self) -> int:
        return self.table.num_rows

    def slice(self, start: int, length: int | None = None) -> Part:
        raw = self.raw.slice(start, length)
        source = self.source if self.source is None or self.source is self.raw else self.source.slice(start, length)
        return Part(self.table.slice(start, length), self.lines.slice(start, length),
                    self.ids.slice(start, length), raw, raw if self.source is self.raw else source)


def people_pieces(table: pa.Table) -> Iterator[pa.Table]:
    """``table`` (sorted by person, ``__id``) in pieces of about DECIDE_ROWS rows, never
    splitting a person."""
    starts = [0, *runs(table.column("__id").combine_chunks()), table.num_rows]
    begin = 0
    for start in starts[1:]:
        if start - begin >= DECIDE_ROWS or start == table.num_rows:
            yield table.slice(begin, start - begin)
            begin = start


class NotContiguous(Exception):
    """A person's rows came back after another person's: the file is not grouped."""


def runs(ids: pa.Array) -> list[int]:
    """Indices where a new person starts (after the first row)."""
    if len(ids) < 2:
        return []
    return [i + 1 for i in pc.indices_nonzero(pc.not_equal(ids[1:], ids[:-1])).to_pylist()]


class StreamGrouper:
    """See the module docstring. A person whose rows come back after another person's is not
    handed on twice: the rows are, but the person is listed in :attr:`reappeared` (with the
    first line of the rows that came back), for the run to decide what to do."""

    def __init__(self) -> None:
        self.carry: Part | None = None
        self.finished = SeenIds()
        self.people = 0
        self.reappeared: list[tuple[str, int]] = []

    def push(self, part: Part) -> Part | None:
        """The rows of ``part`` (with what was carried) up to the last person; None if none."""
        if self.carry is not None and self.carry.num_rows:
            part = _joined(self.carry, part)
        if part.num_rows == 0:
            return None
        starts = runs(part.ids)
        cut = starts[-1] if starts else 0
        self.carry = part.slice(cut)
        if not cut:
            return None
        complete = part.slice(0, cut)
        firsts = pa.array([0, *starts[:-1]], pa.int64())
        for person_id, line in zip(complete.ids.take(firsts).to_pylist(), complete.lines.take(firsts).to_pylist()):
            self._finish(person_id, line)
        return complete

    def _finish(self, person_id: str, line: int) -> None:
        if self.finished.add(person_id):
            self.reappeared.append((person_id, line))
        else:
            self.people += 1

    def finish(self) -> Part | None:
        carry, self.carry = self.carry, None
        if carry is None or carry.num_rows == 0:
            return None
        self._finish(carry.ids[0].as_py(), carry.lines[0].as_py())
        return carry


def _chained(first: pa.Array | pa.ChunkedArray, second: pa.Array | pa.ChunkedArray) -> pa.ChunkedArray:
    """Both, without copying (lines of text are most of a part's bytes)."""
    chunks = [c for a in (first, second) for c in (a.chunks if isinstance(a, pa.ChunkedArray) else (a,))]
    return pa.chunked_array(chunks, first.type)


def _joined(first: Part, second: Part) -> Part:
    raw = _chained(first.raw, second.raw)
    if first.source is None or second.source is None:
        source = None
    elif first.source is first.raw and second.source is second.raw:
        source = raw  # verbatim lines, the usual case: the same array serves both
    else:
        source = _chained(first.source, second.source)
    return Part(
        pa.concat_tables([first.table, second.table]), pa.concat_arrays([first.lines, second.lines]),
        pa.concat_arrays([first.ids, second.ids]), raw, source,
    )


def _buckets(ids: pa.Array, n: int) -> pa.Array:
    """A stable partition number per row (CRC-32 of the id; the same in every run)."""
    if isinstance(ids, pa.ChunkedArray):
        ids = ids.combine_chunks()
    encoded = pc.dictionary_encode(ids)
    numbers = pa.array([zlib.crc32(v.encode("utf-8")) % n for v in encoded.dictionary.to_pylist()], pa.int32())
    return numbers.take(encoded.indices)


class Spill:
    """Tables appended to one Arrow IPC file, buffered to a few MiB per write."""

    def __init__(self, path: Path, flush_bytes: int):
        self.path = path
        self.flush_bytes = flush_bytes
        self.writer: ipc.RecordBatchStreamWriter | None = None
        self.held: list[pa.Table] = []
        self.held_bytes = 0
        self.rows = 0

    def add(self, table: pa.Table) -> None:
        if table.num_rows == 0:
            return
        self.held.append(table)
        self.held_bytes += table.nbytes
        self.rows += table.num_rows
        if self.held_bytes >= self.flush_bytes:
            self.flush()

    def flush(self) -> None:
        if not self.held:
            return
        table = pa.concat_tables(self.held)
        if self.writer is None:
            self.writer = ipc.new_stream(str(self.path), table.schema)
        # record batches of a few hundred KiB: written to the file in pieces of that size
        self.writer.write_table(table, max_chunksize=max(1, WRITE_BYTES * table.num_rows // max(table.nbytes, 1)))
        self.held, self.held_bytes = [], 0

    def close(self) -> None:
        self.flush()
        if self.writer is not None:
            self.writer.close()

    def read(self) -> pa.Table | None:
        if self.writer is None:
            return None
        with ipc.open_stream(str(self.path)) as reader:
            return reader.read_all()

    def rows_where(self, column: str, values: pa.Array) -> pa.Table | None:
        """The rows whose ``column`` is one of ``values``, read a batch at a time (None: none)."""
        found = [b.filter(pc.is_in(b.column(column), value_set=values)) for b in self.batches()]
        found = [b for b in found if b.num_rows]
        return pa.Table.from_batches(found) if found else None

    def batches(self) -> Iterator[pa.RecordBatch]:
        if self.writer is None:
            return
        # read, not memory-mapped: mapped pages would count as the run's memory
        with pa.OSFile(str(self.path)) as source, ipc.open_stream(source) as reader:
            yield from reader


class SortingGrouper:
    """See the module docstring. ``folder`` is the run's temporary folder."""

    def __init__(self, folder: Path, input_bytes: int):
        self.folder = folder
        self.n = max(1, min(256, input_bytes // PARTITION_INPUT_BYTES + 1))
        self.rows = Spill(folder / "rows.arrow", 8 << 20)
        # index rows wait here, then go to their partitions together: memory does not depend
        # on how many partitions there are
        self.waiting: list[pa.Table] = []
        self.waiting_bytes = 0
        self.partitions = [Spill(folder / f"people-{i:03d}.arrow", 0) for i in range(self.n)]
        self.seen = SeenIds()
        self.people = 0

    def add(self, part: Part, index: pa.Table) -> None:
        """Keep ``part`` for the final write and its ``index`` rows (with ``__id``) for deciding."""
        self.rows.add(pa.table({"raw": part.raw, "__line": part.lines}))
        for person_id in pc.unique(part.ids).to_pylist():
            if not self.seen.add(person_id):
                self.people += 1
        if index.num_rows == 0:
            return
        self.waiting.append(index)
        self.waiting_bytes += index.nbytes
        if self.waiting_bytes >= WAITING_BYTES:
            self._distribute()

    def _distribute(self) -> None:
        if not self.waiting:
            return
        index = pa.concat_tables(self.waiting)
        self.waiting, self.waiting_bytes = [], 0
        if self.n == 1:
            self.partitions[0].add(index)
            return
        buckets = _buckets(index.column("__id"), self.n)
        order = pc.sort_indices(buckets)
        index, buckets = index.take(order), buckets.take(order)
        starts = [0, *runs(buckets), index.num_rows]
        for start, end in itertools.pairwise(starts):
            self.partitions[buckets[start].as_py()].add(index.slice(start, end - start))

    def close(self) -> None:
        self._distribute()
        self.rows.close()
        for partition in self.partitions:
            partition.close()

    def people_tables(self) -> Iterator[pa.Table]:
        """Index rows of candidate people, by partition, sorted by person then line, in pieces
        that never split a person."""
        for partition in self.partitions:
            table = partition.read()
            partition.path.unlink(missing_ok=True)
            if table is None:
                continue
            wanted = pc.unique(table.column("__id").filter(table.column("__candidate")))
            table = table.filter(pc.is_in(table.column("__id"), value_set=wanted))
            if table.num_rows == 0:
                continue
            yield from people_pieces(table.sort_by([("__id", "ascending"), ("__line", "ascending")]))

    def written_rows(self) -> Iterator[tuple[pa.ChunkedArray, pa.Array]]:
        """The rows in input order: (input cells as annotated.csv writes them, line numbers),
        a few MiB at a time."""
        held: list[pa.RecordBatch] = []
        size = 0
        for batch in itertools.chain(self.rows.batches(), [None]):
            if held and (batch is None or size >= WRITTEN_BYTES):
                yield (pa.chunked_array([b.column("raw") for b in held], pa.string()),
                       pa.concat_arrays([b.column("__line") for b in held]))
                held, size = [], 0
            if batch is not None:
                held.append(batch)
                size += batch.nbytes


class LineAnnotations:
    """Answers by line number, kept on disk in line ranges and read back in input order."""

    def __init__(self, folder: Path, width: int):
        self.folder = folder
        self.width = width
        self.spills: dict[int, Spill] = {}
        self.loaded: tuple[int, pa.Table | None] | None = None

    def add(self, answers: pa.Table | None) -> None:
        """Keep ``answers`` (``line``, ``v0``…, see bulk.decide) by line range."""
        if answers is None or answers.num_rows == 0:
            return
        ranges = pc.divide(answers.column("line"), pa.scalar(LINES_PER_PARTITION, pa.int64()))
        for number in pc.unique(ranges).to_pylist():
            spill = self.spills.get(number)
            if spill is None:
                spill = self.spills[number] = Spill(self.folder / f"answers-{number:05d}.arrow", 1 << 20)
            spill.add(answers.filter(pc.equal(ranges, pa.scalar(number, pa.int64()))))

    def close(self) -> None:
        for spill in self.spills.values():
            spill.close()

    def lookup(self, first: int, last: int) -> pa.Table | None:
        """The answers for lines ``first``..``last`` (a table: ``line``, ``v0``…), or None."""
        tables = [t for n in range(first // LINES_PER_PARTITION, last // LINES_PER_PARTITION + 1)
                  if (t := self._load(n)) is not None]
        if not tables:
            return None
        return tables[0] if len(tables) == 1 else pa.concat_tables(tables)

    def _load(self, number: int) -> pa.Table | None:
        if self.loaded is not None and self.loaded[0] == number:
            return self.loaded[1]
        spill = self.spills.pop(number, None)
        table = spill.read() if spill is not None else None
        if spill is not None:
            spill.path.unlink(missing_ok=True)
        self.loaded = (number, table)
        return table

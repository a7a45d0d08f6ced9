"""People whose rows come back late in a grouped file: decided again, with all their rows.

A streaming run (:mod:`bulk.pipeline`) decides each person as soon as their rows end. A file can
be grouped by person except for a few people whose rows come back further on (an extract put
together from several queries, a file appended to). Found near the start, such a file is read
again sorted on disk; found later, reading it again would cost most of a second run, so the run
goes on instead:

* while the file is read, every row that can bear on a decision is also kept on disk, in file
  order, as its line (``index.arrow``: about a quarter of the rows), and so is the place in
  annotated.csv of each such row (``positions.arrow``);
* a person whose rows come back is listed (with the first line of the rows that came back) and
  not decided again while the file is read;
* at the end (:func:`correct`), those people's rows are taken from the index, in one pass over
  it; each person's first decision is made again from the rows it had, and taken away from the
  summary counts, the condensed file, the lookup rows and the papers; then the person is decided
  with every row, and annotated.csv is written again with their rows' new answers.

The outputs are those of a run that sorted the file first, but for the order of rows in the
condensed file and the lookup rows (those people's come last).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from .decide import DecideConfig, Decider
from .group import Spill, people_pieces
from .publish import safe_name
from .summary import Stats
from .write import AnnotatedWriter

#: A person found again before this share of the file sends the run back to the start, to sort
#: the file on disk: the file is not grouped, and little is lost.
LATE_AFTER = 0.1
#: Files smaller than this are read again sorted whenever a person is found again: it costs
#: less than a second.
LATE_MIN_BYTES = 64 << 20
#: More people than this found again, and the run starts again sorting the file on disk: their
#: rows are held in memory at the end, and a file this far out of order is better sorted.
MAX_LATE_PEOPLE = 2_000


def came_back(index: pa.Table, late: dict[str, int]) -> pa.Array:
    """Which rows of ``index`` came back: a ``late`` person's rows from the first that came
    back on (their earlier rows are the ones their first decision had)."""
    ids = index.column("__id")
    maybe = pc.is_in(ids, value_set=pa.array(list(late), pa.string()))
    if not pc.any(maybe).as_py():
        return maybe
    return pa.array([
        m and line >= late[i]
        for i, line, m in zip(ids.to_pylist(), index.column("__line").to_pylist(), maybe.to_pylist())
    ], pa.bool_())


def gather(index: Spill, late: dict[str, int]) -> pa.Table | None:
    """Every kept row of the ``late`` people, sorted by person then line (None: none)."""
    table = index.rows_where("__id", pa.array(list(late), pa.string()))
    return None if table is None else table.sort_by([("__id", "ascending"), ("__line", "ascending")])


def _decide_all(decider: Decider, table: pa.Table | None) -> list[pa.Table]:
    answers = []
    if table is not None and table.num_rows:
        for piece in people_pieces(table):
            found = decider.decide(piece)
            if found is not None:
                answers.append(found)
    return answers


def _records(lines) -> Iterator[str]:
    """The CSV records of ``lines`` (physical lines, ends kept): a record whose quoted field holds
    a line break goes on until its quotes are even."""
    held = []
    quotes = 0
    for line in lines:
        held.append(line)
        quotes += line.count('"')
        if quotes % 2 == 0:
            yield "".join(held)
            held, quotes = [], 0
    if held:
        yield "".join(held)


def _rewrite_without(path: Path, old: str, new: str, *, csv_file: bool) -> None:
    """The CSV file ``path`` less one occurrence of each record of ``old`` (the same text: the
    same writer wrote both), with ``new`` at the end; read and written a line at a time. A
    CSV file keeps its header; the lookup rows (not ``csv_file``) are lines of tab-separated
    values."""
    split = _records if csv_file else iter
    gone = Counter(split(old.splitlines(keepends=True)))
    partial = path.with_name(path.name + ".new")
    with open(path, encoding="utf-8", newline="") as src, open(partial, "w", encoding="utf-8", newline="") as dst:
        records = split(src)
        if csv_file:
            dst.write(next(records, ""))
        for record in records:
            if gone[record] > 0:
                gone[record] -= 1
                continue
            dst.write(record)
        dst.write(new)
    os.replace(partial, path)


def _remove_papers(folder: Path, people: list[str]) -> int:
    """Delete the papers of ``people``; return how many files there were."""
    files = 0
    for person_id in people:
        target = folder / safe_name(person_id)
        if target.is_dir():
            files += sum(1 for p in target.iterdir() if p.is_file())
            shutil.rmtree(target)
    return files


def _rewrite_annotated(path: Path, writer: AnnotatedWriter, positions: Spill, lines: pa.Array,
                       answers: pa.Table | None) -> None:
    """annotated.csv with the rows on ``lines`` written again with ``answers``; the rows between
    them are copied by the kernel, once at most: into a new file, or, when the first row to
    write again comes in the second half, the rest of the file is set aside and copied back."""
    table = positions.rows_where("line", lines)
    if table is None:
        return
    table = table.sort_by("start")
    starts = table.column("start").to_pylist()
    lengths = table.column("length").to_pylist()
    first, size = starts[0], path.stat().st_size
    in_place = 2 * (size - first) < size
    partial = path.with_name(path.name + ".new")
    with contextlib.ExitStack() as stack:
        original = stack.enter_context(open(path, "r+b" if in_place else "rb"))
        if in_place:
            source, base = stack.enter_context(tempfile.TemporaryFile(dir=path.parent)), first
            _copy(original, source, first, size - first)
            target, at = original, first
            target.truncate(first)
            target.seek(first)
        else:
            source, base = original, 0
            target, at = stack.enter_context(open(partial, "wb")), 0
        raw = pa.array(
            [os.pread(source.fileno(), n, start - base).decode("utf-8")
             for start, n in zip(starts, table.column("raw").to_pylist())],
            pa.string(),
        )
        rows = writer.rows_text(raw, table.column("line").combine_chunks(), answers)
        if isinstance(rows, pa.ChunkedArray):
            rows = rows.combine_chunks()
        for start, length, row in zip(starts, lengths, rows.to_pylist()):
            _copy(source, target, at - base, start - at)
            target.write(row.encode("utf-8"))
            at = start + length
        _copy(source, target, at - base, size - at)
    if not in_place:
        os.replace(partial, path)


def _copy(src, dst, offset: int, count: int) -> None:
    dst.flush()
    while count > 0:
        try:
            done = os.copy_file_range(src.fileno(), dst.fileno(), count, offset)
        except OSError:
            done = 0
        if done <= 0:  # not supported between these files: copy through memory
            src.seek(offset)
            while count > 0:
                data = src.read(min(count, 8 << 20))
                dst.write(data)
                offset += len(data)
                count -= len(data)
            return
        offset += done
        count -= done
    dst.seek(0, os.SEEK_END)


@dataclasses.dataclass
class LateRun:
    """What a streaming run kept for :func:`correct`."""

    config: DecideConfig
    index: Spill
    positions: Spill
    annotated: Path
    writer: AnnotatedWriter
    late: dict[str, int]  # person → first line of the rows that came back


def correct(run: LateRun, stats: Stats, policy_ref: dict | None, lookup_rows: str | None) -> dict | None:
    """Decide the late people again with all their rows, and put their new answers in place of
    the old in every output; see the module docstring. Returns the policy applied."""
    config = run.config
    table = gather(run.index, run.late)
    before = table.filter(pc.invert(came_back(table, run.late))) if table else None

    earlier = Decider(dataclasses.replace(config, documents=False), in_memory=True)
    _decide_all(earlier, before)
    old_condensed, old_lookup = earlier.take_written()
    stats.merge(earlier.stats, -1)
    if config.documents:
        stats.documents -= _remove_papers(config.out / "documents", list(run.late))

    again = Decider(config, in_memory=True)
    answers = _decide_all(again, table)
    new_condensed, new_lookup = again.take_written()
    stats.merge(again.stats)

    _rewrite_without(config.out / "prop64_convictions.csv", old_condensed, new_condensed, csv_file=True)
    if lookup_rows is not None:
        _rewrite_without(Path(lookup_rows), old_lookup, new_lookup, csv_file=False)
    if table is not None:
        found = pa.concat_tables(answers) if answers else None
        _rewrite_annotated(run.annotated, run.writer, run.positions, table.column("__line").combine_chunks(), found)
    return policy_ref or again.policy_ref

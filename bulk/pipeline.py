"""The bulk run: read → group by person → decide → write, with every core busy.

A run is a few parts, each in its own module:

* the :class:`~bulk.formats.Format` says what the file looks like and which rows matter;
* the :class:`~bulk.read.Reader` parses chunks of the file in a thread (pyarrow, without the GIL);
* a grouper (:mod:`bulk.group`) hands on whole people: streaming for a grouped file, a compact
  on-disk sort for any other (chosen on the fly: a file found out of order near its start is
  started again in sorting mode, and the time spent counts; people whose rows come back later
  are decided again at the end, :mod:`bulk.late`);
* the decider (:mod:`bulk.decide`) builds case files and evaluates them, in a worker process
  while the next rows are read, writing the condensed file, lookup rows and papers;
* the annotated file is written in input order in a writer thread (:mod:`bulk.write`);
* publishers (:mod:`bulk.publish`) put the outputs in place atomically (manifest last) and
  replace the county in the lookup store in one transaction.

Outputs in ``out``: ``annotated.csv``, ``prop64_convictions.csv``, ``errors.csv``,
``summary.json``, ``summary.html``, ``manifest.json``; with ``documents``, the CR-400 papers
under ``documents/``.
"""

from __future__ import annotations

import sys
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

import rules

from .cases import county_key
from .decide import (
    ANNOTATION_COLUMNS,
    SOURCE,
    Annotator,
    DecideConfig,
    LocalDecider,
    WorkerDecider,
    with_source_parsed,
)
from .formats import FORMATS, Format, trimmed
from .group import LineAnnotations, NotContiguous, Part, SortingGrouper, Spill, StreamGrouper
from .i18n import N_, _
from .late import LATE_AFTER, LATE_MIN_BYTES, MAX_LATE_PEOPLE, LateRun, came_back, correct
from .programs import LABELS, PolicySpec, specs
from .publish import LookupPublisher, OutputFolder
from .read import Reader, RowError, UsageError, parse_source
from .summary import Stats, render_html
from .write import AnnotatedWriter, SafeCsvWriter, text

__all__ = ["ANNOTATION_COLUMNS", "Options", "Report", "UsageError", "run"]

ERROR_MESSAGES = {
    RowError.WRONG_COLUMN_COUNT: N_("The row has %(found)s columns; %(expected)s were expected."),
    RowError.BAD_QUOTING: N_("The row's quoting is broken: a quoted field is not closed, or a quote stands inside a field."),
    RowError.BAD_ENCODING: N_("The row is not valid UTF-8 text."),
    RowError.MISSING_PERSON_ID: N_("The row has no person identifier (%(column)s)."),
}
LAYOUTS = {name: fmt.layout for name, fmt in FORMATS.items()}
#: Files smaller than this are decided in the main process (a worker takes a moment to start).
WORKER_MIN_BYTES = 16 << 20
_EMPTY = text("")
#: Decisions in flight before the oldest batch must be written.
IN_FLIGHT = 12
#: Worker processes deciding people: a file in person order is decided while it is read, and
#: this process (reading, writing) keeps one core busy; a file out of order is decided once it
#: is all read, when this process has little to do, so the people are shared by two (from this
#: size on: below it, starting the second worker costs more than it saves).
WORKERS_STREAMING = 1
WORKERS_SORTING = 2
SECOND_WORKER_BYTES = 128 << 20


@dataclass
class Options:
    input: Path
    fmt: str
    county: str  # the county directory's name, e.g. "San Francisco"
    as_of: date
    out: Path
    policy: str = "statewide"
    lookup_url: str | None = None
    lookup_key: str | None = None
    documents: bool = False
    progress: bool = False
    compare: tuple[str, ...] = ()
    gogen: PolicySpec | None = None
    gogen_columns: bool = False
    grouping: str = "auto"  # auto | sort (sort: the file is known to be out of order)
    workers: str = "auto"  # auto | process (worker processes whatever the size) | local


@dataclass
class Report:
    stats: Stats
    manifest: dict[str, Any]
    seconds: float
    reader: str
    grouping: str
    restarts: list[str] = field(default_factory=list)
    late_people: int = 0  # people whose rows came back late, decided again at the end (bulk.late)


class _Progress:
    def __init__(self, enabled: bool, total_bytes: int):
        self.enabled = enabled and total_bytes > 0
        self.last = 0.0

    def update(self, rows: int, fraction: float) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < 0.2 and fraction < 1:
            return
        self.last = now
        filled = int(30 * min(fraction, 1.0))
        sys.stderr.write(
            "\r[" + "#" * filled + " " * (30 - filled) + "] "
            + _("%(percent)3d%% %(rows)s rows") % {"percent": int(100 * min(fraction, 1.0)), "rows": f"{rows:,}"}
        )
        sys.stderr.flush()

    def done(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()


class _Attempt:
    """One pass over the input with one grouping; see the module docstring."""

    def __init__(self, opts: Options, folder: OutputFolder, policies: tuple[PolicySpec, ...], sort: bool):
        self.opts = opts
        self.folder = folder
        self.sort = sort
        self.format: Format = FORMATS[opts.fmt]
        self.errors: list[tuple[int, str, dict]] = []
        self.reader = Reader(opts.input, self.format.layout, self.on_error)
        self.keys = self.format.prepare(self.reader.names)
        self.used = self.format.used(self.keys)
        columns = self.format.parsed_columns(self.keys)
        if columns is not None:
            self.reader.parse_only(columns)
        self.wanted = county_key(opts.county)
        self.rows_read = 0
        config = DecideConfig(
            fmt=opts.fmt, county=opts.county, as_of=opts.as_of, out=folder.path, used=self.used,
            names=tuple(self.reader.names),
            policies=policies, lookup_key=opts.lookup_key if opts.lookup_url else None,
            documents=opts.documents, gogen_columns=opts.gogen_columns,
        )
        local = opts.workers == "local" or (opts.workers == "auto" and self.reader.size < WORKER_MIN_BYTES)
        self.decider = LocalDecider(config) if local else WorkerDecider(config, self._workers())
        self.annotation_columns = Annotator(config).annotation_columns
        self.config = config
        # a streaming run keeps what it needs to decide again people whose rows come back late
        self.index_kept = None if sort else Spill(folder.path / "index.arrow", 8 << 20)
        self.positions = None if sort else Spill(folder.path / "positions.arrow", 1 << 20)
        self.late: dict[str, int] = {}
        self.writer = AnnotatedWriter(folder.path / "annotated.csv", self.reader.names, self.annotation_columns,
                                      positions=self.positions)
        self.progress = _Progress(opts.progress, self.reader.size)

    def _workers(self) -> int:
        if self.sort and (self.reader.size >= SECOND_WORKER_BYTES or self.opts.workers == "process"):
            return WORKERS_SORTING
        return WORKERS_STREAMING

    def on_error(self, line: int, code: str, params: dict) -> None:
        self.errors.append((line, code, params))

    # --- reading ----------------------------------------------------------------------------

    def _parts(self):
        person = self.format.person_column
        for batch in self.reader.batches():
            table = batch.table
            if self.reader.columns is None and self.keys != tuple(table.column_names):
                table = table.rename_columns(list(self.keys))
            ids = trimmed(table.column(person))
            missing = pc.equal(ids, _EMPTY)
            if pc.any(missing).as_py():
                for line in batch.lines.filter(missing).to_pylist():
                    self.on_error(line, RowError.MISSING_PERSON_ID, {"column": person})
                keep = pc.invert(missing)
                table, ids, lines = table.filter(keep), ids.filter(keep), batch.lines.filter(keep)
                raw = batch.raw.filter(keep)
                source = None if batch.source is None else batch.source.filter(keep)
            else:
                lines, raw, source = batch.lines, batch.raw, batch.source
            self.rows_read += table.num_rows
            self.progress.update(self.rows_read, self.reader.bytes_read / max(self.reader.size, 1))
            yield Part(table, lines, ids, raw, source)

    def _index(self, part: Part, as_lines: bool = False) -> tuple[pa.Table, pa.Array]:
        """The rows of ``part`` that can bear on a decision, with what the decider needs (with
        ``as_lines``, the used columns are left in the rows' lines, to be parsed when needed),
        and which rows of ``part`` they are."""
        scan = self.format.scan(part.table, self.wanted)
        keep = scan.relevant
        if part.source is None:
            index = part.table.select(list(self.used)).filter(keep)
        elif as_lines:
            index = pa.table({SOURCE: part.source.filter(keep)})
        else:  # the rows that matter are a few: their other columns are parsed now
            index = parse_source(part.source.filter(keep), self.reader.names, self.used)
        index = (
            index.append_column("__id", part.ids.filter(keep))
            .append_column("__line", part.lines.filter(keep))
            .append_column("__mention", scan.mentions)
            .append_column("__candidate", scan.candidate)
        )
        return index, keep

    def _to_decide(self, index: pa.Table, parse: bool) -> pa.Table:
        """The rows of ``index`` of people with a candidate Prop 64 conviction (most people
        have none), less the rows that came back late (decided at the end, bulk.late); with
        ``parse``, their used columns parsed here rather than by the decider."""
        if self.late:
            index = index.filter(pc.invert(came_back(index, self.late)))
        ids = index.column("__id")
        wanted = pc.unique(ids.filter(index.column("__candidate")))
        table = index.filter(pc.is_in(ids, value_set=wanted))
        if parse and table.num_rows:
            table = with_source_parsed(table, self.reader.names, self.used)
        return table

    # --- the two groupings ------------------------------------------------------------------

    def run(self) -> tuple[Stats, dict | None, str | None, int]:
        try:
            people = self._sorted() if self.sort else self._streamed()
            stats, policy_ref, lookup_rows = self.decider.finish()
        except BaseException:
            self.decider.abandon()
            raise
        finally:
            self.writer.close()
            for spill in (self.index_kept, self.positions):
                if spill is not None:
                    spill.close()
            self.progress.done()
        if self.late:
            policy_ref = correct(
                LateRun(self.config, self.index_kept, self.positions, self.folder.path / "annotated.csv",
                        self.writer, self.late),
                stats, policy_ref, lookup_rows,
            )
        return stats, policy_ref, lookup_rows, people

    def _streamed(self) -> int:
        grouper = StreamGrouper()
        pending: deque = deque()
        for part in self._parts():
            complete = grouper.push(part)
            self._note_late(grouper)
            if complete is not None:
                self._submit(complete, pending)
        last = grouper.finish()
        self._note_late(grouper)
        if last is not None:
            self._submit(last, pending)
        while pending:
            self._write_oldest(pending)
        return grouper.people

    def _note_late(self, grouper: StreamGrouper) -> None:
        """People whose rows came back: near the start of the file, or too many, the file is
        read again sorted (NotContiguous); else they are decided again at the end (bulk.late)."""
        if not grouper.reappeared:
            return
        if not self.late:
            reader = self.reader
            line = grouper.reappeared[0][1]
            where = line * reader.bytes_read / max(reader.next_line, 1)  # about this many bytes in
            if reader.size < LATE_MIN_BYTES or where < LATE_AFTER * reader.size:
                raise NotContiguous()
        for person_id, line in grouper.reappeared:
            self.late.setdefault(person_id, line)
        grouper.reappeared.clear()
        if len(self.late) > MAX_LATE_PEOPLE:
            raise NotContiguous()

    def _submit(self, part: Part, pending: deque) -> None:
        # whichever process has time parses the used columns: this one while the decider is
        # two batches or more behind, else the decider
        behind = sum(1 for _, future, _ in pending if future is not None and not future.done()) >= 2
        index, relevant = self._index(part, as_lines=True)
        if self.index_kept is not None:
            self.index_kept.add(index)
        table = self._to_decide(index, parse=behind)
        future = self.decider.submit(table) if table.num_rows else None
        pending.append((part, future, relevant))
        while len(pending) > IN_FLIGHT or (pending and (pending[0][1] is None or pending[0][1].done())):
            self._write_oldest(pending)

    def _write_oldest(self, pending: deque) -> None:
        part, future, relevant = pending.popleft()
        answers = future.result() if future is not None else None
        self.writer.write(part.raw, part.lines, answers, keep=relevant)

    def _sorted(self) -> int:
        grouper = SortingGrouper(self.folder.path, self.reader.size)
        for part in self._parts():
            grouper.add(part, self._index(part)[0])
        grouper.close()
        answers = LineAnnotations(self.folder.path, len(self.annotation_columns))
        pending: deque = deque()
        for table in grouper.people_tables():
            pending.append(self.decider.submit(table))
            while len(pending) > IN_FLIGHT or (pending and pending[0].done()):
                answers.add(pending.popleft().result())
        while pending:
            answers.add(pending.popleft().result())
        answers.close()
        for raw, lines in grouper.written_rows():
            found = answers.lookup(lines[0].as_py(), lines[-1].as_py()) if len(lines) else None
            self.writer.write(raw, lines, found)
        return grouper.people

    # --- after the rows ---------------------------------------------------------------------

    def write_errors(self, stats: Stats) -> None:
        self.errors.sort(key=lambda e: e[0])
        writer = SafeCsvWriter(self.folder.path / "errors.csv", ("row", "error", "message"))
        try:
            for line, code, params in self.errors:
                message = _(ERROR_MESSAGES[code])
                writer.writerow((line, code, message % params if params else message))
                stats.errors_by_code[code] += 1
        finally:
            writer.close()
        stats.rows_error = len(self.errors)


def run(opts: Options, *, on_restart: Callable[[str], None] | None = None) -> Report:
    """Run the pipeline into ``opts.out`` (atomically); see the module docstring."""
    started = time.monotonic()
    policies = specs(opts.policy, opts.compare, opts.gogen)
    publisher = LookupPublisher(opts.lookup_url, opts.lookup_key) if opts.lookup_url else None
    if publisher is not None:
        publisher.check()
    if opts.documents:
        try:
            import documents  # noqa: F401
        except ImportError as error:
            raise UsageError(_("--documents needs the documents package, which is not installed.")) from error
    restarts: list[str] = []
    sort = opts.grouping == "sort"
    while True:
        folder = OutputFolder(opts.out)
        try:
            attempt = _Attempt(opts, folder, policies, sort)
            stats, policy_ref, lookup_rows, people = attempt.run()
            break
        except NotContiguous:
            folder.discard()
            restarts.append("not-grouped")
            if on_restart is not None:
                on_restart("not-grouped")
            sort = True
        except BaseException:
            folder.discard()
            raise
    try:
        stats.people = people
        stats.rows_annotated = attempt.writer.rows
        stats.as_of = opts.as_of
        for spec in policies:
            stats.policy_labels[spec.id] = _(LABELS[spec.id])
            stats.policy_notes[spec.id] = list(spec.notes)
        attempt.write_errors(stats)
        published = None
        if publisher is not None:
            published = publisher.publish(
                opts.county, lookup_rows, as_of=opts.as_of, rules_version=rules.RULES_VERSION,
                policy=policy_ref,
            )
        reader = attempt.reader
        grouping = "sorted-on-disk" if sort else "streaming"
        seconds = time.monotonic() - started
        manifest = _manifest(opts, reader.sha256(), stats, policy_ref, published,
                             reader.mode, grouping, restarts, policies, len(attempt.late))
        summary = stats.to_dict()
        folder.write_json("summary.json", summary)
        (folder.path / "summary.html").write_text(render_html(summary, manifest), encoding="utf-8")
        folder.commit(manifest)
    except BaseException:
        folder.discard()
        raise
    return Report(stats, manifest, seconds, reader.mode, grouping, restarts, len(attempt.late))


def _manifest(opts: Options, sha256: str, stats: Stats, policy_ref: dict | None, published: dict | None,
              reader: str, grouping: str, restarts: list[str], policies: tuple[PolicySpec, ...],
              late_people: int) -> dict[str, Any]:
    policy = policy_ref or {"id": opts.policy, "version": None, "county": None}
    return {
        "input": {"path": str(opts.input), "sha256": sha256, "bytes": opts.input.stat().st_size, "format": opts.fmt},
        "county": opts.county,
        "as_of": opts.as_of.isoformat(),
        "policy_requested": opts.policy,
        "policy": policy,
        "policies_compared": [p.id for p in policies],
        "rules_version": rules.RULES_VERSION,
        "rows": {
            "total": stats.rows_annotated + stats.rows_error,
            "annotated": stats.rows_annotated,
            "errors": stats.rows_error,
            "prop64_convictions": stats.convictions,
            "prop64_not_evaluated": stats.prop64_not_evaluated,
        },
        "outputs": sorted(
            ["annotated.csv", "prop64_convictions.csv", "errors.csv", "summary.json", "summary.html"]
            + (["documents/"] if opts.documents else [])
        ),
        "lookup": published,
        "reader": reader,
        "grouping": grouping,
        "restarts": restarts,
        "people_out_of_order": late_people,
    }

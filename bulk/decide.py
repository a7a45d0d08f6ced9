"""Deciding people: case files → ``rules.evaluate`` → the values written for their rows.

The :class:`Decider` receives the rows that matter of people whose rows are all read (a pyarrow
table with ``__id``, ``__line`` and ``__mention`` beside the format's used columns), builds each
person's case file, evaluates it under every policy of the run, and returns the annotation of
each evaluated row. It writes the outputs that follow the people (the condensed file, the
lookup rows, the papers) itself and keeps the summary counts. It runs in a worker process while
the main process reads the next rows (:class:`WorkerDecider`), or in the main process for small
files; the outputs are the same, in the same order.

The :class:`Annotator` is the one place that turns a Determination into cells, for the
annotated file and the condensed file alike.
"""

from __future__ import annotations

import gc
import io
import multiprocessing
import tempfile
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa

import rules
from rules.lawdata import EFFECTIVE_DATE
from rules.model import Outcome, Result

from .allocator import keep_freed_memory
from .cases import Count, PersonRecord
from .formats import FORMATS
from .programs import DISMISS_ALL, STATEWIDE, PolicySpec
from .publish import DocumentWriter
from .read import parse_source
from .summary import Impact, Stats, _rank
from .write import SafeCsvWriter, neutralise

#: The column of a table to decide holding its rows as quoted lines (bulk.read.Batch.source).
SOURCE = "__source"
ANNOTATION_COLUMNS: tuple[str, ...] = (
    "prop64_evaluated", "prop64_outcome", "prop64_county_outcome", "prop64_minimum_outcome",
    "prop64_route", "prop64_flags", "prop64_reasons", "prop64_reason_ids", "prop64_citations",
    "prop64_case_numbers", "prop64_forms", "prop64_rules_version", "prop64_policy", "prop64_warnings",
)
#: GoGen's eligibility column names (``--columns gogen``), so spreadsheets built on its output
#: keep working. Columns we cannot fill from what the record says are left empty.
GOGEN_COLUMNS: tuple[str, ...] = (
    "Case Number", "# of convictions on record", "Possible Other P64 Charges",
    "Occurred after 11/9/2016", "Superstrike Code Section(s)", "PC290 Code Section(s)",
    "PC290 Registration", "Date of Conviction", "Years Since This Conviction",
    "Years Since Any Conviction", "# of Prop 64 convictions", "# of HS 11357 convictions",
    "# of HS 11358 convictions", "# of HS 11359 convictions", "# of HS 11360 convictions",
    "Deceased", "Eligibility Determination", "Eligibility Reason",
)
GOGEN_DETERMINATION = {
    Outcome.DISMISS_AND_SEAL: "Eligible for Dismissal",
    Outcome.RECALL_AND_DISMISS: "Eligible for Dismissal",
    Outcome.REDESIGNATE_MISDEMEANOR: "Eligible for Reduction",
    Outcome.REDESIGNATE_INFRACTION: "Eligible for Reduction",
    Outcome.RESENTENCE_MISDEMEANOR: "Eligible for Reduction",
    Outcome.RESENTENCE_INFRACTION: "Eligible for Reduction",
    Outcome.RESENTENCE: "Eligible for Reduction",
    Outcome.NOT_ELIGIBLE: "Not eligible",
    Outcome.NEEDS_DA_REVIEW: "Hand Review",
    Outcome.ALREADY_CLEARED: "Already cleared",
}
CONDENSED_COLUMNS = (
    "row", "person_id", "date_of_birth", "county", "case_number", "code", "section", "level",
    "forum", "offense_date", "conviction_date", "sentence_status", "outcome", "county_outcome",
    "minimum_outcome", "effective_outcome", "route", "flags", "reasons", "citations", "forms",
    "cr400_title_box", "cr400_item1", "cr400_item2", "next_step", "rules_version", "policy",
    "warnings",
)


def with_source_parsed(table: pa.Table, names: Sequence[str], used: Sequence[str]) -> pa.Table:
    """``table`` with its :data:`SOURCE` lines (if any) replaced by their ``used`` columns (the
    file's columns are ``names``); the other columns kept."""
    if SOURCE not in table.column_names:
        return table
    parsed = parse_source(table.column(SOURCE), names, used)
    for name in table.column_names:
        if name != SOURCE:
            parsed = parsed.append_column(name, table.column(name))
    return parsed


@dataclass(frozen=True)
class DecideConfig:
    fmt: str
    county: str
    as_of: date
    out: Path  # the run's temporary folder
    used: tuple[str, ...]
    policies: tuple[PolicySpec, ...]  # the first is the one written row by row
    names: tuple[str, ...] = ()  # the file's columns (to parse rows given as lines)
    lookup_key: str | None = None
    documents: bool = False
    gogen_columns: bool = False


class Annotator:
    """A person's Result → the annotated file's cells and the condensed file's row, per count."""

    def __init__(self, config: DecideConfig):
        self.config = config
        self.rules_version = rules.RULES_VERSION
        self.compared = [p for p in config.policies[1:] if p.id != DISMISS_ALL]
        self.annotation_columns = ANNOTATION_COLUMNS + (GOGEN_COLUMNS if config.gogen_columns else ())
        self.condensed_columns = CONDENSED_COLUMNS + tuple(
            name for p in self.compared for name in (f"{p.id}_outcome", f"{p.id}_gives_more")
        )

    def rows(self, record: PersonRecord, result: Result, others: dict[str, Result]
             ) -> Iterator[tuple[Count, tuple[str, ...], list]]:
        policy = f"{result.policy.id}@{result.policy.version}"
        sections = [det.section for det in result.determinations]
        for count, conv, det in zip(record.prop64_counts, record.case.convictions, result.determinations):
            warnings = ";".join(record.warnings + count.warnings)
            reasons = " | ".join(r.text for r in det.reasons)
            cites: list[str] = []
            for r in det.reasons:
                cites.extend(c.cite for c in r.citations if c.cite not in cites)
            flags = ";".join(f.value for f in det.flags)
            forms = ";".join(det.forms)
            case_numbers = "; ".join(count.case_numbers)
            values = (
                "Y", det.outcome.value, det.county_outcome.value if det.county_outcome else "",
                det.minimum_outcome.value if det.minimum_outcome else "", det.route or "", flags,
                reasons, ";".join(r.id for r in det.reasons), "; ".join(cites), case_numbers, forms,
                self.rules_version, policy, warnings,
            )
            if self.config.gogen_columns:
                values += self._gogen(record, conv, det, sections, case_numbers)
            values = tuple([neutralise(v) for v in values])
            condensed = [
                count.line, record.person_id, record.dob.isoformat() if record.dob else "",
                self.config.county, case_numbers, conv.code, det.section or "",
                conv.level.value if conv.level else "", conv.forum.value,
                conv.offense_date.isoformat() if conv.offense_date else "",
                conv.conviction_date.isoformat() if conv.conviction_date else "",
                conv.sentence_status.value if conv.sentence_status else "",
                det.outcome.value, values[2], values[3], det.effective_outcome.value,
                det.route or "", flags, reasons, "; ".join(cites), forms,
                det.cr400.title_box if det.cr400 else "",
                ";".join(det.cr400.item1) if det.cr400 else "",
                det.cr400.item2 if det.cr400 else "",
                result.next_step.value, self.rules_version, policy, warnings,
            ]
            for spec in self.compared:
                other = others[spec.id].determinations[det.index].effective_outcome
                condensed += [other.value, "Y" if _rank(other) > _rank(det.effective_outcome) else ""]
            yield count, values, condensed

    def _gogen(self, record: PersonRecord, conv, det, sections: list, case_numbers: str) -> tuple[str, ...]:
        as_of = self.config.as_of
        day = conv.conviction_date
        dates = [c.conviction_date for c in record.case.convictions] + [
            o.conviction_date for o in record.case.other_convictions if o.code != "PC 290"
        ]
        known = [d for d in dates if d is not None]
        by_section = [str(sum(1 for s in sections if s == name)) for name in ("11357", "11358", "11359", "11360")]
        return (
            case_numbers,
            str(len(record.case.convictions) + record.other_convictions),
            "",
            ("Y" if day > EFFECTIVE_DATE else "N") if day else "",  # GoGen: strictly after
            "", "",
            "Yes" if any(o.code == "PC 290" for o in record.case.other_convictions) else "",
            day.strftime("%m/%d/%Y") if day else "",
            f"{(as_of - day).days / 365.25:.1f}" if day else "",
            f"{(as_of - max(known)).days / 365.25:.1f}" if known else "",
            str(sum(1 for s in sections if s)),
            *by_section,
            "Deceased" if record.deceased else "",
            GOGEN_DETERMINATION[det.effective_outcome],
            det.reasons[0].text if det.reasons else "",
        )


def _answers(lines: list[int], values: list[tuple[str, ...]]) -> pa.Table | None:
    """As a table (built here, in the worker: the main process has the rest of the run)."""
    if not lines:
        return None
    columns = {"line": pa.array(lines, pa.int64())}
    for j, column in enumerate(zip(*values)):
        columns[f"v{j}"] = pa.array(column, pa.string())
    return pa.table(columns)


def _condensed_file(config: DecideConfig, columns: tuple[str, ...]) -> SafeCsvWriter:
    return SafeCsvWriter(config.out / "prop64_convictions.csv", columns)


def _lookup_file(config: DecideConfig):
    """The lookup rows' file (closed by whoever finishes the run's decisions)."""
    return tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=config.out, prefix="lookup-", suffix=".tsv", delete=False
    )


class Decider:
    """Decides people and keeps what follows them; see the module docstring.

    ``in_memory``: the condensed rows and lookup rows are kept for :meth:`take_written`
    instead of written to the files (one of several workers: the main process writes them
    in batch order)."""

    def __init__(self, config: DecideConfig, in_memory: bool = False):
        self.config = config
        self.in_memory = in_memory
        self.format = FORMATS[config.fmt]
        self.annotator = Annotator(config)
        self.stats = Stats()
        for spec in config.policies:
            self.stats.impacts[spec.id] = Impact(spec.id, config.as_of)
        columns = self.annotator.condensed_columns
        self.condensed = SafeCsvWriter(None) if in_memory else _condensed_file(config, columns)
        self.lookup_file = None
        if config.lookup_key:
            self.lookup_file = io.StringIO() if in_memory else _lookup_file(config)
        self.documents = DocumentWriter(config.out / "documents") if config.documents else None
        self.policy_ref: dict[str, Any] | None = None

    def decide(self, table: pa.Table) -> pa.Table | None:
        """Annotations of the evaluated rows of ``table``'s people (``line``, then ``v0``… one
        column per annotation column), None when there are none. The used columns are in
        ``table``, or still in its :data:`SOURCE` lines."""
        config = self.config
        table = with_source_parsed(table, config.names, config.used)
        people: dict[str, Any] = {}
        factory = self.format.person
        ids = table.column("__id").to_pylist()
        lines = table.column("__line").to_pylist()
        for person_id, line, row in zip(ids, lines, self.format.rows(table, config.used)):
            collector = people.get(person_id)
            if collector is None:
                collector = people[person_id] = factory(person_id, config.county)
            collector.add(line, row)
        out_lines: list[int] = []
        out_values: list[tuple[str, ...]] = []
        evaluated: set[int] = set()
        for collector in people.values():
            record: PersonRecord = collector.finish(config.county, config.as_of)
            if record.case is None:
                continue
            self._decide_person(record, out_lines, out_values, evaluated)
        mentioned = table.filter(table.column("__mention"))
        if mentioned.num_rows:
            self._count_mentions(mentioned, evaluated)
        return _answers(out_lines, out_values)

    def _decide_person(self, record: PersonRecord, out_lines: list, out_values: list, evaluated: set) -> None:
        config = self.config
        primary = config.policies[0]
        results: dict[str, Result] = {}
        statute = rules.evaluate(record.case, as_of=config.as_of, policy=STATEWIDE)
        for spec in config.policies:
            results[spec.id] = statute if spec.id == STATEWIDE else spec.evaluate(record.case, config.as_of, statute)
        result = results[primary.id]
        if self.policy_ref is None:
            self.policy_ref = {"id": result.policy.id, "version": result.policy.version, "county": result.policy.county}
        self.stats.add_person(record, result)
        for spec in config.policies:
            self.stats.impacts[spec.id].add(record, results[spec.id], statute)
        for code in record.warnings:
            self.stats.warnings_by_code[code] += len(record.prop64_counts)
        result_dict = rules.result_to_dict(result) if self.lookup_file or self.documents else None
        for count, values, condensed in self.annotator.rows(record, result, results):
            for code in count.warnings:
                self.stats.warnings_by_code[code] += 1
            for line in count.lines:
                out_lines.append(line)
                out_values.append(values)
            self.condensed.writerow(condensed)
            if self.lookup_file is not None:
                self._publish(record, count, result_dict)
        for count, det in zip(record.prop64_counts, result.determinations):
            if det.section is not None or det.outcome is Outcome.NEEDS_DA_REVIEW:
                evaluated.update(count.lines)
        if self.documents is not None:
            self.stats.documents += self.documents.write(record.person_id, record.case, result_dict)

    def _count_mentions(self, mentioned: pa.Table, evaluated: set[int]) -> None:
        stats = self.stats
        codes = self.format.codes(mentioned)
        for line, code in zip(mentioned.column("__line").to_pylist(), codes):
            stats.prop64_mentions += 1
            if line not in evaluated:
                stats.prop64_not_evaluated += 1
                stats.not_evaluated_codes[code[:60]] += 1

    def _publish(self, record: PersonRecord, count: Count, result_dict: dict) -> None:
        from lookup import lookup_key
        from lookup.store import payload_text

        if record.dob is None or not count.case_numbers:
            self.stats.not_in_lookup += 1
            return
        index = record.prop64_counts.index(count)
        conviction = dict(result_dict["convictions"][index])
        conviction.update(
            as_of=result_dict["as_of"], rules_version=result_dict["rules_version"],
            policy=result_dict["policy"], county=self.config.county, next_step=result_dict["next_step"],
        )
        payload = payload_text(conviction)
        for case_number in count.case_numbers:
            key = lookup_key(self.config.lookup_key, self.config.county, case_number, record.dob)
            self.lookup_file.write(f"{key}\t{index}\t{payload}\n")
            self.stats.lookup_entries += 1

    def take_written(self) -> tuple[str, str]:
        """The condensed rows and lookup rows of the batches decided since the last call
        (``in_memory`` only)."""
        lookup = ""
        if self.lookup_file is not None:
            lookup = self.lookup_file.getvalue()
            self.lookup_file.seek(0)
            self.lookup_file.truncate()
        return self.condensed.take(), lookup

    def finish(self) -> tuple[Stats, dict | None, str | None]:
        """Close the files; return the counts, the policy applied and the lookup rows' file."""
        self.condensed.close()
        lookup_path = None
        if self.lookup_file is not None:
            self.lookup_file.close()
            lookup_path = None if self.in_memory else self.lookup_file.name
        return self.stats, self.policy_ref, lookup_path


# --- in a worker process ------------------------------------------------------------------------

_worker: Decider | None = None


#: The worker's cyclic garbage collector runs every this many new objects (Python: 700). Case
#: files, results and rows are freed as soon as they are done with (they hold no cycles), so
#: frequent collections only cost time: about a tenth of the worker's.
WORKER_GC_THRESHOLD = 50_000


def _start(config: DecideConfig, in_memory: bool) -> None:
    global _worker
    keep_freed_memory()
    _worker = Decider(config, in_memory)
    gc.freeze()  # the rules and policies loaded once are never collected: not scanned again
    gc.set_threshold(WORKER_GC_THRESHOLD, 20, 100)


def _decide(table: pa.Table) -> pa.Table | None:
    return _worker.decide(table)


def _decide_in_memory(table: pa.Table) -> tuple[pa.Table | None, str, str]:
    answers = _worker.decide(table)
    return (answers, *_worker.take_written())


def _finish() -> tuple[Stats, dict | None, str | None]:
    return _worker.finish()


class WorkerDecider:
    """A :class:`Decider` in each of ``workers`` processes: tables go in order, answers come
    back in order.

    With more than one worker, batches go to the workers in turn; each worker keeps the
    condensed and lookup rows of its batches in memory and this process writes them in batch
    order, so every output is the same, byte for byte, as with one worker. The summary counts
    of the workers are added up at the end."""

    def __init__(self, config: DecideConfig, workers: int = 1):
        self._in_memory = workers > 1
        self._pools = [
            ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                initializer=_start, initargs=(config, self._in_memory),
            )
            for _ in range(workers)
        ]
        for pool in self._pools:
            pool.submit(int)  # the process starts now, while the first rows are read
        self._submitted = 0
        self._unwritten: deque[_InOrder] = deque()
        self._condensed = self._lookup = None
        if self._in_memory:
            self._condensed = _condensed_file(config, Annotator(config).condensed_columns)
            self._lookup = _lookup_file(config) if config.lookup_key else None

    def submit(self, table: pa.Table) -> Future | _InOrder:
        pool = self._pools[self._submitted % len(self._pools)]
        self._submitted += 1
        if not self._in_memory:
            return pool.submit(_decide, table)
        answer = _InOrder(self, pool.submit(_decide_in_memory, table))
        self._unwritten.append(answer)
        return answer

    def _write_through(self, answer: _InOrder | None) -> None:
        """Write the rows of every batch up to ``answer`` (all batches: None), in order."""
        while self._unwritten and (answer is None or not answer.written):
            oldest = self._unwritten.popleft()
            oldest.answers, condensed, lookup = oldest.future.result()
            oldest.written = True
            self._condensed.write_text(condensed)
            if self._lookup is not None:
                self._lookup.write(lookup)

    def finish(self) -> tuple[Stats, dict | None, str | None]:
        try:
            self._write_through(None)
            done = [pool.submit(_finish) for pool in self._pools]
            finished = [future.result() for future in done]
        finally:
            self._close()
        stats, policy_ref, lookup_path = finished[0]
        for more, ref, _ in finished[1:]:
            stats.merge(more)
            policy_ref = policy_ref or ref
        if self._lookup is not None:
            lookup_path = self._lookup.name
        return stats, policy_ref, lookup_path

    def _close(self) -> None:
        for pool in self._pools:
            pool.shutdown(wait=True, cancel_futures=True)
        for file in (self._condensed, self._lookup):
            if file is not None:
                file.close()

    def abandon(self) -> None:
        """Cancel what has not started; wait for the tasks running (they write in the folder)."""
        self._close()


class _InOrder:
    """A batch's answer from one of several workers; asking for it first writes the condensed
    and lookup rows of every earlier batch, then its own."""

    def __init__(self, owner: WorkerDecider, future: Future):
        self.owner = owner
        self.future = future
        self.answers: pa.Table | None = None
        self.written = False

    def done(self) -> bool:
        return self.future.done()

    def result(self) -> pa.Table | None:
        self.owner._write_through(self)
        return self.answers


class LocalDecider:
    """The same interface in the main process (small files: no process to start)."""

    def __init__(self, config: DecideConfig):
        self._decider = Decider(config)

    def submit(self, table: pa.Table) -> Future:
        future: Future = Future()
        future.set_result(self._decider.decide(table))
        return future

    def finish(self) -> tuple[Stats, dict | None, str | None]:
        return self._decider.finish()

    def abandon(self) -> None:
        self._decider.finish()


__all__ = ["ANNOTATION_COLUMNS", "CONDENSED_COLUMNS", "GOGEN_COLUMNS", "Annotator", "DecideConfig",
           "Decider", "LocalDecider", "WorkerDecider"]

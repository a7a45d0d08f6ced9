"""The bulk run: read → group by person → ``rules.evaluate`` → write, in one streaming pass.

Rows are read in blocks (:mod:`bulk.read`). While a file keeps each person's rows together,
a block is written as soon as the people in it are complete; only the last person of a block
waits for the next one, so memory is bounded by the largest person, not by the file. When a
person turns up again after their rows ended (an unsorted file), the run starts over in two
passes: the first gathers the rows that matter (convictions, deaths, registrations) of every
person and decides them, the second re-reads the file and writes it in input order.

Outputs in ``out``: ``annotated.csv``, ``prop64_convictions.csv``, ``errors.csv``,
``summary.json``, ``summary.html``, ``manifest.json``; with ``documents``, the CR-400 papers
under ``documents/``; with a lookup store, its county replaced at the end.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

import rules
from rules.model import Result

from . import doj
from .cases import (
    GENERIC_REQUIRED,
    PersonRecord,
    code_section,
    county_key,
    is_prop64,
    person_factory,
    used_columns,
)
from .i18n import N_, _
from .read import (
    Batch,
    Layout,
    NeedsRowNumbers,
    NeedsStrictReader,
    RowError,
    UsageError,
    read_batches,
)
from .seen import SeenIds
from .summary import Stats, render_html
from .write import AnnotatedWriter, SafeCsvWriter, neutralise

ANNOTATION_COLUMNS: tuple[tuple[str, pa.DataType], ...] = (
    ("prop64_row", pa.int64()),
    ("prop64_evaluated", pa.string()),
    ("prop64_outcome", pa.string()),
    ("prop64_county_outcome", pa.string()),
    ("prop64_minimum_outcome", pa.string()),
    ("prop64_route", pa.string()),
    ("prop64_flags", pa.string()),
    ("prop64_reasons", pa.string()),
    ("prop64_reason_ids", pa.string()),
    ("prop64_citations", pa.string()),
    ("prop64_case_numbers", pa.string()),
    ("prop64_forms", pa.string()),
    ("prop64_rules_version", pa.string()),
    ("prop64_policy", pa.string()),
    ("prop64_warnings", pa.string()),
)
_TEXT_COLUMNS = len(ANNOTATION_COLUMNS) - 1

CONDENSED_COLUMNS = (
    "row", "person_id", "date_of_birth", "county", "case_number", "code", "section", "level",
    "forum", "offense_date", "conviction_date", "sentence_status", "outcome", "county_outcome",
    "minimum_outcome", "effective_outcome", "route", "flags", "reasons", "citations", "forms",
    "cr400_title_box", "cr400_item1", "cr400_item2", "next_step", "rules_version", "policy",
    "warnings",
)

ERROR_MESSAGES = {
    RowError.WRONG_COLUMN_COUNT: N_("The row has %(found)s columns; %(expected)s were expected."),
    RowError.BAD_QUOTING: N_("The row's quoting is broken: a quoted field is not closed, or a quote stands inside a field."),
    RowError.BAD_ENCODING: N_("The row is not valid UTF-8 text."),
    RowError.MISSING_PERSON_ID: N_("The row has no person identifier (%(column)s)."),
}

LAYOUTS = {
    "doj": Layout(columns=doj.COLUMNS, header_start=doj.HEADER_START),
    "generic": Layout(columns=(), header_start=None, header_required=True),
}
PERSON_COLUMN = {"doj": doj.PERSON_KEY, "generic": "person_id"}
_SPECIAL_STEPS = pa.array(["DECEASED", "REGISTRATION"], pa.string())


def _by_value(column: pa.ChunkedArray | pa.Array, test: Callable[[str], bool]) -> pa.Array:
    """``test`` applied once per distinct value of ``column``, spread back over its rows."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    encoded = pc.dictionary_encode(column)
    verdicts = pa.array([test(v) for v in encoded.dictionary.to_pylist()], pa.bool_())
    return verdicts.take(encoded.indices)


def _descr_is_prop64(descr: str) -> bool:
    return is_prop64(code_section(descr, ""))


def _comment_is_prop64(comment: str) -> bool:
    return is_prop64(code_section("", comment))


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


@dataclass
class Report:
    stats: Stats
    manifest: dict[str, Any]
    seconds: float
    reader: str
    grouping: str


class NotContiguous(Exception):
    """A person's rows came back after another person's: the file is not grouped."""


class _Progress:
    def __init__(self, enabled: bool, total_bytes: int):
        self.enabled = enabled and total_bytes > 0
        self.total = total_bytes
        self.started = time.monotonic()
        self.last = 0.0

    def update(self, rows: int, fraction: float) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < 0.2 and fraction < 1:
            return
        self.last = now
        width = 30
        filled = int(width * min(fraction, 1.0))
        sys.stderr.write(
            "\r[" + "#" * filled + " " * (width - filled) + "] "
            + _("%(percent)3d%% %(rows)s rows") % {"percent": int(100 * min(fraction, 1.0)), "rows": f"{rows:,}"}
        )
        sys.stderr.flush()

    def done(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()


class _Run:
    """One attempt at a run, with one reader (fast/strict) and one grouping (stream/two-pass)."""

    def __init__(self, opts: Options, strict: bool, two_pass: bool, threads: bool = True):
        self.opts = opts
        self.strict = strict
        self.threads = threads
        self.two_pass = two_pass
        self.stats = Stats()
        self.errors: list[tuple[int, str, dict]] = []
        self.person_column = PERSON_COLUMN[opts.fmt]
        self.factory = person_factory(opts.fmt)
        self.rules_version = rules.RULES_VERSION
        self.policy_ref: dict[str, Any] | None = None
        self.lookup_file = None
        self.documents_dir = opts.out / "documents" if opts.documents else None
        self.rows_read = 0
        self._wanted_county = county_key(opts.county)
        if opts.documents:
            try:
                from documents import build_cr400s
            except ImportError as error:
                raise UsageError(_("--documents needs the documents package, which is not installed.")) from error
            self._build_cr400s = build_cr400s

    # --- errors -----------------------------------------------------------------------------

    def on_error(self, line: int, code: str, params: dict) -> None:
        self.errors.append((line, code, params))

    # --- main -------------------------------------------------------------------------------

    def run(self) -> Report:
        opts = self.opts
        started = time.monotonic()
        opts.out.mkdir(parents=True, exist_ok=True)
        batches, hasher, names, self.source = read_batches(
            opts.input, LAYOUTS[opts.fmt], self.on_error, strict=self.strict, threads=self.threads
        )
        if opts.fmt == "generic":
            # columns are found by name whatever their case; the output keeps the input's names
            keys = [n.lower() for n in names]
            batches = (Batch(b.table.rename_columns(keys), b.lines) for b in batches)
            missing = [c for c in GENERIC_REQUIRED if c not in keys]
            if missing:
                raise UsageError(
                    _("The generic CSV has no column %(columns)s; see docs/generic-csv.md.")
                    % {"columns": ", ".join(missing)}
                )
        self.names = names
        self.used = used_columns(opts.fmt, [n.lower() for n in names])
        self.progress = _Progress(opts.progress, opts.input.stat().st_size)
        self.annotated = AnnotatedWriter(opts.out / "annotated.csv", names, ANNOTATION_COLUMNS)
        self.condensed = SafeCsvWriter(opts.out / "prop64_convictions.csv", CONDENSED_COLUMNS)
        if opts.lookup_url:
            # open for the whole run; closed (and so deleted) after publishing or on failure
            self.lookup_file = tempfile.TemporaryFile("w+", encoding="utf-8", dir=opts.out)  # noqa: SIM115
        try:
            if self.two_pass:
                self._two_pass(batches)
            else:
                self._stream(batches)
        except BaseException:
            if self.lookup_file is not None:
                self.lookup_file.close()
            raise
        finally:
            self.annotated.close()
            self.condensed.close()
            self.progress.done()
        self.stats.rows_annotated = self.annotated.rows
        self._write_errors()
        published = self._publish_lookup() if opts.lookup_url else None
        manifest = self._manifest(hasher.hexdigest(), published)
        summary = self.stats.to_dict()
        _write_json(opts.out / "summary.json", summary)
        (opts.out / "summary.html").write_text(render_html(summary, manifest), encoding="utf-8")
        _write_json(opts.out / "manifest.json", manifest)
        return Report(
            self.stats, manifest, time.monotonic() - started,
            "strict" if self.strict else "fast", "two-pass" if self.two_pass else "streaming",
        )

    # --- grouping ---------------------------------------------------------------------------

    def _clean(self, batch: Batch) -> Batch:
        """Drop (and report) rows without a person id; the rest go on."""
        ids = pc.utf8_trim_whitespace(batch.table.column(self.person_column))
        missing = pc.equal(ids, "")
        if pc.any(missing).as_py():
            for line in pc.filter(batch.lines, missing.combine_chunks()).to_pylist():
                self.on_error(line, RowError.MISSING_PERSON_ID, {"column": self.person_column})
            keep = pc.invert(missing).combine_chunks()
            return Batch(batch.table.filter(keep), pc.filter(batch.lines, keep))
        return batch

    def _stream(self, batches: Iterator[Batch]) -> None:
        carry: Batch | None = None
        finished = SeenIds()  # everyone whose rows have ended
        for batch in batches:
            batch = self._clean(batch)
            self.rows_read += len(batch.lines)
            if carry is not None and carry.table.num_rows:
                table = pa.concat_tables([carry.table, batch.table])
                lines = pa.concat_arrays([carry.lines, batch.lines])
            else:
                table, lines = batch.table, batch.lines
            n = table.num_rows
            if n == 0:
                continue
            ids = pc.utf8_trim_whitespace(table.column(self.person_column)).combine_chunks()
            changes = pc.indices_nonzero(pc.not_equal(ids[1:], ids[:-1])).to_pylist()
            cut = changes[-1] + 1 if changes else 0
            complete = Batch(table.slice(0, cut), lines.slice(0, cut))
            carry = Batch(table.slice(cut), lines.slice(cut))
            if cut:
                starts = [0] + [c + 1 for c in changes]
                runs = ids.take(pa.array(starts[:-1], pa.int64())).to_pylist()
                for person_id in runs:
                    if finished.add(person_id):
                        raise NotContiguous()
                annotations = self._decide(self._gather(complete, {}))
                self._write(complete, annotations)
            self.progress.update(self.rows_read, self._fraction())
        if carry is not None and carry.table.num_rows:
            last = carry.table.column(self.person_column)[0].as_py().strip()
            if finished.add(last):
                raise NotContiguous()
            self._write(carry, self._decide(self._gather(carry, {})))

    def _two_pass(self, batches: Iterator[Batch]) -> None:
        people: dict[str, Any] = {}
        seen: set[str] = set()
        for batch in batches:
            batch = self._clean(batch)
            self.rows_read += len(batch.lines)
            self._gather(batch, people, seen)
            self.progress.update(self.rows_read, self._fraction() / 2)
        self.stats.people = len(seen)
        seen.clear()
        annotations = self._decide(people)
        people.clear()
        again, _, names, self.source = read_batches(
            self.opts.input, LAYOUTS[self.opts.fmt], lambda *a: None, strict=self.strict,
            threads=self.threads,
        )
        if self.opts.fmt == "generic":
            keys = [n.lower() for n in names]
            again = (Batch(b.table.rename_columns(keys), b.lines) for b in again)
        done = 0
        for batch in again:
            ids = pc.utf8_trim_whitespace(batch.table.column(self.person_column))
            keep = pc.not_equal(ids, "").combine_chunks()
            batch = Batch(batch.table.filter(keep), pc.filter(batch.lines, keep))
            self._write(batch, annotations)
            done += len(batch.lines)
            self.progress.update(done, 0.5 + done / max(self.rows_read, 1) / 2)

    def _fraction(self) -> float:
        size = self.opts.input.stat().st_size or 1
        return min(1.0, self.source.bytes_read / size)

    def _gather(self, batch: Batch, people: dict[str, Any], seen: set[str] | None = None) -> dict[str, Any]:
        """Add the rows that matter of ``batch`` to ``people`` (person id → collector).

        Only people with a candidate Prop 64 conviction in the county are collected; the test
        is made per distinct value (code, county) with the same functions that decide it
        later, so nobody who has one is left out. Everyone is counted in the summary.
        """
        table = batch.table
        all_ids = pc.utf8_trim_whitespace(table.column(self.person_column))
        if seen is None:
            self.stats.people += pc.count_distinct(all_ids).as_py()
        else:
            seen.update(pc.unique(all_ids).to_pylist())
        lines = batch.lines
        if self.opts.fmt == "doj":
            convicted = pc.starts_with(
                pc.utf8_trim_whitespace(table.column("DISP_DESCR")), "CONVICTED", ignore_case=True
            )
            steps = pc.utf8_upper(pc.utf8_trim_whitespace(table.column("STP_TYPE_DESCR")))
            special = pc.is_in(steps, value_set=_SPECIAL_STEPS)
            mask = pc.or_(convicted, special)
            table, ids, lines = table.filter(mask), all_ids.filter(mask), lines.filter(mask)
            county_ok = _by_value(table.column("STP_ORI_CNTY_NAME"), self._county_matches)
            code_ok = pc.or_(
                _by_value(table.column("OFFENSE_DESCR"), _descr_is_prop64),
                _by_value(table.column("COMMENT_TEXT"), _comment_is_prop64),
            )
            county_col, code_col = county_ok, code_ok
        else:
            ids = all_ids
            county_col = _by_value(table.column("county"), self._county_matches)
            code_col = _by_value(table.column("code"), is_prop64)
        candidates = pc.and_(county_col, code_col)
        wanted = pc.unique(ids.filter(candidates))
        if len(wanted) == 0:
            return people
        keep = pc.is_in(ids, value_set=wanted)
        table, ids, lines = table.filter(keep), ids.filter(keep), lines.filter(keep)
        ids_list = ids.to_pylist()
        lines_list = lines.to_pylist()
        columns = [table.column(name).to_pylist() for name in self.used]
        factory = self.factory
        if self.opts.fmt == "doj":
            rows: Iterable = zip(*columns)
        else:
            used = self.used
            rows = (dict(zip(used, values)) for values in zip(*columns))
        for person_id, line, row in zip(ids_list, lines_list, rows):
            collector = people.get(person_id)
            if collector is None:
                collector = people[person_id] = factory(person_id)
            collector.add(line, row)
        return people

    def _county_matches(self, name: str) -> bool:
        return county_key(name) == self._wanted_county

    # --- deciding ---------------------------------------------------------------------------

    def _decide(self, people: dict[str, Any]) -> dict[int, tuple]:
        """Evaluate every person; return line → annotation values."""
        opts = self.opts
        out: dict[int, tuple] = {}
        for collector in people.values():
            record: PersonRecord = collector.finish(opts.county, opts.as_of)
            result = None
            if record.case is not None:
                result = rules.evaluate(record.case, as_of=opts.as_of, policy=opts.policy)
                self._record(record, result, out)
            self.stats.add_person(record, result)
        return out

    def _policy_text(self, result: Result) -> str:
        if self.policy_ref is None:
            self.policy_ref = {
                "id": result.policy.id, "version": result.policy.version, "county": result.policy.county,
            }
        return f"{result.policy.id}@{result.policy.version}"

    def _record(self, record: PersonRecord, result: Result, out: dict[int, tuple]) -> None:
        policy = self._policy_text(result)
        result_dict = None
        need_dicts = self.lookup_file is not None or self.documents_dir is not None
        if need_dicts:
            result_dict = rules.result_to_dict(result)
        for count, conv, det in zip(record.prop64_counts, record.case.convictions, result.determinations):
            warnings = record.warnings + count.warnings
            for code in warnings:
                self.stats.warnings_by_code[code] += 1
            reasons = " | ".join(r.text for r in det.reasons)
            reason_ids = ";".join(r.id for r in det.reasons)
            cites: list[str] = []
            for r in det.reasons:
                for c in r.citations:
                    if c.cite not in cites:
                        cites.append(c.cite)
            citations = "; ".join(cites)
            flags = ";".join(f.value for f in det.flags)
            forms = ";".join(det.forms)
            case_numbers = "; ".join(count.case_numbers)
            values = (
                "Y",
                det.outcome.value,
                det.county_outcome.value if det.county_outcome else "",
                det.minimum_outcome.value if det.minimum_outcome else "",
                det.route or "",
                flags,
                reasons,
                reason_ids,
                citations,
                case_numbers,
                forms,
                self.rules_version,
                policy,
                ";".join(warnings),
            )
            values = tuple(neutralise(v) for v in values)
            for line in count.lines:
                out[line] = values
            self.condensed.writerow(
                (
                    count.line, record.person_id,
                    record.dob.isoformat() if record.dob else "", self.opts.county, case_numbers,
                    conv.code, det.section or "", conv.level.value if conv.level else "",
                    conv.forum.value,
                    conv.offense_date.isoformat() if conv.offense_date else "",
                    conv.conviction_date.isoformat() if conv.conviction_date else "",
                    conv.sentence_status.value if conv.sentence_status else "",
                    det.outcome.value, values[2], values[3], det.effective_outcome.value,
                    det.route or "", flags, reasons, citations, forms,
                    det.cr400.title_box if det.cr400 else "",
                    ";".join(det.cr400.item1) if det.cr400 else "",
                    det.cr400.item2 if det.cr400 else "",
                    result.next_step.value, self.rules_version, policy, ";".join(warnings),
                )
            )
            if self.lookup_file is not None:
                self._publish(record, count, det.index, result_dict)
        if self.documents_dir is not None and result_dict is not None:
            self._documents(record, result_dict)

    def _publish(self, record: PersonRecord, count, index: int, result_dict: dict) -> None:
        from lookup import lookup_key
        from lookup.store import payload_text

        if record.dob is None or not count.case_numbers:
            self.stats.not_in_lookup += 1
            return
        conviction = dict(result_dict["convictions"][index])
        conviction.update(
            as_of=result_dict["as_of"], rules_version=result_dict["rules_version"],
            policy=result_dict["policy"], county=self.opts.county, next_step=result_dict["next_step"],
        )
        payload = payload_text(conviction)
        for case_number in count.case_numbers:
            key = lookup_key(self.opts.lookup_key, self.opts.county, case_number, record.dob)
            self.lookup_file.write(f"{key}\t{index}\t{payload}\n")
            self.stats.lookup_entries += 1

    def _documents(self, record: PersonRecord, result_dict: dict) -> None:
        if not any(c["forms"] and c.get("cr400") for c in result_dict["convictions"]):
            return
        files = self._build_cr400s(record.case, result_dict)
        if not files:
            return
        folder = self.documents_dir / _safe_name(record.person_id)
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (folder / _safe_name(name)).write_bytes(data)
            self.stats.documents += 1

    # --- writing ----------------------------------------------------------------------------

    def _write(self, batch: Batch, annotations: dict[int, tuple]) -> None:
        n = batch.table.num_rows
        if n == 0:
            return
        lines = batch.lines.to_pylist()
        index = [0] * n
        values: list[tuple] = [("",) * _TEXT_COLUMNS]
        get = annotations.get
        for i, line in enumerate(lines):
            found = get(line)
            if found is not None:
                index[i] = len(values)
                values.append(found)
        columns = list(batch.table.columns) + [batch.lines]
        if len(values) == 1:
            empty = pa.array([""], pa.string())
            blank = empty.take(pa.array(index, pa.int32()))
            columns.extend([blank] * _TEXT_COLUMNS)
        else:
            take = pa.array(index, pa.int32())
            for j in range(_TEXT_COLUMNS):
                columns.append(pa.array([v[j] for v in values], pa.string()).take(take))
        names = list(self.names) + [name for name, _ in ANNOTATION_COLUMNS]
        self.annotated.write(
            pa.Table.from_arrays(columns, names=names), check_input=self.source.dangerous
        )

    def _write_errors(self) -> None:
        self.errors.sort(key=lambda e: e[0])
        writer = SafeCsvWriter(self.opts.out / "errors.csv", ("row", "error", "message"))
        try:
            for line, code, params in self.errors:
                message = _(ERROR_MESSAGES[code])
                writer.writerow((line, code, message % params if params else message))
                self.stats.errors_by_code[code] += 1
        finally:
            writer.close()
        self.stats.rows_error = len(self.errors)

    def _publish_lookup(self) -> dict[str, Any]:
        from lookup import LookupStore, StoredRow

        store = LookupStore.from_url(self.opts.lookup_url, key=self.opts.lookup_key)
        try:
            self.lookup_file.seek(0)

            def rows() -> Iterator[StoredRow]:
                for text in self.lookup_file:
                    key, position, payload = text.rstrip("\n").split("\t", 2)
                    yield StoredRow(key, int(position), payload)

            stored = store.replace_county(
                self.opts.county, rows(), as_of=self.opts.as_of,
                rules_version=self.rules_version, policy=self.policy_ref,
            )
        finally:
            store.close()
            self.lookup_file.close()
        return {"entries": stored, "database": _redact_url(self.opts.lookup_url)}

    def _manifest(self, sha256: str, published: dict | None) -> dict[str, Any]:
        opts = self.opts
        policy = self.policy_ref or {"id": opts.policy, "version": None, "county": None}
        return {
            "input": {"path": str(opts.input), "sha256": sha256, "bytes": opts.input.stat().st_size, "format": opts.fmt},
            "county": opts.county,
            "as_of": opts.as_of.isoformat(),
            "policy_requested": opts.policy,
            "policy": policy,
            "rules_version": self.rules_version,
            "rows": {
                "total": self.stats.rows_annotated + self.stats.rows_error,
                "annotated": self.stats.rows_annotated,
                "errors": self.stats.rows_error,
                "prop64_convictions": self.stats.convictions,
            },
            "outputs": sorted(
                ["annotated.csv", "prop64_convictions.csv", "errors.csv", "summary.json", "summary.html"]
                + (["documents/"] if opts.documents else [])
            ),
            "lookup": published,
            "reader": "strict" if self.strict else "fast",
            "grouping": "two-pass" if self.two_pass else "streaming",
        }


def _safe_name(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in text)[:100] or "_"


def _redact_url(url: str) -> str:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "(unreadable URL)"


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")


def run(opts: Options) -> Report:
    """Run the pipeline; fall back to the strict reader or two passes when the file needs it."""
    strict = False
    two_pass = False
    threads = True
    for _attempt in range(6):
        try:
            return _Run(opts, strict=strict, two_pass=two_pass, threads=threads).run()
        except NeedsStrictReader:
            strict = True
        except NeedsRowNumbers:
            threads = False
        except NotContiguous:
            two_pass = True
    raise RuntimeError("the run could not settle on a reader")  # pragma: no cover

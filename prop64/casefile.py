"""Read a case file of any size, strictly, without holding it at once.

The top-level object is read key by key; the ``convictions`` list is read one element at a
time and each element becomes a small frozen Conviction before the next is read. The fields
that every conviction's validation needs are read first (the date of birth may come after the
convictions); then the convictions, as often as they are asked for: ``read_large_case`` gives a
:class:`rules.large.LargeCase` that reads them again from the file for each pass of the engine,
so that `prop64 check` holds one conviction at a time, however many the file has.

What plain ``json.loads`` lets through is refused here, with a message and never a traceback
(docs/case-file.md, "Refused files"): a key given twice in one object, ``NaN`` and
``Infinity``, a number too large to be a fact, nesting deeper than a case file has, and a
single value larger than any case file field.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

import rules
from rules.caseload import load_case_parts, load_large_case
from rules.large import LargeCase

CHUNK = 1 << 16
MAX_VALUE_CHARS = 1 << 22  # one conviction or header field; far beyond any real one
MAX_NUMBER_DIGITS = 30
MAX_DEPTH = 32


class CaseFileError(ValueError):
    """The file is not a case file we can read; ``messages`` say where and why."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("; ".join(messages))


class _Refused(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _Refused(f"the key {key!r} is given twice in one object")
        seen[key] = value
    return seen


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise _Refused(f"the number {text[:12]}… is too large ({len(text)} digits)")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")) or len(text) > 64:
        raise _Refused(f"the number {text[:24]} is too large")
    return value


def _constant(name: str) -> float:
    raise _Refused(f"{name} is not a number a case file can hold")


_DECODER = json.JSONDecoder(
    object_pairs_hook=_no_duplicates, parse_int=_int, parse_float=_float, parse_constant=_constant
)


def _depth_ok(value: Any, limit: int = MAX_DEPTH) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return False
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return True


class _Reader:
    """A cursor over a text file that decodes one JSON value at a time."""

    def __init__(self, stream: IO[str], where: str):
        self.stream = stream
        self.where = where
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.line = 1  # line number of buf[0]

    def _fill(self) -> None:
        chunk = self.stream.read(CHUNK)
        self.line += self.buf.count("\n", 0, self.pos)
        self.buf = self.buf[self.pos:] + chunk
        self.pos = 0
        if not chunk:
            self.eof = True

    def _line_at(self, pos: int) -> int:
        return self.line + self.buf.count("\n", 0, pos)

    def fail(self, message: str, pos: int | None = None) -> CaseFileError:
        line = self._line_at(self.pos if pos is None else pos)
        return CaseFileError([f"{self.where}: {message} (line {line})"])

    def peek(self) -> str:
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf) or self.eof:
                return self.buf[self.pos:self.pos + 1]
            self._fill()

    def expect(self, char: str) -> None:
        if self.peek() != char:
            found = self.peek() or "the end of the file"
            raise self.fail(f"not valid JSON: expected {char!r}, found {found!r}")
        self.pos += 1

    def value(self) -> Any:
        self.peek()
        if self.pos == len(self.buf) and self.eof:
            raise self.fail("not valid JSON: the file ends too early")
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as error:
                if self.eof:
                    raise self.fail(f"not valid JSON: {error.msg}", error.pos) from None
                if len(self.buf) - self.pos > MAX_VALUE_CHARS:
                    raise self.fail("one value is too large for a case file") from None
                self._fill()
                continue
            except _Refused as error:
                raise self.fail(str(error)) from None
            except RecursionError:
                raise self.fail("the file is nested too deeply") from None
            except ValueError as error:  # Python's own limits on numbers
                raise self.fail(f"a number cannot be read: {error}") from None
            if end == len(self.buf) and not self.eof:  # a number may go on in the next chunk
                self._fill()
                continue
            if not _depth_ok(value):
                raise self.fail("the file is nested too deeply")
            self.pos = end
            return value

    def items(self) -> Iterator[tuple[str, _Field]]:
        """The top-level object's keys, each followed by reading its value (or not)."""
        self.expect("{")
        seen: set[str] = set()
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise self.fail("not valid JSON: a key must be text")
            if key in seen:
                raise self.fail(f"the key {key!r} is given twice in one object")
            seen.add(key)
            self.expect(":")
            yield key, _Field(self)
            following = self.peek()
            if following == ",":
                self.pos += 1
                continue
            self.expect("}")
            if self.peek():
                raise self.fail("not valid JSON: extra data after the case")
            return

    def elements(self) -> Iterator[Any]:
        """The values of a list, one at a time."""
        self.expect("[")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            if self.peek() == ",":
                self.pos += 1
                continue
            self.expect("]")
            return


class _Field:
    """The value after a top-level key: read it whole, or stream it if it is a list."""

    def __init__(self, reader: _Reader):
        self.reader = reader
        self.other: Any = None  # the value, when elements() found no list

    def whole(self) -> Any:
        return self.reader.value()

    def elements(self) -> Iterator[Any] | None:
        """An iterator over the list's elements, or None (value consumed) if it is no list."""
        if self.reader.peek() != "[":
            self.other = self.reader.value()
            return None
        return self.reader.elements()


def _open(path: Path) -> IO[str]:
    return path.open("r", encoding="utf-8-sig", newline="")


def _header(path: Path) -> tuple[dict[str, Any], bool]:
    """Pass one: every top-level field but the convictions; whether a list of them is there."""
    header: dict[str, Any] = {}
    has_list = False
    with _open(path) as stream:
        reader = _Reader(stream, str(path))
        if reader.peek() != "{":
            reader.value()  # a parse error if it is not JSON at all
            raise CaseFileError([f"{path}: case: must be an object"])
        for key, field in reader.items():
            elements = field.elements() if key in ("convictions", "other_convictions") else None
            if key == "convictions":
                has_list = elements is not None
                for _ in elements or ():
                    pass
            elif key == "other_convictions":
                header[key] = list(elements) if elements is not None else field.other
            else:
                header[key] = field.whole()
    return header, has_list


def _convictions(path: Path) -> Iterator[Any]:
    """Pass two: the convictions, one at a time."""
    with _open(path) as stream:
        reader = _Reader(stream, str(path))
        for key, handle in reader.items():
            if key != "convictions":
                handle.whole()
                continue
            elements = handle.elements()
            if elements is not None:
                yield from elements
            return


def read_case(path: Path) -> rules.Case:
    """Read and validate the case file at ``path``, into memory.

    Raises :class:`CaseFileError` when the file is not JSON we accept and
    :class:`rules.CaseError` when it is JSON but not a valid case file."""
    with _reading(path):
        header, has_list = _header(path)
        return load_case_parts(header, _convictions(path) if has_list else None)


def read_large_case(path: Path) -> LargeCase:
    """Validate the case file at ``path`` and give it as a LargeCase, whose convictions are read
    from the file again each time they are asked for. Raises as ``read_case`` does, also while
    the convictions are read again."""
    with _reading(path):
        header, has_list = _header(path)
        large = load_large_case(header, (lambda: _convictions(path)) if has_list else (lambda: ()))

    def convictions() -> Iterator[rules.model.Conviction]:
        with _reading(path):
            yield from large.convictions()

    return LargeCase(large.case, convictions)


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    try:
        yield
    except UnicodeDecodeError as error:
        raise CaseFileError([f"{path}: cannot read the file: it is not UTF-8 text ({error.reason})"]) from None
    except OSError as error:
        raise CaseFileError([f"{path}: cannot read the file: {error.strerror or error}"]) from None


def loads(text: str) -> Any:
    """``json.loads`` with this module's refusals, for small files (an applicant's details)."""
    try:
        value = _DECODER.decode(text)
    except _Refused as error:
        raise CaseFileError([str(error)]) from None
    except RecursionError:
        raise CaseFileError(["the file is nested too deeply"]) from None
    except json.JSONDecodeError:
        raise
    except ValueError as error:
        raise CaseFileError([f"a number cannot be read: {error}"]) from None
    if not _depth_ok(value):
        raise CaseFileError(["the file is nested too deeply"])
    return value


_ARRAY = '"convictions": []'


def result_json(result: rules.Result, determinations: Iterable[rules.Determination] | None = None) -> Iterator[str]:
    """The Result as ``json.dumps(result_to_dict(result), indent=2)`` prints it, in pieces:
    one determination at a time, so a large result is never one string in memory.
    ``determinations``, when given, stand for ``result.determinations`` (a large case's, decided
    as they are printed)."""
    head = rules.result_to_dict(replace(result, determinations=()))
    text = json.dumps(head, indent=2, ensure_ascii=False)
    before, after = text.split(_ARRAY, 1)
    yield before
    empty = True
    for i, det in enumerate(result.determinations if determinations is None else determinations):
        piece = _determination_json(det)
        yield ('"convictions": [\n' if i == 0 else ",\n") + "\n".join("    " + line for line in piece.split("\n"))
        empty = False
    yield _ARRAY if empty else "\n  ]"
    yield after


#: stand-ins for the two lists of reasons, replaced by their text once the rest is printed (with
#: their key and line break: no printed value holds a line break, so none can be mistaken for one)
_LISTS = {name: f'\n  "{name}": "\\u0000{name}"' for name in ("reasons", "would_change")}


def _determination_json(det: rules.Determination) -> str:
    """``json.dumps(determination_to_dict(det), indent=2)``, with each reason's text printed once
    and then reused: the same few reasons recur on every conviction of a large file, and their
    printing was most of the time of `prop64 check`."""
    data = rules.determination_to_dict(det)
    for name in _LISTS:
        data[name] = "\0" + name
    text = json.dumps(data, indent=2, ensure_ascii=False)
    for name, stand_in in _LISTS.items():
        reasons = det.reasons if name == "reasons" else det.would_change
        listed = "[\n" + ",\n".join("    " + _reason_json(r) for r in reasons) + "\n  ]" if reasons else "[]"
        text = text.replace(stand_in, f'\n  "{name}": {listed}', 1)
    return text


_REASON_TEXT: dict[int, tuple[rules.Reason, str]] = {}


def _reason_json(reason: rules.Reason) -> str:
    """A reason as it is printed inside a determination (its lines after the first indented
    by two levels), by the reason's identity: the engine builds each distinct reason once."""
    found = _REASON_TEXT.get(id(reason))
    if found is None or found[0] is not reason:
        if len(_REASON_TEXT) > 20_000:
            _REASON_TEXT.clear()
        text = json.dumps(rules.serialize.reason_to_dict(reason), indent=2, ensure_ascii=False).replace("\n", "\n    ")
        found = _REASON_TEXT[id(reason)] = (reason, text)
    return found[1]

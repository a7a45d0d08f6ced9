"""Where a run's outputs go: an atomic output folder, the lookup store, the manifest.

:class:`OutputFolder` writes everything into a temporary folder beside ``--out``
(``.NAME.partial-PID-N``) and, once every file is complete and the manifest is written last, puts
it in place in one step: an atomic exchange with the earlier output when there is one
(``renameat2(RENAME_EXCHANGE)``), a rename otherwise. A run killed at any moment therefore leaves
either the earlier complete output or nothing new under ``--out``; the partial folder never
holds a manifest beside partial files, and the next run removes it.

:class:`LookupPublisher` checks the lookup store before the file is read (with a connect
timeout) and replaces the county's rows in one transaction at the end; :class:`DocumentWriter`
writes the papers.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import json
import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from .i18n import _
from .read import UsageError

#: The files a run writes; a folder holding only these (or nothing) may be replaced.
OUTPUT_NAMES = frozenset({
    "annotated.csv", "prop64_convictions.csv", "errors.csv", "summary.json", "summary.html",
    "manifest.json", "documents",
})
CONNECT_TIMEOUT_SECONDS = 10
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class OutputError(Exception):
    """The outputs cannot be written (read-only or full disk, a folder that is not ours)."""


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.EPERM):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class OutputFolder:
    """A temporary folder beside ``final``, put in its place by :meth:`commit`."""

    _made = 0  # folders made by this process: a run started again gets a fresh one

    def __init__(self, final: Path):
        self.final = final.absolute()
        self._check_final()
        self._clean_stale()
        OutputFolder._made += 1
        self.path = self.final.parent / f".{self.final.name}.partial-{os.getpid()}-{OutputFolder._made}"
        try:
            self.final.parent.mkdir(parents=True, exist_ok=True)
            if self.path.exists():
                shutil.rmtree(self.path)
            self.path.mkdir()
        except OSError as error:
            raise OutputError(self._cannot(error)) from None

    def _check_final(self) -> None:
        if self.final.exists() and not self.final.is_dir():
            raise UsageError(_("%(path)s exists and is not a folder.") % {"path": self.final})
        if self.final.is_dir():
            strangers = [p.name for p in self.final.iterdir() if p.name not in OUTPUT_NAMES]
            if strangers:
                raise UsageError(
                    _("%(path)s holds files that are not outputs of a bulk run (%(names)s); choose a new or empty folder, since the run replaces the whole folder.")
                    % {"path": self.final, "names": ", ".join(sorted(strangers)[:3])}
                )

    def _clean_stale(self) -> None:
        """Remove partial folders of runs that died (their process is gone)."""
        parent = self.final.parent
        if not parent.is_dir():
            return
        stale_folders = [*parent.glob(f".{self.final.name}.partial-*"), *parent.glob(f".{self.final.name}.old-*")]
        for stale in stale_folders:
            pid = stale.name.rsplit(".", 1)[-1].split("-")[1]
            if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                shutil.rmtree(stale, ignore_errors=True)

    def _cannot(self, error: OSError) -> str:
        return _("The outputs cannot be written beside %(path)s: %(reason)s. Nothing there was changed.") % {
            "path": self.final, "reason": error.strerror or str(error),
        }

    def write_json(self, name: str, data: Any) -> None:
        (self.path / name).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    def commit(self, manifest: dict[str, Any]) -> None:
        """Write the manifest last, then put the folder in place in one step."""
        try:
            self.write_json("manifest.json", manifest)
            for name in os.listdir(self.path):  # only outputs go in place
                if name not in OUTPUT_NAMES:
                    target = self.path / name
                    shutil.rmtree(target) if target.is_dir() else target.unlink()
            if self.final.exists():
                if not _exchange(self.path, self.final):
                    old = self.final.parent / f".{self.final.name}.old-{os.getpid()}"
                    os.rename(self.final, old)
                    os.rename(self.path, self.final)
                    self.path = old
                shutil.rmtree(self.path, ignore_errors=True)
            else:
                os.rename(self.path, self.final)
        except OSError as error:
            self.discard()
            raise OutputError(self._cannot(error)) from None

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def safe_name(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in text)[:100] or "_"


class DocumentWriter:
    """The prefilled CR-400 papers, one folder per person, under the run's ``documents/``."""

    def __init__(self, folder: Path):
        from documents import build_cr400s

        self.folder = folder
        self._build = build_cr400s

    def write(self, person_id: str, case, result_dict: dict) -> int:
        """Write the person's papers; return how many files."""
        if not any(c["forms"] and c.get("cr400") for c in result_dict["convictions"]):
            return 0
        files = self._build(case, result_dict)
        if not files:
            return 0
        folder = self.folder / safe_name(person_id)
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (folder / safe_name(name)).write_bytes(data)
        return len(files)


def redact_url(url: str) -> str:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "(unreadable URL)"


class LookupPublisher:
    """The lookup store: checked before the run, the county replaced in one transaction after."""

    def __init__(self, url: str, key: str):
        self.url = url
        self.key = key

    def check(self) -> None:
        """Connect once (with a timeout) so that a wrong URL fails before the file is read."""
        from sqlalchemy.exc import ArgumentError, SQLAlchemyError

        from lookup import LookupStore

        try:
            store = LookupStore.from_url(self.url, key=self.key, connect_timeout=CONNECT_TIMEOUT_SECONDS)
        except (ArgumentError, SQLAlchemyError, OSError, ValueError, ImportError) as error:
            raise UsageError(
                _("--lookup-db %(url)s cannot be used: %(reason)s")
                % {"url": redact_url(self.url), "reason": _first_line(error)}
            ) from None
        store.close()

    def publish(self, county: str, rows_file: str, *, as_of: date, rules_version: str,
                policy: dict | None) -> dict[str, Any]:
        from lookup import LookupStore, StoredRow

        store = LookupStore.from_url(self.url, key=self.key, connect_timeout=CONNECT_TIMEOUT_SECONDS)
        try:
            with open(rows_file, encoding="utf-8") as handle:

                def rows() -> Iterator[StoredRow]:
                    for text in handle:
                        key, position, payload = text.rstrip("\n").split("\t", 2)
                        yield StoredRow(key, int(position), payload)

                stored = store.replace_county(county, rows(), as_of=as_of, rules_version=rules_version, policy=policy)
        finally:
            store.close()
        return {"entries": stored, "database": redact_url(self.url)}


def _first_line(error: BaseException) -> str:
    text = str(getattr(error, "orig", None) or error).strip()
    return text.splitlines()[0] if text else type(error).__name__

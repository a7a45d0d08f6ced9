"""Rate limits for the case-number lookup, with counters every worker process shares.

Two limits apply to every lookup sent: one per client address, and one per case number tried
(from any address), so dates of birth cannot be guessed quickly from one computer or many.
Both are counted under a keyed hash, never as typed or as the address itself.

Counters live in a store named by URL (``PROP64_RATELIMIT_STORAGE``), as the ``limits``
library reads it: ``redis://host:6379`` or ``memcached://host:11211`` for a cluster, and by
default ``sqlite:///<temporary folder>/prop64-ratelimit-<user>.sqlite``, a small file every
worker on this machine shares, with nothing to install or run. (``memory://`` is one counter
per worker process: each worker would allow the full limit.)
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import os
import random
import sqlite3
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from limits import parse
from limits.storage import Storage, storage_from_string
from limits.strategies import FixedWindowRateLimiter

from lookup import normalise_case_number, normalise_county


def default_storage_uri() -> str:
    """A file in the machine's temporary folder, one per user, shared by every worker."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "site"
    return f"sqlite:///{Path(tempfile.gettempdir()) / f'prop64-ratelimit-{user}.sqlite'}"


class SQLiteStorage(Storage):
    """Fixed-window counters in one SQLite file (``sqlite:///path``), safe across processes.

    Each increment is one atomic ``INSERT … ON CONFLICT … RETURNING`` statement, so two
    workers counting the same key at once both count.
    """

    STORAGE_SCHEME: ClassVar[list[str]] = ["sqlite"]
    _SCHEMA = ("CREATE TABLE IF NOT EXISTS counter "
               "(key TEXT PRIMARY KEY, hits INTEGER NOT NULL, expires REAL NOT NULL)")
    _INCR = (
        "INSERT INTO counter (key, hits, expires) VALUES (:key, :amount, :expires) "
        "ON CONFLICT (key) DO UPDATE SET "
        "hits = CASE WHEN counter.expires <= :now THEN :amount ELSE counter.hits + :amount END, "
        "expires = CASE WHEN counter.expires <= :now THEN :expires ELSE counter.expires END "
        "RETURNING hits"
    )

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        # As in SQLAlchemy: sqlite:///relative/file, sqlite:////absolute/file
        path = (uri or "").removeprefix("sqlite:///")
        if path == uri or not path or path == ":memory:":
            raise ValueError("the rate-limit store needs a file: sqlite:////path/to/file.sqlite")
        self.path = path
        self._local = threading.local()
        # WAL is a property of the file: set once here, not by every new connection, since
        # changing the journal mode takes a lock that a busy wait does not always cover
        with self._connection() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(self._SCHEMA)

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    def _connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None or getattr(self._local, "pid", None) != os.getpid():
            conn = sqlite3.connect(self.path, timeout=5, isolation_level=None,
                                   check_same_thread=False)
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        conn = self._connection()
        (hits,) = self._retrying(
            conn, self._INCR, {"key": key, "amount": amount, "expires": now + expiry, "now": now}
        ).fetchone()
        if random.random() < 0.01:  # now and then, forget windows that have ended
            try:
                conn.execute("DELETE FROM counter WHERE expires <= ?", (now,))
            except sqlite3.OperationalError:
                pass  # housekeeping only: the count above already landed, the next sweep will do
        return int(hits)

    @staticmethod
    def _retrying(conn: sqlite3.Connection, sql: str, params: dict) -> sqlite3.Cursor:
        """Run ``sql``, trying again a few times when SQLite reports the file busy or locked
        without waiting (as it can while another process opens the file): under load a
        lookup should wait a few milliseconds, not answer "not available"."""
        for delay in (0.005, 0.02, 0.05, 0.1):
            try:
                return conn.execute(sql, params)
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) and "busy" not in str(error):
                    raise
                time.sleep(delay)
        return conn.execute(sql, params)

    def get(self, key: str) -> int:
        row = self._connection().execute(
            "SELECT hits FROM counter WHERE key = ? AND expires > ?", (key, time.time())
        ).fetchone()
        return int(row[0]) if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._connection().execute(
            "SELECT expires FROM counter WHERE key = ?", (key,)).fetchone()
        return float(row[0]) if row else time.time()

    def check(self) -> bool:
        try:
            self._connection().execute("SELECT 1")
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        return self._connection().execute("DELETE FROM counter").rowcount

    def clear(self, key: str) -> None:
        self._connection().execute("DELETE FROM counter WHERE key = ?", (key,))


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until every exhausted limit has a free try again


class LookupLimits:
    """The lookup's two limits over one shared store."""

    def __init__(self, storage_uri: str, per_address: str, per_case: str, secret: str):
        self.storage = storage_from_string(storage_uri)
        self.limiter = FixedWindowRateLimiter(self.storage)
        self.per_address = parse(per_address)
        self.per_case = parse(per_case)
        self._secret = secret.encode("utf-8")

    def _hashed(self, text: str) -> str:
        return hmac.new(self._secret, text.encode("utf-8"), hashlib.sha256).hexdigest()[:32]

    def case_key(self, county: str, case_number: str) -> str:
        """The case number as counted: a keyed hash, never the number as typed."""
        return self._hashed(f"{normalise_county(county)}\x1f{normalise_case_number(case_number)}")

    def hit_address(self, address: str) -> Verdict:
        """Count a try from this client address (kept as a keyed hash, like the case number)."""
        return self._hit(self.per_address, "address", self._hashed(f"address\x1f{address}"))

    def hit_case(self, county: str, case_number: str) -> Verdict:
        return self._hit(self.per_case, "case", self.case_key(county, case_number))

    def _hit(self, item, kind: str, identifier: str) -> Verdict:
        if self.limiter.hit(item, "prop64-lookup", kind, identifier):
            return Verdict(True, 0)
        reset, _remaining = self.limiter.get_window_stats(item, "prop64-lookup", kind, identifier)
        return Verdict(False, max(1, int(reset - time.time()) + 1))

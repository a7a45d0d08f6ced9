"""The lookup store on SQLAlchemy: a SQLite file by default, PostgreSQL by URL.

Tables:

* ``prop64_lookup_result``: one row per distinct published determination of a county (the
  conviction dict of the Result JSON with ``as_of``, ``rules_version``, ``policy`` and
  ``county``, and without the case number); identical determinations are stored once.
* ``prop64_lookup_entry``: the keyed hash (32 bytes) → result, with the conviction's index.
* ``prop64_lookup_load``: per county, when the data was decided (as_of), under which rules and
  policy, and how many entries it has.

``replace_county`` swaps a county's rows in one transaction: a reader sees the old rows or the
new ones, never a mix and never none.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import (
    BigInteger,
    Column,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    insert,
    select,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError

from .keys import lookup_key, normalise_case_number, normalise_county

INSERT_BATCH = 5_000
_ID = BigInteger().with_variant(Integer, "sqlite")

metadata = MetaData()
results = Table(
    "prop64_lookup_result",
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("county", String(64), nullable=False, index=True),
    Column("digest", LargeBinary(32), nullable=False),
    Column("payload", Text, nullable=False),
)
entries = Table(
    "prop64_lookup_entry",
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("county", String(64), nullable=False, index=True),
    Column("lookup_key", LargeBinary(32), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("result_id", _ID, nullable=False),
)
loads = Table(
    "prop64_lookup_load",
    metadata,
    Column("county", String(64), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("as_of", String(10)),
    Column("rules_version", String(40)),
    Column("policy", Text),
    Column("entries", BigInteger, nullable=False),
)

#: Keys of the stored conviction dict that are filled in at lookup time, never stored.
_PRIVATE = ("case_number",)


@dataclass(frozen=True, slots=True)
class StoredRow:
    """One conviction to publish, already keyed and serialised.

    ``key`` is the hex HMAC, ``position`` the conviction's index in its Result, ``payload``
    the conviction dict as canonical JSON without the case number (see :meth:`keyed`).
    """

    key: str
    position: int
    payload: str

    @classmethod
    def keyed(cls, key: str, conviction: Mapping[str, Any]) -> StoredRow:
        return cls(key, int(conviction.get("index") or 0), payload_text(conviction))

    @classmethod
    def of(
        cls, secret: bytes | str, county: str, case_number: str, date_of_birth: date,
        conviction: Mapping[str, Any],
    ) -> StoredRow:
        return cls.keyed(lookup_key(secret, county, case_number, date_of_birth), conviction)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB: index inserts stay in memory
    cursor.close()


class StoreUnavailable(RuntimeError):
    """The lookup database cannot be read: missing, corrupt or unreachable.

    The message names the problem for the log; it never holds a password.
    """


def _reader_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


class LookupStore:
    """Published determinations by keyed hash; see the module docstring."""

    def __init__(self, engine: Engine, key: bytes | str, *, create: bool = True):
        if not key:
            raise ValueError("a lookup key (PROP64_LOOKUP_KEY) is required")
        self.engine = engine
        self._key = key.encode("utf-8") if isinstance(key, str) else bytes(key)
        if create:
            metadata.create_all(engine, checkfirst=True)

    @classmethod
    def open_reader(cls, url: str, *, key: bytes | str, timeout: float = 3.0) -> LookupStore:
        """The store for answering lookups (the website): it never creates anything.

        A missing SQLite file stays missing (it is opened read-only), a server that does not
        answer fails after ``timeout`` seconds, and a file that is not a lookup database is
        refused at once. Each raises :class:`StoreUnavailable` naming the problem.
        """
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise StoreUnavailable("PROP64_LOOKUP_DB is not a database URL") from None
        shown = parsed.render_as_string(hide_password=True)
        if parsed.get_backend_name() == "sqlite":
            path = parsed.database or ""
            if path in ("", ":memory:"):
                raise StoreUnavailable("PROP64_LOOKUP_DB names no database file")
            if not Path(path).is_file():
                raise StoreUnavailable(f"the lookup database file does not exist: {shown}")
            engine = create_engine(
                f"sqlite:///file:{quote(str(Path(path).resolve()))}?mode=ro&uri=true", future=True,
                connect_args={"timeout": timeout},
            )
            event.listen(engine, "connect", _reader_pragmas)
        else:
            try:
                engine = create_engine(
                    parsed, future=True, pool_pre_ping=True,
                    connect_args={"connect_timeout": max(1, int(timeout)),
                                  "options": f"-c statement_timeout={int(timeout * 1000)}"},
                )
            except Exception as error:  # noqa: BLE001 - an unknown driver or a bad URL
                raise StoreUnavailable(f"cannot use {shown}: {type(error).__name__}") from None
        store = cls(engine, key, create=False)
        try:
            with engine.connect() as conn:
                conn.execute(select(loads.c.county).limit(1)).all()
        except Exception as error:  # noqa: BLE001 - corrupt, unreachable, not our tables
            engine.dispose()
            raise StoreUnavailable(f"cannot read {shown}: {describe(error, parsed.password)}") from None
        return store

    @classmethod
    def from_url(cls, url: str, *, key: bytes | str, connect_timeout: float | None = None) -> LookupStore:
        """``sqlite:///path`` (created when missing) or ``postgresql+psycopg://…``.

        ``connect_timeout`` (seconds) bounds the wait for a server that does not answer.
        """
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        connect_args: dict[str, Any] = {}
        if connect_timeout:
            connect_args = {"timeout": connect_timeout} if url.startswith("sqlite") else {"connect_timeout": max(1, int(connect_timeout))}
        engine = create_engine(url, future=True, pool_pre_ping=not url.startswith("sqlite"), connect_args=connect_args)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        return cls(engine, key)

    def close(self) -> None:
        self.engine.dispose()

    # --- writing --------------------------------------------------------------------------

    def replace_county(
        self,
        county: str,
        rows: Iterable[StoredRow | tuple[str, date, Mapping[str, Any]]],
        *,
        as_of: date | str | None = None,
        rules_version: str | None = None,
        policy: Mapping[str, Any] | None = None,
    ) -> int:
        """Replace every row of ``county`` by ``rows`` atomically; return how many were stored.

        ``rows`` holds :class:`StoredRow` objects or ``(case_number, date_of_birth,
        conviction)`` triples; the conviction dict is a conviction of the Result JSON plus
        ``as_of``, ``rules_version``, ``policy`` and ``county``.
        """
        county_key = normalise_county(county)
        if not county_key:
            raise ValueError("a county is required")
        stored = 0
        with self.engine.begin() as conn:
            conn.execute(delete(entries).where(entries.c.county == county_key))
            conn.execute(delete(results).where(results.c.county == county_key))
            conn.execute(delete(loads).where(loads.c.county == county_key))
            result_ids: dict[bytes, int] = {}
            batch: list[dict[str, Any]] = []
            for row in rows:
                if not isinstance(row, StoredRow):
                    case_number, dob, conviction = row
                    row = StoredRow.of(self._key, county, case_number, dob, conviction)
                payload = row.payload
                digest = hashlib.sha256(payload.encode("utf-8")).digest()
                result_id = result_ids.get(digest)
                if result_id is None:
                    result_id = conn.execute(
                        insert(results).values(county=county_key, digest=digest, payload=payload)
                    ).inserted_primary_key[0]
                    result_ids[digest] = result_id
                batch.append(
                    {
                        "county": county_key,
                        "lookup_key": bytes.fromhex(row.key),
                        "position": row.position,
                        "result_id": result_id,
                    }
                )
                if len(batch) >= INSERT_BATCH:
                    conn.execute(insert(entries), batch)
                    stored += len(batch)
                    batch = []
            if batch:
                conn.execute(insert(entries), batch)
                stored += len(batch)
            conn.execute(
                insert(loads).values(
                    county=county_key,
                    name=county,
                    as_of=as_of.isoformat() if isinstance(as_of, date) else as_of,
                    rules_version=rules_version,
                    policy=json.dumps(policy, sort_keys=True) if policy is not None else None,
                    entries=stored,
                )
            )
        return stored

    # --- reading --------------------------------------------------------------------------

    def find(self, county: str, case_number: str, date_of_birth: date) -> list[dict[str, Any]]:
        """The published determinations for this county, case number and date of birth.

        A wrong date of birth and an unknown case number give the same answer: ``[]``.
        """
        if not normalise_county(county) or not normalise_case_number(case_number):
            return []
        key = bytes.fromhex(lookup_key(self._key, county, case_number, date_of_birth))
        query = (
            select(entries.c.position, results.c.payload)
            .join(results, results.c.id == entries.c.result_id)
            .where(entries.c.lookup_key == key, entries.c.county == normalise_county(county))
            .order_by(entries.c.position, entries.c.id)
        )
        with self.engine.connect() as conn:
            found = conn.execute(query).all()
        out = []
        for position, payload in found:
            conviction = json.loads(payload)
            conviction["index"] = position
            conviction["case_number"] = case_number.strip()
            out.append(conviction)
        return out

    def counties(self) -> list[dict[str, Any]]:
        """What is published, per county: name, as_of, rules version, policy, entries."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(loads).order_by(loads.c.name)).mappings().all()
        return [
            {
                "county": row["name"],
                "as_of": row["as_of"],
                "rules_version": row["rules_version"],
                "policy": json.loads(row["policy"]) if row["policy"] else None,
                "entries": row["entries"],
            }
            for row in rows
        ]

    def count(self, county: str | None = None) -> int:
        from sqlalchemy import func

        query = select(func.count()).select_from(entries)
        if county is not None:
            query = query.where(entries.c.county == normalise_county(county))
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def iter_payloads(self) -> Iterator[str]:
        """Every stored payload (for audits and tests: nothing in them identifies a person)."""
        with self.engine.connect() as conn:
            for (payload,) in conn.execute(select(results.c.payload)):
                yield payload


def payload_text(conviction: Mapping[str, Any]) -> str:
    """The stored form of a conviction dict: canonical JSON, without index and case number."""
    data = {k: v for k, v in conviction.items() if k not in _PRIVATE and k != "index"}
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def describe(error: BaseException, password: str | None = None) -> str:
    """One log-safe line about a database error: its type and first line, no password."""
    cause = getattr(error, "orig", None) or error
    first = (str(cause).strip().splitlines() or [""])[0][:200]
    if password:
        first = first.replace(password, "***")
    return f"{type(cause).__name__}: {first}" if first else type(cause).__name__

"""Where submissions are kept: SQLite by default, PostgreSQL for several replicas of the service.

Every submission is committed (and, for SQLite, fsynced: WAL with synchronous=FULL) before the
service answers, so a service killed right after answering still has it. Addresses are never
stored, only a keyed hash of them, for the rate limit; the key lives in the database.
"""

import hmac
import queue
import secrets
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from hashlib import sha256
from pathlib import Path

VIETNAM = timezone(timedelta(hours=7))
KINDS = {"gop-y": "GY", "hoi-dap": "HD"}
RECEIPT_CHARS = 8

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS submissions (
        receipt TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        document TEXT,
        document_url TEXT,
        ho_ten TEXT NOT NULL,
        email TEXT NOT NULL,
        noi_dung TEXT NOT NULL,
        address_hash TEXT NOT NULL,
        created_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS submissions_by_address ON submissions (address_hash, created_at)",
    "CREATE INDEX IF NOT EXISTS submissions_by_time ON submissions (kind, created_at)",
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
]


@dataclass(frozen=True)
class Submission:
    receipt: str
    kind: str  # gop-y | hoi-dap
    document: str | None  # the draft, as cited ("05/2026/DT-STTTT ngày 15/11/2026")
    document_url: str | None
    ho_ten: str
    email: str
    noi_dung: str
    created_at: datetime


class RateLimited(Exception):
    """Too many submissions from one address in the window."""


class DuplicateReceipt(Exception):
    """The receipt drawn is taken (one chance in a trillion): draw another."""


def new_receipt(kind: str, now: datetime) -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone
    return f"{KINDS[kind]}-{now:%Y%m%d}-" + "".join(secrets.choice(alphabet) for _ in range(RECEIPT_CHARS))


class Store:
    """The operations the service and staff need; SQL is the same for both databases but for placeholders."""

    placeholder = "?"

    @contextmanager
    def _connected(self):
        """A connection from the store's pool (as many as requests run at once), given back after use."""
        try:
            connection = self._pool.get_nowait()
            if not self._usable(connection):
                connection = self._new_connection()
        except queue.Empty:
            connection = self._new_connection()
        try:
            yield connection
        finally:
            self._pool.put(connection)

    def _usable(self, connection) -> bool:
        return True

    def close(self) -> None:
        """Close every pooled connection (a service shutting down, a staff command done)."""
        while True:
            try:
                self._pool.get_nowait().close()
            except queue.Empty:
                return

    def _sql(self, text: str) -> str:
        return text.replace("?", self.placeholder)

    def _key(self) -> bytes:
        row = self._query("SELECT value FROM meta WHERE name = 'address_key'")
        if row:
            return bytes.fromhex(row[0][0])
        key = secrets.token_hex(32)
        self._execute_insert_ignore_key(key)
        return bytes.fromhex(self._query("SELECT value FROM meta WHERE name = 'address_key'")[0][0])

    def address_hash(self, address: str) -> str:
        if self._address_key is None:
            self._address_key = self._key()
        return hmac.new(self._address_key, address.encode(), sha256).hexdigest()

    def add(self, kind: str, fields: dict, address: str, rate: tuple[int, int], now: datetime | None = None) -> str:
        """Store one submission and return its receipt; RateLimited past `rate` = (count, seconds)."""
        now = (now or datetime.now(VIETNAM)).astimezone(VIETNAM)
        hashed = self.address_hash(address)
        since = (now - timedelta(seconds=rate[1])).isoformat()
        for _ in range(5):
            receipt = new_receipt(kind, now)
            try:
                self._add(receipt, kind, fields, hashed, now.isoformat(), since, rate[0])
                return receipt
            except DuplicateReceipt:
                continue
        raise RuntimeError("no free receipt code after five draws")

    def submissions(
        self,
        kind: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        document: str | None = None,
    ) -> list[Submission]:
        clauses, params = [], []
        if kind:
            clauses.append("kind = ?")
            params.append(kind)
        if since:
            clauses.append("created_at >= ?")
            params.append(since.astimezone(VIETNAM).isoformat())
        if until:
            clauses.append("created_at < ?")
            params.append(until.astimezone(VIETNAM).isoformat())
        if document:
            clauses.append("document = ?")
            params.append(document)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self._query(
            "SELECT receipt, kind, document, document_url, ho_ten, email, noi_dung, created_at "
            "FROM submissions" + where + " ORDER BY created_at, receipt",
            params,
        )
        return [Submission(*row[:7], datetime.fromisoformat(row[7])) for row in rows]

    def _insert(self, execute, receipt, kind, fields, hashed, created_at, since, limit) -> None:
        """Count the address's recent posts and store this one, inside the caller's transaction."""
        ((recent,),) = execute(
            self._sql("SELECT count(*) FROM submissions WHERE address_hash = ? AND created_at >= ?"), (hashed, since)
        ).fetchall()
        if recent >= limit:
            raise RateLimited
        execute(
            self._sql(
                "INSERT INTO submissions (receipt, kind, document, document_url, ho_ten, email, noi_dung, "
                "address_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            ),
            (
                receipt,
                kind,
                fields.get("document"),
                fields.get("document_url"),
                fields["ho_ten"],
                fields["email"],
                fields["noi_dung"],
                hashed,
                created_at,
            ),
        )

    def purge_before(self, moment: datetime) -> int:
        """Delete every submission older than `moment` (the retention period); how many went."""
        return self._delete("DELETE FROM submissions WHERE created_at < ?", [moment.astimezone(VIETNAM).isoformat()])


class SqliteStore(Store):
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._pool = queue.LifoQueue()
        self._address_key = None
        with self._connected() as connection:
            for statement in SCHEMA:
                connection.execute(statement)

    def _new_connection(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")  # a commit is on disk before the answer
        connection.execute("PRAGMA busy_timeout=60000")  # a queue of writers on a loaded machine waits, not fails
        return connection

    def _query(self, sql: str, params=()) -> list[tuple]:
        with self._connected() as connection:
            return connection.execute(sql, params).fetchall()

    def _execute_insert_ignore_key(self, key: str) -> None:
        with self._connected() as connection:
            connection.execute("INSERT OR IGNORE INTO meta (name, value) VALUES ('address_key', ?)", (key,))

    def _delete(self, sql: str, params) -> int:
        with self._connected() as connection:
            return connection.execute(sql, params).rowcount

    def _add(self, receipt, kind, fields, hashed, created_at, since, limit) -> None:
        with self._connected() as connection:
            connection.execute("BEGIN IMMEDIATE")  # one writer at a time: the count and the insert agree
            try:
                self._insert(connection.execute, receipt, kind, fields, hashed, created_at, since, limit)
                connection.execute("COMMIT")
            except sqlite3.IntegrityError:
                connection.execute("ROLLBACK")
                raise DuplicateReceipt from None
            except BaseException:
                connection.execute("ROLLBACK")
                raise


class PostgresStore(Store):
    placeholder = "%s"

    def __init__(self, url: str):
        import psycopg  # only portals that name a PostgreSQL database need it

        self._psycopg = psycopg
        self.url = url
        self._pool = queue.LifoQueue()
        self._address_key = None
        with self._connected() as connection, connection.transaction():
            # replicas starting together: one creates the tables, the others wait and find them
            connection.execute("SELECT pg_advisory_xact_lock(hashtext('portal_feedback schema'))")
            for statement in SCHEMA:
                connection.execute(statement)

    def _new_connection(self):
        return self._psycopg.connect(self.url, autocommit=True)

    def _usable(self, connection) -> bool:
        return not connection.closed

    def _query(self, sql: str, params=()) -> list[tuple]:
        with self._connected() as connection:
            return connection.execute(self._sql(sql), params).fetchall()

    def _execute_insert_ignore_key(self, key: str) -> None:
        with self._connected() as connection:
            connection.execute(
                "INSERT INTO meta (name, value) VALUES ('address_key', %s) ON CONFLICT (name) DO NOTHING", (key,)
            )

    def _delete(self, sql: str, params) -> int:
        with self._connected() as connection:
            return connection.execute(self._sql(sql), params).rowcount

    def _add(self, receipt, kind, fields, hashed, created_at, since, limit) -> None:
        with self._connected() as connection:
            try:
                with connection.transaction():
                    # one address at a time: concurrent posts from it are counted one after the other
                    connection.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (hashed,))
                    self._insert(connection.execute, receipt, kind, fields, hashed, created_at, since, limit)
            except self._psycopg.errors.UniqueViolation:
                raise DuplicateReceipt from None


def open_store(database: str) -> Store:
    if database.startswith(("postgresql://", "postgres://")):
        return PostgresStore(database)
    return SqliteStore(database)

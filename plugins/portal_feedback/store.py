"""Where submissions are kept: SQLite by default, PostgreSQL for several replicas of the service.

Every submission is committed (and, for SQLite, fsynced: WAL with synchronous=FULL) before the
service answers, so a service killed right after answering still has it. Addresses are never
stored, only a keyed hash of them, for the rate limit; the key lives in the database.

Each submission names the purposes its sender agreed to and the version of the notice they read; the
text of each version is kept (`notices`). A deletion, asked by the citizen or due to the retention
period, is recorded by receipt code, time and who carried it out (`erasures`), never with what was
deleted. The schema has a version (`meta`); an older database is brought up to date when opened.
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
# the steps from each version to the next: MIGRATIONS[0] takes a version 1 database to version 2
MIGRATIONS = [
    [
        "ALTER TABLE submissions ADD COLUMN dieu TEXT",  # the article a comment is on; none: the whole draft
        # a version 1 submission was sent with one box, consent to processing to answer
        "ALTER TABLE submissions ADD COLUMN purposes TEXT NOT NULL DEFAULT 'tra-loi'",
        "ALTER TABLE submissions ADD COLUMN notice_version TEXT NOT NULL DEFAULT ''",  # '': not recorded then
        """CREATE TABLE IF NOT EXISTS notices (
            version TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            first_used TEXT NOT NULL)""",
        """CREATE TABLE IF NOT EXISTS erasures (
            receipt TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            reason TEXT NOT NULL,
            requested_at TEXT,
            erased_at TEXT,
            erased_by TEXT)""",
    ],
]
SCHEMA_VERSION = 1 + len(MIGRATIONS)
ASKED, RETENTION, STAFF = "yeu-cau", "het-han", "can-bo"  # why a submission was deleted


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
    dieu: str | None = None  # the article commented on ("5"); None: the whole draft
    purposes: tuple[str, ...] = ("tra-loi",)  # portal_feedback.consent codes agreed to
    notice_version: str = ""  # the notice read ('': sent before versions were recorded)

    @property
    def publish_name(self) -> bool:
        return "cong-khai-ten" in self.purposes


@dataclass(frozen=True)
class Erasure:
    receipt: str
    kind: str
    reason: str  # ASKED, RETENTION or STAFF
    requested_at: datetime | None
    erased_at: datetime | None  # None: asked, not yet carried out
    erased_by: str | None


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

    def add(
        self,
        kind: str,
        fields: dict,
        address: str,
        rate: tuple[int, int],
        now: datetime | None = None,
        notice: tuple[str, str] = ("", ""),
    ) -> str:
        """Store one submission and return its receipt; RateLimited past `rate` = (count, seconds). `fields`
        may hold `dieu` and `purposes`; `notice` is (version, text) of the notice its sender read."""
        now = (now or datetime.now(VIETNAM)).astimezone(VIETNAM)
        if notice[0]:
            self._remember_notice(*notice, now.isoformat())
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
        rows = self._query(f"SELECT {COLUMNS} FROM submissions{where} ORDER BY created_at, receipt", params)
        return [_submission(row) for row in rows]

    def find(self, receipt: str, email: str) -> Submission | None:
        """The submission with this receipt code, if `email` is the address it was sent with (letter case
        aside); None otherwise, whichever of the two is wrong."""
        given = email.strip().casefold().encode()  # bytes: an address may hold letters beyond ASCII
        rows = self._query(f"SELECT {COLUMNS} FROM submissions WHERE receipt = ?", [receipt.strip().upper()])
        if not rows:
            hmac.compare_digest(given, given)  # the same work either way
            return None
        found = _submission(rows[0])
        return found if hmac.compare_digest(found.email.casefold().encode(), given) else None

    def notice(self, version: str) -> str | None:
        """The text of a version of the notice, as it was when first agreed to."""
        rows = self._query("SELECT text FROM notices WHERE version = ?", [version])
        return rows[0][0] if rows else None

    def _remember_notice(self, version: str, text: str, moment: str) -> None:
        self._execute(
            "INSERT INTO notices (version, text, first_used) VALUES (?, ?, ?) ON CONFLICT (version) DO NOTHING",
            [version, text, moment],
        )

    def ask_erasure(self, submission: Submission, now: datetime | None = None) -> Erasure:
        """Record the citizen's request to delete a submission (staff carry it out); asked twice, the first
        request stands."""
        now = (now or datetime.now(VIETNAM)).astimezone(VIETNAM)
        self._execute(
            "INSERT INTO erasures (receipt, kind, reason, requested_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (receipt) DO NOTHING",
            [submission.receipt, submission.kind, ASKED, now.isoformat()],
        )
        return self.erasure(submission.receipt)

    def erasure(self, receipt: str) -> Erasure | None:
        rows = self._query(f"SELECT {ERASURE_COLUMNS} FROM erasures WHERE receipt = ?", [receipt])
        return _erasure(rows[0]) if rows else None

    def erasures(self, pending: bool = False) -> list[Erasure]:
        """Every recorded deletion, or only the requests not yet carried out, oldest first."""
        where = " WHERE erased_at IS NULL" if pending else ""
        rows = self._query(
            f"SELECT {ERASURE_COLUMNS} FROM erasures{where} ORDER BY coalesce(requested_at, erased_at), receipt"
        )
        return [_erasure(row) for row in rows]

    def carry_out_erasures(self, by: str, now: datetime | None = None) -> list[str]:
        """Delete every submission whose deletion was asked and not yet done, recording when and by whom;
        the receipts done."""
        moment = (now or datetime.now(VIETNAM)).astimezone(VIETNAM).isoformat()

        def erase(execute) -> list[str]:
            receipts = [row[0] for row in execute("SELECT receipt FROM erasures WHERE erased_at IS NULL").fetchall()]
            for receipt in receipts:
                execute("DELETE FROM submissions WHERE receipt = ?", (receipt,))
                execute("UPDATE erasures SET erased_at = ?, erased_by = ? WHERE receipt = ?", (moment, by, receipt))
            return receipts

        return self._transaction(erase)

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
                "address_hash, created_at, dieu, purposes, notice_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
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
                fields.get("dieu"),
                ",".join(fields.get("purposes", ("tra-loi",))),
                fields.get("notice_version", ""),
            ),
        )

    def purge_before(self, moment: datetime, by: str = "", reason: str = RETENTION, now: datetime | None = None) -> int:
        """Delete every submission older than `moment` (the retention period), recording each deletion; how
        many went."""
        before = moment.astimezone(VIETNAM).isoformat()
        done = (now or datetime.now(VIETNAM)).astimezone(VIETNAM).isoformat()

        def purge(execute) -> int:
            rows = execute("SELECT receipt, kind FROM submissions WHERE created_at < ?", (before,)).fetchall()
            for receipt, kind in rows:
                execute(
                    "INSERT INTO erasures (receipt, kind, reason, erased_at, erased_by) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (receipt) DO UPDATE SET erased_at = excluded.erased_at, "
                    "erased_by = excluded.erased_by",
                    (receipt, kind, reason, done, by),
                )
            execute("DELETE FROM submissions WHERE created_at < ?", (before,))
            return len(rows)

        return self._transaction(purge)

    def schema_version(self) -> int:
        rows = self._query("SELECT value FROM meta WHERE name = 'schema_version'")
        return int(rows[0][0]) if rows else 1

    def _migrate(self, execute) -> None:
        """Bring the tables to SCHEMA_VERSION, inside the caller's transaction (one opener at a time)."""
        for statement in SCHEMA:
            execute(statement)
        rows = execute("SELECT value FROM meta WHERE name = 'schema_version'").fetchall()
        if not rows:  # a new database has version 1 tables; an old one has no version row either
            execute("INSERT INTO meta (name, value) VALUES ('schema_version', '1')")
        version = int(rows[0][0]) if rows else 1
        for steps in MIGRATIONS[version - 1 :]:
            for statement in steps:
                execute(statement)
        execute("UPDATE meta SET value = ? WHERE name = 'schema_version'", (str(SCHEMA_VERSION),))


COLUMNS = "receipt, kind, document, document_url, ho_ten, email, noi_dung, created_at, dieu, purposes, notice_version"
ERASURE_COLUMNS = "receipt, kind, reason, requested_at, erased_at, erased_by"


def _submission(row: tuple) -> Submission:
    return Submission(
        *row[:7],
        datetime.fromisoformat(row[7]),
        dieu=row[8],
        purposes=tuple(code for code in (row[9] or "").split(",") if code),
        notice_version=row[10] or "",
    )


def _erasure(row: tuple) -> Erasure:
    def moment(text):
        return datetime.fromisoformat(text) if text else None

    return Erasure(row[0], row[1], row[2], moment(row[3]), moment(row[4]), row[5])


class SqliteStore(Store):
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._pool = queue.LifoQueue()
        self._address_key = None
        self._transaction(self._migrate)

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

    def _execute(self, sql: str, params=()) -> None:
        with self._connected() as connection:
            connection.execute(sql, params)

    def _transaction(self, work):
        """`work(execute)` in one write transaction, one writer at a time."""
        with self._connected() as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                result = work(lambda sql, params=(): connection.execute(sql, params))
                connection.execute("COMMIT")
                return result
            except BaseException:
                connection.execute("ROLLBACK")
                raise

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

        def migrate(execute) -> None:
            # replicas starting together: one creates or updates the tables, the others wait and find them
            execute("SELECT pg_advisory_xact_lock(hashtext('portal_feedback schema'))")
            self._migrate(execute)

        self._transaction(migrate)

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

    def _execute(self, sql: str, params=()) -> None:
        with self._connected() as connection:
            connection.execute(self._sql(sql), params)

    def _transaction(self, work):
        """`work(execute)` in one transaction."""
        with self._connected() as connection, connection.transaction():
            return work(lambda sql, params=(): connection.execute(self._sql(sql), params))

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

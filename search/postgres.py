"""The search index in PostgreSQL, for portals that one machine does not serve: every replica of the
search service, on any machine, reads one index, and PostgreSQL's own replication scales the reads.

The build writes each index as a new version (`write_version`) and switches to it in one transaction
(`switch`), so a search never sees half an index; older versions go in the same transaction (a query
already running keeps seeing the version it started with). Versions share their rows: a row holds one
item as it was from the version that wrote it (`first`) until the version that replaced or withdrew it
(`last`, none while it is current), so a new version writes the items that changed and marks the rows
they replace; the unchanged ones are not copied. The service (`PostgresIndex`) answers with
the same steps, the same query plan and the same snippets as the Whoosh index (search.engine):
- folding: the portal's own analyzers write the words (đ → d, kí = ký, hoà = hòa), and PostgreSQL's
  `simple` configuration indexes them as written, so both backends fold alike (`unaccent` alone would
  leave kí ≠ ký and hoà ≠ hòa); a GIN index on the folded words;
- weighted fields: the number and the names (A), the title (B), the summary (C), the body (D), ranked by
  `ts_rank`, plus the words with their accents, the words side by side (the same word pairs), and the
  number typed (whole ×50, without its symbol ×25, glued ×30, its year ×25);
- filters, facets (one GROUP BY per facet over the matches), sorting, paging, "matched all/some".
"""

import logging
import queue
import threading
from dataclasses import replace
from itertools import pairwise

from .analysis import accented, folded, word_pairs
from .engine import (
    ANSWERS_KEPT,
    PAGE_SIZE,
    VIETNAM,
    Answers,
    IndexUnavailable,
    Request,
    Result,
    _answer_key,
    _opening,
    answer,
)
from .indexer import IndexReport, content_hash
from .query import loose_words
from .schema import FACETS, PHRASE_FIELDS, VERSION
from .snippets import snippet

log = logging.getLogger(__name__)
MAX_TOKENS = 60_000  # words of a body indexed at most (a tsvector holds at most 1 MB)
RANKED_TOKENS = 40  # words of a body ranked (its lead): ts_rank reads every word of the vectors it ranks
WEIGHTS = "{0.1, 0.3, 0.8, 1.0}"  # D body, C summary, B title, A number and names

SCHEMA = """
CREATE TABLE IF NOT EXISTS search_versions (
    version bigserial PRIMARY KEY,
    made timestamptz NOT NULL DEFAULT now(),
    schema_version integer NOT NULL,
    items integer NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS search_current (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    version bigint NOT NULL REFERENCES search_versions (version)
);
CREATE TABLE IF NOT EXISTS search_rows (
    id text NOT NULL,
    first bigint NOT NULL,  -- the version that wrote this row
    last bigint,  -- the version that replaced or withdrew it; NULL while no version has
    content_hash text NOT NULL,
    url text NOT NULL,
    kind text NOT NULL,
    number text,
    doc_type text,
    issuer text[] NOT NULL DEFAULT '{}',
    topic text[] NOT NULL DEFAULT '{}',
    year text,
    validity text,
    validity_label text,
    date timestamp NOT NULL,
    issued text,
    title text NOT NULL,
    summary text NOT NULL DEFAULT '',
    body text NOT NULL DEFAULT '',
    folded tsvector NOT NULL,  -- every folded word, without positions: what matches (GIN)
    ranked tsvector NOT NULL,  -- weighted, the body's lead only: what ranks
    exact tsvector NOT NULL,
    pairs text[] NOT NULL DEFAULT '{}',
    number_key text[] NOT NULL DEFAULT '{}',
    number_prefix text[] NOT NULL DEFAULT '{}',
    number_short text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (id, first)
);
CREATE INDEX IF NOT EXISTS search_rows_folded ON search_rows USING gin (folded);
CREATE INDEX IF NOT EXISTS search_rows_number_key ON search_rows USING gin (number_key);
CREATE INDEX IF NOT EXISTS search_rows_number_prefix ON search_rows USING gin (number_prefix);
CREATE INDEX IF NOT EXISTS search_rows_date ON search_rows (date DESC, id DESC);
CREATE INDEX IF NOT EXISTS search_rows_last ON search_rows (last) WHERE last IS NOT NULL;
"""

# the facets' columns are search.schema.FACETS' fields; issuers and topics are several per item
MANY = {"issuer", "topic"}
# the rows of version %(v)s
IN_VERSION = "first <= %(v)s AND (last IS NULL OR last > %(v)s)"


def _connect(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True)


def _tokens(analyzer, text: str, limit: int = MAX_TOKENS) -> str:
    return " ".join(token.text for _, token in zip(range(limit), analyzer(text or ""), strict=False))


def _row(item: dict, version: int) -> tuple:
    """One item as a row of search_rows, from `version` on: the words written by the portal's analyzers,
    weighted."""
    fold, keep = folded(), accented()
    names = " ".join(item.get(name) or "" for name in ("label", "meta"))
    fields = (names, item.get("title"), item.get("summary"), item.get("body"))
    return (
        item["id"],
        version,
        item.get("content_hash") or content_hash(item),
        item["url"],
        item["kind"],
        item.get("number"),
        item.get("doc_type"),
        [v for v in (item.get("issuer") or "").split("\n") if v],
        [v for v in (item.get("topic") or "").split("\n") if v],
        item.get("year"),
        item.get("validity"),
        item.get("validity_label"),
        item["date"],
        item.get("issued"),
        item.get("title") or "",
        item.get("summary") or "",
        item.get("body") or "",
        *[_tokens(fold, text) for text in fields],
        *[_tokens(fold, text, RANKED_TOKENS) for text in fields],
        *[_tokens(keep, text, RANKED_TOKENS) for text in fields],
        word_pairs({name: item.get(name) for name in PHRASE_FIELDS}).splitlines(),
        (item.get("number_key") or "").split(),
        (item.get("number_prefix") or "").split(),
        (item.get("number_short") or "").split(),
    )


_INSERT = """
INSERT INTO search_rows (id, first, content_hash, url, kind, number, doc_type, issuer, topic, year,
    validity, validity_label, date, issued, title, summary, body, folded, ranked, exact, pairs, number_key,
    number_prefix, number_short)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,
    strip(to_tsvector('simple', concat_ws(' ', %s::text, %s::text, %s::text, %s::text))),
    setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')
        || setweight(to_tsvector('simple', %s), 'C') || setweight(to_tsvector('simple', %s), 'D'),
    setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')
        || setweight(to_tsvector('simple', %s), 'C') || setweight(to_tsvector('simple', %s), 'D'),
    %s, %s, %s, %s)
"""


def write_version(url: str, items: list[dict]) -> IndexReport:
    """Write `items` into PostgreSQL as a new version, not yet searched (`switch` makes it current). Only
    the items that changed since the current version are written; the rows they replace, and those of
    items withdrawn, are marked as ending with the new version, which the current one does not see."""
    import time

    started = time.perf_counter()
    report = IndexReport()
    with _connect(url) as connection:
        connection.execute(SCHEMA)
        with connection.transaction():
            current = _current(connection)
            _forget_unswitched(connection, current)
            version = connection.execute(
                "INSERT INTO search_versions (schema_version, items) VALUES (%s, %s) RETURNING version",
                (VERSION, len(items)),
            ).fetchone()[0]
            before = {}
            if current is not None and _schema_version(connection, current) == VERSION:
                before = dict(
                    connection.execute(f"SELECT id, content_hash FROM search_rows WHERE {IN_VERSION}", {"v": current})
                )
            wanted = {item["id"]: dict(item, content_hash=content_hash(item)) for item in items}
            changed = [doc_id for doc_id, item in wanted.items() if before.get(doc_id) != item["content_hash"]]
            ending = [
                doc_id for doc_id in before if doc_id not in wanted or before[doc_id] != wanted[doc_id]["content_hash"]
            ]
            if current is not None and not before:  # no version, or another schema: every row ends here
                connection.execute("UPDATE search_rows SET last = %s WHERE last IS NULL", (version,))
            elif ending:
                connection.execute(
                    "UPDATE search_rows SET last = %s WHERE last IS NULL AND id = ANY(%s)", (version, ending)
                )
            with connection.cursor() as cursor:
                cursor.executemany(_INSERT, [_row(wanted[doc_id], version) for doc_id in changed])
            report.unchanged = len(wanted) - len(changed)
            report.updated = sum(1 for doc_id in changed if doc_id in before)
            report.added = len(changed) - report.updated
            report.deleted = sum(1 for doc_id in before if doc_id not in wanted)
        connection.execute("ANALYZE search_rows")  # the planner's statistics of the new version
    report.version = version
    report.seconds = time.perf_counter() - started
    return report


def _forget_unswitched(connection, current: int | None) -> None:
    """What versions never switched to left (a build that failed without discarding, a killed one): their
    rows, and their marks on the current version's rows."""
    if current is None:
        connection.execute("DELETE FROM search_rows")
        return
    connection.execute("DELETE FROM search_rows WHERE first > %s OR last <= %s", (current, current))
    connection.execute("UPDATE search_rows SET last = NULL WHERE last > %s", (current,))


def switch(url: str, version: int) -> None:
    """Make `version` the one every search answers from, and drop the others and the rows only they had,
    in one transaction."""
    with _connect(url) as connection, connection.transaction():
        connection.execute(
            "INSERT INTO search_current (one, version) VALUES (true, %s)"
            " ON CONFLICT (one) DO UPDATE SET version = excluded.version",
            (version,),
        )
        connection.execute("DELETE FROM search_versions WHERE version <> %s", (version,))
        connection.execute("DELETE FROM search_rows WHERE last <= %s", (version,))
        # a row per item and version (search index version 5), kept for the services until this switch
        connection.execute("DROP TABLE IF EXISTS search_items")


def discard(url: str, version: int) -> None:
    """A build that failed: its version goes, the current one stays as it was."""
    with _connect(url) as connection, connection.transaction():
        if connection.execute("SELECT 1 FROM search_current WHERE version = %s", (version,)).fetchone():
            return
        connection.execute("DELETE FROM search_versions WHERE version = %s", (version,))
        connection.execute("DELETE FROM search_rows WHERE first = %s", (version,))
        connection.execute("UPDATE search_rows SET last = NULL WHERE last = %s", (version,))


def _current(connection) -> int | None:
    try:
        row = connection.execute("SELECT version FROM search_current").fetchone()
    except Exception:  # noqa: BLE001 - no table yet: no version
        return None
    return row[0] if row else None


def _schema_version(connection, version: int) -> int | None:
    row = connection.execute("SELECT schema_version FROM search_versions WHERE version = %s", (version,)).fetchone()
    return row[0] if row else None


def _tsquery(words, every_word: bool) -> str:
    joined = (" & " if every_word else " | ").join(
        "'" + w.replace("\\", "\\\\").replace("'", "''") + "'" for w in words
    )
    return joined


def _unavailable(problem: str) -> IndexUnavailable:
    """The service answers 503; the log says why."""
    log.error("search database unavailable: %s", problem)
    return IndexUnavailable(problem)


class PostgresIndex:
    """The current version of the index in PostgreSQL, for the search service. Connections are kept in a
    pool, one per request running at once; answers are kept per version, as the Whoosh index keeps them."""

    def __init__(self, url: str):
        self.url = url
        self._pool: queue.LifoQueue = queue.LifoQueue()
        self._answers: tuple[int, Answers] | None = None
        self._lock = threading.Lock()

    def _take(self):
        try:
            return self._pool.get_nowait()
        except queue.Empty:
            try:
                return _connect(self.url)
            except Exception as error:  # noqa: BLE001 - the service answers 503 and logs why
                raise _unavailable(f"không kết nối được cơ sở dữ liệu tìm kiếm: {error}") from None

    def _answers_of(self, version: int) -> Answers:
        with self._lock:
            if self._answers is None or self._answers[0] != version:
                self._answers = (version, Answers(ANSWERS_KEPT))
            return self._answers[1]

    def search(self, request: Request) -> Result:
        connection, healthy = self._take(), False
        key = _answer_key(request)
        try:
            with connection.transaction():
                # one snapshot for every statement, the version's first: a switch meanwhile is never seen
                connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                version = _current(connection)
                if version is None:
                    raise _unavailable("cơ sở dữ liệu chưa có chỉ mục tìm kiếm nào")
                answers = self._answers_of(version)
                kept = answers.get(key)
                if kept is not None:
                    healthy = True
                    return replace(kept, request=request)
                result = answer(
                    request,
                    lambda plan: self._numbers(connection, version, plan),
                    lambda plan, chosen, names_a_number, text: self._run(
                        connection, version, plan, request, chosen, names_a_number, text
                    ),
                )
            healthy = True
        except IndexUnavailable:
            raise
        except Exception as error:  # noqa: BLE001 - a lost connection: the next request opens another
            raise _unavailable(str(error)) from None
        finally:
            if healthy and not connection.closed:
                self._pool.put(connection)
            else:
                connection.close()
        answers.put(key, result)
        return result

    @property
    def answers_reused(self) -> int:
        return self._answers[1].reused if self._answers is not None else 0

    def _numbers(self, connection, version: int, plan):
        numbers = list(plan.numbers) if plan else []
        prefixes = list(plan.prefixes) if plan else []
        if not numbers and not prefixes:
            return numbers, False, False
        whole, by_prefix = connection.execute(
            f"SELECT EXISTS (SELECT 1 FROM search_rows WHERE {IN_VERSION} AND number_key && %(n)s),"
            f" EXISTS (SELECT 1 FROM search_rows WHERE {IN_VERSION} AND number_prefix && %(p)s)",
            {"v": version, "n": numbers, "p": prefixes},
        ).fetchone()
        return (numbers if whole else []), whole, whole or by_prefix

    def _run(self, connection, version, plan, request: Request, chosen, names_a_number: bool, text: str) -> Result:
        words = loose_words(text, names_a_number) if plan is not None else []
        every_word = plan.every_word if plan is not None else True
        where, params = [IN_VERSION], {"v": version, "named": list(chosen)}
        if words:
            params["q"] = _tsquery(words, every_word)
            where.append("(folded @@ to_tsquery('simple', %(q)s) OR number_key && %(named)s)")
        elif chosen:
            where.append("number_key && %(named)s")
        for name, value in request.filters.items():
            column = FACETS[name]
            params[f"f_{name}"] = value
            where.append(f"%(f_{name})s = ANY({column})" if name in MANY else f"{column} = %(f_{name})s")
        if request.since:
            params["since"] = request.since
            where.append("date >= %(since)s")
        if request.until:
            params["until"] = request.until
            where.append("date < %(until)s::date + 1")
        condition = " AND ".join(where)
        score = "0"
        if request.sort != "date" and plan is not None:
            params.update(self._scoring(plan))
            score = f"round(({_SCORE})::numeric, 4)"
        params["limit"], params["offset"] = PAGE_SIZE, (request.page - 1) * PAGE_SIZE
        # one pass over the matches (each one's words read once): the facets, and the page's ids in order
        facets_sql = " UNION ALL ".join(
            f"SELECT '{name}', {f'unnest({column})' if name in MANY else column}::text, count(*), NULL::bigint"
            f" FROM matched GROUP BY 2"
            for name, column in FACETS.items()
        )
        rows = connection.execute(
            f"WITH matched AS MATERIALIZED (SELECT id, date, kind, doc_type, issuer, topic, year, validity,"
            f" {score} AS score FROM search_rows WHERE {condition}),"
            " page AS (SELECT id, row_number() OVER (ORDER BY score DESC, date DESC, id DESC) AS place"
            " FROM matched ORDER BY score DESC, date DESC, id DESC LIMIT %(limit)s OFFSET %(offset)s)"
            f" {facets_sql} UNION ALL SELECT 'page', id, NULL, place FROM page",
            params,
        ).fetchall()
        facets: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        placed = []
        for facet, value, count, place in rows:
            if facet == "page":
                placed.append((place, value))
            elif value not in (None, ""):
                facets[facet][value] = count
        facets = {name: dict(sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))) for name, values in facets.items()}
        total = sum(facets["kind"].values())
        ids = [doc_id for _, doc_id in sorted(placed)]
        # then the page's texts, for its snippets: never every match's body
        found = {
            row[0]: row[1:]
            for row in connection.execute(
                "SELECT id, url, title, kind, number, doc_type, issuer, date, issued, validity_label, summary, body"
                f" FROM search_rows WHERE {IN_VERSION} AND id = ANY(%(ids)s)",
                {"v": version, "ids": ids},
            ).fetchall()
        }
        return Result(request, total, [_hit(found[doc_id], words) for doc_id in ids], facets)

    @staticmethod
    def _scoring(plan) -> dict:
        pairs = [f"{a} {b}" for a, b in pairwise(plan.required)]
        return {
            "any": _tsquery(plan.required, False),
            "exact": _tsquery(plan.exact, False) if plan.exact else "''",
            "pairs_label": [f"label_ascii:{p}" for p in pairs] if plan.phrase else ["-"],
            "pairs_title": [f"title_ascii:{p}" for p in pairs] if plan.phrase else ["-"],
            "pairs_summary": [f"summary_ascii:{p}" for p in pairs] if plan.phrase else ["-"],
            "keys": list(plan.numbers),
            "prefixes": list(plan.prefixes),
            "shorts": list(plan.shorts),
            "years": list(plan.years),
        }


_SCORE = f"""
    ts_rank('{WEIGHTS}', ranked, to_tsquery('simple', %(any)s))
    + ts_rank('{WEIGHTS}', exact, to_tsquery('simple', %(exact)s))
    + (pairs @> %(pairs_label)s)::int + (pairs @> %(pairs_title)s)::int
    + 0.5 * (pairs @> %(pairs_summary)s)::int
    + 50 * (number_key && %(keys)s)::int + 25 * (number_prefix && %(prefixes)s)::int
    + 30 * (number_short && %(shorts)s)::int
    + 25 * (cardinality(%(keys)s::text[]) + cardinality(%(prefixes)s::text[]) + cardinality(%(shorts)s::text[]) > 0
            AND year = ANY(%(years)s))::int
"""


def _hit(row, words: list[str]) -> dict:
    url, title, kind, number, doc_type, issuer, date, issued, validity_label, summary, body = row
    fields = {"summary": summary, "body": body, "title": title}
    marked = next(
        filter(None, (snippet(fields.get(source) or "", words) for source in ("body", "summary", "title"))), ""
    )
    return {
        "url": url,
        "title": title,
        "kind": kind,
        "number": number,
        "doc_type": doc_type,
        "issuer": list(issuer or []),
        "date": date.replace(tzinfo=VIETNAM).isoformat(),
        "issued": issued,
        "validity": validity_label,
        "snippet": marked or _opening(fields),
    }

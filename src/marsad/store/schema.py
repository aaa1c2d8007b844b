"""DuckDB schema as an ordered list of migrations.

A migration is a list of SQL statements; migration i (1-based) brings the
database to version i. Never edit a released step: append a new one.
"""

from __future__ import annotations

import duckdb

_V1_TABLES = [
    """
    CREATE TABLE IF NOT EXISTS documents (
        doc_id       VARCHAR PRIMARY KEY,
        url          VARCHAR,
        source       VARCHAR,
        title        VARCHAR,
        published    VARCHAR,
        content_hash VARCHAR NOT NULL UNIQUE,
        text         VARCHAR NOT NULL,
        extra        VARCHAR,            -- JSON of the input's other fields, carried through
        num_events   INTEGER NOT NULL,
        ingested_at  TIMESTAMP NOT NULL
    )
    """,
    # Only the sentences that carry an event or a mention: the evidence.
    """
    CREATE TABLE IF NOT EXISTS sentences (
        doc_id  VARCHAR NOT NULL,
        start   INTEGER NOT NULL,
        "end"   INTEGER NOT NULL,
        text    VARCHAR NOT NULL
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS events (
        event_id        VARCHAR PRIMARY KEY,
        doc_id          VARCHAR NOT NULL,
        source_text     VARCHAR, source_code VARCHAR, source_country VARCHAR,
        source_igo      VARCHAR, source_name VARCHAR,
        source_start    INTEGER, source_end INTEGER,
        target_text     VARCHAR, target_code VARCHAR, target_country VARCHAR,
        target_igo      VARCHAR, target_name VARCHAR,
        target_start    INTEGER, target_end INTEGER,
        cameo           VARCHAR NOT NULL,
        root            VARCHAR NOT NULL,
        quad_class      TINYINT NOT NULL,
        goldstein       DOUBLE NOT NULL,
        plover          VARCHAR,
        status          VARCHAR NOT NULL,
        date            VARCHAR,
        date_basis      VARCHAR,
        sentence        VARCHAR NOT NULL,
        sentence_start  INTEGER NOT NULL,
        sentence_end    INTEGER NOT NULL,
        trigger         VARCHAR,
        trigger_start   INTEGER,
        trigger_end     INTEGER,
        attribution     VARCHAR,
        pattern_id      VARCHAR,
        status_cue      VARCHAR,
        date_text       VARCHAR,
        ord             INTEGER NOT NULL  -- position in the coder's output, to rebuild it in order
    )
    """,
    # One row per place an event is reported: ord 0 is the event's own sentence,
    # 1.. its in-document repeats (Event.mentions).
    """
    CREATE TABLE IF NOT EXISTS mentions (
        doc_id          VARCHAR NOT NULL,
        event_id        VARCHAR NOT NULL,
        ord             INTEGER NOT NULL,
        sentence_start  INTEGER NOT NULL,
        sentence_end    INTEGER NOT NULL,
        trigger         VARCHAR,
        trigger_start   INTEGER,
        trigger_end     INTEGER,
        pattern_id      VARCHAR
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS event_sources (
        event_id  VARCHAR PRIMARY KEY,
        doc_id    VARCHAR NOT NULL,
        outlet    VARCHAR,
        url       VARCHAR
    )
    """,
    "CREATE INDEX IF NOT EXISTS documents_url ON documents (url)",
]


def _v2_distinct_events() -> list[str]:
    from marsad.store.dedup import DISTINCT_EVENTS_VIEW

    return [DISTINCT_EVENTS_VIEW]


# v3: an asserted event that one party denies carries the id of the denial (Event.contested_by).
_V3_CONTESTED = ["ALTER TABLE events ADD COLUMN IF NOT EXISTS contested_by VARCHAR"]

# v4: why each event exists (Event.rule: pattern, argument rule, date rule).
_V4_RULE = ["ALTER TABLE events ADD COLUMN IF NOT EXISTS rule VARCHAR"]

# v5: where the event happened (Event.location); lat/lon only where the place is a point.
LOCATION_COLUMNS = (
    ("location_text", "VARCHAR"), ("location_name", "VARCHAR"), ("location_country", "VARCHAR"),
    ("location_admin1", "VARCHAR"), ("location_lat", "DOUBLE"), ("location_lon", "DOUBLE"),
    ("location_feature", "VARCHAR"), ("location_precision", "VARCHAR"), ("location_id", "VARCHAR"),
    ("location_start", "INTEGER"), ("location_end", "INTEGER"),
)
_V5_LOCATION = [f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {name} {kind}" for name, kind in LOCATION_COLUMNS]

# v6: an event's repeats and their sentences are looked up by key for every page the API serves:
# ART indexes turn those look-ups from scans of the whole tables (~10 ms at 100,000 events) into ~1 ms.
_V6_LOOKUPS = [
    "CREATE INDEX IF NOT EXISTS mentions_event ON mentions (event_id)",
    "CREATE INDEX IF NOT EXISTS sentences_doc ON sentences (doc_id)",
]

MIGRATIONS: list[list[str]] = [
    _V1_TABLES,
    _v2_distinct_events(),
    _V3_CONTESTED,
    _V4_RULE,
    _V5_LOCATION,
    _V6_LOOKUPS,
]

SCHEMA_VERSION = len(MIGRATIONS)


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)"
    )
    # fetchall, not fetchone: DuckDB keeps a half-read result open and blocks the connection
    (row,) = con.execute("SELECT max(version) FROM schema_version").fetchall()
    return int(row[0]) if row[0] is not None else 0


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply the missing migrations, each in its own transaction; return the version."""
    version = current_version(con)
    if version > SCHEMA_VERSION:
        raise RuntimeError(
            f"database schema version {version} is newer than this marsad ({SCHEMA_VERSION}); upgrade marsad"
        )
    for number in range(version + 1, SCHEMA_VERSION + 1):
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in MIGRATIONS[number - 1]:
                con.execute(statement)
            con.execute("INSERT INTO schema_version VALUES (?, current_timestamp)", [number])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION

"""Questions analysts ask of the store: dyads over time, actor profiles, the network.

All of them count distinct events (dedup.py): an event reported by ten
outlets is one event, not ten. By default only asserted events (occurred or
planned) between two resolved actors count; `all_statuses=True` adds the
hypothetical and negated ones (kept apart from the asserted reports).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np

from marsad.store import params
from marsad.store.dedup import ASSERTED, distinct_view

if TYPE_CHECKING:
    from marsad.model import Event

# A period can only hold events dated at least that precisely: a "2015" event
# has no month. The SQL maps the event's day string to the start of its period.
_PERIOD_SQL = {
    "day": "CASE WHEN length(day) = 10 THEN try_cast(day AS DATE) END",
    "week": "CASE WHEN length(day) = 10 THEN date_trunc('week', try_cast(day AS DATE)) END",
    "month": "CASE WHEN length(day) >= 7 AND day NOT LIKE '%/%' THEN try_cast(left(day, 7) || '-01' AS DATE) END",
    "year": "CASE WHEN length(day) >= 4 AND day NOT LIKE '%/%' THEN try_cast(left(day, 4) || '-01-01' AS DATE) END",
}


def _rows(con: duckdb.DuckDBPyConnection, sql: str, args: list[Any]) -> list[dict[str, Any]]:
    cur = con.execute(sql, args)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def dyad_filter(a: str, b: str, directed: bool) -> tuple[str, list[str]]:
    if directed:
        return "source_key = ? AND target_key = ?", [a, b]
    return "((source_key = ? AND target_key = ?) OR (source_key = ? AND target_key = ?))", [a, b, b, a]


def dyad_series(
    con: duckdb.DuckDBPyConnection, a: str, b: str, *, by: str = "month", directed: bool = False,
    all_statuses: bool = False,
) -> list[dict[str, Any]]:
    """Per period: events, Goldstein sum and mean, and counts per quad class.

    Undirected by default (A→B and B→A together); periods with no events are
    left out. Events dated too coarsely for the period are left out too.
    """
    a, b = params.dyad((a, b))
    by = params.period(by)
    where, args = dyad_filter(a, b, directed)
    sql = f"""
        SELECT strftime(period, '%Y-%m-%d') AS period,
               count(*) AS events,
               round(sum(goldstein), 3) AS goldstein_sum,
               round(avg(goldstein::DECIMAL(6, 1)), 3)::DOUBLE AS goldstein_mean,
               count(*) FILTER (quad_class = 1) AS q1_verbal_coop,
               count(*) FILTER (quad_class = 2) AS q2_material_coop,
               count(*) FILTER (quad_class = 3) AS q3_verbal_conflict,
               count(*) FILTER (quad_class = 4) AS q4_material_conflict
        FROM (SELECT *, {_PERIOD_SQL[by]} AS period FROM {distinct_view(all_statuses)} WHERE {where})
        WHERE period IS NOT NULL
        GROUP BY period ORDER BY period
    """
    return _rows(con, sql, args)


def top_actors(con: duckdb.DuckDBPyConnection, limit: int = 20, *, all_statuses: bool = False
               ) -> list[dict[str, Any]]:
    """Actors by the number of distinct events they take part in, either side."""
    limit = params.limit(limit)
    view = distinct_view(all_statuses)
    sql = f"""
        WITH sides AS (
            SELECT source_key AS actor, 1 AS as_source, 0 AS as_target, goldstein FROM {view}
            UNION ALL
            SELECT target_key, 0, 1, goldstein FROM {view}
        )
        SELECT actor, count(*) AS events, sum(as_source) AS as_source, sum(as_target) AS as_target,
               round(avg(goldstein::DECIMAL(6, 1)), 3)::DOUBLE AS goldstein_mean
        FROM sides GROUP BY actor ORDER BY events DESC, actor LIMIT ?
    """
    return _rows(con, sql, [limit])


def top_dyads(con: duckdb.DuckDBPyConnection, limit: int = 20, *, directed: bool = False,
              all_statuses: bool = False) -> list[dict[str, Any]]:
    """Dyads by the number of distinct events, with counts per quad class and mean Goldstein.

    Undirected by default: A→B and B→A count together, the pair named in
    alphabetical order. An actor's events with itself (domestic ones) are not a dyad.
    """
    limit = params.limit(limit)
    a, b = ("source_key", "target_key") if directed else (
        "least(source_key, target_key)", "greatest(source_key, target_key)"
    )
    # `articles` counts the distinct articles that report the dyad, not article-reports summed over events.
    sql = f"""
        WITH dyads AS (
            SELECT {a} AS actor_a, {b} AS actor_b,
                   count(*) AS events,
                   count(*) FILTER (quad_class = 1) AS q1_verbal_coop,
                   count(*) FILTER (quad_class = 2) AS q2_material_coop,
                   count(*) FILTER (quad_class = 3) AS q3_verbal_conflict,
                   count(*) FILTER (quad_class = 4) AS q4_material_conflict,
                   round(avg(goldstein::DECIMAL(6, 1)), 3)::DOUBLE AS goldstein_mean
            FROM {distinct_view(all_statuses)}
            WHERE source_key <> target_key
            GROUP BY actor_a, actor_b
        ),
        reports AS (
            SELECT {a} AS actor_a, {b} AS actor_b, count(DISTINCT doc_id) AS articles
            FROM (SELECT coalesce(source_country, source_igo) AS source_key,
                         coalesce(target_country, target_igo) AS target_key, doc_id
                  FROM events WHERE {"TRUE" if all_statuses else f"status IN {ASSERTED}"})
            WHERE source_key IS NOT NULL AND target_key IS NOT NULL AND source_key <> target_key
            GROUP BY actor_a, actor_b
        )
        SELECT dyads.*, reports.articles
        FROM dyads JOIN reports USING (actor_a, actor_b)
        ORDER BY events DESC, actor_a, actor_b
        LIMIT ?
    """
    return _rows(con, sql, [limit])


@dataclass
class ActorProfile:
    actor: str
    events: int
    partners: list[dict[str, Any]]            # most frequent partners
    most_cooperative: list[dict[str, Any]]    # highest mean Goldstein
    most_conflictual: list[dict[str, Any]]    # lowest mean Goldstein


def actor_profile(
    con: duckdb.DuckDBPyConnection, actor: str, *, limit: int = 10, min_events: int = 1, all_statuses: bool = False
) -> ActorProfile:
    """Partners of one actor (both directions), by frequency and by mean Goldstein."""
    actor = params.actor(actor)
    limit = params.limit(limit)
    min_events = params.bounded(min_events, "min_events", 1, params.MAX_MIN_COUNT)
    view = distinct_view(all_statuses)
    base = f"""
        WITH pairs AS (
            SELECT target_key AS partner, goldstein FROM {view} WHERE source_key = $a
            UNION ALL
            SELECT source_key, goldstein FROM {view} WHERE target_key = $a
        )
        SELECT partner, count(*) AS events, round(avg(goldstein::DECIMAL(6, 1)), 3)::DOUBLE AS goldstein_mean,
               round(sum(goldstein), 3) AS goldstein_sum
        FROM pairs WHERE partner <> $a GROUP BY partner HAVING count(*) >= $m
    """

    def ranked(order: str) -> list[dict[str, Any]]:
        cur = con.execute(f"{base} ORDER BY {order}, partner LIMIT $n", {"a": actor, "m": min_events, "n": limit})
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    total = con.execute(
        f"SELECT count(*) FROM {view} WHERE source_key = $a OR target_key = $a", {"a": actor}
    ).fetchall()[0]
    return ActorProfile(
        actor=actor,
        events=int(total[0]) if total else 0,
        partners=ranked("events DESC"),
        most_cooperative=ranked("goldstein_mean DESC"),
        most_conflictual=ranked("goldstein_mean ASC"),
    )


def network_edges(con: duckdb.DuckDBPyConnection, *, min_count: int = 1, all_statuses: bool = False
                  ) -> list[dict[str, Any]]:
    """Directed edges source → target with the number of distinct events and mean Goldstein."""
    min_count = params.bounded(min_count, "min_count", 1, params.MAX_MIN_COUNT)
    sql = f"""
        SELECT source_key AS source, target_key AS target, count(*) AS count,
               round(avg(goldstein::DECIMAL(6, 1)), 3)::DOUBLE AS goldstein_mean,
               sum(num_articles) AS articles
        FROM {distinct_view(all_statuses)}
        WHERE source_key <> target_key
        GROUP BY source_key, target_key HAVING count(*) >= ?
        ORDER BY count DESC, source, target
    """
    return _rows(con, sql, [min_count])


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[Any, ...]:
    (row,) = con.execute(sql).fetchall()  # fetchall: a half-read result blocks the connection
    return row


def overview(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Counts and date ranges for `marsad stats`, with the breakdown that says why the exports and the
    aggregates hold fewer events than the store (`counts`)."""
    docs = _one(con, "SELECT count(*), min(published), max(published) FROM documents")
    events = _one(con, "SELECT count(*), min(date), max(date) FROM events")
    distinct = _one(con, "SELECT count(*) FROM distinct_events")
    by_status = dict(con.execute("SELECT status, count(*) FROM events GROUP BY status ORDER BY status").fetchall())
    return {
        "documents": docs[0],
        "published_from": docs[1],
        "published_to": docs[2],
        "events": events[0],
        "events_by_status": by_status,
        "distinct_events": distinct[0],
        "event_dates_from": events[1],
        "event_dates_to": events[2],
        "counts": event_counts(con),
    }


def event_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """From every stored event to what each surface holds; each line is the one above it less what it says.

    events (events, export jsonl/parquet) = asserted + hypothetical + negated
    asserted = unresolved_actor + merged + distinct_events
    distinct_events (export gdelt; actors) = dyad_events (dyads, dyad, graphml) + same_actor
    """
    statuses = ", ".join(f"'{s}'" for s in ASSERTED)
    row = _one(con, f"""
        SELECT count(*), count(*) FILTER (status IN ({statuses})), count(*) FILTER (status = 'occurred'),
               count(*) FILTER (status = 'planned'), count(*) FILTER (status = 'hypothetical'),
               count(*) FILTER (status = 'negated')
        FROM events""")
    distinct = _one(con, """
        SELECT count(*), coalesce(sum(num_events), 0), count(*) FILTER (source_key <> target_key)
        FROM distinct_events""")
    (actors,) = _one(con, """
        SELECT count(DISTINCT actor) FROM (SELECT source_key AS actor FROM distinct_events
                                           UNION ALL SELECT target_key FROM distinct_events)""")
    total, asserted, occurred, planned, hypothetical, negated = (int(x) for x in row)
    rows, keyed, dyadic = (int(x) for x in distinct)
    return {
        "events": total,
        "asserted": asserted,                   # occurred or planned
        "occurred": occurred,
        "planned": planned,
        "hypothetical": hypothetical,
        "negated": negated,
        "unresolved_actor": asserted - keyed,   # asserted, but a side has no country or IGO to count by
        "merged": keyed - rows,                 # more reports of an event another article reports too
        "distinct_events": rows,                # rows of the GDELT export
        "dyad_events": dyadic,                  # distinct events between two different actors
        "same_actor": rows - dyadic,            # the same actor on both sides (domestic)
        "actors": int(actors),
    }


@dataclass
class EventQuery:
    """Filters of `marsad events` and of the API's events; each set field narrows the selection.

    Values are checked and normalised on construction (params.py): a bad one raises ParamError.
    """

    actor: str | None = None              # either side, by scoring key
    dyad: tuple[str, str] | None = None   # both directions
    code: str | None = None               # CAMEO code prefix: 04, 042
    quad: int | None = None
    since: str | None = None              # event date >= since
    until: str | None = None              # event date <= until (at the until's precision)
    status: str | None = None
    search: str | None = None             # substring of the sentence
    near: tuple[float, float, float] | None = None  # (lat, lon, km): located within km of the point
    country_in: str | None = None         # located in this country (ISO3)
    doc_id: str | None = None             # the events of one document

    def __post_init__(self) -> None:
        if self.actor is not None:
            self.actor = params.actor(self.actor)
        if self.dyad is not None:
            self.dyad = params.dyad(self.dyad)
        if self.code is not None:
            self.code = params.cameo(self.code)
        if self.quad is not None:
            self.quad = params.quad(self.quad)
        if self.since is not None:
            self.since = params.day(self.since, "since")
        if self.until is not None:
            self.until = params.day(self.until, "until")
        if self.status is not None:
            self.status = params.status(self.status)
        if self.search is not None:
            self.search = params.search(self.search)
        if self.near is not None:
            self.near = params.near(*self.near)
        if self.country_in is not None:
            self.country_in = params.country(self.country_in, "in")

    def where(self) -> tuple[str, list[Any]]:
        """A WHERE clause over the events table, every value a bound parameter."""
        src = "coalesce(source_country, source_igo)"
        tgt = "coalesce(target_country, target_igo)"
        clauses: list[str] = []
        args: list[Any] = []
        if self.actor:
            clauses.append(f"({src} = ? OR {tgt} = ?)")
            args += [self.actor] * 2
        if self.dyad:
            a, b = self.dyad
            clauses.append(f"(({src} = ? AND {tgt} = ?) OR ({src} = ? AND {tgt} = ?))")
            args += [a, b, b, a]
        if self.code:
            clauses.append("starts_with(cameo, ?)")
            args.append(self.code)
        if self.quad is not None:
            clauses.append("quad_class = ?")
            args.append(self.quad)
        if self.since:
            clauses.append("date >= ?")
            args.append(self.since)
        if self.until:
            clauses.append("left(date, length(?)) <= ?")
            args += [self.until, self.until]
        if self.status:
            clauses.append("status = ?")
            args.append(self.status)
        if self.search:
            clauses.append("contains(sentence, ?)")
            args.append(self.search)
        if self.near is not None:
            lat, lon, km = self.near
            clauses.append(f"location_lat IS NOT NULL AND {HAVERSINE_SQL} <= ?")
            args += [lat, lat, lon, km]
        if self.country_in:
            clauses.append("location_country = ?")
            args.append(self.country_in)
        if self.doc_id is not None:
            clauses.append("doc_id = ?")
            args.append(self.doc_id)
        return (" AND ".join(clauses) or "TRUE"), args


# Orders of an event list; ties fall back to document and coder order, so pages never overlap.
EVENT_SORTS = {
    "doc": "doc_id",
    "date": "date",
    "cameo": "cameo",
    "goldstein": "goldstein",
    "quad_class": "quad_class",
    "status": "status",
    "source": "coalesce(source_country, source_igo)",
    "target": "coalesce(target_country, target_igo)",
}
_FETCH = 1000
DEEP_OFFSET = 1000

# The in-document repeats (mention ord > 0) of a batch of events; most events have none, so their
# sentences are read in a second query only when there are some. Both look up by indexed keys
# (schema v6) with a list of bound values, the form DuckDB answers from the index.
def _mentions_of(n: int) -> str:
    return ("SELECT event_id, doc_id, ord, sentence_start, sentence_end, trigger, trigger_start, trigger_end, "
            f"pattern_id FROM mentions WHERE event_id IN ({', '.join('?' * n)}) ORDER BY event_id, ord")


def _sentences_of(n: int) -> str:
    return f'SELECT doc_id, start, "end", text FROM sentences WHERE doc_id IN ({", ".join("?" * n)})'


def _mentions(con: duckdb.DuckDBPyConnection, event_ids: list[str],
              repeated: Container[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """The repeats of these events; `repeated` (repeated_events), when known, spares the look-up."""
    if repeated is not None:
        event_ids = [e for e in event_ids if e in repeated]
    if not event_ids:
        return {}
    rows = [r for r in con.execute(_mentions_of(len(event_ids)), event_ids).fetchall() if r[2] > 0]
    if not rows:
        return {}
    docs = sorted({r[1] for r in rows})
    texts = {(d, s, t): text for d, s, t, text in con.execute(_sentences_of(len(docs)), docs).fetchall()}
    found: dict[str, list[dict[str, Any]]] = {}
    for event_id, doc_id, _, start, end, trigger, t_start, t_end, pattern_id in rows:
        text = texts.get((doc_id, start, end))
        if text is None:  # as the join did: a mention without its sentence is not shown
            continue
        found.setdefault(event_id, []).append({
            "sentence": text, "sentence_start": start, "sentence_end": end, "trigger": trigger,
            "trigger_start": t_start, "trigger_end": t_end, "pattern_id": pattern_id})
    return found


def select_events(
    con: duckdb.DuckDBPyConnection,
    where: str = "TRUE",
    args: list[Any] | None = None,
    *,
    order: str = "doc_id, ord",
    limit: int | None = None,
    offset: int = 0,
) -> Iterator[Event]:
    """Stored events as contract records, streamed in batches, each batch with its mentions.

    `where` and `order` are SQL written by this package (EventQuery.where, EVENT_SORTS), never user text.
    """
    from marsad.store.exports import row_event  # exports imports this module

    sql = f"SELECT * FROM events WHERE {where} ORDER BY {order}"
    args = list(args or [])
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    if offset:
        sql += " OFFSET ?"
        args.append(offset)
    cur = con.cursor()  # a cursor of its own: the mention look-ups run while this one streams
    side = con.cursor()
    try:
        cur.execute(sql, args)
        names = [d[0] for d in cur.description]
        while batch := cur.fetchmany(_FETCH):
            rows = [dict(zip(names, row, strict=True)) for row in batch]
            found = _mentions(side, [r["event_id"] for r in rows])
            for row in rows:
                row["mentions"] = found.get(row["event_id"])
                yield row_event(row)
    finally:
        cur.close()
        side.close()


def find_events(
    con: duckdb.DuckDBPyConnection,
    query: EventQuery | None = None,
    *,
    sort: str = "doc",
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> Iterator[Event]:
    """The events a query selects, sorted (undated last) and paged."""
    sort = params.choice(sort, "sort", tuple(EVENT_SORTS))
    if limit is not None:
        limit = params.bounded(limit, "limit", 1, params.MAX_OFFSET)
    offset = params.bounded(offset, "offset", 0, params.MAX_OFFSET)
    where, args = (query or EventQuery()).where()
    order = f"{EVENT_SORTS[sort]} {'DESC' if descending else 'ASC'} NULLS LAST, doc_id, ord"
    if offset >= DEEP_OFFSET and limit is not None:
        # A deep page: sort the ids alone (narrow rows sort faster), then read the page's rows.
        where = f"event_id IN (SELECT event_id FROM events WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?)"
        return select_events(con, where, [*args, limit, offset], order=order)
    return select_events(con, where, args, order=order, limit=limit, offset=offset)


# Sorts whose values are numbers (a cursor's value is checked against its sort's kind).
NUMERIC_SORTS = ("goldstein", "quad_class")
_KEY = "sort_key__"  # the sort value, selected beside the row for the cursor


@dataclass
class EventPage:
    """A page of events as contract dicts, and where the next page starts (None: this is the last)."""

    events: list[dict[str, Any]]
    next_key: params.CursorKey | None


def repeated_events(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """Ids of the events reported more than once in their article (most are not): see _mentions."""
    return frozenset(r[0] for r in con.execute("SELECT DISTINCT event_id FROM mentions WHERE ord > 0").fetchall())


def _order(sort: str, descending: bool) -> str:
    return f"{EVENT_SORTS[sort]} {'DESC' if descending else 'ASC'} NULLS LAST, doc_id, ord"


def ordered_rowids(con: duckdb.DuckDBPyConnection, query: EventQuery | None, sort: str,
                   descending: bool) -> np.ndarray:
    """The row ids of every event a query selects, in page order: a deep page is a slice of it."""
    where, args = (query or EventQuery()).where()
    cur = con.execute(f"SELECT rowid FROM events WHERE {where} ORDER BY {_order(sort, descending)}", args)
    return cur.fetchnumpy()["rowid"]


def _after(sort: str, descending: bool, key: params.CursorKey) -> tuple[str, list[Any]]:
    """Keyset condition: events that come after `key` in the order of _order (undated last)."""
    value, doc_id, ord_ = key
    numeric = sort in NUMERIC_SORTS
    if value is not None and (isinstance(value, bool) or numeric != isinstance(value, int | float)):
        raise params.ParamError("cursor", f"this cursor does not hold a {sort} value")
    expr = EVENT_SORTS[sort]
    tie = "(doc_id, ord) > (?, ?)"
    if value is None:  # among the undated (null) rows, which come last in either direction
        return f"({expr} IS NULL AND {tie})", [doc_id, ord_]
    op = "<" if descending else ">"
    return f"({expr} {op} ? OR {expr} IS NULL OR ({expr} = ? AND {tie}))", [value, value, doc_id, ord_]


def page_events(
    con: duckdb.DuckDBPyConnection,
    query: EventQuery | None = None,
    *,
    sort: str = "doc",
    descending: bool = False,
    limit: int = 50,
    offset: int = 0,
    after: params.CursorKey | None = None,
    repeated: Container[str] | None = None,
    ordering: Callable[[], np.ndarray] | None = None,
) -> EventPage:
    """One page of find_events as contract dicts, by offset or after a cursor's key (keyset paging).

    Keyset paging costs the same at any depth. A deep offset reads a slice of `ordering()` (the
    rowids of the whole order, which the caller caches) when given, else sorts the row ids alone.
    """
    from marsad.store.exports import row_dict

    sort = params.choice(sort, "sort", tuple(EVENT_SORTS))
    limit = params.bounded(limit, "limit", 1, params.MAX_OFFSET)
    offset = params.bounded(offset, "offset", 0, params.MAX_OFFSET)
    if after is not None and offset:
        raise params.ParamError("offset", "a page is asked for by offset or by cursor, not both")
    where, args = (query or EventQuery()).where()
    order = _order(sort, descending)
    if after is not None:
        condition, more_args = _after(sort, descending, after)
        where, args = f"({where}) AND {condition}", [*args, *more_args]
    select = f"SELECT *, {EVENT_SORTS[sort]} AS {_KEY} FROM events"
    if offset >= DEEP_OFFSET and ordering is not None:
        ids = [int(i) for i in ordering()[offset:offset + limit + 1]]
        cur = con.execute(f"SELECT *, {EVENT_SORTS[sort]} AS {_KEY}, rowid AS rowid__ FROM events "
                          "WHERE rowid IN (SELECT unnest(?::BIGINT[]))", [ids])
        rank = {rowid: n for n, rowid in enumerate(ids)}
        rows = sorted(_dicts(cur), key=lambda r: rank[r["rowid__"]])
    elif offset >= DEEP_OFFSET:  # sort the row ids alone (narrow rows sort faster), then read the page's rows
        cur = con.execute(f"{select} WHERE rowid IN (SELECT rowid FROM events WHERE {where} ORDER BY {order} "
                          f"LIMIT ? OFFSET ?) ORDER BY {order}", [*args, limit + 1, offset])
        rows = _dicts(cur)
    else:
        rows = _dicts(con.execute(f"{select} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
                                  [*args, limit + 1, offset]))
    more = len(rows) > limit  # one row more than the page says whether there is a next one
    rows = rows[:limit]
    found = _mentions(con, [r["event_id"] for r in rows], repeated)
    for row in rows:
        row["mentions"] = found.get(row["event_id"])
    last = rows[-1] if rows else None
    next_key = (last[_KEY], last["doc_id"], last["ord"]) if more and last else None
    return EventPage([row_dict(r) for r in rows], next_key)


def _dicts(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def count_events(con: duckdb.DuckDBPyConnection, query: EventQuery | None = None) -> int:
    where, args = (query or EventQuery()).where()
    (row,) = con.execute(f"SELECT count(*) FROM events WHERE {where}", args).fetchall()
    return int(row[0])


def timeline(con: duckdb.DuckDBPyConnection, *, by: str = "day") -> list[dict[str, Any]]:
    """Distinct events per period and quad class, over all dyads (the overview's chart)."""
    by = params.period(by)
    sql = f"""
        SELECT strftime(period, '%Y-%m-%d') AS period, count(*) AS events,
               count(*) FILTER (quad_class = 1) AS q1_verbal_coop,
               count(*) FILTER (quad_class = 2) AS q2_material_coop,
               count(*) FILTER (quad_class = 3) AS q3_verbal_conflict,
               count(*) FILTER (quad_class = 4) AS q4_material_conflict
        FROM (SELECT *, {_PERIOD_SQL[by]} AS period FROM distinct_events)
        WHERE period IS NOT NULL
        GROUP BY period ORDER BY period
    """
    return _rows(con, sql, [])


# --- one article and the spans of what was coded in it ----------------------------------

SPAN_KINDS = ("source", "target", "trigger", "date", "place")


def locate(text: str, within: tuple[int, int], words: str | None) -> tuple[int, int] | None:
    """Where `words` (as the coder recorded them, possibly normalised) first occur in text[within]."""
    from marsad.text import normalize, normalize_form

    if not words:
        return None
    start, end = within
    norm = normalize(text[start:end])
    at = norm.text.find(normalize_form(words))
    if at < 0:
        return None
    s, e = norm.to_original(at, at + len(normalize_form(words)))
    return start + s, start + e


def event_spans(text: str, events: list[Event]) -> list[dict[str, Any]]:
    """Every actor, trigger, date and place span of a document's events, merged by (start, end, kind)."""
    found: dict[tuple[int, int, str], list[str]] = {}

    def add(span: Any, kind: str, event_id: str) -> None:
        if span and 0 <= span[0] < span[1] <= len(text):
            ids = found.setdefault((int(span[0]), int(span[1]), kind), [])
            if event_id not in ids:
                ids.append(event_id)

    for e in events:
        add(e.source.span, "source", e.event_id)
        add(e.target.span, "target", e.event_id)
        add(e.trigger_span, "trigger", e.event_id)
        for m in e.mentions:
            add(m.trigger_span, "trigger", e.event_id)
        add(locate(text, e.sentence_span, e.date_text), "date", e.event_id)
        if e.location is not None:
            add(e.location.span or locate(text, e.sentence_span, e.location.text), "place", e.event_id)
    return [
        {"start": s, "end": t, "kind": kind, "text": text[s:t], "event_ids": ids}
        for (s, t, kind), ids in sorted(found.items(), key=lambda kv: (kv[0][0], -kv[0][1], kv[0][2]))
    ]


def event_places(con: duckdb.DuckDBPyConnection, query: EventQuery | None = None) -> list[dict[str, Any]]:
    """Events with a location, one row per place (point, precision, name): the map's points.

    A place without a point (a country, a region) keeps lat/lon null, as the coder left it: no
    centroid is invented. Counts per quad class colour the marker; a few event ids link to the events.
    """
    where, args = (query or EventQuery()).where()
    sql = f"""
        SELECT location_lat AS lat, location_lon AS lon, location_precision AS precision,
               location_name AS name, location_country AS country, count(*) AS events,
               count(*) FILTER (quad_class = 1) AS q1, count(*) FILTER (quad_class = 2) AS q2,
               count(*) FILTER (quad_class = 3) AS q3, count(*) FILTER (quad_class = 4) AS q4,
               list(event_id ORDER BY event_id)[1:50] AS event_ids
        FROM events
        WHERE location_precision IS NOT NULL AND {where}
        GROUP BY ALL
        ORDER BY events DESC, name
    """
    out = []
    for row in _rows(con, sql.replace("GROUP BY ALL", "GROUP BY lat, lon, precision, name, country"), args):
        row["quad_class"] = {str(q): row.pop(f"q{q}") for q in (1, 2, 3, 4) if row[f"q{q}"]}
        for q in (1, 2, 3, 4):
            row.pop(f"q{q}", None)
        out.append(row)
    return out


def document(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    """One stored article: its fields and text, the events coded from it, and their spans."""
    rows = _rows(con, "SELECT doc_id, url, source, title, published, text, num_events FROM documents "
                      "WHERE doc_id = ?", [doc_id])
    if not rows:
        return None
    doc = rows[0]
    events = list(find_events(con, EventQuery(doc_id=doc_id)))
    return {**doc, "events": [e.to_dict() for e in events], "spans": event_spans(doc["text"], events)}


EARTH_KM = 6371.0088  # mean Earth radius
# Great-circle distance from (?, ?) — the point's lat, then lat and lon again — to the event's location.
HAVERSINE_SQL = (
    f"2 * {EARTH_KM} * asin(sqrt(pow(sin(radians(location_lat - ?) / 2), 2) + cos(radians(?)) "
    "* cos(radians(location_lat)) * pow(sin(radians(location_lon - ?) / 2), 2)))"
)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (the same formula as HAVERSINE_SQL)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(a))


def resolve_point(place: str) -> tuple[float, float, str]:
    """--near's value: "lat,lon", or a place name the gazetteer knows with a point (بغداد، Baghdad)."""
    parts = place.split(",")
    if len(parts) == 2:
        try:
            return float(parts[0]), float(parts[1]), place
        except ValueError:
            pass
    from marsad.knowledge.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    found = gaz.lookup(place) or [p for p in gaz.places if p.name.casefold() == place.strip().casefold()]
    if not found:
        raise params.ParamError("near", f"no place called {place!r} in the gazetteer (or give lat,lon)")
    best = found[0]
    if best.lat is None or best.lon is None:
        raise params.ParamError("near", f"{place!r} is a {best.feature} with no point of its own; "
                                        f"use --in {best.country}")
    return best.lat, best.lon, f"{best.name} ({best.country})"


def sparkline(values: list[float]) -> str:
    """A one-line chart for the terminal."""
    bars = "▁▂▃▄▅▆▇█"
    if not values:
        return ""
    low, high = min(0.0, *values), max(values)  # counts read from zero
    span = (high - low) or 1
    return "".join(bars[int((v - low) / span * (len(bars) - 1))] for v in values)

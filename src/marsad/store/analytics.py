"""Questions analysts ask of the store: dyads over time, actor profiles, the network.

All of them count distinct events (dedup.py): an event reported by ten
outlets is one event, not ten.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import duckdb

PERIODS = ("day", "week", "month", "year")

# A period can only hold events dated at least that precisely: a "2015" event
# has no month. The SQL maps the event's day string to the start of its period.
_PERIOD_SQL = {
    "day": "CASE WHEN length(day) = 10 THEN try_cast(day AS DATE) END",
    "week": "CASE WHEN length(day) = 10 THEN date_trunc('week', try_cast(day AS DATE)) END",
    "month": "CASE WHEN length(day) >= 7 AND day NOT LIKE '%/%' THEN try_cast(left(day, 7) || '-01' AS DATE) END",
    "year": "CASE WHEN length(day) >= 4 AND day NOT LIKE '%/%' THEN try_cast(left(day, 4) || '-01-01' AS DATE) END",
}


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def dyad_filter(a: str, b: str, directed: bool) -> tuple[str, list[str]]:
    if directed:
        return "source_key = ? AND target_key = ?", [a, b]
    return "((source_key = ? AND target_key = ?) OR (source_key = ? AND target_key = ?))", [a, b, b, a]


def dyad_series(
    con: duckdb.DuckDBPyConnection, a: str, b: str, *, by: str = "month", directed: bool = False
) -> list[dict[str, Any]]:
    """Per period: events, Goldstein sum and mean, and counts per quad class.

    Undirected by default (A→B and B→A together); periods with no events are
    left out. Events dated too coarsely for the period are left out too.
    """
    if by not in PERIODS:
        raise ValueError(f"--by must be one of {', '.join(PERIODS)}")
    where, params = dyad_filter(a.upper(), b.upper(), directed)
    sql = f"""
        SELECT strftime(period, '%Y-%m-%d') AS period,
               count(*) AS events,
               round(sum(goldstein), 3) AS goldstein_sum,
               round(avg(goldstein), 3) AS goldstein_mean,
               count(*) FILTER (quad_class = 1) AS q1_verbal_coop,
               count(*) FILTER (quad_class = 2) AS q2_material_coop,
               count(*) FILTER (quad_class = 3) AS q3_verbal_conflict,
               count(*) FILTER (quad_class = 4) AS q4_material_conflict
        FROM (SELECT *, {_PERIOD_SQL[by]} AS period FROM distinct_events WHERE {where})
        WHERE period IS NOT NULL
        GROUP BY period ORDER BY period
    """
    return _rows(con, sql, params)


def top_actors(con: duckdb.DuckDBPyConnection, limit: int = 20) -> list[dict[str, Any]]:
    """Actors by the number of distinct events they take part in, either side."""
    sql = """
        WITH sides AS (
            SELECT source_key AS actor, 1 AS as_source, 0 AS as_target, goldstein FROM distinct_events
            UNION ALL
            SELECT target_key, 0, 1, goldstein FROM distinct_events
        )
        SELECT actor, count(*) AS events, sum(as_source) AS as_source, sum(as_target) AS as_target,
               round(avg(goldstein), 3) AS goldstein_mean
        FROM sides GROUP BY actor ORDER BY events DESC, actor LIMIT ?
    """
    return _rows(con, sql, [limit])


def top_dyads(con: duckdb.DuckDBPyConnection, limit: int = 20, *, directed: bool = False) -> list[dict[str, Any]]:
    """Dyads by the number of distinct events, with counts per quad class and mean Goldstein.

    Undirected by default: A→B and B→A count together, the pair named in
    alphabetical order. An actor's events with itself (domestic ones) are not a dyad.
    """
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
                   round(avg(goldstein), 3) AS goldstein_mean
            FROM distinct_events
            WHERE source_key <> target_key
            GROUP BY actor_a, actor_b
        ),
        reports AS (
            SELECT {a} AS actor_a, {b} AS actor_b, count(DISTINCT doc_id) AS articles
            FROM (SELECT coalesce(source_country, source_igo) AS source_key,
                         coalesce(target_country, target_igo) AS target_key, doc_id
                  FROM events WHERE status IN ('occurred', 'planned'))
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
    con: duckdb.DuckDBPyConnection, actor: str, *, limit: int = 10, min_events: int = 1
) -> ActorProfile:
    """Partners of one actor (both directions), by frequency and by mean Goldstein."""
    actor = actor.upper()
    base = """
        WITH pairs AS (
            SELECT target_key AS partner, goldstein FROM distinct_events WHERE source_key = $a
            UNION ALL
            SELECT source_key, goldstein FROM distinct_events WHERE target_key = $a
        )
        SELECT partner, count(*) AS events, round(avg(goldstein), 3) AS goldstein_mean,
               round(sum(goldstein), 3) AS goldstein_sum
        FROM pairs WHERE partner <> $a GROUP BY partner HAVING count(*) >= $m
    """

    def ranked(order: str) -> list[dict[str, Any]]:
        cur = con.execute(f"{base} ORDER BY {order}, partner LIMIT $n", {"a": actor, "m": min_events, "n": limit})
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    total = con.execute(
        "SELECT count(*) FROM distinct_events WHERE source_key = $a OR target_key = $a", {"a": actor}
    ).fetchall()[0]
    return ActorProfile(
        actor=actor,
        events=int(total[0]) if total else 0,
        partners=ranked("events DESC"),
        most_cooperative=ranked("goldstein_mean DESC"),
        most_conflictual=ranked("goldstein_mean ASC"),
    )


def network_edges(con: duckdb.DuckDBPyConnection, *, min_count: int = 1) -> list[dict[str, Any]]:
    """Directed edges source → target with the number of distinct events and mean Goldstein."""
    sql = """
        SELECT source_key AS source, target_key AS target, count(*) AS count,
               round(avg(goldstein), 3) AS goldstein_mean,
               sum(num_articles) AS articles
        FROM distinct_events
        WHERE source_key <> target_key
        GROUP BY source_key, target_key HAVING count(*) >= ?
        ORDER BY count DESC, source, target
    """
    return _rows(con, sql, [min_count])


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[Any, ...]:
    (row,) = con.execute(sql).fetchall()  # fetchall: a half-read result blocks the connection
    return row


def overview(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Counts and date range for `marsad stats`."""
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
    }


@dataclass
class EventQuery:
    """Filters of `marsad events`; each set field narrows the selection."""

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

    def where(self) -> tuple[str, list[Any]]:
        src = "coalesce(source_country, source_igo)"
        tgt = "coalesce(target_country, target_igo)"
        clauses: list[str] = []
        params: list[Any] = []
        if self.actor:
            clauses.append(f"({src} = ? OR {tgt} = ?)")
            params += [self.actor.upper()] * 2
        if self.dyad:
            a, b = (x.upper() for x in self.dyad)
            clauses.append(f"(({src} = ? AND {tgt} = ?) OR ({src} = ? AND {tgt} = ?))")
            params += [a, b, b, a]
        if self.code:
            clauses.append("starts_with(cameo, ?)")
            params.append(self.code)
        if self.quad is not None:
            clauses.append("quad_class = ?")
            params.append(self.quad)
        if self.since:
            clauses.append("date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("left(date, length(?)) <= ?")
            params += [self.until, self.until]
        if self.status:
            clauses.append("status = ?")
            params.append(self.status)
        if self.search:
            clauses.append("contains(sentence, ?)")
            params.append(self.search)
        if self.near is not None:
            lat, lon, km = self.near
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError(f"--near: {lat},{lon} is not a point on Earth")
            if not km > 0:
                raise ValueError(f"--km must be more than 0, not {km}")
            clauses.append(f"location_lat IS NOT NULL AND {HAVERSINE_SQL} <= ?")
            params += [lat, lat, lon, km]
        if self.country_in:
            iso3 = self.country_in.upper()
            if not re.fullmatch(r"[A-Z]{3}", iso3):
                raise ValueError(f"--in takes an ISO3 country code (IRQ, SYR), not {self.country_in!r}")
            clauses.append("location_country = ?")
            params.append(iso3)
        return (" AND ".join(clauses) or "TRUE"), params


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
        raise ValueError(f"--near: no place called {place!r} in the gazetteer (or give lat,lon)")
    best = found[0]
    if best.lat is None or best.lon is None:
        raise ValueError(f"--near: {place!r} is a {best.feature} with no point of its own; use --in {best.country}")
    return best.lat, best.lon, f"{best.name} ({best.country})"


def sparkline(values: list[float]) -> str:
    """A one-line chart for the terminal."""
    bars = "▁▂▃▄▅▆▇█"
    if not values:
        return ""
    low, high = min(0.0, *values), max(values)  # counts read from zero
    span = (high - low) or 1
    return "".join(bars[int((v - low) / span * (len(bars) - 1))] for v in values)

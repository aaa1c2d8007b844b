"""The JSON endpoints under /api: the same query functions as the CLI (store/analytics.py).

Every parameter is declared with the rules of store/params.py (so the OpenAPI schema states them) and
checked by the same functions as the CLI; a bad value is a 422 naming the parameter. Every value
reaches SQL as a bound parameter.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Iterator
from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from marsad import __version__
from marsad.api import schemas
from marsad.api.labels import actor_names
from marsad.api.security import require_token
from marsad.model import IGO_CODES, STATUSES, Document
from marsad.store import analytics, exports, params
from marsad.store.analytics import EVENT_SORTS, EventQuery
from marsad.store.schema import SCHEMA_VERSION

# Every operation may meet the size limits of api.security (a query string over 16 KB, a body over 1 MB)
router = APIRouter(prefix="/api", responses={
    413: {"model": schemas.Problem, "description": "request body too large"},
    414: {"model": schemas.Problem, "description": "query string too long"},
})
bearer = HTTPBearer(auto_error=False, description="The token the operator set in MARSAD_API_TOKEN.")
MAX_DOCUMENTS = 100  # per write request

Actor = Annotated[str, Path(pattern=params.ACTOR_PATTERN, description="ISO3 country or IGO code")]
Limit = Annotated[int, Query(ge=1, le=params.MAX_LIMIT)]
Period = Annotated[str, Query(description="day, week, month or year", json_schema_extra={"enum": list(params.PERIODS)})]
MinCount = Annotated[int, Query(ge=1, le=params.MAX_MIN_COUNT, description="edges with at least this many events")]


async def connection(request: Request) -> AsyncIterator[duckdb.DuckDBPyConnection]:
    """A cursor of the app's database for this request: cursors may run in parallel threads.

    Async (a cursor is made and closed at once): a sync dependency would take a worker thread of its
    own, and under load each request would queue for the thread pool once per dependency.
    """
    cur = request.app.state.store.con.cursor()
    try:
        yield cur
    finally:
        cur.close()


Con = Annotated[duckdb.DuckDBPyConnection, Depends(connection)]


class Aggregates:
    """Whole-database aggregates (stats, dyads, series, profiles, network) computed once per state.

    They read the distinct_events view, which groups every event on each call; the answers change only
    when the database does, that is after a write through this server (a read-only server: never).
    One lock per key: a hundred clients asking at once wait for one computation, not a hundred.
    """

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self.values: dict[tuple[Any, ...], Any] = {}
        self.locks: dict[tuple[Any, ...], threading.Lock] = {}
        self.guard = threading.Lock()
        self.generation = 0  # one more at each clear: a value computed across a write is not kept

    def get(self, key: tuple[Any, ...], compute: Any) -> Any:
        if key in self.values:
            return self.values[key]
        with self.guard:
            lock = self.locks.setdefault(key, threading.Lock())
            generation = self.generation
        with lock:
            if key in self.values:
                return self.values[key]
            value = compute()
            with self.guard:
                if generation == self.generation:
                    if len(self.values) >= self.size:
                        self.values.clear()
                    self.values[key] = value
            return value

    def clear(self) -> None:
        with self.guard:
            self.values.clear()
            self.locks.clear()
            self.generation += 1


def cached(request: Request, key: tuple[Any, ...], compute: Any) -> Any:
    return request.app.state.aggregates.get(key, compute)


async def event_query(
    actor: Annotated[str | None, Query(pattern=params.ACTOR_PATTERN, description="actor key on either side")] = None,
    dyad: Annotated[str | None, Query(pattern=params.ACTOR_PATTERN[:-1] + "," + params.ACTOR_PATTERN[1:],
                                      description="two actor keys, both directions: AZE,ISR")] = None,
    code: Annotated[str | None, Query(pattern=params.CAMEO_PATTERN, description="CAMEO code or prefix")] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="quad class")] = None,
    since: Annotated[str | None, Query(pattern=params.DATE_PATTERN, description="event date from")] = None,
    until: Annotated[str | None, Query(pattern=params.DATE_PATTERN, description="event date until")] = None,
    status: Annotated[str | None, Query(json_schema_extra={"enum": list(STATUSES)})] = None,
    search: Annotated[str | None, Query(min_length=1, max_length=params.MAX_SEARCH,
                                        description="text the sentence contains")] = None,
    near: Annotated[str | None, Query(min_length=1, max_length=100,
                                      description="a place (بغداد, Baghdad) or lat,lon: events within km of it")] = None,
    km: Annotated[float, Query(gt=0, le=params.MAX_KM, description="radius of near, in kilometres")] = 50.0,
    country_in: Annotated[str | None, Query(alias="in", pattern="^[A-Za-z]{3}$",
                                            description="events located in this country (ISO3)")] = None,
    doc_id: Annotated[str | None, Query(min_length=1, max_length=1000, description="one document's events")] = None,
) -> EventQuery:
    """The filters of `marsad events`, checked by EventQuery (params.py) like the CLI's."""
    pair = tuple(dyad.split(",")) if dyad is not None else None
    # The gazetteer loads on first use: off the event loop.
    point = await run_in_threadpool(analytics.resolve_point, near) if near else None
    return EventQuery(actor=actor, dyad=pair, code=code, quad=quad, since=since, until=until,  # type: ignore[arg-type]
                      status=status, search=search, near=(point[0], point[1], km) if point else None,
                      country_in=country_in, doc_id=doc_id)


Filters = Annotated[EventQuery, Depends(event_query)]


@router.get("/health", response_model=schemas.HealthOut, tags=["meta"])
def health(request: Request, con: Con) -> dict[str, Any]:
    """Liveness and what the server holds."""
    (docs, events), = con.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events)").fetchall()
    return {"status": "ok", "version": __version__, "schema_version": SCHEMA_VERSION,
            "read_only": not request.app.state.token, "documents": docs, "events": events}


@router.get("/stats", response_model=schemas.StatsOut, tags=["meta"])
def stats(request: Request, con: Con) -> dict[str, Any]:
    """Documents, events (by status), distinct events and date ranges: `marsad stats`."""
    return cached(request, ("stats",), lambda: analytics.overview(con))


@router.get("/names", response_model=dict[str, schemas.NameOut], tags=["meta"])
def names() -> dict[str, dict[str, str]]:
    """English and Arabic names of every actor key, from the knowledge files."""
    return actor_names()


@router.get("/events", response_model=schemas.EventPage, tags=["events"])
def events(
    request: Request,
    con: Con,
    query: Filters,
    sort: Annotated[str, Query(json_schema_extra={"enum": list(EVENT_SORTS)})] = "date",
    order: Annotated[str, Query(json_schema_extra={"enum": ["asc", "desc"]})] = "asc",
    limit: Annotated[int, Query(ge=1, le=params.MAX_PAGE_SIZE, description="page size")] = 50,
    offset: Annotated[int, Query(ge=0, le=params.MAX_OFFSET)] = 0,
    cursor: Annotated[str | None, Query(min_length=1, max_length=params.MAX_CURSOR,
                                        description="next_cursor of the previous page (instead of offset)")] = None,
) -> JSONResponse:
    """Stored events with every filter of `marsad events`, sorted (undated last) and paged.

    Page by offset, or by cursor: each page's next_cursor asks for the page after it, as fast at any depth.
    """
    params.bounded(limit, "limit", 1, params.MAX_PAGE_SIZE)
    sort = params.choice(sort, "sort", tuple(EVENT_SORTS))
    order = params.choice(order, "order", ("asc", "desc"))
    after = params.cursor(cursor, sort, order) if cursor is not None else None
    descending = order == "desc"
    where = query.where()
    key = (where[0], tuple(where[1]))
    page = analytics.page_events(
        con, query, sort=sort, descending=descending, limit=limit, offset=offset, after=after,
        repeated=cached(request, ("repeated",), lambda: analytics.repeated_events(con)),
        ordering=lambda: request.app.state.orderings.get(
            (*key, sort, descending), lambda: analytics.ordered_rowids(con, query, sort, descending)))
    total = cached(request, ("count", *key), lambda: analytics.count_events(con, query))
    body = {"total": total, "offset": offset, "limit": limit, "sort": sort, "order": order,
            "next_cursor": params.encode_cursor(sort, order, page.next_key) if page.next_key else None,
            "events": page.events}
    # The records are the contract's own dicts: sent as they are, not validated again field by field.
    return JSONResponse(body)


@router.get("/dyads", response_model=list[schemas.DyadRow], tags=["dyads"])
def dyads(request: Request, con: Con, limit: Limit = 20, directed: bool = False) -> list[dict[str, Any]]:
    """Top dyads by distinct events (`marsad dyads`)."""
    return cached(request, ("dyads", limit, directed), lambda: analytics.top_dyads(con, limit, directed=directed))


@router.get("/dyads/{a}/{b}", response_model=schemas.DyadSeries, tags=["dyads"])
def dyad_series(
    request: Request, con: Con, a: Actor, b: Actor, by: Period = "month", directed: bool = False
) -> dict[str, Any]:
    """One dyad over time: distinct events, Goldstein sum and mean, counts per quad class (`marsad dyad`)."""
    a, b = params.actor(a, "a"), params.actor(b, "b")
    series = cached(request, ("series", a, b, by, directed),
                    lambda: analytics.dyad_series(con, a, b, by=by, directed=directed))
    return {"a": a, "b": b, "by": by, "directed": directed, "series": series}


@router.get("/timeline", response_model=list[schemas.TimelineRow], tags=["dyads"])
def timeline(request: Request, con: Con, by: Period = "day") -> list[dict[str, Any]]:
    """Distinct events per period and quad class, all actors."""
    return cached(request, ("timeline", by), lambda: analytics.timeline(con, by=by))


@router.get("/actors", response_model=list[schemas.ActorRow], tags=["actors"])
def actors(request: Request, con: Con, limit: Limit = 20) -> list[dict[str, Any]]:
    """Actors by distinct events (`marsad actors`)."""
    return cached(request, ("actors", limit), lambda: analytics.top_actors(con, limit))


@router.get("/actors/{actor}", response_model=schemas.ActorProfileOut, tags=["actors"])
def actor_profile(
    request: Request, con: Con, actor: Actor, limit: Limit = 10,
    min_events: Annotated[int, Query(ge=1, le=params.MAX_MIN_COUNT)] = 1,
) -> dict[str, Any]:
    """One actor's partners: most frequent, most cooperative, most conflictual (`marsad actors KEY`)."""
    key = params.actor(actor)
    return cached(request, ("profile", key, limit, min_events),
                  lambda: analytics.actor_profile(con, key, limit=limit, min_events=min_events).__dict__)


def _layout(edges: tuple[tuple[str, str, int], ...]) -> dict[str, tuple[float, float]]:
    """A spring layout of the network, fixed by its seed so that a page reload draws the same picture."""
    import networkx as nx

    graph = nx.Graph()
    for s, t, n in edges:
        weight = graph.get_edge_data(s, t, {"weight": 0})["weight"] + n
        graph.add_edge(s, t, weight=weight)
    if not graph:
        return {}
    # Each connected part is laid out alone (a spring layout pushes unconnected parts to the edges and
    # squeezes the rest): the largest fills [-1, 1]², the others, scaled by size, stack on its right.
    parts = sorted(nx.connected_components(graph), key=lambda c: (-len(c), sorted(c)))
    largest = len(parts[0])
    out: dict[str, tuple[float, float]] = {}
    y = 1.0
    for n, part in enumerate(parts):
        sub = graph.subgraph(part)
        scale = 1.0 if n == 0 else max(0.12, (len(part) / largest) ** 0.5 * 0.6)
        pos = nx.spring_layout(sub, weight="weight", seed=7, iterations=100, scale=scale) if len(part) > 1 else {
            next(iter(part)): (0.0, 0.0)}
        dx, dy = (0.0, 0.0) if n == 0 else (1.25 + scale, y - scale)
        if n:
            y -= 2 * scale + 0.1
        for key, (px, py) in pos.items():
            out[key] = (round(float(px) + dx, 4), round(float(py) + dy, 4))
    return out


@router.get("/network", response_model=schemas.NetworkOut, tags=["actors"])
def network(request: Request, con: Con, min_count: MinCount = 1) -> dict[str, Any]:
    """Actors as nodes and directed edges weighted by distinct events, coloured by mean Goldstein."""
    return cached(request, ("network", min_count), lambda: _network(con, min_count))


def _network(con: duckdb.DuckDBPyConnection, min_count: int) -> dict[str, Any]:
    edges = analytics.network_edges(con, min_count=min_count)
    pos = _layout(tuple((e["source"], e["target"], int(e["count"])) for e in edges))
    totals: dict[str, int] = {}
    for e in edges:
        for key in (e["source"], e["target"]):
            totals[key] = totals.get(key, 0) + int(e["count"])
    nodes = [{"id": k, "kind": "igo" if k in IGO_CODES else "country", "events": n, "x": pos[k][0], "y": pos[k][1]}
             for k, n in sorted(totals.items(), key=lambda kv: -kv[1])]
    return {"nodes": nodes, "edges": edges}


@router.get("/places", response_model=list[schemas.PlaceOut], tags=["events"])
def places(con: Con, query: Filters) -> list[dict[str, Any]]:
    """Events with a location, grouped by place: the map's points (precision says city, admin1, country…)."""
    return analytics.event_places(con, query)


@router.get("/basemap", tags=["meta"])
def basemap() -> dict[str, Any]:
    """Land and country borders as lon/lat polylines (null between lines), for drawing a map offline."""
    from marsad.api.basemap import basemap as read

    return read()


@router.get("/documents/{doc_id:path}", response_model=schemas.DocumentOut,
            responses={404: {"model": schemas.Problem}}, tags=["documents"])
def document(con: Con, doc_id: str) -> dict[str, Any]:
    """One article: its text, the events coded from it, and the spans of every actor, trigger, date and place."""
    doc = analytics.document(con, doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return doc


@router.get("/export/{fmt}", tags=["events"], response_class=StreamingResponse,
            responses={200: {"content": {f.media_type: {} for f in exports.EXPORTS.values() if f.is_text}}})
def export(
    request: Request,
    fmt: Annotated[str, Path(description="a text format of the export registry",
                             json_schema_extra={"enum": [f.name for f in exports.EXPORTS.values() if f.is_text]})],
    query: Filters,
) -> StreamingResponse:
    """The events (filtered like /api/events, where the format takes filters) in an export format."""
    spec = exports.export_format(fmt)
    if not spec.is_text:
        raise params.ParamError("fmt", f"{spec.name} is a folder of files: use `marsad export`")
    unfiltered = query == EventQuery()
    if not spec.filters and not unfiltered:
        raise params.ParamError("fmt", f"{spec.name} is the whole network and takes no event filter")
    store = request.app.state.store

    def lines() -> Iterator[str]:
        cur = store.con.cursor()  # its own cursor: the response streams after this handler returns
        try:
            assert spec.lines is not None
            yield from spec.lines(cur, None if unfiltered else query)
        finally:
            cur.close()

    return StreamingResponse(lines(), media_type=spec.media_type,
                             headers={"content-disposition": f'attachment; filename="marsad{spec.suffix}"'})


_write_lock = threading.Lock()


@router.post("/documents", response_model=schemas.IngestOut, status_code=200, tags=["documents"],
             responses={400: {"model": schemas.Problem}, 401: {"model": schemas.Problem}, 403: {"model": schemas.Problem},
                        413: {"model": schemas.Problem}})
def add_documents(
    request: Request,
    documents: list[schemas.DocumentIn],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None,
) -> dict[str, Any]:
    """Code and store documents (the contract's input format). Needs the operator's bearer token."""
    require_token(request, credentials)
    if len(documents) > MAX_DOCUMENTS:
        raise params.ParamError("documents", f"at most {MAX_DOCUMENTS} documents a request, not {len(documents)}")
    from marsad.run import ingest

    items: list[Any] = []
    for n, d in enumerate(documents):
        try:
            items.append(Document.from_dict(d.model_dump()))
        except ValueError as exc:
            raise params.ParamError(f"documents[{n}]", str(exc)) from None
    with _write_lock:  # one writer at a time on the app's connection
        result = ingest(request.app.state.store, items)
        request.app.state.aggregates.clear()
        request.app.state.orderings.clear()
    return {"read": result.read, "stored": result.stored, "replaced": result.replaced, "skipped": result.skipped,
            "events": result.events, "errors": [str(e) for e in result.errors]}

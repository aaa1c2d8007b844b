"""The FastAPI app: the JSON API (/api, documented by /api/openapi.json) and the dashboard's pages.

`create_app(db)` opens the DuckDB file read-only unless the operator gives a write token; queries run
on per-request cursors of one connection. CORS is closed unless origins are listed; request bodies and
query strings are size-limited; every response carries a Content-Security-Policy that allows nothing
but this server, so the pages work offline and no asset can come from a CDN.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from starlette.middleware.trustedhost import TrustedHostMiddleware

from marsad import __version__
from marsad.api import pages, routes
from marsad.api.security import Headers, Limits
from marsad.store.db import Store
from marsad.store.params import ParamError
from marsad.store.schema import SCHEMA_VERSION

MAX_BODY = 1_000_000   # bytes of a request body (a write of up to 100 articles)
MAX_QUERY = 16384      # bytes of a query string
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


class ServerError(RuntimeError):
    """The server cannot start: one line that says what and what to do."""


def open_store(db: str | Path | None, *, writable: bool) -> Store:
    store = Store(db, read_only=not writable)  # a missing or locked file: errors.py's MarsadError
    try:
        (version,), = store.con.execute("SELECT max(version) FROM schema_version").fetchall()
    except Exception:  # not a Marsad database
        store.close()
        raise ServerError(f"{store.path} is not a Marsad database (run `marsad ingest` into it first)") from None
    if version != SCHEMA_VERSION:
        store.close()
        raise ServerError(f"{store.path} has schema version {version}, this marsad reads {SCHEMA_VERSION}: "
                          "run `marsad ingest` on it once to migrate it, then serve it")
    return store


def param_error(request: Request, exc: Exception) -> JSONResponse:
    """A bad parameter (params.py) answers like FastAPI's own validation errors: 422, naming it."""
    assert isinstance(exc, ParamError)
    return JSONResponse(status_code=422, content={"detail": [
        {"loc": ["query", exc.name], "msg": str(exc), "type": "value_error", "input": None}]})


def create_app(
    db: str | Path | None = None,
    *,
    token: str | None = None,
    cors_origins: Sequence[str] = (),
    allowed_hosts: Sequence[str] | None = None,
    max_body: int = MAX_BODY,
) -> FastAPI:
    """The app over one database. `token` enables writes (and opens the file read-write)."""
    store = open_store(db, writable=bool(token))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="Marsad",
        version=__version__,
        summary="Political events coded from Arabic news: who did what to whom, when, with the evidence.",
        openapi_url="/api/openapi.json",
        docs_url=None,   # Swagger UI and ReDoc load from a CDN: the schema is served, the CDN pages are not
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.token = token or None
    app.state.aggregates = routes.Aggregates()
    app.state.orderings = routes.Aggregates(size=8)  # the row order of a deep page's query: ~1 MB each
    app.add_exception_handler(ParamError, param_error)
    app.include_router(routes.router)
    app.include_router(pages.router)
    pages.mount_static(app)
    # Middleware: the last added runs first. Limits before anything reads the body.
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET"],
                           allow_headers=["Authorization", "Content-Type"], max_age=600)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=5)  # 9 costs 2x the time for ~2% less
    app.add_middleware(Headers)
    app.add_middleware(Limits, max_body=max_body, max_query=MAX_QUERY)
    return app


def default_hosts(host: str) -> list[str] | None:
    """Host names a loopback server answers to (refuses DNS-rebinding requests); None: any."""
    if host in LOOPBACK_HOSTS or host.startswith("127."):
        return sorted({"127.0.0.1", "localhost", "[::1]", "::1", host})
    return None

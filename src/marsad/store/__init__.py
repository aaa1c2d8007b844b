"""Embedded DuckDB store of documents and events, with dedup, analytics and exports."""

from marsad.store.db import DEFAULT_DB, IngestStats, Store, ingest, resolve_db
from marsad.store.schema import SCHEMA_VERSION, migrate

__all__ = ["DEFAULT_DB", "SCHEMA_VERSION", "IngestStats", "Store", "ingest", "migrate", "resolve_db"]

"""Embedded DuckDB store of documents and events, with dedup, analytics and exports."""

from marsad.store.db import DEFAULT_DB, Store, resolve_db
from marsad.store.schema import SCHEMA_VERSION, migrate

__all__ = ["DEFAULT_DB", "SCHEMA_VERSION", "Store", "migrate", "resolve_db"]

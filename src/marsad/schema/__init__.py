"""JSON Schema of one output event (the contract in shared/spec/events.md) and a validator."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

_SCHEMA_FILE = "event.schema.json"


@functools.cache
def _load_schema_text() -> str:
    return resources.files("marsad.schema").joinpath(_SCHEMA_FILE).read_text(encoding="utf-8")


def event_schema() -> dict[str, Any]:
    """A fresh copy of the event schema (callers may mutate it safely)."""
    return json.loads(_load_schema_text())


@functools.cache
def _validator() -> Any:
    try:
        import jsonschema
    except ImportError as exc:  # jsonschema is only in the `test` extra, not a runtime dependency
        raise ImportError(
            "validate_event needs the 'jsonschema' package: pip install 'marsad[test]' or pip install jsonschema"
        ) from exc
    schema = event_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def validate_event(d: dict[str, Any]) -> list[str]:
    """Every way `d` breaks the schema, as readable messages; empty when valid."""
    errors = sorted(_validator().iter_errors(d), key=lambda e: list(e.absolute_path))
    return [_format_error(e) for e in errors]


def _format_error(err: Any) -> str:
    where = "/".join(str(p) for p in err.absolute_path) or "(event)"
    return f"{where}: {err.message}"

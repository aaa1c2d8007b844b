"""Schemathesis against the OpenAPI schema of the running server: no 5xx, answers as the schema says.

Each operation of /api/openapi.json gets generated requests (valid ones, and ones the schema forbids);
every answer must be a non-5xx status the schema documents, with the documented content type and shape.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 25  # per operation and mode; benchmarks/bench_api.py runs more


def run_operation(operation: Any, mode: Any, examples: int) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case: Any) -> None:
        case.call_and_validate(checks=CHECKS)

    check()


def test_api_answers_as_its_schema_says(server: Any) -> None:
    schema = schemathesis.openapi.from_url(f"{server.url}/api/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14
    negated = 0
    for operation in operations:
        run_operation(operation, schemathesis.GenerationMode.POSITIVE, EXAMPLES)
        try:
            run_operation(operation, schemathesis.GenerationMode.NEGATIVE, EXAMPLES)
            negated += 1
        except Unsatisfiable:  # nothing to make invalid: an operation without parameters
            pass
    assert negated >= 10

"""Schemathesis fuzzes every operation of the OpenAPI: no input may cause a 5xx.

Schemathesis' own pytest plugin does not run on pytest 9 yet, so each operation's Hypothesis
strategy is driven here directly, one test per operation.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.generation import GenerationMode

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container
from klantreis.core.access import Role, create_api_key

OPERATIONS = sorted(
    result.ok().label
    for result in schemathesis.openapi.from_asgi("/openapi.json", create_app()).get_all_operations()
)


# An operation with no parameters and no body has no invalid input to generate.
WITHOUT_INPUT = {"GET /api/v1/health"}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("label", "mode"),
    [
        (label, mode)
        for label in OPERATIONS
        for mode in GenerationMode
        if not (mode is GenerationMode.NEGATIVE and label in WITHOUT_INPUT)
    ],
)
def test_no_request_makes_the_server_fail(
    container: Container, label: str, mode: GenerationMode
) -> None:
    with container.uow_factory() as uow:
        key = create_api_key(uow, container.clock, "fuzz", Role.ADMIN)
        uow.commit()
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(container))
    operation = schema.find_operation_by_label(label)
    assert operation is not None

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")),
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def fuzz(case: Any) -> None:
        response = case.call(headers={"X-API-Key": key})
        assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text}"
        if response.status_code >= 400:
            assert "application/problem+json" in str(response.headers["content-type"])

    fuzz()

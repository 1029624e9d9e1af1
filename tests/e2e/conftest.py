"""The running API (in-process ASGI), with one key per role."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from klantreis.bootstrap import Container
from klantreis.entrypoints.api.app import create_app
from klantreis.services.access import Role, create_api_key

# The serials the tests' device key (a gateway) sends readings for.
TEST_SERIALS = ("RT-1", "RT-2", "RT-3")


def keys_for(container: Container) -> dict[Role, str]:
    with container.uow_factory() as uow:
        keys = {
            role: create_api_key(
                uow,
                container.clock,
                role.value,
                role,
                TEST_SERIALS if role is Role.DEVICE else (),
            )
            for role in Role
        }
        uow.commit()
    return keys


class Api:
    def __init__(self, client: TestClient, keys: dict[Role, str]) -> None:
        self.client = client
        self.keys = keys

    def as_(self, role: Role) -> dict[str, str]:
        return {"X-API-Key": self.keys[role]}


@pytest.fixture
def api(container: Container) -> Iterator[Api]:
    """The API on both databases."""
    with TestClient(create_app(container), raise_server_exceptions=False) as client:
        yield Api(client, keys_for(container))


@pytest.fixture
def sqlite_api(sqlite_container: Container) -> Iterator[Api]:
    """The API on SQLite, for behaviour that does not depend on the database."""
    with TestClient(create_app(sqlite_container), raise_server_exceptions=False) as client:
        yield Api(client, keys_for(sqlite_container))

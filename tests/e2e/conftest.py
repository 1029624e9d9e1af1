"""The running API (in-process ASGI), with one key per role."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container
from klantreis.core.access import Role, create_api_key

# The serials the tests' device key (a gateway) sends readings for.
TEST_SERIALS = ("RT-1", "RT-2", "RT-3")
# The technician the tests' technician key is for: planned nowhere, so it reaches no case
# (``Api.technician`` makes a key for a technician who is).
UNPLANNED_TECHNICIAN = "unplanned-technician"


def keys_for(container: Container) -> dict[Role, str]:
    with container.uow_factory() as uow:
        keys = {
            role: create_api_key(
                uow,
                container.clock,
                role.value,
                role,
                TEST_SERIALS if role is Role.DEVICE else (),
                UNPLANNED_TECHNICIAN if role is Role.TECHNICIAN else None,
            )
            for role in Role
        }
        uow.commit()
    return keys


class Api:
    def __init__(self, client: TestClient, keys: dict[Role, str], container: Container) -> None:
        self.client = client
        self.keys = keys
        self.container = container

    def as_(self, role: Role) -> dict[str, str]:
        return {"X-API-Key": self.keys[role]}

    def technician(self, technician_id: str) -> dict[str, str]:
        """The headers of a new key for this technician."""
        with self.container.uow_factory() as uow:
            key = create_api_key(
                uow,
                self.container.clock,
                f"technician {technician_id}",
                Role.TECHNICIAN,
                technician_id=technician_id,
            )
            uow.commit()
        return {"X-API-Key": key}

    def technician_of(self, case_id: str) -> dict[str, str]:
        """The headers of a new key for the technician this case is planned for."""
        with self.container.uow_factory(read_only=True) as uow:
            booking = uow.bookings.active_for_case(case_id)
            planned = uow.plans.arrival_of(booking.id) if booking else None
        assert planned is not None, f"case {case_id} is not planned"
        return self.technician(planned[0])


@pytest.fixture
def api(container: Container) -> Iterator[Api]:
    """The API on both databases."""
    # https: a console page's session cookie is Secure, sent over https only.
    with TestClient(
        create_app(container), base_url="https://testserver", raise_server_exceptions=False
    ) as client:
        yield Api(client, keys_for(container), container)


@pytest.fixture
def sqlite_api(sqlite_container: Container) -> Iterator[Api]:
    """The API on SQLite, for behaviour that does not depend on the database."""
    with TestClient(
        create_app(sqlite_container), base_url="https://testserver", raise_server_exceptions=False
    ) as client:
        yield Api(client, keys_for(sqlite_container), sqlite_container)

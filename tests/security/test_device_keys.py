"""Finding 5: any device key could send readings for any serial, and the error for an unknown
serial confirmed which serials exist."""

from __future__ import annotations

from datetime import timedelta

import pytest
from typer.testing import CliRunner

from klantreis.app.bootstrap import Container
from klantreis.cli.main import app as cli
from klantreis.core.access import Role, create_api_key
from klantreis.core.domain_errors import InvalidValue
from tests.conftest import FixedClock
from tests.e2e.conftest import Api, api  # noqa: F401 - the fixture
from tests.e2e.test_telemetry_api import URL, create_boiler, reading


def test_a_device_key_sends_only_for_its_own_serials_and_learns_nothing_of_others(
    api: Api,  # noqa: F811
    clock: FixedClock,
    container: Container,
) -> None:
    create_boiler(api)  # serial RT-1, which the tests' gateway key holds
    with container.uow_factory() as uow:
        other = create_api_key(uow, container.clock, "another gateway", Role.DEVICE, ["XX-9"])
        uow.commit()
    now = clock.now()
    batch = [reading(now - timedelta(hours=1)), reading(now - timedelta(hours=2), "NOPE-404")]
    answer = api.client.post(URL, json={"readings": batch}, headers={"X-API-Key": other})
    assert answer.status_code == 200
    body = answer.json()
    assert body["stored"] == 0
    messages = [r["reason"] for r in body["rejected"]]
    # An existing serial and one that does not exist are refused in the same words.
    assert messages == [
        "serial 'RT-1' is not one of this key's devices",
        "serial 'NOPE-404' is not one of this key's devices",
    ]
    own = api.client.post(URL, json={"readings": batch[:1]}, headers=api.as_(Role.DEVICE))
    assert own.json()["stored"] == 1


def test_a_device_key_needs_its_serials(container: Container) -> None:
    with container.uow_factory() as uow, pytest.raises(InvalidValue, match="serials"):
        create_api_key(uow, container.clock, "bare", Role.DEVICE)
    with container.uow_factory() as uow, pytest.raises(InvalidValue, match="only a device"):
        create_api_key(uow, container.clock, "odd", Role.PLANNER, ["RT-1"])


def test_the_cli_makes_a_gateway_key_and_refuses_a_device_key_without_serials(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KLANTREIS_DATABASE_URL", sqlite_url)
    refused = CliRunner().invoke(cli, ["apikey", "create", "--role", "device"])
    assert refused.exit_code == 2 and "--serial" in refused.output
    made = CliRunner().invoke(
        cli, ["apikey", "create", "--role", "device", "--serial", "A-1", "--serial", "A-2"]
    )
    assert made.exit_code == 0 and made.output.startswith("kr_device_")

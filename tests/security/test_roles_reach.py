"""Finding 4: the technician key read all customers and moved any case; the analyst key read
who the customers are. A technician now reaches the cases planned for them, from today to the
end of the planned horizon; an analyst sees pseudonyms and no free text."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.config import Settings
from klantreis.cli.main import app as cli
from klantreis.core.access import Role, create_api_key
from klantreis.core.domain_errors import InvalidValue
from tests.conftest import FixedClock
from tests.e2e.conftest import Api, keys_for
from tests.e2e.test_api import problem_of
from tests.scheduling_world import NOW, planned_tuesday, utrecht

World = tuple[Container, Api, list[str], FixedClock]


@pytest.fixture
def planned(database_url: str) -> Iterator[World]:
    """Two visits on Tuesday 31 March, planned; the clock on Thursday 26 March."""
    clock = FixedClock(NOW)
    container = bootstrap(Settings(database_url=database_url), clock=clock)
    utrecht(container)
    cases = planned_tuesday(container)
    with TestClient(create_app(container), raise_server_exceptions=False) as client:
        yield container, Api(client, keys_for(container), container), cases, clock
    container.dispose()


def _planned_technician(container: Container, case_id: str) -> str:
    with container.uow_factory(read_only=True) as uow:
        booking = uow.bookings.active_for_case(case_id)
        assert booking is not None
        planned = uow.plans.arrival_of(booking.id)
    assert planned is not None
    return planned[0]


def test_a_technician_reaches_the_cases_planned_for_them_and_no_other(planned: World) -> None:
    container, api, cases, _ = planned
    own = api.technician(_planned_technician(container, cases[0]))
    listed = api.client.get("/api/v1/cases", headers=own).json()
    assert sorted(c["id"] for c in listed) == sorted(cases)
    assert api.client.get(f"/api/v1/cases/{cases[0]}", headers=own).status_code == 200
    colleague = api.technician("t-zwolle")  # planned nowhere
    assert api.client.get("/api/v1/cases", headers=colleague).json() == []
    # A case out of reach answers in the very words of one that does not exist.
    out_of_reach = problem_of(api.client.get(f"/api/v1/cases/{cases[0]}", headers=colleague), 404)
    ghost = problem_of(api.client.get("/api/v1/cases/ghost", headers=colleague), 404)
    assert out_of_reach["detail"].replace(cases[0], "?") == ghost["detail"].replace("ghost", "?")
    moved = api.client.post(f"/api/v1/cases/{cases[0]}/actions/depart", headers=colleague)
    problem_of(moved, 404)
    with container.uow_factory(read_only=True) as uow:
        case = uow.cases.get(cases[0])
    assert case is not None and case.state.value == "planned"  # nothing moved


def test_yesterday_s_visits_are_out_of_reach(planned: World) -> None:
    container, api, cases, clock = planned
    own = api.technician(_planned_technician(container, cases[0]))
    clock.current = datetime(2026, 3, 31, 21, 59, tzinfo=UTC)  # 23:59 in Amsterdam (CEST)
    assert len(api.client.get("/api/v1/cases", headers=own).json()) == 2
    clock.current = datetime(2026, 3, 31, 22, 0, tzinfo=UTC)  # midnight: Wednesday
    assert api.client.get("/api/v1/cases", headers=own).json() == []
    problem_of(api.client.get(f"/api/v1/cases/{cases[0]}", headers=own), 404)


def test_a_technician_sees_their_own_record_only(planned: World) -> None:
    _, api, _, _ = planned
    own = api.technician("t-utrecht")
    listed = api.client.get("/api/v1/technicians", headers=own).json()
    assert [t["id"] for t in listed] == ["t-utrecht"]
    assert api.client.get("/api/v1/technicians/t-utrecht", headers=own).status_code == 200
    problem_of(api.client.get("/api/v1/technicians/t-amsterdam", headers=own), 404)
    everyone = api.client.get("/api/v1/technicians", headers=api.as_(Role.PLANNER)).json()
    assert len(everyone) == 3


def test_a_device_s_readings_are_for_the_technician_who_visits_it(
    planned: World,
) -> None:
    container, api, _, _ = planned
    problem_of(
        api.client.get("/api/v1/telemetry/devices/any", headers=api.technician("t-utrecht")),
        404,
    )
    problem_of(api.client.get("/api/v1/telemetry/devices/any", headers=api.as_(Role.ANALYST)), 403)


def test_a_technician_key_names_its_technician(sqlite_container: Container) -> None:
    with sqlite_container.uow_factory() as uow:
        with pytest.raises(InvalidValue, match="technician"):
            create_api_key(uow, sqlite_container.clock, "bare", Role.TECHNICIAN)
        with pytest.raises(InvalidValue, match="technician"):
            create_api_key(uow, sqlite_container.clock, "odd", Role.PLANNER, technician_id="t-1")


def test_the_cli_refuses_a_technician_key_without_its_technician(
    sqlite_container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KLANTREIS_DATABASE_URL", sqlite_container.settings.database_url)
    runner = CliRunner()
    refused = runner.invoke(cli, ["apikey", "create", "--role", "technician"])
    assert refused.exit_code == 2 and "--technician" in refused.output
    warned = runner.invoke(
        cli, ["apikey", "create", "--role", "technician", "--technician", "t-nobody"]
    )
    assert warned.exit_code == 0 and "not imported yet" in warned.output
    assert warned.output.strip().splitlines()[-1].startswith("kr_technician_")


def test_an_analyst_sees_pseudonyms_and_no_free_text(planned: World) -> None:
    container, api, cases, _ = planned
    analyst = api.as_(Role.ANALYST)
    case = api.client.get(f"/api/v1/cases/{cases[0]}", headers=analyst).json()
    assert case["customer_id"].startswith("ps_") and case["customer_id"] != "k-c-000"
    assert case["summary"] == "" and all(t["reason"] == "" for t in case["history"])
    planner_view = api.client.get(f"/api/v1/cases/{cases[0]}", headers=api.as_(Role.PLANNER))
    assert planner_view.json()["customer_id"] == "k-c-000"
    assert planner_view.json()["summary"] == "Storing E119"
    events = api.client.get("/api/v1/events", headers=analyst).json()
    assert events and all(e["customer_id"].startswith("ps_") for e in events)
    # The same customer is the same pseudonym everywhere, so funnels still join.
    of_case = {e["customer_id"] for e in events if e["case_id"] == cases[0]}
    assert of_case == {case["customer_id"]}
    assert "k-c-000" not in str(events) and "k-c-000" not in str(case)
    for path in ("/api/v1/events", "/api/v1/cases"):  # a filter would pair id and pseudonym
        refused = api.client.get(path, params={"customer_id": "k-c-000"}, headers=analyst)
        assert problem_of(refused, 422)["detail"].startswith("customer_id")


def test_pseudonyms_cannot_be_made_without_the_secret(tmp_path: object) -> None:
    one = bootstrap(Settings(database_url="sqlite://", secret_key="a" * 43))
    other = bootstrap(Settings(database_url="sqlite://", secret_key="b" * 43))
    assert one.pseudonyms.of("k-1") == one.pseudonyms.of("k-1")
    assert one.pseudonyms.of("k-1") != other.pseudonyms.of("k-1")
    assert one.pseudonyms.of("k-1") != one.pseudonyms.of("k-2")

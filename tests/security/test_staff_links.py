"""Finding 7: staff links never expired and could not be revoked (a link for a day 42 days ago
still showed names and addresses; the analysts' link was the same for everyone, forever), and
no API key could be revoked. Now staff sign in; their old links only lead there."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.config import Settings
from klantreis.cli.main import app as cli
from klantreis.core.access import Role
from klantreis.staff.model import StaffRole
from tests.conftest import FixedClock
from tests.e2e.conftest import keys_for
from tests.scheduling_world import NOW, utrecht
from tests.staff_world import sign_in_as

TUESDAY = (NOW + timedelta(days=5)).date()


@pytest.fixture
def site(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Container, TestClient]]:
    monkeypatch.setenv("KLANTREIS_DATABASE_URL", sqlite_url)  # for the CLI commands
    container = bootstrap(Settings(database_url=sqlite_url), clock=FixedClock(NOW))
    utrecht(container)
    with TestClient(
        create_app(container), base_url="https://testserver", raise_server_exceptions=False
    ) as client:
        yield container, client
    container.dispose()


@pytest.mark.parametrize(
    ("old", "page"),
    [("/a/", "/staff/analytics"), ("/p/", "/staff/planner"), ("/m/", "/staff/technician")],
)
def test_a_signed_staff_link_of_before_the_console_only_sends_to_sign_in(
    site: tuple[Container, TestClient], old: str, page: str
) -> None:
    """A forwarded link showed names and addresses to whoever had it; now a person signs
    in, and the link (valid, forged or expired alike) is only the way there."""
    _, client = site
    answer = client.get(f"{old}eyJhbnl0aGluZyI6MX0.forged-or-not", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/staff/sign-in?next={page}"
    assert "Dagelijkse planning" not in answer.text


def test_after_sign_in_a_technician_lands_on_their_own_route(
    site: tuple[Container, TestClient],
) -> None:
    container, client = site
    sign_in_as(client, container, StaffRole.TECHNICIAN, technician_id="t-utrecht")
    route = client.get(f"/staff/technician?day={TUESDAY.isoformat()}")
    assert route.status_code == 200 and "Mijn route" in route.text
    someone_else = client.get(f"/staff/technician?day={TUESDAY}&technician=t-elsewhere")
    assert "t-elsewhere" not in someone_else.text  # a technician sees only their own route
    assert client.get("/staff/planner").status_code == 403
    sign_in_as(client, container, StaffRole.PLANNER)
    step = {"day": TUESDAY.isoformat(), "action": "depart", "technician": "t-utrecht"}
    csrf = sign_in_as(client, container, StaffRole.PLANNER)
    looked = client.post("/staff/technician/c-any", data={**step, "csrf_token": csrf})
    assert looked.status_code == 403  # a planner looks at a route; its steps are the technician's


def test_a_revoked_api_key_is_refused_from_the_next_request(
    site: tuple[Container, TestClient],
) -> None:
    container, client = site
    keys = keys_for(container)
    planner = {"X-API-Key": keys[Role.PLANNER]}
    assert client.get("/api/v1/day-rules", headers=planner).status_code == 200
    revoked = CliRunner().invoke(cli, ["apikey", "revoke", Role.PLANNER.value])
    assert revoked.exit_code == 0 and "1 key(s) revoked" in revoked.output
    assert client.get("/api/v1/day-rules", headers=planner).status_code == 401
    again = CliRunner().invoke(cli, ["apikey", "revoke", Role.PLANNER.value])
    assert again.exit_code == 1

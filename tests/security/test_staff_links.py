"""Finding 7: staff links never expired and could not be revoked (a link for a day 42 days ago
still showed names and addresses; the analysts' link was the same for everyone, forever), and
no API key could be revoked."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from klantreis.analytics.pages import analyst_link
from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.config import Settings
from klantreis.cli.main import app as cli
from klantreis.core.access import Role
from klantreis.planning.planner_page import planner_link
from klantreis.planning.technician_page import technician_link
from tests.conftest import FixedClock
from tests.e2e.conftest import keys_for
from tests.scheduling_world import NOW, utrecht

TUESDAY = (NOW + timedelta(days=5)).date()


@pytest.fixture
def site(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Container, TestClient]]:
    monkeypatch.setenv("KLANTREIS_DATABASE_URL", sqlite_url)  # for the CLI commands
    container = bootstrap(Settings(database_url=sqlite_url), clock=FixedClock(NOW))
    utrecht(container)
    with TestClient(create_app(container), raise_server_exceptions=False) as client:
        yield container, client
    container.dispose()


def test_staff_links_expire_after_a_week(site: tuple[Container, TestClient]) -> None:
    container, client = site
    links = {
        "analyst": f"/a/{analyst_link(container.staff_links)}",
        "planner": f"/p/{planner_link(container.staff_links, TUESDAY)}",
        "technician": f"/m/{technician_link(container.staff_links, 't-utrecht', TUESDAY)}",
    }
    assert {name: client.get(path).status_code for name, path in links.items()} == dict.fromkeys(
        links, 200
    )
    clock = container.clock
    assert isinstance(clock, FixedClock)
    clock.current = NOW + timedelta(days=7, minutes=1)
    for path in links.values():
        expired = client.get(path)
        assert expired.status_code == 403 and "Dagelijkse planning" not in expired.text


def test_one_link_is_revoked_and_the_others_keep_working(
    site: tuple[Container, TestClient],
) -> None:
    container, client = site
    first, second = analyst_link(container.staff_links), analyst_link(container.staff_links)
    assert first != second  # each analyst their own
    revoked = CliRunner().invoke(cli, ["apikey", "revoke-link", f"http://x/a/{first}"])
    assert revoked.exit_code == 0, revoked.output
    assert client.get(f"/a/{first}").status_code == 403
    assert client.get(f"/a/{second}").status_code == 200
    bad = CliRunner().invoke(cli, ["apikey", "revoke-link", "not-a-link"])
    assert bad.exit_code == 1 and "not a staff link" in bad.output


def test_a_link_of_one_kind_does_not_open_another(site: tuple[Container, TestClient]) -> None:
    container, client = site
    analyst = analyst_link(container.staff_links)
    assert client.get(f"/m/{analyst}").status_code == 403
    assert client.get(f"/p/{analyst}").status_code == 403


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

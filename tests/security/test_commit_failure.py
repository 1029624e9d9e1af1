"""A write whose commit fails is answered as failed: never a 2xx for what was not stored.

The request commits after the route returns and before the answer is sent. The database
refuses the commit here for real: a deferred constraint trigger on PostgreSQL fires at
COMMIT and reports a serialization failure, as a concurrent transaction would."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.config import Settings
from klantreis.core.access import Role
from tests.conftest import FixedClock
from tests.e2e.conftest import keys_for
from tests.scheduling_world import NOW, add_case, utrecht

pytestmark = pytest.mark.postgres

REFUSE_AT_COMMIT = """
CREATE FUNCTION refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'could not serialize access due to concurrent update'
    USING ERRCODE = 'serialization_failure';
END $$;
CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT OR UPDATE ON bookings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_at_commit();
CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT OR UPDATE ON area_weekdays
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_at_commit();
"""
WINDOW = datetime(2026, 3, 31, 10, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture
def world(postgres_url: str) -> Iterator[tuple[Container, str]]:
    container = bootstrap(Settings(database_url=postgres_url), clock=FixedClock(NOW))
    utrecht(container)
    case_id = add_case(container, "c-001")
    with container.engine.begin() as connection:
        connection.exec_driver_sql(REFUSE_AT_COMMIT)
    yield container, case_id
    container.dispose()


def _bookings(container: Container, case_id: str) -> int:
    with container.engine.connect() as connection:
        found = connection.execute(
            text("SELECT count(*) FROM bookings WHERE case_id = :case"), {"case": case_id}
        )
        return int(found.scalar_one())


def test_a_booking_through_the_api_whose_commit_fails_is_told_to_retry(
    world: tuple[Container, str],
) -> None:
    container, case_id = world
    planner = {"X-API-Key": keys_for(container)[Role.PLANNER], "Idempotency-Key": "commit-1"}
    with TestClient(create_app(container), raise_server_exceptions=False) as client:
        answer = client.post(
            f"/api/v1/cases/{case_id}/booking",
            json={"window_start": WINDOW.isoformat()},
            headers=planner,
        )
    assert answer.status_code == 503, answer.text
    assert answer.headers["retry-after"] == "2"
    assert _bookings(container, case_id) == 0


def test_a_customer_s_booking_form_whose_commit_fails_says_nothing_was_saved(
    world: tuple[Container, str],
) -> None:
    container, case_id = world
    token = container.links.token_for(case_id)
    form = {"idempotency_key": "commit-form-1", "window_start": WINDOW.isoformat()}
    with TestClient(create_app(container), raise_server_exceptions=False) as client:
        answer = client.post(f"/b/{token}/book", data=form, follow_redirects=False)
    assert answer.status_code == 503
    assert "Er is niets opgeslagen" in answer.text
    assert _bookings(container, case_id) == 0


def test_area_days_whose_commit_fails_are_not_answered_as_set(
    world: tuple[Container, str],
) -> None:
    """The route that used to commit after its answer was sent answered 200 here."""
    container, _ = world
    planner = {"X-API-Key": keys_for(container)[Role.PLANNER]}
    with TestClient(create_app(container), raise_server_exceptions=False) as client:
        answer = client.put("/api/v1/area-days/35", json={"weekdays": [1]}, headers=planner)
        after = client.get("/api/v1/area-days", headers=planner)
    assert answer.status_code == 503, answer.text
    assert after.json() == []

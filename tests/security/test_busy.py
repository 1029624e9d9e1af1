"""Finding 11: under load a booking was answered 500. A busy database is a reason to come back
in a moment (503 with Retry-After, problem+json), never a server error."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient

from klantreis.app.api import create_app
from klantreis.app.bootstrap import bootstrap
from klantreis.app.config import Settings
from klantreis.core.access import Role
from tests.conftest import FixedClock
from tests.e2e.conftest import keys_for
from tests.scheduling_world import NOW, add_case, utrecht


def test_a_booking_while_another_holds_the_write_lock_is_told_to_retry(sqlite_url: str) -> None:
    container = bootstrap(
        Settings(database_url=sqlite_url, database_busy_seconds=0.3), clock=FixedClock(NOW)
    )
    utrecht(container)
    case_id = add_case(container, "c-001")
    planner = {"X-API-Key": keys_for(container)[Role.PLANNER]}
    window = datetime(2026, 3, 31, 10, tzinfo=ZoneInfo("Europe/Amsterdam")).isoformat()
    with TestClient(create_app(container), raise_server_exceptions=False) as client:
        writer = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")
        try:
            busy = client.post(
                f"/api/v1/cases/{case_id}/booking",
                json={"window_start": window},
                headers={**planner, "Idempotency-Key": "busy-key-1"},
            )
        finally:
            writer.execute("ROLLBACK")
            writer.close()
        later = client.post(
            f"/api/v1/cases/{case_id}/booking",
            json={"window_start": window},
            headers={**planner, "Idempotency-Key": "busy-key-1"},
        )
    container.dispose()
    assert busy.status_code == 503, busy.text
    assert busy.headers["retry-after"] == "2"
    assert busy.headers["content-type"].startswith("application/problem+json")
    assert later.status_code == 201  # the same request, retried, goes through


def test_a_customer_s_form_while_busy_gets_a_page_in_their_language(sqlite_url: str) -> None:
    container = bootstrap(
        Settings(database_url=sqlite_url, database_busy_seconds=0.3), clock=FixedClock(NOW)
    )
    utrecht(container)
    case_id = add_case(container, "c-001")
    token = container.links.token_for(case_id)
    window = datetime(2026, 3, 31, 10, tzinfo=ZoneInfo("Europe/Amsterdam"))
    form = {"idempotency_key": "busy-form-1", "window_start": window.isoformat()}
    with TestClient(create_app(container), raise_server_exceptions=False) as client:
        writer = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")
        try:
            dutch = client.post(f"/b/{token}/book", data=form, follow_redirects=False)
            english = client.post(f"/b/{token}/book?lang=en", data=form, follow_redirects=False)
        finally:
            writer.execute("ROLLBACK")
            writer.close()
        later = client.post(f"/b/{token}/book", data=form, follow_redirects=False)
    container.dispose()
    assert dutch.status_code == 503 and dutch.headers["retry-after"] == "2"
    assert dutch.headers["content-type"].startswith("text/html")
    assert "Er is niets opgeslagen" in dutch.text
    assert english.status_code == 503 and "Nothing has been saved" in english.text
    assert "content-security-policy" in dutch.headers  # a page like any other
    assert later.status_code == 303  # sent again, it books

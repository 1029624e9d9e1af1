"""Finding 3, the reading side: pages that only read (health, the analysts' page) must not
queue for SQLite's one write lock, nor take it from those who write."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator

import httpx
import pytest

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.config import Settings
from klantreis.devtools.server import serving
from klantreis.staff.audit import CLI
from klantreis.staff.model import StaffRole
from klantreis.staff.service import create_user, sign_in
from klantreis.staff.signed_in import SESSION_COOKIE
from tests.conftest import FixedClock
from tests.scheduling_world import NOW, add_case, utrecht
from tests.staff_world import PASSWORD


@pytest.fixture
def live(sqlite_url: str) -> Iterator[tuple[Container, str, str]]:
    container = bootstrap(Settings(database_url=sqlite_url), clock=FixedClock(NOW))
    utrecht(container)
    add_case(container, "c-001")
    with serving(create_app(container)) as base:
        yield container, base, sqlite_url.removeprefix("sqlite:///")
    container.dispose()


def test_health_and_the_analysts_page_answer_while_another_transaction_writes(
    live: tuple[Container, str, str],
) -> None:
    container, base, path = live
    with container.uow_factory() as uow:
        create_user(
            uow,
            container.clock,
            CLI,
            email="an@example.nl",
            name="An",
            roles=[StaffRole.ANALYST],
            password=PASSWORD,
        )
        signed_in = sign_in(uow, container.clock, "an@example.nl", PASSWORD)
        uow.commit()
    assert signed_in is not None
    session = {"Cookie": f"{SESSION_COOKIE}={signed_in.token}"}  # Secure: httpx keeps it for https
    writer = sqlite3.connect(path, timeout=30, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # someone holds the write lock, for a long while
    writer.execute("UPDATE customers SET email = email")
    try:
        started = time.monotonic()
        health = httpx.get(f"{base}/api/v1/health", timeout=10)
        analysts = httpx.get(f"{base}/staff/analytics", headers=session, timeout=10)
        elapsed = time.monotonic() - started
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert health.status_code == 200 and analysts.status_code == 200
    assert elapsed < 3, f"the reading pages waited {elapsed:.1f} s for the writer"

"""Finding 10: access logs held full link tokens, bodies of any size were read before the key
was checked, CSV exports could carry formulas, and "send me a new link" sent nothing."""

from __future__ import annotations

import csv
import io
import logging
import re
import socket
from collections.abc import Iterator
from datetime import datetime, timedelta

import httpx
import pytest
from fastapi.testclient import TestClient

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.config import Settings
from klantreis.core.api.limits import RedactTokens, redact
from klantreis.core.links import PersonalLinks
from klantreis.core.spreadsheet import SpreadsheetSafeWriter
from klantreis.devtools.server import serving
from klantreis.messaging.touchpoints import Touchpoint
from tests.conftest import FixedClock
from tests.scheduling_world import NOW, add_case, utrecht


@pytest.fixture
def site(sqlite_url: str) -> Iterator[tuple[Container, TestClient]]:
    container = bootstrap(Settings(database_url=sqlite_url), clock=FixedClock(NOW))
    utrecht(container)
    with TestClient(create_app(container), raise_server_exceptions=False) as client:
        yield container, client
    container.dispose()


def test_access_logs_show_only_the_start_of_a_link_token() -> None:
    token = "eyJjYXNlIjoiYy0wMDEiLCJleHAiOjE3NzYzMzAwMDB9.U9IUDp_y7NiahbA80jSTGyeRhec"
    redacted = redact(f"/b/{token}/book?lang=en")
    assert token not in redacted and re.fullmatch(r"/b/~[0-9a-f]{10}/book\?lang=en", redacted)
    assert redact(f"/b/{token}") != redact(f"/b/{token[:-1]}X")  # links stay apart
    assert redact("/api/v1/cases/abc") == "/api/v1/cases/abc"
    reset = redact(f"/staff/password-reset/{token}")
    assert token not in reset and reset.startswith("/staff/password-reset/~")
    code = redact(f"/staff/sign-in/oidc/callback?code={token}&state=abc")
    assert token not in code and code.startswith("/staff/sign-in/oidc/callback?~")
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        "",
        0,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", f"/v/{token}", "1.1", 200),
        None,
    )
    RedactTokens().filter(record)
    assert token not in record.getMessage() and "/v/~" in record.getMessage()


def test_a_huge_body_is_refused_before_it_is_read_or_the_key_is_looked_at(
    site: tuple[Container, TestClient],
) -> None:
    _, client = site

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        for _ in range(40):
            yield b"x" * 65_536

    streamed = client.post("/api/v1/customers", content=chunks())
    assert streamed.status_code == 413
    assert streamed.headers["content-type"] == "application/problem+json"


def test_a_declared_100_mb_body_is_refused_at_once_on_a_live_server(sqlite_url: str) -> None:
    container = bootstrap(Settings(database_url=sqlite_url), clock=FixedClock(NOW))
    with serving(create_app(container)) as base:
        host, port = base.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=5) as raw:
            raw.sendall(
                b"POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: 100000000\r\n\r\n"
            )
            first_line = raw.recv(200).split(b"\r\n")[0]  # without sending a byte of body
        answer = httpx.post(f"{base}/api/v1/cases", content=b"{" + b" " * 5_000_000 + b"}")
    container.dispose()
    assert first_line == b"HTTP/1.1 413 Request Entity Too Large"
    assert answer.status_code == 413


def test_csv_cells_that_a_spreadsheet_would_run_are_defused() -> None:
    out = io.StringIO()
    SpreadsheetSafeWriter(out).writerow(
        ['=HYPERLINK("https://evil.example","x")', "+31", "-1+1", "@SUM(A1)", "plain", -3, 0.5]
    )
    (row,) = list(csv.reader(io.StringIO(out.getvalue())))
    assert row == [
        '\'=HYPERLINK("https://evil.example","x")',
        "'+31",
        "'-1+1",
        "'@SUM(A1)",
        "plain",
        "-3",
        "0.5",
    ]


def test_a_new_link_is_sent_to_the_customer_a_few_times_a_day_and_the_page_says_the_same(
    site: tuple[Container, TestClient],
) -> None:
    container, client = site
    case_id = add_case(
        container,
        "c-001",
        consents=[{"purpose": "service", "channel": "email"}],
        channel_preferences=["email"],
    )
    long_ago = FixedClock(NOW - timedelta(days=60))
    expired = PersonalLinks(container.settings.secret_key, long_ago).token_for(case_id)
    pages = [client.post("/b/renew", data={"token": expired}) for _ in range(5)]
    assert {p.status_code for p in pages} == {200}
    assert len({p.text.split("<main>")[1] for p in pages}) == 1  # the same answer each time
    with container.uow_factory(read_only=True) as uow:
        sent = [m for m in uow.outbox.list() if m.touchpoint is Touchpoint.NEW_LINK]
    assert len(sent) == 3 and all(m.recipient == "c-001@example.nl" for m in sent)
    assert all(expired not in m.text for m in sent)  # a fresh link, not the old one
    forged = client.post("/b/renew", data={"token": expired[:-4] + "AAAA"})
    assert forged.status_code == 403
    # A day later they may ask again.
    clock = container.clock
    assert isinstance(clock, FixedClock)
    clock.current = NOW + timedelta(hours=25)
    client.post("/b/renew", data={"token": expired})
    with container.uow_factory(read_only=True) as uow:
        again = [m for m in uow.outbox.list() if m.touchpoint is Touchpoint.NEW_LINK]
    assert len(again) == 4
    assert isinstance(NOW, datetime)

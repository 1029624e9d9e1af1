"""Customer service in the console, on both databases: the queue by intent with the
machine's guess, a callback's outcome, a message handled, and a window booked, moved and
cancelled for a customer on the phone from the offers their own page shows."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container
from klantreis.core.access import Role
from klantreis.core.case import CaseState
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.staff.model import StaffRole
from tests.e2e.conftest import keys_for
from tests.scheduling_world import add_case
from tests.staff_world import sign_in_as

CONSENTS = [{"purpose": "service", "channel": "email"}]


@pytest.fixture
def desk(world: Container) -> Iterator[TestClient]:
    with TestClient(
        create_app(world), base_url="https://testserver", raise_server_exceptions=False
    ) as client:
        yield client


def _queued(world: Container, client: TestClient, text: str, sender: str) -> str:
    keys = keys_for(world)
    received = client.post(
        "/api/v1/inbound",
        json={"channel": "email", "sender": sender, "subject": "Vraag", "body": text},
        headers={"X-API-Key": keys[Role.ADMIN]},
    )
    assert received.status_code == 201, received.text
    return str(received.json()["message"]["id"])


def test_the_queue_shows_the_guess_and_a_message_is_handled_once(
    world: Container, desk: TestClient
) -> None:
    add_case(world, "c-q01", consents=CONSENTS, channel_preferences=["email"])
    message_id = _queued(
        world, desk, "Mijn ketel lekt water, wat moet ik doen?", "c-q01@example.nl"
    )
    csrf = sign_in_as(desk, world, StaffRole.AGENT)
    page = desk.get("/staff/agent")
    assert page.status_code == 200 and f'data-testid="message-{message_id}"' in page.text
    assert re.search(r"De machine denkt: \w+ \(\d+% zeker\)", page.text)
    assert "Geachte heer Van der Berg" in page.text  # who it is, as they asked to be addressed
    done = desk.post(f"/staff/agent/messages/{message_id}/handled", data={"csrf_token": csrf})
    assert done.status_code == 200 and f"message-{message_id}" not in done.text
    again = desk.post(f"/staff/agent/messages/{message_id}/handled", data={"csrf_token": csrf})
    assert again.status_code == 409 and "Dat lukte niet" in again.text  # a page, not JSON
    no_token = desk.post(f"/staff/agent/messages/{message_id}/handled")
    assert no_token.status_code == 403
    with world.uow_factory(read_only=True) as uow:
        (entry,) = [e for e in uow.audit.list(10) if e.action.value == "message_handled"]
    assert entry.subject_id == message_id and entry.actor.label.startswith("staff")


def test_a_callback_request_takes_its_outcome_from_the_desk(
    world: Container, desk: TestClient
) -> None:
    case_id = add_case(world, "c-q02", consents=CONSENTS, channel_preferences=["email"])
    booking_page = desk.get(f"/b/{world.links.token_for(case_id)}").text
    start = re.search(r'id="callback_start".*?<option value="([^"]+)"', booking_page, re.S)
    assert start
    asked = desk.post(
        f"/b/{world.links.token_for(case_id)}/callback",
        data={"start": start.group(1), "preferred": "na de lunch"},
    )
    assert asked.status_code == 200
    csrf = sign_in_as(desk, world, StaffRole.AGENT, StaffRole.PLANNER)
    page = desk.get("/staff/agent").text
    request_id = re.search(r"/staff/agent/messages/(\w+)/callback", page)
    assert request_id and "Hoe ging het terugbellen?" in page
    path = f"/staff/agent/messages/{request_id.group(1)}/callback"
    unknown = desk.post(path, data={"csrf_token": csrf, "outcome": "voicemail"})
    assert unknown.status_code == 422 and "outcome" in unknown.text
    missed = desk.post(path, data={"csrf_token": csrf, "outcome": "no_answer", "note": "x"})
    assert missed.status_code == 200 and request_id.group(1) in missed.text  # stays queued
    reached = desk.post(path, data={"csrf_token": csrf, "outcome": "reached", "note": "ok"})
    assert reached.status_code == 200 and request_id.group(1) not in reached.text


def test_an_agent_books_moves_and_cancels_for_a_customer_on_the_phone(
    world: Container, desk: TestClient
) -> None:
    case_id = add_case(world, "c-q03", consents=CONSENTS, channel_preferences=["email"])
    own_page = desk.get(f"/b/{world.links.token_for(case_id)}").text
    theirs = re.findall(r'name="window_start" id="r\w+" value="([^"]+)"', own_page)
    csrf = sign_in_as(desk, world, StaffRole.AGENT)
    page = desk.get(f"/staff/agent/cases/{case_id}")
    assert page.status_code == 200 and "Geachte heer Van der Berg" in page.text
    recommended = page.text.split("<details>")[0]
    offered = re.findall(r'name="window_start" value="([^"]+)"', recommended)
    assert offered and offered == theirs  # what the customer's own page recommends, in order
    first, later = offered[0], offered[-1]
    booked = desk.post(
        f"/staff/agent/cases/{case_id}/book", data={"csrf_token": csrf, "window_start": first}
    )
    assert booked.status_code == 200 and "Gepland:" in booked.text
    moved = desk.post(
        f"/staff/agent/cases/{case_id}/book", data={"csrf_token": csrf, "window_start": later}
    )
    assert moved.status_code == 200
    with world.uow_factory(read_only=True) as uow:
        booking = uow.bookings.active_for_case(case_id)
        mails = [m.touchpoint for m in uow.outbox.list() if m.case_id == case_id]
        trail = [e.action.value for e in uow.audit.list(10) if e.subject_id == case_id]
    assert booking is not None and booking.window.start.isoformat() == later
    assert Touchpoint.CONFIRMATION in mails and Touchpoint.RESCHEDULED in mails
    assert trail == ["booked_for_customer", "booked_for_customer"]
    cancelled = desk.post(f"/staff/agent/cases/{case_id}/cancel", data={"csrf_token": csrf})
    assert cancelled.status_code == 200 and "geannuleerd" in cancelled.text
    with world.uow_factory(read_only=True) as uow:
        case = uow.cases.get(case_id)
    assert case is not None and case.state is CaseState.CANCELLED
    not_offered = desk.post(
        f"/staff/agent/cases/{case_id}/book",
        data={"csrf_token": csrf, "window_start": "2026-03-27T03:00:00+00:00"},
    )
    assert not_offered.status_code in (409, 422) and "Dat lukte niet" in not_offered.text


def test_the_desk_is_for_customer_service(world: Container, desk: TestClient) -> None:
    case_id = add_case(world, "c-q04")
    sign_in_as(desk, world, StaffRole.TECHNICIAN, technician_id="t-utrecht")
    assert desk.get("/staff/agent").status_code == 403
    assert desk.get(f"/staff/agent/cases/{case_id}").status_code == 403
    desk.cookies.clear()
    assert desk.get("/staff/agent", follow_redirects=False).status_code == 303


def test_a_link_cannot_make_the_console_say_something_of_its_own(
    world: Container, desk: TestClient
) -> None:
    sign_in_as(desk, world, StaffRole.AGENT)
    forged = desk.get("/staff/agent?saved=Beveiliging: bel meteen 0900-1234")
    assert forged.status_code == 200 and "0900-1234" not in forged.text
    said = desk.get("/staff/agent?saved=desk_handled").text
    assert "Het bericht is afgehandeld." in said  # what the page itself says after a form

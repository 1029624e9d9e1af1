"""A callback request from the booking page, on both databases: queued for a person, promised
to the customer in writing in their language, or refused with nothing stored."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container
from klantreis.core.access import Role
from klantreis.inbound.callbacks import CALLBACK_INTENT
from klantreis.messaging.touchpoints import Touchpoint
from tests.e2e.conftest import keys_for
from tests.scheduling_world import add_case

CONSENTS = [{"purpose": "service", "channel": "email"}]
# NOW is Thursday 26 March 2026, 10:00 in Amsterdam; summer time starts on Sunday the 29th.
MONDAY_9_SUMMER_TIME = datetime(2026, 3, 30, 7, 0, tzinfo=UTC)


@pytest.fixture
def client(world: Container) -> Iterator[TestClient]:
    with TestClient(create_app(world), raise_server_exceptions=False) as test_client:
        yield test_client


def _case(world: Container, language: str) -> tuple[str, str]:
    case_id = add_case(
        world, "c-cb1", consents=CONSENTS, channel_preferences=["email"], language=language
    )
    return case_id, world.links.token_for(case_id)


def test_the_page_offers_working_day_windows_across_the_clock_change(
    world: Container, client: TestClient
) -> None:
    _, token = _case(world, "nl")
    page = client.get(f"/b/{token}").text
    assert 'value="2026-03-30T07:00:00+00:00"' in page  # Monday 09:00 summer time
    assert 'value="2026-03-27T08:00:00+00:00"' in page  # Friday 09:00 winter time
    assert "2026-03-28" not in page.split('id="callback_start"')[1].split("</select>")[0]


@pytest.mark.parametrize(
    ("language", "promise"),
    [
        ("nl", "bellen we u maandag 30 maart tussen 09:00 en 11:00"),
        ("en", "we will call you on Monday 30 March between 09:00 and 11:00"),
    ],
)
def test_a_request_is_queued_for_a_person_and_promised_in_writing(
    world: Container, client: TestClient, language: str, promise: str
) -> None:
    case_id, token = _case(world, language)
    response = client.post(
        f"/b/{token}/callback",
        data={"start": MONDAY_9_SUMMER_TIME.isoformat(), "preferred": "Liefst na half tien"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    with world.uow_factory(read_only=True) as uow:
        queued = [m for m in uow.inbound.queue() if m.intent == CALLBACK_INTENT]
        sent = [m for m in uow.outbox.list() if m.touchpoint is Touchpoint.CALLBACK]
        events = [e for e in uow.events.list(0, 50, case_id=case_id)]
    assert len(queued) == 1 and queued[0].case_id == case_id
    assert "2026-03-30 09:00-11:00" in queued[0].subject
    assert queued[0].body == "Liefst na half tien"
    assert len(sent) == 1 and sent[0].expires_at == MONDAY_9_SUMMER_TIME
    assert promise in sent[0].text
    requested = [e for e in events if e.touchpoint == "callback_requested"]
    assert requested[0].properties["window_start"] == MONDAY_9_SUMMER_TIME.isoformat()


@pytest.mark.parametrize(
    "start",
    ["2026-03-30T08:30:00+00:00", "2026-03-28T09:00:00+01:00", "2026-03-26T09:00:00", "soon"],
)
def test_a_window_we_did_not_offer_is_refused_and_nothing_is_stored(
    world: Container, client: TestClient, start: str
) -> None:
    _, token = _case(world, "nl")
    response = client.post(f"/b/{token}/callback", data={"start": start})
    assert response.status_code == 422
    assert "Kies een tijdvak uit de lijst" in response.text
    with world.uow_factory(read_only=True) as uow:
        assert [m for m in uow.inbound.queue() if m.intent == CALLBACK_INTENT] == []
        assert [m for m in uow.outbox.list() if m.touchpoint is Touchpoint.CALLBACK] == []


def test_a_request_without_a_window_is_refused(world: Container, client: TestClient) -> None:
    _, token = _case(world, "en")
    response = client.post(f"/b/{token}/callback", data={"preferred": "any time"})
    assert response.status_code == 422


def test_a_second_click_on_the_same_window_asks_for_the_same_call(
    world: Container, client: TestClient
) -> None:
    _, token = _case(world, "nl")
    for _ in range(2):
        response = client.post(
            f"/b/{token}/callback",
            data={"start": MONDAY_9_SUMMER_TIME.isoformat()},
            follow_redirects=False,
        )
        assert response.status_code == 303
    with world.uow_factory(read_only=True) as uow:
        assert len([m for m in uow.inbound.queue() if m.intent == CALLBACK_INTENT]) == 1
        assert len([m for m in uow.outbox.list() if m.touchpoint is Touchpoint.CALLBACK]) == 1


def _requested_call(world: Container, client: TestClient) -> tuple[str, str]:
    case_id, token = _case(world, "nl")
    client.post(f"/b/{token}/callback", data={"start": MONDAY_9_SUMMER_TIME.isoformat()})
    with world.uow_factory(read_only=True) as uow:
        (request,) = [m for m in uow.inbound.queue() if m.intent == CALLBACK_INTENT]
    return case_id, request.id


def _attempts(world: Container, case_id: str) -> list[tuple[str, str]]:
    with world.uow_factory(read_only=True) as uow:
        events = uow.events.list(0, 50, case_id=case_id)
    return [
        (e.properties["outcome"], e.properties["note"])
        for e in events
        if e.touchpoint == "callback_attempt"
    ]


def test_no_answer_keeps_the_call_queued_and_reached_closes_it(
    world: Container, client: TestClient
) -> None:
    case_id, request_id = _requested_call(world, client)
    headers = {"X-API-Key": keys_for(world)[Role.PLANNER]}
    url = f"/api/v1/inbound/{request_id}/callback-outcome"

    missed = client.post(url, json={"outcome": "no_answer", "note": "voicemail"}, headers=headers)
    assert missed.status_code == 200 and missed.json()["status"] == "queued"
    reached = client.post(url, json={"outcome": "reached"}, headers=headers)
    assert reached.status_code == 200 and reached.json()["status"] == "handled"

    assert _attempts(world, case_id) == [("no_answer", "voicemail"), ("reached", "")]
    queue = client.get("/api/v1/inbound/queue", headers=headers).json()
    assert CALLBACK_INTENT not in queue
    again = client.post(url, json={"outcome": "reached"}, headers=headers)
    assert again.status_code == 409
    assert again.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"outcome": "maybe"}, "outcome"),
        ({"outcome": ""}, "outcome"),
        ({"note": "no outcome"}, "outcome"),
        ({"outcome": "reached", "note": "bel\x00terug"}, "NUL"),
        ({"outcome": "reached", "caller": "Anna"}, "caller"),
    ],
)
def test_a_bad_outcome_is_refused_and_changes_nothing(
    world: Container, client: TestClient, body: dict[str, str], named: str
) -> None:
    case_id, request_id = _requested_call(world, client)
    response = client.post(
        f"/api/v1/inbound/{request_id}/callback-outcome",
        json=body,
        headers={"X-API-Key": keys_for(world)[Role.PLANNER]},
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert named in response.text
    assert _attempts(world, case_id) == []
    with world.uow_factory(read_only=True) as uow:
        assert [m.id for m in uow.inbound.queue() if m.intent == CALLBACK_INTENT] == [request_id]


def test_only_a_waiting_callback_request_takes_an_outcome(
    world: Container, client: TestClient
) -> None:
    keys = keys_for(world)
    planner = {"X-API-Key": keys[Role.PLANNER]}
    complaint = client.post(
        "/api/v1/inbound",
        json={"sender": "x@example.nl", "subject": "Klacht", "body": "Slechte service!"},
        headers=planner,
    ).json()["message"]
    not_a_call = client.post(
        f"/api/v1/inbound/{complaint['id']}/callback-outcome",
        json={"outcome": "reached"},
        headers=planner,
    )
    assert not_a_call.status_code == 409
    unknown = client.post(
        "/api/v1/inbound/nope/callback-outcome", json={"outcome": "reached"}, headers=planner
    )
    assert unknown.status_code == 404
    _, request_id = _requested_call(world, client)
    analyst = client.post(
        f"/api/v1/inbound/{request_id}/callback-outcome",
        json={"outcome": "reached"},
        headers={"X-API-Key": keys[Role.ANALYST]},
    )
    assert analyst.status_code == 403

"""After a resolved visit: one survey per case on the customer's channel, answered on the
survey page; a detractor lands in a person's queue; results per persona, technician, channel."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.config import Settings
from klantreis.core.access import Role
from klantreis.feedback.service import survey_results
from klantreis.messaging.touchpoints import Touchpoint
from tests.conftest import FixedClock
from tests.e2e.conftest import Api, keys_for
from tests.scheduling_world import NOW, planned_tuesday, utrecht

AMS = ZoneInfo("Europe/Amsterdam")
TUESDAY = datetime(2026, 3, 31, tzinfo=AMS).date()
CONSENTS = [
    {"purpose": "service", "channel": "email"},
    {"purpose": "survey", "channel": "email"},
]


@pytest.fixture
def visited(database_url: str) -> Iterator[tuple[Container, Api, list[str]]]:
    container = bootstrap(Settings(database_url=database_url), clock=FixedClock(NOW))
    utrecht(container)
    cases = planned_tuesday(container, consents=CONSENTS, channel_preferences=["email"])
    with TestClient(
        create_app(container), base_url="https://testserver", raise_server_exceptions=False
    ) as client:
        api = Api(client, keys_for(container), container)
        technician = api.technician_of(cases[0])
        for action in ("depart", "arrive", "resolve"):
            moved = client.post(f"/api/v1/cases/{cases[0]}/actions/{action}", headers=technician)
            assert moved.status_code == 200, moved.text
        yield container, api, cases
    container.dispose()


def _messages(container: Container, touchpoint: Touchpoint) -> list:  # type: ignore[type-arg]
    with container.uow_factory(read_only=True) as uow:
        return [m for m in uow.outbox.list() if m.touchpoint is touchpoint]


def test_a_resolved_visit_asks_once_a_little_later_and_the_next_customer_hears_we_are_coming(
    visited: tuple[Container, Api, list[str]],
) -> None:
    container, _, (first, second) = visited
    (survey,) = _messages(container, Touchpoint.SURVEY)
    assert survey.case_id == first and "/s/" in survey.text
    assert survey.send_after >= container.clock.now() + timedelta(hours=2)
    (on_the_way,) = _messages(container, Touchpoint.ON_THE_WAY)
    assert on_the_way.case_id == second and "onderweg" in on_the_way.text


def test_the_answer_is_taken_once_and_a_detractor_is_called_back(
    visited: tuple[Container, Api, list[str]],
) -> None:
    container, api, (first, _) = visited
    token = container.links.token_for(first)
    page = api.client.get(f"/s/{token}")
    assert page.status_code == 200 and "Hoe waarschijnlijk" in page.text
    answer = {
        "nps": "3",
        "ces": "2",
        "comment": "Drie keer gebeld voor een afspraak.",
        "better_company": "Bakker Installatie",
        "better_how": "Zij belden terug.",
    }
    done = api.client.post(f"/s/{token}", data=answer, follow_redirects=False)
    assert done.status_code == 303
    assert "Dank u wel" in api.client.get(f"/s/{token}").text
    again = api.client.post(f"/s/{token}", data={**answer, "nps": "10"})
    assert again.status_code == 409 and "rated already" in again.text
    queue = api.client.get("/api/v1/inbound/queue", headers=api.as_(Role.PLANNER)).json()
    (follow_up,) = queue["complaint"]
    assert follow_up["case_id"] == first and "detractor (NPS 3)" in follow_up["note"]
    assert "Bakker Installatie" in follow_up["body"]
    with container.uow_factory(read_only=True) as uow:
        by_persona = survey_results(uow, "persona")
        by_channel = survey_results(uow, "channel")
        by_technician = survey_results(uow, "technician")
    assert [(r.group, r.answers, r.nps, r.detractors) for r in by_persona] == [
        ("family", 1, -100.0, 1)
    ]
    assert by_channel[0].group == "email" and by_technician[0].group.startswith("t-")


@pytest.mark.parametrize(("nps", "ces"), [("11", "3"), ("-1", "3"), ("5", "0"), ("x", "3")])
def test_an_answer_out_of_range_is_refused(
    visited: tuple[Container, Api, list[str]], nps: str, ces: str
) -> None:
    container, api, (first, _) = visited
    response = api.client.post(
        f"/s/{container.links.token_for(first)}", data={"nps": nps, "ces": ces}
    )
    assert response.status_code == 422
    with container.uow_factory(read_only=True) as uow:
        assert uow.surveys.for_case(first) is None


def test_a_visit_that_did_not_take_place_cannot_be_rated(
    visited: tuple[Container, Api, list[str]],
) -> None:
    container, api, (_, second) = visited
    response = api.client.post(
        f"/s/{container.links.token_for(second)}", data={"nps": "9", "ces": "6"}
    )
    assert response.status_code == 409 and "not taken place" in response.text


def test_grouping_by_something_unknown_is_refused(
    visited: tuple[Container, Api, list[str]],
) -> None:
    container, _, _ = visited
    with container.uow_factory(read_only=True) as uow, pytest.raises(ValueError, match="shoe"):
        survey_results(uow, "shoe")

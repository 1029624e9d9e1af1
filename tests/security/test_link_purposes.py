"""Finding 6: one token opened booking, tracking, preferences and survey pages, so a forwarded
tracking link let anyone cancel the visit or change the e-mail address."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from itsdangerous import URLSafeSerializer

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.config import Settings
from klantreis.core.links import Purpose
from tests.conftest import FixedClock
from tests.scheduling_world import NOW, add_case, utrecht


@pytest.fixture
def site(sqlite_url: str) -> Iterator[tuple[Container, TestClient, str]]:
    container = bootstrap(Settings(database_url=sqlite_url), clock=FixedClock(NOW))
    utrecht(container)
    case_id = add_case(container, "c-001")
    with TestClient(create_app(container), raise_server_exceptions=False) as client:
        yield container, client, case_id
    container.dispose()


def test_a_tracking_link_shows_the_visit_and_changes_nothing(
    site: tuple[Container, TestClient, str],
) -> None:
    container, client, case_id = site
    track = container.links.token_for(case_id, Purpose.TRACK)
    page = client.get(f"/t/{track}")
    assert page.status_code == 200 and f"/b/{track}" not in page.text
    assert client.get(f"/b/{track}").status_code == 403
    assert client.get(f"/v/{track}").status_code == 403
    assert client.post(f"/b/{track}/cancel").status_code == 403
    changed = client.post(
        f"/v/{track}",
        data={"salutation": "heer", "surname": "X", "language": "nl", "email": "a@evil.example"},
    )
    assert changed.status_code == 403
    with container.uow_factory(read_only=True) as uow:
        customer = uow.customers.get("k-c-001")
    assert customer is not None and customer.email == "c-001@example.nl"


def test_a_survey_link_opens_the_survey_only_and_a_manage_link_opens_everything(
    site: tuple[Container, TestClient, str],
) -> None:
    container, client, case_id = site
    survey = container.links.token_for(case_id, Purpose.SURVEY)
    assert client.get(f"/b/{survey}").status_code == 403
    assert client.get(f"/t/{survey}").status_code == 403
    manage = container.links.token_for(case_id)
    for path in ("/b/", "/v/", "/t/"):
        assert client.get(f"{path}{manage}").status_code == 200, path
    assert f"/b/{manage}" in client.get(f"/t/{manage}").text


def test_links_made_before_purposes_existed_still_manage_until_they_expire(
    site: tuple[Container, TestClient, str],
) -> None:
    container, client, case_id = site
    legacy = URLSafeSerializer(container.settings.secret_key, salt="klantreis-booking-link")
    token = legacy.dumps({"case": case_id, "exp": int(NOW.timestamp()) + 3600})
    assert client.get(f"/b/{token}").status_code == 200


def test_the_on_the_way_message_links_to_the_tracking_page_only(
    site: tuple[Container, TestClient, str],
) -> None:
    container, _, case_id = site
    values = {"link": container.messenger.link_for(case_id)}
    assert container.messenger.tracking_link_for is not None
    tracking = container.messenger.tracking_link_for(case_id)
    token = tracking.rsplit("/", 1)[-1]
    assert "/t/" in tracking and container.links.purpose_of(token) is Purpose.TRACK
    assert container.links.purpose_of(values["link"].rsplit("/", 1)[-1]) is Purpose.MANAGE

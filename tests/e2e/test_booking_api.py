"""Booking through the API and the personal page: retries, conflicts and bad input."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.config import Settings
from klantreis.core.access import Role
from klantreis.core.links import PersonalLinks
from tests.conftest import FixedClock
from tests.e2e.conftest import Api, keys_for
from tests.scheduling_world import NOW, add_case, utrecht

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def world(database_url: str) -> Iterator[tuple[Container, Api]]:
    container = bootstrap(Settings(database_url=database_url), clock=FixedClock(NOW))
    utrecht(container)
    with TestClient(create_app(container), raise_server_exceptions=False) as client:
        yield container, Api(client, keys_for(container), container)
    container.dispose()


def at(day: date, hour: int) -> str:
    return datetime(day.year, day.month, day.day, hour, tzinfo=AMS).isoformat()


def post_booking(api: Api, case_id: str, start: str, key: str) -> Any:
    return api.client.post(
        f"/api/v1/cases/{case_id}/booking",
        json={"window_start": start},
        headers={**api.as_(Role.PLANNER), "Idempotency-Key": key},
    )


def test_a_retry_with_the_same_key_never_books_twice(world: tuple[Container, Api]) -> None:
    container, api = world
    case_id = add_case(container, "c-001")
    offers = api.client.get(
        f"/api/v1/cases/{case_id}/offers", headers=api.as_(Role.PLANNER)
    ).json()["offers"]
    first = post_booking(api, case_id, offers[0]["window_start"], "retry-key-1")
    again = post_booking(api, case_id, offers[0]["window_start"], "retry-key-1")
    assert first.status_code == again.status_code == 201 and first.json() == again.json()
    with container.uow_factory() as uow:
        assert len(uow.bookings.active_between(date(2026, 3, 1), date(2026, 5, 1))) == 1
        assert (
            len([e for e in uow.events.list(0, 50, case_id=case_id) if e.touchpoint == "case_book"])
            == 1
        )
    reused = post_booking(api, case_id, offers[1]["window_start"], "retry-key-1")
    assert reused.status_code == 422 and "Idempotency-Key" in reused.json()["detail"]


def test_a_booking_without_an_idempotency_key_is_refused(world: tuple[Container, Api]) -> None:
    container, api = world
    case_id = add_case(container, "c-001")
    response = api.client.post(
        f"/api/v1/cases/{case_id}/booking",
        json={"window_start": at(date(2026, 3, 31), 10)},
        headers=api.as_(Role.PLANNER),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "header.Idempotency-Key"


def test_a_window_taken_meanwhile_answers_409_with_fresh_offers(
    world: tuple[Container, Api],
) -> None:
    container, api = world
    wednesday = date(2026, 4, 1)
    for n, hour in enumerate((8, 12, 8, 12), start=1):
        case_id = add_case(container, f"c-00{n}", minutes=200)
        assert post_booking(api, case_id, at(wednesday, hour), f"fill-{n}-key").status_code == 201
    late = add_case(container, "c-005", minutes=200)
    response = post_booking(api, late, at(wednesday, 10), "late-key-5")
    body = response.json()
    assert response.status_code == 409 and body["type"].endswith("window-taken")
    assert body["offers"] and all(o["day"] != str(wednesday) for o in body["offers"])


@pytest.mark.parametrize(
    ("start", "status"),
    [
        ("2026-03-31T10:00:00", 422),  # no time zone
        ("2026-03-31T09:00:00+02:00", 422),  # off the grid
        ("2026-04-03T10:00:00+02:00", 422),  # Good Friday
        ("yesterday", 422),
    ],
)
def test_a_window_that_is_not_offered_is_refused(
    world: tuple[Container, Api], start: str, status: int
) -> None:
    container, api = world
    case_id = add_case(container, "c-001")
    response = post_booking(api, case_id, start, "bad-window-key")
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert (
        api.client.get(
            f"/api/v1/cases/{case_id}/booking", headers=api.as_(Role.PLANNER)
        ).status_code
        == 404
    )


def test_the_planner_opens_and_closes_days_for_regions(world: tuple[Container, Api]) -> None:
    container, api = world
    created = api.client.post(
        "/api/v1/day-rules",
        headers=api.as_(Role.PLANNER),
        json={"day": "2026-03-31", "kind": "open", "postcode_prefixes": ["35"], "note": "Utrecht"},
    )
    assert created.status_code == 201
    listed = api.client.get("/api/v1/day-rules", headers=api.as_(Role.PLANNER)).json()
    assert [r["postcode_prefixes"] for r in listed] == [["35"]]
    bad = api.client.post(
        "/api/v1/day-rules",
        headers=api.as_(Role.PLANNER),
        json={"day": "2026-03-31", "kind": "maybe", "postcode_prefixes": ["0x"]},
    )
    assert bad.status_code == 422
    removed = api.client.delete(
        f"/api/v1/day-rules/{created.json()['id']}", headers=api.as_(Role.PLANNER)
    )
    assert removed.status_code == 204
    assert (
        api.client.delete(
            f"/api/v1/day-rules/{created.json()['id']}", headers=api.as_(Role.PLANNER)
        ).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("body", "field", "detail"),
    [
        ({"day": "2026-03-25", "kind": "close"}, "day", "2026-03-25 is in the past"),
        (
            {"day": "2026-03-31", "kind": "open", "postcode_prefixes": ["35", "2999"]},
            "postcode_prefixes",
            "no postcode area starts with 2999",
        ),
    ],
)
def test_a_day_rule_on_an_unknown_area_or_a_past_day_is_refused_and_nothing_is_stored(
    world: tuple[Container, Api], body: dict[str, object], field: str, detail: str
) -> None:
    container, api = world
    refused = api.client.post("/api/v1/day-rules", headers=api.as_(Role.PLANNER), json=body)
    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("application/problem+json")
    problem = refused.json()
    assert detail in problem["detail"] and field in str(problem)
    assert api.client.get("/api/v1/day-rules", headers=api.as_(Role.PLANNER)).json() == []


def page_form(html: str) -> tuple[str, str]:
    value = re.findall(r'name="window_start" id="\w+" value="([^"]+)"', html)[0]
    key = re.findall(r'name="idempotency_key" value="(\w+)"', html)[0]
    return value, key


def test_the_personal_page_books_once_even_when_the_form_is_sent_twice(
    world: tuple[Container, Api],
) -> None:
    container, api = world
    case_id = add_case(container, "c-001", first_name="Jan", initials="J.")
    token = container.links.token_for(case_id)
    page = api.client.get(f"/b/{token}")
    assert page.status_code == 200 and "Geachte heer Van der Berg," in page.text
    value, key = page_form(page.text)
    for _ in range(2):
        done = api.client.post(
            f"/b/{token}/book", data={"window_start": value, "idempotency_key": key}
        )
        assert done.status_code == 200 and "De monteur komt op" in done.text
    with container.uow_factory() as uow:
        assert uow.bookings.active_for_case(case_id) is not None
        assert (
            len([e for e in uow.events.list(0, 50, case_id=case_id) if e.touchpoint == "case_book"])
            == 1
        )


def test_a_form_sent_again_for_other_windows_gets_the_page_in_the_customer_s_words(
    world: tuple[Container, Api],
) -> None:
    """Back after booking, another window ticked, the same form key: the page says so, in
    HTML and in Dutch, and the first booking stands."""
    container, api = world
    case_id = add_case(container, "c-001")
    token = container.links.token_for(case_id)
    html = api.client.get(f"/b/{token}").text
    first, key = page_form(html)
    other = [v for v in re.findall(r'name="window_start" id="\w+" value="([^"]+)"', html)][1]
    booked = api.client.post(
        f"/b/{token}/book", data={"window_start": first, "idempotency_key": key}
    )
    assert booked.status_code == 200
    again = api.client.post(
        f"/b/{token}/book", data={"window_start": other, "idempotency_key": key}
    )
    assert again.status_code == 422
    assert again.headers["content-type"].startswith("text/html")
    assert "Kies een tijdvak uit de lijst" in again.text
    with container.uow_factory(read_only=True) as uow:
        booking = uow.bookings.active_for_case(case_id)
    assert booking is not None and booking.window.start.isoformat() == first


def test_an_english_customer_reads_english(world: tuple[Container, Api]) -> None:
    container, api = world
    case_id = add_case(
        container, "c-001", language="en", salutation="first_name", first_name="Anna"
    )
    page = api.client.get(f"/b/{container.links.token_for(case_id)}").text
    assert "Dear Anna," in page and "Monday 30 March" in page and 'lang="en"' in page


def test_a_tampered_link_shows_a_clear_page_and_changes_nothing(
    world: tuple[Container, Api],
) -> None:
    container, api = world
    case_id = add_case(container, "c-001")
    token = container.links.token_for(case_id)
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    page = api.client.get(f"/b/{forged}")
    assert page.status_code == 403 and "niet geldig" in page.text
    booked = api.client.post(
        f"/b/{forged}/book",
        data={"window_start": at(date(2026, 3, 31), 10), "idempotency_key": "abcdefgh12"},
    )
    assert booked.status_code == 403
    with container.uow_factory() as uow:
        assert uow.bookings.active_for_case(case_id) is None


def test_an_expired_link_offers_a_new_one(world: tuple[Container, Api]) -> None:
    container, api = world
    case_id = add_case(container, "c-001")
    issued_long_ago = FixedClock(NOW - timedelta(days=30))
    expired = PersonalLinks(container.settings.secret_key, issued_long_ago).token_for(case_id)
    page = api.client.get(f"/b/{expired}")
    assert page.status_code == 403 and "verlopen" in page.text and "/b/renew" in page.text
    renewed = api.client.post("/b/renew", data={"token": expired})
    assert renewed.status_code == 200 and "nieuwe link" in renewed.text
    with container.uow_factory() as uow:
        touchpoints = [e.touchpoint for e in uow.events.list(0, 50, case_id=case_id)]
    assert "link_renewal_requested" in touchpoints


def test_an_integrator_sees_the_short_list_and_books_a_whole_day(
    world: tuple[Container, Api],
) -> None:
    container, api = world
    case_id = add_case(container, "c-050")
    body = api.client.get(f"/api/v1/cases/{case_id}/offers", headers=api.as_(Role.PLANNER)).json()
    assert len(body["recommended"]) == 6
    assert len({o["day"] for o in body["recommended"]}) >= 3
    assert {o["window_start"] for o in body["recommended"]} <= {
        o["window_start"] for o in body["offers"]
    }
    booked = api.client.post(
        f"/api/v1/cases/{case_id}/booking",
        json={"window_start": at(date(2026, 3, 31), 10), "whole_day": True},
        headers={**api.as_(Role.PLANNER), "Idempotency-Key": "whole-day-1"},
    )
    assert booked.status_code == 201
    window = booked.json()
    assert (window["window_start"], window["window_end"]) == (
        "2026-03-31T06:00:00Z",
        "2026-03-31T16:00:00Z",
    )
    saturday = api.client.post(
        f"/api/v1/cases/{case_id}/booking",
        json={"window_start": at(date(2026, 3, 28), 10), "whole_day": True},
        headers={**api.as_(Role.PLANNER), "Idempotency-Key": "whole-day-2"},
    )
    assert saturday.status_code == 422 and "not a day on offer" in saturday.json()["detail"]


def test_an_integrator_books_several_windows_and_a_planner_moves_only_inside_them(
    world: tuple[Container, Api],
) -> None:
    container, api = world
    case_id = add_case(container, "c-001")
    tuesday, wednesday = date(2026, 3, 31), date(2026, 4, 1)
    booked = api.client.post(
        f"/api/v1/cases/{case_id}/booking",
        json={"window_start": at(tuesday, 10), "also_suits": [at(wednesday, 14)]},
        headers={**api.as_(Role.PLANNER), "Idempotency-Key": "flex-key-1"},
    )
    assert booked.status_code == 201, booked.text
    body = booked.json()
    assert body["window_start"] == "2026-03-31T08:00:00Z"  # the sooner, at the same cost
    assert len(body["ticked"]) == 2 and body["movable_until"] == "2026-03-29T16:00:00Z"
    planner = api.as_(Role.PLANNER)
    outside = api.client.patch(
        f"/api/v1/cases/{case_id}/booking", json={"window_start": at(tuesday, 12)}, headers=planner
    )
    assert outside.status_code == 422
    assert outside.headers["content-type"].startswith("application/problem+json")
    assert "not one of the windows the customer ticked" in outside.json()["detail"]
    moved = api.client.patch(
        f"/api/v1/cases/{case_id}/booking",
        json={"window_start": at(wednesday, 14)},
        headers=planner,
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["window_start"] == "2026-04-01T12:00:00Z"
    assert moved.json()["sequence"] == 1
    never_offered = api.client.post(
        f"/api/v1/cases/{case_id}/booking",
        json={"window_start": at(tuesday, 10), "also_suits": [at(date(2026, 4, 4), 10)]},
        headers={**api.as_(Role.PLANNER), "Idempotency-Key": "flex-key-2"},
    )
    assert never_offered.status_code == 422
    assert "2026-04-04" in never_offered.json()["detail"]
    both = api.client.post(
        f"/api/v1/cases/{case_id}/booking",
        json={"window_start": at(tuesday, 10), "also_suits": [at(tuesday, 12)], "whole_day": True},
        headers={**api.as_(Role.PLANNER), "Idempotency-Key": "flex-key-3"},
    )
    assert both.status_code == 422
    with container.uow_factory() as uow:
        kept = uow.bookings.active_for_case(case_id)
    assert kept is not None and kept.window.start.isoformat() == "2026-04-01T12:00:00+00:00"


def test_the_personal_page_holds_the_best_of_the_ticked_windows_and_says_so(
    world: tuple[Container, Api],
) -> None:
    container, api = world
    case_id = add_case(container, "c-001", language="en")
    token = container.links.token_for(case_id)
    page = api.client.get(f"/b/{token}?times=all").text
    shown = re.findall(r'type="checkbox" name="window_start" id="w[^"]*" value="([^"]+)"', page)
    values = [v for v in shown if v >= "2026-03-31"]  # before the cut-off for moves
    assert len(values) >= 3
    nothing = api.client.post(f"/b/{token}/book", data={"idempotency_key": "page-key-0"})
    assert nothing.status_code == 422 and "tick at least one" in nothing.text
    sent = api.client.post(
        f"/b/{token}/book",
        data={"window_start": values[:3], "idempotency_key": "page-key-1"},
        follow_redirects=True,
    )
    assert sent.status_code == 200
    assert "You also ticked" in sent.text and "we may still move your visit" in sent.text
    with container.uow_factory() as uow:
        booking = uow.bookings.active_for_case(case_id)
    assert booking is not None and len(booking.ticked) == 3
    assert booking.window.start.isoformat() in values[:3]


def test_a_planner_gives_an_area_its_days_and_its_customers_see_them_first(
    world: tuple[Container, Api],
) -> None:
    container, api = world
    planner = api.as_(Role.PLANNER)
    case_id = add_case(container, "c-001", "3511 AB")
    put = api.client.put("/api/v1/area-days/35", json={"weekdays": [2]}, headers=planner)
    assert put.status_code == 200, put.text
    assert put.json() == {"area": "35", "weekdays": [2], "source": "planner"}
    in_force = api.client.get("/api/v1/area-days/3511", headers=planner).json()
    assert in_force == {"area": "3511", "weekdays": [2], "source": "planner"}
    offers = api.client.get(f"/api/v1/cases/{case_id}/offers", headers=planner).json()["offers"]
    wednesdays = [o for o in offers if o["area_day"]]
    assert wednesdays and {o["day"] for o in wednesdays} == {"2026-04-01"}
    assert offers[: len(wednesdays)] == wednesdays
    assert api.client.get("/api/v1/area-days", headers=planner).json() == [put.json()]
    for prefix, body, field in [
        ("0", {"weekdays": [1]}, "prefix"),
        ("2999", {"weekdays": [1]}, "prefix"),
        ("35", {"weekdays": [1, 1]}, "weekdays"),
        ("35", {"weekdays": [8]}, "weekdays.0"),
    ]:
        refused = api.client.put(f"/api/v1/area-days/{prefix}", json=body, headers=planner)
        assert refused.status_code == 422, (prefix, body, refused.text)
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert field in refused.text
    assert api.client.get("/api/v1/area-days", headers=planner).json() == [put.json()]
    assert api.client.delete("/api/v1/area-days/35", headers=planner).status_code == 204
    assert api.client.delete("/api/v1/area-days/35", headers=planner).status_code == 404
    assert api.client.get("/api/v1/area-days", headers=planner).json() == []

"""The API end to end, on SQLite and PostgreSQL: resources, case moves, events, imports."""

from __future__ import annotations

from typing import Any

import pytest

from klantreis.core.access import Role
from tests.e2e.conftest import Api

CUSTOMER: dict[str, Any] = {
    "external_id": "K1",
    "salutation": "heer",
    "initials": "J.",
    "first_name": "Jan",
    "tussenvoegsel": "van der",
    "surname": "Berg",
    "street": "Oudegracht",
    "house_number": "12",
    "postcode": "3511ab",
    "persona": "family",
    "consents": [{"purpose": "service", "channel": "email"}],
    "channel_preferences": ["email"],
    "quiet_hours": {"start": "21:00", "end": "08:00"},
}


def problem_of(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["type"].startswith("https://")
    assert body["title"] and body["detail"]
    return body


def create_customer(api: Api, **changes: Any) -> dict[str, Any]:
    response = api.client.post(
        "/api/v1/customers", json={**CUSTOMER, **changes}, headers=api.as_(Role.PLANNER)
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_customer_is_registered_with_place_data_and_read_back(api: Api) -> None:
    created = create_customer(api)
    assert created["postcode"] == "3511 AB" and created["city"] == "Utrecht"
    assert created["school_region"] == "midden"
    read = api.client.get(f"/api/v1/customers/{created['id']}", headers=api.as_(Role.PLANNER))
    assert read.json() == created


def test_a_second_customer_with_the_same_external_id_is_a_conflict(api: Api) -> None:
    create_customer(api)
    response = api.client.post("/api/v1/customers", json=CUSTOMER, headers=api.as_(Role.PLANNER))
    problem_of(response, 409)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"persona": "alien"}, "persona"),
        ({"salutation": "sir"}, "salutation"),
        ({"language": "fr"}, "language"),
        ({"postcode": "0123 AB"}, "postcode"),
        ({"postcode": "1234"}, "postcode"),
        ({"consents": [{"purpose": "service", "channel": "pigeon"}]}, "consents.0.channel"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"unexpected": 1}, "unexpected"),
    ],
)
def test_unknown_values_and_bad_postcodes_are_refused_with_problem_json(
    api: Api, change: dict[str, Any], field: str
) -> None:
    response = api.client.post(
        "/api/v1/customers", json={**CUSTOMER, **change}, headers=api.as_(Role.PLANNER)
    )
    body = problem_of(response, 422)
    assert field in [e["field"] for e in body["errors"]]
    listed = api.client.get("/api/v1/customers", headers=api.as_(Role.PLANNER)).json()
    assert listed == []


def test_a_postcode_area_that_does_not_exist_is_refused(api: Api) -> None:
    response = api.client.post(
        "/api/v1/customers", json={**CUSTOMER, "postcode": "8999 AA"}, headers=api.as_(Role.PLANNER)
    )
    assert problem_of(response, 422)["errors"][0]["field"] == "postcode"


def test_a_missing_customer_is_a_404_problem(api: Api) -> None:
    problem_of(api.client.get("/api/v1/customers/nope", headers=api.as_(Role.PLANNER)), 404)


def test_a_case_moves_by_actions_and_an_illegal_move_is_a_409(api: Api) -> None:
    customer = create_customer(api)
    device = api.client.post(
        "/api/v1/devices",
        headers=api.as_(Role.PLANNER),
        json={
            "customer_id": customer["id"],
            "kind": "boiler",
            "model": "Intergas Xtreme 36",
            "serial": "IX-1",
            "installed_on": "2018-09-01",
            "contract": {"reference": "SC-9", "start": "2018-09-01"},
        },
    )
    assert device.status_code == 201, device.text
    case = api.client.post(
        "/api/v1/cases",
        headers=api.as_(Role.PLANNER),
        json={
            "customer_id": customer["id"],
            "device_id": device.json()["id"],
            "origin": "fault_reported",
            "required_skills": ["boiler"],
        },
    ).json()
    assert case["state"] == "opened" and "invite" in case["allowed_actions"]
    url = f"/api/v1/cases/{case['id']}/actions"
    body = problem_of(api.client.post(f"{url}/resolve", headers=api.as_(Role.PLANNER)), 409)
    assert body["state"] == "opened" and body["action"] == "resolve"
    for action in ("invite", "book", "plan"):
        assert api.client.post(f"{url}/{action}", headers=api.as_(Role.PLANNER)).status_code == 200
    for action in ("depart", "arrive", "resolve"):
        moved = api.client.post(
            f"{url}/{action}", headers=api.as_(Role.PLANNER), json={"reason": "fixed the pump"}
        )
        assert moved.status_code == 200
    final = api.client.get(f"/api/v1/cases/{case['id']}", headers=api.as_(Role.ANALYST)).json()
    assert final["state"] == "resolved" and len(final["history"]) == 6
    events = api.client.get(
        "/api/v1/events", params={"case_id": case["id"]}, headers=api.as_(Role.ANALYST)
    ).json()
    assert [e["touchpoint"] for e in events][-1] == "case_resolve"


def test_an_unknown_action_is_a_422(api: Api) -> None:
    problem_of(
        api.client.post("/api/v1/cases/x/actions/teleport", headers=api.as_(Role.PLANNER)), 422
    )


def test_events_with_unknown_customers_are_named_and_the_rest_kept(api: Api) -> None:
    customer = create_customer(api)
    event = {
        "customer_id": customer["id"],
        "phase": "sharing",
        "touchpoint": "review_posted",
        "channel": "web",
        "occurred_at": "2026-10-25T02:30:00+01:00",
    }
    response = api.client.post(
        "/api/v1/events",
        headers=api.as_(Role.INTEGRATION),
        json=[event, {**event, "customer_id": "ghost"}],
    )
    assert response.status_code == 201
    body = response.json()
    assert body["accepted"] == 1 and body["rejected"][0]["index"] == 1
    assert body["events"][0]["occurred_at"] == "2026-10-25T01:30:00Z"


@pytest.mark.parametrize(
    "change",
    [{"phase": "dreaming"}, {"occurred_at": "2026-10-25T02:30"}, {"touchpoint": "Has Spaces"}],
)
def test_an_event_with_an_unknown_phase_or_a_naive_time_is_refused(
    api: Api, change: dict[str, Any]
) -> None:
    event = {
        "customer_id": "k",
        "phase": "sharing",
        "touchpoint": "review",
        "channel": "web",
        "occurred_at": "2026-10-25T02:30:00+01:00",
        **change,
    }
    problem_of(
        api.client.post("/api/v1/events", headers=api.as_(Role.INTEGRATION), json=[event]), 422
    )


def test_events_that_do_not_fit_the_journey_are_named_and_the_rest_kept(api: Api) -> None:
    customer = create_customer(api)
    good = {
        "customer_id": customer["id"],
        "phase": "information",
        "touchpoint": "website_visit",
        "channel": "web",
        "occurred_at": "2026-03-29T02:30:00+02:00",
    }
    batch = [
        good,
        {**good, "touchpoint": "website_vist"},
        {**good, "phase": "sharing"},
        {**good, "channel": "letter"},
        {**good, "occurred_at": "2026-03-29T03:30:00+02:00"},
    ]
    response = api.client.post("/api/v1/events", headers=api.as_(Role.INTEGRATION), json=batch)
    body = response.json()
    assert body["accepted"] == 2
    assert [(r["index"], r["field"]) for r in body["rejected"]] == [
        (1, "touchpoint"),
        (2, "phase"),
        (3, "channel"),
    ]
    assert "'website_vist' is not a touchpoint" in body["rejected"][0]["reason"]


def test_events_cannot_be_changed_or_deleted(api: Api) -> None:
    for method in ("PUT", "PATCH", "DELETE"):
        assert (
            api.client.request(method, "/api/v1/events", headers=api.as_(Role.ADMIN)).status_code
            == 405
        )


def test_a_csv_import_with_a_bad_row_writes_nothing_and_names_row_and_field(api: Api) -> None:
    csv = (
        "external_id,surname,street,house_number,postcode,persona\n"
        "K1,Vos,Kerkstraat,1,3511 AB,family\n"
        "K2,Bos,Kerkstraat,2,3511 AB,martian\n"
    )
    response = api.client.post(
        "/api/v1/imports/customers",
        content=csv,
        headers={**api.as_(Role.ADMIN), "content-type": "text/csv"},
    )
    body = problem_of(response, 422)
    assert body["errors"] == [
        {"row": 3, "field": "persona", "message": body["errors"][0]["message"]}
    ]
    assert api.client.get("/api/v1/customers", headers=api.as_(Role.ADMIN)).json() == []
    good = csv.replace("martian", "business").replace("Bos,", "Bos,") + ""
    good = good.replace(
        "K2,Bos,Kerkstraat,2,3511 AB,business", "K2,Bos,Kerkstraat,2,3511 AB,family"
    )
    for expected_created in (2, 0):  # importing the same file again creates nothing
        response = api.client.post(
            "/api/v1/imports/customers",
            content=good,
            headers={**api.as_(Role.ADMIN), "content-type": "text/csv"},
        )
        assert response.status_code == 200 and response.json()["created"] == expected_created
    assert len(api.client.get("/api/v1/customers", headers=api.as_(Role.ADMIN)).json()) == 2


def test_a_csv_that_is_not_utf8_is_refused(api: Api) -> None:
    response = api.client.post(
        "/api/v1/imports/customers",
        content="surname\nM\xfcller\n".encode("latin-1"),
        headers={**api.as_(Role.ADMIN), "content-type": "text/csv"},
    )
    problem_of(response, 415)


def test_nul_characters_are_refused_before_they_reach_the_database(api: Api) -> None:
    body = problem_of(
        api.client.post(
            "/api/v1/customers",
            json={**CUSTOMER, "surname": "Vos\x00"},
            headers=api.as_(Role.PLANNER),
        ),
        422,
    )
    assert "NUL" in body["detail"]
    problem_of(api.client.get("/api/v1/customers/a%00b", headers=api.as_(Role.PLANNER)), 400)
    problem_of(api.client.get("/api/v1/events?customer_id=%00", headers=api.as_(Role.ANALYST)), 400)

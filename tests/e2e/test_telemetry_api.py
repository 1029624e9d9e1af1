"""Telemetry through the API on both databases: batches, replays, refusals and fault cases."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from klantreis.app.bootstrap import Container
from klantreis.core.access import Role
from klantreis.telemetry.reading_records import MAX_BATCH_BYTES, MAX_BATCH_READINGS
from tests.conftest import FixedClock
from tests.e2e.conftest import Api
from tests.e2e.test_api import create_customer, problem_of

URL = "/api/v1/telemetry/readings"


def create_boiler(api: Api, serial: str = "RT-1", model: str = "Remeha Tzerra Ace") -> str:
    customer = create_customer(api, external_id=f"K-{serial}", email=f"{serial}@example.nl")
    response = api.client.post(
        "/api/v1/devices",
        headers=api.as_(Role.PLANNER),
        json={
            "customer_id": customer["id"],
            "kind": "boiler",
            "model": model,
            "serial": serial,
            "installed_on": "2019-05-01",
        },
    )
    assert response.status_code == 201, response.text
    device_id: str = response.json()["id"]
    return device_id


def reading(at: datetime, serial: str = "RT-1", **metrics: Any) -> dict[str, Any]:
    values = {"flow_temp_c": 61.5, "return_temp_c": 44.0, "pressure_bar": 1.6, **metrics}
    return {"serial": serial, "at": at.isoformat(), **values}


def send(api: Api, readings: list[dict[str, Any]], role: Role = Role.DEVICE) -> Any:
    return api.client.post(URL, json={"readings": readings}, headers=api.as_(role))


def day_of_readings(clock: FixedClock, serial: str = "RT-1") -> list[dict[str, Any]]:
    start = clock.now() - timedelta(hours=24)
    return [reading(start + timedelta(minutes=15 * i), serial) for i in range(96)]


def test_a_batch_is_stored_and_its_replay_adds_nothing(
    api: Api, clock: FixedClock, container: Container
) -> None:
    create_boiler(api)
    batch = day_of_readings(clock)
    first = send(api, batch)
    assert first.status_code == 200, first.text
    assert first.json() == {
        "received": 96,
        "stored": 96,
        "duplicates": 0,
        "rejected": [],
        "cases_opened": [],
    }
    replay = send(api, list(reversed(batch))).json()
    assert (replay["stored"], replay["duplicates"]) == (0, 96)
    with container.uow_factory(read_only=True) as uow:
        assert uow.telemetry.count() == 96


def test_readings_out_of_order_are_kept_and_read_back_in_time_order(
    api: Api, clock: FixedClock, container: Container
) -> None:
    device_id = create_boiler(api)
    batch = day_of_readings(clock)
    send(api, batch[48:])
    send(api, batch[:48][::-1])
    with container.uow_factory(read_only=True) as uow:
        window = uow.telemetry.window([device_id], clock.now() - timedelta(days=2))[device_id]
    assert len(window) == 96
    assert [r.measured_at for r in window] == sorted(r.measured_at for r in window)
    assert window[0].measured_at.tzinfo is not None


def test_each_bad_reading_is_named_and_the_good_ones_are_kept(
    api: Api, clock: FixedClock, container: Container
) -> None:
    create_boiler(api)
    now = clock.now()
    good = reading(now - timedelta(hours=1))
    batch = [
        good,
        reading(now - timedelta(hours=2), serial="NOPE-404"),
        reading(now + timedelta(hours=2)),
        reading(now - timedelta(hours=3), pressure_bar=42.0),
        reading(now - timedelta(hours=4), ignition_attempts=2.5),
        {"serial": "RT-1", "at": (now - timedelta(hours=5)).isoformat()},
        {"serial": "RT-1", "at": "yesterday", "pressure_bar": 1.5},
        {"serial": "RT-1", "at": "2026-03-27T08:00:00", "pressure_bar": 1.5},
        {**reading(now - timedelta(hours=6)), "colour": "red"},
        "not a reading",
        reading(now - timedelta(days=500)),
        reading(now - timedelta(hours=7), fault_code="bad code!"),
        good,
    ]
    body = send(api, batch).json()
    assert body["stored"] == 1 and body["duplicates"] == 1
    fields = {r["index"]: r["field"] for r in body["rejected"]}
    assert fields == {
        1: "serial",
        2: "at",
        3: "pressure_bar",
        4: "ignition_attempts",
        5: "metrics",
        6: "at",
        7: "at",
        8: "colour",
        9: "reading",
        10: "at",
        11: "fault_code",
    }
    reasons = {r["index"]: r["reason"] for r in body["rejected"]}
    assert "NOPE-404" in reasons[1] and "future" in reasons[2] and "impossible" in reasons[3]
    assert "retention" in reasons[10]
    with container.uow_factory(read_only=True) as uow:
        assert uow.telemetry.count() == 1


def test_not_a_number_is_refused_per_reading(api: Api, clock: FixedClock) -> None:
    create_boiler(api)
    raw = json.dumps({"readings": [reading(clock.now() - timedelta(hours=1))]})
    raw = raw.replace("1.6", "NaN")
    response = api.client.post(
        URL,
        content=raw,
        headers={**api.as_(Role.DEVICE), "content-type": "application/json"},
    )
    assert response.json()["rejected"][0]["field"] == "pressure_bar"


def test_a_fault_code_opens_one_diagnosed_case_however_often_it_is_sent(
    api: Api, clock: FixedClock
) -> None:
    device_id = create_boiler(api)
    now = clock.now()
    first = send(api, [reading(now - timedelta(minutes=30), fault_code="E133")]).json()
    assert len(first["cases_opened"]) == 1
    again = send(
        api,
        [
            reading(now - timedelta(minutes=30), fault_code="E133"),
            reading(now - timedelta(minutes=15), fault_code="E133"),
        ],
    ).json()
    assert again["cases_opened"] == [] and again["stored"] == 1
    case = api.client.get(
        f"/api/v1/cases/{first['cases_opened'][0]}", headers=api.as_(Role.PLANNER)
    ).json()
    assert case["origin"] == "fault_reported" and case["device_id"] == device_id
    assert case["urgent"] is True and case["required_skills"] == ["boiler"]
    assert case["findings"]["cause"] == "ignition_failure"
    assert "ignition electrode" in case["findings"]["parts"]
    assert "E133" in case["findings"]["explanation"][0]
    # an urgent fault invites at once, not after the weekend or the school holidays
    assert case["state"] == "invited"


def test_a_late_fault_is_kept_for_the_history_but_opens_no_case(
    api: Api, clock: FixedClock
) -> None:
    create_boiler(api)
    body = send(api, [reading(clock.now() - timedelta(days=5), fault_code="E133")]).json()
    assert body["stored"] == 1 and body["cases_opened"] == []


def test_an_unknown_fault_code_still_opens_a_case_that_says_so(api: Api, clock: FixedClock) -> None:
    create_boiler(api)
    body = send(api, [reading(clock.now(), fault_code="E999")]).json()
    case = api.client.get(
        f"/api/v1/cases/{body['cases_opened'][0]}", headers=api.as_(Role.PLANNER)
    ).json()
    assert case["findings"]["cause"] == "unknown_fault"
    assert "not in the rule book" in case["findings"]["description"]


def test_a_batch_over_the_reading_limit_is_refused_whole(sqlite_api: Api) -> None:
    at = datetime(2026, 3, 27, 8, tzinfo=UTC)
    batch = [
        {"serial": "RT-1", "at": (at - timedelta(seconds=i)).isoformat(), "pressure_bar": 1.5}
        for i in range(MAX_BATCH_READINGS + 1)
    ]
    body = problem_of(send(sqlite_api, batch), 413)
    assert str(MAX_BATCH_READINGS) in body["detail"]


def test_a_body_over_the_byte_limit_is_refused_before_it_is_read(sqlite_api: Api) -> None:
    padding = " " * (MAX_BATCH_BYTES + 1)
    response = sqlite_api.client.post(
        URL,
        content=padding,
        headers={**sqlite_api.as_(Role.DEVICE), "content-type": "application/json"},
    )
    problem_of(response, 413)


@pytest.mark.parametrize(
    ("content", "content_type", "status"),
    [
        ("{not json", "application/json", 400),
        ('{"readings": []}', "application/json", 422),
        ('{"readings": "many"}', "application/json", 422),
        ('[{"serial": "RT-1"}]', "application/json", 422),
        ('{"readings": [], "gateway": "x"}', "application/json", 422),
        ("serial,at\nRT-1,2026-03-27", "text/csv", 415),
    ],
)
def test_a_malformed_batch_is_a_problem(
    sqlite_api: Api, content: str, content_type: str, status: int
) -> None:
    response = sqlite_api.client.post(
        URL, content=content, headers={**sqlite_api.as_(Role.DEVICE), "content-type": content_type}
    )
    problem_of(response, status)


def test_a_device_key_may_send_telemetry_and_nothing_else(sqlite_api: Api) -> None:
    problem_of(sqlite_api.client.get("/api/v1/cases", headers=sqlite_api.as_(Role.DEVICE)), 403)
    problem_of(send(sqlite_api, [], role=Role.ANALYST), 403)


def test_a_device_s_readings_are_read_back_for_a_period_in_time_order(
    api: Api, clock: FixedClock
) -> None:
    device_id = create_boiler(api)
    send(api, day_of_readings(clock)[::-1])
    url = f"/api/v1/telemetry/devices/{device_id}"
    body = api.client.get(url, headers=api.as_(Role.PLANNER)).json()
    assert len(body["readings"]) == 96 and body["truncated"] is False and body["risk"] is None
    times = [r["at"] for r in body["readings"]]
    assert times == sorted(times)
    since = (clock.now() - timedelta(hours=2)).isoformat()
    recent = api.client.get(url, params={"since": since}, headers=api.as_(Role.PLANNER)).json()
    assert len(recent["readings"]) == 8


def test_reading_back_with_a_bad_period_or_device_is_a_problem(
    sqlite_api: Api, clock: FixedClock
) -> None:
    device_id = create_boiler(sqlite_api)
    url = f"/api/v1/telemetry/devices/{device_id}"
    headers = sqlite_api.as_(Role.PLANNER)
    now = clock.now()
    backwards = {"since": now.isoformat(), "until": (now - timedelta(days=1)).isoformat()}
    problem_of(sqlite_api.client.get(url, params=backwards, headers=headers), 422)
    too_long = {"since": (now - timedelta(days=500)).isoformat()}
    problem_of(sqlite_api.client.get(url, params=too_long, headers=headers), 422)
    naive = {"since": "2026-03-01T10:00:00"}
    problem_of(sqlite_api.client.get(url, params=naive, headers=headers), 422)
    problem_of(sqlite_api.client.get("/api/v1/telemetry/devices/nope", headers=headers), 404)


def test_no_model_versions_before_training(sqlite_api: Api) -> None:
    response = sqlite_api.client.get(
        "/api/v1/telemetry/models", headers=sqlite_api.as_(Role.ANALYST)
    )
    assert response.status_code == 200 and response.json() == []

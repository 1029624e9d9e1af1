"""Every route checks its role: missing and unknown keys get 401, the wrong role 403."""

from __future__ import annotations

import pytest

from klantreis.app.api import create_app
from klantreis.core.access import Role
from tests.e2e.conftest import Api

A, P, T, N, D = Role.ADMIN, Role.PLANNER, Role.TECHNICIAN, Role.ANALYST, Role.DEVICE
G = Role.INTEGRATION  # an integration: another system of the firm
# The access policy, written out: who may call what. Admin may call everything.
POLICY: dict[tuple[str, str], set[Role]] = {
    ("POST", "/api/v1/customers"): {A, P},
    ("GET", "/api/v1/customers"): {A, P},
    ("GET", "/api/v1/customers/{customer_id}"): {A, P},
    ("GET", "/api/v1/customers/{customer_id}/devices"): {A, P},
    ("POST", "/api/v1/devices"): {A, P},
    ("GET", "/api/v1/devices"): {A, P},
    ("GET", "/api/v1/devices/{device_id}"): {A, P},
    ("POST", "/api/v1/technicians"): {A},
    ("GET", "/api/v1/technicians"): {A, P, T},
    ("GET", "/api/v1/technicians/{technician_id}"): {A, P, T},
    ("POST", "/api/v1/cases"): {A, P},
    ("GET", "/api/v1/cases"): {A, P, T, N},
    ("GET", "/api/v1/cases/{case_id}"): {A, P, T, N},
    ("POST", "/api/v1/cases/{case_id}/actions/{action}"): {A, P, T},
    ("POST", "/api/v1/cases/{case_id}/finding"): {A, P, T},
    ("POST", "/api/v1/events"): {A, G},
    ("GET", "/api/v1/events"): {A, P, N},
    ("POST", "/api/v1/imports/{kind}"): {A},
    ("GET", "/api/v1/cases/{case_id}/offers"): {A, P},
    ("POST", "/api/v1/cases/{case_id}/booking"): {A, P},
    ("GET", "/api/v1/cases/{case_id}/booking"): {A, P},
    ("PATCH", "/api/v1/cases/{case_id}/booking"): {A, P},
    ("GET", "/api/v1/area-days"): {A, P},
    ("GET", "/api/v1/area-days/{pc4}"): {A, P},
    ("PUT", "/api/v1/area-days/{prefix}"): {A, P},
    ("DELETE", "/api/v1/area-days/{prefix}"): {A, P},
    ("DELETE", "/api/v1/cases/{case_id}/booking"): {A, P},
    ("GET", "/api/v1/cases/{case_id}/booking/invite.ics"): {A, P},
    ("POST", "/api/v1/cases/{case_id}/link"): {A, P},
    ("GET", "/api/v1/day-rules"): {A, P},
    ("POST", "/api/v1/day-rules"): {A, P},
    ("DELETE", "/api/v1/day-rules/{rule_id}"): {A, P},
    ("GET", "/api/v1/plans/{day}"): {A, P},
    ("PUT", "/api/v1/bookings/{booking_id}/pin"): {A, P},
    ("DELETE", "/api/v1/bookings/{booking_id}/pin"): {A, P},
    ("POST", "/api/v1/telemetry/readings"): {A, D},
    ("GET", "/api/v1/telemetry/devices/{device_id}"): {A, P, T},
    ("GET", "/api/v1/telemetry/models"): {A, P, N},
    ("POST", "/api/v1/inbound"): {A, P},
    ("POST", "/api/v1/inbound/{message_id}/handled"): {A, P},
    ("POST", "/api/v1/inbound/{message_id}/callback-outcome"): {A, P},
    ("GET", "/api/v1/inbound/queue"): {A, P},
    ("GET", "/api/v1/inbound/alerts"): {A, P},
}
PUBLIC = {("GET", "/api/v1/health")}


def api_routes() -> set[tuple[str, str]]:
    paths = create_app().openapi()["paths"]
    return {(method.upper(), path) for path, operations in paths.items() for method in operations}


def concrete(path: str) -> str:
    return (
        path.replace("{action}", "depart")
        .replace("{kind}", "customers")
        .replace("{customer_id}", "x")
        .replace("{device_id}", "x")
        .replace("{technician_id}", "x")
        .replace("{case_id}", "x")
        .replace("{rule_id}", "x")
        .replace("{booking_id}", "x")
        .replace("{day}", "2026-03-31")
    )


def test_every_route_is_in_the_written_policy() -> None:
    assert api_routes() == set(POLICY) | PUBLIC


@pytest.mark.parametrize(("method", "path"), sorted(POLICY))
def test_a_request_without_a_key_is_refused_with_401(
    sqlite_api: Api, method: str, path: str
) -> None:
    response = sqlite_api.client.request(method, concrete(path))
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"] == "ApiKey"


@pytest.mark.parametrize(("method", "path"), sorted(POLICY))
def test_an_unknown_key_is_refused_with_401(sqlite_api: Api, method: str, path: str) -> None:
    response = sqlite_api.client.request(
        method, concrete(path), headers={"X-API-Key": "kr_admin_forged"}
    )
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("method", "path", "role"),
    [
        (method, path, role)
        for (method, path), allowed in sorted(POLICY.items())
        for role in Role
        if role not in allowed
    ],
)
def test_a_role_outside_the_policy_is_refused_with_403(
    sqlite_api: Api, method: str, path: str, role: Role
) -> None:
    response = sqlite_api.client.request(method, concrete(path), headers=sqlite_api.as_(role))
    assert response.status_code == 403
    assert response.json()["status"] == 403 and role.value in response.json()["detail"]


@pytest.mark.parametrize(
    ("method", "path", "role"),
    [
        (method, path, role)
        for (method, path), allowed in sorted(POLICY.items())
        for role in Role
        if role in allowed
    ],
)
def test_a_role_inside_the_policy_gets_past_the_door(
    sqlite_api: Api, method: str, path: str, role: Role
) -> None:
    response = sqlite_api.client.request(method, concrete(path), headers=sqlite_api.as_(role))
    assert response.status_code not in (401, 403)


@pytest.mark.parametrize("action", ["invite", "book", "reschedule", "plan", "cancel", "close"])
def test_a_technician_may_not_make_a_planners_move(sqlite_api: Api, action: str) -> None:
    response = sqlite_api.client.post(
        f"/api/v1/cases/x/actions/{action}", headers=sqlite_api.as_(Role.TECHNICIAN)
    )
    assert response.status_code == 403


def test_health_needs_no_key(sqlite_api: Api) -> None:
    response = sqlite_api.client.get("/api/v1/health")
    assert response.status_code == 200 and response.json()["status"] == "ok"


def test_docs_list_the_api(sqlite_api: Api) -> None:
    assert sqlite_api.client.get("/docs").status_code == 200
    paths = sqlite_api.client.get("/openapi.json").json()["paths"]
    assert {"/api/v1/customers", "/api/v1/cases/{case_id}/actions/{action}"} <= set(paths)

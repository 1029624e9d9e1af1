"""The admin's API keys in the console: a key shown once that works at once, one that does
not fit its role refused by field, revoking, the audit trail, and nobody else's page."""

from __future__ import annotations

import re

from klantreis.staff.model import StaffRole
from tests.e2e.conftest import Api
from tests.staff_world import sign_in_as


def test_the_admin_makes_a_key_that_works_at_once_and_revokes_it(api: Api) -> None:
    csrf = sign_in_as(api.client, api.container, StaffRole.ADMIN)
    made = api.client.post(
        "/staff/admin/keys", data={"csrf_token": csrf, "name": "ERP koppeling", "role": "planner"}
    )
    assert made.status_code == 200
    key = re.search(r'data-testid="new-key">([^<]+)<', made.text)
    assert key and key.group(1).startswith("kr_planner_")
    assert api.client.get("/staff/admin/keys").text.count(key.group(1)) == 0  # shown once
    erp = {"X-API-Key": key.group(1)}
    assert api.client.get("/api/v1/day-rules", headers=erp).status_code == 200
    with api.container.uow_factory(read_only=True) as uow:
        (info,) = [k for k in uow.api_keys.list() if k.name == "ERP koppeling"]
    revoked = api.client.post(f"/staff/admin/keys/{info.id}/revoke", data={"csrf_token": csrf})
    assert revoked.status_code == 200 and "Ingetrokken" in revoked.text
    assert api.client.get("/api/v1/day-rules", headers=erp).status_code == 401
    again = api.client.post(f"/staff/admin/keys/{info.id}/revoke", data={"csrf_token": csrf})
    assert again.status_code == 404
    with api.container.uow_factory(read_only=True) as uow:
        trail = [(e.action.value, e.subject_id) for e in uow.audit.list(5)]
    assert trail[:2] == [("api_key_revoked", info.id), ("api_key_created", info.id)]


def test_a_key_that_does_not_fit_its_role_is_refused_by_field_and_not_made(api: Api) -> None:
    csrf = sign_in_as(
        api.client,
        api.container,
        StaffRole.ADMIN,
    )
    before = len(api.client.get("/staff/admin/keys").text)
    refused = api.client.post(
        "/staff/admin/keys", data={"csrf_token": csrf, "name": "gateway", "role": "device"}
    )
    assert refused.status_code == 422 and "serials" in refused.text
    assert "new-key" not in refused.text
    with api.container.uow_factory(read_only=True) as uow:
        assert not [k for k in uow.api_keys.list() if k.name == "gateway"]
    gateway = api.client.post(
        "/staff/admin/keys",
        data={"csrf_token": csrf, "name": "gateway", "role": "device", "serials": "RT-1\nRT-2"},
    )
    assert gateway.status_code == 200 and "2 serials" in gateway.text and before


def test_only_an_admin_sees_the_keys(api: Api) -> None:
    sign_in_as(api.client, api.container, StaffRole.PLANNER, StaffRole.ANALYST)
    assert api.client.get("/staff/admin/keys").status_code == 403
    csrf = sign_in_as(api.client, api.container, StaffRole.ANALYST)
    made = api.client.post(
        "/staff/admin/keys", data={"csrf_token": csrf, "name": "x", "role": "admin"}
    )
    assert made.status_code == 403


def test_a_reload_after_making_a_key_makes_no_second_one(api: Api) -> None:
    csrf = sign_in_as(api.client, api.container, StaffRole.ADMIN)
    form = {"csrf_token": csrf, "name": "CRM", "role": "integration"}
    made = api.client.post("/staff/admin/keys", data=form, follow_redirects=False)
    assert made.status_code == 303 and made.headers["location"] == "/staff/admin/keys"
    cookie = made.headers["set-cookie"].lower()
    assert "secure" in cookie and "httponly" in cookie and "max-age=60" in cookie
    for _ in range(2):  # the page, and a reload of it
        api.client.get("/staff/admin/keys")
    with api.container.uow_factory(read_only=True) as uow:
        assert len([k for k in uow.api_keys.list() if k.name == "CRM"]) == 1

"""Finding 8: no CSRF protection on any form (a cross-site form changed a customer's
e-mail), pages could be framed, no security headers, and /docs loaded from a CDN."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.config import Settings
from klantreis.staff.model import StaffRole
from tests.conftest import FixedClock
from tests.scheduling_world import NOW, add_case, utrecht
from tests.staff_world import sign_in_as

FORM = {
    "salutation": "heer",
    "surname": "Berg",
    "language": "nl",
    "email": "attacker@evil.example",
    "pref_0": "email",
    "consent_service_email": "1",
}


@pytest.fixture
def site(sqlite_url: str) -> Iterator[tuple[Container, TestClient, str]]:
    container = bootstrap(Settings(database_url=sqlite_url), clock=FixedClock(NOW))
    utrecht(container)
    case_id = add_case(container, "c-001")
    # https: the console's session cookie is Secure (the public address's origin still fits).
    with TestClient(create_app(container), base_url="https://127.0.0.1:8000") as client:
        yield container, client, container.links.token_for(case_id)
    container.dispose()


def email_of(container: Container) -> str:
    with container.uow_factory(read_only=True) as uow:
        customer = uow.customers.get("k-c-001")
    assert customer is not None
    return customer.email


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://127.0.0.1:8000"},
        {"Sec-Fetch-Site": "same-site"},
    ],
)
def test_a_form_sent_from_another_site_changes_nothing(
    site: tuple[Container, TestClient, str], headers: dict[str, str]
) -> None:
    container, client, token = site
    before = email_of(container)
    refused = client.post(f"/v/{token}", data=FORM, headers=headers, follow_redirects=False)
    assert refused.status_code == 403 and "andere site" in refused.text
    cancel = client.post(f"/b/{token}/cancel", headers=headers, follow_redirects=False)
    assert cancel.status_code == 403
    assert email_of(container) == before


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://127.0.0.1:8000"},
        {"Sec-Fetch-Site": "same-origin", "Origin": "null"},  # under no-referrer
    ],
)
def test_our_own_forms_still_work(
    site: tuple[Container, TestClient, str], headers: dict[str, str]
) -> None:
    container, client, token = site
    saved = client.post(f"/v/{token}", data=FORM, headers=headers, follow_redirects=False)
    # Past the door: the new address now waits for its confirmation (test_contact_changes).
    assert saved.status_code == 303 and saved.headers["location"].endswith("contact=email")


def test_personal_pages_carry_the_security_headers(
    site: tuple[Container, TestClient, str],
) -> None:
    container, client, token = site
    sign_in_as(client, container, StaffRole.ANALYST)
    for path in (f"/b/{token}", f"/v/{token}", "/staff/analytics", "/staff/sign-in"):
        page = client.get(path)
        assert page.status_code == 200, path
        policy = page.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "script-src 'self';" in policy
        assert "unsafe-inline" not in policy
        assert page.headers["x-frame-options"] == "DENY"
        assert page.headers["referrer-policy"] == "no-referrer"
        assert page.headers["cache-control"] == "no-store"
        assert page.headers["x-content-type-options"] == "nosniff"
        # No inline script or style: only scripts with a source, or inert JSON data.
        for tag in re.findall(r"<script[^>]*>", page.text):
            assert "src=" in tag or 'type="application/json"' in tag, tag
        assert "<style" not in page.text and " style=" not in page.text
    api = client.get("/api/v1/health")
    assert api.headers["x-content-type-options"] == "nosniff"
    assert api.headers["content-security-policy"].startswith("default-src 'none'")


def test_the_api_docs_and_the_charts_script_are_served_from_here(
    site: tuple[Container, TestClient, str],
) -> None:
    _, client, _ = site
    docs = client.get("/docs")
    assert docs.status_code == 200
    external = re.findall(r"""(?:src|href)=["'](https?://[^"']+)""", docs.text)
    assert external == []
    for asset in re.findall(r"""(?:src|href)=["'](/[^"']+)""", docs.text):
        assert client.get(asset).status_code == 200, asset
    plotly = client.get("/static/plotly.min.js")
    assert plotly.status_code == 200 and b"plotly" in plotly.content[:2000].lower()
    assert client.get("/static/charts.js").status_code == 200

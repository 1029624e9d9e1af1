"""Sign-in with the company's identity provider: a real OpenID Connect provider
(node-oidc-provider) started by the test, on both databases. A known, verified account signs
in and is linked; an unknown one, an unverified address, a disabled account, a forged state
and a replayed code are refused."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.config import Settings
from klantreis.devtools.oidc_provider import IdentityProvider, identity_provider
from klantreis.staff.audit import CLI
from klantreis.staff.model import StaffRole
from klantreis.staff.service import create_user, set_active
from klantreis.staff.signed_in import SESSION_COOKIE
from tests.conftest import FixedClock
from tests.scheduling_world import NOW

CALLBACK = "http://127.0.0.1:8000/staff/sign-in/oidc/callback"  # the public address's
ACCOUNTS = {
    "ada@example.nl": {"sub": "idp-0001", "email": "ada@example.nl", "email_verified": True},
    "eve@example.nl": {"sub": "idp-0002", "email": "eve@example.nl", "email_verified": True},
    "bob@example.nl": {"sub": "idp-0003", "email": "bob@example.nl", "email_verified": False},
    "dis@example.nl": {"sub": "idp-0004", "email": "dis@example.nl", "email_verified": True},
}


@pytest.fixture(scope="module")
def provider() -> Iterator[IdentityProvider]:
    with identity_provider(CALLBACK, ACCOUNTS) as started:
        yield started


@pytest.fixture
def site(database_url: str, provider: IdentityProvider) -> Iterator[tuple[Container, TestClient]]:
    settings = Settings(
        database_url=database_url,
        oidc_issuer=provider.issuer,
        oidc_client_id=provider.client_id,
        oidc_client_secret=provider.client_secret,
    )
    container = bootstrap(settings, clock=FixedClock(NOW))
    with container.uow_factory() as uow:
        for email in ("ada@example.nl", "bob@example.nl", "dis@example.nl"):
            create_user(
                uow,
                container.clock,
                CLI,
                email=email,
                name=email.split("@")[0],
                roles=[StaffRole.ADMIN],
            )
        set_active(uow, container.clock, CLI, "dis@example.nl", active=False)
        uow.commit()
    with TestClient(
        create_app(container), base_url="https://testserver", follow_redirects=False
    ) as client:
        yield container, client
    container.dispose()


def through_the_provider(client: TestClient, login: str, back_to: str = "/staff") -> str:
    """Start at our sign-in, walk the provider's redirects as a browser would; the address
    the provider sends the browser back to (path and query)."""
    started = client.get(f"/staff/sign-in/oidc?login_hint={login}&next={back_to}")
    assert started.status_code == 303, started.text
    where = started.headers["location"]
    with httpx.Client(follow_redirects=False) as browser:
        for _ in range(10):
            if where.startswith(CALLBACK):
                parts = urlsplit(where)
                return f"{parts.path}?{parts.query}"
            answer = browser.get(where)
            assert answer.status_code in (302, 303), answer.text[:300]
            where = urljoin(where, answer.headers["location"])
    raise AssertionError("the provider never sent the browser back")


def test_a_known_verified_account_signs_in_and_is_linked_to_its_subject(
    site: tuple[Container, TestClient],
) -> None:
    container, client = site
    assert "Inloggen met uw bedrijfsaccount" in client.get("/staff/sign-in").text
    back = client.get(through_the_provider(client, "ada@example.nl", "/staff/admin/users"))
    assert back.status_code == 303 and back.headers["location"] == "/staff/admin/users"
    assert client.cookies.get(SESSION_COOKIE)
    assert "ada@example.nl" in client.get("/staff/admin/users").text
    with container.uow_factory(read_only=True) as uow:
        linked = uow.staff.by_oidc_subject("idp-0001")
        (entry,) = [e for e in uow.audit.list(20) if e.action.value == "signed_in"]
    assert linked is not None and linked.email == "ada@example.nl"
    assert entry.detail == {"how": "oidc"}


@pytest.mark.parametrize(
    ("login", "says"),
    [
        ("eve@example.nl", "hoort niet bij een actieve medewerker"),  # nobody we know
        ("bob@example.nl", "hoort niet bij een actieve medewerker"),  # address not verified
        ("dis@example.nl", "hoort niet bij een actieve medewerker"),  # disabled
    ],
)
def test_who_is_not_an_active_verified_colleague_is_refused(
    site: tuple[Container, TestClient], login: str, says: str
) -> None:
    _, client = site
    back = client.get(through_the_provider(client, login))
    assert back.status_code == 401 and says in back.text
    assert not client.cookies.get(SESSION_COOKIE)
    assert client.get("/staff").status_code == 303


def test_a_forged_state_and_a_replayed_code_are_refused(
    site: tuple[Container, TestClient],
) -> None:
    _, client = site
    callback = through_the_provider(client, "ada@example.nl")
    forged = callback.replace("state=", "state=x")
    assert client.get(forged).status_code == 401
    callback = through_the_provider(client, "ada@example.nl")
    assert client.get(callback).status_code == 303
    client.cookies.delete(SESSION_COOKIE)
    replayed = client.get(callback)  # the attempt's cookie is spent, the code used
    assert replayed.status_code == 401 and not client.cookies.get(SESSION_COOKIE)
    stranger = TestClient(client.app, base_url="https://testserver", follow_redirects=False)
    assert stranger.get(callback).status_code == 401  # another browser: no attempt of its own


def test_without_a_provider_there_is_no_such_sign_in(sqlite_url: str) -> None:
    container = bootstrap(Settings(database_url=sqlite_url))
    with TestClient(create_app(container), base_url="https://testserver") as client:
        assert "bedrijfsaccount" not in client.get("/staff/sign-in").text
        assert client.get("/staff/sign-in/oidc", follow_redirects=False).status_code == 404
    container.dispose()


def test_an_identity_provider_that_does_not_answer_is_said_not_hidden(sqlite_url: str) -> None:
    from klantreis.devtools.postgres import free_port

    settings = Settings(
        database_url=sqlite_url,
        oidc_issuer=f"http://127.0.0.1:{free_port()}",  # nobody listens there
        oidc_client_id="klantreis",
        oidc_client_secret="secret",
    )
    container = bootstrap(settings)
    with TestClient(create_app(container), base_url="https://testserver") as client:
        answer = client.get("/staff/sign-in/oidc", follow_redirects=False)
    container.dispose()
    assert answer.status_code == 503 and "identity provider cannot be reached" in answer.text

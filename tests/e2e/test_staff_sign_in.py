"""Signing in to the staff console, on both databases: the cookie, wrong passwords, the
lock-out, sessions that end, disabled accounts, CSRF, roles, the reset mail through a real
SMTP server, and the append-only audit trail."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container
from klantreis.core.common import Channel
from klantreis.devtools.smtp import smtp_server
from klantreis.messaging.delivery import deliver_due
from klantreis.messaging.smtp import SmtpSender
from klantreis.staff.audit import CLI
from klantreis.staff.model import StaffRole
from klantreis.staff.service import create_user
from klantreis.staff.signed_in import FORM_COOKIE, SESSION_COOKIE
from tests.conftest import FixedClock

PASSWORD = "correct horse battery"
ADMIN, PLANNER = "ada@example.nl", "piet@example.nl"


@pytest.fixture
def console(container: Container) -> Iterator[TestClient]:
    with container.uow_factory() as uow:
        create_user(
            uow,
            container.clock,
            CLI,
            email=ADMIN,
            name="Ada Admin",
            roles=[StaffRole.ADMIN],
            password=PASSWORD,
        )
        create_user(
            uow,
            container.clock,
            CLI,
            email=PLANNER,
            name="Piet Planner",
            roles=[StaffRole.PLANNER],
            password=PASSWORD,
        )
        uow.commit()
    # https: the session cookie is Secure, so a client sends it over https only.
    with TestClient(
        create_app(container), base_url="https://testserver", follow_redirects=False
    ) as client:
        yield client


def _form_token(client: TestClient, path: str = "/staff/sign-in") -> str:
    page = client.get(path)
    assert page.status_code == 200
    found = re.search(r'name="form_token" value="([^"]+)"', page.text)
    assert found
    return found.group(1)


def sign_in(client: TestClient, email: str, password: str = PASSWORD, next_: str = "") -> int:
    token = _form_token(client)
    answer = client.post(
        "/staff/sign-in",
        data={"email": email, "password": password, "form_token": token, "next": next_},
    )
    return answer.status_code


def csrf(client: TestClient, path: str = "/staff") -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found
    return found.group(1)


def test_signing_in_sets_a_host_only_secure_http_only_cookie_and_opens_the_console(
    console: TestClient,
) -> None:
    token = _form_token(console)
    answer = console.post(
        "/staff/sign-in",
        data={
            "email": PLANNER,
            "password": PASSWORD,
            "form_token": token,
            "next": "/staff?from=test",
        },
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/staff?from=test"
    cookie = next(c for c in answer.headers.get_list("set-cookie") if c.startswith(SESSION_COOKIE))
    flags = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"secure", "httponly", "samesite=lax", "path=/"} <= flags
    assert not any(f.startswith(("domain", "max-age", "expires")) for f in flags)
    home = console.get("/staff")
    assert home.status_code == 200 and "Piet Planner" in home.text
    assert "Planning" in home.text and "/staff/admin/users" not in home.text
    assert "frame-ancestors 'none'" in home.headers["content-security-policy"]


def test_a_wrong_password_is_refused_in_dutch_and_counted(
    console: TestClient, container: Container
) -> None:
    assert sign_in(console, PLANNER, "not the password") == 401
    page = console.get("/staff")
    assert page.status_code == 303  # still nobody signed in
    with container.uow_factory(read_only=True) as uow:
        user = uow.staff.by_email(PLANNER)
    assert user is not None and user.failed_sign_ins == 1
    refused = console.post(
        "/staff/sign-in",
        data={"email": PLANNER, "password": "x", "form_token": _form_token(console)},
    )
    assert "horen niet bij elkaar" in refused.text


def test_after_five_wrong_passwords_even_the_right_one_waits_a_quarter_of_an_hour(
    console: TestClient, clock: FixedClock
) -> None:
    for _ in range(5):
        assert sign_in(console, PLANNER, "not the password") == 401
    assert sign_in(console, PLANNER) == 401
    clock.current += timedelta(minutes=15, seconds=1)
    assert sign_in(console, PLANNER) == 303


def test_a_page_without_a_session_sends_the_browser_to_sign_in_and_back(
    console: TestClient,
) -> None:
    answer = console.get("/staff/admin/audit?before_id=x")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/staff/sign-in?next=/staff/admin/audit%3Fbefore_id%3Dx"
    assert sign_in(console, ADMIN, next_="/staff/admin/audit") == 303
    assert console.get("/staff/admin/audit").status_code == 200


def test_a_role_without_access_is_refused_on_the_server(console: TestClient) -> None:
    assert sign_in(console, PLANNER) == 303
    page = console.get("/staff/admin/users")
    assert page.status_code == 403 and "niet voor uw rol" in page.text
    form = console.post("/staff/admin/users/anyone/disable", data={"csrf_token": csrf(console)})
    assert form.status_code == 403


def test_a_form_without_its_session_s_csrf_token_is_refused(console: TestClient) -> None:
    assert sign_in(console, ADMIN) == 303
    assert console.post("/staff/sign-out").status_code == 403
    assert console.post("/staff/sign-out", data={"csrf_token": "0" * 64}).status_code == 403
    assert console.get("/staff").status_code == 200  # still signed in
    before_sign_in = TestClient(console.app, base_url="https://testserver")
    no_cookie = before_sign_in.post(
        "/staff/sign-in", data={"email": ADMIN, "password": PASSWORD, "form_token": "guess"}
    )
    assert no_cookie.status_code == 403 and SESSION_COOKIE not in no_cookie.headers.get(
        "set-cookie", ""
    )


def test_an_idle_session_ends_and_so_does_one_that_is_signed_out(
    console: TestClient, clock: FixedClock
) -> None:
    assert sign_in(console, PLANNER) == 303
    clock.current += timedelta(minutes=29)
    assert console.get("/staff").status_code == 200  # a request: the idle clock restarts
    clock.current += timedelta(minutes=29)
    assert console.get("/staff").status_code == 200
    clock.current += timedelta(minutes=31)
    assert console.get("/staff").status_code == 303
    assert sign_in(console, PLANNER) == 303
    stolen = console.cookies.get(SESSION_COOKIE)
    out = console.post("/staff/sign-out", data={"csrf_token": csrf(console)})
    assert out.status_code == 303 and out.headers["location"].startswith("/staff/sign-in")
    assert "U bent uitgelogd." in console.get(out.headers["location"]).text
    replayed = TestClient(console.app, base_url="https://testserver", follow_redirects=False)
    replayed.cookies.set(SESSION_COOKIE, stolen or "")
    assert replayed.get("/staff").status_code == 303


def test_a_disabled_account_loses_its_open_session_at_once(
    console: TestClient, container: Container
) -> None:
    planner = TestClient(console.app, base_url="https://testserver", follow_redirects=False)
    assert sign_in(planner, PLANNER) == 303 and planner.get("/staff").status_code == 200
    assert sign_in(console, ADMIN) == 303
    with container.uow_factory(read_only=True) as uow:
        user = uow.staff.by_email(PLANNER)
    assert user is not None
    done = console.post(f"/staff/admin/users/{user.id}/disable", data={"csrf_token": csrf(console)})
    assert done.status_code == 200 and "Uitgeschakeld" in done.text
    assert planner.get("/staff").status_code == 303
    assert sign_in(planner, PLANNER) == 401


def test_an_admin_adds_a_colleague_who_chooses_a_password_from_a_real_mail(
    console: TestClient, container: Container, clock: FixedClock
) -> None:
    assert sign_in(console, ADMIN) == 303
    added = console.post(
        "/staff/admin/users",
        data={
            "csrf_token": csrf(console),
            "name": "An Agent",
            "email": "an@example.nl",
            "role": ["agent", "planner"],
            "language": "en",
        },
    )
    assert added.status_code == 200 and "an@example.nl" in added.text
    with smtp_server() as (port, mailbox):
        senders = {Channel.EMAIL: SmtpSender("127.0.0.1", port, "service@klantreis.example")}
        report = deliver_due(container.uow_factory, clock, senders, container.messenger)
    assert report.sent == 1
    with container.uow_factory(read_only=True) as uow:
        (kept,) = [m for m in uow.outbox.list() if m.recipient == "an@example.nl"]
    assert "/staff/password-reset/" not in kept.text and kept.html is None  # sent: link gone
    (mail,) = mailbox.messages
    assert mail["To"] == "an@example.nl"
    assert mail["Subject"] == "Choose a new password for the Klantreis console"
    body = next(p for p in mail.walk() if p.get_content_type() == "text/plain")
    link = re.search(
        r"https?://\S+/staff/password-reset/([\w-]+)", body.get_payload(decode=True).decode()
    )
    assert link
    path = f"/staff/password-reset/{link.group(1)}"
    colleague = TestClient(console.app, base_url="https://testserver", follow_redirects=False)
    token = _form_token(colleague, path)
    weak = colleague.post(f"{path}?lang=en", data={"password": "short", "form_token": token})
    assert weak.status_code == 422 and "at least 12" in weak.text
    chosen = colleague.post(
        f"{path}?lang=en", data={"password": "a brand new sentence", "form_token": token}
    )
    assert chosen.status_code == 200 and "Sign in with the new password" in chosen.text
    again = colleague.post(
        f"{path}?lang=en", data={"password": "another new sentence", "form_token": token}
    )
    assert again.status_code == 410
    assert sign_in(colleague, "an@example.nl", "a brand new sentence") == 303
    assert "Customer service" in colleague.get("/staff").text  # in English, as asked
    with container.uow_factory(read_only=True) as uow:
        events = uow.events.list(0, 50, None, None)
    assert not any("password" in e.touchpoint for e in events)  # on nobody's journey


def test_a_refused_change_on_the_staff_page_names_the_field_and_writes_nothing(
    console: TestClient, container: Container
) -> None:
    assert sign_in(console, ADMIN) == 303
    refused = console.post(
        "/staff/admin/users",
        data={
            "csrf_token": csrf(console),
            "name": "X",
            "email": "not-an-address",
            "role": ["planner"],
        },
    )
    assert refused.status_code == 422 and "email" in refused.text
    with container.uow_factory(read_only=True) as uow:
        assert uow.staff.count() == 2
        assert uow.outbox.counts() == {}


def test_the_audit_trail_is_append_only_on_the_database_itself(container: Container) -> None:
    with container.uow_factory() as uow:
        create_user(
            uow, container.clock, CLI, email="x@example.nl", name="X", roles=[StaffRole.ANALYST]
        )
        uow.commit()
    statements = ["UPDATE audit_log SET actor_label = 'someone else'", "DELETE FROM audit_log"]
    if container.engine.dialect.name == "postgresql":
        statements.append("TRUNCATE audit_log")
    for statement in statements:
        with container.engine.connect() as connection, pytest.raises(Exception) as refused:
            connection.execute(text(statement))
        assert "append-only" in str(refused.value)
    with container.engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM audit_log")) == 1


def test_the_admin_exports_the_trail_and_the_export_is_its_next_line(
    console: TestClient,
) -> None:
    assert sign_in(console, ADMIN) == 303
    page = console.get("/staff/admin/audit")
    assert page.status_code == 200 and "signed in" in page.text
    exported = console.post("/staff/admin/audit.csv", data={"csrf_token": csrf(console)})
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    lines = exported.text.strip().splitlines()
    assert lines[0].startswith("at_utc,actor") and any(",signed_in," in line for line in lines)
    assert PASSWORD not in exported.text
    assert "audit_exported" in console.get("/staff/admin/audit").text.replace(" ", "_")
    assert console.post("/staff/admin/audit.csv").status_code == 403  # no CSRF token


def test_the_form_cookie_before_sign_in_is_host_only_and_http_only(console: TestClient) -> None:
    page = console.get("/staff/sign-in?lang=en")
    cookie = next(c for c in page.headers.get_list("set-cookie") if c.startswith(FORM_COOKIE))
    assert "secure" in cookie.lower() and "httponly" in cookie.lower()
    assert 'lang="en"' in page.text and "Sign in" in page.text


def test_signing_in_again_ends_the_session_the_browser_had(
    console: TestClient, container: Container
) -> None:
    earlier_form = _form_token(console)  # a sign-in page opened before, in another tab
    assert sign_in(console, PLANNER) == 303
    first = console.cookies.get(SESSION_COOKIE)
    again = console.post(
        "/staff/sign-in", data={"email": ADMIN, "password": PASSWORD, "form_token": earlier_form}
    )
    assert again.status_code == 303 and console.cookies.get(SESSION_COOKIE) != first
    old = TestClient(console.app, base_url="https://testserver", follow_redirects=False)
    old.cookies.set(SESSION_COOKIE, first or "")
    assert old.get("/staff").status_code == 303  # the planner's session ended


def test_bad_input_is_refused_without_an_error(console: TestClient) -> None:
    assert sign_in(console, "piet\x00@example.nl") == 401  # no 500 on PostgreSQL
    assert sign_in(console, ADMIN) == 303
    naive = console.get("/staff/admin/audit?before_at=2026-01-01T00:00:00&before_id=x")
    assert naive.status_code == 422 and "Dat lukte niet" in naive.text
    assert console.get("/staff/planner/cases?after_at=2026-01-01T00:00:00").status_code == 422


def test_one_client_trying_too_often_waits_whatever_the_accounts(
    console: TestClient, clock: FixedClock
) -> None:
    token = _form_token(console)
    for n in range(20):  # spraying one guess over many accounts
        guess = {"email": f"user{n}@example.nl", "password": "Welkom2026!", "form_token": token}
        assert console.post("/staff/sign-in", data=guess).status_code == 401
    refused = console.post("/staff/sign-in", data={**guess, "email": PLANNER})
    assert refused.status_code == 429 and "te vaak geprobeerd" in refused.text
    assert 0 < int(refused.headers["retry-after"]) <= 600
    clock.current += timedelta(minutes=10, seconds=1)
    assert sign_in(console, PLANNER) == 303

"""``klantreis user`` and ``klantreis audit``: accounts from the command line, bad input
named by its option, every step in the audit trail."""

from __future__ import annotations

import csv
import io
import re

import pytest
from typer.testing import CliRunner

from klantreis.app.bootstrap import bootstrap
from klantreis.app.config import Settings
from klantreis.cli.main import app
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.staff.passwords import password_matches

runner = CliRunner()


@pytest.fixture
def database(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("KLANTREIS_DATABASE_URL", sqlite_url)
    return sqlite_url


def test_a_first_password_is_printed_once_and_only_its_hash_is_kept(database: str) -> None:
    result = runner.invoke(
        app,
        [
            "user",
            "create",
            "Ada@Example.nl",
            "--name",
            "Ada",
            "--role",
            "admin",
            "--print-password",
        ],
    )
    assert result.exit_code == 0, result.output
    password = re.search(r"first password \(shown once\): (\S+)", result.output)
    assert password
    container = bootstrap(Settings(database_url=database))
    with container.uow_factory(read_only=True) as uow:
        user = uow.staff.by_email("ada@example.nl")
    container.dispose()
    assert user is not None and user.password_hash is not None
    assert password.group(1) not in user.password_hash
    assert password_matches(user.password_hash, password.group(1))


def test_without_a_password_the_colleague_gets_a_mail_to_choose_one(database: str) -> None:
    result = runner.invoke(
        app,
        [
            "user",
            "create",
            "an@example.nl",
            "--name",
            "An",
            "--role",
            "agent",
            "--role",
            "planner",
            "--language",
            "en",
        ],
    )
    assert result.exit_code == 0 and "outbox" in result.output
    container = bootstrap(Settings(database_url=database))
    with container.uow_factory(read_only=True) as uow:
        (mail,) = uow.outbox.list()
    container.dispose()
    assert mail.touchpoint is Touchpoint.PASSWORD_RESET and mail.recipient == "an@example.nl"
    assert "/staff/password-reset/" in mail.text and mail.language.value == "en"


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["not-an-address", "--name", "X", "--role", "planner"], "--email"),
        (["t@example.nl", "--name", "X", "--role", "technician"], "--technician"),
        (
            ["t@example.nl", "--name", "X", "--role", "technician", "--technician", "t-9"],
            "technician 't-9' does not exist",
        ),
        (["t@example.nl", "--name", " ", "--role", "planner"], "--name"),
    ],
)
def test_a_bad_account_is_refused_by_its_option_and_nothing_is_stored(
    database: str, arguments: list[str], named: str
) -> None:
    result = runner.invoke(app, ["user", "create", *arguments])
    assert result.exit_code == 2 and named in result.output
    assert runner.invoke(app, ["user", "list"]).output.strip() == ""


def test_disable_reset_and_the_exported_trail(database: str) -> None:
    runner.invoke(
        app,
        [
            "user",
            "create",
            "piet@example.nl",
            "--name",
            "Piet",
            "--role",
            "planner",
            "--print-password",
        ],
    )
    assert runner.invoke(app, ["user", "disable", "piet@example.nl"]).exit_code == 0
    assert "disabled" in runner.invoke(app, ["user", "list"]).output
    unknown = runner.invoke(app, ["user", "reset", "nobody@example.nl"])
    assert unknown.exit_code == 1 and "no active staff account" in unknown.output
    assert runner.invoke(app, ["user", "disable", "nobody@example.nl"]).exit_code == 2
    roles = runner.invoke(app, ["user", "roles", "piet@example.nl", "--role", "analyst"])
    assert roles.exit_code == 0 and "analyst" in roles.output
    exported = runner.invoke(app, ["audit", "export"])
    rows = list(csv.reader(io.StringIO(exported.output)))
    assert rows[0][:4] == ["at_utc", "actor", "actor_user_id", "action"]
    assert [r[3] for r in rows[1:]] == ["roles_changed", "user_disabled", "user_created"]
    again = list(csv.reader(io.StringIO(runner.invoke(app, ["audit", "export"]).output)))
    assert again[1][3] == "audit_exported"


def test_the_demo_creates_the_first_admin_once_and_prints_the_password_once(
    sqlite_url: str,
) -> None:
    from datetime import date

    from klantreis.cli.demo import DEMO_ADMIN, print_links
    from klantreis.core.console import console
    from klantreis.staff.service import sign_in

    container = bootstrap(Settings(database_url=sqlite_url))
    with console.capture() as first:
        print_links(container, "http://127.0.0.1:8000", date(2026, 10, 12))
    with console.capture() as second:
        print_links(container, "http://127.0.0.1:8000", date(2026, 10, 12))
    shown = re.search(rf"first admin: {DEMO_ADMIN}, password \(shown once\): (\S+)", first.get())
    assert shown and "http://127.0.0.1:8000/staff" in first.get()
    assert "password" not in second.get() and "http://127.0.0.1:8000/staff" in second.get()
    with container.uow_factory() as uow:
        assert sign_in(uow, container.clock, DEMO_ADMIN, shown.group(1)) is not None
    container.dispose()

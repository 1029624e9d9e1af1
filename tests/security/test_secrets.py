"""Finding 1: a forgotten setting ran production on the public default secret, a one-
character secret was accepted, and whoever knew the link-signing secret could decrypt stored
calendar credentials."""

from __future__ import annotations

import base64
import hashlib
import secrets
import stat
from pathlib import Path

import pytest
from cryptography.fernet import Fernet, InvalidToken
from fastapi.testclient import TestClient
from pydantic import ValidationError
from typer.testing import CliRunner

from klantreis.app.api import create_app
from klantreis.app.bootstrap import bootstrap
from klantreis.app.config import DEVELOPMENT_SECRET, Settings
from klantreis.cli.demo import demo_secret
from klantreis.cli.main import app as cli
from klantreis.core.crypto import BOOKING_LINKS, KeyRing, derive
from klantreis.scheduling.calendar_links import rotate_calendar_secrets
from klantreis.scheduling.ports import CalendarLink
from tests.scheduling_world import NOW, add_case


@pytest.mark.parametrize(
    ("secret", "why"),
    [
        ("", "at least 32 bytes"),
        ("x", "at least 32 bytes"),
        (DEVELOPMENT_SECRET, "public development secret"),
        ("a" * 40, "does not look random"),
    ],
)
def test_outside_development_a_weak_secret_is_refused(secret: str, why: str) -> None:
    with pytest.raises(ValidationError, match=why):
        Settings(environment="production", secret_key=secret)
    Settings(environment="production", secret_key=secrets.token_urlsafe(32))  # a real one


def test_a_server_without_a_secret_or_a_said_environment_refuses_to_start(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    monkeypatch.delenv("KLANTREIS_ENVIRONMENT", raising=False)
    monkeypatch.delenv("KLANTREIS_SECRET_KEY", raising=False)
    monkeypatch.setenv("KLANTREIS_DATABASE_URL", sqlite_url)
    assert "KLANTREIS_SECRET_KEY is not set" in (Settings().serving_problem() or "")
    refused = CliRunner().invoke(cli, ["serve", "--port", "1"])
    assert refused.exit_code == 2 and "KLANTREIS_SECRET_KEY is not set" in refused.output
    with (
        pytest.raises(RuntimeError, match="KLANTREIS_SECRET_KEY is not set"),
        TestClient(create_app()),
    ):
        pass
    monkeypatch.setenv("KLANTREIS_ENVIRONMENT", "development")
    assert Settings().serving_problem() is None
    monkeypatch.delenv("KLANTREIS_ENVIRONMENT")
    monkeypatch.setenv("KLANTREIS_SECRET_KEY", secrets.token_urlsafe(32))
    assert Settings().serving_problem() is None


def test_the_link_signing_key_does_not_open_stored_calendar_credentials() -> None:
    secret = secrets.token_urlsafe(32)
    stored = KeyRing(secret).cipher().encrypt("caldav-password")
    link_key = derive(secret, BOOKING_LINKS)
    with pytest.raises(InvalidToken):
        Fernet(base64.urlsafe_b64encode(link_key)).decrypt(stored.encode())
    assert KeyRing(secret).cipher().decrypt(stored) == "caldav-password"


def test_calendar_credentials_survive_a_rotation_of_the_secret(sqlite_url: str) -> None:
    old, new = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    before = bootstrap(Settings(database_url=sqlite_url, secret_key=old))
    add_case(before, "c-001")
    with before.uow_factory() as uow:
        secret = before.cipher.encrypt("caldav-password")
        uow.calendar_links.put(CalendarLink("k-c-001", "caldav", "x", "u", secret, [], NOW))
        uow.commit()
    before.dispose()
    during = bootstrap(
        Settings(database_url=sqlite_url, secret_key=new, previous_secret_keys=[old])
    )
    with during.uow_factory() as uow:
        link = uow.calendar_links.get("k-c-001")
        assert link is not None and during.cipher.decrypt(link.secret) == "caldav-password"
        assert rotate_calendar_secrets(uow, during.cipher) == 1
        uow.commit()
    during.dispose()
    after = bootstrap(Settings(database_url=sqlite_url, secret_key=new))
    with after.uow_factory() as uow:
        link = uow.calendar_links.get("k-c-001")
        assert link is not None and after.cipher.decrypt(link.secret) == "caldav-password"
    with pytest.raises(ValueError, match="cannot be decrypted"):
        KeyRing(old).cipher().decrypt(link.secret)
    after.dispose()


def test_credentials_stored_before_keys_were_derived_per_purpose_still_decrypt() -> None:
    secret = secrets.token_urlsafe(32)
    legacy_key = hashlib.sha256(b"klantreis-calendar-secrets:" + secret.encode()).digest()
    stored = Fernet(base64.urlsafe_b64encode(legacy_key)).encrypt(b"old-password").decode()
    assert KeyRing(secret).cipher().decrypt(stored) == "old-password"


def test_each_demo_folder_has_its_own_private_secret(tmp_path: Path) -> None:
    first = demo_secret(tmp_path / "one")
    assert demo_secret(tmp_path / "one") == first
    assert demo_secret(tmp_path / "two") != first and len(first) >= 43
    mode = (tmp_path / "one" / "secret.key").stat().st_mode
    assert stat.S_IMODE(mode) == 0o600


def test_a_weak_previous_key_or_a_weak_secret_with_no_environment_said_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    strong = secrets.token_urlsafe(32)
    with pytest.raises(ValidationError, match="PREVIOUS_SECRET_KEYS entry 1"):
        Settings(environment="production", secret_key=strong, previous_secret_keys=["x"])
    with pytest.raises(ValidationError, match="PREVIOUS_SECRET_KEYS entry 1"):
        Settings(environment="test", previous_secret_keys=[""])
    monkeypatch.delenv("KLANTREIS_ENVIRONMENT", raising=False)
    monkeypatch.setenv("KLANTREIS_SECRET_KEY", "x")
    assert "at least 32 bytes" in (Settings().serving_problem() or "")

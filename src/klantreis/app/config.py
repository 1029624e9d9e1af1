"""Settings, read from the environment (``KLANTREIS_*``) in one place."""

from __future__ import annotations

from datetime import time
from typing import Annotated, Self

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_SECRET = "development-only-secret-change-me"
RELAXED = frozenset({"development", "test"})  # environments that may run on the placeholder
MIN_SECRET_BYTES = 32
MIN_DISTINCT_CHARACTERS = 16  # 32 random url-safe characters have about 25 distinct ones
HOW_TO_MAKE_ONE = "make one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KLANTREIS_", env_file=".env", extra="ignore")

    environment: str = "development"
    database_url: str = "sqlite:///klantreis.db"
    # How long a request waits for the database (SQLite's write lock, a pooled connection)
    # before it is answered 503 with Retry-After.
    database_busy_seconds: float = 10.0
    secret_key: str = DEVELOPMENT_SECRET
    # Rotating the secret: the old one goes here until `klantreis apikey rotate-secrets` ran
    # and the links it signed have expired.
    previous_secret_keys: list[str] = []
    public_base_url: str = "http://127.0.0.1:8000"
    max_import_bytes: int = 50_000_000
    max_page_size: int = 500
    link_max_age_days: int = 21
    # A staff session ends after this long without a request, and this long after sign-in.
    staff_idle_minutes: Annotated[int, Field(ge=1, le=24 * 60)] = 30
    staff_session_hours: Annotated[int, Field(ge=1, le=7 * 24)] = 12
    # Sign-in with the company's identity provider (OpenID Connect); unset: passwords only.
    # The provider sends people back to <public_base_url>/staff/sign-in/oidc/callback.
    oidc_issuer: str = ""
    oidc_client_id: str = ""
    oidc_client_secret: str = ""
    # A firm's own appliance catalogue (a copy of adapters/fleet/data/appliances.toml); unset:
    # the one that ships.
    appliance_catalogue: str = ""
    # What a predicted visit weighs against a breakdown (domain/predicted_visits.py; unset:
    # the defaults there, whose sources docs/PREDICTION.md gives).
    predict_visit_euro: float | None = None
    predict_repair_premium_euro: float | None = None
    predict_downtime_days: float | None = None
    predict_downtime_euro_per_day: dict[str, float] | None = None  # per persona
    # The slot grid and how windows are judged (see README, "Self-scheduling").
    slot_first_start: time = time(8)
    slot_last_end: time = time(18)
    slot_step_minutes: int = 120
    offer_horizon_days: int = 10
    offer_lead_hours: int = 16
    offer_eco_minutes: float = 15.0
    offer_max_added_minutes: float = 75.0
    # What the day planner minimises: the firm's cost of a technician hour and a van km.
    plan_euro_per_hour: float = 45.0
    plan_euro_per_km: float = 0.35
    offer_area_days: bool = True  # rank each customer's area days first (docs/TWIN.md)
    offer_off_area_premium_minutes: float = 45.0
    offer_recommended: int = 6
    offer_recommended_min_days: int = 3
    organiser_email: str = "planning@klantreis.example"
    # Customers' calendar addresses are never fetched from private networks, except from
    # these hosts (a company's own CalDAV server), e.g. '["caldav.intern.example"]'.
    calendar_allowed_hosts: list[str] = []
    calendar_fetch_seconds: float = 10.0
    # Outbound messages (see README, "Messages").
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    mail_from: str = "Klantreis <service@klantreis.example>"
    sms_url: str = ""  # an Apprise URL with {to}, e.g. json://gateway/sms?to={to}
    whatsapp_url: str = ""
    push_url: str = ""
    letter_dir: str = "letters"
    photo_dir: str = "photos"  # technicians' photos of what they found at a visit

    @model_validator(mode="after")
    def _refuse_weak_secret(self) -> Self:
        if self.environment not in RELAXED:
            problem = secret_problem(self.secret_key)
            if problem:
                raise ValueError(f"KLANTREIS_SECRET_KEY {problem} ({HOW_TO_MAKE_ONE})")
        for number, previous in enumerate(self.previous_secret_keys, 1):
            # An old key still verifies links: a weak one would let anyone forge them.
            if secret_problem(previous) and (
                self.environment not in RELAXED or previous in ("", DEVELOPMENT_SECRET)
            ):
                raise ValueError(
                    f"KLANTREIS_PREVIOUS_SECRET_KEYS entry {number} {secret_problem(previous)}"
                )
        return self

    def serving_problem(self) -> str | None:
        """Why a server must not start with these settings: the public development secret
        is used, and nobody said this is development."""
        if "environment" in self.model_fields_set:
            return None  # said explicitly; outside development the validator has checked
        if self.secret_key == DEVELOPMENT_SECRET:
            return (
                "KLANTREIS_SECRET_KEY is not set: set it to 32 or more random bytes "
                f"({HOW_TO_MAKE_ONE}), or set KLANTREIS_ENVIRONMENT=development to run on the "
                "public development secret"
            )
        problem = secret_problem(self.secret_key)
        return f"KLANTREIS_SECRET_KEY {problem} ({HOW_TO_MAKE_ONE})" if problem else None


def secret_problem(secret: str) -> str | None:
    """What is wrong with ``secret`` as the key everything is signed and encrypted with."""
    if secret == DEVELOPMENT_SECRET:
        return "is the public development secret"
    if len(secret.encode()) < MIN_SECRET_BYTES:
        return f"must be at least {MIN_SECRET_BYTES} bytes of random characters"
    if len(set(secret)) < MIN_DISTINCT_CHARACTERS:
        return "does not look random"
    return None

"""Staff accounts and their sessions: who may sign in, for how long, and when they are locked out.

Pure rules; the hashing, the storage and the cookies live beside them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from klantreis.core.common import Language, to_utc
from klantreis.core.domain_errors import InvalidValue

# OWASP's Authentication Cheat Sheet: lock after a handful of failures, for a while, so that
# guessing is slow but a forgetful colleague is not shut out for the day.
MAX_FAILED_SIGN_INS = 5
LOCK_OUT = timedelta(minutes=15)
# NIST SP 800-63B (5.1.1.2): at least 8 characters, allow at least 64; we ask 12 because a
# staff account reads customers' names and addresses. Longer than 256 is refused so that a
# megabyte "password" cannot tie up Argon2.
MIN_PASSWORD = 12
MAX_PASSWORD = 256
EMAIL = re.compile(r"^[^@\s\x00]{1,64}@[^@\s\x00]+\.[^@\s\x00]{2,}$")


class StaffRole(StrEnum):
    """What a person does; each staff page names the roles it serves (admin: all of them)."""

    ADMIN = "admin"
    PLANNER = "planner"
    AGENT = "agent"  # customer service: the inbound queue, booking for a customer who phones
    TECHNICIAN = "technician"
    ANALYST = "analyst"


def normalise_email(email: str) -> str:
    address = email.strip().lower()
    if len(address) > 254 or not EMAIL.match(address):
        raise InvalidValue("email", f"'{email.strip()[:80]}' is not an e-mail address")
    return address


class PasswordProblem(StrEnum):
    """Why a password may not be used; the value is what the command line says, the pages
    say it in the person's language (``staff_password_<name>``)."""

    TOO_SHORT = f"a password needs at least {MIN_PASSWORD} characters"
    TOO_LONG = f"a password has at most {MAX_PASSWORD} characters"
    IS_THE_EMAIL = "a password may not be the e-mail address"
    TOO_SIMPLE = "a password needs more than a few different characters"


def password_problem(password: str, email: str) -> PasswordProblem | None:
    if len(password) < MIN_PASSWORD:
        return PasswordProblem.TOO_SHORT
    if len(password) > MAX_PASSWORD:
        return PasswordProblem.TOO_LONG
    if password.strip().lower() == email.strip().lower():
        return PasswordProblem.IS_THE_EMAIL
    if len(set(password)) < 4:
        return PasswordProblem.TOO_SIMPLE
    return None


@dataclass(frozen=True, slots=True)
class StaffUser:
    id: str
    email: str
    name: str
    roles: frozenset[StaffRole]
    language: Language
    created_at: datetime
    active: bool = True
    # None: signs in only with the company's identity provider.
    password_hash: str | None = None
    failed_sign_ins: int = 0
    locked_until: datetime | None = None
    technician_id: str | None = None  # a technician's own route
    oidc_subject: str | None = None  # the identity provider's ``sub`` once linked

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise InvalidValue("name", "a staff member needs a name")
        if not self.roles:
            raise InvalidValue("roles", "a staff member needs at least one role")
        if StaffRole.TECHNICIAN in self.roles and not self.technician_id:
            raise InvalidValue("technician", "a technician's account names the technician")
        object.__setattr__(self, "created_at", to_utc("created_at", self.created_at))

    def may(self, *roles: StaffRole) -> bool:
        """Whether this person serves any of ``roles`` (an admin serves every one)."""
        return StaffRole.ADMIN in self.roles or bool(self.roles & set(roles))

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def after_failed_sign_in(self, now: datetime) -> StaffUser:
        """One more wrong password; the last one allowed locks the account for a while."""
        failed = self.failed_sign_ins + 1
        if failed >= MAX_FAILED_SIGN_INS:
            return replace(self, failed_sign_ins=0, locked_until=now + LOCK_OUT)
        return replace(self, failed_sign_ins=failed)

    def after_sign_in(self) -> StaffUser:
        return replace(self, failed_sign_ins=0, locked_until=None)


@dataclass(frozen=True, slots=True)
class SessionPolicy:
    """How long a session lives: ``idle`` since its last request, ``absolute`` since sign-in
    (OWASP Session Management: short idle, a working day at most)."""

    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=12)
    # A session's last request is written at most this often, not on every page.
    touch_every: timedelta = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class StaffSession:
    id: str
    user_id: str
    started_at: datetime
    last_seen_at: datetime
    ended_at: datetime | None = None
    context: dict[str, str] = field(default_factory=dict)  # how it was opened: password, oidc

    def live(self, now: datetime, policy: SessionPolicy) -> bool:
        return (
            self.ended_at is None
            and now < self.last_seen_at + policy.idle
            and now < self.started_at + policy.absolute
        )

    def due_for_touch(self, now: datetime, policy: SessionPolicy) -> bool:
        return now - self.last_seen_at >= policy.touch_every

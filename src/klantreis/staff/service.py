"""Staff accounts: create, disable, sign in and out, reset a password. Every step that
changes who may do what is written to the audit trail in the same unit of work."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from klantreis.core.common import Language
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.errors import Conflict, found
from klantreis.core.ids import new_id
from klantreis.core.ports import Clock
from klantreis.core.records import strip_nul
from klantreis.core.technicians import get_technician
from klantreis.messaging.outbox_service import enqueue_to_staff
from klantreis.messaging.ports import Templates
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.staff.audit import Actor, AuditAction, AuditEntry, SubjectKind
from klantreis.staff.model import (
    SessionPolicy,
    StaffRole,
    StaffSession,
    StaffUser,
    normalise_email,
    password_problem,
)
from klantreis.staff.passwords import hash_password, needs_new_hash, password_matches
from klantreis.staff.ports import StaffUnit

RESET_VALID = timedelta(hours=1)
# One answer for every refusal, so that it does not tell who has an account (OWASP).
REFUSED = "refused"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def audit(
    uow: StaffUnit,
    clock: Clock,
    actor: Actor,
    action: AuditAction,
    subject_kind: SubjectKind,
    subject_id: str,
    **detail: str,
) -> None:
    uow.audit.append(
        AuditEntry(new_id(), clock.now(), actor, action, subject_kind, subject_id, detail)
    )


def actor_of(user: StaffUser) -> Actor:
    return Actor(user.email, user.id)


def create_user(
    uow: StaffUnit,
    clock: Clock,
    actor: Actor,
    *,
    email: str,
    name: str,
    roles: Iterable[StaffRole],
    language: Language = Language.NL,
    technician_id: str | None = None,
    password: str | None = None,
) -> StaffUser:
    """A new account; without ``password`` it signs in only after a reset (or by OIDC)."""
    address = normalise_email(email)
    if uow.staff.by_email(address) is not None:
        raise Conflict(f"a staff member with e-mail address '{address}' exists already")
    if technician_id is not None:
        get_technician(uow, technician_id)
    if password is not None and (problem := password_problem(password, address)):
        raise InvalidValue("password", problem.value)
    user = StaffUser(
        id=new_id(),
        email=address,
        name=strip_nul(name).strip()[:120],
        roles=frozenset(roles),
        language=language,
        created_at=clock.now(),
        password_hash=hash_password(password) if password is not None else None,
        technician_id=technician_id,
    )
    uow.staff.add(user)
    audit(
        uow,
        clock,
        actor,
        AuditAction.USER_CREATED,
        SubjectKind.USER,
        user.id,
        email=address,
        roles=",".join(sorted(user.roles)),
    )
    return user


def user_by_email(uow: StaffUnit, email: str) -> StaffUser:
    address = normalise_email(email)
    return found(uow.staff.by_email(address), "staff member", address)


def _refuse_losing_the_last_admin(uow: StaffUnit, user: StaffUser) -> None:
    others = [
        u for u in uow.staff.list() if u.id != user.id and u.active and StaffRole.ADMIN in u.roles
    ]
    if StaffRole.ADMIN in user.roles and not others:
        raise Conflict("this is the last active admin: make another admin first")


def set_active(uow: StaffUnit, clock: Clock, actor: Actor, email: str, active: bool) -> StaffUser:
    """Disable (every session ends at once) or enable an account. Nobody disables their own
    account, and the last active admin stays."""
    before = user_by_email(uow, email)
    if not active:
        if actor.user_id == before.id:
            raise Conflict("you cannot disable your own account")
        _refuse_losing_the_last_admin(uow, before)
    user = replace(before, active=active, failed_sign_ins=0, locked_until=None)
    uow.staff.save(user)
    if not active:
        uow.staff.end_sessions_of(user.id, clock.now())
    action = AuditAction.USER_ENABLED if active else AuditAction.USER_DISABLED
    audit(uow, clock, actor, action, SubjectKind.USER, user.id)
    return user


def set_roles(
    uow: StaffUnit, clock: Clock, actor: Actor, email: str, roles: Iterable[StaffRole]
) -> StaffUser:
    before = user_by_email(uow, email)
    user = replace(before, roles=frozenset(roles))
    if StaffRole.ADMIN in before.roles - user.roles:
        if actor.user_id == user.id:
            raise Conflict("an admin cannot take away their own admin role")
        _refuse_losing_the_last_admin(uow, before)
    uow.staff.save(user)
    audit(
        uow,
        clock,
        actor,
        AuditAction.ROLES_CHANGED,
        SubjectKind.USER,
        user.id,
        before=",".join(sorted(before.roles)),
        after=",".join(sorted(user.roles)),
    )
    return user


def create_first_admin(uow: StaffUnit, clock: Clock, actor: Actor, email: str) -> str | None:
    """An admin with a new password (returned, to be shown once) when there is no staff
    account at all; None when there is one."""
    if uow.staff.count():
        return None
    password = secrets.token_urlsafe(15)
    create_user(
        uow, clock, actor, email=email, name="Admin", roles=[StaffRole.ADMIN], password=password
    )
    return password


@dataclass(frozen=True, slots=True)
class SignedIn:
    user: StaffUser
    session: StaffSession
    token: str  # for the cookie only: never stored, never logged


def open_session(uow: StaffUnit, clock: Clock, user: StaffUser, how: str) -> SignedIn:
    token = secrets.token_urlsafe(32)
    now = clock.now()
    session = StaffSession(new_id(), user.id, now, now, context={"how": how})
    uow.staff.open_session(session, token_hash(token))
    audit(uow, clock, actor_of(user), AuditAction.SIGNED_IN, SubjectKind.USER, user.id, how=how)
    return SignedIn(user, session, token)


def _refused_sign_in(
    uow: StaffUnit, clock: Clock, user: StaffUser, action: AuditAction, reason: str
) -> SignedIn | None:
    """No session, and the refusal in the account's audit trail."""
    audit(uow, clock, actor_of(user), action, SubjectKind.USER, user.id, reason=reason)
    return None


def sign_in(uow: StaffUnit, clock: Clock, email: str, password: str) -> SignedIn | None:
    """A new session, or None: an unknown address, a wrong password, a disabled or locked
    account are refused alike. A wrong password counts towards the lock-out; the caller
    commits that too (it is no error of the request)."""
    now = clock.now()
    try:
        address = normalise_email(email)
    except InvalidValue:
        password_matches(None, password)  # as long as for an address we know
        return None
    user = uow.staff.by_email(address, for_update=True)
    right = password_matches(user.password_hash if user else None, password)
    if user is None or not user.active:
        return None
    if user.password_hash is None:  # signs in with the identity provider only: no lock-out
        return _refused_sign_in(uow, clock, user, AuditAction.SIGN_IN_REFUSED, "no password")
    if user.locked(now):
        return _refused_sign_in(uow, clock, user, AuditAction.SIGN_IN_REFUSED, "locked")
    if not right:
        after = user.after_failed_sign_in(now)
        uow.staff.save(after)
        action = AuditAction.LOCKED_OUT if after.locked(now) else AuditAction.SIGN_IN_REFUSED
        return _refused_sign_in(uow, clock, user, action, "wrong password")
    stored = user.password_hash
    user = user.after_sign_in()
    if stored is not None and needs_new_hash(stored):
        user = replace(user, password_hash=hash_password(password))
    uow.staff.save(user)
    return open_session(uow, clock, user, "password")


def sign_in_with_identity(
    uow: StaffUnit, clock: Clock, subject: str, email: str, email_verified: bool
) -> SignedIn | None:
    """A session for the account the identity provider vouches for: the one linked to
    ``subject``, or on first use the one with that (verified) address, which is then linked.
    None for nobody, a disabled account, or an address linked to another subject."""
    user = uow.staff.by_oidc_subject(subject)
    if user is None and email_verified and email:
        try:
            user = uow.staff.by_email(normalise_email(email), for_update=True)
        except InvalidValue:
            user = None
        if user is not None and user.oidc_subject not in (None, subject):
            user = None
        if user is not None and user.active:
            user = replace(user, oidc_subject=subject)
            uow.staff.save(user)
            audit(
                uow,
                clock,
                actor_of(user),
                AuditAction.IDENTITY_LINKED,
                SubjectKind.USER,
                user.id,
                subject=subject[:64],
            )
    if user is None:
        return None
    if not user.active:  # the password lock-out is not the identity provider's business
        return _refused_sign_in(uow, clock, user, AuditAction.SIGN_IN_REFUSED, "disabled")
    return open_session(uow, clock, user, "oidc")


@dataclass(frozen=True, slots=True)
class SignedInAs:
    user: StaffUser
    session: StaffSession


def session_of(
    uow: StaffUnit, clock: Clock, token: str, policy: SessionPolicy
) -> SignedInAs | None:
    """Whose live session ``token`` opens; None when unknown, ended, idle too long, too old
    or the account was disabled since."""
    if not token or len(token) > 128:
        return None
    session = uow.staff.session_by_token_hash(token_hash(token))
    if session is None or not session.live(clock.now(), policy):
        return None
    user = uow.staff.get(session.user_id)
    if user is None or not user.active:
        return None
    return SignedInAs(user, session)


def end_session_of_token(uow: StaffUnit, clock: Clock, token: str) -> None:
    """The session a browser still carries when it signs in again ends (one per browser)."""
    session = uow.staff.session_by_token_hash(token_hash(token)) if token else None
    if session is not None:
        uow.staff.end_session(session.id, clock.now())


def touch(uow: StaffUnit, clock: Clock, session: StaffSession) -> None:
    uow.staff.touch_session(session.id, clock.now())


def sign_out(uow: StaffUnit, clock: Clock, user: StaffUser, session: StaffSession) -> None:
    uow.staff.end_session(session.id, clock.now())
    audit(uow, clock, actor_of(user), AuditAction.SIGNED_OUT, SubjectKind.USER, user.id)


def sign_out_everywhere(uow: StaffUnit, clock: Clock, actor: Actor, user_id: str) -> int:
    """End every session of the user (a lost phone); how many were live."""
    ended = uow.staff.end_sessions_of(user_id, clock.now())
    audit(
        uow,
        clock,
        actor,
        AuditAction.SIGNED_OUT_EVERYWHERE,
        SubjectKind.USER,
        user_id,
        sessions=str(ended),
    )
    return ended


def send_password_reset(
    uow: StaffUnit,
    clock: Clock,
    templates: Templates,
    reset_link_for: Callable[[str], str],
    actor: Actor,
    email: str,
) -> bool:
    """Mail a one-time link to choose a new password, if the address has an active
    account; False otherwise (the page says the same either way)."""
    try:
        address = normalise_email(email)
    except InvalidValue:
        return False
    user = uow.staff.by_email(address)
    if user is None or not user.active:
        return False
    token = secrets.token_urlsafe(32)
    now = clock.now()
    uow.staff.add_reset(user.id, token_hash(token), now, now + RESET_VALID)
    greeting = {Language.NL: "Beste", Language.EN: "Dear"}[user.language]
    enqueue_to_staff(
        uow,
        clock,
        templates,
        Touchpoint.PASSWORD_RESET,
        user.language,
        user.email,
        {
            "salutation": f"{greeting} {user.name}",
            "name": user.name,
            "organisation": "",
            "device": "",
            "link": reset_link_for(token),
        },
        cause=f"password-reset:{token_hash(token)[:16]}",
        expires_at=now + RESET_VALID,
    )
    audit(uow, clock, actor, AuditAction.PASSWORD_RESET_SENT, SubjectKind.USER, user.id)
    return True


def reset_password(uow: StaffUnit, clock: Clock, token: str, password: str) -> StaffUser:
    """Set the new password with a reset link's secret (once, within the hour); every
    session of the account ends. ``InvalidValue`` for a weak password (the secret stays
    usable), ``Conflict`` for a secret that is unknown, used or expired."""
    user_id = uow.staff.take_reset(token_hash(token), clock.now()) if token else None
    user = uow.staff.get(user_id) if user_id else None
    if user is None or not user.active:
        raise Conflict("this link to choose a new password is no longer valid")
    if problem := password_problem(password, user.email):
        raise InvalidValue("password", problem.value)
    user = replace(user.after_sign_in(), password_hash=hash_password(password))
    uow.staff.save(user)
    uow.staff.end_sessions_of(user.id, clock.now())
    audit(uow, clock, actor_of(user), AuditAction.PASSWORD_CHANGED, SubjectKind.USER, user.id)
    return user


def user_by_id(uow: StaffUnit, user_id: str) -> StaffUser:
    return found(uow.staff.get(user_id), "staff member", user_id)


def staff_list(uow: StaffUnit) -> Sequence[StaffUser]:
    return uow.staff.list()


def audit_page(
    uow: StaffUnit, limit: int, before: tuple[datetime, str] | None = None
) -> Sequence[AuditEntry]:
    return uow.audit.list(limit, before)


def whole_audit_trail(uow: StaffUnit, page: int = 1000) -> Iterator[AuditEntry]:
    """Every entry, newest first, read a page at a time."""
    before: tuple[datetime, str] | None = None
    while entries := uow.audit.list(page, before):
        yield from entries
        before = entries[-1].at, entries[-1].id

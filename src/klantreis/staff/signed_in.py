"""Who is signed in on this request: the session cookie, the role check and the CSRF check
every staff page and form goes through: ``Annotated[StaffRequest, Depends(staff_only(...))]``.

The cookie is ``__Host-`` prefixed (Secure, Path=/, no Domain: no other site or subdomain
can set it), HttpOnly and SameSite=Lax; the session behind it lives on the server and ends
after ``SessionPolicy.idle`` without a request or ``absolute`` after sign-in."""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, Request, Response

from klantreis.core.api.deps import ContainerOf, write_apart
from klantreis.core.web.guard import SAFE_METHODS
from klantreis.staff.csrf import same_value
from klantreis.staff.model import StaffRole, StaffSession, StaffUser
from klantreis.staff.service import session_of, touch
from klantreis.staff.wiring import StaffWiring

ContainerDep = ContainerOf[StaffWiring]

SESSION_COOKIE = "__Host-klantreis-staff"
FORM_COOKIE = "__Host-klantreis-form"  # the double-submit value for forms before sign-in
CSRF_FIELD = "csrf_token"
FORM_FIELD = "form_token"  # the same, on a form before sign-in
PREFIX = "/staff"
SIGN_IN = f"{PREFIX}/sign-in"


class SignInNeeded(Exception):
    """No live session: the page sends the browser to sign in, and back here after."""

    def __init__(self, back_to: str) -> None:
        super().__init__(back_to)
        self.back_to = back_to


class NotForYourRole(Exception):
    def __init__(self, staff: StaffRequest, roles: tuple[StaffRole, ...]) -> None:
        super().__init__(", ".join(roles))
        self.staff = staff
        self.roles = roles


class FormRefused(Exception):
    """A staff form without the CSRF token its own session's page carries."""

    def __init__(self, staff: StaffRequest | None) -> None:
        super().__init__("form refused")
        self.staff = staff


@dataclass(frozen=True, slots=True)
class StaffRequest:
    user: StaffUser
    session: StaffSession
    csrf: str  # for the forms on the page


def safe_back_to(target: str | None) -> str:
    """Only a path of the console itself (no other site: ``//evil``, ``https://...``)."""
    if not target:
        return PREFIX
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith(f"{PREFIX}") or "\\" in target:
        return PREFIX
    return target


def sign_in_address(back_to: str) -> str:
    return f"{SIGN_IN}?next={quote(safe_back_to(back_to), safe='/')}"


def password_reset_link(base_url: str) -> Callable[[str], str]:
    """The address of the page that takes a password-reset secret."""
    base = base_url.rstrip("/")
    return lambda token: f"{base}{PREFIX}/password-reset/{token}"


def set_session_cookie(response: Response, token: str) -> None:
    # No Max-Age: the browser forgets it when it closes; the server ends it sooner or later.
    response.set_cookie(SESSION_COOKIE, token, path="/", secure=True, httponly=True, samesite="lax")


def forget_session_cookie(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", secure=True, httponly=True, samesite="lax")


def signed_in(request: Request, container: ContainerDep) -> StaffRequest | None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    policy = container.staff_sessions
    with container.uow_factory(read_only=True) as uow:
        found = session_of(uow, container.clock, token, policy)
    if found is None:
        return None
    if found.session.due_for_touch(container.clock.now(), policy):
        # The idle clock is the sign-in's own bookkeeping, written at most once a minute.
        session = found.session
        write_apart(container.uow_factory, lambda uow: touch(uow, container.clock, session))
    return StaffRequest(
        found.user, found.session, container.staff_forms.for_session(found.session.id)
    )


MaybeSignedIn = Annotated[StaffRequest | None, Depends(signed_in)]


def staff_only(*roles: StaffRole) -> Callable[..., Awaitable[StaffRequest]]:
    """A dependency that lets through a signed-in person serving one of ``roles`` (any role
    if none is named; an admin always) and, on a form, only with their session's CSRF
    token."""

    async def check(
        request: Request, staff: MaybeSignedIn, container: ContainerDep
    ) -> StaffRequest:
        if staff is None:
            back_to = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            raise SignInNeeded(back_to if request.method in SAFE_METHODS else PREFIX)
        if roles and not staff.user.may(*roles):  # no roles: anyone signed in
            raise NotForYourRole(staff, roles)
        if request.method not in SAFE_METHODS:
            form = await request.form()
            token = form.get(CSRF_FIELD)
            if not isinstance(token, str) or not container.staff_forms.valid(
                staff.session.id, token
            ):
                raise FormRefused(staff)
        return staff

    return check


def client_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


class TooManyTries(Exception):
    def __init__(self, wait: timedelta) -> None:
        super().__init__(str(wait))
        self.seconds = max(1, math.ceil(wait.total_seconds()))


async def anonymous_form(request: Request, container: ContainerDep) -> None:
    """For a form before sign-in: its ``form_token`` must repeat the form cookie's value, and
    the client may not have tried too often of late."""
    wait = container.sign_in_throttle.wait_for(client_of(request), container.clock.now())
    if wait is not None:
        raise TooManyTries(wait)
    form = await request.form()
    if not same_value(request.cookies.get(FORM_COOKIE), str(form.get(FORM_FIELD) or "")):
        raise FormRefused(None)


AnonymousForm = Annotated[None, Depends(anonymous_form)]

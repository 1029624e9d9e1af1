"""Signing in with the company's identity provider: off to the provider with this attempt's
state, nonce and PKCE verifier in a signed cookie, back with a code that becomes a session."""

from __future__ import annotations

import dataclasses
import logging
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from itsdangerous import BadSignature

from klantreis.core.api.deps import ContainerOf, WritingUnitOfWorkDep
from klantreis.core.common import Language
from klantreis.core.errors import NotFound, Unavailable
from klantreis.core.web.texts import texts_for
from klantreis.staff.oidc import OidcRefused, PendingSignIn
from klantreis.staff.pages import page_language, sign_in_form
from klantreis.staff.ports import StaffUnit
from klantreis.staff.service import end_session_of_token, sign_in_with_identity
from klantreis.staff.signed_in import PREFIX, SESSION_COOKIE, safe_back_to, set_session_cookie
from klantreis.staff.wiring import StaffWiring

log = logging.getLogger(__name__)
ContainerDep = ContainerOf[StaffWiring]
UowDep = WritingUnitOfWorkDep[StaffUnit]
router = APIRouter(prefix=f"{PREFIX}/sign-in/oidc", include_in_schema=False)
ATTEMPT_COOKIE = "__Host-klantreis-oidc"
ATTEMPT_SECONDS = 600  # a sign-in at the provider takes minutes at most


def _callback_address(container: StaffWiring) -> str:
    return f"{container.public_base_url.rstrip('/')}{PREFIX}/sign-in/oidc/callback"


@router.get("")
def start(
    container: ContainerDep,
    next: Annotated[str, Query(max_length=500)] = "",
    login_hint: Annotated[str, Query(max_length=254)] = "",
) -> Response:
    provider = container.identity_provider
    if provider is None:
        raise NotFound("no identity provider is configured")
    try:
        url, pending = provider.start(_callback_address(container), safe_back_to(next), login_hint)
    except OidcRefused as refused:
        log.warning("sign-in with the identity provider could not start: %s", refused)
        raise Unavailable("the identity provider cannot be reached; try again shortly") from None
    answer = RedirectResponse(url, status_code=303)
    answer.set_cookie(
        ATTEMPT_COOKIE,
        container.oidc_attempts.dumps(dataclasses.asdict(pending)),
        path="/",
        max_age=ATTEMPT_SECONDS,
        secure=True,
        httponly=True,
        samesite="lax",
    )
    return answer


@router.get("/callback")
def callback(
    request: Request,
    container: ContainerDep,
    uow: UowDep,
    code: Annotated[str, Query(max_length=2000)] = "",
    state: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    """Back from the provider. Anything that does not check out (an attempt of another
    browser, an old one, a refused code, nobody we know) shows the sign-in page saying so."""
    language = page_language(request)
    refused = texts_for(language)["staff_oidc_refused"]
    provider = container.identity_provider
    pending = _pending(container, request.cookies.get(ATTEMPT_COOKIE, ""))
    if provider is None or pending is None or not code or state != pending.state:
        return _refused(request, language, refused, pending)
    try:
        identity = provider.finish(_callback_address(container), code, pending)
    except OidcRefused as why:
        log.warning("sign-in with the identity provider refused: %s", why)
        return _refused(request, language, refused, pending)
    end_session_of_token(uow, container.clock, request.cookies.get(SESSION_COOKIE, ""))
    signed_in = sign_in_with_identity(
        uow, container.clock, identity.subject, identity.email, identity.email_verified
    )
    if signed_in is None:
        return _refused(request, language, texts_for(language)["staff_oidc_unknown"], pending)
    answer = RedirectResponse(pending.back_to, status_code=303)
    set_session_cookie(answer, signed_in.token)
    answer.delete_cookie(ATTEMPT_COOKIE, path="/", secure=True, httponly=True, samesite="lax")
    return answer


def _pending(container: StaffWiring, cookie: str) -> PendingSignIn | None:
    try:
        loaded = container.oidc_attempts.loads(cookie, max_age=ATTEMPT_SECONDS)
        return PendingSignIn(**loaded)
    except (BadSignature, TypeError, ValueError):
        return None


def _refused(
    request: Request, language: Language, said: str, pending: PendingSignIn | None
) -> Response:
    back_to = pending.back_to if pending else PREFIX
    page = sign_in_form(request, language, back_to, said, status=401, oidc=True)
    page.delete_cookie(ATTEMPT_COOKIE, path="/", secure=True, httponly=True, samesite="lax")
    return page

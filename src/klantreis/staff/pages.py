"""The console's own pages: sign in and out, a new password, the start page per role; and
what a console page answers when it refuses."""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Form, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from klantreis.core.api.answers import AnswerAfterRollback
from klantreis.core.api.deps import ContainerOf, UnitOfWorkDep
from klantreis.core.common import Language
from klantreis.core.domain_errors import IllegalTransition, InvalidValue
from klantreis.core.errors import ServiceError
from klantreis.core.web.templating import page_templates
from klantreis.core.web.texts import texts_for
from klantreis.staff import keys_page
from klantreis.staff.audit import Actor
from klantreis.staff.model import PasswordProblem, StaffRole
from klantreis.staff.ports import StaffUnit
from klantreis.staff.service import (
    actor_of,
    end_session_of_token,
    reset_password,
    send_password_reset,
    sign_in,
    sign_out,
    sign_out_everywhere,
)
from klantreis.staff.signed_in import (
    FORM_COOKIE,
    PREFIX,
    SESSION_COOKIE,
    SIGN_IN,
    AnonymousForm,
    FormRefused,
    MaybeSignedIn,
    NotForYourRole,
    SignInNeeded,
    StaffRequest,
    TooManyTries,
    client_of,
    forget_session_cookie,
    password_reset_link,
    safe_back_to,
    set_session_cookie,
    sign_in_address,
    signed_in,
    staff_only,
)
from klantreis.staff.wiring import StaffWiring

UowDep = UnitOfWorkDep[StaffUnit]
ContainerDep = ContainerOf[StaffWiring]
Anyone = Annotated[StaffRequest, Depends(staff_only())]
Admin = Annotated[StaffRequest, Depends(staff_only(StaffRole.ADMIN))]

templates = page_templates(Path(__file__).parent / "templates")
router = APIRouter(prefix=PREFIX, include_in_schema=False)

# Where each role starts its day (the console's pages of each capability).
SECTIONS = {
    StaffRole.ADMIN: "/staff/admin/users",
    StaffRole.PLANNER: "/staff/planner",
    StaffRole.AGENT: "/staff/agent",
    StaffRole.TECHNICIAN: "/staff/technician",
    StaffRole.ANALYST: "/staff/analytics",
}
RESET_PAGE = Actor("password-reset page")  # whoever asked: not yet known to be anyone


def page_language(request: Request, staff: StaffRequest | None = None) -> Language:
    """The signed-in person's language; before sign-in ``?lang=`` or the browser's."""
    if staff is not None:
        return staff.user.language
    asked = request.query_params.get("lang")
    if asked in ("nl", "en"):
        return Language(asked)
    accepted = request.headers.get("accept-language", "").lower()
    return Language.EN if accepted.startswith("en") else Language.NL


def render(
    request: Request,
    name: str,
    language: Language,
    title_key: str,
    staff: StaffRequest | None = None,
    status: int = 200,
    **context: object,
) -> HTMLResponse:
    t = texts_for(language)
    return templates.TemplateResponse(
        request,
        name,
        {"lang": language.value, "title": t[title_key], "t": t, "staff": staff, **context},
        status_code=status,
    )


def message(
    request: Request,
    language: Language,
    heading_key: str,
    status: int,
    staff: StaffRequest | None = None,
    link: tuple[str, str] | None = None,
) -> HTMLResponse:
    t = texts_for(language)
    href, text = link or ("", "")
    return render(
        request,
        "message.html",
        language,
        heading_key,
        staff,
        status,
        heading=t[heading_key],
        link=href,
        link_text=text,
    )


def anonymous_page(
    request: Request,
    name: str,
    language: Language,
    title_key: str,
    status: int = 200,
    **context: object,
) -> HTMLResponse:
    """A page with a form before sign-in: its token repeats the form cookie (set here)."""
    value = request.cookies.get(FORM_COOKIE) or secrets.token_urlsafe(24)
    page = render(request, name, language, title_key, None, status, form_token=value, **context)
    if request.cookies.get(FORM_COOKIE) != value:
        page.set_cookie(FORM_COOKIE, value, path="/", secure=True, httponly=True, samesite="strict")
    return page


@router.get("/sign-in", response_class=HTMLResponse)
def sign_in_page(
    request: Request,
    staff: MaybeSignedIn,
    container: ContainerDep,
    next: Annotated[str, Query(max_length=500)] = "",
) -> Response:
    if staff is not None:
        return RedirectResponse(safe_back_to(next), status_code=303)
    oidc = container.identity_provider is not None
    language = page_language(request)
    notice = (
        texts_for(language)["staff_signed_out"] if request.query_params.get("signed_out") else ""
    )
    return sign_in_form(request, language, next, oidc=oidc, notice=notice)


def sign_in_form(
    request: Request,
    language: Language,
    back_to: str,
    error: str = "",
    email: str = "",
    status: int = 200,
    notice: str = "",
    oidc: bool = False,
) -> HTMLResponse:
    """``oidc``: offer sign-in with the company's identity provider too."""
    other = Language.EN if language is Language.NL else Language.NL
    return anonymous_page(
        request,
        "sign_in.html",
        language,
        "staff_sign_in_title",
        status,
        back_to=safe_back_to(back_to),
        error=error,
        email=email[:254],
        notice=notice,
        other_lang=other.value,
        other_lang_name="English" if other is Language.EN else "Nederlands",
        oidc=oidc,
    )


@router.post("/sign-in", response_class=HTMLResponse)
def sign_in_submit(
    request: Request,
    container: ContainerDep,
    uow: UowDep,
    _: AnonymousForm,
    email: Annotated[str, Form(max_length=320)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    language = page_language(request)
    end_session_of_token(uow, container.clock, request.cookies.get(SESSION_COOKIE, ""))
    signed_in = sign_in(uow, container.clock, email, password)
    if signed_in is None:  # the failure is counted: the request commits, it is no error
        container.sign_in_throttle.count(client_of(request), container.clock.now())
        t = texts_for(language)
        oidc = container.identity_provider is not None
        return sign_in_form(request, language, next, t["staff_refused"], email, 401, oidc=oidc)
    answer = RedirectResponse(safe_back_to(next), status_code=303)
    set_session_cookie(answer, signed_in.token)
    return answer


@router.post("/sign-out")
def sign_out_submit(
    request: Request, staff: Anyone, container: ContainerDep, uow: UowDep
) -> Response:
    sign_out(uow, container.clock, staff.user, staff.session)
    answer = RedirectResponse(f"{SIGN_IN}?signed_out=1&lang={staff.user.language}", 303)
    forget_session_cookie(answer)
    return answer


@router.post("/sign-out-everywhere")
def sign_out_everywhere_submit(
    request: Request, staff: Anyone, container: ContainerDep, uow: UowDep
) -> Response:
    sign_out_everywhere(uow, container.clock, actor_of(staff.user), staff.user.id)
    answer = message(request, staff.user.language, "staff_signed_out_everywhere", 200)
    forget_session_cookie(answer)
    return answer


@router.get("", response_class=HTMLResponse)
def home(request: Request, staff: Anyone) -> HTMLResponse:
    language = staff.user.language
    t = texts_for(language)
    sections = [
        {"href": href, "label": t[f"staff_role_{role.value}"]}
        for role, href in SECTIONS.items()
        if role in staff.user.roles or StaffRole.ADMIN in staff.user.roles
    ]
    if StaffRole.ADMIN in staff.user.roles:
        sections.append({"href": "/staff/admin/keys", "label": t["keys_title"]})
        sections.append({"href": "/staff/admin/audit", "label": t["staff_audit_title"]})
    return render(request, "home.html", language, "staff_console", staff, sections=sections)


@router.get("/password-reset", response_class=HTMLResponse)
def reset_request_page(request: Request) -> HTMLResponse:
    return anonymous_page(
        request, "reset_request.html", page_language(request), "staff_reset_title"
    )


@router.post("/password-reset", response_class=HTMLResponse)
def reset_request_submit(
    request: Request,
    container: ContainerDep,
    uow: UowDep,
    _: AnonymousForm,
    email: Annotated[str, Form(max_length=320)] = "",
) -> HTMLResponse:
    templates_, link = container.messenger.templates, password_reset_link(container.public_base_url)
    send_password_reset(uow, container.clock, templates_, link, RESET_PAGE, email)
    container.sign_in_throttle.count(client_of(request), container.clock.now())
    return message(request, page_language(request), "staff_reset_sent", 200)


@router.get("/password-reset/{token}", response_class=HTMLResponse)
def new_password_page(request: Request, token: str) -> HTMLResponse:
    return _new_password_form(request, page_language(request), token)


def _new_password_form(
    request: Request, language: Language, token: str, error: str = "", status: int = 200
) -> HTMLResponse:
    return anonymous_page(
        request,
        "new_password.html",
        language,
        "staff_new_password_title",
        status,
        token=token[:100],
        error=error,
    )


@router.post("/password-reset/{token}", response_class=HTMLResponse)
def new_password_submit(
    request: Request,
    token: Annotated[str, PathParam(max_length=100)],
    container: ContainerDep,
    uow: UowDep,
    _: AnonymousForm,
    password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    language = page_language(request)
    try:
        reset_password(uow, container.clock, token, password)
    except InvalidValue as invalid:  # the secret was taken in this unit: it rolls back
        problem = PasswordProblem(invalid.message).name.lower()
        said = texts_for(language)[f"staff_password_{problem}"]
        weak = _new_password_form(request, language, token, said, 422)
        raise AnswerAfterRollback(lambda _: weak) from invalid
    except ServiceError:
        container.sign_in_throttle.count(client_of(request), container.clock.now())
        t = texts_for(language)
        again = (f"{PREFIX}/password-reset?lang={language}", t["staff_reset_title"])
        gone = message(request, language, "staff_reset_invalid", 410, link=again)
        raise AnswerAfterRollback(lambda _: gone) from None
    t = texts_for(language)
    return sign_in_form(request, language, PREFIX, notice=t["staff_password_changed"])


def install(app: FastAPI) -> None:
    """The console's pages, and what a staff page answers when it refuses."""
    # Both draw their pages with this module's frame and forms.
    from klantreis.staff import admin_page, oidc_page

    app.include_router(router)
    app.include_router(admin_page.router)
    app.include_router(keys_page.router)
    app.include_router(oidc_page.router)

    def to_sign_in(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, SignInNeeded)
        return RedirectResponse(sign_in_address(exc.back_to), status_code=303)

    def not_for_role(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, NotForYourRole)
        home_link = (PREFIX, texts_for(exc.staff.user.language)["staff_console"])
        return message(
            request, exc.staff.user.language, "staff_not_for_role", 403, exc.staff, home_link
        )

    def form_refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, FormRefused)
        language = exc.staff.user.language if exc.staff else page_language(request)
        return message(request, language, "staff_form_refused", 403, exc.staff)

    _errors_as_pages(app)
    app.add_exception_handler(SignInNeeded, to_sign_in)
    app.add_exception_handler(NotForYourRole, not_for_role)

    def too_many(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, TooManyTries)
        page = message(request, page_language(request), "staff_too_many", 429)
        page.headers["Retry-After"] = str(exc.seconds)
        return page

    app.add_exception_handler(FormRefused, form_refused)
    app.add_exception_handler(TooManyTries, too_many)


# What a refused request answers as problem+json elsewhere, a console page answers as a page
# in the signed-in person's language: the same status, the same detail.
PAGE_ERRORS: tuple[type[Exception], ...] = (
    ServiceError,
    InvalidValue,
    IllegalTransition,
    RequestValidationError,
)


def _errors_as_pages(app: FastAPI) -> None:
    for kind in PAGE_ERRORS:
        answer_as_problem = app.exception_handlers[kind]

        async def as_page(
            request: Request, exc: Exception, as_problem: Any = answer_as_problem
        ) -> Response:
            problem = await as_problem(request, exc)
            if not request.url.path.startswith(f"{PREFIX}/") or request.url.path == PREFIX:
                return problem  # type: ignore[no-any-return]
            staff = await run_in_threadpool(signed_in, request, request.app.state.container)
            language = page_language(request, staff)
            body = json.loads(bytes(problem.body))
            return render(
                request,
                "error.html",
                language,
                "staff_error_title",
                staff,
                problem.status_code,
                detail=body.get("detail", ""),
            )

        app.add_exception_handler(kind, as_page)

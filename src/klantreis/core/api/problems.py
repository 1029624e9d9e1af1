"""Errors as problem+json (RFC 9457), whatever raised them."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from klantreis.core.domain_errors import IllegalTransition, InvalidValue
from klantreis.core.errors import ServiceError

log = logging.getLogger(__name__)
PROBLEM_BASE = "https://klantreis.dev/problems/"
MEDIA_TYPE = "application/problem+json"


def problem(status: int, title: str, detail: str, slug: str, **extra: Any) -> JSONResponse:
    body = {"type": PROBLEM_BASE + slug, "title": title, "status": status, "detail": detail}
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE)


def _field_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    errors = []
    for error in exc.errors():
        location = [str(part) for part in error.get("loc", ()) if part != "body"]
        errors.append(
            {
                "field": ".".join(location) or "(body)",
                "message": str(error.get("msg")).removeprefix("Value error, "),
            }
        )
    return errors


async def refuse_nul_in_url(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """A NUL in a path or query can never name anything, and PostgreSQL cannot even compare it."""
    if "\x00" in request.url.path or "%00" in request.url.query:
        return problem(400, "Bad request", "the URL contains a NUL character", "bad-request")
    return await call_next(request)


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(ServiceError)
    async def _service_error(_: Request, exc: ServiceError) -> JSONResponse:
        return problem(exc.status, exc.title, exc.detail, exc.slug, **exc.extra)

    @app.exception_handler(IllegalTransition)
    async def _illegal(_: Request, exc: IllegalTransition) -> JSONResponse:
        return problem(
            409,
            "Illegal transition",
            str(exc),
            "illegal-transition",
            state=exc.state,
            action=exc.action,
        )

    @app.exception_handler(InvalidValue)
    async def _invalid(_: Request, exc: InvalidValue) -> JSONResponse:
        return problem(
            422,
            "Invalid value",
            str(exc),
            "invalid-value",
            errors=[{"field": exc.field, "message": exc.message}],
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _field_errors(exc)
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
        return problem(422, "Invalid request", detail, "validation", errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        response = problem(
            exc.status_code,
            _title(exc.status_code),
            str(exc.detail),
            _title(exc.status_code).lower().replace(" ", "-"),
        )
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(PoolTimeout)
    async def _no_connection(request: Request, exc: PoolTimeout) -> Response:
        return busy(request)

    @app.exception_handler(OperationalError)
    async def _operational(request: Request, exc: OperationalError) -> Response:
        if is_busy(exc):
            return busy(request)
        log.exception("database error", exc_info=exc)
        return problem(500, "Internal error", "an unexpected error occurred", "internal")

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return problem(500, "Internal error", "an unexpected error occurred", "internal")


# What SQLite and PostgreSQL say when a transaction could not get its turn in time.
BUSY_SIGNS = (
    "database is locked",
    "database is busy",
    "deadlock detected",
    "could not serialize access",
    "lock timeout",
    "too many clients",
)
RETRY_AFTER_SECONDS = 2


def is_busy(error: OperationalError) -> bool:
    text = str(error.orig if error.orig is not None else error).lower()
    return any(sign in text for sign in BUSY_SIGNS)


BUSY_PAGE = {
    "nl": (
        "Even geduld",
        "Het is op dit moment erg druk. Er is niets opgeslagen: probeer het over een paar "
        "seconden opnieuw (ververs de pagina of verstuur het formulier nog eens).",
    ),
    "en": (
        "One moment, please",
        "It is very busy right now. Nothing has been saved: please try again in a few "
        "seconds (reload the page or send the form again).",
    ),
}


def busy(request: Request) -> Response:
    """503 with Retry-After: problem+json for the API, a page in the reader's language for
    a person on one of our pages (a customer's form must not answer in JSON)."""
    if request.url.path.startswith("/api/"):
        response: Response = problem(
            503,
            "Busy",
            "the system is busy right now; please try again in a moment",
            "busy",
        )
    else:
        asked = request.query_params.get("lang", "")
        accepted = request.headers.get("accept-language", "").lower()
        language = asked if asked in BUSY_PAGE else "en" if accepted.startswith("en") else "nl"
        title, text = BUSY_PAGE[language]
        response = HTMLResponse(
            f'<!doctype html><html lang="{language}"><meta charset="utf-8">'
            f"<title>{title} · Klantreis</title>"
            '<link rel="stylesheet" href="/static/klantreis.css">'
            f'<main><h1>{title}</h1><p role="alert">{text}</p></main></html>',
            status_code=503,
        )
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _title(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"

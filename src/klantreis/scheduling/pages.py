"""The customer's booking page: a personal link, no login, works without JavaScript.

Every route takes the case from the signed link (``LinkedCase``); a tampered or expired link
never reaches a route but gets the refused page (see ``install``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from klantreis.core.api.answers import AnswerAfterRollback
from klantreis.core.api.deps import ContainerOf, UnitOfWorkDep
from klantreis.core.api.problems import problem
from klantreis.core.cases import get_case, language_of_case
from klantreis.core.common import Channel
from klantreis.core.domain_errors import DomainError, InvalidValue
from klantreis.core.errors import ServiceError, Unprocessable
from klantreis.core.link_paths import LINKED_PAGES, Page, address_of, path_of
from klantreis.core.links import LinkRefused, Purpose
from klantreis.core.web.texts import texts_for
from klantreis.inbound.callbacks import request_callback
from klantreis.messaging.new_links import send_new_link
from klantreis.scheduling import booking_service, flexible
from klantreis.scheduling.calendar_links import (
    CalendarKind,
    read_calendar,
    store_calendar_link,
    unlink_calendar,
)
from klantreis.scheduling.idempotency import answer_once, fingerprint
from klantreis.scheduling.invites import case_invite
from klantreis.scheduling.ports import SchedulingUnit
from klantreis.scheduling.render import (
    booking_page,
    chosen_language,
    refused_page,
)
from klantreis.scheduling.wiring import SchedulingWiring

UowDep = UnitOfWorkDep[SchedulingUnit]
ContainerDep = ContainerOf[SchedulingWiring]

router = APIRouter(prefix=Page.BOOKING.prefix, include_in_schema=False)
MAX_UPLOAD = 2_000_000


def linked_case(token: str, container: ContainerDep) -> str:
    """The case of a link made to manage it (book, move, cancel, change preferences)."""
    return container.links.case_of(token)


def tracked_case(token: str, container: ContainerDep) -> str:
    return container.links.case_of(token, (Purpose.TRACK, Purpose.MANAGE))


def surveyed_case(token: str, container: ContainerDep) -> str:
    return container.links.case_of(token, (Purpose.SURVEY, Purpose.MANAGE))


LinkedCase = Annotated[str, Depends(linked_case)]
TrackedCase = Annotated[str, Depends(tracked_case)]
SurveyedCase = Annotated[str, Depends(surveyed_case)]


def install(app: FastAPI) -> None:
    app.include_router(router)

    @app.exception_handler(LinkRefused)
    async def _refused(request: Request, error: LinkRefused) -> Response:
        if request.url.path.startswith(LINKED_PAGES):
            token = request.url.path.split("/")[2]
            return refused_page(request, token, error)
        return problem(error.status, error.title, error.detail, error.slug)


def _back(token: str, request: Request, done: str) -> RedirectResponse:
    lang = request.query_params.get("lang")
    suffix = f"&lang={lang}" if lang in ("nl", "en") else ""
    return RedirectResponse(f"{path_of(Page.BOOKING, token)}?done={done}{suffix}", status_code=303)


@router.get("/{token}", response_class=HTMLResponse)
def page(
    token: str, case_id: LinkedCase, request: Request, container: ContainerDep, uow: UowDep
) -> Response:
    return booking_page(request, container, uow, token, case_id)


@router.post("/{token}/book", response_class=HTMLResponse)
def book(
    token: str,
    case_id: LinkedCase,
    request: Request,
    container: ContainerDep,
    uow: UowDep,
    idempotency_key: Annotated[str, Form(min_length=8, max_length=64)],
    window_start: Annotated[list[str], Form()] = [],  # noqa: B006 (FastAPI copies it)
) -> Response:
    """Every window the customer ticked; the booking holds the best of them. A form sent
    twice (a double click, a reload) books once: its key is remembered."""
    ticked = sorted(set(window_start))
    if not ticked:
        raise _refused(request, container, token, case_id, 422, text_key="tick_one")

    def book_it() -> None:
        if len(ticked) > flexible.MAX_TICKED or any(len(value) > 40 for value in ticked):
            raise ValueError("not windows of this page")
        starts = [datetime.fromisoformat(value) for value in ticked]
        flexible.book_windows(uow, container.booking, case_id, starts, Channel.WEB)

    return _book_once(
        token,
        case_id,
        request,
        container,
        uow,
        idempotency_key,
        {"window_start": ",".join(ticked)},
        book_it,
    )


@router.post("/{token}/book-day", response_class=HTMLResponse)
def book_day(
    token: str,
    case_id: LinkedCase,
    request: Request,
    container: ContainerDep,
    uow: UowDep,
    day: Annotated[str, Form(max_length=10)],
    idempotency_key: Annotated[str, Form(min_length=8, max_length=64)],
) -> Response:
    """The whole day suits the customer: the planner chooses the moment."""

    def book_it() -> None:
        chosen = date.fromisoformat(day)
        booking_service.book_whole_day(uow, container.booking, case_id, chosen, Channel.WEB)

    return _book_once(
        token, case_id, request, container, uow, idempotency_key, {"day": day}, book_it
    )


def _book_once(
    token: str,
    case_id: str,
    request: Request,
    container: ContainerDep,
    uow: SchedulingUnit,
    idempotency_key: str,
    asked: dict[str, str],
    book_it: Callable[[], None],
) -> Response:
    """Book once per form key; what is refused is said in the customer's language."""

    def book() -> tuple[int, dict[str, str]]:
        try:
            book_it()
        except booking_service.WindowTaken as taken:
            raise _refused(request, container, token, case_id, taken.status, "taken") from None
        except ValueError:
            raise _refused(request, container, token, case_id, 422, "not_a_window") from None
        except ServiceError as error:
            key = "refused"
            if error.status == 422:
                key = "day_not_bookable" if error.extra.get("field") == "day" else "not_a_window"
            raise _refused(request, container, token, case_id, error.status, key) from None
        except DomainError:  # e.g. an old form sent after the case moved on
            raise _refused(request, container, token, case_id, 409, "refused") from None
        return 303, {}

    try:
        return answer_once(
            uow,
            container.clock,
            f"web:{idempotency_key}",
            fingerprint(f"book:{case_id}", asked),
            book,
            lambda _: _back(token, request, "booked"),
        )
    except Unprocessable:  # the form's key was used for other windows (Back, then again)
        raise _refused(request, container, token, case_id, 422, "not_a_window") from None


def _refused(
    request: Request,
    container: ContainerDep,
    token: str,
    case_id: str,
    status: int,
    text_key: str = "",
    message: str = "",
) -> AnswerAfterRollback:
    """The booking page again, saying what was refused (``text_key`` in the customer's
    language, or ``message``); whatever the request had begun to write is rolled back."""

    def answer(reading: SchedulingUnit) -> Response:
        said = message
        if text_key:
            said = texts_for(chosen_language(request, language_of_case(reading, case_id)))[text_key]
        return booking_page(request, container, reading, token, case_id, said, status)

    return AnswerAfterRollback(answer)


@router.post("/{token}/cancel", response_class=HTMLResponse)
def cancel(
    token: str, case_id: LinkedCase, request: Request, container: ContainerDep, uow: UowDep
) -> Response:
    if booking_service.has_active_booking(uow, case_id):  # a second click changes nothing
        booking_service.cancel_booking(uow, container.booking, case_id, "customer")
    return _back(token, request, "cancelled")


@router.post("/{token}/callback", response_class=HTMLResponse)
def callback(
    token: str,
    case_id: LinkedCase,
    request: Request,
    container: ContainerDep,
    uow: UowDep,
    start: Annotated[str, Form(max_length=64)],
    preferred: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    try:
        request_callback(
            uow,
            container.clock,
            container.messenger,
            container.holidays,
            case_id,
            datetime.fromisoformat(start),
            preferred,
        )
    except (ValueError, InvalidValue):
        raise _refused(request, container, token, case_id, 422, "callback_invalid") from None
    return _back(token, request, "callback")


@router.post("/{token}/calendar", response_class=HTMLResponse)
def calendar(
    token: str,
    case_id: LinkedCase,
    request: Request,
    container: ContainerDep,
    uow: UowDep,
    ics_file: Annotated[UploadFile | None, File()] = None,
    ics_url: Annotated[str, Form(max_length=2000)] = "",
    caldav_url: Annotated[str, Form(max_length=2000)] = "",
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Link a calendar; when it cannot be read the page says why and the old link stays.

    The calendar is fetched and read before this request writes anything: a slow server must
    not hold the database's write lock (SQLite has one for everyone)."""
    with container.uow_factory(read_only=True) as reading:
        case = get_case(reading, case_id)
    upload = ics_file.file.read(MAX_UPLOAD + 1) if ics_file and ics_file.filename else b""
    read = partial(
        read_calendar, container.clock, container.calendars, container.cipher, case.customer_id
    )
    try:
        if len(upload) > MAX_UPLOAD:
            raise Unprocessable("the calendar file is larger than 2 MB")
        if upload:
            found = read(CalendarKind.ICS_UPLOAD, ics_text=upload.decode("utf-8", errors="replace"))
        elif caldav_url:
            found = read(CalendarKind.CALDAV, url=caldav_url, username=username, password=password)
        elif ics_url:
            found = read(CalendarKind.ICS_URL, url=ics_url)
        else:
            raise Unprocessable("choose a calendar file, or give a calendar address")
        store_calendar_link(uow, found)
    except ServiceError as error:
        raise _refused(
            request, container, token, case_id, error.status, message=error.detail
        ) from None
    return _back(token, request, "calendar")


@router.post("/{token}/calendar/unlink", response_class=HTMLResponse)
def unlink(
    token: str, case_id: LinkedCase, request: Request, container: ContainerDep, uow: UowDep
) -> Response:
    unlink_calendar(uow, container.clock, get_case(uow, case_id).customer_id)
    return _back(token, request, "unlinked")


@router.get("/{token}/invite.ics")
def invite_file(case_id: LinkedCase, token: str, container: ContainerDep, uow: UowDep) -> Response:
    body = case_invite(
        uow,
        container.clock.now(),
        case_id,
        address_of(container.settings.public_base_url, Page.BOOKING, token),
        container.settings.organiser_email,
    )
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="afspraak.ics"'},
    )


@router.post("/renew", response_class=HTMLResponse)
def renew(
    request: Request,
    container: ContainerDep,
    uow: UowDep,
    token: Annotated[str, Form(max_length=500)],
) -> Response:
    """An expired link may ask for a fresh one: it is sent to the customer's own channel
    (limited per case and customer); the page answers the same whatever happened."""
    case_id = container.links.case_of_unverified(token)
    if case_id is None:
        return refused_page(request, token, LinkRefused("not valid", expired=False))
    send_new_link(uow, container.clock, container.messenger, case_id)
    return refused_page(request, token, None, renewed=True)

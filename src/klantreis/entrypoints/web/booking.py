"""The customer's booking page: a personal link, no login, works without JavaScript."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from klantreis.domain.addressing import salutation
from klantreis.domain.case import CaseAction, allowed_actions
from klantreis.domain.common import Channel, Language
from klantreis.domain.journey import JourneyEvent, Phase
from klantreis.entrypoints.api.deps import ContainerDep, UowDep
from klantreis.entrypoints.web.pages import days_of
from klantreis.entrypoints.web.texts import DEVICE_NAMES, texts_for
from klantreis.i18n import clock, window_label
from klantreis.services.errors import ServiceError
from klantreis.services.ids import new_id
from klantreis.services.ports import UnitOfWork
from klantreis.services.scheduling import booking as booking_service
from klantreis.services.scheduling.calendars import CalendarKind, link_calendar, unlink_calendar
from klantreis.services.scheduling.idempotency import fingerprint, remember, replay
from klantreis.services.scheduling.invites import invite
from klantreis.services.scheduling.links import LinkRefused
from klantreis.services.scheduling.offers import offer_windows
from klantreis.services.scheduling.ports import DuplicateKey

router = APIRouter(prefix="/b", include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
MAX_UPLOAD = 2_000_000


def _language(request: Request, default: Language) -> Language:
    asked = request.query_params.get("lang")
    return Language(asked) if asked in ("nl", "en") else default


def _refused(request: Request, container: Any, token: str, error: LinkRefused) -> HTMLResponse:
    t = texts_for(Language.NL)
    return templates.TemplateResponse(
        request,
        "refused.html",
        {
            "lang": "nl",
            "title": t["refused_title"],
            "t": t,
            "token": token,
            "reason": t["expired"] if error.expired else t["invalid"],
            "renewed": False,
        },
        status_code=403,
    )


def render(
    request: Request,
    container: Any,
    uow: UnitOfWork,
    token: str,
    case_id: str,
    message: str = "",
    message_class: str = "ok",
    status: int = 200,
) -> HTMLResponse:
    offering = offer_windows(
        uow,
        case_id,
        container.clock.now(),
        container.travel,
        container.holidays,
        container.offer_settings,
        container.plan_cache,
    )
    case, customer = offering.case, offering.customer
    language = _language(request, customer.language)
    t = texts_for(language)
    device = uow.devices.get(case.device_id) if case.device_id else None
    device_name = DEVICE_NAMES.get(device.kind.value, {}).get(language, "") if device else ""
    booked = uow.bookings.active_for_case(case.id)
    bookable = bool({CaseAction.BOOK, CaseAction.RESCHEDULE} & set(allowed_actions(case.state)))
    link = uow.calendar_links.get(customer.id)
    context = {
        "lang": language.value,
        "other_lang": "en" if language is Language.NL else "nl",
        "title": t["title"],
        "t": t,
        "base": f"/b/{token}",
        "greeting": salutation(customer, language),
        "intro": t["intro"].format(device=f"{device_name} ({device.model})" if device else ""),
        "case_summary": case.summary,
        "booked_label": window_label(booked.window, language) if booked else "",
        "booked_text": t["booked_at"].format(window=window_label(booked.window, language))
        if booked
        else "",
        "bookable": bookable,
        "days": days_of(offering.offers, language) if bookable else [],
        "closed_text": t["cancelled"] if case.state.value == "cancelled" else t["not_bookable"],
        "calendar_linked": link is not None,
        "form_key": new_id(),
        "message": message,
        "message_class": message_class,
    }
    return templates.TemplateResponse(request, "booking.html", context, status_code=status)


def _back(token: str, request: Request, done: str) -> RedirectResponse:
    lang = request.query_params.get("lang")
    suffix = f"&lang={lang}" if lang in ("nl", "en") else ""
    return RedirectResponse(f"/b/{token}?done={done}{suffix}", status_code=303)


@router.get("/{token}", response_class=HTMLResponse)
def page(token: str, request: Request, container: ContainerDep, uow: UowDep) -> Response:
    try:
        case_id = container.links.case_of(token)
    except LinkRefused as error:
        return _refused(request, container, token, error)
    customer_language = Language.NL
    done = request.query_params.get("done", "")
    messages = {
        "booked": "booked_at",
        "cancelled": "cancelled",
        "callback": "callback_done",
        "calendar": "calendar_linked",
    }
    message = ""
    if done in messages:
        case = uow.cases.get(case_id)
        customer = uow.customers.get(case.customer_id) if case else None
        customer_language = _language(request, customer.language if customer else Language.NL)
        booked = uow.bookings.active_for_case(case_id)
        text = texts_for(customer_language)[messages[done]]
        message = (
            text.format(window=window_label(booked.window, customer_language))
            if booked and done == "booked"
            else text.replace("{window}", "")
        )
    return render(request, container, uow, token, case_id, message)


@router.post("/{token}/book", response_class=HTMLResponse)
def book(
    token: str,
    request: Request,
    container: ContainerDep,
    uow: UowDep,
    window_start: Annotated[str, Form(max_length=40)],
    idempotency_key: Annotated[str, Form(min_length=8, max_length=64)],
) -> Response:
    try:
        case_id = container.links.case_of(token)
    except LinkRefused as error:
        return _refused(request, container, token, error)
    try:
        start = datetime.fromisoformat(window_start)
    except ValueError:
        return render(request, container, uow, token, case_id, "?", "notice", 422)
    key = f"web:{idempotency_key}"
    print_ = fingerprint(f"book:{case_id}", {"window_start": window_start})
    try:
        if replay(uow, key, print_) is None:
            booking_service.book_window(uow, container.booking, case_id, start, Channel.WEB)
            remember(uow, container.clock, key, print_, 303, {})
            uow.commit()
    except DuplicateKey:
        uow.rollback()
    except booking_service.WindowTaken:
        uow.rollback()
        language = _customer_language(uow, case_id, request)
        return render(
            request, container, uow, token, case_id, texts_for(language)["taken"], "notice", 409
        )
    except ServiceError as error:
        uow.rollback()
        return render(request, container, uow, token, case_id, error.detail, "notice", error.status)
    return _back(token, request, "booked")


@router.post("/{token}/cancel", response_class=HTMLResponse)
def cancel(token: str, request: Request, container: ContainerDep, uow: UowDep) -> Response:
    try:
        case_id = container.links.case_of(token)
    except LinkRefused as error:
        return _refused(request, container, token, error)
    if uow.bookings.active_for_case(case_id) is not None:  # a second click changes nothing
        booking_service.cancel_booking(uow, container.booking, case_id, "customer")
        uow.commit()
    return _back(token, request, "cancelled")


@router.post("/{token}/callback", response_class=HTMLResponse)
def callback(
    token: str,
    request: Request,
    container: ContainerDep,
    uow: UowDep,
    preferred: Annotated[str, Form(min_length=1, max_length=500)],
) -> Response:
    try:
        case_id = container.links.case_of(token)
    except LinkRefused as error:
        return _refused(request, container, token, error)
    case = uow.cases.get(case_id)
    assert case is not None
    uow.events.append(
        JourneyEvent(
            id=new_id(),
            customer_id=case.customer_id,
            case_id=case_id,
            phase=Phase.PLANNING,
            touchpoint="callback_requested",
            channel=Channel.WEB,
            occurred_at=container.clock.now(),
            properties={"preferred": preferred.replace("\x00", "")},
        )
    )
    uow.commit()
    return _back(token, request, "callback")


@router.post("/{token}/calendar", response_class=HTMLResponse)
async def calendar(
    token: str,
    request: Request,
    container: ContainerDep,
    ics_file: Annotated[UploadFile | None, File()] = None,
    ics_url: Annotated[str, Form(max_length=2000)] = "",
    caldav_url: Annotated[str, Form(max_length=2000)] = "",
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    upload = await ics_file.read(MAX_UPLOAD + 1) if ics_file and ics_file.filename else b""
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(
        _link, token, request, container, upload, ics_url, caldav_url, username, password
    )


def _link(
    token: str,
    request: Request,
    container: Any,
    upload: bytes,
    ics_url: str,
    caldav_url: str,
    username: str,
    password: str,
) -> Response:
    with container.uow_factory() as uow:
        try:
            case_id = container.links.case_of(token)
        except LinkRefused as error:
            return _refused(request, container, token, error)
        case = uow.cases.get(case_id)
        assert case is not None
        try:
            if len(upload) > MAX_UPLOAD:
                raise ServiceError("the calendar file is larger than 2 MB")
            if upload:
                link_calendar(
                    uow,
                    container.clock,
                    container.calendars,
                    container.cipher,
                    case.customer_id,
                    CalendarKind.ICS_UPLOAD,
                    ics_text=upload.decode("utf-8", errors="replace"),
                )
            elif caldav_url:
                link_calendar(
                    uow,
                    container.clock,
                    container.calendars,
                    container.cipher,
                    case.customer_id,
                    CalendarKind.CALDAV,
                    url=caldav_url,
                    username=username,
                    password=password,
                )
            elif ics_url:
                link_calendar(
                    uow,
                    container.clock,
                    container.calendars,
                    container.cipher,
                    case.customer_id,
                    CalendarKind.ICS_URL,
                    url=ics_url,
                )
            else:
                raise ServiceError("choose a calendar file, or give a calendar address")
        except ServiceError as error:
            uow.rollback()
            return render(
                request, container, uow, token, case_id, error.detail, "notice", error.status
            )
        uow.commit()
    return _back(token, request, "calendar")


@router.post("/{token}/calendar/unlink", response_class=HTMLResponse)
def unlink(token: str, request: Request, container: ContainerDep, uow: UowDep) -> Response:
    try:
        case_id = container.links.case_of(token)
    except LinkRefused as error:
        return _refused(request, container, token, error)
    case = uow.cases.get(case_id)
    assert case is not None
    unlink_calendar(uow, container.clock, case.customer_id)
    uow.commit()
    return _back(token, request, "unlinked")


@router.get("/{token}/invite.ics")
def invite_file(token: str, request: Request, container: ContainerDep, uow: UowDep) -> Response:
    try:
        case_id = container.links.case_of(token)
    except LinkRefused as error:
        return _refused(request, container, token, error)
    latest = uow.bookings.latest_for_case(case_id)
    case = uow.cases.get(case_id)
    customer = uow.customers.get(case.customer_id) if case else None
    if latest is None or customer is None:
        return Response("no appointment", status_code=404, media_type="text/plain")
    body = invite(
        latest,
        customer,
        container.clock.now(),
        f"{container.settings.public_base_url}/b/{token}",
        container.settings.organiser_email,
        (
            clock(latest.window.start, customer.language),
            clock(latest.window.end, customer.language),
        ),
        cancel=not latest.active,
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
    """An expired link may ask for a fresh one; the request is recorded for messaging to send."""
    case_id = container.links.case_of_unverified(token)
    case = uow.cases.get(case_id) if case_id else None
    t = texts_for(Language.NL)
    if case is not None:
        uow.events.append(
            JourneyEvent(
                id=new_id(),
                customer_id=case.customer_id,
                case_id=case.id,
                phase=Phase.PLANNING,
                touchpoint="link_renewal_requested",
                channel=Channel.WEB,
                occurred_at=container.clock.now(),
            )
        )
        uow.commit()
    return templates.TemplateResponse(
        request,
        "refused.html",
        {
            "lang": "nl",
            "title": t["refused_title"],
            "t": t,
            "token": token,
            "reason": t["expired"] if case else t["invalid"],
            "renewed": case is not None,
        },
        status_code=200 if case else 403,
    )


def _customer_language(uow: UnitOfWork, case_id: str, request: Request) -> Language:
    case = uow.cases.get(case_id)
    customer = uow.customers.get(case.customer_id) if case else None
    return _language(request, customer.language if customer else Language.NL)

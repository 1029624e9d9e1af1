"""Booking for a customer on the phone (``/staff/agent/cases/{id}``): the agent sees how to
address them and the same windows the customer's own page would offer, in the same order,
and books, moves or cancels; the customer gets the usual confirmation."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from klantreis.core.addressing import salutation
from klantreis.core.api.answers import AnswerAfterRollback
from klantreis.core.api.deps import ContainerOf, UnitOfWorkDep
from klantreis.core.common import Channel
from klantreis.core.i18n import window_label
from klantreis.core.web.templating import page_templates
from klantreis.core.web.texts import texts_for
from klantreis.scheduling import booking_service
from klantreis.scheduling.offers import may_be_booked
from klantreis.scheduling.page_days import days_of, recommended_of
from klantreis.scheduling.ports import SchedulingUnit
from klantreis.scheduling.wiring import SchedulingWiring, offers_for
from klantreis.staff.audit import AuditAction, SubjectKind
from klantreis.staff.console import console_page, notice_of, saved
from klantreis.staff.model import StaffRole
from klantreis.staff.service import actor_of, audit
from klantreis.staff.signed_in import StaffRequest, staff_only

UowDep = UnitOfWorkDep[SchedulingUnit]
ContainerDep = ContainerOf[SchedulingWiring]
Agent = Annotated[StaffRequest, Depends(staff_only(StaffRole.AGENT))]

templates = page_templates(Path(__file__).parent / "templates")
PATH = "/staff/agent/cases"
router = APIRouter(prefix=PATH, include_in_schema=False)
CaseId = Annotated[str, PathParam(max_length=32)]


def _page(
    request: Request,
    staff: StaffRequest,
    container: SchedulingWiring,
    uow: SchedulingUnit,
    case_id: str,
    error: str = "",
    status: int = 200,
) -> HTMLResponse:
    offering = offers_for(container, uow, case_id)
    case, customer = offering.case, offering.customer
    language = staff.user.language
    t = texts_for(language)
    booked = booking_service.current_booking(uow, case_id)
    bookable = may_be_booked(case)
    return console_page(
        templates,
        request,
        "desk_booking.html",
        staff,
        f"{t['desk_booking_title']}: {salutation(customer, customer.language)}",
        status=status,
        case_id=case.id,
        summary=case.summary,
        state=case.state.value.replace("_", " "),
        greeting=salutation(customer, customer.language),
        customer_language=customer.language,
        phone=customer.phone or "",
        email=customer.email or "",
        booked=window_label(booked.window, language) if booked else "",
        bookable=bookable,
        recommended=recommended_of(offering.recommended, language, offering.by_area)
        if bookable
        else [],
        days=days_of(offering.offers, language) if bookable else [],
        notice=notice_of(
            request,
            t,
            ("desk_booked", "desk_cancelled"),
            window=window_label(booked.window, language) if booked else "",
        ),
        error=error,
    )


@router.get("/{case_id}", response_class=HTMLResponse)
def booking_for_customer(
    request: Request, case_id: CaseId, staff: Agent, container: ContainerDep, uow: UowDep
) -> HTMLResponse:
    return _page(request, staff, container, uow, case_id)


def _back(case_id: str, key: str) -> RedirectResponse:
    return saved(f"{PATH}/{case_id}", key)


@router.post("/{case_id}/book", response_class=HTMLResponse)
def book_for_customer(
    request: Request,
    case_id: CaseId,
    staff: Agent,
    container: ContainerDep,
    uow: UowDep,
    window_start: Annotated[datetime, Form()],
) -> Response:
    """The window the customer chose on the phone; a window taken meanwhile is said on the
    page with the windows there are now."""
    try:
        booking = booking_service.book_window(
            uow, container.booking, case_id, window_start, Channel.PHONE
        )
    except booking_service.WindowTaken:
        taken = texts_for(staff.user.language)["desk_window_taken"]

        def again(reading: SchedulingUnit) -> Response:
            return _page(request, staff, container, reading, case_id, taken, 409)

        raise AnswerAfterRollback(again) from None
    audit(
        uow,
        container.clock,
        actor_of(staff.user),
        AuditAction.BOOKED_FOR_CUSTOMER,
        SubjectKind.CASE,
        case_id,
        window=booking.window.start.isoformat(),
    )
    return _back(case_id, "desk_booked")


@router.post("/{case_id}/cancel", response_class=HTMLResponse)
def cancel_for_customer(
    case_id: CaseId, staff: Agent, container: ContainerDep, uow: UowDep
) -> Response:
    booking_service.cancel_booking(uow, container.booking, case_id, "by phone", Channel.PHONE)
    audit(
        uow,
        container.clock,
        actor_of(staff.user),
        AuditAction.CANCELLED_FOR_CUSTOMER,
        SubjectKind.CASE,
        case_id,
    )
    return _back(case_id, "desk_cancelled")

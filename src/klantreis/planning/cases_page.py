"""The planner's cases board (``/staff/planner/cases``): filters by state, origin, urgency,
area and age, a search by customer, postcode or serial, paged by keyset through any number
of cases; and a case's own page."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response
from pydantic import AwareDatetime

from klantreis.core.addressing import salutation
from klantreis.core.api.deps import ContainerOf, UnitOfWorkDep
from klantreis.core.case import CaseOrigin, CaseState
from klantreis.core.case_board import CaseFilter
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.i18n import DEFAULT_ZONE, window_label
from klantreis.core.journey_config import load_journey
from klantreis.core.web.templating import page_templates
from klantreis.core.web.texts import texts_for
from klantreis.planning.case_file import BOARD_PAGE, case_board, case_file
from klantreis.planning.pins import pin_visit, unpin_visit
from klantreis.planning.ports import PlanningUnit
from klantreis.planning.wiring import PlanningWiring
from klantreis.staff.audit import AuditAction, SubjectKind
from klantreis.staff.console import console_page, notice_of, saved
from klantreis.staff.model import StaffRole
from klantreis.staff.service import actor_of, audit
from klantreis.staff.signed_in import StaffRequest, staff_only

UowDep = UnitOfWorkDep[PlanningUnit]
ContainerDep = ContainerOf[PlanningWiring]
# Customer service reads a case's file too: it answers the customer who calls about it.
Reader = Annotated[StaffRequest, Depends(staff_only(StaffRole.PLANNER, StaffRole.AGENT))]

templates = page_templates(Path(__file__).parent / "templates")
PATH = "/staff/planner/cases"
router = APIRouter(prefix=PATH, include_in_schema=False)
AGES = {"": None, "1d": timedelta(days=1), "7d": timedelta(days=7), "30d": timedelta(days=30)}


def _when(moment: datetime) -> str:
    return moment.astimezone(DEFAULT_ZONE).strftime("%d-%m-%Y %H:%M")


E = TypeVar("E", CaseState, CaseOrigin)


def _chosen(kind: type[E], value: str, field: str) -> E | None:
    """The filter's value; empty (the form's "any") is no filter."""
    try:
        return kind(value) if value else None
    except ValueError:
        raise InvalidValue(field, f"'{value[:24]}' is not one of {', '.join(kind)}") from None


@router.get("", response_class=HTMLResponse)
def board(
    request: Request,
    staff: Reader,
    container: ContainerDep,
    uow: UowDep,
    state: Annotated[str, Query(max_length=24)] = "",
    origin: Annotated[str, Query(max_length=24)] = "",
    urgent: Annotated[str, Query(pattern="^(|yes|no)$")] = "",
    area: Annotated[str, Query(pattern="^[1-9][0-9]{0,3}$|^$")] = "",
    older_than: Annotated[str, Query(pattern="^(|1d|7d|30d)$")] = "",
    q: Annotated[str, Query(max_length=80)] = "",
    after_at: AwareDatetime | None = None,
    after_id: Annotated[str, Query(max_length=32)] = "",
) -> HTMLResponse:
    age = AGES[older_than]
    filters = CaseFilter(
        state=_chosen(CaseState, state, "state"),
        origin=_chosen(CaseOrigin, origin, "origin"),
        urgent={"yes": True, "no": False}.get(urgent),
        postcode_prefix=area,
        opened_before=container.clock.now() - age if age else None,
        text=q.strip().replace("\x00", ""),
    )
    rows = case_board(uow, filters, (after_at, after_id) if after_at and after_id else None)
    asked = {
        "state": state,
        "origin": origin,
        "urgent": urgent,
        "area": area,
        "older_than": older_than,
        "q": q,
    }
    older = ""
    if len(rows) == BOARD_PAGE:
        last = rows[-1]
        older = urlencode(
            {**asked, "after_at": last.opened_at.isoformat(), "after_id": last.case_id}
        )
    t = texts_for(staff.user.language)
    return console_page(
        templates,
        request,
        "cases.html",
        staff,
        t["cases_title"],
        rows=[{"row": r, "opened": _when(r.opened_at)} for r in rows],
        asked=asked,
        states=[s.value for s in CaseState],
        origins=[o.value for o in CaseOrigin],
        older=older,
    )


@router.get("/{case_id}", response_class=HTMLResponse)
def case_page(
    request: Request,
    case_id: Annotated[str, PathParam(max_length=32)],
    staff: Reader,
    uow: UowDep,
) -> HTMLResponse:
    found = case_file(uow, case_id)
    language = staff.user.language
    journey = load_journey()
    case, customer = found.case, found.customer
    return console_page(
        templates,
        request,
        "case.html",
        staff,
        f"{texts_for(language)['cases_case']} {case.id}",
        case=case,
        opened=_when(case.opened_at),
        customer=salutation(customer, customer.language) if customer else "",
        address=(
            f"{customer.address.street} {customer.address.house_number}, "
            f"{customer.address.postcode} {customer.address.city}"
        )
        if customer
        else "",
        device=f"{found.device.model} ({found.device.serial})" if found.device else "",
        booking=window_label(found.booking.window, language) if found.booking else "",
        booking_active=bool(found.booking and found.booking.active),
        history=[
            {
                "at": _when(h.at),
                "action": h.action.value,
                "to": h.to_state.value,
                "reason": h.reason,
            }
            for h in case.history
        ],
        messages=[
            {
                "at": _when(m.created_at),
                "what": m.touchpoint.value,
                "channel": m.channel.value if m.channel else "",
                "status": m.status.value,
            }
            for m in found.messages
        ],
        events=[
            {
                "at": _when(e.occurred_at),
                "what": journey.title(e.touchpoint, language),
                "channel": e.channel.value,
            }
            for e in found.events
        ],
        findings=case.findings,
        booking_id=found.booking.id if found.booking and found.booking.active else "",
        pinned_to=found.pinned_to or "",
        crew=[{"id": t.id, "name": t.name} for t in found.crew],
        may_pin=staff.user.may(StaffRole.PLANNER),
        notice=notice_of(request, texts_for(language), ("cases_pinned", "cases_unpinned")),
    )


Planner = Annotated[StaffRequest, Depends(staff_only(StaffRole.PLANNER))]
CaseId = Annotated[str, PathParam(max_length=32)]


@router.post("/{case_id}/pin")
def pin(
    case_id: CaseId,
    staff: Planner,
    container: ContainerDep,
    uow: UowDep,
    booking_id: Annotated[str, Form(max_length=32)],
    technician_id: Annotated[str, Form(max_length=32)],
) -> Response:
    """Keep the visit with this technician in every plan of its day."""
    pin_visit(uow, booking_id, technician_id)
    audit(
        uow,
        container.clock,
        actor_of(staff.user),
        AuditAction.VISIT_PINNED,
        SubjectKind.CASE,
        case_id,
        technician=technician_id,
    )
    return saved(f"{PATH}/{case_id}", "cases_pinned")


@router.post("/{case_id}/unpin")
def unpin(
    case_id: CaseId,
    staff: Planner,
    container: ContainerDep,
    uow: UowDep,
    booking_id: Annotated[str, Form(max_length=32)],
) -> Response:
    unpin_visit(uow, booking_id)
    audit(
        uow,
        container.clock,
        actor_of(staff.user),
        AuditAction.VISIT_UNPINNED,
        SubjectKind.CASE,
        case_id,
    )
    return saved(f"{PATH}/{case_id}", "cases_unpinned")

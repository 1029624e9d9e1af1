"""The technician's route of the day in the console (``/staff/technician``), phone first: the
stops in order with their expected time, a navigation link, how to address the customer,
the appliance's history and what the fleet model suspects, and a button per step."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from klantreis.core.addressing import salutation
from klantreis.core.api.deps import ContainerOf, UnitOfWorkDep
from klantreis.core.case import CaseAction, allowed_actions
from klantreis.core.cases import act_on_case
from klantreis.core.errors import Forbidden, ServiceError
from klantreis.core.i18n import DEFAULT_ZONE, clock
from klantreis.core.link_paths import Page
from klantreis.core.technicians import get_technician
from klantreis.core.web.templating import page_templates
from klantreis.core.web.texts import texts_for
from klantreis.planning.ports import PlanningUnit
from klantreis.planning.technician_day import StopContext, require_on_day, technician_day
from klantreis.planning.tracking import OUTCOMES, close_visit
from klantreis.planning.visit_note import MAX_NOTE, MAX_PHOTO_BYTES, VisitNote
from klantreis.planning.visit_notes_service import notes_of, photo_of, write_note
from klantreis.planning.wiring import PlanningWiring
from klantreis.staff.audit import AuditAction, SubjectKind
from klantreis.staff.console import console_page, notice_of, saved
from klantreis.staff.model import StaffRole
from klantreis.staff.service import actor_of, audit
from klantreis.staff.signed_in import StaffRequest, sign_in_address, staff_only
from klantreis.telemetry.findings_service import VISITED, record_finding
from klantreis.telemetry.visit_findings import ASKED_FOR, Found

UowDep = UnitOfWorkDep[PlanningUnit]
ContainerDep = ContainerOf[PlanningWiring]
# A planner may look over a technician's shoulder (and an admin, as always).
Technician = Annotated[StaffRequest, Depends(staff_only(StaffRole.TECHNICIAN, StaffRole.PLANNER))]

templates = page_templates(Path(__file__).parent / "templates")
PATH = "/staff/technician"
router = APIRouter(prefix=PATH, include_in_schema=False)
old_links = APIRouter(prefix=Page.TECHNICIAN.prefix, include_in_schema=False)
STEPS = (
    CaseAction.DEPART,
    CaseAction.ARRIVE,
    CaseAction.RESOLVE,
    CaseAction.REQUIRE_FOLLOW_UP,
    CaseAction.REPORT_NO_SHOW,
)
DayQuery = Annotated[date | None, Query()]
TechnicianQuery = Annotated[str, Query(max_length=32)]


def today(now: datetime) -> date:
    return now.astimezone(DEFAULT_ZONE).date()


def whose_route(staff: StaffRequest, asked: str) -> str | None:
    """A technician sees their own route; a planner or admin the one they ask for."""
    if asked and staff.user.may(StaffRole.PLANNER):
        return asked
    return staff.user.technician_id


def navigation_link(stop: StopContext) -> str:
    """Directions to the customer in OpenStreetMap (a phone hands it to its maps app)."""
    where = stop.customer.address.location
    if where is None:
        a = stop.customer.address
        return "https://www.openstreetmap.org/search?" + urlencode(
            {"query": f"{a.street} {a.house_number}, {a.postcode} {a.city}"}
        )
    return "https://www.openstreetmap.org/directions?" + urlencode(
        {"route": f";{where.latitude},{where.longitude}"}
    )


def _stop_view(
    stop: StopContext, t: dict[str, str], notes: Sequence[VisitNote] = ()
) -> dict[str, object]:
    address = stop.customer.address
    language = stop.customer.language
    return {
        "case_id": stop.case.id,
        "eta": clock(stop.arrival, language),
        "address": f"{address.street} {address.house_number}, {address.postcode} {address.city}",
        "navigate": navigation_link(stop),
        "greeting": salutation(stop.customer, language),
        "language": language.value,
        "persona": stop.customer.persona.value.replace("_", " "),
        "device": f"{stop.device.model} ({stop.device.serial})" if stop.device else "",
        "suspicion": stop.suspicion,
        "parts": ", ".join(stop.case.findings.parts) if stop.case.findings else "",
        "history": "; ".join(
            f"{c.opened_at.astimezone(DEFAULT_ZONE):%d-%m-%Y} {c.summary or c.origin.value}"
            for c in stop.device_history[:5]
        ),
        "state": stop.case.state.value.replace("_", " "),
        "actions": [
            (a.value, t[f"route_{a.value}"]) for a in allowed_actions(stop.case.state) if a in STEPS
        ],
        "notes": [
            {
                "id": n.id,
                "text": n.text,
                "photo": bool(n.photo_name),
                "at": clock(n.written_at, language),
            }
            for n in notes
        ],
        "findings": [(f.value, t[f"route_found_{f.value}"]) for f in Found]
        if stop.case.origin in ASKED_FOR and stop.device and stop.case.state in VISITED
        else [],
    }


@router.get("", response_class=HTMLResponse)
def route_page(
    request: Request,
    staff: Technician,
    container: ContainerDep,
    uow: UowDep,
    day: DayQuery = None,
    technician: TechnicianQuery = "",
    step: Annotated[str, Query(max_length=32)] = "",
) -> HTMLResponse:
    t = texts_for(staff.user.language)
    technician_id = whose_route(staff, technician)
    if technician_id is None:
        return console_page(
            templates,
            request,
            "technician.html",
            staff,
            t["route_title"],
            status=404,
            stops=[],
            missing=t["route_no_technician"],
            day="",
            technician="",
        )
    shown = day or today(container.clock.now())
    who = get_technician(uow, technician_id)
    day_stops = technician_day(uow, technician_id, shown)
    notes = notes_of(uow, [stop.case.id for stop in day_stops])
    stops = [_stop_view(stop, t, notes.get(stop.case.id, ())) for stop in day_stops]
    return console_page(
        templates,
        request,
        "technician.html",
        staff,
        f"{t['route_title']} · {who.name}",
        stops=stops,
        day=shown.isoformat(),
        technician=technician if technician == technician_id else "",
        notice=notice_of(
            request,
            t,
            ("route_saved", "route_found_saved", "route_note_saved"),
            what=t[f"route_{step}"] if step in {a.value for a in STEPS} else "",
        ),
        missing="",
    )


def _back(day: date, technician: str, text_key: str, step: str = "") -> RedirectResponse:
    return saved(PATH, text_key, day=day.isoformat(), technician=technician, step=step)


CaseId = Annotated[str, PathParam(max_length=32)]


@router.post("/{case_id}", response_class=HTMLResponse)
def record_step(
    case_id: CaseId,
    staff: Technician,
    container: ContainerDep,
    uow: UowDep,
    action: Annotated[CaseAction, Form()],
    day: Annotated[date, Form()],
    technician: Annotated[str, Form(max_length=32)] = "",
) -> Response:
    """A move or an outcome at the door, by the technician whose route it is (a planner
    looks over their shoulder, but the steps and findings are the technician's)."""
    technician_id = staff.user.technician_id
    if technician_id is None:
        raise Forbidden("only the technician whose route it is records its steps")
    require_on_day(uow, technician_id, day, case_id)
    if action not in STEPS:
        raise ServiceError(f"'{action.value}' is not for the technician")
    if action in OUTCOMES:
        close_visit(uow, container.clock, case_id, action, messenger=container.messenger)
    else:
        act_on_case(uow, container.clock, case_id, action)
    audit(
        uow,
        container.clock,
        actor_of(staff.user),
        AuditAction.CASE_STEP,
        SubjectKind.CASE,
        case_id,
        step=action.value,
    )
    return _back(day, technician, "route_saved", action.value)


@router.post("/{case_id}/finding", response_class=HTMLResponse)
def record_what_was_found(
    case_id: CaseId,
    staff: Technician,
    container: ContainerDep,
    uow: UowDep,
    found: Annotated[Found, Form()],
    day: Annotated[date, Form()],
    technician: Annotated[str, Form(max_length=32)] = "",
) -> Response:
    """What the technician found: the label the next training learns from."""
    technician_id = staff.user.technician_id
    if technician_id is None:
        raise Forbidden("only the technician whose route it is records its steps")
    require_on_day(uow, technician_id, day, case_id)
    record_finding(uow, container.clock, case_id, found)
    audit(
        uow,
        container.clock,
        actor_of(staff.user),
        AuditAction.FINDING_RECORDED,
        SubjectKind.CASE,
        case_id,
        found=found.value,
    )
    return _back(day, technician, "route_found_saved")


@old_links.get("/{token}")
def old_link(token: str) -> Response:
    """The signed links of before the console: sign in instead (what they showed is a
    person's business, not a link's)."""
    return RedirectResponse(sign_in_address(PATH), status_code=303)


@router.post("/{case_id}/note", response_class=HTMLResponse)
async def write_a_note(
    request: Request,
    case_id: CaseId,
    staff: Technician,
    container: ContainerDep,
    uow: UowDep,
    day: Annotated[date, Form()],
    note: Annotated[str, Form(max_length=MAX_NOTE * 2)] = "",
    photo: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """A note, with a photo of what was found if there is one (its kind read from its bytes,
    its size held to the limit); refused by field, and then nothing is kept."""
    technician_id = staff.user.technician_id
    if technician_id is None:
        raise Forbidden("only the technician whose route it is writes its notes")
    content = await photo.read(MAX_PHOTO_BYTES + 1) if photo is not None else b""
    await run_in_threadpool(
        write_note,
        uow,
        container.clock,
        container.photos,
        staff.user.email,
        technician_id,
        day,
        case_id,
        note,
        content,
    )
    return _back(day, "", "route_note_saved")


Reader = Annotated[
    StaffRequest, Depends(staff_only(StaffRole.TECHNICIAN, StaffRole.PLANNER, StaffRole.AGENT))
]


@router.get("/photos/{note_id}")
def photo(
    note_id: Annotated[str, PathParam(max_length=32)],
    staff: Reader,
    container: ContainerDep,
    uow: UowDep,
) -> Response:
    content, kind = photo_of(uow, container.photos, note_id)
    return Response(content, media_type=kind, headers={"Content-Disposition": "inline"})

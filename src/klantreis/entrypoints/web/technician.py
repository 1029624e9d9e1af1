"""The technician's view of the day: a signed link per technician and day, no login."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from klantreis.domain.addressing import salutation
from klantreis.domain.case import CaseAction, allowed_actions
from klantreis.domain.common import Language
from klantreis.entrypoints.api.deps import ContainerDep, UowDep
from klantreis.entrypoints.web.render import templates
from klantreis.i18n import clock
from klantreis.services.cases import act_on_case
from klantreis.services.errors import NotFound, ServiceError
from klantreis.services.planning.technician_day import technician_day
from klantreis.services.planning.tracking import OUTCOMES, close_visit
from klantreis.services.scheduling.links import LinkRefused
from klantreis.services.staff_links import StaffLinks

router = APIRouter(prefix="/m", include_in_schema=False)
KIND = "technician-day"
LABELS = {
    CaseAction.DEPART: "Vertrek",
    CaseAction.ARRIVE: "Aangekomen",
    CaseAction.RESOLVE: "Opgelost",
    CaseAction.REQUIRE_FOLLOW_UP: "Onderdelen nodig",
    CaseAction.REPORT_NO_SHOW: "Geen toegang",
}


def technician_link(links: StaffLinks, technician_id: str, day: date) -> str:
    return links.make(KIND, tech=technician_id, day=day.isoformat())


def technician_and_day(token: str, container: ContainerDep, uow: UowDep) -> tuple[str, date]:
    payload = container.staff_links.open(uow, token, KIND)
    try:
        return str(payload["tech"]), date.fromisoformat(payload["day"])
    except (KeyError, TypeError, ValueError) as exc:
        raise LinkRefused("this link is not valid", expired=False) from exc


TechnicianDay = Annotated[tuple[str, date], Depends(technician_and_day)]


@router.get("/{token}", response_class=HTMLResponse)
def day_view(
    token: str, who: TechnicianDay, request: Request, container: ContainerDep, uow: UowDep
) -> HTMLResponse:
    technician_id, day = who
    technician = uow.technicians.get(technician_id)
    if technician is None:
        raise NotFound(f"technician '{technician_id}' does not exist")
    stops = []
    for stop in technician_day(uow, technician_id, day):
        address = stop.customer.address
        stops.append(
            {
                "case_id": stop.case.id,
                "eta": clock(stop.arrival, Language.NL),
                "address": f"{address.street} {address.house_number}, {address.postcode} "
                f"{address.city}",
                "greeting": salutation(stop.customer, Language.NL),
                "language": stop.customer.language.value,
                "persona": stop.customer.persona.value.replace("_", " "),
                "device": f"{stop.device.model} ({stop.device.serial})" if stop.device else "",
                "suspicion": stop.suspicion,
                "parts": ", ".join(stop.case.findings.parts) if stop.case.findings else "",
                "history": "; ".join(
                    f"{c.opened_at:%d-%m-%Y} {c.summary or c.origin.value}"
                    for c in stop.device_history[:5]
                ),
                "state": stop.case.state.value.replace("_", " "),
                "actions": [
                    (a.value, LABELS[a]) for a in allowed_actions(stop.case.state) if a in LABELS
                ],
            }
        )
    return templates.TemplateResponse(
        request,
        "technician.html",
        {
            "lang": "nl",
            "title": f"{technician.name} · {day:%d-%m-%Y}",
            "stops": stops,
            "base": f"/m/{token}",
            "message": request.query_params.get("done", ""),
        },
    )


@router.post("/{token}/{case_id}", response_class=HTMLResponse)
def record(
    token: str,
    case_id: str,
    who: TechnicianDay,
    container: ContainerDep,
    uow: UowDep,
    action: Annotated[CaseAction, Form()],
) -> Response:
    """A move or an outcome at the door; an outcome sends the technician on to the next."""
    technician_id, day = who
    if case_id not in {s.case.id for s in technician_day(uow, technician_id, day)}:
        raise NotFound(f"case '{case_id}' is not on this technician's day")
    if action not in LABELS:
        raise ServiceError(f"'{action.value}' is not for the technician")
    if action in OUTCOMES:
        close_visit(uow, container.clock, case_id, action, messenger=container.messenger)
    else:
        act_on_case(uow, container.clock, case_id, action)
    uow.commit()
    return RedirectResponse(f"/m/{token}?done={LABELS[action]}", status_code=303)

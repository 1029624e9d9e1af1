"""The technician's view of the day: a signed link per technician and day, no login."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from klantreis.core.addressing import salutation
from klantreis.core.api.deps import ContainerOf, UnitOfWorkDep
from klantreis.core.case import CaseAction, allowed_actions
from klantreis.core.cases import act_on_case
from klantreis.core.common import Language
from klantreis.core.errors import ServiceError
from klantreis.core.i18n import clock
from klantreis.core.link_paths import Page, path_of
from klantreis.core.links import LinkRefused
from klantreis.core.staff_links import StaffLinks
from klantreis.core.technicians import get_technician
from klantreis.core.web.templating import page_templates
from klantreis.planning.ports import PlanningUnit
from klantreis.planning.technician_day import require_on_day, technician_day
from klantreis.planning.tracking import OUTCOMES, close_visit
from klantreis.planning.wiring import PlanningWiring
from klantreis.telemetry.findings_service import VISITED, record_finding
from klantreis.telemetry.visit_findings import ASKED_FOR, Found

UowDep = UnitOfWorkDep[PlanningUnit]
ContainerDep = ContainerOf[PlanningWiring]

templates = page_templates(Path(__file__).parent / "templates")

router = APIRouter(prefix=Page.TECHNICIAN.prefix, include_in_schema=False)
KIND = "technician-day"
LABELS = {
    CaseAction.DEPART: "Vertrek",
    CaseAction.ARRIVE: "Aangekomen",
    CaseAction.RESOLVE: "Opgelost",
    CaseAction.REQUIRE_FOLLOW_UP: "Onderdelen nodig",
    CaseAction.REPORT_NO_SHOW: "Geen toegang",
}


# "What did you find?" on a predicted or maintenance visit: one tap, in either language.
FOUND_QUESTION = {Language.NL: "Wat vond u?", Language.EN: "What did you find?"}
FOUND_LABELS = {
    Language.NL: {
        Found.WEAR_CONFIRMED: "Slijtage bevestigd",
        Found.NOTHING_FOUND: "Niets gevonden",
        Found.OTHER_FAULT: "Andere storing",
    },
    Language.EN: {
        Found.WEAR_CONFIRMED: "Wear confirmed",
        Found.NOTHING_FOUND: "Nothing found",
        Found.OTHER_FAULT: "Another fault",
    },
}
FOUND_SAVED = {Language.NL: "Bevinding opgeslagen", Language.EN: "Finding saved"}


def technician_link(links: StaffLinks, technician_id: str, day: date) -> str:
    return links.make(KIND, tech=technician_id, day=day.isoformat())


def technician_and_day(token: str, container: ContainerDep) -> tuple[str, date]:
    # Its own read-only look: the request's unit of work stays the route's one writer.
    with container.uow_factory(read_only=True) as uow:
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
    technician = get_technician(uow, technician_id)
    language = Language.EN if request.query_params.get("lang") == "en" else Language.NL
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
                "findings": [(f.value, label) for f, label in FOUND_LABELS[language].items()]
                if stop.case.origin in ASKED_FOR and stop.device and stop.case.state in VISITED
                else [],
            }
        )
    return templates.TemplateResponse(
        request,
        "technician.html",
        {
            "lang": "nl",
            "title": f"{technician.name} · {day:%d-%m-%Y}",
            "stops": stops,
            "base": f"{path_of(Page.TECHNICIAN, token)}",
            "found_question": FOUND_QUESTION[language],
            "lang_suffix": "?lang=en" if language is Language.EN else "",
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
    require_on_day(uow, technician_id, day, case_id)
    if action not in LABELS:
        raise ServiceError(f"'{action.value}' is not for the technician")
    if action in OUTCOMES:
        close_visit(uow, container.clock, case_id, action, messenger=container.messenger)
    else:
        act_on_case(uow, container.clock, case_id, action)
    return RedirectResponse(
        f"{path_of(Page.TECHNICIAN, token)}?done={LABELS[action]}", status_code=303
    )


@router.post("/{token}/{case_id}/finding", response_class=HTMLResponse)
def finding(
    token: str,
    case_id: str,
    who: TechnicianDay,
    container: ContainerDep,
    uow: UowDep,
    request: Request,
    found: Annotated[Found, Form()],
) -> Response:
    """What the technician found: the label the next training learns from."""
    technician_id, day = who
    require_on_day(uow, technician_id, day, case_id)
    record_finding(uow, container.clock, case_id, found)
    language = Language.EN if request.query_params.get("lang") == "en" else Language.NL
    suffix = "&lang=en" if language is Language.EN else ""
    return RedirectResponse(
        f"{path_of(Page.TECHNICIAN, token)}?done={FOUND_SAVED[language]}{suffix}", status_code=303
    )

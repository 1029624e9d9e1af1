"""The planner's day in the console (``/staff/planner``): per technician their visits, load
and kilometres, each linking to that technician's route."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from klantreis.core.api.deps import ContainerOf, UnitOfWorkDep
from klantreis.core.i18n import day_label
from klantreis.core.link_paths import Page
from klantreis.core.web.templating import page_templates
from klantreis.core.web.texts import texts_for
from klantreis.planning.overview import day_overview
from klantreis.planning.ports import PlanningUnit
from klantreis.planning.route_map import DrawnRoute, route_map
from klantreis.planning.technician_page import today
from klantreis.planning.wiring import PlanningWiring
from klantreis.staff.console import console_page
from klantreis.staff.model import StaffRole
from klantreis.staff.signed_in import StaffRequest, sign_in_address, staff_only

UowDep = UnitOfWorkDep[PlanningUnit]
ContainerDep = ContainerOf[PlanningWiring]
Planner = Annotated[StaffRequest, Depends(staff_only(StaffRole.PLANNER))]

templates = page_templates(Path(__file__).parent / "templates")
PATH = "/staff/planner"
router = APIRouter(prefix=PATH, include_in_schema=False)
old_links = APIRouter(prefix=Page.PLANNER.prefix, include_in_schema=False)


@router.get("", response_class=HTMLResponse)
def planner_page(
    request: Request,
    staff: Planner,
    container: ContainerDep,
    uow: UowDep,
    day: Annotated[date | None, Query()] = None,
) -> HTMLResponse:
    shown = day or today(container.clock.now())
    loads = day_overview(uow, container.travel, shown)
    rows = [
        {
            "name": t.name,
            "visits": len(t.stops),
            "load": round(t.load_pct),
            "km": t.km,
            "route_query": urlencode({"day": shown.isoformat(), "technician": t.technician_id}),
        }
        for t in loads
    ]
    language = staff.user.language
    title = f"{texts_for(language)['planner_title']}: {day_label(shown, language)}"
    drawn = [DrawnRoute(t.name, t.route) for t in loads if len(t.route) > 2]
    return console_page(
        templates,
        request,
        "planner.html",
        staff,
        title,
        rows=rows,
        day=shown.isoformat(),
        route_map=Markup(route_map(drawn, texts_for(language)["planner_map"])),
    )


@old_links.get("/{token}")
def old_link(token: str) -> Response:
    """The signed link of before the console: sign in instead."""
    return RedirectResponse(sign_in_address(PATH), status_code=303)

"""The planner's page for a day (signed link, printed by ``klantreis plan``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from klantreis.core.api.deps import ContainerOf, UnitOfWorkDep
from klantreis.core.link_paths import Page
from klantreis.core.links import LinkRefused
from klantreis.core.staff_links import StaffLinks
from klantreis.core.web.templating import page_templates
from klantreis.planning.overview import day_overview
from klantreis.planning.ports import PlanningUnit
from klantreis.planning.wiring import PlanningWiring

UowDep = UnitOfWorkDep[PlanningUnit]
ContainerDep = ContainerOf[PlanningWiring]

templates = page_templates(Path(__file__).parent / "templates")

router = APIRouter(prefix=Page.PLANNER.prefix, include_in_schema=False)
KIND = "planner-day"


def planner_link(links: StaffLinks, day: date) -> str:
    return links.make(KIND, day=day.isoformat())


@router.get("/{token}", response_class=HTMLResponse)
def planner_page(
    token: str, request: Request, container: ContainerDep, uow: UowDep
) -> HTMLResponse:
    payload = container.staff_links.open(uow, token, KIND)
    try:
        day = date.fromisoformat(payload["day"])
    except (KeyError, TypeError, ValueError) as exc:
        raise LinkRefused("this link is not valid", expired=False) from exc
    rows = [
        {"name": t.name, "visits": len(t.stops), "load": round(t.load_pct), "km": t.km}
        for t in day_overview(uow, container.travel, day)
    ]
    return templates.TemplateResponse(
        request, "planner.html", {"lang": "nl", "title": f"Planning {day:%d-%m-%Y}", "rows": rows}
    )

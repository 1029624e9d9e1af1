"""The tracking page: where the visit stands and when the technician arrives."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from klantreis.core.addressing import salutation
from klantreis.core.api.deps import ContainerOf, UnitOfWorkDep
from klantreis.core.case import CaseState
from klantreis.core.cases import customer_of_case
from klantreis.core.common import Language
from klantreis.core.i18n import clock, window_label
from klantreis.core.link_paths import Page
from klantreis.core.links import Purpose
from klantreis.core.web.templating import page_templates
from klantreis.core.web.texts import texts_for
from klantreis.planning.ports import PlanningUnit
from klantreis.planning.tracking import track
from klantreis.planning.wiring import PlanningWiring
from klantreis.scheduling.pages import TrackedCase
from klantreis.scheduling.render import chosen_language

UowDep = UnitOfWorkDep[PlanningUnit]
ContainerDep = ContainerOf[PlanningWiring]

templates = page_templates(Path(__file__).parent / "templates")

router = APIRouter(prefix=Page.TRACKING.prefix, include_in_schema=False)

_STATUS = {
    CaseState.BOOKED: "track_booked",
    CaseState.PLANNED: "track_planned",
    CaseState.EN_ROUTE: "track_en_route",
    CaseState.ON_SITE: "track_on_site",
    CaseState.RESOLVED: "track_done",
    CaseState.CLOSED: "track_done",
    CaseState.CANCELLED: "track_cancelled",
}


@router.get("/{token}", response_class=HTMLResponse)
def tracking_page(
    token: str, case_id: TrackedCase, request: Request, container: ContainerDep, uow: UowDep
) -> HTMLResponse:
    tracking = track(uow, case_id)
    customer = customer_of_case(uow, case_id)
    language = chosen_language(request, customer.language)
    t = texts_for(language)
    window = window_label(tracking.booking.window, language) if tracking.booking else ""
    eta = (
        (
            f"{clock(tracking.eta[0], language)} {'en' if language is Language.NL else 'and'} "
            f"{clock(tracking.eta[1], language)}"
        )
        if tracking.eta
        else window
    )
    key = _STATUS.get(tracking.case.state, "track_open")
    if key == "track_planned" and tracking.eta is None:
        key = "track_booked"
    return templates.TemplateResponse(
        request,
        "tracking.html",
        {
            "lang": language.value,
            "other_lang": "en" if language is Language.NL else "nl",
            "title": t["track_title"],
            "t": t,
            "token": token,
            "greeting": salutation(customer, language),
            "status": t[key].format(window=window, eta=eta),
            "status_class": "notice" if tracking.case.state is CaseState.CANCELLED else "ok",
            "window": window,
            "manages": container.links.purpose_of(token) is Purpose.MANAGE,
        },
    )

"""The analysts' page in the console (``/staff/analytics``, in the analyst's language):
lifecycle figures, the funnel, paths, pain points, survey results, experiments and the
roadmap, drawn with Plotly (served as a static file, so the page works offline), and the
funnel as CSV. Touchpoints are shown by their names in the journey catalogue."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from klantreis.analytics.charts import (
    figure_data,
    funnel_figure,
    reliability_figure,
    roadmap_figure,
    sankey_figure,
)
from klantreis.analytics.engine import DIMENSIONS
from klantreis.analytics.overview import overview, service_funnels
from klantreis.analytics.ports import AnalyticsUnit
from klantreis.analytics.wiring import AnalyticsWiring
from klantreis.core.api.deps import ContainerOf, UnitOfWorkDep
from klantreis.core.journey_config import load_journey
from klantreis.core.link_paths import Page
from klantreis.core.spreadsheet import SpreadsheetSafeWriter
from klantreis.core.web.templating import page_templates
from klantreis.core.web.texts import texts_for
from klantreis.feedback.service import GROUPINGS, survey_results
from klantreis.staff.console import console_page
from klantreis.staff.model import StaffRole
from klantreis.staff.signed_in import StaffRequest, sign_in_address, staff_only
from klantreis.telemetry.findings_service import precision_by_model_version
from klantreis.telemetry.queries import champion_calibration

UowDep = UnitOfWorkDep[AnalyticsUnit]
ContainerDep = ContainerOf[AnalyticsWiring]

templates = page_templates(Path(__file__).parent / "templates")

PATH = "/staff/analytics"
router = APIRouter(prefix=PATH, include_in_schema=False)
old_links = APIRouter(prefix=Page.ANALYST.prefix, include_in_schema=False)
Analyst = Annotated[StaffRequest, Depends(staff_only(StaffRole.ANALYST))]
By = Annotated[str | None, Query(pattern=f"^({'|'.join(DIMENSIONS)})$")]
SurveyBy = Annotated[str, Query(pattern=f"^({'|'.join(GROUPINGS)})$")]


@router.get("", response_class=HTMLResponse)
def analyst_page(
    request: Request,
    staff: Analyst,
    container: ContainerDep,
    uow: UowDep,
    by: By = None,
    survey_by: SurveyBy = "persona",
) -> HTMLResponse:
    seen = overview(container.engine, by)
    journey, language = load_journey(), staff.user.language
    t = texts_for(language)

    def title_of(touchpoint: str) -> str:
        return journey.title(touchpoint, language)

    figures = (
        [
            funnel_figure(seen.funnels, title_of, t["an_funnel"]),
            sankey_figure(seen.paths, title_of, t["an_paths"]),
        ]
        if seen.funnels
        else []
    )
    figures.append(roadmap_figure([initiative for initiative, _ in seen.roadmap]))
    calibration = champion_calibration(uow, container.appliances)
    if calibration:
        figures.append(reliability_figure(calibration))
    return console_page(
        templates,
        request,
        "analyst.html",
        staff,
        t["an_title"],
        title_of=title_of,
        by=by or "",
        dimensions=DIMENSIONS,
        life=seen.lifecycle,
        funnels=seen.funnels,
        charts=figure_data(figures),
        pains=seen.pains,
        surveys=survey_results(uow, survey_by),
        survey_by=survey_by,
        groupings=GROUPINGS,
        roadmap=seen.roadmap,
        experiments=seen.experiments,
        predictions=precision_by_model_version(uow),
        calibration=calibration,
    )


@router.get("/funnel.csv")
def funnel_csv(staff: Analyst, container: ContainerDep, by: By = None) -> Response:
    _analytics, funnels = service_funnels(container.engine, by)
    out = io.StringIO()
    writer = SpreadsheetSafeWriter(out)
    writer.writerow(
        [
            "group",
            "step",
            "units",
            "from_previous",
            "from_start",
            "median_hours",
            "p25_hours",
            "p75_hours",
        ]
    )
    for funnel in funnels:
        for s in funnel.steps:
            writer.writerow(
                [
                    funnel.group,
                    s.touchpoint,
                    s.units,
                    s.conversion_from_previous,
                    s.conversion_from_start,
                    s.median_hours_from_previous,
                    s.p25_hours,
                    s.p75_hours,
                ]
            )
    return Response(
        out.getvalue(),
        media_type="text/csv",
        headers={"Content-Disposition": "attachment; filename=funnel.csv"},
    )


@old_links.get("/{token}")
def old_link(token: str) -> Response:
    """The signed link of before the console: sign in instead."""
    return RedirectResponse(sign_in_address(PATH), status_code=303)

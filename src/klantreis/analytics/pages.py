"""The analysts' page (``/a/{token}``, a signed link from ``klantreis analytics link``):
lifecycle figures, the funnel, paths, pain points, survey results, experiments and the
roadmap, drawn with Plotly (its script embedded, so the page works offline), and the funnel
as CSV."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

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
from klantreis.core.link_paths import Page
from klantreis.core.spreadsheet import SpreadsheetSafeWriter
from klantreis.core.staff_links import StaffLinks
from klantreis.core.web.templating import page_templates
from klantreis.feedback.service import GROUPINGS, survey_results
from klantreis.telemetry.findings_service import precision_by_model_version
from klantreis.telemetry.queries import champion_calibration

UowDep = UnitOfWorkDep[AnalyticsUnit]
ContainerDep = ContainerOf[AnalyticsWiring]

templates = page_templates(Path(__file__).parent / "templates")

router = APIRouter(prefix=Page.ANALYST.prefix, include_in_schema=False)
KIND = "analyst"


def analyst_link(links: StaffLinks) -> str:
    """A link of its own for each analyst it is given to (each can be revoked alone)."""
    return links.make(KIND)


def _check(token: str, container: ContainerDep, uow: UowDep) -> None:
    container.staff_links.open(uow, token, KIND)


Checked = Annotated[None, Depends(_check)]
By = Annotated[str | None, Query(pattern=f"^({'|'.join(DIMENSIONS)})$")]
SurveyBy = Annotated[str, Query(pattern=f"^({'|'.join(GROUPINGS)})$")]


@router.get("/{token}", response_class=HTMLResponse)
def analyst_page(
    token: str,
    request: Request,
    container: ContainerDep,
    uow: UowDep,
    _: Checked,
    by: By = None,
    survey_by: SurveyBy = "persona",
) -> HTMLResponse:
    seen = overview(container.engine, by)
    figures = [funnel_figure(seen.funnels), sankey_figure(seen.paths)] if seen.funnels else []
    figures.append(roadmap_figure([initiative for initiative, _ in seen.roadmap]))
    calibration = champion_calibration(uow, container.appliances)
    if calibration:
        figures.append(reliability_figure(calibration))
    return templates.TemplateResponse(
        request,
        "analyst.html",
        {
            "lang": "en",
            "title": "Journey analytics",
            "token": token,
            "by": by or "",
            "dimensions": DIMENSIONS,
            "life": seen.lifecycle,
            "funnels": seen.funnels,
            "charts": figure_data(figures),
            "pains": seen.pains,
            "surveys": survey_results(uow, survey_by),
            "survey_by": survey_by,
            "groupings": GROUPINGS,
            "roadmap": seen.roadmap,
            "experiments": seen.experiments,
            "predictions": precision_by_model_version(uow),
            "calibration": calibration,
        },
    )


@router.get("/{token}/funnel.csv")
def funnel_csv(token: str, container: ContainerDep, _: Checked, by: By = None) -> Response:
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

"""The analysts' page (``/a/{token}``, a signed link from ``klantreis analytics link``):
lifecycle figures, the funnel, paths, pain points, survey results and the roadmap, drawn with
Plotly (its script embedded, so the page works offline), and the funnel as CSV."""

from __future__ import annotations

import csv
import io
from typing import Annotated

import plotly.graph_objects as go
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from itsdangerous import BadSignature, URLSafeSerializer

from klantreis.adapters.analytics.engine import DIMENSIONS, Funnel, JourneyAnalytics
from klantreis.adapters.analytics.experiment_registry import load_experiments
from klantreis.adapters.analytics.experiment_source import experiment_counts
from klantreis.adapters.analytics.experiments import analyse
from klantreis.adapters.analytics.lifecycle import lifecycle, pain_points
from klantreis.adapters.analytics.roadmap import load_roadmap
from klantreis.adapters.analytics.source import event_frame
from klantreis.entrypoints.api.deps import ContainerDep, UowDep
from klantreis.entrypoints.web.render import templates
from klantreis.services.feedback import GROUPINGS, survey_results
from klantreis.services.scheduling.links import LinkRefused

router = APIRouter(prefix="/a", include_in_schema=False)
SALT = "klantreis-analyst"
FUNNEL = (
    "case_opened",
    "case_invite",
    "case_book",
    "case_plan",
    "case_depart",
    "case_arrive",
    "case_resolve",
)


def analyst_link(secret: str) -> str:
    return str(URLSafeSerializer(secret, salt=SALT).dumps({"role": "analyst"}))


def _check(token: str, container: ContainerDep) -> None:
    try:
        URLSafeSerializer(container.settings.secret_key, salt=SALT).loads(token)
    except BadSignature:
        raise LinkRefused("this link is not valid", expired=False) from None


Checked = Annotated[None, Depends(_check)]
By = Annotated[str | None, Query(pattern=f"^({'|'.join(DIMENSIONS)})$")]
SurveyBy = Annotated[str, Query(pattern=f"^({'|'.join(GROUPINGS)})$")]


def _funnels(container: ContainerDep, by: str | None) -> tuple[JourneyAnalytics, list[Funnel]]:
    analytics = JourneyAnalytics()
    frame = event_frame(container.engine)
    if frame.empty:
        return analytics, []
    analytics.load(frame)
    # the service funnel as far as the log has its steps (a young log lacks the later ones)
    steps = [s for s in FUNNEL if s in analytics.touchpoints]
    if len(steps) < 2 or steps[0] != FUNNEL[0]:
        return analytics, []
    return analytics, analytics.funnel(steps, by=by)


def _chart(figure: go.Figure, first: bool) -> str:
    return str(figure.to_html(full_html=False, include_plotlyjs=first, default_height=420))


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
    analytics, funnels = _funnels(container, by)
    charts = []
    if funnels:
        funnel_chart = go.Figure(
            [
                go.Funnel(
                    name=f.group, y=[s.touchpoint for s in f.steps], x=[s.units for s in f.steps]
                )
                for f in funnels
            ]
        )
        funnel_chart.update_layout(title="Funnel")
        charts.append(_chart(funnel_chart, first=True))
        paths = analytics.paths()
        labels = sorted({p[0] for p in paths} | {p[1] for p in paths})
        index = {label: i for i, label in enumerate(labels)}
        sankey = go.Figure(
            go.Sankey(
                node={"label": labels, "pad": 12},
                link={
                    "source": [index[p[0]] for p in paths],
                    "target": [index[p[1]] for p in paths],
                    "value": [p[2] for p in paths],
                },
            )
        )
        sankey.update_layout(title="Paths")
        charts.append(_chart(sankey, first=False))
    overall = funnels[0] if funnels and not by else None
    pains = pain_points(container.engine, overall) if overall else []
    roadmap = load_roadmap()
    matrix = go.Figure(
        go.Scatter(
            x=[i.effort for i in roadmap],
            y=[i.value for i in roadmap],
            text=[i.name for i in roadmap],
            mode="markers+text",
            textposition="top center",
            marker={"size": 14},
        )
    )
    matrix.update_layout(
        title="Roadmap: value against effort",
        xaxis={"title": "effort", "range": [0, 11]},
        yaxis={"title": "value", "range": [0, 11]},
        shapes=[
            {"type": "line", "x0": 5.5, "x1": 5.5, "y0": 0, "y1": 11, "line": {"dash": "dot"}},
            {"type": "line", "x0": 0, "x1": 11, "y0": 5.5, "y1": 5.5, "line": {"dash": "dot"}},
        ],
    )
    charts.append(_chart(matrix, first=not charts))
    current = {p.key for p in pains}
    experiments = []
    for declared in load_experiments():
        units, conversions = experiment_counts(
            container.engine, declared.experiment.key, declared.metric
        )
        experiments.append(
            (
                declared,
                analyse(
                    declared.experiment,
                    units,
                    conversions,
                    declared.baseline,
                    declared.minimum_effect,
                ),
            )
        )
    return templates.TemplateResponse(
        request,
        "analyst.html",
        {
            "lang": "en",
            "title": "Journey analytics",
            "token": token,
            "by": by or "",
            "dimensions": DIMENSIONS,
            "life": lifecycle(container.engine),
            "funnels": funnels,
            "charts": charts,
            "pains": pains,
            "surveys": survey_results(uow, survey_by),
            "survey_by": survey_by,
            "groupings": GROUPINGS,
            "roadmap": [(i, [p for p in i.pain_points if p in current]) for i in roadmap],
            "experiments": experiments,
        },
    )


@router.get("/{token}/funnel.csv")
def funnel_csv(token: str, container: ContainerDep, _: Checked, by: By = None) -> Response:
    _, funnels = _funnels(container, by)
    out = io.StringIO()
    writer = csv.writer(out)
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

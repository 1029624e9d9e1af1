"""Charts people would rather see than read: the funnel, the paths (Sankey) and the roadmap
matrix, as Plotly figures; pages embed them with Plotly's script inline, so they open offline."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import plotly.graph_objects as go

from klantreis.analytics.engine import Funnel
from klantreis.analytics.roadmap import Initiative
from klantreis.telemetry.queries import Calibration


def _as_is(touchpoint: str) -> str:
    return touchpoint


def funnel_figure(
    funnels: Sequence[Funnel], title_of: Callable[[str], str] = _as_is, title: str = "Funnel"
) -> go.Figure:
    """``title_of`` names a touchpoint for people (the journey catalogue's title)."""
    figure = go.Figure(
        [
            go.Funnel(
                name=f.group,
                y=[title_of(s.touchpoint) for s in f.steps],
                x=[s.units for s in f.steps],
                textinfo="value+percent initial",
            )
            for f in funnels
        ]
    )
    return figure.update_layout(title=title)


def sankey_figure(
    paths: Sequence[tuple[str, str, int]],
    title_of: Callable[[str], str] = _as_is,
    title: str = "Paths (first five steps)",
) -> go.Figure:
    labels = sorted({p[0] for p in paths} | {p[1] for p in paths})
    index = {label: i for i, label in enumerate(labels)}
    figure = go.Figure(
        go.Sankey(
            node={"label": [title_of(label) for label in labels], "pad": 12},
            link={
                "source": [index[p[0]] for p in paths],
                "target": [index[p[1]] for p in paths],
                "value": [p[2] for p in paths],
            },
        )
    )
    return figure.update_layout(title=title)


def roadmap_figure(initiatives: Sequence[Initiative]) -> go.Figure:
    figure = go.Figure(
        go.Scatter(
            x=[i.effort for i in initiatives],
            y=[i.value for i in initiatives],
            text=[i.name for i in initiatives],
            mode="markers+text",
            textposition="top center",
            marker={"size": 14},
        )
    )
    quadrant_lines = [
        {"type": "line", "x0": 5.5, "x1": 5.5, "y0": 0, "y1": 11, "line": {"dash": "dot"}},
        {"type": "line", "x0": 0, "x1": 11, "y0": 5.5, "y1": 5.5, "line": {"dash": "dot"}},
    ]
    return figure.update_layout(
        title="Roadmap: value against effort",
        xaxis={"title": "effort", "range": [0, 11]},
        yaxis={"title": "value", "range": [0, 11]},
        shapes=quadrant_lines,
    )


def reliability_figure(calibrations: Sequence[Calibration]) -> go.Figure:
    """Predicted probability of a failure within the horizon against the share that failed,
    per kind's scoring model on its held-out devices; the diagonal is perfect calibration."""
    figure = go.Figure(
        go.Scatter(x=[0, 1], y=[0, 1], mode="lines", name="calibrated", line={"dash": "dot"})
    )
    for c in calibrations:
        figure.add_trace(
            go.Scatter(
                x=[p["mean_predicted"] for p in c.points],
                y=[p["observed"] for p in c.points],
                text=[f"{int(p['rows'])} windows" for p in c.points],
                mode="lines+markers",
                name=f"{c.kind} v{c.version}",
            )
        )
    return figure.update_layout(
        title="Fleet models: predicted against observed failures (held-out devices)",
        xaxis={"title": "predicted probability", "range": [0, 1]},
        yaxis={"title": "share that failed", "range": [0, 1]},
    )


def figure_data(figures: Sequence[go.Figure]) -> list[str]:
    """Each figure as JSON that is safe inside a <script type="application/json"> element
    (a page draws them with its own script: pages allow no inline script)."""
    return [str(f.to_json()).replace("<", "\\u003c") for f in figures]


def fragments(figures: Sequence[go.Figure]) -> list[str]:
    """HTML for each figure; the first carries Plotly's script for all of them."""
    return [
        str(f.to_html(full_html=False, include_plotlyjs=i == 0, default_height=420))
        for i, f in enumerate(figures)
    ]


def report_html(
    title: str, funnels: Sequence[Funnel], paths: Sequence[tuple[str, str, int]]
) -> str:
    body = "".join(fragments([funnel_figure(funnels), sankey_figure(paths)]))
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><h1>{title}</h1>{body}</body></html>"
    )

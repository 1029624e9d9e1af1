"""Charts people would rather see than read: the funnel and the paths (Sankey), as one
self-contained HTML file (Plotly's script embedded, so it opens offline)."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from klantreis.adapters.analytics.engine import Funnel


def report_html(
    title: str, funnels: Sequence[Funnel], paths: Sequence[tuple[str, str, int]]
) -> str:
    figure = make_subplots(
        rows=2,
        cols=1,
        specs=[[{"type": "funnel"}], [{"type": "sankey"}]],
        subplot_titles=("Funnel", "Paths (first five steps)"),
        vertical_spacing=0.08,
    )
    for funnel in funnels:
        figure.add_trace(
            go.Funnel(
                name=funnel.group,
                y=[s.touchpoint for s in funnel.steps],
                x=[s.units for s in funnel.steps],
                textinfo="value+percent initial",
            ),
            row=1,
            col=1,
        )
    labels = sorted({p[0] for p in paths} | {p[1] for p in paths})
    index = {label: i for i, label in enumerate(labels)}
    figure.add_trace(
        go.Sankey(
            node={"label": labels, "pad": 12},
            link={
                "source": [index[p[0]] for p in paths],
                "target": [index[p[1]] for p in paths],
                "value": [p[2] for p in paths],
            },
        ),
        row=2,
        col=1,
    )
    figure.update_layout(title=title, height=1100)
    return figure.to_html(include_plotlyjs=True, full_html=True)

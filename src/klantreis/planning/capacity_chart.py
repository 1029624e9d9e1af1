"""The capacity chart: per day, the hours booked stacked by area against the crew's hours."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from klantreis.planning.capacity import DayCapacity


def capacity_figure(
    days: Sequence[DayCapacity], labels: Sequence[str], booked: str, capacity: str, title: str
) -> go.Figure:
    """``labels``: each day as people read it; ``booked`` and ``capacity``: the series' names."""
    areas = sorted({area for d in days for area in d.booked_by_area})
    bars = [
        go.Bar(
            name=f"{booked} {area}xx",
            x=list(labels),
            y=[round(d.booked_by_area.get(area, 0) / 60, 1) for d in days],
        )
        for area in areas
    ]
    line = go.Scatter(
        name=capacity,
        x=list(labels),
        y=[round(d.shift_minutes / 60, 1) for d in days],
        mode="lines+markers",
    )
    figure = go.Figure([*bars, line])
    return figure.update_layout(barmode="stack", title=title, yaxis_title="h")


def as_page_data(figure: go.Figure) -> str:
    """JSON that is safe inside a <script type="application/json"> element."""
    return str(figure.to_json()).replace("<", "\\u003c")

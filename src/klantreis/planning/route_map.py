"""The day's routes drawn on plain coordinates: an SVG that needs no map tiles, so the
planner sees where the day goes even offline (the demo, the tests, a closed network)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from klantreis.core.common import GeoPoint

WIDTH, HEIGHT, MARGIN = 640, 420, 24
# Colour-blind-safe (Okabe-Ito), one per technician, repeated after eight.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")


@dataclass(frozen=True, slots=True)
class DrawnRoute:
    name: str
    points: Sequence[GeoPoint]  # home, the stops in order, home


def route_map(routes: Sequence[DrawnRoute], title: str) -> str:
    """An SVG of the routes: a line per technician, each stop numbered in visiting order,
    home as a square; east is right and north up (longitude scaled by the latitude)."""
    every = [p for r in routes for p in r.points]
    if not every:
        return ""
    middle = math.cos(math.radians(sum(p.latitude for p in every) / len(every)))
    xs = [p.longitude * middle for p in every]
    ys = [p.latitude for p in every]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-3)
    scale = min(WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN) / span

    def at(point: GeoPoint) -> tuple[float, float]:
        x = MARGIN + (point.longitude * middle - min(xs)) * scale
        y = HEIGHT - MARGIN - (point.latitude - min(ys)) * scale
        return round(x, 1), round(y, 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="route-map-title" class="route-map"><title id="route-map-title">'
        f"{escape(title)}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#f7f7f7"/>',
    ]
    for n, route in enumerate(routes):
        colour = COLOURS[n % len(COLOURS)]
        drawn = [at(p) for p in route.points]
        line = " ".join(f"{x},{y}" for x, y in drawn)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"/>')
        home_x, home_y = drawn[0]
        parts.append(
            f'<rect x="{home_x - 5}" y="{home_y - 5}" width="10" height="10" fill="{colour}">'
            f"<title>{escape(route.name)}</title></rect>"
        )
        for number, (x, y) in enumerate(drawn[1:-1], 1):
            parts.append(
                f'<circle cx="{x}" cy="{y}" r="8" fill="#fff" stroke="{colour}" stroke-width="2"/>'
                f'<text x="{x}" y="{y + 4}" text-anchor="middle" font-size="10">{number}</text>'
            )
        parts.append(
            f'<text x="{MARGIN}" y="{MARGIN + 14 * n}" font-size="12" fill="{colour}">'
            f"\u25a0 {escape(route.name)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)

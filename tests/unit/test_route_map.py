"""The day's routes drawn on plain coordinates, without map tiles."""

from __future__ import annotations

import re

from klantreis.core.common import GeoPoint
from klantreis.planning.route_map import DrawnRoute, route_map

UTRECHT, DOM, ZUILEN = GeoPoint(52.0907, 5.1214), GeoPoint(52.0908, 5.1222), GeoPoint(52.11, 5.10)
AMSTERDAM = GeoPoint(52.3702, 4.8952)


def test_each_route_is_a_line_with_its_stops_numbered_in_visiting_order() -> None:
    svg = route_map(
        [
            DrawnRoute("Anna", [UTRECHT, DOM, ZUILEN, UTRECHT]),
            DrawnRoute("<Bram>", [AMSTERDAM, GeoPoint(52.36, 4.90), AMSTERDAM]),
        ],
        "Routes van dinsdag",
    )
    assert svg.startswith("<svg") and svg.count("<polyline") == 2 and svg.count("<circle") == 3
    assert re.findall(r">(\d)</text>", svg) == ["1", "2", "1"]
    assert "&lt;Bram&gt;" in svg and "<Bram>" not in svg  # names are text, not markup
    assert '<title id="route-map-title">Routes van dinsdag</title>' in svg


def test_north_is_up_and_east_is_right() -> None:
    svg = route_map([DrawnRoute("Anna", [UTRECHT, AMSTERDAM, UTRECHT])], "t")
    (first, second, _) = re.search(r'points="([^"]+)"', svg).group(1).split(" ")  # type: ignore[union-attr]
    (ux, uy), (ax, ay) = (map(float, p.split(",")) for p in (first, second))
    assert ax < ux and ay < uy  # Amsterdam lies west and north of Utrecht


def test_nothing_to_draw_draws_nothing() -> None:
    assert route_map([], "t") == ""

"""The route index answers exactly what ranking every route would, only sooner."""

from __future__ import annotations

import random

import pytest

from klantreis.core.common import GeoPoint
from klantreis.scheduling.route_index import RouteIndex
from klantreis.scheduling.routes import Stop, TechnicianRoute
from klantreis.scheduling.slots import nearest_routes


def national_routes(rng: random.Random, count: int) -> list[TechnicianRoute]:
    """Technicians all over the Netherlands, each with up to five stops around home."""
    routes = []
    for n in range(count):
        home = GeoPoint(rng.uniform(50.8, 53.4), rng.uniform(3.4, 7.2))
        stops = tuple(
            Stop(
                GeoPoint(home.latitude + rng.gauss(0, 0.15), home.longitude + rng.gauss(0, 0.2)),
                480,
                600,
                60,
                f"case-{n}-{k}",
            )
            for k in range(rng.randint(0, 5))
        )
        routes.append(TechnicianRoute(f"t{n}", home, 480, 1020, stops))
    return routes


@pytest.mark.parametrize("seed", range(5))
def test_the_index_finds_exactly_the_nearest_routes(seed: int) -> None:
    rng = random.Random(seed)
    routes = national_routes(rng, 400)
    index = RouteIndex(routes)
    for _ in range(50):
        place = GeoPoint(rng.uniform(50.7, 53.5), rng.uniform(3.3, 7.3))
        count = rng.choice([1, 6, 12])
        assert index.nearest(place, count) == nearest_routes(routes, place, count)


def test_a_cases_own_visit_neither_draws_its_route_near_nor_stays_in_it() -> None:
    rng = random.Random(9)
    routes = national_routes(rng, 300)
    moved = next(r.stops[0] for r in routes if r.stops)
    index = RouteIndex(routes)
    found = index.nearest(moved.location, 6, without=moved.ref)
    stripped = [
        TechnicianRoute(
            r.technician_id, r.home, r.start, r.end, tuple(s for s in r.stops if s != moved)
        )
        for r in routes
    ]
    assert found == nearest_routes(stripped, moved.location, 6)
    assert all(moved.ref not in {s.ref for s in r.stops} for r in found)


def test_a_route_filed_again_after_new_stops_is_found_by_them() -> None:
    far = GeoPoint(53.2, 7.1)
    routes = national_routes(random.Random(4), 200)
    index = RouteIndex(routes)
    grown = TechnicianRoute(
        routes[0].technician_id,
        routes[0].home,
        480,
        1020,
        (*routes[0].stops, Stop(far, 600, 720, 30, "new")),
    )
    index.update(0, grown)
    routes[0] = grown
    assert index.nearest(far, 3) == nearest_routes(routes, far, 3)
    assert grown in index.nearest(far, 3)

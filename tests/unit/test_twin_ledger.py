"""The twin's ledger: a route's kilometres and driving shared by its stops, waits for a
window counted, and work priced per resolved case."""

from __future__ import annotations

import pytest

from klantreis.core.common import GeoPoint
from klantreis.core.domain_errors import InvalidValue
from klantreis.twin.ledger import CostRates, RouteStop, Work, route_shares

HOME = GeoPoint(52.0, 5.0)
NORTH = GeoPoint(52.1, 5.0)
FAR_NORTH = GeoPoint(52.2, 5.0)


def ten_per_step(a: GeoPoint, b: GeoPoint) -> float:
    """10 (km or minutes) per 0.1 degree of latitude: easy sums."""
    return round(abs(a.latitude - b.latitude) * 100, 6)


def test_a_routes_km_and_driving_are_shared_evenly_by_its_stops() -> None:
    stops = [RouteStop("a", NORTH, 540, 60), RouteStop("b", FAR_NORTH, 620, 60)]
    shares = route_shares(HOME, stops, ten_per_step, ten_per_step)
    # home -> 10 -> 10 -> back 20: 40 km and 40 minutes over two stops
    assert {ref: (w.km, w.driving) for ref, w in shares.items()} == {
        "a": (20.0, 20.0),
        "b": (20.0, 20.0),
    }


def test_arriving_before_a_window_opens_is_waiting_but_not_for_the_first_stop() -> None:
    # a: service 540..600; then 10 minutes to b, whose service starts at 650: 40 minutes idle
    stops = [RouteStop("a", NORTH, 540, 60), RouteStop("b", FAR_NORTH, 650, 60)]
    shares = route_shares(HOME, stops, ten_per_step, ten_per_step)
    assert shares["a"].waiting_for_window == 0.0
    assert shares["b"].waiting_for_window == pytest.approx(40.0)


def test_an_empty_route_has_no_shares() -> None:
    assert route_shares(HOME, [], ten_per_step, ten_per_step) == {}


def test_work_is_priced_by_the_hour_and_the_kilometre() -> None:
    work = Work(km=30.0, driving=30.0, waiting_for_window=10.0, on_site=60.0, at_closed_door=20.0)
    assert work.minutes == 120.0
    assert CostRates(euro_per_hour=45.0, euro_per_km=0.5).cost(work) == pytest.approx(105.0)


def test_work_adds_up_over_visits() -> None:
    total = Work()
    total.add(Work(km=5.0, on_site=60.0))
    total.add(Work(km=7.0, at_closed_door=10.0))
    assert (total.km, total.on_site, total.at_closed_door) == (12.0, 60.0, 10.0)


@pytest.mark.parametrize("field", ["euro_per_hour", "euro_per_km"])
def test_a_negative_rate_is_refused_by_name(field: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        CostRates(**{field: -1.0})
    assert refused.value.field == field


def test_a_refusal_raised_in_a_twin_worker_process_reaches_the_parent_intact() -> None:
    import pickle

    again = pickle.loads(pickle.dumps(InvalidValue("window", "too short")))
    assert (again.field, again.message, str(again)) == ("window", "too short", "window: too short")

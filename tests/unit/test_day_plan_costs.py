"""The day planner minimises what a day costs the firm: with time priced, a technician does
not wait hours for a window when a colleague can take it for a few kilometres more."""

from __future__ import annotations

import pytest

from klantreis.core.common import GeoPoint
from klantreis.core.geo import haversine_km
from klantreis.planning.model import Crew, Visit
from klantreis.planning.solvers.pyvrp_day import PlanCosts, plan_with_pyvrp

HOME = GeoPoint(52.09, 5.12)
SKILLS = frozenset({"boiler"})


def km(a: GeoPoint, b: GeoPoint) -> float:
    return haversine_km(a, b) * 1.3


def minutes(a: GeoPoint, b: GeoPoint) -> float:
    return km(a, b) * 1.5


def visit(ref: str, where: GeoPoint, earliest: float, latest: float) -> Visit:
    return Visit(ref, ref, ref, where, earliest, latest, 60, SKILLS)


# Two colleagues from the same street; a morning visit and an afternoon visit nearby.
CREW = [Crew(name, name, HOME, 480, 1020, SKILLS) for name in ("anna", "bram")]
VISITS = [
    visit("morning", GeoPoint(52.10, 5.13), 480, 540),
    visit("afternoon", GeoPoint(52.105, 5.135), 840, 900),
]


def routes_used(costs: PlanCosts | None) -> int:
    plan = plan_with_pyvrp(VISITS, CREW, minutes, km, 1, seed=3, iterations=300, costs=costs)
    assert plan.planned == 2
    return sum(1 for route in plan.routes.values() if route)


def test_distance_alone_puts_both_visits_on_one_technician_who_then_waits() -> None:
    assert routes_used(None) == 1


def test_priced_time_gives_the_afternoon_to_a_colleague_instead_of_waiting() -> None:
    assert routes_used(PlanCosts.priced(euro_per_hour=45, euro_per_km=0.35)) == 2


def test_prices_become_integer_weights_in_their_ratio() -> None:
    costs = PlanCosts.priced(euro_per_hour=45, euro_per_km=0.35)
    assert (costs.per_metre, costs.per_second) == (35, 1250)
    assert costs.prize > 24 * 3600 * costs.per_second  # leaving a visit out never pays


@pytest.mark.parametrize("costs", [PlanCosts(), PlanCosts.priced(45, 0.35)])
def test_every_visit_is_planned_whatever_the_prices(costs: PlanCosts) -> None:
    plan = plan_with_pyvrp(VISITS, CREW[:1], minutes, km, 1, seed=3, iterations=100, costs=costs)
    assert plan.planned == 2 and not plan.problems

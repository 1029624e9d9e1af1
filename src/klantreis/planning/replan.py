"""Planning a day with PyVRP, priced at the firm's rates: the one way the command line and
the planner's console page (re-)plan a day."""

from __future__ import annotations

from datetime import date
from functools import partial

from klantreis.core.ports import Clock
from klantreis.messaging.outbox_service import Messenger
from klantreis.planning.day_plan import DayPlanOutcome, plan_day
from klantreis.planning.ports import PlanningUnit
from klantreis.planning.solvers.pyvrp_day import PlanCosts, plan_with_pyvrp
from klantreis.planning.tracking import announce_whole_day_visits
from klantreis.scheduling.ports import TravelTimes


def plan_the_day(
    uow: PlanningUnit,
    clock: Clock,
    travel: TravelTimes,
    costs: PlanCosts,
    messenger: Messenger,
    day: date,
    seconds: float,
    keep_assignments: bool = False,
) -> DayPlanOutcome:
    """Plan (or with ``keep_assignments`` re-plan after a change) every booked visit of
    ``day``; a flexible visit that moves, and a whole-day visit, are told at once."""
    solver = partial(
        plan_with_pyvrp, travel_minutes=travel.minutes, travel_km=travel.km, costs=costs
    )
    outcome = plan_day(
        uow,
        clock,
        travel,
        lambda v, c, s, now: solver(v, c, seconds=s, current=now),
        day,
        seconds,
        keep_assignments,
        messenger=messenger,
    )
    announce_whole_day_visits(uow, clock, messenger, day)
    return outcome

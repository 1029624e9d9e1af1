"""``klantreis bench plan``: a busy day filled by self-scheduling, then optimised with PyVRP."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from datetime import time as clock_time
from typing import Annotated

import typer

from klantreis.cli.bench import emit
from klantreis.core.case import CaseOrigin, ServiceCase
from klantreis.core.postcodes import Pc4Gazetteer
from klantreis.core.technician import Shift, Technician, Weekday
from klantreis.planning.model import Crew, Visit, precheck
from klantreis.planning.solvers.pyvrp_day import plan_with_pyvrp
from klantreis.scheduling.booking import Booking
from klantreis.scheduling.days import empty_technician_route, local_midnight, technician_route
from klantreis.scheduling.routes import Stop, TechnicianRoute, schedule, travel_minutes
from klantreis.scheduling.travel import HaversineTravel
from klantreis.sim.plan import VisitToPlace, fill_plan

DAY = date(2026, 6, 2)  # a Tuesday without holidays
NOW = datetime(2026, 6, 1, 6, tzinfo=UTC)


def bench_plan(
    visits: Annotated[int, typer.Option(min=1)] = 200,
    technicians: Annotated[int, typer.Option(min=1)] = 15,
    seconds: Annotated[float, typer.Option(min=0.5)] = 20.0,
    province: str = "Utrecht",
    seed: int = 2,
) -> None:
    """Customers book windows one by one (cheapest insertion, as self-scheduling does) until
    ``visits`` are booked; PyVRP then re-plans the day keeping every window."""
    rng = random.Random(seed)
    places = [p for p in Pc4Gazetteer.packaged().deliverable_places() if p.province == province]
    travel = HaversineTravel()
    shift = Shift(Weekday(DAY.weekday()), clock_time(8), clock_time(18))  # the grid ends at 18:00
    crew_members = [
        Technician(
            f"t{n}", f"Monteur {n}", rng.choice(places).centroid, frozenset({"boiler"}), [shift]
        )
        for n in range(technicians)
    ]
    cases = [
        VisitToPlace(
            ServiceCase(
                f"c{n}",
                "k",
                None,
                CaseOrigin.PERIODIC_MAINTENANCE,
                NOW,
                duration_minutes=rng.choice((15, 20, 30)),
            ),
            rng.choice(places).centroid,
        )
        for n in range(visits * 3)
    ]
    booked = fill_plan(cases, crew_members, [DAY], travel, NOW, seed)[:visits]
    tentative = sum(
        travel_minutes(route, travel.minutes) for route in _tentative(booked, crew_members)
    )
    origin = local_midnight(DAY)
    day = [
        Visit(
            b.id,
            b.case_id,
            b.case_id,
            b.location,
            (b.window.start - origin).total_seconds() / 60,
            (b.window.end - origin).total_seconds() / 60,
            b.service_minutes,
            frozenset({"boiler"}),
        )
        for b in booked
    ]
    crew = []
    for member in crew_members:
        empty = empty_technician_route(member, DAY)
        assert empty is not None
        crew.append(
            Crew(member.id, member.name, member.home_base, empty.start, empty.end, member.skills)
        )
    plannable, problems = precheck(day, crew, travel.minutes)
    started = time.perf_counter()
    current = {r.technician_id: [s.ref for s in r.stops] for r in _tentative(booked, crew_members)}
    by_case = {b.case_id: b.id for b in booked}
    current = {tech: [by_case[c] for c in cases] for tech, cases in current.items()}
    plan = plan_with_pyvrp(plannable, crew, travel.minutes, travel.km, seconds, seed, current)
    elapsed = time.perf_counter() - started
    routes = [_route(route, crew) for route in plan.routes.values() if route]
    feasible = all(schedule(route, travel.minutes) is not None for route in routes)
    optimised = sum(travel_minutes(route, travel.minutes) for route in routes)
    emit(
        "bench plan",
        {
            "name": "plan",
            "visits": len(booked),
            "technicians": technicians,
            "seconds_limit": seconds,
            "seconds": round(elapsed, 2),
            "planned": plan.planned,
            "not_planned": len(plan.problems) + len(problems),
            "all_feasible": feasible,
            "tentative_travel_minutes": round(tentative),
            "optimised_travel_minutes": round(optimised),
            "travel_saved_pct": round((tentative - optimised) / tentative * 100, 1)
            if tentative
            else 0,
        },
    )
    if not feasible:
        raise typer.Exit(1)


def _tentative(booked: list[Booking], crew_members: list[Technician]) -> Iterator[TechnicianRoute]:
    for member in crew_members:
        route = technician_route(member, DAY, [b for b in booked if b.technician_id == member.id])
        if route is not None:
            yield route


def _route(route, crew) -> TechnicianRoute:  # type: ignore[no-untyped-def]
    member = next(c for c in crew if c.technician_id == route[0].technician_id)
    stops = tuple(
        Stop(p.visit.location, p.visit.earliest, p.visit.latest, p.visit.service) for p in route
    )
    return TechnicianRoute(member.technician_id, member.home, member.start, member.end, stops)

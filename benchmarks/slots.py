"""``klantreis bench slots``: offer latency in a busy plan, and how good the estimates are."""

from __future__ import annotations

import random
import statistics
import time
from dataclasses import replace
from datetime import UTC, date, datetime
from itertools import permutations
from typing import Annotated

import typer
from rich.progress import Progress

from klantreis.cli.bench import Db, database, emit
from klantreis.core.case import CaseOrigin
from klantreis.core.cases import open_case
from klantreis.core.console import console
from klantreis.core.ids import new_id
from klantreis.core.postcodes import Pc4Gazetteer
from klantreis.core.records import CaseRecord
from klantreis.imports import ImportKind, ImportReport, store_records
from klantreis.scheduling.days import local_midnight, technician_route
from klantreis.scheduling.offers import offer_days, offer_windows
from klantreis.scheduling.routes import TechnicianRoute, schedule, travel_minutes, with_visit
from klantreis.sim.plan import VisitToPlace, fill_plan
from klantreis.sim.population import generate

BENCH_NOW = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)  # a Monday with no holidays ahead


class _Clock:
    def now(self) -> datetime:
        return BENCH_NOW


def bench_slots(
    technicians: Annotated[int, typer.Option(min=1)] = 200,
    days: Annotated[int, typer.Option(min=1, max=30)] = 10,
    booked: Annotated[int, typer.Option(min=0)] = 5000,
    offers: Annotated[int, typer.Option(min=10, help="Offers to time")] = 200,
    db: Db = Db.sqlite,
    seed: int = 3,
) -> None:
    """Time offers for new cases in a plan of ``booked`` visits; check estimates vs optimum."""
    population = generate(
        Pc4Gazetteer.packaged().deliverable_places(),
        booked + offers,
        technicians,
        seed,
        date(2026, 1, 5),
    )
    for record in population.technicians:  # everyone can do every job: the plan is dense
        record.skills[:] = ["boiler", "heat_pump", "white_goods"]
    with database(db) as container:
        container.clock = _Clock()
        container.offer_settings = replace(container.offer_settings, horizon_days=days)
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("building the plan", total=booked + offers)
            cases = _seed(container, population, lambda n: progress.advance(task, n))
        planned, fresh = cases[:booked], cases[booked:]
        with container.uow_factory() as uow:
            crew = list(uow.technicians.list(0, 100_000))
            plan_days = offer_days(BENCH_NOW, container.offer_settings)
            bookings = fill_plan(planned, crew, plan_days, container.travel, BENCH_NOW, seed)
            for booking in bookings:
                uow.bookings.add(booking)
            uow.commit()
        timings: list[float] = []
        estimate_gaps: list[float] = []
        for index, visit in enumerate(fresh):
            with container.uow_factory() as uow:
                started = time.perf_counter()
                offering = offer_windows(
                    uow,
                    visit.case.id,
                    BENCH_NOW,
                    container.travel,
                    container.holidays,
                    container.offer_settings,
                    container.plan_cache,
                    container.area_days.calendar(uow),  # proposed once, then kept
                )
                elapsed = time.perf_counter() - started
                if index >= 5:  # warm-up
                    timings.append(elapsed * 1000)
                if offering.offers and len(estimate_gaps) < 100:
                    gap = _estimate_gap(uow, offering.offers[0], visit, crew, container)
                    if gap is not None:
                        estimate_gaps.append(gap)
        container.dispose()
    timings.sort()
    emit(
        "bench slots",
        {
            "name": "slots",
            "technicians": technicians,
            "days": days,
            "booked_requested": booked,
            "booked": len(bookings),
            "db": db.value,
            "offers_timed": len(timings),
            "p50_ms": round(statistics.median(timings), 2),
            "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 2),
            "offers_per_s": round(1000 / statistics.mean(timings), 1),
            "estimate_vs_reoptimised_pct": round(statistics.mean(estimate_gaps), 3)
            if estimate_gaps
            else None,
            "routes_compared": len(estimate_gaps),
        },
    )


def _seed(container, population, advance) -> list[VisitToPlace]:  # type: ignore[no-untyped-def]
    with container.uow_factory() as uow:
        for kind, records in (
            (ImportKind.CUSTOMERS, population.customers),
            (ImportKind.TECHNICIANS, population.technicians),
        ):
            store_records(
                uow, container.gazetteer, kind, list(enumerate(records, 1)), ImportReport(kind)
            )
        ids = uow.customers.ids_by_external_id(str(c.external_id) for c in population.customers)
        visits = []
        rng = random.Random(5)
        for record in population.customers:
            customer_id = ids[str(record.external_id)]
            case = open_case(
                uow,
                container.clock,
                CaseRecord(
                    customer_id=customer_id,
                    origin=CaseOrigin.PERIODIC_MAINTENANCE,
                    duration_minutes=rng.choice([45, 60, 60, 90]),
                    required_skills=["boiler"],
                ),
                new_id(),
            )
            customer = uow.customers.get(customer_id)
            visits.append(VisitToPlace(case, customer.address.location))
            advance(1)
        uow.commit()
    return visits


def _estimate_gap(uow, offer, visit, crew, container) -> float | None:  # type: ignore[no-untyped-def]
    """Estimated cost of the route with the visit (old cost + insertion) against the best
    order of the same visits, found exhaustively; in percent of the best."""
    technician = next(t for t in crew if t.id == offer.technician_id)
    bookings = uow.bookings.active_on(technician.id, offer.day)
    route = technician_route(technician, offer.day, bookings)
    if route is None or not route.stops or len(route.stops) > 7:
        return None
    from klantreis.scheduling.routes import best_insertion
    from klantreis.scheduling.slots import as_stop

    stop = as_stop(
        offer.window, local_midnight(offer.day), visit.location, visit.case.duration_minutes
    )
    fit = best_insertion(route, stop, container.travel.minutes)
    if fit is None:
        return None
    estimate = travel_minutes(route, container.travel.minutes) + fit.added_minutes
    best = _best_order(with_visit(route, stop, fit.position), container.travel.minutes)
    return (estimate - best) / best * 100 if best > 0 else 0.0


def _best_order(route: TechnicianRoute, travel) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for order in permutations(route.stops):
        candidate = TechnicianRoute(
            route.technician_id, route.home, route.start, route.end, tuple(order)
        )
        if schedule(candidate, travel) is not None:
            best = min(best, travel_minutes(candidate, travel))
    return best

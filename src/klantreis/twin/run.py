"""Running the twin: one policy on its own database, or all four side by side."""

from __future__ import annotations

import multiprocessing
import random
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.config import Settings
from klantreis.app.migrate import upgrade
from klantreis.core.ids import clock_ids, ids_from
from klantreis.core.postcodes import Pc4Gazetteer
from klantreis.planning.solvers.pyvrp_day import PlanCosts, plan_with_pyvrp
from klantreis.scheduling.area_days_service import propose_calendar
from klantreis.scheduling.booking_service import BookingContext
from klantreis.scheduling.offers import OfferSettings
from klantreis.telemetry.ports import StoredModel
from klantreis.twin.bus import HANDLERS
from klantreis.twin.clock import SimulatedClock
from klantreis.twin.config import Policy, TwinConfig
from klantreis.twin.outcomes import Figures, PredictionFigures, measure, predictions
from klantreis.twin.reference import reference_model
from klantreis.twin.setup import population, store, twin_devices
from klantreis.twin.world import World

# Without steering every reachable window is offered, however far the technician must drive.
UNBOUNDED_MINUTES = 10_000.0


@dataclass(frozen=True, slots=True)
class PolicyRun:
    policy: Policy
    database: Path
    figures: list[Figures]
    refusals: dict[str, int] = field(default_factory=dict)
    prediction: PredictionFigures | None = None
    # The first measured week's routes (day, technician, points) for the report's map.
    week_routes: list[tuple[str, str, list[tuple[float, float]]]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "policy": self.policy.value,
            "label": self.policy.label,
            "figures": [f.as_dict() for f in self.figures],
            **(self.prediction.as_dict() if self.prediction else {}),
            "refusals": self.refusals,
        }


@dataclass(frozen=True, slots=True)
class TwinRun:
    config: TwinConfig
    runs: list[PolicyRun]

    def table(self) -> dict[str, object]:
        """The policy table: the same config (seed included) always gives the same one."""
        c = self.config
        return {
            "config": {
                "households": c.households,
                "technicians": c.technicians,
                "weeks": c.weeks,
                "seed": c.seed,
                "start": c.start.isoformat(),
                "warm_up_from": c.first_day.isoformat(),
                "measured_cases_opened_before": c.measured_until.isoformat(),
                "connected_share": c.connected_share,
                "connected_kinds": sorted(k.value for k in c.connected_kinds),
                "region": f"{c.region_km:g} km around {c.region_pc4}",
                "euro_per_hour": c.rates.euro_per_hour,
                "euro_per_km": c.rates.euro_per_km,
            },
            "policies": [r.as_dict() for r in self.runs],
        }


def database_path(directory: Path, policy: Policy) -> Path:
    return directory / f"twin-{policy.value}.db"


def run_policy(
    config: TwinConfig,
    policy: Policy,
    directory: Path,
    progress: Callable[[], None] | None = None,
) -> PolicyRun:
    """Run ``policy`` on a fresh database in ``directory``; the same config gives the same
    figures."""
    directory.mkdir(parents=True, exist_ok=True)
    path = database_path(directory, policy)
    for stale in directory.glob(f"{path.name}*"):
        stale.unlink()
    clock = SimulatedClock(datetime.combine(config.first_day - timedelta(days=1), time(12), UTC))
    container = bootstrap(Settings(database_url=f"sqlite:///{path}"), clock)
    upgrade(container.engine)
    try:
        with ids_from(clock_ids(clock.now, random.Random(f"ids|{config.seed}"))):
            world = _world(container, clock, config, policy, directory)
            world.run(progress)
            with container.uow_factory(read_only=True) as uow:
                cases = uow.cases.list(0, 10_000_000)
                figures = measure(uow, world, cases)
    finally:
        container.dispose()
    routes = [(d.day.isoformat(), tech, points) for d in world.days for tech, points in d.routes]
    return PolicyRun(
        policy,
        path,
        figures,
        dict(sorted(world.refusals.items())),
        predictions(world, cases),
        routes,
    )


def run_all(
    config: TwinConfig,
    directory: Path,
    policies: Sequence[Policy] = tuple(Policy),
    tick: Callable[[], None] | None = None,
    workers: int = 2,
) -> TwinRun:
    """Every policy on the same population and seed, ``workers`` at a time in processes."""
    if workers <= 1:
        return TwinRun(config, [run_policy(config, p, directory, tick) for p in policies])
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        ticks = manager.Queue()
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            # The longest run first, so the two workers finish at about the same time.
            ordered = sorted(policies, key=lambda p: p is not Policy.PREDICTIVE)
            futures = {p: pool.submit(_run_in_worker, config, p, directory, ticks) for p in ordered}
            pending = set(futures.values())
            while pending:
                _, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                while not ticks.empty():
                    ticks.get()
                    if tick:
                        tick()
            while not ticks.empty():
                ticks.get()
                if tick:
                    tick()
            return TwinRun(config, [futures[p].result() for p in policies])


def _run_in_worker(config: TwinConfig, policy: Policy, directory: Path, ticks: Any) -> PolicyRun:
    return run_policy(config, policy, directory, lambda: ticks.put(policy.value))


def _world(
    container: Container,
    clock: SimulatedClock,
    config: TwinConfig,
    policy: Policy,
    directory: Path,
) -> World:
    people = population(Pc4Gazetteer.packaged().deliverable_places(), config)
    with container.uow_factory() as uow:
        households = store(uow, container.gazetteer, clock, people)
        devices = twin_devices(uow, people, config, container.appliances)
        areas = propose_calendar(uow) if policy.steered else None
        uow.commit()
    codec = None
    if policy is Policy.PREDICTIVE:
        codec = container.model_codec
        _install(container, reference_model(config, directory, codec))
    settings = container.offer_settings
    offers = OfferSettings(
        settings.grid,
        settings.policy
        if policy.steered
        else replace(settings.policy, max_added_minutes=UNBOUNDED_MINUTES),
        settings.horizon_days,
        settings.lead_hours,
    )
    ctx = BookingContext(clock, container.travel, container.holidays, offers, container.messenger)
    travel = container.travel
    solve = partial(
        plan_with_pyvrp,
        travel_minutes=travel.minutes,
        travel_km=travel.km,
        seed=config.seed,
        iterations=config.planner_iterations,
        costs=PlanCosts.priced(config.rates.euro_per_hour, config.rates.euro_per_km),
    )
    return World(
        config,
        policy,
        clock,
        container.uow_factory,
        ctx,
        lambda visits, crew, seconds, current: solve(
            visits, crew, seconds=seconds, current=current
        ),
        codec,
        container.appliances,
        households,
        devices,
        HANDLERS,
        areas,
    )


def _install(container: Container, models: list[StoredModel]) -> None:
    with container.uow_factory() as uow:
        for model in models:
            uow.models.add(model.kind, model.trained_at, model.manifest, model.artifact)
        uow.commit()

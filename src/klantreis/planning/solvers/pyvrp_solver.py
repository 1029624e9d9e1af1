"""VRPTW with PyVRP: integer data scaled from doubles, so the solution is judged exactly."""

from __future__ import annotations

import time
from dataclasses import dataclass
from math import ceil

from klantreis.core.domain_errors import InvalidValue
from klantreis.planning.solvers.pyvrp_steps import is_client
from klantreis.planning.solvers.solomon import VrptwInstance

# Distances are multiplied by SCALE and rounded for the objective; durations are rounded up,
# so that a schedule feasible in integers is feasible in the original doubles.
SCALE = 1000


@dataclass(frozen=True, slots=True)
class SolverRun:
    routes: list[list[int]]
    seconds: float
    solver_feasible: bool


def solve_with_pyvrp(instance: VrptwInstance, seconds: float, seed: int = 1) -> SolverRun:
    """Minimise total distance (vehicle count free) within ``seconds`` of wall time.

    Raises ``InvalidValue`` for a time limit that is not positive.
    """
    if seconds <= 0:
        raise InvalidValue("seconds", f"{seconds} must be positive")
    from pyvrp import Model
    from pyvrp.stop import MaxRuntime

    model = Model()
    locations = [
        model.add_location(x=int(x * SCALE), y=int(y * SCALE))
        for x, y in zip(instance.x, instance.y, strict=True)
    ]
    depot = model.add_depot(
        locations[0], tw_early=instance.ready[0] * SCALE, tw_late=instance.due[0] * SCALE
    )
    model.add_vehicle_type(
        num_available=instance.vehicles,
        capacity=instance.capacity,
        start_depot=depot,
        end_depot=depot,
        tw_early=instance.ready[0] * SCALE,
        tw_late=instance.due[0] * SCALE,
    )
    for client in instance.clients:
        model.add_client(
            locations[client],
            delivery=instance.demand[client],
            service_duration=instance.service[client] * SCALE,
            tw_early=instance.ready[client] * SCALE,
            tw_late=instance.due[client] * SCALE,
        )
    for i, frm in enumerate(locations):
        for j, to in enumerate(locations):
            if i != j:
                exact = instance.distance(i, j) * SCALE
                model.add_edge(frm, to, distance=round(exact), duration=ceil(exact))
    started = time.perf_counter()
    result = model.solve(stop=MaxRuntime(seconds), seed=seed, display=False)
    elapsed = time.perf_counter() - started
    # PyVRP counts clients from 0; in the instance the depot is 0 and clients start at 1.
    routes = [
        [step.idx + 1 for step in route.schedule() if is_client(step)]
        for route in result.best.routes()
    ]
    return SolverRun(routes, elapsed, result.is_feasible())

"""OR-Tools as a benchmark peer only: the same integer data as the PyVRP run."""

from __future__ import annotations

import time
from math import ceil

from klantreis.planning.solvers.pyvrp_solver import SCALE, SolverRun
from klantreis.planning.solvers.solomon import VrptwInstance


def solve_with_ortools(instance: VrptwInstance, seconds: float) -> SolverRun:
    """Guided local search from the cheapest-arc start, stopped after ``seconds``."""
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    size = len(instance.x)
    distance = [[round(instance.distance(i, j) * SCALE) for j in range(size)] for i in range(size)]
    duration = [
        [ceil(instance.distance(i, j) * SCALE) + instance.service[i] * SCALE for j in range(size)]
        for i in range(size)
    ]
    manager = pywrapcp.RoutingIndexManager(size, instance.vehicles, 0)
    routing = pywrapcp.RoutingModel(manager)
    node = manager.IndexToNode
    arc = routing.RegisterTransitCallback(lambda i, j: distance[node(i)][node(j)])
    routing.SetArcCostEvaluatorOfAllVehicles(arc)
    horizon = instance.due[0] * SCALE
    travel = routing.RegisterTransitCallback(lambda i, j: duration[node(i)][node(j)])
    routing.AddDimension(travel, horizon, horizon, False, "time")
    clock = routing.GetDimensionOrDie("time")
    for client in instance.clients:
        clock.CumulVar(manager.NodeToIndex(client)).SetRange(
            instance.ready[client] * SCALE, instance.due[client] * SCALE
        )
    for vehicle in range(instance.vehicles):
        clock.CumulVar(routing.Start(vehicle)).SetRange(instance.ready[0] * SCALE, horizon)
        clock.CumulVar(routing.End(vehicle)).SetRange(instance.ready[0] * SCALE, horizon)
    load = routing.RegisterUnaryTransitCallback(lambda i: instance.demand[node(i)])
    routing.AddDimensionWithVehicleCapacity(
        load, 0, [instance.capacity] * instance.vehicles, True, "load"
    )
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    params.time_limit.FromMilliseconds(int(seconds * 1000))
    started = time.perf_counter()
    solution = routing.SolveWithParameters(params)
    elapsed = time.perf_counter() - started
    if solution is None:
        return SolverRun([], elapsed, False)
    routes = []
    for vehicle in range(instance.vehicles):
        index, route = solution.Value(routing.NextVar(routing.Start(vehicle))), []
        while not routing.IsEnd(index):
            route.append(node(index))
            index = solution.Value(routing.NextVar(index))
        if route:
            routes.append(route)
    return SolverRun(routes, elapsed, True)

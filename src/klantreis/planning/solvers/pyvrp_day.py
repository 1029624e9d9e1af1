"""A technician day as a VRPTW for PyVRP: one vehicle per technician, skills as profiles.

A visit whose customer ticked several windows that day is one client per window in a
mutually exclusive client group, so the optimiser chooses the window as well as the route.

PyVRP has no per-client vehicle restriction, so technicians with the same skills share a
routing profile in which the visits they may not do are out of reach; a technician with
visits pinned to them gets a profile of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from klantreis.core.common import GeoPoint

if TYPE_CHECKING:  # PyVRP is imported where it is used: it is slow to load
    from pyvrp import Model, Solution
from klantreis.planning.model import (
    Crew,
    DayPlan,
    PlannedVisit,
    Problem,
    Unplannable,
    Visit,
    capable,
)
from klantreis.planning.solvers.pyvrp_steps import is_client

SECONDS = 60  # minutes are planned in whole seconds
FORBIDDEN = 10**9  # an edge no sensible route takes
METRES = 1000
# What leaving a visit out costs, in metres: more than any detour in the country, yet small
# enough that breaking a window (penalised by PyVRP) never pays for keeping one in.
PRIZE = 1_000_000
PRIZE_SECONDS = 24 * 3600  # ... and, when time is priced, more than a day of work
COST_SCALE = 100_000  # euro to PyVRP's integer cost units


@dataclass(frozen=True, slots=True)
class PlanCosts:
    """What the optimiser minimises, in integer units per metre and per second of a route
    (its duration includes driving, service and waiting for a window to open). The default
    is distance alone."""

    per_metre: int = 1
    per_second: int = 0

    @classmethod
    def priced(cls, euro_per_hour: float, euro_per_km: float) -> PlanCosts:
        """The firm's own costs: a technician hour and a van kilometre."""
        return cls(
            per_metre=round(euro_per_km / 1000 * COST_SCALE),
            per_second=round(euro_per_hour / 3600 * COST_SCALE),
        )

    @property
    def prize(self) -> int:
        return PRIZE * max(1, self.per_metre) + PRIZE_SECONDS * self.per_second


def plan_with_pyvrp(
    visits: Sequence[Visit],
    crew: Sequence[Crew],
    travel_minutes: Callable[[GeoPoint, GeoPoint], float],
    travel_km: Callable[[GeoPoint, GeoPoint], float],
    seconds: float,
    seed: int = 1,
    current: dict[str, list[str]] | None = None,
    iterations: int | None = None,
    costs: PlanCosts | None = None,
) -> DayPlan:
    """Assign and order ``visits``; those left out are reported as DID_NOT_FIT.

    ``current`` (technician id -> booking ids in order) is the plan as it stands; the search
    starts from it, so a feasible current plan is never made worse. With ``iterations`` the
    search stops after that many instead of after ``seconds``, so that a run repeats exactly.
    ``costs`` prices distance and route time (default: distance alone).
    """
    from pyvrp import Model

    costs = costs or PlanCosts()
    from pyvrp.stop import MaxIterations, MaxRuntime

    plan = DayPlan()
    if not visits or not crew:
        plan.problems += [Problem(v.label, Unplannable.DID_NOT_FIT) for v in visits]
        return plan
    model = Model()
    # Depots first (PyVRP numbers them before clients): every home, then the places where a
    # day already under way continues from (the customer a technician is still with).
    resumes = [c for c in crew if c.resume_from is not None]
    points = [c.home for c in crew] + [c.resume_from for c in resumes if c.resume_from]
    first_client = len(points)
    points += [v.location for v in visits]
    locations = [model.add_location(x=i, y=0) for i in range(len(points))]
    depots = [model.add_depot(locations[i]) for i in range(first_client)]
    start_of = {c.technician_id: depots[len(crew) + n] for n, c in enumerate(resumes)}
    keys = [_profile_key(member, visits) for member in crew]
    profiles = {
        key: model.add_profile(name=f"{sorted(key[0])}:{key[1] or '*'}")
        for key in dict.fromkeys(keys)
    }
    for index, member in enumerate(crew):
        model.add_vehicle_type(
            num_available=1,
            start_depot=start_of.get(member.technician_id, depots[index]),
            end_depot=depots[index],
            tw_early=int(member.start * SECONDS),
            tw_late=int(member.end * SECONDS),
            profile=profiles[keys[index]],
            unit_distance_cost=costs.per_metre,
            unit_duration_cost=costs.per_second,
            name=member.technician_id,
        )
    # Leaving a visit out costs far more than any detour: plan all that can be planned.
    clients: list[tuple[int, tuple[float, float]]] = []  # client index -> (visit, window)
    for number, visit in enumerate(visits):
        group = model.add_client_group(required=False) if visit.alternatives else None
        for earliest, latest in visit.windows:
            model.add_client(
                locations[first_client + number],
                service_duration=int(visit.service * SECONDS),
                tw_early=int(earliest * SECONDS),
                tw_late=int(latest * SECONDS),
                required=False,
                prize=costs.prize,
                group=group,
            )
            clients.append((number, (earliest, latest)))
    allowed = {
        key: {
            i
            for i, v in enumerate(visits, start=first_client)
            if v.skills <= key[0] and v.pinned_to in (None, key[1])
        }
        for key in profiles
    }
    for i, a in enumerate(points):
        for j, b in enumerate(points):
            if i == j:
                continue
            metres = int(travel_km(a, b) * METRES)
            secs = int(travel_minutes(a, b) * SECONDS + 0.999)
            for key, profile in profiles.items():
                reachable = all(k < first_client or k in allowed[key] for k in (i, j))
                model.add_edge(
                    locations[i],
                    locations[j],
                    distance=metres if reachable else FORBIDDEN,
                    duration=secs if reachable else FORBIDDEN,
                    profile=profile,
                )
    start = _initial(model, visits, crew, current, clients) if current else None
    stop = MaxIterations(iterations) if iterations is not None else MaxRuntime(seconds)
    result = model.solve(stop=stop, seed=seed, display=False, initial_solution=start)
    placed: set[int] = set()
    for route in result.best.routes():
        member = crew[route.vehicle_type()]
        if route.has_time_warp():  # a route that breaks a promised window plans nothing
            continue
        chosen = [
            (clients[s.idx][0], clients[s.idx][1], s.start_time)
            for s in route.schedule()
            if is_client(s)
        ]
        kept = [(n, w, t) for n, w, t in chosen if capable(visits[n], [member])]
        plan.routes[member.technician_id] = [
            PlannedVisit(
                visits[n].within(window) if visits[n].alternatives else visits[n],
                member.technician_id,
                position,
                start_time / SECONDS,
            )
            for position, (n, window, start_time) in enumerate(kept)
        ]
        placed.update(n for n, _, _ in kept)
    plan.problems += [
        Problem(v.label, Unplannable.DID_NOT_FIT) for i, v in enumerate(visits) if i not in placed
    ]
    return plan


def _profile_key(member: Crew, visits: Sequence[Visit]) -> tuple[frozenset[str], str | None]:
    """Technicians share a profile by skills, unless visits are pinned to one of them."""
    pinned = any(v.pinned_to == member.technician_id for v in visits)
    return member.skills, member.technician_id if pinned else None


def _initial(
    model: Model,
    visits: Sequence[Visit],
    crew: Sequence[Crew],
    current: dict[str, list[str]],
    clients: list[tuple[int, tuple[float, float]]],
) -> Solution:
    """The plan as it stands, each visit in the window it is booked in."""
    from pyvrp import Route, Solution

    data = model.data()
    # booking id -> the client of its booked window (clients count from 0)
    booked_client: dict[str, int] = {}
    for index, (number, window) in enumerate(clients):
        if window == visits[number].windows[0]:
            booked_client.setdefault(visits[number].booking_id, index)
    routes = []
    for index, member in enumerate(crew):
        booked = current.get(member.technician_id, [])
        stops = [booked_client[b] for b in booked if b in booked_client]
        if stops:
            routes.append(Route(data, stops, index))
    return Solution(data, routes)

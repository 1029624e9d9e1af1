"""A technician's tentative day and the cheapest way to fit one more visit into it.

All times are minutes since the day's origin (a UTC instant chosen by the caller, usually local
midnight); all travel is in minutes. The functions are pure and allocation-light because the
slot engine calls them thousands of times per offer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from klantreis.core.common import GeoPoint

Travel = Callable[[GeoPoint, GeoPoint], float]


@dataclass(frozen=True, slots=True)
class Stop:
    """A visit: service may start anywhere in ``[earliest, latest]`` and lasts ``service``."""

    location: GeoPoint
    earliest: float
    latest: float
    service: float
    ref: str = ""


@dataclass(frozen=True, slots=True)
class TechnicianRoute:
    """The route of one technician-day (one technician on one day; its booked minutes are
    the ``technician_days`` table): leave home at ``start``, be home by ``end``, stops in
    order."""

    technician_id: str
    home: GeoPoint
    start: float
    end: float
    stops: tuple[Stop, ...]

    def without(self, ref: str) -> TechnicianRoute:
        """The day as if the visit ``ref`` (a case id) were not in it (moving it sees every
        window a first booking would)."""
        if not ref or not any(stop.ref == ref for stop in self.stops):
            return self
        kept = tuple(s for s in self.stops if s.ref != ref)
        return TechnicianRoute(self.technician_id, self.home, self.start, self.end, kept)


@dataclass(frozen=True, slots=True)
class Insertion:
    technician_id: str
    position: int  # index in ``stops`` before which the new visit goes
    added_minutes: float  # extra travel the visit costs this technician's day
    service_start: float


def _nodes(route: TechnicianRoute) -> list[Stop]:
    home_out = Stop(route.home, route.start, route.start, 0.0)
    home_in = Stop(route.home, route.start, route.end, 0.0)
    return [home_out, *route.stops, home_in]


def schedule(route: TechnicianRoute, travel: Travel) -> list[float] | None:
    """Service start of every stop when driving as early as possible; None if infeasible."""
    nodes = _nodes(route)
    time = route.start
    starts = []
    for previous, node in zip(nodes, nodes[1:], strict=False):
        time = max(
            time + previous.service + travel(previous.location, node.location), node.earliest
        )
        if time > node.latest:
            return None
        starts.append(time)
    return starts[:-1]


def travel_minutes(route: TechnicianRoute, travel: Travel) -> float:
    nodes = _nodes(route)
    return sum(travel(a.location, b.location) for a, b in zip(nodes, nodes[1:], strict=False))


def best_insertion(route: TechnicianRoute, visit: Stop, travel: Travel) -> Insertion | None:
    """The cheapest feasible place for ``visit`` in ``route``, or None if it fits nowhere.

    Uses earliest/latest service starts (forward and backward passes) so each position is
    checked in constant time: inserting between i and i+1 is feasible when the visit can start
    within its window after i, and i+1 can still start by its latest feasible time.
    """
    nodes = _nodes(route)
    n = len(nodes)
    earliest = [0.0] * n
    earliest[0] = route.start
    for i in range(1, n):
        prev = nodes[i - 1]
        earliest[i] = max(
            earliest[i - 1] + prev.service + travel(prev.location, nodes[i].location),
            nodes[i].earliest,
        )
        if earliest[i] > nodes[i].latest:
            return None  # the day is already infeasible; nothing more fits
    latest = [0.0] * n
    latest[-1] = route.end
    for i in range(n - 2, -1, -1):
        node = nodes[i]
        latest[i] = min(
            node.latest, latest[i + 1] - travel(node.location, nodes[i + 1].location) - node.service
        )
    best: Insertion | None = None
    for i in range(n - 1):
        before, after = nodes[i], nodes[i + 1]
        to_visit = travel(before.location, visit.location)
        start = max(earliest[i] + before.service + to_visit, visit.earliest)
        if start > visit.latest:
            continue
        from_visit = travel(visit.location, after.location)
        if max(start + visit.service + from_visit, after.earliest) > latest[i + 1]:
            continue
        added = to_visit + from_visit - travel(before.location, after.location)
        if best is None or added < best.added_minutes:
            best = Insertion(route.technician_id, i, added, start)
    return best


def with_visit(route: TechnicianRoute, visit: Stop, position: int) -> TechnicianRoute:
    stops = list(route.stops)
    stops.insert(position, visit)
    return TechnicianRoute(route.technician_id, route.home, route.start, route.end, tuple(stops))


def rank_between(before: float | None, after: float | None) -> float:
    """A rank that sorts between two neighbours, so that inserting one visit renumbers none.

    A day holds a few dozen visits at most, far from the ~50 halvings a float allows.
    """
    if before is None and after is None:
        return 0.0
    if before is None:
        assert after is not None
        return after - 1.0
    if after is None:
        return before + 1.0
    return (before + after) / 2.0

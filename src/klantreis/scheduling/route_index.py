"""The technician-days that pass nearest a place, found without looking at all of them.

A national firm has a thousand technicians: ranking every route of every day for every offer
costs more than the offer itself. Each route is filed under the grid cells its home and stops
lie in; a search looks at the cells around the place ring by ring, and stops once no route
outside the rings seen could be nearer than the ones found. The answer is exactly that of
``nearest_routes`` over all the routes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from heapq import nsmallest
from math import cos, floor, radians

from klantreis.core.common import GeoPoint
from klantreis.core.geo import closeness_key
from klantreis.scheduling.routes import TechnicianRoute

CELL_DEGREES = 0.1  # about 11 km north-south and 7 km east-west in the Netherlands
# With this few routes, looking at all of them is as quick as the grid.
SMALL = 64


def _cell(point: GeoPoint) -> tuple[int, int]:
    return floor(point.latitude / CELL_DEGREES), floor(point.longitude / CELL_DEGREES)


def _ring(row: int, column: int, radius: int) -> Iterator[tuple[int, int]]:
    """The cells at exactly ``radius`` steps (in either direction) from the given one."""
    if radius == 0:
        yield row, column
        return
    for dc in range(-radius, radius + 1):
        yield row - radius, column + dc
        yield row + radius, column + dc
    for dr in range(-radius + 1, radius):
        yield row + dr, column - radius
        yield row + dr, column + radius


class RouteIndex:
    """Routes filed by grid cell; ``update`` files a route again after stops were added."""

    def __init__(self, routes: Sequence[TechnicianRoute]) -> None:
        self.routes = list(routes)
        self._cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        self._filed: list[set[tuple[int, int]]] = [set() for _ in self.routes]
        self._rows: list[int] = []  # the lowest and highest row and column filed
        self._columns: list[int] = []
        for number, route in enumerate(self.routes):
            self._file(number, route)

    def _file(self, number: int, route: TechnicianRoute) -> None:
        for point in (route.home, *(stop.location for stop in route.stops)):
            cell = _cell(point)
            if cell not in self._filed[number]:
                self._filed[number].add(cell)
                self._cells[cell].append(number)
                self._rows = _widened(self._rows, cell[0])
                self._columns = _widened(self._columns, cell[1])

    def update(self, number: int, route: TechnicianRoute) -> None:
        """Route ``number`` now has more stops (it never loses any here)."""
        self.routes[number] = route
        self._file(number, route)

    def nearest(self, location: GeoPoint, count: int, without: str = "") -> list[TechnicianRoute]:
        """The ``count`` routes passing closest to ``location`` (home base or any stop), each
        without the stop whose ``ref`` is ``without`` (a case's own visit, when moving it)."""
        distance = closeness_key(location)

        def closeness(route: TechnicianRoute) -> float:
            nearest = distance(route.home)
            for stop in route.stops:
                if stop.ref != without or not without:
                    nearest = min(nearest, distance(stop.location))
            return nearest

        if len(self.routes) <= max(SMALL, count):
            ranked = nsmallest(
                count, range(len(self.routes)), key=lambda n: (closeness(self.routes[n]), n)
            )
            return [self.routes[n].without(without) for n in ranked]
        row, column = _cell(location)
        # A point r+1 or more cells away in either direction is at least r cells' width away.
        step = CELL_DEGREES * min(1.0, cos(radians(location.latitude)))
        found: list[tuple[float, int]] = []
        seen: set[int] = set()
        radius = 0
        rings = max(
            abs(row - self._rows[0]),
            abs(row - self._rows[1]),
            abs(column - self._columns[0]),
            abs(column - self._columns[1]),
        )
        while radius <= rings:
            for cell in _ring(row, column, radius):
                for number in self._cells.get(cell, ()):
                    if number not in seen:
                        seen.add(number)
                        found.append((closeness(self.routes[number]), number))
            if len(found) >= count:
                kth = nsmallest(count, found)[-1][0]
                if (radius * step) ** 2 > kth:
                    break
            radius += 1
        return [self.routes[n].without(without) for _, n in nsmallest(count, found)]


def _widened(bounds: list[int], value: int) -> list[int]:
    return [min(bounds[0], value), max(bounds[1], value)] if bounds else [value, value]

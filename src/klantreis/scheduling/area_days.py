"""Area days: the weekdays on which each postcode area (PC4) is offered first.

Geographic steering works best when the day's visits of one technician lie close together.
Ranking windows by their insertion cost alone cannot get there from an empty plan: the first
bookings of a day each cost the drive from home, so they scatter over the days. An area
calendar gives every area its days in advance, so that the first bookings of a day already
fall in one part of each technician's territory and later ones join them.

The calendar is proposed from the demand (customers per area) and the technicians' home
bases: each area belongs to the territory of its nearest base; each territory is cut, by
bearing from its base, into one sector per working weekday with equal demand; an area's days
are its sector's weekday and that of the adjacent sector it lies nearest to. So on every
weekday each technician's active zone is one contiguous wedge of their territory.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from math import atan2, cos, degrees, radians, sin

from klantreis.core.common import GeoPoint
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.geo import closeness_key
from klantreis.core.places import AreaDemand

WORKING_WEEKDAYS = (0, 1, 2, 3, 4)  # Monday .. Friday


@dataclass(frozen=True, slots=True)
class AreaCalendar:
    """The weekdays (0 = Monday) of each area; an area not in the calendar has no area days,
    so every day is equally its own.

    What a planner set, by postcode prefix, comes before the proposal: the longest prefix of
    the area that the planner gave days decides."""

    weekdays_by_pc4: Mapping[str, frozenset[int]]
    set_by_planner: Mapping[str, frozenset[int]] = field(default_factory=dict)

    def planner_prefix(self, pc4: str) -> str | None:
        """The longest prefix of ``pc4`` that a planner gave days, if any."""
        return next(
            (pc4[:n] for n in range(min(4, len(pc4)), 0, -1) if pc4[:n] in self.set_by_planner),
            None,
        )

    def weekdays_of(self, pc4: str) -> frozenset[int] | None:
        prefix = self.planner_prefix(pc4)
        if prefix is not None:
            return self.set_by_planner[prefix]
        return self.weekdays_by_pc4.get(pc4)

    def is_area_day(self, pc4: str, day: date) -> bool:
        weekdays = self.weekdays_of(pc4)
        return weekdays is None or day.weekday() in weekdays

    def area_days(self, pc4: str, days: Sequence[date]) -> frozenset[date]:
        return frozenset(d for d in days if self.is_area_day(pc4, d))


def planner_weekdays(prefix: str, weekdays: Sequence[int]) -> tuple[str, frozenset[int]]:
    """A planner's area days, checked: a postcode prefix (1-4 digits, no leading zero) and
    one to five distinct weekdays 0..6."""
    if not (1 <= len(prefix) <= 4 and prefix.isdigit() and prefix[0] != "0"):
        raise InvalidValue("prefix", f"'{prefix}' is not a postcode prefix (1-4 digits)")
    days = frozenset(weekdays)
    if len(days) != len(weekdays) or not days <= set(range(7)):
        raise InvalidValue("weekdays", f"{list(weekdays)} are not distinct weekdays 0..6")
    if not 1 <= len(days) <= 5:
        raise InvalidValue("weekdays", "an area needs one to five days")
    return prefix, days


def bearing(origin: GeoPoint, point: GeoPoint) -> float:
    """Compass bearing from ``origin`` to ``point`` in degrees, 0..360 (0 = north)."""
    lat1, lat2 = radians(origin.latitude), radians(point.latitude)
    dlon = radians(point.longitude - origin.longitude)
    x = sin(dlon) * cos(lat2)
    y = cos(lat1) * sin(lat2) - sin(lat1) * cos(lat2) * cos(dlon)
    return degrees(atan2(x, y)) % 360.0


def propose_area_days(
    demand: Sequence[AreaDemand],
    bases: Sequence[GeoPoint],
    weekdays: Sequence[int] = WORKING_WEEKDAYS,
    days_per_area: int = 2,
) -> AreaCalendar:
    """A calendar that gives every area ``days_per_area`` of ``weekdays`` (see the module)."""
    if not bases:
        raise InvalidValue("bases", "an area calendar needs at least one home base")
    if not weekdays or len(set(weekdays)) != len(weekdays) or not set(weekdays) <= set(range(7)):
        raise InvalidValue("weekdays", f"{list(weekdays)} are not distinct weekdays 0..6")
    if not 1 <= days_per_area <= min(2, len(weekdays)):
        raise InvalidValue("days_per_area", f"{days_per_area} must be 1 or 2 (and <= weekdays)")
    territories: dict[int, list[AreaDemand]] = defaultdict(list)
    distance = [closeness_key(base) for base in bases]
    for area in demand:
        nearest = min(range(len(bases)), key=lambda i: (distance[i](area.centroid), i))
        territories[nearest].append(area)
    found: dict[str, frozenset[int]] = {}
    for index, areas in territories.items():
        found.update(_sectors(bases[index], areas, weekdays, days_per_area))
    return AreaCalendar(found)


def _sectors(
    base: GeoPoint, areas: list[AreaDemand], weekdays: Sequence[int], days_per_area: int
) -> dict[str, frozenset[int]]:
    """Cut one territory by bearing into ``len(weekdays)`` sectors of equal demand."""
    ordered = sorted(areas, key=lambda a: (bearing(base, a.centroid), a.pc4))
    total = sum(a.weight for a in ordered) or 1.0
    count = len(weekdays)
    found = {}
    running = 0.0
    for area in ordered:
        # The area's place in the territory's demand, 0..count: its sector and where in it.
        position = (running + area.weight / 2) / total * count
        running += area.weight
        sector = min(int(position), count - 1)
        days = {weekdays[sector]}
        if days_per_area == 2 and count > 1:
            neighbour = sector + 1 if position - sector >= 0.5 else sector - 1
            days.add(weekdays[neighbour % count])
        found[area.pc4] = frozenset(days)
    return found

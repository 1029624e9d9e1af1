"""The area calendar in force: what planners set per postcode prefix, and for the rest a
proposal from where the customers live and where the technicians start; kept in memory and
proposed again when the crew or the planners' days change, or when it is old."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Literal

from klantreis.core.domain_errors import InvalidValue
from klantreis.core.errors import NotFound, Unprocessable
from klantreis.core.ports import Clock, Gazetteer
from klantreis.scheduling.area_days import AreaCalendar, planner_weekdays, propose_area_days
from klantreis.scheduling.ports import SchedulingUnit

# Customers move in and out slowly; a calendar that changed every hour would confuse both
# customers and technicians.
MAX_AGE = timedelta(hours=12)
# Reading the crew costs more than ranking an offer, so a crew change is looked for at most
# this often: it takes effect within a minute.
CREW_CHECK = timedelta(minutes=1)


def set_area_days(
    uow: SchedulingUnit, clock: Clock, gazetteer: Gazetteer, prefix: str, weekdays: Sequence[int]
) -> frozenset[int]:
    """Give the postcode area ``prefix`` its weekdays (replacing what was set); a prefix no
    postcode starts with, or days that are not one to five distinct weekdays, are refused
    by name with nothing stored."""
    try:
        prefix, days = planner_weekdays(prefix, weekdays)
    except InvalidValue as invalid:
        raise Unprocessable(invalid.message, field=invalid.field) from invalid
    if not gazetteer.has_prefix(prefix):
        raise Unprocessable(f"no postcode area starts with {prefix}", field="prefix")
    uow.day_rules.set_area_weekdays(prefix, days, clock.now())
    return days


@dataclass(frozen=True)
class AreaDaysInForce:
    area: str
    weekdays: frozenset[int]
    source: Literal["planner", "proposed", "none"]


def planner_area_days(uow: SchedulingUnit) -> list[AreaDaysInForce]:
    """The days planners gave areas, by postcode prefix."""
    return [
        AreaDaysInForce(prefix, frozenset(days), "planner")
        for prefix, days in sorted(uow.day_rules.area_weekdays().items())
    ]


def area_days_of(calendar: AreaCalendar | None, pc4: str) -> AreaDaysInForce:
    """The days in force for one PC4 area, and whether a planner or the proposal set them."""
    days = calendar.weekdays_of(pc4) if calendar else None
    planned = calendar is not None and any(pc4[:n] in calendar.set_by_planner for n in range(1, 5))
    if planned:
        return AreaDaysInForce(pc4, frozenset(days or ()), "planner")
    return AreaDaysInForce(pc4, frozenset(days or ()), "proposed" if days is not None else "none")


def remove_area_days(uow: SchedulingUnit, prefix: str) -> None:
    if not uow.day_rules.remove_area_weekdays(prefix):
        raise NotFound(f"no area days are set for '{prefix}'")


def propose_calendar(uow: SchedulingUnit) -> AreaCalendar | None:
    """The calendar for today's customers and active crew; None without either."""
    bases = sorted(
        {t.home_base for t in uow.technicians.list(0, 100_000) if t.active},
        key=lambda p: (p.latitude, p.longitude),
    )
    demand = uow.customers.demand_by_pc4()
    if not bases or not demand:
        return None
    return propose_area_days(demand, bases)


class AreaDays:
    """Thread-safe; one per process (like the plan cache)."""

    def __init__(self, clock: Clock, max_age: timedelta = MAX_AGE, enabled: bool = True) -> None:
        """``enabled``: propose days for the areas no planner gave days."""
        self._clock = clock
        self._enabled = enabled
        self._max_age = max_age
        self._lock = threading.Lock()
        self._kept: tuple[datetime, tuple[object, ...], AreaCalendar | None] | None = None
        self._checked = datetime.min.replace(tzinfo=UTC)  # when the crew was last compared

    def calendar(self, uow: SchedulingUnit) -> AreaCalendar | None:
        """The calendar in force: the planners' days, and with proposals switched on the
        proposal for the other areas; None when there is neither."""
        now = self._clock.now()
        with self._lock:
            kept, checked = self._kept, self._checked
        if kept is not None and now - checked < CREW_CHECK and now - kept[0] < self._max_age:
            return kept[2]
        planned = uow.day_rules.area_weekdays()
        inputs = (
            tuple(sorted((t.id, t.home_base, t.active) for t in uow.technicians.list(0, 100_000))),
            tuple(sorted(planned.items(), key=lambda item: item[0])),
        )
        if kept is not None and kept[1] == inputs and now - kept[0] < self._max_age:
            with self._lock:
                self._checked = now
            return kept[2]
        proposed = propose_calendar(uow) if self._enabled else None
        if planned:
            proposed = replace(proposed or AreaCalendar({}), set_by_planner=planned)
        with self._lock:
            self._kept = (now, inputs, proposed)
            self._checked = now
        return proposed

    def forget(self) -> None:
        """Read the planners' days and the crew again at the next offer (after a change)."""
        with self._lock:
            self._checked = datetime.min.replace(tzinfo=UTC)

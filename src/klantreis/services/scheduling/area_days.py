"""The area calendar in force: proposed from where the customers live and where the
technicians start, kept in memory and proposed again when the crew changes or it is old."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from klantreis.domain.area_days import AreaCalendar, propose_area_days
from klantreis.services.ports import Clock, UnitOfWork

# Customers move in and out slowly; a calendar that changed every hour would confuse both
# customers and technicians.
MAX_AGE = timedelta(hours=12)
# Reading the crew costs more than ranking an offer, so a crew change is looked for at most
# this often: it takes effect within a minute.
CREW_CHECK = timedelta(minutes=1)


def propose_calendar(uow: UnitOfWork) -> AreaCalendar | None:
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
        self._clock = clock
        self._enabled = enabled
        self._max_age = max_age
        self._lock = threading.Lock()
        self._kept: tuple[datetime, tuple[object, ...], AreaCalendar | None] | None = None
        self._checked = datetime.min.replace(tzinfo=UTC)  # when the crew was last compared

    def calendar(self, uow: UnitOfWork) -> AreaCalendar | None:
        """The calendar in force, or None when area days are switched off."""
        if not self._enabled:
            return None
        now = self._clock.now()
        with self._lock:
            kept, checked = self._kept, self._checked
        if kept is not None and now - checked < CREW_CHECK and now - kept[0] < self._max_age:
            return kept[2]
        crew = tuple(
            sorted((t.id, t.home_base, t.active) for t in uow.technicians.list(0, 100_000))
        )
        if kept is not None and kept[1] == crew and now - kept[0] < self._max_age:
            with self._lock:
                self._checked = now
            return kept[2]
        proposed = propose_calendar(uow)
        with self._lock:
            self._kept = (now, crew, proposed)
            self._checked = now
        return proposed

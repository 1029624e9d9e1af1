"""The twin's time: a clock that only moves forward, and local moments in UTC."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from klantreis.scheduling.days import ZONE


class SimulatedClock:
    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current

    def move_to(self, at: datetime) -> None:
        self.current = max(self.current, at)


def at_local(day: date, moment: time) -> datetime:
    """``moment`` on ``day`` in Europe/Amsterdam, as a UTC instant."""
    return datetime.combine(day, moment, ZONE).astimezone(UTC)


def local_date(moment: datetime) -> date:
    return moment.astimezone(ZONE).date()


def office_hours(moment: datetime, rng: random.Random) -> datetime:
    """When someone whose appliance broke at ``moment`` calls: the next working hours."""
    local = moment.astimezone(ZONE)
    day = local.date()
    if local.hour >= 17 or local.weekday() >= 5:
        day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    earliest = max(moment, at_local(day, time(8)))
    return earliest + timedelta(minutes=rng.uniform(0, 120))

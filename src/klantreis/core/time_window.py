"""Windows of time: the 2-hour window a customer books, the half day a company assigns,
a whole day; every capability that speaks of a moment to come uses them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from klantreis.core.common import to_utc
from klantreis.core.domain_errors import InvalidValue

WINDOW_LENGTH = timedelta(hours=2)
ASSIGNED_WINDOW_LENGTH = timedelta(hours=4, minutes=30)
# A whole day is the grid's working day (08:00-18:00 by default), whatever its configured span.
WHOLE_DAY_SHORTEST = timedelta(hours=6)
WHOLE_DAY_LONGEST = timedelta(hours=14)


def is_whole_day(length: timedelta) -> bool:
    return WHOLE_DAY_SHORTEST <= length <= WHOLE_DAY_LONGEST


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """A span of time in UTC, end exclusive."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", to_utc("window.start", self.start))
        object.__setattr__(self, "end", to_utc("window.end", self.end))
        if self.end <= self.start:
            raise InvalidValue("window", "must end after it starts")

    def overlaps(self, other: TimeWindow) -> bool:
        return self.start < other.end and other.start < self.end

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

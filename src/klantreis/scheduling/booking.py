"""A booked visit: a window with one technician.

Customers choose 2-hour windows, tick several that suit them (the booking holds the best, and
day planning may move the visit to another of them until the cut-off), or say that a whole day
suits them (the planner then places the visit anywhere in that day's grid); a company that
assigns visits itself (the letter that says "we come on Tuesday morning") promises a half day
of 4.5 hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from klantreis.core.common import GeoPoint, to_utc
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.time_window import (
    ASSIGNED_WINDOW_LENGTH,
    WINDOW_LENGTH,
    TimeWindow,
    is_whole_day,
)


@dataclass(slots=True)
class Booking:
    """The visit the customer chose; the window is the arrival we promised them.

    ``ics_uid`` stays the same across reschedules and ``sequence`` counts the versions, as
    calendar invites (RFC 5545) require.
    """

    id: str
    case_id: str
    technician_id: str
    day: date  # the local (Europe/Amsterdam) date of the window
    window: TimeWindow
    service_minutes: int
    location: GeoPoint
    created_at: datetime
    ics_uid: str
    sequence: int = 0
    active: bool = True
    route_rank: float = 0.0  # the visit's place in the technician's tentative day
    # Starts of every 2-hour window the customer ticked, its own among them; empty when they
    # chose one window (or a whole day, or the company assigned it).
    ticked: tuple[datetime, ...] = ()

    def __post_init__(self) -> None:
        length = self.window.duration
        if length not in (WINDOW_LENGTH, ASSIGNED_WINDOW_LENGTH) and not is_whole_day(length):
            raise InvalidValue(
                "window", "a booking is a 2-hour window, a whole day or an assigned half day"
            )
        if self.ticked:
            ticked = tuple(sorted({to_utc("ticked", t) for t in self.ticked}))
            if length != WINDOW_LENGTH or self.window.start not in ticked:
                raise InvalidValue("ticked", "must hold the booked 2-hour window's start")
            object.__setattr__(self, "ticked", ticked if len(ticked) > 1 else ())

    @property
    def flexible(self) -> bool:
        """The customer ticked other windows too: the visit may move to one of them."""
        return bool(self.ticked)

    def ticked_windows(self) -> list[TimeWindow]:
        return [TimeWindow(start, start + WINDOW_LENGTH) for start in self.ticked]

    @property
    def whole_day(self) -> bool:
        return is_whole_day(self.window.duration)

"""When we may promise to call a customer back: a two-hour window while the office answers
the phone, on a working day that is no public holiday, soon enough to still be useful."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from klantreis.core.domain_errors import InvalidValue
from klantreis.core.time_window import TimeWindow
from klantreis.messaging.moment import ZONE

CALLBACK_STARTS = (9, 11, 13, 15)  # local hours: the office phones between 09:00 and 17:00
CALLBACK_LENGTH = timedelta(hours=2)
CALLBACK_WORKING_DAYS = 5
# A planner needs time to see the request before the window opens.
CALLBACK_NOTICE = timedelta(hours=1)


def callback_windows(now: datetime, holiday: Callable[[date], str | None]) -> list[TimeWindow]:
    """The windows a customer may choose from ``now``: the next five working days."""
    found: list[TimeWindow] = []
    day = now.astimezone(ZONE).date()
    working_days = 0
    while working_days < CALLBACK_WORKING_DAYS:
        if day.weekday() < 5 and not holiday(day):
            working_days += 1
            for hour in CALLBACK_STARTS:
                start = datetime.combine(day, time(hour), ZONE)
                if start >= now + CALLBACK_NOTICE:
                    found.append(TimeWindow(start, start + CALLBACK_LENGTH))
        day += timedelta(days=1)
    return found


def chosen_callback(
    start: datetime, now: datetime, holiday: Callable[[date], str | None]
) -> TimeWindow:
    """The offered window that starts at ``start``; anything else is refused by name."""
    if start.tzinfo is None:
        raise InvalidValue("window", "needs a time zone")
    for window in callback_windows(now, holiday):
        if window.start == start:
            return window
    raise InvalidValue("window", f"{start.isoformat()} is not one of the offered callback windows")


class CallbackOutcome(StrEnum):
    REACHED = "reached"  # the call took place: the request leaves the queue
    NO_ANSWER = "no_answer"  # it stays in the queue for another try


def callback_outcome(raw: str) -> CallbackOutcome:
    try:
        return CallbackOutcome(raw)
    except ValueError:
        allowed = ", ".join(outcome.value for outcome in CallbackOutcome)
        raise InvalidValue("outcome", f"'{raw}' is not one of {allowed}") from None

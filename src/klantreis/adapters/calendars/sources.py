"""Busy times from customers' calendars: CalDAV servers, .ics URLs and uploaded .ics files."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import recurring_ical_events
from icalendar import Calendar

from klantreis.domain.booking import TimeWindow
from klantreis.services.scheduling.ports import CalendarError

LOCAL = ZoneInfo("Europe/Amsterdam")
MAX_ICS_BYTES = 5_000_000


def _as_utc(value: date | datetime) -> datetime:
    """All-day dates count from local midnight; floating times are read as local time."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time(0), LOCAL).astimezone(UTC)
    if value.tzinfo is None:
        return value.replace(tzinfo=LOCAL).astimezone(UTC)
    return value.astimezone(UTC)


def busy_from_calendar(calendar: Calendar, start: datetime, end: datetime) -> list[TimeWindow]:
    """Expand recurrences (RRULE, RDATE, EXDATE) and keep events that make the person busy."""
    busy = []
    for event in recurring_ical_events.of(calendar).between(start, end):
        if str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
            continue
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        begin = event.get("DTSTART")
        if begin is None:
            continue
        finish = event.get("DTEND")
        first = _as_utc(begin.dt)
        if finish is not None:
            last = _as_utc(finish.dt)
        elif event.get("DURATION") is not None:
            last = first + event["DURATION"].dt
        else:  # RFC 5545: a date-only event without end lasts one day
            last = first + (
                timedelta(days=1) if not isinstance(begin.dt, datetime) else timedelta(0)
            )
        if last > first:
            busy.append(TimeWindow(first, last))
    return sorted(busy, key=lambda w: w.start)


def parse_ics(text: str) -> Calendar:
    try:
        calendar = Calendar.from_ical(text)
    except (ValueError, IndexError, KeyError) as exc:
        raise CalendarError(f"the file is not a valid iCalendar (.ics) file: {exc}") from exc
    if not isinstance(calendar, Calendar) or calendar.name != "VCALENDAR":
        raise CalendarError("the file is not a valid iCalendar (.ics) file: no VCALENDAR")
    return calendar


class CalendarSources:
    def __init__(self, timeout_s: float = 10.0) -> None:
        self._timeout = timeout_s

    def ics_text_busy(self, text: str, start: datetime, end: datetime) -> list[TimeWindow]:
        return busy_from_calendar(parse_ics(text), start, end)

    def ics_url_busy(self, url: str, start: datetime, end: datetime) -> list[TimeWindow]:
        if not url.startswith(("https://", "http://", "webcal://")):
            raise CalendarError("the calendar address must start with https:// or webcal://")
        url = "https://" + url.removeprefix("webcal://") if url.startswith("webcal://") else url
        try:
            response = httpx.get(url, timeout=self._timeout, follow_redirects=True)
        except httpx.HTTPError as exc:
            raise CalendarError(f"the calendar at {url} could not be reached: {exc}") from exc
        if response.status_code != 200:
            raise CalendarError(f"the calendar at {url} answered HTTP {response.status_code}")
        if len(response.content) > MAX_ICS_BYTES:
            raise CalendarError("the calendar is larger than 5 MB")
        return self.ics_text_busy(response.text, start, end)

    def caldav_busy(
        self, url: str, username: str, password: str, start: datetime, end: datetime
    ) -> list[TimeWindow]:
        import caldav
        from caldav.lib.error import AuthorizationError, DAVError

        try:
            client = caldav.DAVClient(
                url=url, username=username, password=password, timeout=int(self._timeout)
            )
            calendars = client.principal().calendars()
            busy: list[TimeWindow] = []
            for calendar in calendars:
                for found in calendar.search(start=start, end=end, event=True, expand=False):
                    busy.extend(busy_from_calendar(_calendar_of(found), start, end))
        except AuthorizationError as exc:
            raise CalendarError("the calendar server refused the username or password") from exc
        except (DAVError, httpx.HTTPError, OSError, ValueError) as exc:
            raise CalendarError(f"the calendar server at {url} could not be read: {exc}") from exc
        except Exception as exc:  # the client raises many kinds; every one means "unreadable"
            raise CalendarError(f"the calendar server at {url} could not be read: {exc}") from exc
        return sorted(busy, key=lambda w: w.start)


def _calendar_of(found: Any) -> Calendar:
    data = found.data if isinstance(found.data, str) else found.data.decode()
    return parse_ics(data)

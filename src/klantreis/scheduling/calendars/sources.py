"""Busy times from customers' calendars: CalDAV servers, .ics URLs and uploaded .ics files."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from time import monotonic
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar

from klantreis.core.time_window import TimeWindow
from klantreis.scheduling.calendars.fetch import FetchLimits, checked_address, fetch
from klantreis.scheduling.calendars.guarded_session import guarded_session
from klantreis.scheduling.ports import CalendarError

LOCAL = ZoneInfo("Europe/Amsterdam")
MAX_ICS_BYTES = 5_000_000
# A person's busy times over two months are hundreds of events; a once-a-minute rule makes
# 86,400, and each costs about 0.4 ms to expand (seconds of CPU, holding the interpreter that
# serves everyone else). More than this many, or this long, and the calendar is refused.
MAX_OCCURRENCES = 2_000
EXPANSION_SECONDS = 0.5


def _as_utc(value: date | datetime) -> datetime:
    """All-day dates count from local midnight; floating times are read as local time."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time(0), LOCAL).astimezone(UTC)
    if value.tzinfo is None:
        return value.replace(tzinfo=LOCAL).astimezone(UTC)
    return value.astimezone(UTC)


def busy_from_calendar(calendar: Calendar, start: datetime, end: datetime) -> list[TimeWindow]:
    """Expand recurrences (RRULE, RDATE, EXDATE) and keep events that make the person busy;
    ``CalendarError`` when the expansion exceeds ``MAX_OCCURRENCES`` or its time."""
    busy = []
    stop_at = monotonic() + EXPANSION_SECONDS
    for count, event in enumerate(_occurrences(calendar, start, end)):
        if count >= MAX_OCCURRENCES or monotonic() > stop_at:
            raise CalendarError(
                f"the calendar has more than {MAX_OCCURRENCES} events in the coming two months"
            )
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


def _occurrences(calendar: Calendar, start: datetime, end: datetime) -> Iterator[Any]:
    """Events from ``start`` on, in order, until the first that begins at ``end`` or later;
    lazily, so that a runaway rule is stopped before it is expanded."""
    for event in recurring_ical_events.of(calendar).after(start):
        begin = event.get("DTSTART")
        if begin is not None and _as_utc(begin.dt) >= end:
            return
        yield event


def parse_ics(text: str) -> Calendar:
    try:
        calendar = Calendar.from_ical(text)
    except (ValueError, IndexError, KeyError) as exc:
        raise CalendarError(f"the file is not a valid iCalendar (.ics) file: {exc}") from exc
    if not isinstance(calendar, Calendar) or calendar.name != "VCALENDAR":
        raise CalendarError("the file is not a valid iCalendar (.ics) file: no VCALENDAR")
    return calendar


class CalendarSources:
    """Every address a customer gives is fetched through the guard in ``fetch``."""

    def __init__(self, timeout_s: float = 10.0, allowed_hosts: Iterable[str] = ()) -> None:
        self._timeout = timeout_s
        self._limits = FetchLimits(
            deadline_s=timeout_s, max_bytes=MAX_ICS_BYTES, allowed_hosts=frozenset(allowed_hosts)
        )

    def ics_text_busy(self, text: str, start: datetime, end: datetime) -> list[TimeWindow]:
        return busy_from_calendar(parse_ics(text), start, end)

    def ics_url_busy(self, url: str, start: datetime, end: datetime) -> list[TimeWindow]:
        if not url.startswith(("https://", "http://", "webcal://")):
            raise CalendarError("the calendar address must start with https:// or webcal://")
        url = "https://" + url.removeprefix("webcal://") if url.startswith("webcal://") else url
        body = fetch(url, self._limits)
        return self.ics_text_busy(body.decode("utf-8", errors="replace"), start, end)

    def caldav_busy(
        self, url: str, username: str, password: str, start: datetime, end: datetime
    ) -> list[TimeWindow]:
        import caldav
        from caldav.lib.error import AuthorizationError

        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise CalendarError("the calendar server address must start with https://")
        # Checked before the client starts, for a clear answer; then on every connection
        # the client opens (redirects, hrefs, DNS answers), by the guarded session.
        checked_address(
            parts.hostname,
            parts.port or (443 if parts.scheme == "https" else 80),
            self._limits.allowed_hosts,
        )
        try:
            with guarded_session(self._limits) as session:
                client = caldav.DAVClient(
                    url=url, username=username, password=password, timeout=int(self._timeout)
                )
                client.session.close()
                client.session = session
                # caldav leaves principal() unannotated; it returns a Principal.
                calendars = client.principal().calendars()  # type: ignore[no-untyped-call]
                busy: list[TimeWindow] = []
                for calendar in calendars:
                    for found in calendar.search(start=start, end=end, event=True, expand=False):
                        busy.extend(busy_from_calendar(_calendar_of(found), start, end))
        except AuthorizationError as exc:
            raise CalendarError("the calendar server refused the username or password") from exc
        except CalendarError:
            raise  # what the calendar holds is refused for its own reason
        except Exception as exc:  # the client raises many kinds; every one means "unreadable"
            unreadable = f"the calendar server at {parts.hostname} could not be read"
            raise CalendarError(unreadable) from exc
        return sorted(busy, key=lambda w: w.start)


def _calendar_of(found: Any) -> Calendar:
    data = found.data if isinstance(found.data, str) else found.data.decode()
    return parse_ics(data)

"""Busy times from .ics: recurrences with exceptions, all-day events, other time zones."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from klantreis.scheduling.calendars.sources import CalendarSources
from klantreis.scheduling.ports import CalendarError

ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VTIMEZONE
TZID:Europe/Amsterdam
BEGIN:STANDARD
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
UID:yoga@test
DTSTART;TZID=Europe/Amsterdam:20260324T090000
DTEND;TZID=Europe/Amsterdam:20260324T110000
RRULE:FREQ=WEEKLY;COUNT=4
EXDATE;TZID=Europe/Amsterdam:20260407T090000
SUMMARY:Yoga
END:VEVENT
BEGIN:VEVENT
UID:trip@test
DTSTART;VALUE=DATE:20260402
DTEND;VALUE=DATE:20260403
SUMMARY:Dagje weg
END:VEVENT
BEGIN:VEVENT
UID:call@test
DTSTART;TZID=America/New_York:20260330T080000
DTEND;TZID=America/New_York:20260330T090000
SUMMARY:Call with New York
END:VEVENT
BEGIN:VEVENT
UID:free@test
DTSTART:20260330T100000Z
DTEND:20260330T110000Z
TRANSP:TRANSPARENT
SUMMARY:Reminder, not busy
END:VEVENT
END:VCALENDAR
"""
START, END = datetime(2026, 3, 26, tzinfo=UTC), datetime(2026, 5, 1, tzinfo=UTC)


def busy() -> set[tuple[datetime, datetime]]:
    windows = CalendarSources().ics_text_busy(ICS, START, END)
    return {(w.start, w.end) for w in windows}


def test_a_weekly_event_repeats_across_the_clock_change_except_on_its_exdate() -> None:
    found = busy()
    assert (
        datetime(2026, 3, 24, 8, tzinfo=UTC),
        datetime(2026, 3, 24, 10, tzinfo=UTC),
    ) not in found
    assert (datetime(2026, 3, 31, 7, tzinfo=UTC), datetime(2026, 3, 31, 9, tzinfo=UTC)) in found
    assert not any(s.date() == datetime(2026, 4, 7).date() and s.hour == 7 for s, _ in found)
    assert (datetime(2026, 4, 14, 7, tzinfo=UTC), datetime(2026, 4, 14, 9, tzinfo=UTC)) in found


def test_an_all_day_event_blocks_the_whole_local_day() -> None:
    assert (datetime(2026, 4, 1, 22, tzinfo=UTC), datetime(2026, 4, 2, 22, tzinfo=UTC)) in busy()


def test_an_event_in_another_time_zone_is_placed_at_the_same_instant() -> None:
    # 08:00 in New York on 30 March (EDT, UTC-4) is 12:00 UTC, 14:00 in Amsterdam.
    assert (datetime(2026, 3, 30, 12, tzinfo=UTC), datetime(2026, 3, 30, 13, tzinfo=UTC)) in busy()


def test_a_transparent_event_does_not_make_anyone_busy() -> None:
    assert not any(s == datetime(2026, 3, 30, 10, tzinfo=UTC) for s, _ in busy())


@pytest.mark.parametrize("text", ["not a calendar", "BEGIN:VCALENDAR\nBEGIN:VEVENT\n", ""])
def test_a_malformed_file_is_refused_with_a_reason(text: str) -> None:
    with pytest.raises(CalendarError, match="iCalendar"):
        CalendarSources().ics_text_busy(text, START, END)

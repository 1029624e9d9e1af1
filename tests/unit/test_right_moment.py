"""The right moment: quiet hours, absences, Sundays, public holidays and school breaks,
across the daylight-saving switches."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from klantreis.core.customer import (
    Absence,
    Address,
    Customer,
    Persona,
    QuietHours,
    SchoolRegion,
)
from klantreis.messaging.moment import ZONE, earliest_send
from klantreis.messaging.touchpoints import Urgency
from klantreis.scheduling.calendars.sending import dutch_sending_calendar, school_breaks

CALENDAR = dutch_sending_calendar(2025, 2028)


def customer(**changes: object) -> Customer:
    base: dict[str, object] = {
        "id": "c1",
        "surname": "Jansen",
        "address": Address("Oudegracht", "1", "3511 AB", "Utrecht"),
        "quiet_hours": QuietHours(time(21), time(8)),
        "persona": Persona.SINGLE_SENIOR,
        "school_region": SchoolRegion.MIDDEN,
    }
    return Customer(**{**base, **changes})  # type: ignore[arg-type]


def local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=ZONE)  # type: ignore[misc]


def test_quiet_hours_hold_even_for_the_technician_on_the_way() -> None:
    at = earliest_send(customer(), Urgency.NOW, local(2026, 3, 10, 22, 30), CALENDAR)
    assert at == local(2026, 3, 11, 8, 0)
    assert earliest_send(customer(), Urgency.NOW, local(2026, 3, 10, 7, 0), CALENDAR) == local(
        2026, 3, 10, 8, 0
    )


@pytest.mark.parametrize(
    ("evening", "morning_utc_hour"),
    [((2026, 3, 28, 23, 0), 6), ((2026, 10, 24, 23, 0), 7)],  # into summer time, into winter
)
def test_quiet_hours_end_at_8_local_on_the_daylight_saving_nights(
    evening: tuple[int, ...], morning_utc_hour: int
) -> None:
    at = earliest_send(customer(), Urgency.PROMPT, local(*evening), CALENDAR)
    assert at is not None and at.astimezone(ZONE).time() == time(8)
    assert at.astimezone(UTC).hour == morning_utc_hour


def test_an_absence_holds_a_prompt_message_but_not_the_technician_on_the_way() -> None:
    away = Absence(local(2026, 5, 4, 0, 0), local(2026, 5, 9, 0, 0), "vakantie")
    someone = customer(absences=[away])
    now = local(2026, 5, 5, 10, 0)
    assert earliest_send(someone, Urgency.PROMPT, now, CALENDAR) == local(2026, 5, 9, 8, 0)
    assert earliest_send(someone, Urgency.NOW, now, CALENDAR) == now


def test_an_invitation_waits_for_sunday_and_a_public_holiday_to_pass() -> None:
    saturday_night = local(2026, 4, 4, 20, 30)  # Easter Sunday and Monday follow
    at = earliest_send(customer(), Urgency.DEFERRABLE, saturday_night, CALENDAR)
    assert at == local(2026, 4, 7, 9, 0)


def test_a_family_gets_its_invitation_after_the_school_break_of_its_region() -> None:
    first, last = next(
        b for b in school_breaks()[SchoolRegion.ZUID] if b[0].year == 2026 and b[0].month == 7
    )
    thursday = last - timedelta(days=3)  # breaks run Saturday to Sunday
    during = local(thursday.year, thursday.month, thursday.day, 11, 0)
    family = customer(persona=Persona.FAMILY, school_region=SchoolRegion.ZUID)
    at = earliest_send(family, Urgency.DEFERRABLE, during, CALENDAR)
    assert at is not None and at.astimezone(ZONE).date() > last
    senior = customer(school_region=SchoolRegion.ZUID)
    assert earliest_send(senior, Urgency.DEFERRABLE, during, CALENDAR) == during
    assert first < last


def test_a_message_that_cannot_go_before_it_expires_is_not_sent() -> None:
    away = Absence(local(2026, 5, 4, 0, 0), local(2026, 5, 9, 0, 0))
    now = local(2026, 5, 5, 10, 0)
    expires = local(2026, 5, 6, 8, 0)  # a reminder for a visit on the 6th
    assert earliest_send(customer(absences=[away]), Urgency.PROMPT, now, CALENDAR, expires) is None


def test_the_school_break_table_has_every_region_and_the_summer_of_2027() -> None:
    breaks = school_breaks()
    assert set(breaks) == set(SchoolRegion)
    assert all(any(b[0].year == 2027 and b[0].month in (7, 8) for b in breaks[r]) for r in breaks)


@given(
    now=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)),
    quiet_start=st.integers(0, 23),
    quiet_length=st.integers(1, 14),
    absence_offset_h=st.integers(-48, 240),
    absence_length_h=st.integers(1, 24 * 21),
    urgency=st.sampled_from(list(Urgency)),
    persona=st.sampled_from(list(Persona)),
)
@example(
    now=datetime(2026, 1, 1),
    quiet_start=6,
    quiet_length=14,
    absence_offset_h=0,
    absence_length_h=1,
    urgency=Urgency.DEFERRABLE,
    persona=Persona.SINGLE_SENIOR,
)  # quiet 06:00-20:00 covers all our daytime: the customer's own hours prevail
@settings(max_examples=1000, deadline=None, derandomize=True)
def test_no_moment_ever_falls_in_quiet_hours_or_an_absence(
    now: datetime,
    quiet_start: int,
    quiet_length: int,
    absence_offset_h: int,
    absence_length_h: int,
    urgency: Urgency,
    persona: Persona,
) -> None:
    start = now.replace(tzinfo=UTC)
    quiet = QuietHours(time(quiet_start), time((quiet_start + quiet_length) % 24))
    away_from = start + timedelta(hours=absence_offset_h)
    away = Absence(away_from, away_from + timedelta(hours=absence_length_h))
    someone = customer(quiet_hours=quiet, absences=[away], persona=persona, organisation="De Linde")
    at = earliest_send(someone, urgency, start, CALENDAR)
    assert at is not None and at >= start
    assert not quiet.contains(at.astimezone(ZONE).time())
    if urgency is not Urgency.NOW:
        assert not away.covers(at)
    if urgency is Urgency.DEFERRABLE:
        day = at.astimezone(ZONE).date()
        assert day.weekday() != 6 and day not in CALENDAR.public_holidays

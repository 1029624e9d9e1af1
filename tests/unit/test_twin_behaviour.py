"""The twin's rules for customers, its configuration, and what it needs from the domain."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from klantreis.core.common import GeoPoint
from klantreis.core.customer import Persona
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.ids import clock_ids, ids_from, new_id
from klantreis.core.time_window import ASSIGNED_WINDOW_LENGTH, TimeWindow
from klantreis.scheduling.booking import Booking
from klantreis.scheduling.slots import half_days
from klantreis.twin.behaviour import (
    BEHAVIOUR,
    Experience,
    choose_window,
    is_home,
    nps_proxy,
)
from klantreis.twin.config import TwinConfig

AMS = ZoneInfo("Europe/Amsterdam")
FAMILY = BEHAVIOUR[Persona.FAMILY]


def window(day: int, hour: int) -> TimeWindow:
    start = datetime(2026, 10, day, hour, tzinfo=AMS).astimezone(UTC)
    return TimeWindow(start, start + timedelta(hours=2))


def test_a_steered_customer_who_takes_suggestions_takes_the_first_marked_free_window() -> None:
    offers = [(window(13, 12), False), (window(14, 10), True), (window(15, 16), True)]
    eager = replace(FAMILY, takes_suggestion=1.0, busy=0.0)
    chosen = choose_window(eager, "k1", offers, steered=True, rng=random.Random(1))
    assert chosen == window(14, 10)


def test_unsteered_customers_pick_their_favourite_hours_soon() -> None:
    free = replace(FAMILY, busy=0.0)
    offers = [(window(13, 12), True), (window(13, 16), False), (window(14, 8), False)]
    chosen = choose_window(free, "k1", offers, steered=False, rng=random.Random(1))
    assert chosen == window(13, 16)  # 16:00 is a family's hour, and the soonest of them


def test_a_full_calendar_chooses_nothing_and_not_before_is_kept() -> None:
    busy = replace(FAMILY, busy=1.0)
    offers = [(window(13, 8), True)]
    assert choose_window(busy, "k1", offers, steered=True, rng=random.Random(1)) is None
    free = replace(FAMILY, busy=0.0)
    later = window(14, 8).start
    assert choose_window(free, "k", offers, False, random.Random(1), not_before=later) is None


def test_someone_is_home_as_often_as_the_persona_says_and_the_same_every_time() -> None:
    windows = [window(1 + d % 28, 8) for d in range(2000)]
    given = [is_home(FAMILY, w, False, f"k{i}", 0) for i, w in enumerate(windows)]
    chosen = [is_home(FAMILY, w, True, f"k{i}", 0) for i, w in enumerate(windows)]
    assert abs(sum(given) / len(given) - FAMILY.home_morning) < 0.04
    assert abs(sum(chosen) / len(chosen) - (1 - FAMILY.forgets)) < 0.02
    assert given == [is_home(FAMILY, w, False, f"k{i}", 0) for i, w in enumerate(windows)]


def test_the_nps_proxy_falls_with_missed_visits_and_stays_on_the_scale() -> None:
    smooth = Experience(0, 0, 3.0, 0.0, chose_window=True)
    missed = Experience(2, 1, 20.0, 5.0, chose_window=False)
    good = [nps_proxy(FAMILY, smooth, random.Random(n)) for n in range(200)]
    bad = [nps_proxy(FAMILY, missed, random.Random(n)) for n in range(200)]
    assert sum(bad) < sum(good)
    assert all(0 <= s <= 10 for s in good + bad)


@pytest.mark.parametrize(
    ("field", "value"),
    [("households", 10), ("technicians", 0), ("weeks", 2), ("connected_share", 1.5)],
)
def test_a_twin_config_out_of_range_names_its_field(field: str, value: object) -> None:
    with pytest.raises(InvalidValue) as refused:
        TwinConfig(**{field: value})  # type: ignore[arg-type]
    assert refused.value.field == field


def test_the_run_out_must_leave_weeks_to_measure() -> None:
    with pytest.raises(InvalidValue, match="run_out_weeks"):
        TwinConfig(weeks=3, run_out_weeks=3)


def test_half_days_keep_their_length_and_local_hours_on_the_clock_change_days() -> None:
    for day in (date(2026, 3, 29), date(2026, 10, 25)):
        halves = half_days(day, AMS)
        assert [h.duration for h in halves] == [ASSIGNED_WINDOW_LENGTH] * 2
        assert [h.start.astimezone(AMS).strftime("%H:%M") for h in halves] == ["08:00", "12:30"]


def test_a_booking_is_a_two_hour_window_or_an_assigned_half_day() -> None:
    start = datetime(2026, 10, 13, 6, tzinfo=UTC)

    def booking(length: timedelta) -> Booking:
        return Booking(
            "b",
            "c",
            "t",
            date(2026, 10, 13),
            TimeWindow(start, start + length),
            60,
            GeoPoint(52.09, 5.12),
            start,
            "c@k",
        )

    assert booking(ASSIGNED_WINDOW_LENGTH).window.duration == ASSIGNED_WINDOW_LENGTH
    with pytest.raises(InvalidValue, match="half day"):
        booking(timedelta(hours=3))


def test_ids_from_a_simulated_clock_repeat_and_keep_time_order() -> None:
    moments = [datetime(2026, 10, 12, 6, tzinfo=UTC) + timedelta(seconds=s) for s in (0, 0, 5)]

    def draw() -> list[str]:
        now = iter(moments)
        with ids_from(clock_ids(lambda: next(now), random.Random(3))):
            return [new_id() for _ in moments]

    first = draw()
    assert first == draw()
    assert first == sorted(first) and len(set(first)) == 3
    assert new_id() not in first  # outside the block, ids are the system's again

"""Which callback windows a customer may choose (working days, office hours, notice, DST), and
which outcomes a call may have."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from klantreis.core.domain_errors import InvalidValue
from klantreis.inbound.callback_windows import (
    CallbackOutcome,
    callback_outcome,
    callback_windows,
    chosen_callback,
)
from klantreis.messaging.moment import ZONE


def _no_holidays(day: date) -> str | None:
    return None


def _local_starts(now: datetime, holiday=_no_holidays) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{w.start.astimezone(ZONE):%a %d %H:%M}" for w in callback_windows(now, holiday)]


def test_today_offers_only_windows_an_hour_or_more_ahead() -> None:
    tuesday_1030 = datetime(2026, 11, 24, 10, 30, tzinfo=ZONE)
    starts = _local_starts(tuesday_1030)
    assert starts[:3] == ["Tue 24 13:00", "Tue 24 15:00", "Wed 25 09:00"]
    assert len(starts) == 2 + 4 * 4  # today's rest and four more working days


def test_weekends_and_public_holidays_are_skipped() -> None:
    christmas_eve_evening = datetime(2026, 12, 24, 18, 0, tzinfo=ZONE)

    def christmas(day: date) -> str | None:
        return {date(2026, 12, 25): "Eerste Kerstdag"}.get(day)

    starts = _local_starts(christmas_eve_evening, christmas)
    assert starts[0] == "Mon 28 09:00"
    assert not any(s.startswith(("Fri 25", "Sat", "Sun")) for s in starts)


def test_nine_oclock_is_local_on_both_sides_of_the_autumn_clock_change() -> None:
    friday_before = datetime(2026, 10, 23, 6, 0, tzinfo=UTC)
    windows = callback_windows(friday_before, _no_holidays)
    by_local_day = {w.start.astimezone(ZONE).date(): w for w in windows if w.start.hour in (7, 8)}
    assert by_local_day[date(2026, 10, 23)].start == datetime(2026, 10, 23, 7, tzinfo=UTC)
    assert by_local_day[date(2026, 10, 26)].start == datetime(2026, 10, 26, 8, tzinfo=UTC)
    assert all(w.duration.total_seconds() == 7200 for w in windows)


def test_an_offered_window_is_chosen_by_its_start() -> None:
    now = datetime(2026, 11, 24, 10, 30, tzinfo=ZONE)
    window = chosen_callback(datetime(2026, 11, 25, 8, tzinfo=UTC), now, _no_holidays)
    assert window.start.astimezone(ZONE).hour == 9 and window.end.astimezone(ZONE).hour == 11


@pytest.mark.parametrize(
    ("start", "reason"),
    [
        (datetime(2026, 11, 25, 10, 0, tzinfo=ZONE), "not one of the offered"),  # off the grid
        (datetime(2026, 11, 24, 11, 0, tzinfo=ZONE), "not one of the offered"),  # too soon
        (datetime(2026, 11, 28, 9, 0, tzinfo=ZONE), "not one of the offered"),  # Saturday
        (datetime(2026, 11, 23, 9, 0, tzinfo=ZONE), "not one of the offered"),  # yesterday
        (datetime(2026, 12, 14, 9, 0, tzinfo=ZONE), "not one of the offered"),  # too far ahead
        (datetime(2026, 11, 25, 9, 0), "needs a time zone"),
    ],
)
def test_anything_else_is_refused_naming_the_window(start: datetime, reason: str) -> None:
    now = datetime(2026, 11, 24, 10, 30, tzinfo=ZONE)
    with pytest.raises(InvalidValue) as refused:
        chosen_callback(start, now, _no_holidays)
    assert refused.value.field == "window" and reason in refused.value.message


def test_the_outcomes_of_a_call_are_read_by_name() -> None:
    assert callback_outcome("reached") is CallbackOutcome.REACHED
    assert callback_outcome("no_answer") is CallbackOutcome.NO_ANSWER


@pytest.mark.parametrize("raw", ["", "Reached", "voicemail"])
def test_any_other_outcome_is_refused_by_field(raw: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        callback_outcome(raw)
    assert refused.value.field == "outcome"
    assert "reached, no_answer" in refused.value.message

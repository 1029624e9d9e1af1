"""Periodic maintenance: due dates from the contract, openings spread over the weeks."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from klantreis.core.device import ServiceContract
from klantreis.core.domain_errors import InvalidValue
from klantreis.telemetry.maintenance import DueVisit, MaintenanceWindow, due_date, spread

TODAY = date(2026, 3, 2)  # a Monday


def test_the_due_date_is_the_next_anniversary_clamped_to_the_month() -> None:
    yearly = ServiceContract("C1", date(2019, 5, 10), 12)
    assert due_date(yearly, TODAY) == date(2026, 5, 10)
    assert due_date(yearly, date(2026, 5, 10)) == date(2026, 5, 10)
    leap = ServiceContract("C2", date(2024, 2, 29), 12)
    assert due_date(leap, TODAY) == date(2027, 2, 28)
    half_yearly = ServiceContract("C3", date(2025, 8, 31), 6)
    assert due_date(half_yearly, TODAY) == date(2026, 8, 31)


def test_a_month_of_anniversaries_does_not_open_on_one_day() -> None:
    window = MaintenanceWindow(lead_days=56, notice_days=21)
    due = date(2026, 4, 20)
    visits = [DueVisit(f"d{i}", due) for i in range(250)]
    openings = spread(visits, TODAY, window)
    assert len(openings) == 250
    per_day = Counter(o.open_on for o in openings)
    assert max(per_day.values()) - min(per_day.values()) <= 1
    assert all(o.open_on.weekday() < 5 for o in openings)
    assert all(TODAY <= o.open_on <= due - timedelta(days=21) for o in openings)


def test_earlier_runs_count_so_the_load_stays_even_day_after_day() -> None:
    window = MaintenanceWindow(lead_days=56, notice_days=21)
    first = spread([DueVisit(f"a{i}", date(2026, 4, 13)) for i in range(40)], TODAY, window)
    already = Counter(o.open_on for o in first)
    second = spread(
        [DueVisit(f"b{i}", date(2026, 4, 13)) for i in range(40)], TODAY, window, already
    )
    combined = already + Counter(o.open_on for o in second)
    assert max(combined.values()) - min(combined.values()) <= 1


def test_an_overdue_or_short_notice_visit_opens_today_and_a_far_one_waits() -> None:
    window = MaintenanceWindow(lead_days=56, notice_days=21)
    openings = spread(
        [DueVisit("soon", TODAY + timedelta(days=5)), DueVisit("far", date(2026, 12, 1))],
        TODAY,
        window,
    )
    assert [(o.device_id, o.open_on) for o in openings] == [("soon", TODAY)]


@pytest.mark.parametrize(("lead", "notice"), [(21, 21), (10, 21), (400, 21), (56, -1)])
def test_a_window_whose_lead_does_not_exceed_its_notice_is_refused(lead: int, notice: int) -> None:
    with pytest.raises(InvalidValue):
        MaintenanceWindow(lead, notice)

"""A technician's key reaches the cases planned for them from today on, and nothing else;
a planner pins a standing visit to a technician who exists. Without a database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from klantreis.core.access import Caller, Role
from klantreis.core.common import GeoPoint
from klantreis.core.errors import NotFound
from klantreis.core.reach import reachable_case, reachable_cases
from klantreis.core.records import TechnicianRecord
from klantreis.core.technicians import build_technician
from klantreis.core.time_window import TimeWindow
from klantreis.planning.pins import pin_visit, unpin_visit
from klantreis.scheduling.booking import Booking
from tests.conftest import FixedClock
from tests.fakes import FakeUnitOfWork

# 22:30 UTC on Saturday 24 October is already 00:30 on Sunday 25 October in Amsterdam.
CLOCK = FixedClock(datetime(2026, 10, 24, 22, 30, tzinfo=UTC))
SUNDAY, SATURDAY = date(2026, 10, 25), date(2026, 10, 24)


def _booking(booking_id: str, case_id: str, day: date, active: bool = True) -> Booking:
    start = datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)
    return Booking(
        id=booking_id,
        case_id=case_id,
        technician_id="t1",
        day=day,
        window=TimeWindow(start, start + timedelta(hours=2)),
        service_minutes=45,
        location=GeoPoint(52.09, 5.12),
        created_at=CLOCK.now(),
        ics_uid=f"uid-{booking_id}",
        active=active,
    )


def _planned() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    for booking in (
        _booking("b-today", "case-today", SUNDAY),
        _booking("b-yesterday", "case-yesterday", SATURDAY),
        _booking("b-colleague", "case-colleague", SUNDAY),
        _booking("b-cancelled", "case-cancelled", SUNDAY, active=False),
    ):
        uow.bookings.add(booking)
    at = CLOCK.now()
    uow.plans.replace_day(
        SUNDAY,
        [("b-today", "t1", 0, at), ("b-colleague", "t2", 0, at), ("b-cancelled", "t1", 1, at)],
        at,
    )
    uow.plans.replace_day(SATURDAY, [("b-yesterday", "t1", 0, at)], at)
    return uow


def test_a_technician_reaches_only_their_own_standing_visits_from_today_in_amsterdam() -> None:
    uow = _planned()
    reach = reachable_cases(uow, CLOCK, Caller(Role.TECHNICIAN, "t1"))
    assert reach == frozenset({"case-today"})
    assert reachable_cases(uow, CLOCK, Caller(Role.PLANNER)) is None  # a planner sees all
    assert reachable_cases(uow, CLOCK, Caller(Role.TECHNICIAN)) == frozenset()  # an old key


def test_a_case_out_of_reach_answers_as_one_that_does_not_exist() -> None:
    uow = _planned()
    with pytest.raises(NotFound, match="case 'case-colleague' does not exist"):
        reachable_case(uow, CLOCK, Caller(Role.TECHNICIAN, "t1"), "case-colleague")


def test_a_pin_needs_a_standing_visit_and_a_technician_who_exists() -> None:
    uow = _planned()
    uow.technicians.add(
        build_technician(TechnicianRecord(name="Sam", latitude=52.1, longitude=5.1), "t2")
    )
    with pytest.raises(NotFound, match="does not exist or was cancelled"):
        pin_visit(uow, "b-cancelled", "t2")
    with pytest.raises(NotFound, match="technician 'nobody' does not exist"):
        pin_visit(uow, "b-today", "nobody")
    pin_visit(uow, "b-today", "t2")
    assert uow.plans.pins(["b-today", "b-colleague"]) == {"b-today": "t2"}
    unpin_visit(uow, "b-today")
    with pytest.raises(NotFound, match="is not pinned"):
        unpin_visit(uow, "b-today")

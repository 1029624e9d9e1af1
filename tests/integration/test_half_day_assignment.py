"""The company picks the visit (the letter policy), and a visit that did not happen is
booked again rather than moved."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from klantreis.app.bootstrap import Container
from klantreis.core.case import CaseAction, CaseState
from klantreis.core.cases import act_on_case
from klantreis.core.common import Channel
from klantreis.core.errors import Unprocessable
from klantreis.core.time_window import ASSIGNED_WINDOW_LENGTH
from klantreis.planning.tracking import close_visit
from klantreis.scheduling.assignment import assign_half_day
from klantreis.scheduling.booking_service import WindowTaken, book_window
from klantreis.scheduling.offers import offer_windows
from tests.conftest import FixedClock
from tests.scheduling_world import NOW, add_case, planned_tuesday

AMS = ZoneInfo("Europe/Amsterdam")


def test_the_company_assigns_a_half_day_skipping_easter_monday(world: Container) -> None:
    case_id = add_case(world, "c-001")
    with world.uow_factory() as uow:
        booking = assign_half_day(uow, world.booking, case_id, date(2026, 4, 6))  # Easter Monday
        uow.commit()
    assert booking.day == date(2026, 4, 7)
    assert booking.window.duration == ASSIGNED_WINDOW_LENGTH
    assert booking.window.start.astimezone(AMS).strftime("%H:%M") in ("08:00", "12:30")
    with world.uow_factory(read_only=True) as uow:
        case = uow.cases.get(case_id)
        assert case is not None and case.state is CaseState.BOOKED
        assert uow.bookings.active_for_case(case_id) == booking


def test_an_afternoon_is_kept_to_and_a_second_assignment_moves_the_visit(world: Container) -> None:
    case_id = add_case(world, "c-002")
    with world.uow_factory() as uow:
        first = assign_half_day(uow, world.booking, case_id, date(2026, 4, 1), morning=False)
        moved = assign_half_day(uow, world.booking, case_id, date(2026, 4, 8), True, Channel.PHONE)
        uow.commit()
    assert first.window.start.astimezone(AMS).hour == 12
    assert moved.window.start.astimezone(AMS).hour == 8 and moved.day == date(2026, 4, 8)
    with world.uow_factory(read_only=True) as uow:
        case = uow.cases.get(case_id)
        assert case is not None
        assert [t.action for t in case.history][-2:] == [CaseAction.BOOK, CaseAction.RESCHEDULE]
        assert uow.bookings.active_for_case(case_id) == moved


def test_a_first_day_that_is_not_ahead_is_refused_and_nothing_is_booked(world: Container) -> None:
    case_id = add_case(world, "c-003")
    with world.uow_factory() as uow, pytest.raises(Unprocessable, match="not after today"):
        assign_half_day(uow, world.booking, case_id, NOW.date())
    with world.uow_factory(read_only=True) as uow:
        assert uow.bookings.active_for_case(case_id) is None


def test_nobody_able_to_take_any_half_day_is_told_and_the_case_waits(world: Container) -> None:
    case_id = add_case(world, "c-004")
    with world.uow_factory() as uow:
        case = uow.cases.get(case_id, for_update=True)
        assert case is not None
        case.required_skills = frozenset({"white_goods"})  # nobody here repairs those
        uow.cases.save(case, case.version)
        uow.commit()
    with world.uow_factory() as uow, pytest.raises(WindowTaken):
        assign_half_day(uow, world.booking, case_id, date(2026, 4, 1))
    with world.uow_factory(read_only=True) as uow:
        case = uow.cases.get(case_id)
        assert case is not None and case.state is CaseState.OPENED


def test_after_nobody_was_home_the_visit_is_booked_anew(world: Container) -> None:
    first, _second = planned_tuesday(world)
    clock = world.clock
    assert isinstance(clock, FixedClock)
    clock.current = datetime(2026, 3, 31, 8, 5, tzinfo=AMS)
    with world.uow_factory() as uow:
        act_on_case(uow, clock, first, CaseAction.DEPART)
        act_on_case(uow, clock, first, CaseAction.ARRIVE)
        close_visit(uow, clock, first, CaseAction.REPORT_NO_SHOW)
        uow.commit()
    clock.current += timedelta(hours=1)
    with world.uow_factory() as uow:
        assert uow.bookings.active_for_case(first) is None  # the missed visit is spent
        offers = offer_windows(
            uow, first, clock.now(), world.travel, world.holidays, world.offer_settings
        ).offers
        again = book_window(uow, world.booking, first, offers[0].window.start)
        uow.commit()
    with world.uow_factory(read_only=True) as uow:
        case = uow.cases.get(first)
        assert case is not None and case.state is CaseState.BOOKED
        assert case.history[-1].action is CaseAction.BOOK
        assert uow.bookings.active_for_case(first) == again

"""Flexible customers on both databases: they tick every window that suits them, the booking
holds the best, and until the cut-off the visit moves only between the windows they ticked,
with the customer told at once."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

import pytest

from klantreis.app.bootstrap import Container
from klantreis.core.case import CaseState
from klantreis.core.errors import Unprocessable
from klantreis.core.technician import Shift
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.planning.day_plan import DayPlanOutcome, plan_day
from klantreis.planning.model import Unplannable
from klantreis.planning.solvers.pyvrp_day import PlanCosts, plan_with_pyvrp
from klantreis.scheduling.booking_service import book_window
from klantreis.scheduling.flexible import (
    PastCutOff,
    book_windows,
    movable_until,
    move_to_ticked,
)
from klantreis.scheduling.invites import case_invite
from tests.scheduling_world import add_case

AMS = ZoneInfo("Europe/Amsterdam")
TUESDAY = date(2026, 3, 31)


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=AMS).astimezone(UTC)


def flexible_case(world: Container, case_id: str = "c-flex") -> str:
    return add_case(
        world,
        case_id,
        "3511 AB",
        consents=[{"purpose": "service", "channel": "email"}],
        channel_preferences=["email"],
    )


def plan(world: Container, day: date) -> DayPlanOutcome:
    solver = partial(
        plan_with_pyvrp,
        travel_minutes=world.travel.minutes,
        travel_km=world.travel.km,
        costs=PlanCosts.priced(45, 0.35),
        iterations=300,
    )
    with world.uow_factory() as uow:
        planned = plan_day(
            uow,
            world.clock,
            world.travel,
            lambda v, c, s, now: solver(v, c, seconds=s, current=now),
            day,
            0.5,
            messenger=world.messenger,
        )
        uow.commit()
    return planned


def only_afternoons_on_tuesday(world: Container) -> None:
    """Both boiler technicians now start at noon on Tuesdays (a course in the morning)."""
    with world.uow_factory() as uow:
        changed = []
        for tech_id in ("t-utrecht", "t-amsterdam"):
            technician = uow.technicians.get(tech_id)
            assert technician is not None
            shifts = [s for s in technician.shifts if s.weekday != TUESDAY.weekday()]
            shifts.append(Shift.parse("tue 12:00-17:00"))
            changed.append(replace(technician, shifts=shifts))
        uow.technicians.upsert_many([], changed)
        uow.commit()


def test_ticking_several_windows_books_the_best_of_them_and_remembers_them_all(
    world: Container,
) -> None:
    neighbour = add_case(world, "c-001", "3512 JE")
    with world.uow_factory() as uow:
        book_window(uow, world.booking, neighbour, at(TUESDAY, 12))
        uow.commit()
    flexible = flexible_case(world)
    ticks = [at(TUESDAY + timedelta(days=1), 16), at(TUESDAY, 14), at(TUESDAY, 16)]
    with world.uow_factory() as uow:
        booking = book_windows(uow, world.booking, flexible, ticks)
        uow.commit()
    # Tuesday 14:00 follows the neighbour's visit at next to no extra driving, and is sooner
    # than Tuesday 16:00 at the same cost.
    assert booking.window.start == at(TUESDAY, 14)
    with world.uow_factory() as uow:
        stored = uow.bookings.active_for_case(flexible)
    assert stored is not None and stored.flexible
    assert stored.ticked == tuple(sorted(ticks))


def test_a_ticked_window_that_was_never_offered_is_refused_by_name_and_nothing_is_booked(
    world: Container,
) -> None:
    flexible = flexible_case(world)
    good_friday = at(date(2026, 4, 3), 10)
    with world.uow_factory() as uow, pytest.raises(Unprocessable) as refused:
        book_windows(uow, world.booking, flexible, [at(TUESDAY, 10), good_friday])
    assert good_friday.isoformat() in refused.value.detail
    with world.uow_factory() as uow, pytest.raises(Unprocessable):
        book_windows(uow, world.booking, flexible, [])
    with world.uow_factory() as uow:
        assert uow.bookings.active_for_case(flexible) is None


def test_day_planning_moves_a_flexible_visit_to_another_ticked_window_and_tells_the_customer(
    world: Container,
) -> None:
    flexible = flexible_case(world)
    fixed = add_case(world, "c-002", "3512 JE")
    with world.uow_factory() as uow:
        first = book_windows(uow, world.booking, flexible, [at(TUESDAY, 8), at(TUESDAY, 14)])
        book_window(uow, world.booking, fixed, at(TUESDAY, 8))
        uow.commit()
    assert first.window.start == at(TUESDAY, 8)  # the soonest, both cost the same then
    only_afternoons_on_tuesday(world)
    planned = plan(world, TUESDAY)
    stops = {p.visit.case_id: p for r in planned.plan.routes.values() for p in r}
    # The flexible visit moves to the afternoon it ticked; the one with a single window
    # cannot be planned, and says so.
    assert flexible in stops and fixed not in stops
    assert [p.reason for p in planned.plan.problems if "c-002" in p.subject] == [
        Unplannable.NO_SHIFT_REACHES
    ]
    with world.uow_factory() as uow:
        moved = uow.bookings.active_for_case(flexible)
        assert moved is not None
        invite = case_invite(uow, world.clock.now(), flexible, "https://x.nl/b/t", "p@x.nl")
        told = [
            m
            for m in uow.outbox.list()
            if m.case_id == flexible and m.touchpoint is Touchpoint.RESCHEDULED
        ]
        state = uow.cases.get(flexible).state  # type: ignore[union-attr]
        row = uow.plans.arrival_of(moved.id)
    assert moved.window.start == at(TUESDAY, 14)
    assert (moved.sequence, moved.ics_uid, moved.ticked) == (1, first.ics_uid, first.ticked)
    assert planned.arrival(stops[flexible].arrival) >= at(TUESDAY, 14)
    assert "SEQUENCE:1" in invite.decode()
    assert len(told) == 1
    assert state is CaseState.PLANNED and row is not None


def test_after_the_cut_off_day_planning_no_longer_moves_a_flexible_visit(
    world: Container,
) -> None:
    flexible = flexible_case(world)
    with world.uow_factory() as uow:
        book_windows(uow, world.booking, flexible, [at(TUESDAY, 8), at(TUESDAY, 14)])
        uow.commit()
    only_afternoons_on_tuesday(world)
    world.clock.current = movable_until(TUESDAY)  # type: ignore[attr-defined]
    planned = plan(world, TUESDAY)
    assert planned.plan.planned == 0
    with world.uow_factory() as uow:
        booking = uow.bookings.active_for_case(flexible)
    assert booking is not None and booking.window.start == at(TUESDAY, 8)
    assert booking.sequence == 0


def test_a_planner_moves_a_flexible_visit_only_inside_its_ticks_and_before_the_cut_off(
    world: Container,
) -> None:
    flexible = flexible_case(world)
    with world.uow_factory() as uow:
        first = book_windows(uow, world.booking, flexible, [at(TUESDAY, 8), at(TUESDAY, 14)])
        uow.commit()
    with world.uow_factory() as uow, pytest.raises(Unprocessable) as outside:
        move_to_ticked(uow, world.booking, flexible, at(TUESDAY, 10))
    assert "not one of the windows the customer ticked" in outside.value.detail
    with world.uow_factory() as uow:
        moved = move_to_ticked(uow, world.booking, flexible, at(TUESDAY, 14))
        uow.commit()
    assert moved.window.start == at(TUESDAY, 14) and moved.sequence == first.sequence + 1
    world.clock.current = movable_until(TUESDAY) + timedelta(minutes=1)  # type: ignore[attr-defined]
    with world.uow_factory() as uow, pytest.raises(PastCutOff):
        move_to_ticked(uow, world.booking, flexible, at(TUESDAY, 8))
    with world.uow_factory() as uow:
        kept = uow.bookings.active_for_case(flexible)
    assert kept is not None and kept.window.start == at(TUESDAY, 14)


def test_the_cut_off_is_the_evening_two_days_before_also_across_the_clock_change() -> None:
    # Summer time starts on Sunday 29 March 2026: the cut-off for Tuesday is 18:00 local that
    # Sunday (16:00 UTC); for Monday 30 March it is Saturday 18:00 in winter time (17:00 UTC).
    assert movable_until(TUESDAY) == datetime(2026, 3, 29, 16, tzinfo=UTC)
    assert movable_until(date(2026, 3, 30)) == datetime(2026, 3, 28, 17, tzinfo=UTC)


def test_a_planners_pin_follows_the_visit_and_narrowing_to_one_window_drops_the_ticks(
    world: Container,
) -> None:
    flexible = flexible_case(world)
    with world.uow_factory() as uow:
        first = book_windows(uow, world.booking, flexible, [at(TUESDAY, 8), at(TUESDAY, 14)])
        uow.plans.pin(first.id, "t-utrecht")
        uow.commit()
    with world.uow_factory() as uow:
        moved = move_to_ticked(uow, world.booking, flexible, at(TUESDAY, 14))
        uow.commit()
        assert uow.plans.pins([moved.id]) == {moved.id: "t-utrecht"}
    with world.uow_factory() as uow:
        narrowed = book_window(uow, world.booking, flexible, at(TUESDAY, 14))
        uow.commit()
    assert narrowed.window.start == at(TUESDAY, 14) and not narrowed.flexible
    with world.uow_factory() as uow, pytest.raises(Unprocessable):
        move_to_ticked(uow, world.booking, flexible, at(TUESDAY, 8))

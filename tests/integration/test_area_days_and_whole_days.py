"""Steering on both databases: a customer's area days rank first and the short list spans
several days; a customer to whom the whole day suits is booked for the day and planned
inside it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

import pytest

from klantreis.app.bootstrap import Container
from klantreis.core.case import CaseState
from klantreis.core.errors import Unprocessable
from klantreis.messaging.outbox import Status
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.planning.day_plan import plan_day
from klantreis.planning.solvers.pyvrp_day import PlanCosts, plan_with_pyvrp
from klantreis.planning.tracking import announce_whole_day_visits
from klantreis.scheduling.area_days import AreaCalendar
from klantreis.scheduling.booking_service import (
    WindowTaken,
    book_whole_day,
    book_window,
    cancel_booking,
)
from klantreis.scheduling.offers import offer_windows
from tests.scheduling_world import add_case

AMS = ZoneInfo("Europe/Amsterdam")
MONDAY, TUESDAY, WEDNESDAY = date(2026, 3, 30), date(2026, 3, 31), date(2026, 4, 1)


def offering(world: Container, case_id: str, areas: AreaCalendar | None = None):  # type: ignore[no-untyped-def]
    with world.uow_factory() as uow:
        return offer_windows(
            uow,
            case_id,
            world.clock.now(),
            world.travel,
            world.holidays,
            world.offer_settings,
            areas=areas,
        )


def test_a_customers_area_days_rank_first_and_other_days_follow_at_a_premium(
    world: Container,
) -> None:
    case_id = add_case(world, "c-001", "3511 AB")
    areas = AreaCalendar({"3511": frozenset({TUESDAY.weekday()})})
    steered = offering(world, case_id, areas)
    tuesdays = [o for o in steered.offers if o.area_day]
    assert tuesdays and {o.day for o in tuesdays} == {TUESDAY}
    assert steered.offers[: len(tuesdays)] == tuesdays
    assert any(not o.area_day for o in steered.offers)  # other days still offered, later
    assert steered.by_area
    plain = offering(world, case_id)
    assert {(o.day, o.window) for o in plain.offers} == {(o.day, o.window) for o in steered.offers}


def test_every_case_gets_a_short_list_of_six_windows_over_at_least_three_days_on_a_busy_plan(
    world: Container,
) -> None:
    booked = 0
    for n in range(10):  # the Utrecht technician's Monday and Tuesday fill up
        day, hour = (MONDAY, TUESDAY)[n % 2], 8 + 2 * (n // 2 % 5)
        start = datetime(day.year, day.month, day.day, hour, tzinfo=AMS)
        with world.uow_factory() as uow:
            try:
                book_window(uow, world.booking, add_case(world, f"b-{n:03d}", "3512 JE"), start)
            except WindowTaken:
                continue  # that window is full already: the plan is busy
            uow.commit()
            booked += 1
    assert booked >= 8
    shown = offering(world, add_case(world, "c-100", "3511 AB")).recommended
    assert len(shown) == 6 and len({o.day for o in shown}) >= 3


def test_a_whole_day_booking_is_planned_inside_the_day_by_the_optimiser(world: Container) -> None:
    flexible = add_case(
        world,
        "c-001",
        "3511 AB",
        consents=[{"purpose": "service", "channel": "email"}],
        channel_preferences=["email"],
    )
    fixed = add_case(world, "c-002", "3512 JE")
    with world.uow_factory() as uow:
        whole = book_whole_day(uow, world.booking, flexible, TUESDAY)
        book_window(uow, world.booking, fixed, datetime(2026, 3, 31, 14, tzinfo=AMS))
        uow.commit()
    assert whole.whole_day and whole.window.duration >= timedelta(hours=8)
    solver = partial(
        plan_with_pyvrp,
        travel_minutes=world.travel.minutes,
        travel_km=world.travel.km,
        costs=PlanCosts.priced(45, 0.35),
        iterations=200,
    )
    with world.uow_factory() as uow:
        planned = plan_day(
            uow,
            world.clock,
            world.travel,
            lambda v, c, s, now: solver(v, c, seconds=s, current=now),
            TUESDAY,
            0.5,
        )
        told = announce_whole_day_visits(uow, world.clock, world.messenger, TUESDAY)
        again = announce_whole_day_visits(uow, world.clock, world.messenger, TUESDAY)
        uow.commit()
        state = uow.cases.get(flexible).state  # type: ignore[union-attr]
        notices = [m for m in uow.outbox.list() if m.touchpoint is Touchpoint.ON_THE_WAY]
    stops = {
        p.visit.case_id: planned.arrival(p.arrival) for r in planned.plan.routes.values() for p in r
    }
    assert whole.window.start <= stops[flexible] <= whole.window.end
    assert state is CaseState.PLANNED
    # Half an hour before the planned arrival the customer hears the technician is coming;
    # announcing the same plan twice sends one message, and only for the whole-day visit.
    assert (told, again) == (1, 1)
    assert [(m.case_id, m.send_after, m.last_error) for m in notices] == [
        (flexible, stops[flexible] - timedelta(minutes=30), "")
    ]
    # Cancelled after planning: the notice is withdrawn, nobody is told a technician comes.
    with world.uow_factory() as uow:
        cancel_booking(uow, world.booking, flexible, "customer")
        uow.commit()
        statuses = [m.status for m in uow.outbox.list() if m.touchpoint is Touchpoint.ON_THE_WAY]
    assert statuses == [Status.WITHDRAWN]


@pytest.mark.parametrize(
    ("day", "why"),
    [(date(2026, 3, 28), "not a day on offer"), (date(2026, 5, 4), "not a day on offer")],
)
def test_a_whole_day_that_is_not_on_offer_is_refused_and_nothing_is_booked(
    world: Container, day: date, why: str
) -> None:
    case_id = add_case(world, "c-001", "3511 AB")
    with world.uow_factory() as uow, pytest.raises(Unprocessable) as refused:
        book_whole_day(uow, world.booking, case_id, day)
    assert why in refused.value.detail
    with world.uow_factory() as uow:
        assert uow.bookings.active_for_case(case_id) is None

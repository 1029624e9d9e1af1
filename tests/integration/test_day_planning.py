"""Planning a day with PyVRP: windows kept, skills respected, the unplannable named."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from klantreis.app.bootstrap import Container
from klantreis.core.case import CaseAction, CaseOrigin, CaseState
from klantreis.core.cases import act_on_case, open_case
from klantreis.core.records import CaseRecord, TechnicianRecord
from klantreis.core.technicians import register_technician
from klantreis.core.time_window import TimeWindow
from klantreis.planning.day_plan import plan_day
from klantreis.planning.model import Unplannable
from klantreis.planning.solvers.pyvrp_day import plan_with_pyvrp
from klantreis.scheduling.booking import Booking
from klantreis.scheduling.booking_service import book_window, cancel_booking
from tests.scheduling_world import NOW, add_case

AMS = ZoneInfo("Europe/Amsterdam")
TUESDAY = date(2026, 3, 31)


def local(hour: int) -> datetime:
    return datetime(2026, 3, 31, hour, tzinfo=AMS).astimezone(UTC)


def book_all(world: Container, postcodes: list[str], hours: tuple[int, ...]) -> None:
    for n, (postcode, hour) in enumerate(zip(postcodes, hours, strict=True)):
        case_id = add_case(world, f"c-{n:03d}", postcode)
        with world.uow_factory() as uow:
            book_window(uow, world.booking, case_id, local(hour))
            uow.commit()


def plan(world: Container, keep: bool = False, seconds: float = 0.5):  # type: ignore[no-untyped-def]
    solver = partial(
        plan_with_pyvrp, travel_minutes=world.travel.minutes, travel_km=world.travel.km
    )
    with world.uow_factory() as uow:
        planned = plan_day(
            uow,
            world.clock,
            world.travel,
            lambda v, c, s, now: solver(v, c, seconds=s, current=now),
            TUESDAY,
            seconds,
            keep,
        )
        uow.commit()
    return planned


def slip_in(world: Container, case_id: str, start: datetime, skills: list[str]) -> None:
    """A booking that bypassed the slot engine (an import from a legacy planner)."""
    with world.uow_factory() as uow:
        customer = uow.customers.get(f"k-{case_id}")
        assert customer is not None and customer.address.location is not None
        open_case(
            uow,
            world.clock,
            CaseRecord(
                customer_id=customer.id, required_skills=skills, origin=CaseOrigin.CUSTOMER_REQUEST
            ),
            f"{case_id}b",
        )
        uow.bookings.add(
            Booking(
                f"b-{case_id}",
                f"{case_id}b",
                "t-utrecht",
                TUESDAY,
                TimeWindow(start, start + timedelta(hours=2)),
                60,
                customer.address.location,
                NOW,
                f"{case_id}@x",
            )
        )
        act_on_case(uow, world.clock, f"{case_id}b", CaseAction.BOOK)
        uow.commit()


def test_a_day_is_planned_within_every_window_and_the_rest_is_named(world: Container) -> None:
    book_all(
        world,
        ["3511 AB", "3512 JE", "3581 AB", "3552 AA", "1012 JS", "1071 AB"],
        (8, 10, 12, 14, 8, 10),
    )
    add_case(world, "c-skill", "3511 AB")
    slip_in(world, "c-skill", local(10), ["gas_safe"])
    add_case(world, "c-early", "9711 AB")  # Groningen at 06:00: nobody's shift reaches it
    slip_in(world, "c-early", local(6), ["boiler"])
    with world.uow_factory() as uow:
        register_technician(
            uow,
            TechnicianRecord(
                name="Zonder Rooster", latitude=52.1, longitude=5.1, skills=["boiler"]
            ),
            "t-none",
        )
        uow.commit()

    planned = plan(world, seconds=1.0)

    assert planned.plan.planned == 6
    for tech_id, route in planned.plan.routes.items():
        assert tech_id in {"t-utrecht", "t-amsterdam"}  # never the heat-pump technician
        assert [p.position for p in route] == list(range(len(route)))
        for stop in route:
            assert stop.visit.earliest <= stop.arrival <= stop.visit.latest
    reasons = {(p.subject.split(" (")[0], p.reason) for p in planned.plan.problems}
    assert ("Zonder Rooster", Unplannable.NO_SHIFT) in reasons
    assert any(
        p.reason is Unplannable.NO_SKILL and p.detail == "gas_safe" for p in planned.plan.problems
    )
    assert any(r is Unplannable.NO_SHIFT_REACHES for _, r in reasons)
    assert len(planned.plan.problems) == 3
    with world.uow_factory() as uow:
        stored = uow.plans.for_day(TUESDAY)
        states = {uow.cases.get(f"c-{n:03d}").state for n in range(6)}  # type: ignore[union-attr]
    assert len(stored) == 6 and states == {CaseState.PLANNED}


def assignments(planned) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        p.visit.booking_id: p.technician_id for route in planned.plan.routes.values() for p in route
    }


def test_replanning_after_a_cancellation_keeps_every_window_and_moves_nobody(
    world: Container,
) -> None:
    book_all(world, ["3511 AB", "3512 JE", "3581 AB", "1012 JS", "1071 AB"], (8, 10, 12, 8, 10))
    before = assignments(plan(world))
    with world.uow_factory() as uow:
        cancel_booking(uow, world.booking, "c-001")
        uow.commit()
    again = plan(world, keep=True)
    after = assignments(again)
    assert again.moved == 0 and len(after) == 4
    assert all(before[b] == t for b, t in after.items())
    for route in again.plan.routes.values():
        for stop in route:
            assert stop.visit.earliest <= stop.arrival <= stop.visit.latest


def test_a_technician_off_sick_hands_over_only_their_own_visits(world: Container) -> None:
    book_all(world, ["3511 AB", "3512 JE", "1012 JS", "1071 AB"], (8, 12, 8, 12))
    amsterdam = {b for b, t in assignments(plan(world, keep=True)).items() if t == "t-amsterdam"}
    with world.uow_factory() as uow:
        sick = uow.technicians.get("t-amsterdam")
        assert sick is not None
        sick.active = False
        uow.technicians.upsert_many([], [sick])
        uow.commit()
    again = plan(world, keep=True)
    assert amsterdam and again.moved == len(amsterdam) and again.plan.planned == 4
    assert set(again.plan.routes) <= {"t-utrecht"}


def test_a_visit_pinned_by_the_planner_stays_with_that_technician(world: Container) -> None:
    book_all(world, ["3511 AB", "3512 JE"], (8, 12))
    with world.uow_factory() as uow:
        near, other = sorted(
            uow.bookings.active_between(TUESDAY, TUESDAY), key=lambda b: b.window.start
        )
        uow.plans.pin(near.id, "t-amsterdam")  # far away, but the planner knows best
        uow.plans.pin(other.id, "t-zwolle")  # cannot do boilers: must be reported, not placed
        uow.commit()
    planned = plan(world)
    assert assignments(planned) == {near.id: "t-amsterdam"}
    (problem,) = planned.plan.problems
    assert problem.reason is Unplannable.PINNED_UNAVAILABLE and problem.detail == "t-zwolle"


def test_a_visit_running_late_pushes_the_rest_of_the_day_but_keeps_every_window(
    world: Container,
) -> None:
    book_all(world, ["3511 AB", "3512 JE", "3581 AB"], (8, 10, 12))
    first_plan = assignments(plan(world))
    first = "c-000"
    world.clock.current = local(8) + timedelta(minutes=5)  # type: ignore[attr-defined]
    with world.uow_factory() as uow:
        for action in (CaseAction.DEPART, CaseAction.ARRIVE):
            act_on_case(uow, world.clock, first, action)
        uow.commit()
    world.clock.current = local(9) + timedelta(minutes=45)  # type: ignore[attr-defined]
    again = plan(world, keep=True)  # the 60-minute visit has run 40 minutes over
    late_tech = first_plan[_booking_of(world, first)]
    route = again.plan.routes[late_tech]
    assert [p.visit.case_id for p in route][0] != first  # the visit in progress is not re-planned
    for stop in route:
        assert stop.visit.earliest <= stop.arrival <= stop.visit.latest
        assert again.arrival(stop.arrival) >= local(10)  # nobody is reached before 10:00 now
    assert again.moved == 0


def _booking_of(world: Container, case_id: str) -> str:
    with world.uow_factory() as uow:
        booking = uow.bookings.active_for_case(case_id)
    assert booking is not None
    return booking.id

"""Self-scheduling on both databases: offers, rules, bookings, invites, concurrency."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from klantreis.app.bootstrap import Container
from klantreis.core.case import CaseState
from klantreis.core.common import Language
from klantreis.core.errors import Unprocessable
from klantreis.core.i18n import window_label
from klantreis.scheduling.availability import DayRule, RuleKind
from klantreis.scheduling.booking_service import WindowTaken, book_window, cancel_booking
from klantreis.scheduling.days import technician_route
from klantreis.scheduling.invites import invite
from klantreis.scheduling.offers import offer_windows
from klantreis.scheduling.routes import schedule
from tests.scheduling_world import NOW, add_case, add_technician

AMS = ZoneInfo("Europe/Amsterdam")


def offers_for(world: Container, case_id: str):  # type: ignore[no-untyped-def]
    with world.uow_factory() as uow:
        return offer_windows(
            uow, case_id, world.clock.now(), world.travel, world.holidays, world.offer_settings
        ).offers


def book(world: Container, case_id: str, start: datetime):  # type: ignore[no-untyped-def]
    with world.uow_factory() as uow:
        booking = book_window(uow, world.booking, case_id, start)
        uow.commit()
    return booking


def local(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=AMS).astimezone(UTC)


def test_windows_follow_the_local_clock_across_the_daylight_saving_switch(world: Container) -> None:
    offers = offers_for(world, add_case(world, "c-001"))
    starts = {o.window.start for o in offers}
    assert local(date(2026, 3, 27), 8) == datetime(2026, 3, 27, 7, tzinfo=UTC)  # CET
    assert local(date(2026, 3, 30), 8) == datetime(2026, 3, 30, 6, tzinfo=UTC)  # CEST
    assert {local(date(2026, 3, 27), 8), local(date(2026, 3, 30), 8)} <= starts
    for offer in offers:
        assert offer.window.start.astimezone(AMS).hour in (8, 10, 12, 14, 16)
        assert offer.window.end - offer.window.start == timedelta(hours=2)
    monday = next(o for o in offers if o.window.start == local(date(2026, 3, 30), 8))
    assert window_label(monday.window, Language.NL) == "maandag 30 maart, 08:00\u201310:00"
    assert window_label(monday.window, Language.EN) == "Monday 30 March, 08:00\u201310:00"


def test_weekends_and_public_holidays_are_never_offered(world: Container) -> None:
    days = {o.day for o in offers_for(world, add_case(world, "c-001"))}
    assert date(2026, 3, 28) not in days and date(2026, 3, 29) not in days  # no shifts
    assert date(2026, 4, 3) not in days  # Goede Vrijdag
    assert {date(2026, 3, 27), date(2026, 3, 30), date(2026, 4, 2)} <= days


def test_a_window_beside_a_booked_visit_ranks_first_and_is_marked_efficient(
    world: Container,
) -> None:
    tuesday_ten = local(date(2026, 3, 31), 10)
    book(world, add_case(world, "c-001", "3511 AB"), tuesday_ten)
    neighbour = offers_for(world, add_case(world, "c-002", "3512 JE"))
    best = min(neighbour, key=lambda o: o.added_minutes)
    assert best.day == date(2026, 3, 31) and best.eco and best.technician_id == "t-utrecht"
    assert best.added_minutes < min(o.added_minutes for o in neighbour if o.day != best.day)
    # Efficient windows first, the soonest of them first: sooner is what the customer wants.
    efficient = [o for o in neighbour if o.eco]
    assert neighbour[: len(efficient)] == sorted(efficient, key=lambda o: o.window.start)
    far = offers_for(world, add_case(world, "c-003", "1012 JS"))
    assert not any(o.eco and o.technician_id == "t-utrecht" for o in far)


def test_a_technician_without_the_skill_is_never_offered(world: Container) -> None:
    offers = offers_for(world, add_case(world, "c-001", "8011 AB"))  # Zwolle: heat pump only
    assert offers and {o.technician_id for o in offers} <= {"t-utrecht", "t-amsterdam"}


def test_a_closed_region_has_no_windows_that_day_and_an_opened_region_has_the_day_to_itself(
    world: Container,
) -> None:
    with world.uow_factory() as uow:
        uow.day_rules.add(DayRule("r1", date(2026, 3, 30), RuleKind.CLOSE, frozenset({"35"})))
        uow.day_rules.add(DayRule("r2", date(2026, 3, 31), RuleKind.OPEN, frozenset({"35"})))
        uow.commit()
    utrecht_days = {o.day for o in offers_for(world, add_case(world, "c-001", "3511 AB"))}
    amsterdam_days = {o.day for o in offers_for(world, add_case(world, "c-002", "1012 JS"))}
    assert date(2026, 3, 30) not in utrecht_days and date(2026, 3, 30) in amsterdam_days
    assert date(2026, 3, 31) in utrecht_days and date(2026, 3, 31) not in amsterdam_days


def test_booking_moves_the_case_and_records_the_step(world: Container) -> None:
    case_id = add_case(world, "c-001")
    offer = offers_for(world, case_id)[0]
    booking = book(world, case_id, offer.window.start)
    with world.uow_factory() as uow:
        case = uow.cases.get(case_id)
        events = uow.events.list(0, 10, case_id=case_id)
    assert case is not None and case.state is CaseState.BOOKED
    assert booking.window == offer.window and booking.technician_id == offer.technician_id
    assert events[-1].touchpoint == "case_book"
    assert events[-1].properties["window_start"] == offer.window.start.isoformat()


def test_a_window_that_was_not_offered_is_refused(world: Container) -> None:
    case_id = add_case(world, "c-001")
    for start in (
        local(date(2026, 3, 31), 9),  # off the grid
        local(date(2026, 3, 28), 10),  # Saturday: nobody works
        local(date(2026, 4, 3), 10),  # Good Friday
        local(date(2026, 5, 5), 10),
    ):  # beyond the horizon
        with world.uow_factory() as uow, pytest.raises((Unprocessable, WindowTaken)):
            book_window(uow, world.booking, case_id, start)


def test_rescheduling_keeps_the_invite_uid_and_raises_its_sequence_and_cancelling_sends_cancel(
    world: Container,
) -> None:
    case_id = add_case(world, "c-001")
    first = book(world, case_id, local(date(2026, 3, 31), 10))
    moved = book(world, case_id, local(date(2026, 4, 1), 14))
    assert moved.ics_uid == first.ics_uid and moved.sequence == first.sequence + 1
    with world.uow_factory() as uow:
        cancelled = cancel_booking(uow, world.booking, case_id)
        uow.commit()
        customer = uow.customers.get("k-c-001")
        case = uow.cases.get(case_id)
    assert customer is not None and case is not None and case.state is CaseState.CANCELLED
    request = Calendar.from_ical(
        invite(moved, customer, NOW, "https://x/b/t", "p@x.nl", ("14:00", "16:00"))
    )
    cancel = Calendar.from_ical(
        invite(cancelled, customer, NOW, "https://x/b/t", "p@x.nl", ("14:00", "16:00"), cancel=True)
    )
    (req_event,) = request.walk("VEVENT")
    (cancel_event,) = cancel.walk("VEVENT")
    assert request["METHOD"] == "REQUEST" and cancel["METHOD"] == "CANCEL"
    assert req_event["UID"] == cancel_event["UID"] == first.ics_uid
    assert int(cancel_event["SEQUENCE"]) > int(req_event["SEQUENCE"]) == 1
    assert req_event.decoded("DTSTART") == local(date(2026, 4, 1), 14)
    assert str(cancel_event["STATUS"]) == "CANCELLED"


def test_a_full_day_refuses_the_next_booking(world: Container) -> None:
    """Two long jobs fill a 9-hour day; with both technicians full, a fifth finds no place."""
    wednesday = date(2026, 4, 1)
    placed = [
        book(world, add_case(world, f"c-00{n}", minutes=200), local(wednesday, hour))
        for n, hour in enumerate((8, 12, 8, 12), start=1)
    ]
    assert sorted(b.technician_id for b in placed) == ["t-amsterdam"] * 2 + ["t-utrecht"] * 2
    fifth = add_case(world, "c-005", minutes=200)
    with world.uow_factory() as uow, pytest.raises(WindowTaken):
        book_window(uow, world.booking, fifth, local(wednesday, 10))
    assert wednesday not in {o.day for o in offers_for(world, fifth)}


def test_fifty_concurrent_bookings_never_overbook_a_technician(world: Container) -> None:
    """Everyone wants Tuesday 10-12 from the only nearby technician: the day stays feasible."""
    add_technician(world, "t-extra", 52.09, 5.12)  # a second technician to race for
    cases = [add_case(world, f"c-{n:03d}", minutes=45) for n in range(50)]
    window = local(date(2026, 3, 31), 10)
    won: list[str] = []
    lost: list[str] = []
    barrier = threading.Barrier(len(cases))

    def attempt(case_id: str) -> None:
        barrier.wait()
        try:
            book(world, case_id, window)
            won.append(case_id)
        except WindowTaken:
            lost.append(case_id)

    threads = [threading.Thread(target=attempt, args=(c,)) for c in cases]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(won) + len(lost) == 50 and 2 <= len(won) < 50
    with world.uow_factory() as uow:
        for tech_id in ("t-utrecht", "t-amsterdam", "t-extra"):
            bookings = uow.bookings.active_on(tech_id, date(2026, 3, 31))
            technician = uow.technicians.get(tech_id)
            assert technician is not None
            route = technician_route(technician, date(2026, 3, 31), bookings)
            assert route is not None and schedule(route, world.travel.minutes) is not None
        booked = uow.bookings.active_between(date(2026, 3, 31), date(2026, 3, 31))
        assert sorted(b.case_id for b in booked) == sorted(won)


def test_the_plan_cache_follows_bookings_and_cancellations(world: Container) -> None:
    """Offers from the in-memory plan equal offers read fresh, after every kind of change."""

    def both(case_id: str) -> tuple[list[object], list[object]]:
        with world.uow_factory() as uow:
            cached = offer_windows(
                uow,
                case_id,
                NOW,
                world.travel,
                world.holidays,
                world.offer_settings,
                world.plan_cache,
            ).offers
            fresh = offer_windows(
                uow, case_id, NOW, world.travel, world.holidays, world.offer_settings
            ).offers
        return cached, fresh

    probe = add_case(world, "c-999", "3512 JE")
    cached, fresh = both(probe)
    assert cached == fresh
    first = add_case(world, "c-001", "3511 AB")
    book(world, first, local(date(2026, 3, 31), 10))
    second = add_case(world, "c-002", "3581 AB")
    book(world, second, local(date(2026, 3, 31), 12))
    cached, fresh = both(probe)
    assert cached == fresh
    assert min(cached, key=lambda o: o.added_minutes).day == date(2026, 3, 31)  # type: ignore[attr-defined]
    with world.uow_factory() as uow:
        cancel_booking(uow, world.booking, first)
        cancel_booking(uow, world.booking, second)
        uow.commit()
    assert both(probe)[0] == both(probe)[1]
    assert both(probe)[0][0].day != date(2026, 3, 31) or not both(probe)[0][0].eco


def test_bookings_loaded_in_bulk_can_still_be_cancelled_and_counted(world: Container) -> None:
    """A day whose capacity row does not exist yet starts from the visits already booked."""
    from klantreis.core.time_window import TimeWindow
    from klantreis.scheduling.booking import Booking

    case_id = add_case(world, "c-001")
    start = local(date(2026, 3, 31), 10)
    with world.uow_factory() as uow:
        uow.bookings.add(
            Booking(
                "b-bulk",
                case_id,
                "t-utrecht",
                date(2026, 3, 31),
                TimeWindow(start, start + timedelta(hours=2)),
                60,
                world.gazetteer.place("3511").centroid,  # type: ignore[union-attr]
                NOW,
                "uid@bulk",
            )
        )
        uow.commit()
    with world.uow_factory() as uow:
        assert uow.bookings.lock_day("t-utrecht", date(2026, 3, 31), 540) == 60
        uow.rollback()

"""Book for me, on both databases: a customer who linked their calendar and gave standing
permission gets the best window their calendar leaves free, told in one message instead of
an invitation; without a calendar nothing is booked for them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from klantreis.app.bootstrap import Container
from klantreis.core.case import CaseState
from klantreis.core.common import Channel
from klantreis.core.customer import Purpose, Salutation
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.time_window import TimeWindow
from klantreis.messaging.notices import invite_to_book
from klantreis.messaging.outbox import Status
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.preferences.service import PreferencesRecord, update_preferences
from klantreis.scheduling.book_for_me import book_where_permitted
from klantreis.scheduling.ports import CalendarLink
from tests.scheduling_world import add_case

AMS = ZoneInfo("Europe/Amsterdam")


def invited_case(world: Container, case_id: str) -> str:
    add_case(
        world,
        case_id,
        "3511 AB",
        consents=[{"purpose": "service", "channel": "email"}],
        channel_preferences=["email"],
    )
    with world.uow_factory() as uow:
        case = uow.cases.get(case_id)
        assert case is not None
        assert invite_to_book(uow, world.clock, world.messenger, case)
        uow.commit()
    return case_id


def link_calendar(world: Container, customer_id: str, busy: list[TimeWindow]) -> None:
    with world.uow_factory() as uow:
        uow.calendar_links.put(
            CalendarLink(customer_id, "ics_url", "https://x.nl/c", "", "", busy, world.clock.now())
        )
        uow.commit()


def allow(world: Container, customer_id: str) -> None:
    with world.uow_factory() as uow:
        customer = uow.customers.get(customer_id)
        assert customer is not None
        record = PreferencesRecord(
            salutation=customer.salutation,
            surname=customer.surname,
            language=customer.language,
            email=customer.email,
            channel_preferences=customer.channel_preferences,
            consents={Purpose.SERVICE: [Channel.EMAIL]},
            books_for_me=True,
        )
        update_preferences(uow, world.clock, customer_id, record)
        uow.commit()


def messages(world: Container, case_id: str) -> dict[Touchpoint, Status]:
    with world.uow_factory() as uow:
        return {m.touchpoint: m.status for m in uow.outbox.list() if m.case_id == case_id}


def test_the_best_window_the_calendar_leaves_free_is_booked_and_the_customer_told(
    world: Container,
) -> None:
    case_id = invited_case(world, "c-001")
    # Busy every working hour of the first four days on offer: Friday to Monday.
    first = datetime(2026, 3, 27, 7, tzinfo=AMS)
    busy = [
        TimeWindow(first + timedelta(days=d), first + timedelta(days=d, hours=12)) for d in range(4)
    ]
    link_calendar(world, "k-c-001", busy)
    allow(world, "k-c-001")
    assert book_where_permitted(world.uow_factory, world.booking) == 1
    with world.uow_factory() as uow:
        booking = uow.bookings.active_for_case(case_id)
        state = uow.cases.get(case_id).state  # type: ignore[union-attr]
    assert booking is not None and state is CaseState.BOOKED
    assert booking.window.start >= datetime(2026, 3, 31, 0, tzinfo=AMS)
    assert not any(booking.window.overlaps(b) for b in busy)
    told = messages(world, case_id)
    assert told[Touchpoint.INVITATION] is Status.WITHDRAWN
    assert told[Touchpoint.BOOKED_FOR_YOU] is Status.PENDING
    assert Touchpoint.CONFIRMATION not in told
    # A second pass books nothing more: the case is no longer waiting.
    assert book_where_permitted(world.uow_factory, world.booking) == 0


def test_without_a_linked_calendar_the_permission_is_refused_and_nothing_is_booked(
    world: Container,
) -> None:
    case_id = invited_case(world, "c-001")
    with pytest.raises(InvalidValue) as refused:
        allow(world, "k-c-001")
    assert refused.value.field == "books_for_me"
    with world.uow_factory() as uow:  # set behind the page's back, then the calendar unlinked
        uow.customers.set_books_for_me("k-c-001", True)
        uow.commit()
    assert book_where_permitted(world.uow_factory, world.booking) == 0
    assert messages(world, case_id) == {Touchpoint.INVITATION: Status.PENDING}


def test_a_calendar_busy_all_the_time_leaves_the_invitation_standing(world: Container) -> None:
    case_id = invited_case(world, "c-001")
    always = TimeWindow(datetime(2026, 3, 26, tzinfo=UTC), datetime(2026, 5, 1, tzinfo=UTC))
    link_calendar(world, "k-c-001", [always])
    allow(world, "k-c-001")
    assert book_where_permitted(world.uow_factory, world.booking) == 0
    assert messages(world, case_id) == {Touchpoint.INVITATION: Status.PENDING}


def test_an_import_from_the_firms_records_keeps_the_customers_permission(
    world: Container,
) -> None:
    invited_case(world, "c-001")
    link_calendar(world, "k-c-001", [])
    allow(world, "k-c-001")
    with world.uow_factory() as uow:
        customer = uow.customers.get("k-c-001")
        assert customer is not None and customer.books_for_me
        from dataclasses import replace

        uow.customers.upsert_many(
            [], [replace(customer, books_for_me=False, salutation=Salutation.NEUTRAL)]
        )
        uow.commit()
        kept = uow.customers.get("k-c-001")
    assert kept is not None and kept.books_for_me

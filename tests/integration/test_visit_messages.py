"""Every change to a visit is announced from the same transaction: confirmation and reminder,
rescheduled (the old reminder withdrawn), cancelled; and nothing without the change."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from klantreis.app.bootstrap import Container
from klantreis.core.errors import ServiceError
from klantreis.messaging.outbox import Status
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.scheduling.booking_service import book_window, cancel_booking
from tests.scheduling_world import add_case

AMS = ZoneInfo("Europe/Amsterdam")
CONSENTS = [{"purpose": "service", "channel": "email"}]


def local(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=AMS).astimezone(UTC)


def messages(world: Container) -> list[tuple[Touchpoint, Status]]:
    with world.uow_factory(read_only=True) as uow:
        return [(m.touchpoint, m.status) for m in uow.outbox.list()]


def test_booking_moving_and_cancelling_each_tell_the_customer(world: Container) -> None:
    case_id = add_case(world, "c-001", consents=CONSENTS, channel_preferences=["email"])
    with world.uow_factory() as uow:
        book_window(uow, world.booking, case_id, local(date(2026, 3, 31), 10))
        uow.commit()
    assert messages(world) == [
        (Touchpoint.CONFIRMATION, Status.PENDING),
        (Touchpoint.REMINDER, Status.PENDING),
    ]
    with world.uow_factory(read_only=True) as uow:
        confirmation, reminder = uow.outbox.list()
    assert confirmation.subject == "Afspraak bevestigd: dinsdag 31 maart, 10:00-12:00"
    assert confirmation.text.startswith("Geachte heer Van der Berg,")
    # the evening before, 18:00 local (summer time since Sunday): 16:00 UTC
    assert reminder.send_after == datetime(2026, 3, 30, 16, 0, tzinfo=UTC)

    with world.uow_factory() as uow:
        book_window(uow, world.booking, case_id, local(date(2026, 4, 1), 14))
        uow.commit()
    with world.uow_factory() as uow:
        cancel_booking(uow, world.booking, case_id, "customer asked")
        uow.commit()
    assert messages(world) == [
        (Touchpoint.CONFIRMATION, Status.PENDING),
        (Touchpoint.REMINDER, Status.WITHDRAWN),
        (Touchpoint.RESCHEDULED, Status.PENDING),
        (Touchpoint.REMINDER, Status.WITHDRAWN),
        (Touchpoint.CANCELLED, Status.PENDING),
    ]
    with world.uow_factory(read_only=True) as uow:
        rescheduled = uow.outbox.list()[2]
    assert "dinsdag 31 maart om 10:00 is verzet" in rescheduled.text
    assert "woensdag 1 april tussen 14:00 en 16:00" in rescheduled.text


def test_a_refused_booking_leaves_no_message_behind(world: Container) -> None:
    case_id = add_case(world, "c-002", consents=CONSENTS, channel_preferences=["email"])
    with world.uow_factory() as uow, pytest.raises(ServiceError):
        book_window(uow, world.booking, case_id, local(date(2026, 3, 29), 10))  # a Sunday
    assert messages(world) == []

"""What a booking tells its customer, and when: rules of scheduling's notices and the
outbox, without a database (in-memory unit of work, the packaged templates)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from klantreis.core.case import CaseOrigin
from klantreis.core.cases import open_case
from klantreis.core.common import Channel, GeoPoint
from klantreis.core.customer import Customer, Purpose
from klantreis.core.customers import register_customer
from klantreis.core.postcodes import Pc4Gazetteer
from klantreis.core.records import CaseRecord, ConsentRecord, CustomerRecord
from klantreis.core.time_window import TimeWindow
from klantreis.messaging.catalog import TemplateCatalog
from klantreis.messaging.moment import SendingCalendar
from klantreis.messaging.outbox import Status
from klantreis.messaging.outbox_service import Messenger, enqueue
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.messaging.values import message_values
from klantreis.scheduling.booking import Booking
from klantreis.scheduling.notices import booking_cancelled, booking_changed
from tests.conftest import FixedClock
from tests.fakes import FakeUnitOfWork

MESSENGER = Messenger(TemplateCatalog.packaged(), SendingCalendar(), lambda case: f"/b/{case}")
# The Friday before the clocks go forward (Sunday 29 March 2026).
CLOCK = FixedClock(datetime(2026, 3, 27, 9, 0, tzinfo=UTC))


def _world(**customer: object) -> tuple[FakeUnitOfWork, str]:
    uow = FakeUnitOfWork()
    fields: dict[str, object] = {
        "surname": "Vos",
        "street": "Kerkstraat",
        "house_number": "1",
        "postcode": "3511 AB",
        "email": "vos@example.nl",
        "phone": "+31612345678",
        "channel_preferences": [Channel.EMAIL, Channel.SMS],
        "consents": [
            ConsentRecord(purpose=Purpose.SERVICE, channel=Channel.EMAIL),
            ConsentRecord(purpose=Purpose.SERVICE, channel=Channel.SMS),
        ],
    } | customer
    register_customer(uow, Pc4Gazetteer.packaged(), CustomerRecord(**fields), "k1")
    case = open_case(
        uow, CLOCK, CaseRecord(customer_id="k1", origin=CaseOrigin.FAULT_REPORTED), "case-1"
    )
    return uow, case.id


def _booking(start: datetime, booking_id: str = "b1") -> Booking:
    return Booking(
        id=booking_id,
        case_id="case-1",
        technician_id="t1",
        day=start.date(),
        window=TimeWindow(start, start + timedelta(hours=2)),
        service_minutes=45,
        location=GeoPoint(52.09, 5.12),
        created_at=CLOCK.now(),
        ics_uid="uid-1",
    )


def _invitation(customer: Customer) -> dict[str, str]:
    return message_values(
        customer, customer.language, "/b/case-1", reason="uw cv-ketel", deadline=""
    )


def _pending(uow: FakeUnitOfWork) -> dict[Touchpoint, datetime]:
    return {m.touchpoint: m.send_after for m in uow.outbox.list(Status.PENDING)}


def test_a_booking_is_confirmed_now_and_reminded_at_six_the_evening_before_across_dst() -> None:
    uow, case_id = _world()
    customer, case = uow.customers.get("k1"), uow.cases.get(case_id)
    assert customer is not None and case is not None
    monday_ten = datetime(2026, 3, 30, 8, 0, tzinfo=UTC)  # 10:00 summer time
    booking_changed(uow, CLOCK, MESSENGER, case, customer, _booking(monday_ten), None)
    pending = _pending(uow)
    assert pending[Touchpoint.CONFIRMATION] == CLOCK.now()
    # Sunday 29 March, 18:00 in Amsterdam: the first evening of summer time (UTC+2).
    assert pending[Touchpoint.REMINDER] == datetime(2026, 3, 29, 16, 0, tzinfo=UTC)


def test_moving_a_visit_withdraws_the_old_reminder_and_says_where_it_moved_from() -> None:
    uow, case_id = _world()
    customer, case = uow.customers.get("k1"), uow.cases.get(case_id)
    assert customer is not None and case is not None
    first = _booking(datetime(2026, 3, 30, 8, 0, tzinfo=UTC))
    moved = _booking(datetime(2026, 4, 1, 12, 0, tzinfo=UTC), "b2")
    booking_changed(uow, CLOCK, MESSENGER, case, customer, first, None)
    booking_changed(uow, CLOCK, MESSENGER, case, customer, moved, first)
    reminders = [m for m in uow.outbox.rows.values() if m.touchpoint is Touchpoint.REMINDER]
    assert sorted(m.status for m in reminders) == sorted([Status.WITHDRAWN, Status.PENDING])
    (rescheduled,) = [m for m in uow.outbox.rows.values() if m.touchpoint is Touchpoint.RESCHEDULED]
    assert rescheduled.values["old_date"] and rescheduled.values["old_start"] == "10:00"


def test_a_visit_booked_for_the_next_morning_gets_no_reminder_in_the_past() -> None:
    uow, case_id = _world()
    customer, case = uow.customers.get("k1"), uow.cases.get(case_id)
    assert customer is not None and case is not None
    tomorrow = datetime(2026, 3, 28, 7, 0, tzinfo=UTC)
    late_clock = FixedClock(datetime(2026, 3, 27, 19, 0, tzinfo=UTC))  # after 18:00 tonight
    booking_changed(uow, late_clock, MESSENGER, case, customer, _booking(tomorrow), None)
    assert set(_pending(uow)) == {Touchpoint.CONFIRMATION}


def test_cancelling_withdraws_what_was_waiting_and_says_so_once() -> None:
    uow, case_id = _world()
    customer, case = uow.customers.get("k1"), uow.cases.get(case_id)
    assert customer is not None and case is not None
    booking = _booking(datetime(2026, 3, 30, 8, 0, tzinfo=UTC))
    booking_changed(uow, CLOCK, MESSENGER, case, customer, booking, None)
    booking_cancelled(uow, CLOCK, MESSENGER, case, customer, booking)
    booking_cancelled(uow, CLOCK, MESSENGER, case, customer, booking)  # a second click
    by_touchpoint = {m.touchpoint: m.status for m in uow.outbox.rows.values()}
    assert by_touchpoint[Touchpoint.REMINDER] is Status.WITHDRAWN
    cancelled = [m for m in uow.outbox.rows.values() if m.touchpoint is Touchpoint.CANCELLED]
    assert len(cancelled) == 1


def test_a_bounced_channel_is_passed_over_for_the_next_the_customer_consented_to() -> None:
    uow, _ = _world()
    customer = uow.customers.get("k1")
    assert customer is not None
    uow.outbox.block("k1", Channel.EMAIL, "hard bounce", CLOCK.now())
    values = _invitation(customer)
    message = enqueue(
        uow, CLOCK, MESSENGER, customer, Touchpoint.INVITATION, values, cause="invite:case-1"
    )
    assert (message.channel, message.recipient) == (Channel.SMS, "+31612345678")


def test_without_consent_on_any_channel_a_message_is_kept_as_undeliverable_with_why() -> None:
    uow, _ = _world(consents=[])
    customer = uow.customers.get("k1")
    assert customer is not None
    values = _invitation(customer)
    message = enqueue(
        uow, CLOCK, MESSENGER, customer, Touchpoint.INVITATION, values, cause="invite:case-1"
    )
    assert message.status is Status.UNDELIVERABLE and message.channel is None
    assert "consent" in message.last_error
    assert uow.outbox.get(message.id) is not None  # kept, so a planner sees it


def test_the_same_cause_enqueued_twice_is_stored_once() -> None:
    uow, _ = _world()
    customer = uow.customers.get("k1")
    assert customer is not None
    values = _invitation(customer)
    for _ in range(2):
        enqueue(uow, CLOCK, MESSENGER, customer, Touchpoint.INVITATION, values, cause="x:1")
    assert len(uow.outbox.rows) == 1

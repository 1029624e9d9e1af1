"""Following a visit: closing one sets the technician on the way to the next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from klantreis.core.case import CaseAction, CaseState, ServiceCase
from klantreis.core.cases import act_on_case, get_case
from klantreis.core.common import Channel, Language
from klantreis.core.errors import Unprocessable
from klantreis.core.ports import Clock
from klantreis.core.technician import Technician
from klantreis.core.time_window import TimeWindow
from klantreis.feedback.service import invite_to_survey
from klantreis.messaging.outbox import Status
from klantreis.messaging.outbox_service import Messenger
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.messaging.values import local_time
from klantreis.planning.ports import PlanningUnit
from klantreis.scheduling.booking import Booking
from klantreis.scheduling.notices import technician_on_the_way

# How a visit can end at the door; each closes it for the technician.
OUTCOMES = frozenset({CaseAction.RESOLVE, CaseAction.REPORT_NO_SHOW, CaseAction.REQUIRE_FOLLOW_UP})
ETA_HALF_WIDTH = timedelta(minutes=10)
# A customer home for the whole day hears this long before the planned arrival.
WHOLE_DAY_NOTICE = timedelta(minutes=30)


@dataclass(frozen=True, slots=True)
class Tracking:
    case: ServiceCase
    booking: Booking | None
    eta: tuple[datetime, datetime] | None  # narrower than the window, inside it


def close_visit(
    uow: PlanningUnit,
    clock: Clock,
    case_id: str,
    outcome: CaseAction,
    reason: str = "",
    messenger: Messenger | None = None,
) -> str | None:
    """Record the visit's outcome; the technician's next planned visit goes en route.

    Returns the case now on the way, if any. Raises ``Unprocessable`` for an action that is not
    an outcome, ``IllegalTransition`` when the case is not on site.
    """
    if outcome not in OUTCOMES:
        raise Unprocessable(f"'{outcome.value}' is not a visit outcome", field="outcome")
    closed = act_on_case(uow, clock, case_id, outcome, reason, channel=Channel.TECHNICIAN)
    if outcome is CaseAction.RESOLVE and messenger is not None:
        invite_to_survey(uow, clock, messenger, closed)
    booking = uow.bookings.active_for_case(case_id)
    following = uow.plans.next_after(booking.id) if booking else None
    if booking is not None and outcome is not CaseAction.RESOLVE:
        # The visit is spent: the next one is a new booking, not a move of this one.
        uow.bookings.deactivate(booking.id)
    next_booking = uow.bookings.get(following) if following else None
    if next_booking is None or not next_booking.active:
        return None
    next_case = uow.cases.get(next_booking.case_id)
    if next_case is None or next_case.state is not CaseState.PLANNED:
        return None
    act_on_case(
        uow,
        clock,
        next_case.id,
        CaseAction.DEPART,
        "previous visit closed",
        channel=Channel.TECHNICIAN,
        properties={"touchpoint": "on_the_way"},
    )
    planned = uow.plans.arrival_of(next_booking.id)
    technician = uow.technicians.get(next_booking.technician_id)
    announced = next_booking.whole_day  # told half an hour ahead when the day was planned
    if messenger is not None and planned is not None and technician is not None and not announced:
        _tell_on_the_way(uow, clock, messenger, next_case, next_booking, planned[2], technician)
    return next_case.id


def announce_whole_day_visits(
    uow: PlanningUnit, clock: Clock, messenger: Messenger, day: date
) -> int:
    """Customers booked for the whole of ``day`` are told half an hour before the planned
    arrival, with its ETA (a day's first visit has no earlier one to set it on its way).
    Planning the day again re-announces only a changed arrival. Returns how many whole-day
    visits the plan holds."""
    told = 0
    for booking_id, technician_id, _position, arrival in uow.plans.for_day(day):
        booking = uow.bookings.get(booking_id)
        case = uow.cases.get(booking.case_id) if booking else None
        technician = uow.technicians.get(technician_id)
        if booking is None or not booking.active or not booking.whole_day:
            continue
        if case is None or technician is None:
            continue
        cause = f"{booking.id}:whole-day:{arrival.isoformat()}"
        queued = [
            m
            for m in uow.outbox.list(Status.PENDING, case.customer_id)
            if m.case_id == case.id and m.touchpoint is Touchpoint.ON_THE_WAY
        ]
        if any(m.dedupe_key.startswith(cause) for m in queued):
            told += 1
            continue  # planned again, same arrival: the notice stands
        uow.outbox.withdraw(case.id, Touchpoint.ON_THE_WAY)  # an earlier arrival's notice
        notice = max(clock.now(), arrival - WHOLE_DAY_NOTICE)
        _tell_on_the_way(uow, clock, messenger, case, booking, arrival, technician, notice, cause)
        told += 1
    return told


def _tell_on_the_way(
    uow: PlanningUnit,
    clock: Clock,
    messenger: Messenger,
    case: ServiceCase,
    booking: Booking,
    arrival: datetime,
    technician: Technician,
    not_before: datetime | None = None,
    cause: str | None = None,
) -> None:
    """The on-the-way message with the ETA around ``arrival``, in the customer's language."""
    customer = uow.customers.get(case.customer_id)
    language = customer.language if customer else Language.NL
    eta = eta_within(arrival, booking.window)
    technician_on_the_way(
        uow,
        clock,
        messenger,
        case,
        booking,
        (local_time(eta[0], language), local_time(eta[1], language)),
        technician.name.split()[0],
        not_before=not_before,
        cause=cause,
    )


def track(uow: PlanningUnit, case_id: str) -> Tracking:
    case = get_case(uow, case_id)
    booking = uow.bookings.active_for_case(case_id) or uow.bookings.latest_for_case(case_id)
    planned = uow.plans.arrival_of(booking.id) if booking else None
    eta = eta_within(planned[2], booking.window) if booking and planned else None
    return Tracking(case, booking, eta)


def eta_within(arrival: datetime, window: TimeWindow) -> tuple[datetime, datetime]:
    """What the customer is told: the arrival +/- 10 minutes, never outside the window."""
    return (max(arrival - ETA_HALF_WIDTH, window.start), min(arrival + ETA_HALF_WIDTH, window.end))

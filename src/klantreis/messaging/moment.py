"""The right moment: the earliest time a message may reach this customer.

Quiet hours always hold. Absences hold unless the technician is on the way. Messages that can
wait (invitations, surveys) also wait for daytime, for Sundays and public holidays to pass,
and, for families, for the school break of their region to end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from klantreis.core.customer import Customer, Persona, SchoolRegion
from klantreis.messaging.touchpoints import Urgency

ZONE = ZoneInfo("Europe/Amsterdam")
DAYTIME = (time(9), time(20))  # when a message that can wait may arrive, local time
_MAX_STEPS = 400


@dataclass(frozen=True, slots=True)
class SendingCalendar:
    public_holidays: frozenset[date] = frozenset()
    school_breaks: Mapping[SchoolRegion, Sequence[tuple[date, date]]] = field(default_factory=dict)

    def school_break(self, region: SchoolRegion, day: date) -> tuple[date, date] | None:
        for first, last in self.school_breaks.get(region, ()):
            if first <= day <= last:
                return first, last
        return None


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=ZONE)


def _daytime_open(customer: Customer) -> bool:
    """Whether the customer's quiet hours leave any of our daytime; if not, theirs prevail."""
    quiet = customer.quiet_hours
    if quiet is None:
        return True
    minute = DAYTIME[0].hour * 60
    while minute < DAYTIME[1].hour * 60:
        if not quiet.contains(time(minute // 60, minute % 60)):
            return True
        minute += 15
    return False


def earliest_send(
    customer: Customer,
    urgency: Urgency,
    now: datetime,
    calendar: SendingCalendar,
    expires_at: datetime | None = None,
) -> datetime | None:
    """The first moment from ``now`` the message may go; None if not before ``expires_at``."""
    moment = now
    daytime = urgency is Urgency.DEFERRABLE and _daytime_open(customer)
    for _ in range(_MAX_STEPS):
        local = moment.astimezone(ZONE)
        day = local.date()
        quiet = customer.quiet_hours
        if quiet is not None and quiet.contains(local.time().replace(tzinfo=None)):
            end_day = day if local.time() < quiet.end else day + timedelta(days=1)
            moment = _at(end_day, quiet.end)
            continue
        if urgency is not Urgency.NOW:
            away = next((a for a in customer.absences if a.covers(moment)), None)
            if away is not None:
                moment = away.end
                continue
        if urgency is Urgency.DEFERRABLE:
            if daytime and local.time() < DAYTIME[0]:
                moment = _at(day, DAYTIME[0])
                continue
            if daytime and local.time() >= DAYTIME[1]:
                moment = _at(day + timedelta(days=1), DAYTIME[0])
                continue
            if day.weekday() == 6 or day in calendar.public_holidays:
                moment = _at(day + timedelta(days=1), DAYTIME[0])
                continue
            school_break = calendar.school_break(customer.school_region, day)
            if customer.persona is Persona.FAMILY and school_break is not None:
                moment = _at(school_break[1] + timedelta(days=1), DAYTIME[0])
                continue
        break
    else:
        return None
    if expires_at is not None and moment >= expires_at:
        return None
    return moment

"""Calendar invites (RFC 5545) for a booked visit: one UID for life, SEQUENCE per change."""

from __future__ import annotations

from datetime import datetime

from icalendar import Calendar, Event, vCalAddress, vText

from klantreis.core.common import Language
from klantreis.core.customer import Customer
from klantreis.core.errors import NotFound
from klantreis.core.i18n import clock
from klantreis.scheduling.booking import Booking
from klantreis.scheduling.ports import SchedulingUnit

SUMMARY = {Language.NL: "Onderhoudsbezoek monteur", Language.EN: "Technician visit"}
DESCRIPTION = {
    Language.NL: "De monteur komt tussen {start} en {end}. Verzetten of annuleren: {link}",
    Language.EN: "The technician arrives between {start} and {end}. Move or cancel: {link}",
}


def invite(
    booking: Booking,
    customer: Customer,
    now: datetime,
    link: str,
    organiser_email: str,
    local_times: tuple[str, str],
    cancel: bool = False,
) -> bytes:
    """An iTIP REQUEST for a (re)booked visit, or a CANCEL for a cancelled one."""
    calendar = Calendar()
    calendar.add("prodid", "-//Klantreis//Service visit//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancel else "REQUEST")
    event = Event()
    event.add("uid", booking.ics_uid)
    event.add("sequence", booking.sequence + (1 if cancel else 0))
    event.add("dtstamp", now)
    event.add("dtstart", booking.window.start)
    event.add("dtend", booking.window.end)
    event.add("summary", SUMMARY[customer.language])
    start, end = local_times
    event.add("description", DESCRIPTION[customer.language].format(start=start, end=end, link=link))
    address = customer.address
    event.add(
        "location",
        vText(f"{address.street} {address.house_number}, {address.postcode} {address.city}"),
    )
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    organiser = vCalAddress(f"mailto:{organiser_email}")
    organiser.params["cn"] = vText("Klantreis")
    event.add("organizer", organiser)
    if customer.email:
        attendee = vCalAddress(f"mailto:{customer.email}")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee)
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def case_invite(
    uow: SchedulingUnit, now: datetime, case_id: str, link: str, organiser_email: str
) -> bytes:
    """The invite for the case's latest booking: a REQUEST, or a CANCEL once cancelled.

    Raises ``NotFound`` when the case was never booked.
    """
    latest = uow.bookings.latest_for_case(case_id)
    case = uow.cases.get(case_id)
    customer = uow.customers.get(case.customer_id) if case else None
    if latest is None or customer is None:
        raise NotFound(f"case '{case_id}' has never been booked")
    times = (
        clock(latest.window.start, customer.language),
        clock(latest.window.end, customer.language),
    )
    return invite(latest, customer, now, link, organiser_email, times, cancel=not latest.active)

"""Linking a customer's private calendar so that busy times are not offered."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

from klantreis.core.common import Channel
from klantreis.core.customers import get_customer
from klantreis.core.journey import JourneyTouchpoint
from klantreis.core.journey_log import record_event
from klantreis.core.ports import Clock
from klantreis.scheduling.ports import CalendarLink, CalendarSource, Cipher, SchedulingUnit

LOOK_AHEAD = timedelta(days=60)


class CalendarKind(StrEnum):
    CALDAV = "caldav"
    ICS_URL = "ics_url"
    ICS_UPLOAD = "ics_upload"


def has_linked_calendar(uow: SchedulingUnit, customer_id: str) -> bool:
    return uow.calendar_links.get(customer_id) is not None


def read_calendar(
    clock: Clock,
    source: CalendarSource,
    cipher: Cipher,
    customer_id: str,
    kind: CalendarKind,
    *,
    url: str = "",
    username: str = "",
    password: str = "",
    ics_text: str = "",
) -> CalendarLink:
    """Read the calendar's busy times, ready to be stored; no database is touched, so that a
    slow or hostile calendar server never holds a transaction open.

    Raises ``CalendarError`` naming the problem.
    """
    now = clock.now()
    start, end = now, now + LOOK_AHEAD
    if kind is CalendarKind.CALDAV:
        busy = source.caldav_busy(url, username, password, start, end)
        secret = cipher.encrypt(password)
    elif kind is CalendarKind.ICS_URL:
        busy = source.ics_url_busy(url, start, end)
        # A private calendar address is a password in disguise: keep only its host readable.
        secret, url = cipher.encrypt(url), urlsplit(url).hostname or ""
    else:
        busy = source.ics_text_busy(ics_text, start, end)
        secret = cipher.encrypt(ics_text)
    return CalendarLink(customer_id, kind.value, url, username, secret, busy, now)


def store_calendar_link(uow: SchedulingUnit, link: CalendarLink) -> CalendarLink:
    """Keep the calendar that was read (replacing any other)."""
    get_customer(uow, link.customer_id)  # NotFound for a customer that does not exist
    uow.calendar_links.put(link)
    record_event(
        uow,
        JourneyTouchpoint.CALENDAR_LINKED,
        Channel.WEB,
        link.checked_at or datetime.now(UTC),
        customer_id=link.customer_id,
        properties={"kind": link.kind, "busy_periods": len(link.busy)},
    )
    return link


def link_calendar(
    uow: SchedulingUnit,
    clock: Clock,
    source: CalendarSource,
    cipher: Cipher,
    customer_id: str,
    kind: CalendarKind,
    **where: str,
) -> CalendarLink:
    """Read the calendar first; only if that works is the link stored (replacing any other).

    Raises ``CalendarError`` naming the problem; the existing link is then left as it was.
    """
    get_customer(uow, customer_id)
    link = read_calendar(clock, source, cipher, customer_id, kind, **where)
    return store_calendar_link(uow, link)


def rotate_calendar_secrets(uow: SchedulingUnit, cipher: Cipher) -> int:
    """Re-encrypt every stored calendar secret with the current key (after a new secret was
    set and the old one moved to the previous keys); returns how many."""
    stored = uow.calendar_links.secrets()
    for customer_id, secret in stored.items():
        uow.calendar_links.replace_secret(customer_id, cipher.rotate(secret))
    return len(stored)


def unlink_calendar(uow: SchedulingUnit, clock: Clock, customer_id: str) -> bool:
    removed = uow.calendar_links.remove(customer_id)
    if removed:
        record_event(
            uow,
            JourneyTouchpoint.CALENDAR_UNLINKED,
            Channel.WEB,
            clock.now(),
            customer_id=customer_id,
        )
    return removed

"""Linking private calendars, against a real Radicale CalDAV server the tests start."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import caldav
import pytest
from sqlalchemy import select

from klantreis.app.bootstrap import Container
from klantreis.devtools.postgres import free_port
from klantreis.devtools.radicale import CalDavServer, temporary_radicale
from klantreis.scheduling.calendar_links import CalendarKind, link_calendar, unlink_calendar
from klantreis.scheduling.calendars.sources import CalendarSources
from klantreis.scheduling.offers import offer_windows
from klantreis.scheduling.ports import CalendarError
from klantreis.scheduling.tables import calendar_links
from tests.scheduling_world import NOW, add_case

AMS = ZoneInfo("Europe/Amsterdam")
DENTIST = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:dentist@test
DTSTART:20260330T090000Z
DTEND:20260330T100000Z
SUMMARY:Tandarts
END:VEVENT
END:VCALENDAR
"""


@pytest.fixture(scope="module")
def radicale() -> Iterator[CalDavServer]:
    with temporary_radicale() as server:
        client = caldav.DAVClient(
            url=server.url, username=server.username, password=server.password
        )
        calendar = client.principal().make_calendar(name="prive")
        calendar.save_event(DENTIST)
        yield server


@pytest.fixture(autouse=True)
def _our_own_caldav_server_is_allowed(world: Container) -> None:
    """Radicale runs on 127.0.0.1, as a company's own CalDAV server on its network would:
    such hosts are allowed by configuration, everything private else is refused."""
    world.calendars = CalendarSources(allowed_hosts=["127.0.0.1"])


def starts(world: Container, case_id: str) -> set[datetime]:
    with world.uow_factory() as uow:
        offering = offer_windows(
            uow, case_id, NOW, world.travel, world.holidays, world.offer_settings
        )
    return {o.window.start for o in offering.offers}


def link(world: Container, kind: CalendarKind, **where: str) -> None:
    with world.uow_factory() as uow:
        link_calendar(uow, world.clock, world.calendars, world.cipher, "k-c-001", kind, **where)
        uow.commit()


def test_a_linked_caldav_calendar_removes_the_windows_it_is_busy_in(
    world: Container, radicale: CalDavServer
) -> None:
    case_id = add_case(world, "c-001")
    monday_ten = datetime(2026, 3, 30, 10, tzinfo=AMS).astimezone(UTC)  # 08:00 UTC
    assert monday_ten in starts(world, case_id)
    link(
        world,
        CalendarKind.CALDAV,
        url=radicale.url,
        username=radicale.username,
        password=radicale.password,
    )
    assert monday_ten not in starts(world, case_id)
    assert datetime(2026, 3, 30, 12, tzinfo=AMS).astimezone(UTC) in starts(world, case_id)
    with world.engine.connect() as connection:
        stored = connection.execute(select(calendar_links.c.secret)).scalar_one()
    assert radicale.password not in stored  # stored encrypted
    assert world.cipher.decrypt(stored) == radicale.password
    with world.uow_factory() as uow:
        assert unlink_calendar(uow, world.clock, "k-c-001")
        uow.commit()
    assert monday_ten in starts(world, case_id)


@pytest.mark.parametrize(
    ("where", "problem"),
    [
        ({"password": "wrong"}, "refused the username or password"),
        ({"url": f"http://127.0.0.1:{free_port()}/"}, "could not be read"),
    ],
)
def test_an_unreadable_caldav_server_is_named_and_the_old_link_is_kept(
    world: Container, radicale: CalDavServer, where: dict[str, str], problem: str
) -> None:
    add_case(world, "c-001")
    link(world, CalendarKind.ICS_UPLOAD, ics_text=DENTIST)
    details = {
        "url": radicale.url,
        "username": radicale.username,
        "password": radicale.password,
        **where,
    }
    with pytest.raises(CalendarError, match=problem):
        link(world, CalendarKind.CALDAV, **details)
    with world.uow_factory() as uow:
        kept = uow.calendar_links.get("k-c-001")
    assert kept is not None and kept.kind == "ics_upload" and len(kept.busy) == 1


def test_a_malformed_upload_is_refused_and_changes_nothing(world: Container) -> None:
    add_case(world, "c-001")
    with pytest.raises(CalendarError, match="not a valid iCalendar"):
        link(world, CalendarKind.ICS_UPLOAD, ics_text="BEGIN:VCARD\nEND:VCARD\n")
    with world.uow_factory() as uow:
        assert uow.calendar_links.get("k-c-001") is None


def test_an_ics_url_is_read_over_http(world: Container, radicale: CalDavServer) -> None:
    """Radicale serves a calendar collection as one .ics file when asked with GET."""
    case_id = add_case(world, "c-001")
    client = caldav.DAVClient(
        url=radicale.url, username=radicale.username, password=radicale.password
    )
    collection = str(client.principal().calendars()[0].url)
    url = collection.replace("http://", f"http://{radicale.username}:{radicale.password}@")
    link(world, CalendarKind.ICS_URL, url=url)
    with world.uow_factory() as uow:
        stored = uow.calendar_links.get("k-c-001")
    assert stored is not None and radicale.password not in stored.url  # the address is a secret
    assert datetime(2026, 3, 30, 10, tzinfo=AMS).astimezone(UTC) not in starts(world, case_id)
    assert date(2026, 3, 30) in {s.astimezone(AMS).date() for s in starts(world, case_id)}


def test_a_caldav_server_on_a_private_address_is_refused_unless_allowed(
    world: Container, radicale: CalDavServer
) -> None:
    add_case(world, "c-001")
    world.calendars = CalendarSources()
    with pytest.raises(CalendarError, match="private network"):
        link(
            world,
            CalendarKind.CALDAV,
            url=radicale.url,
            username=radicale.username,
            password=radicale.password,
        )
    with world.uow_factory() as uow:
        assert uow.calendar_links.get("k-c-001") is None

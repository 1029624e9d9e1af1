"""Finding 2: a customer link could make the server fetch internal addresses, follow
redirects anywhere and echo what came back. Finding 3: one calendar request could hold the
database's write lock while it fetched (45 s) or expanded a once-a-minute rule (9.9 s)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import httpx
import pytest

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.config import Settings
from klantreis.core.access import Role
from klantreis.devtools.server import serving
from klantreis.scheduling.calendars.fetch import AddressRefused, FetchLimits, fetch
from klantreis.scheduling.calendars.sources import CalendarSources
from klantreis.scheduling.ports import CalendarError
from tests.conftest import FixedClock
from tests.e2e.conftest import keys_for
from tests.scheduling_world import NOW, add_case, utrecht
from tests.security.hostile_servers import SECRET, hostile_server

AMS = ZoneInfo("Europe/Amsterdam")
START, END = datetime(2026, 3, 26, tzinfo=UTC), datetime(2026, 5, 26, tzinfo=UTC)
BOMB = (
    "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//x//EN\nBEGIN:VEVENT\nUID:b@x\n"
    "DTSTART:20260326T000000Z\nDURATION:PT1M\nRRULE:FREQ=MINUTELY\nEND:VEVENT\nEND:VCALENDAR\n"
)


@pytest.fixture(scope="module")
def hostile() -> Iterator[str]:
    with hostile_server() as base:
        yield base


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/openapi.json",
        "http://localhost/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://10.1.2.3/calendar.ics",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://224.0.0.1/",
        "http://0.0.0.0/",
        "http://[64:ff9b::a9fe:a9fe]/",  # NAT64 of 169.254.169.254
        "http://[2002:7f00:1::1]/",  # 6to4 of 127.0.0.1
        "http://[::7f00:1]/",  # IPv4-compatible 127.0.0.1
        "http://[fec0::1]/",  # site-local
    ],
)
def test_private_loopback_link_local_and_multicast_addresses_are_refused(url: str) -> None:
    with pytest.raises(AddressRefused, match="private network"):
        CalendarSources().ics_url_busy(url, START, END)


def test_a_redirect_into_the_network_is_refused_on_its_hop(hostile: str) -> None:
    port = hostile.rsplit(":", 1)[1]
    limits = FetchLimits(allowed_hosts=frozenset({"127.0.0.1"}))
    assert b"BEGIN:VCALENDAR" in fetch(f"{hostile}/ics", limits)  # allowed by configuration
    with pytest.raises(AddressRefused):
        fetch(f"{hostile}/redirect?http://localhost:{port}/ics", limits)
    with pytest.raises(CalendarError, match="redirects too often"):
        fetch(
            f"{hostile}/redirect?{hostile}/redirect?{hostile}/redirect?{hostile}/redirect?"
            f"{hostile}/ics",
            limits,
        )


def test_what_a_server_answers_is_never_repeated_in_the_error(hostile: str) -> None:
    limits = FetchLimits(allowed_hosts=frozenset({"127.0.0.1"}))
    with pytest.raises(CalendarError) as refused:
        fetch(f"{hostile}/secret", limits)
    assert "HTTP 500" in refused.value.detail and SECRET not in refused.value.detail
    with pytest.raises(CalendarError, match="larger than 1 MB"):
        fetch(
            f"{hostile}/huge", FetchLimits(max_bytes=1_000_000, allowed_hosts=limits.allowed_hosts)
        )


def test_a_server_that_trickles_a_byte_a_second_is_cut_off_at_the_deadline(hostile: str) -> None:
    started = time.monotonic()
    with pytest.raises(CalendarError, match="took too long"):
        fetch(f"{hostile}/slow", FetchLimits(deadline_s=2, allowed_hosts=frozenset({"127.0.0.1"})))
    assert time.monotonic() - started < 4


def test_a_server_that_trickles_its_headers_is_cut_off_at_the_deadline(hostile: str) -> None:
    started = time.monotonic()
    with pytest.raises(CalendarError, match="took too long"):
        fetch(
            f"{hostile}/slow-headers",
            FetchLimits(deadline_s=2, allowed_hosts=frozenset({"127.0.0.1"})),
        )
    assert time.monotonic() - started < 4


def test_a_once_a_minute_rule_is_refused_in_well_under_its_expansion_time() -> None:
    started = time.monotonic()
    with pytest.raises(CalendarError, match="more than 2000 events"):
        CalendarSources().ics_text_busy(BOMB, START, END)
    assert time.monotonic() - started < 1.5


@pytest.fixture
def live(sqlite_url: str) -> Iterator[tuple[Container, str, dict[Role, str]]]:
    settings = Settings(
        database_url=sqlite_url,
        calendar_allowed_hosts=["127.0.0.1"],
        calendar_fetch_seconds=4,
    )
    container = bootstrap(settings, clock=FixedClock(NOW))
    utrecht(container)
    keys = keys_for(container)
    with serving(create_app(container)) as base:
        yield container, base, keys
    container.dispose()


def test_a_slow_calendar_or_a_rule_bomb_does_not_delay_another_customers_booking(
    live: tuple[Container, str, dict[Role, str]], hostile: str
) -> None:
    container, base, keys = live
    slow_case = add_case(container, "c-slow")
    bomb_case = add_case(container, "c-bomb", "3512 JE")
    booking_case = add_case(container, "c-book", "3512 JE")
    warm_up_case = add_case(container, "c-warm", "3512 JE")
    planner = {"X-API-Key": keys[Role.PLANNER]}
    window = datetime(2026, 3, 31, 10, tzinfo=AMS).isoformat()
    warm = httpx.post(  # the first request of a process builds its caches
        f"{base}/api/v1/cases/{warm_up_case}/booking",
        json={"window_start": datetime(2026, 4, 1, 10, tzinfo=AMS).isoformat()},
        headers={**planner, "Idempotency-Key": "warm-up-1"},
        timeout=30,
    )
    assert warm.status_code == 201, warm.text
    answers: dict[str, httpx.Response] = {}

    def link_slow() -> None:
        token = container.links.token_for(slow_case)
        answers["slow"] = httpx.post(
            f"{base}/b/{token}/calendar", data={"ics_url": f"{hostile}/slow"}, timeout=30
        )

    def link_bomb() -> None:
        token = container.links.token_for(bomb_case)
        files = {"ics_file": ("bomb.ics", BOMB.encode(), "text/calendar")}
        answers["bomb"] = httpx.post(f"{base}/b/{token}/calendar", files=files, timeout=30)

    threads = [threading.Thread(target=link_slow), threading.Thread(target=link_bomb)]
    for thread in threads:
        thread.start()
    time.sleep(0.3)  # both are now fetching or expanding
    started = time.monotonic()
    booked = httpx.post(
        f"{base}/api/v1/cases/{booking_case}/booking",
        json={"window_start": window},
        headers={**planner, "Idempotency-Key": "not-delayed-1"},
        timeout=30,
    )
    elapsed = time.monotonic() - started
    for thread in threads:
        thread.join(timeout=30)
    assert booked.status_code == 201, booked.text
    assert elapsed < 1.0, f"the booking waited {elapsed:.2f} s"
    assert answers["slow"].status_code == 422 and "took too long" in answers["slow"].text
    assert answers["bomb"].status_code == 422 and "2000" in answers["bomb"].text
    with container.uow_factory() as uow:
        assert uow.calendar_links.get("k-c-slow") is None
        assert uow.calendar_links.get("k-c-bomb") is None


def test_the_booking_page_refuses_our_own_api_as_a_calendar_and_shows_none_of_it(
    sqlite_url: str,
) -> None:
    container = bootstrap(Settings(database_url=sqlite_url), clock=FixedClock(NOW))
    utrecht(container)
    case_id = add_case(container, "c-001")
    with serving(create_app(container)) as base:
        token = container.links.token_for(case_id)
        page = httpx.post(
            f"{base}/b/{token}/calendar", data={"ics_url": f"{base}/openapi.json"}, timeout=30
        )
    container.dispose()
    assert page.status_code == 422
    assert "private network" in page.text and "openapi" not in page.text.split("<main")[-1]
    assert "paths" not in page.text


def _caldav(deadline_s: float = 10.0) -> CalendarSources:
    return CalendarSources(timeout_s=deadline_s, allowed_hosts=["127.0.0.1"])


def test_a_caldav_server_cannot_redirect_its_client_into_the_network(hostile: str) -> None:
    port = hostile.rsplit(":", 1)[1]
    with pytest.raises(AddressRefused, match="private network"):
        _caldav().caldav_busy(
            f"{hostile}/redirect?http://localhost:{port}/", "jan", "geheim", START, END
        )


def test_a_caldav_server_that_trickles_is_cut_off_at_the_deadline(hostile: str) -> None:
    started = time.monotonic()
    with pytest.raises(CalendarError, match="took too long"):
        _caldav(deadline_s=2).caldav_busy(f"{hostile}/slow-headers", "jan", "x", START, END)
    assert time.monotonic() - started < 4


def test_a_caldav_answer_is_capped_in_size(hostile: str) -> None:
    from klantreis.scheduling.calendars.fetch import FetchLimits as Limits
    from klantreis.scheduling.calendars.guarded_session import guarded_session

    limits = Limits(max_bytes=1_000_000, allowed_hosts=frozenset({"127.0.0.1"}))
    with pytest.raises(CalendarError, match="larger than 1 MB"), guarded_session(limits) as s:
        s.request("PROPFIND", f"{hostile}/huge")


def test_a_caldav_connection_goes_to_the_checked_address_under_its_own_name(
    hostile: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The socket goes where the guard said (so a second DNS answer cannot send it
    elsewhere), while the Host header (and for https, SNI and the certificate check) keep
    the host name. The guard's answer is made up here: no public name resolves to us."""
    from klantreis.scheduling.calendars import guarded_session as guarded
    from klantreis.scheduling.calendars.fetch import FetchLimits as Limits

    port = hostile.rsplit(":", 1)[1]
    asked: list[str] = []

    def checked(host: str, _port: int, _allowed: object) -> str:
        asked.append(host)
        return "127.0.0.1"

    monkeypatch.setattr(guarded, "checked_address", checked)
    with guarded.guarded_session(Limits()) as session:
        answer = session.get(f"http://calendar.example:{port}/host")
    assert answer.text == f"calendar.example:{port}" and asked == ["calendar.example"]


def test_a_caldav_connection_is_checked_when_it_connects_not_only_before(hostile: str) -> None:
    """Every connection the session opens is checked at the moment it connects."""
    from klantreis.scheduling.calendars.fetch import FetchLimits as Limits
    from klantreis.scheduling.calendars.guarded_session import guarded_session

    port = hostile.rsplit(":", 1)[1]
    with pytest.raises(AddressRefused), guarded_session(Limits()) as session:
        session.get(f"http://127.0.0.1:{port}/ics")
    allowed = Limits(allowed_hosts=frozenset({"127.0.0.1"}))
    with guarded_session(allowed) as session:
        assert b"BEGIN:VCALENDAR" in session.get(f"http://127.0.0.1:{port}/ics").content

"""A customer books, moves and cancels in real Chromium, on a phone, without JavaScript."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date

import pytest

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.config import Settings
from klantreis.core.case import CaseState
from klantreis.devtools.server import serving
from klantreis.scheduling.booking_service import book_window
from tests.conftest import FixedClock
from tests.integration.test_self_scheduling import local
from tests.scheduling_world import NOW, add_case, utrecht

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags for a closed network and a root user (see the machine notes in the README).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.slow


@pytest.fixture
def site(sqlite_url: str) -> Iterator[tuple[Container, str]]:
    container = bootstrap(Settings(database_url=sqlite_url), clock=FixedClock(NOW))
    utrecht(container)
    with serving(create_app(container)) as base:
        yield container, base
    container.dispose()


@pytest.fixture
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


def test_a_customer_books_moves_and_cancels_on_a_phone_without_javascript(
    site: tuple[Container, str],
    browser,  # type: ignore[no-untyped-def]
) -> None:
    container, base = site
    case_id = add_case(container, "c-001", first_name="Jan", initials="J.")
    context = browser.new_context(
        java_script_enabled=False,
        locale="nl-NL",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
    )
    page = context.new_page()
    page.goto(f"{base}/b/{container.links.token_for(case_id)}")

    assert page.get_by_role("heading", level=1).inner_text() == "Geachte heer Van der Berg,"
    page.get_by_role("link", name="Toon alle tijden").click()  # a plain link: no script
    page.get_by_role("group", name="maandag 30 maart").get_by_label("10:00\u201312:00").check()
    page.get_by_role("button", name="Bevestig mijn keuze").click()
    assert "maandag 30 maart, 10:00\u201312:00" in page.get_by_role("status").inner_text()

    page.get_by_role("link", name="Toon alle tijden").click()
    page.get_by_role("group", name="dinsdag 31 maart").get_by_label("14:00\u201316:00").check()
    page.get_by_role("button", name="Verzet naar mijn keuze").click()
    assert "dinsdag 31 maart, 14:00\u201316:00" in page.get_by_role("status").inner_text()

    with page.expect_download() as download:
        page.get_by_role("link", name="Zet in mijn agenda (.ics)").click()
    invite = download.value.path().read_text()
    assert "SEQUENCE:1" in invite and "METHOD:REQUEST" in invite

    page.get_by_role("button", name="Annuleer de afspraak").click()
    assert "geannuleerd" in page.get_by_role("status").inner_text()
    context.close()

    with container.uow_factory() as uow:
        case = uow.cases.get(case_id)
        latest = uow.bookings.latest_for_case(case_id)
    assert case is not None and case.state is CaseState.CANCELLED
    assert latest is not None and not latest.active and latest.sequence == 1


def test_the_page_reads_well_in_english_with_the_labels_screen_readers_need(
    site: tuple[Container, str],
    browser,  # type: ignore[no-untyped-def]
) -> None:
    container, base = site
    case_id = add_case(container, "c-002", language="en", salutation="mevrouw")
    page = browser.new_page()
    page.goto(f"{base}/b/{container.links.token_for(case_id)}")
    assert page.get_by_role("heading", level=1).inner_text() == "Dear Ms Van der Berg,"
    page.get_by_role("link", name="Show all times").click()
    assert (
        page.get_by_role("group", name="Monday 30 March").get_by_label("08:00\u201310:00").count()
        == 1
    )
    choice = page.get_by_label("When may we call you?")
    choice.select_option(label="Friday 27 March, 13:00\u201315:00")
    page.get_by_label("Anything we should know? (optional)").fill("Ring the side door")
    page.get_by_role("button", name="Call me back").click()
    assert "call you in the window you chose" in page.get_by_role("status").inner_text()
    with container.uow_factory() as uow:
        events = [
            e
            for e in uow.events.list(0, 50, case_id=case_id)
            if e.touchpoint == "callback_requested"
        ]
    assert events and events[0].properties["preferred"] == "Ring the side door"
    assert events[0].properties["window_start"] == "2026-03-27T12:00:00+00:00"


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        (
            "nl",
            {
                "short_list": "Onze tips voor u",
                "all": "Toon alle tijden",
                "nearby": "er is die dag al een monteur bij u in de buurt",
                "reason": "Reden: Uw apparaat meldde een storing.",
                "bad": "Dat tijdvak kennen we niet. Kies een tijdvak uit de lijst.",
                "whole_day": "Bevestig deze dag",
                "no_day": "Die dag kunnen we niet de hele dag voor u vrijhouden",
            },
        ),
        (
            "en",
            {
                "short_list": "Our suggestions for you",
                "all": "Show all times",
                "nearby": "a technician is already working near you that day",
                "reason": "Reason: Your appliance reported a fault.",
                "bad": "We do not know that window. Please choose one from the list.",
                "whole_day": "Confirm this day",
                "no_day": "We cannot keep that whole day for you",
            },
        ),
    ],
)
def test_the_short_list_comes_first_and_all_times_sit_behind_a_plain_link(
    site: tuple[Container, str],
    browser,  # type: ignore[no-untyped-def]
    language: str,
    texts: dict[str, str],
) -> None:
    container, base = site
    neighbour = add_case(container, f"n-{language}", postcode="3511 AB")
    with container.uow_factory() as uow:
        book_window(uow, container.booking, neighbour, local(date(2026, 3, 31), 10))
        uow.commit()
    case_id = add_case(container, f"c-{language}", postcode="3512 AB", language=language)
    context = browser.new_context(java_script_enabled=False, is_mobile=True)
    page = context.new_page()
    page.goto(f"{base}/b/{container.links.token_for(case_id)}")
    short_list = page.get_by_role("group", name=texts["short_list"])
    windows = short_list.get_by_role("checkbox")
    assert windows.count() == 6
    labels = short_list.locator("label").all_inner_texts()
    assert len({label.split(",")[0] for label in labels}) >= 3  # over at least three days
    assert texts["nearby"] in labels[0]  # the cheapest first: beside the booked neighbour
    assert page.get_by_test_id("all-times-day").count() == 0  # behind the link
    assert texts["reason"] in page.get_by_test_id("reason").inner_text()
    page.get_by_role("link", name=texts["all"]).click()
    assert page.get_by_test_id("all-times-day").count() >= 3
    # A window that was never offered (off the grid): refused in the customer's language.
    for bad in ("2026-03-30T07:30:00+00:00", "not-a-time"):
        answer = context.request.post(
            f"{base}/b/{container.links.token_for(case_id)}/book",
            form={"window_start": bad, "idempotency_key": f"bad-{bad[:8]}"},
        )
        assert answer.status == 422 and texts["bad"] in answer.text()
    # A whole Saturday is not on offer: said in their language, nothing booked.
    saturday = context.request.post(
        f"{base}/b/{container.links.token_for(case_id)}/book-day",
        form={"day": "2026-03-28", "idempotency_key": "saturday-1"},
    )
    assert saturday.status == 422 and texts["no_day"] in saturday.text()
    # The whole day suits them: booked for the day's grid, the planner picks the moment.
    page.get_by_role("button", name=texts["whole_day"]).click()
    assert "08:00\u201318:00" in page.get_by_test_id("booked").inner_text()
    context.close()
    with container.uow_factory() as uow:
        booking = uow.bookings.active_for_case(case_id)
    assert booking is not None and booking.whole_day


def test_a_customer_ticks_several_moments_and_is_told_which_one_we_hold(
    site: tuple[Container, str],
    browser,  # type: ignore[no-untyped-def]
) -> None:
    container, base = site
    case_id = add_case(container, "c-001", first_name="Jan", initials="J.")
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{base}/b/{container.links.token_for(case_id)}")
    assert page.get_by_role("heading", name="Kies alle momenten die u passen").is_visible()
    page.get_by_role("link", name="Toon alle tijden").click()
    tuesday = page.get_by_role("group", name="dinsdag 31 maart")
    tuesday.get_by_label("10:00\u201312:00").check()
    tuesday.get_by_label("14:00\u201316:00").check()
    page.get_by_role("button", name="Bevestig mijn keuze").click()
    assert "dinsdag 31 maart" in page.get_by_role("status").inner_text()
    told = page.get_by_test_id("flexible").inner_text()
    assert told.startswith("U vinkte ook dinsdag 31 maart") and "zondag 29 maart 18:00" in told
    # The page's own stylesheet is served and applied under its content security policy.
    assert page.evaluate("getComputedStyle(document.body).maxWidth") == "640px"
    context.close()
    with container.uow_factory() as uow:
        booking = uow.bookings.active_for_case(case_id)
    assert booking is not None and len(booking.ticked) == 2

"""A customer books, moves and cancels in real Chromium, on a phone, without JavaScript."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from klantreis.bootstrap import Container, bootstrap
from klantreis.config import Settings
from klantreis.devtools.server import serving
from klantreis.domain.case import CaseState
from klantreis.entrypoints.api.app import create_app
from tests.conftest import FixedClock
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
    page.get_by_role("group", name="maandag 30 maart").get_by_label("10:00\u201312:00").check()
    page.get_by_role("button", name="Bevestig dit tijdvak").click()
    assert "maandag 30 maart, 10:00\u201312:00" in page.get_by_role("status").inner_text()

    page.get_by_role("group", name="dinsdag 31 maart").get_by_label("14:00\u201316:00").check()
    page.get_by_role("button", name="Verzet naar dit tijdvak").click()
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

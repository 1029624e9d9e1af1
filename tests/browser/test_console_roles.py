"""Each role does its day's work in the console in real Chromium, and axe-core finds no
accessibility violation on any console page at phone and desktop size."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.config import Settings
from klantreis.core.access import Role, create_api_key
from klantreis.core.case import CaseState
from klantreis.core.common import Language
from klantreis.devtools.server import serving
from klantreis.inbound.service import receive
from klantreis.staff.model import StaffRole
from tests.browser.test_booking_page import browser  # noqa: F401 - fixture
from tests.conftest import FixedClock
from tests.scheduling_world import NOW, add_case, planned_tuesday, utrecht
from tests.staff_world import sign_in_in_browser

pytestmark = pytest.mark.slow
TUESDAY = date(2026, 3, 31)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def console(sqlite_url: str) -> Iterator[tuple[Container, str, list[str]]]:
    container = bootstrap(Settings(database_url=sqlite_url), clock=FixedClock(NOW))
    utrecht(container)
    planned = planned_tuesday(container, consents=[{"purpose": "service", "channel": "email"}])
    add_case(container, "c-phone", consents=[{"purpose": "service", "channel": "email"}])
    with container.uow_factory() as uow:
        receive(
            uow,
            container.clock,
            container.intent_reader,
            container.messenger,
            "email",
            "c-phone@example.nl",
            "Vraag",
            "Wanneer komt de monteur eigenlijk?",
        )
        uow.commit()
    with serving(create_app(container)) as base:
        yield container, base, planned
    container.dispose()


def _page(chromium, size: dict[str, int]):  # type: ignore[no-untyped-def]
    return chromium.new_context(viewport=size, locale="nl-NL").new_page()


def test_the_agent_answers_the_queue_and_books_for_a_customer_who_phones(
    console: tuple[Container, str, list[str]],
    browser,  # type: ignore[no-untyped-def] # noqa: F811
) -> None:
    container, base, _ = console
    page = _page(browser, DESKTOP)
    sign_in_in_browser(page, base, container, StaffRole.AGENT, back_to="/staff/agent")
    assert "De machine denkt" in page.content()
    page.get_by_role("button", name="Afgehandeld").first.click()
    page.wait_for_url(re.compile(r".*saved=.*"))
    assert "Het bericht is afgehandeld." in page.content()
    page.goto(f"{base}/staff/agent/cases/c-phone")
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Plan deze tijd").click()
    page.wait_for_url(re.compile(r".*saved=.*"))
    assert "De klant krijgt een bevestiging" in page.content()
    with container.uow_factory(read_only=True) as uow:
        case = uow.cases.get("c-phone")
    assert case is not None and case.state is CaseState.BOOKED


def test_the_technician_goes_through_the_route_on_a_phone(
    console: tuple[Container, str, list[str]],
    browser,  # type: ignore[no-untyped-def] # noqa: F811
) -> None:
    container, base, (first, _) = console
    with container.uow_factory(read_only=True) as uow:
        (technician_id,) = {row[1] for row in uow.plans.for_day(TUESDAY)}
    page = _page(browser, PHONE)
    sign_in_in_browser(
        page,
        base,
        container,
        StaffRole.TECHNICIAN,
        back_to=f"/staff/technician?day={TUESDAY}",
        technician_id=technician_id,
    )
    first_stop = page.locator("ol.route > li").first
    for step in ("Vertrek", "Aangekomen", "Opgelost"):
        page.locator("ol.route > li").first.get_by_role("button", name=step).click()
        page.wait_for_url(re.compile(r".*saved=.*"))
    assert first_stop.is_visible()
    with container.uow_factory(read_only=True) as uow:
        case = uow.cases.get(first)
    assert case is not None and case.state is CaseState.RESOLVED


def test_the_planner_closes_an_area_for_a_day_and_plans_the_day_again(
    console: tuple[Container, str, list[str]],
    browser,  # type: ignore[no-untyped-def] # noqa: F811
) -> None:
    container, base, _ = console
    page = _page(browser, DESKTOP)
    sign_in_in_browser(page, base, container, StaffRole.PLANNER, back_to="/staff/planner/days")
    page.locator("#rule-day").fill("2026-03-31")
    page.locator("#rule-kind").select_option("close")
    page.locator("#rule-areas").fill("35")
    page.get_by_role("button", name="Sla de regel op").click()
    page.wait_for_url(re.compile(r".*saved=.*"))
    assert "Gesloten voor" in page.content()
    page.locator("#replan-day").fill("2026-03-31")
    page.get_by_role("button", name="Plan opnieuw").click()
    page.wait_for_selector('[data-testid="replanned"]')
    assert "2 bezoeken gepland" in page.get_by_test_id("replanned").inner_text()


def test_the_analyst_reads_the_funnel_in_dutch_and_the_admin_revokes_a_key(
    console: tuple[Container, str, list[str]],
    browser,  # type: ignore[no-untyped-def] # noqa: F811
) -> None:
    container, base, _ = console
    analyst = _page(browser, DESKTOP)
    sign_in_in_browser(analyst, base, container, StaffRole.ANALYST, back_to="/staff/analytics")
    funnel = analyst.get_by_test_id("funnel-all").inner_text()
    assert "Melding geopend" in funnel and "Afspraak gemaakt" in funnel
    with container.uow_factory() as uow:
        create_api_key(uow, container.clock, "oude koppeling", Role.INTEGRATION)
        uow.commit()
    admin = _page(browser, DESKTOP)
    sign_in_in_browser(
        admin, base, container, StaffRole.ADMIN, back_to="/staff/admin/keys", language=Language.EN
    )
    admin.get_by_role("button", name="Revoke: oude koppeling").click()
    admin.wait_for_load_state()
    assert "The key is revoked" in admin.content()


CONSOLE_PAGES = [
    ("/staff", StaffRole.ADMIN),
    ("/staff/admin/users", StaffRole.ADMIN),
    ("/staff/admin/keys", StaffRole.ADMIN),
    ("/staff/admin/audit", StaffRole.ADMIN),
    ("/staff/agent", StaffRole.AGENT),
    ("/staff/agent/cases/c-phone", StaffRole.AGENT),
    (f"/staff/planner?day={TUESDAY}", StaffRole.PLANNER),
    ("/staff/planner/days", StaffRole.PLANNER),
    ("/staff/planner/cases?q=berg", StaffRole.PLANNER),
    ("/staff/planner/cases/c-phone", StaffRole.PLANNER),
    ("/staff/analytics", StaffRole.ANALYST),
]


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_finds_no_violation_on_any_console_page(
    console: tuple[Container, str, list[str]],
    browser,  # type: ignore[no-untyped-def] # noqa: F811
    size: dict[str, int],
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    container, base, _ = console
    axe = Axe()
    page = _page(browser, size)
    page.goto(f"{base}/staff/sign-in")
    first = axe.run(page).response
    assert len(first["passes"]) > 10  # axe really ran its rules on the page
    found = {"/staff/sign-in": first["violations"]}
    page.goto(f"{base}/staff/password-reset")
    found["/staff/password-reset"] = axe.run(page).response["violations"]
    sign_in_in_browser(page, base, container, StaffRole.ADMIN)
    for path, _role in CONSOLE_PAGES:  # an admin may open every one of them
        page.goto(f"{base}{path}")
        found[path] = axe.run(page).response["violations"]
    with container.uow_factory(read_only=True) as uow:
        (technician_id,) = {row[1] for row in uow.plans.for_day(TUESDAY)}
    page.goto(f"{base}/staff/technician?day={TUESDAY}&technician={technician_id}")
    found["/staff/technician"] = axe.run(page).response["violations"]
    problems = {
        path: [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
        for path, violations in found.items()
        if violations
    }
    assert problems == {}

"""The analysts' charts really draw in Chromium, offline (Plotly's script is in the page)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from klantreis.app.bootstrap import Container
from klantreis.core.case import CaseAction
from klantreis.core.cases import act_on_case
from klantreis.staff.model import StaffRole
from tests.browser.test_booking_page import browser, site  # noqa: F401 - fixtures
from tests.conftest import FixedClock
from tests.scheduling_world import add_case
from tests.staff_world import sign_in_in_browser

pytestmark = pytest.mark.slow


def test_the_funnel_paths_and_roadmap_are_drawn(
    site: tuple[Container, str],  # noqa: F811
    browser,  # type: ignore[no-untyped-def] # noqa: F811
) -> None:
    container, base = site
    clock = container.clock
    assert isinstance(clock, FixedClock)
    for i in range(3):
        case_id = add_case(container, f"c-00{i}")
        if i:
            clock.current += timedelta(hours=1)
            with container.uow_factory() as uow:
                act_on_case(uow, clock, case_id, CaseAction.INVITE)
                uow.commit()
    context = browser.new_context()
    page = context.new_page()
    outside: list[str] = []

    def only_our_server(route):  # type: ignore[no-untyped-def]
        if route.request.url.startswith(base):
            route.continue_()
        else:  # a CDN request would mean the page needs the internet
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_our_server)
    sign_in_in_browser(page, base, container, StaffRole.ANALYST, back_to="/staff/analytics")
    page.wait_for_selector(".main-svg")
    assert page.locator(".js-plotly-plot").count() == 3  # funnel, paths, roadmap
    funnel_chart = page.locator(".js-plotly-plot").first
    assert funnel_chart.locator("text", has_text="Uitgenodigd om te plannen").count() >= 1
    assert page.locator(".sankey").count() >= 1
    assert page.get_by_test_id("funnel-all").inner_text().count("Melding geopend") == 1
    assert outside == []
    context.close()

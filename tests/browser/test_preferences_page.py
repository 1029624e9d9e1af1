"""A customer sets their preferences in real Chromium: from the booking page, no JavaScript."""

from __future__ import annotations

import pytest

from klantreis.app.bootstrap import Container
from klantreis.core.common import Channel, Language
from klantreis.core.customer import Purpose
from tests.browser.test_booking_page import browser, site  # noqa: F401 - fixtures
from tests.e2e.test_preferences_page import confirmation_links
from tests.scheduling_world import add_case

pytestmark = pytest.mark.slow


def test_a_customer_chooses_english_and_text_messages_and_sees_it_saved(
    site: tuple[Container, str],  # noqa: F811
    browser,  # type: ignore[no-untyped-def] # noqa: F811
) -> None:
    container, base = site
    case_id = add_case(container, "c-001", first_name="Jan", initials="J.")
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{base}/b/{container.links.token_for(case_id)}")
    page.get_by_role("link", name="Uw voorkeuren").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Uw voorkeuren"
    page.get_by_label("Taal").select_option("en")
    page.get_by_label("Mobiel nummer").fill("+31 6 12345678")
    page.get_by_label("Keuze 1").select_option("sms")
    page.get_by_role("group", name="Waarvoor mogen we u benaderen?").get_by_label(
        "sms"
    ).first.check()
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_role("status").first.inner_text() == "Your preferences are saved."
    assert (
        page.get_by_test_id("contact-note")
        .inner_text()
        .startswith("We sent a text message to the new number")
    )
    (link,) = confirmation_links(container)  # the text message's link, opened on the phone
    page.goto(f"{base}{link}")
    assert "+31 6 12345678" in page.get_by_role("main").inner_text()
    page.get_by_role("button", name="Yes, confirm").click()
    assert page.get_by_role("status").inner_text().startswith("Confirmed.")
    with container.uow_factory(read_only=True) as uow:
        customer = uow.customers.get("k-c-001")
    assert customer is not None and customer.language is Language.EN
    assert customer.phone == "+31 6 12345678"
    assert customer.channel_preferences[0] is Channel.SMS
    assert customer.has_consent(Purpose.SERVICE, Channel.SMS)
    context.close()

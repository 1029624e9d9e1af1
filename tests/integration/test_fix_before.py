"""A predicted failure carries its fix-before date: the booking page and the invitation offer
only days before it, say so in the customer's words, and a later window is refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container
from klantreis.core.case import CaseOrigin, Findings
from klantreis.core.cases import open_case
from klantreis.core.errors import Unprocessable
from klantreis.core.records import CaseRecord
from klantreis.messaging.notices import invite_to_book
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.scheduling.booking_service import book_window
from klantreis.scheduling.offers import MIN_DEADLINE_DAYS, offer_days, offer_windows
from tests.scheduling_world import add_case

AMS = ZoneInfo("Europe/Amsterdam")
# The clock stands on Thursday 26 March; the failure is expected from Wednesday 1 April.
FIX_BEFORE = date(2026, 4, 1)


def _predicted(world: Container, language: str = "nl") -> str:
    add_case(
        world,
        "c-001",
        language=language,
        consents=[{"purpose": "service", "channel": "email"}],
        channel_preferences=["email"],
    )
    findings = Findings(
        cause="pressure_loss",
        description="pressure falling",
        urgency="soon",
        risk=0.8,
        failure_mode="pressure",
        model_version=1,
        fix_before=FIX_BEFORE,
    )
    with world.uow_factory() as uow:
        case = open_case(
            uow,
            world.clock,
            CaseRecord(
                customer_id="k-c-001",
                origin=CaseOrigin.PREDICTED,
                required_skills=["boiler"],
                summary="pressure falling (predicted)",
            ),
            "p-001",
            findings=findings,
        )
        invite_to_book(uow, world.clock, world.messenger, case)
        uow.commit()
    return "p-001"


def test_only_days_before_the_fix_before_date_are_offered(world: Container) -> None:
    case_id = _predicted(world)
    with world.uow_factory() as uow:
        offering = offer_windows(
            uow, case_id, world.clock.now(), world.travel, world.holidays, world.offer_settings
        )
        stored = uow.cases.get(case_id)
    days = {o.window.start.astimezone(AMS).date() for o in offering.offers}
    assert days and max(days) < FIX_BEFORE
    assert stored is not None and stored.findings is not None
    assert stored.findings.fix_before == FIX_BEFORE  # stored and read back


def test_a_deadline_too_near_or_passed_still_leaves_days_to_book(world: Container) -> None:
    case_id = _predicted(world)
    with world.uow_factory() as uow:
        case = uow.cases.get(case_id)
        assert case is not None and case.findings is not None
        near = replace(case, findings=replace(case.findings, fix_before=date(2026, 3, 28)))
        passed = replace(case, findings=replace(case.findings, fix_before=date(2026, 3, 20)))
    now, settings = world.clock.now(), world.offer_settings
    assert offer_days(now, settings, near) == offer_days(now, settings)[:MIN_DEADLINE_DAYS]
    assert offer_days(now, settings, passed) == offer_days(now, settings)  # late beats never


def test_a_window_after_the_fix_before_date_is_refused(world: Container) -> None:
    case_id = _predicted(world)
    later = datetime(2026, 4, 2, 10, tzinfo=AMS).astimezone(UTC)
    with world.uow_factory() as uow, pytest.raises(Unprocessable):
        book_window(uow, world.booking, case_id, later)
    sooner = datetime(2026, 3, 31, 10, tzinfo=AMS).astimezone(UTC)
    with world.uow_factory() as uow:
        booking = book_window(uow, world.booking, case_id, sooner)
        uow.commit()
    assert booking.day == date(2026, 3, 31)


@pytest.mark.parametrize(
    ("language", "page_text", "mail_text"),
    [
        ("nl", "Wij komen graag vóór woensdag 1 april", "wij komen graag voor woensdag 1 april"),
        ("en", "We would like to come before Wednesday 1 April", "come before Wednesday 1 April"),
    ],
)
def test_the_page_and_the_invitation_say_why_in_the_customer_s_words(
    world: Container, language: str, page_text: str, mail_text: str
) -> None:
    case_id = _predicted(world, language)
    with TestClient(create_app(world)) as client:
        page = client.get(f"/b/{world.links.token_for(case_id)}")
    assert page.status_code == 200 and page_text in page.text
    with world.uow_factory(read_only=True) as uow:
        (invitation,) = [m for m in uow.outbox.list() if m.touchpoint is Touchpoint.INVITATION]
    assert mail_text in invitation.text

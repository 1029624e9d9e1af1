"""Opening and moving cases through the service layer, with fake storage."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from klantreis.core import cases
from klantreis.core import journey_log as journey
from klantreis.core.case import CaseAction, CaseOrigin, CaseState
from klantreis.core.customers import register_customer
from klantreis.core.domain_errors import IllegalTransition
from klantreis.core.errors import NotFound, Unprocessable
from klantreis.core.journey import Phase
from klantreis.core.postcodes import Pc4Gazetteer
from klantreis.core.records import CaseRecord, CustomerRecord, EventRecord
from tests.conftest import FixedClock
from tests.fakes import FakeUnitOfWork

CLOCK = FixedClock(datetime(2026, 3, 29, 1, 30, tzinfo=UTC))  # the spring DST switch


def with_customer() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    register_customer(
        uow,
        Pc4Gazetteer.packaged(),
        CustomerRecord(surname="Vos", street="Kerkstraat", house_number="1", postcode="3511 AB"),
        "k1",
    )
    return uow


def test_opening_a_case_appends_a_journey_event_and_does_not_commit() -> None:
    uow = with_customer()
    case = cases.open_case(
        uow, CLOCK, CaseRecord(customer_id="k1", origin=CaseOrigin.PREDICTED), "c1"
    )
    assert case.state is CaseState.OPENED
    (event,) = uow.events.log
    assert (event.touchpoint, event.phase, event.case_id) == ("case_opened", Phase.SERVICE, "c1")
    assert uow.committed == 0  # the caller owns the commit


def test_a_case_for_an_unknown_customer_is_refused() -> None:
    with pytest.raises(Unprocessable, match="customer"):
        cases.open_case(
            FakeUnitOfWork(),
            CLOCK,
            CaseRecord(customer_id="nobody", origin=CaseOrigin.PREDICTED),
            "c1",
        )


def test_every_move_is_stored_with_its_event_and_illegal_moves_store_nothing() -> None:
    uow = with_customer()
    cases.open_case(
        uow, CLOCK, CaseRecord(customer_id="k1", origin=CaseOrigin.FAULT_REPORTED), "c1"
    )
    cases.act_on_case(uow, CLOCK, "c1", CaseAction.INVITE)
    with pytest.raises(IllegalTransition):
        cases.act_on_case(uow, CLOCK, "c1", CaseAction.RESOLVE)
    stored = uow.cases.get("c1")
    assert stored is not None and stored.state is CaseState.INVITED and stored.version == 1
    assert [e.touchpoint for e in uow.events.log] == ["case_opened", "case_invite"]


def test_moving_an_unknown_case_is_not_found() -> None:
    with pytest.raises(NotFound):
        cases.act_on_case(FakeUnitOfWork(), CLOCK, "nope", CaseAction.INVITE)


def test_events_for_unknown_customers_are_refused_by_index_and_the_rest_kept() -> None:
    uow = with_customer()
    good = EventRecord(
        customer_id="k1",
        phase=Phase.SHARING,
        touchpoint="review_written",
        channel="web",
        occurred_at=CLOCK.now(),
    )
    bad = good.model_copy(update={"customer_id": "ghost"})
    wrong_case = good.model_copy(update={"case_id": "c404"})
    result = journey.append_events(uow, [good, bad, wrong_case, good])
    assert len(result.accepted) == 2
    assert [(r.index, r.field) for r in result.rejected] == [(1, "customer_id"), (2, "case_id")]
    assert len(uow.events.log) == 2


def test_ids_made_one_after_another_sort_in_that_order() -> None:
    from klantreis.core.ids import new_id

    made = [new_id() for _ in range(5000)]
    assert made == sorted(made) and len(set(made)) == 5000
    assert all(len(i) == 32 for i in made)

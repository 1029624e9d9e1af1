"""Triage and surveys without a database: what is answered automatically, what waits for a
person, when a surge is flagged, and what a detractor's answer sets in motion."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from klantreis.core.case import CaseAction, CaseOrigin
from klantreis.core.cases import act_on_case, open_case
from klantreis.core.common import Channel, Language
from klantreis.core.customer import Purpose
from klantreis.core.customers import register_customer
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.errors import Conflict
from klantreis.core.postcodes import Pc4Gazetteer
from klantreis.core.records import CaseRecord, ConsentRecord, CustomerRecord
from klantreis.feedback.service import answer_survey
from klantreis.inbound.model import InboundStatus
from klantreis.inbound.service import Received, receive
from klantreis.messaging.catalog import TemplateCatalog
from klantreis.messaging.moment import SendingCalendar
from klantreis.messaging.outbox_service import Messenger
from klantreis.messaging.touchpoints import Touchpoint
from tests.conftest import FixedClock
from tests.fakes import FakeUnitOfWork

MESSENGER = Messenger(TemplateCatalog.packaged(), SendingCalendar(), lambda case: f"/b/{case}")
CLOCK = FixedClock(datetime(2026, 10, 26, 9, 0, tzinfo=UTC))  # the Monday after the clocks go back


class SaysIt:
    """Reads every message as one intent with one confidence (the classifier's own tests
    measure the classifier; these measure what triage does with its answer)."""

    def __init__(self, intent: str, confidence: float) -> None:
        self.intent, self.confidence = intent, confidence

    def classify(self, text: str) -> tuple[str, float]:
        return self.intent, self.confidence


def _world(language: Language = Language.NL) -> tuple[FakeUnitOfWork, str]:
    uow = FakeUnitOfWork()
    record = CustomerRecord(
        surname="Vos",
        street="Kerkstraat",
        house_number="1",
        postcode="3511 AB",
        email="vos@example.nl",
        language=language,
        channel_preferences=[Channel.EMAIL],
        consents=[
            ConsentRecord(purpose=Purpose.SERVICE, channel=Channel.EMAIL),
            ConsentRecord(purpose=Purpose.SURVEY, channel=Channel.EMAIL),
        ],
    )
    register_customer(uow, Pc4Gazetteer.packaged(), record, "k1")
    case = open_case(
        uow, CLOCK, CaseRecord(customer_id="k1", origin=CaseOrigin.FAULT_REPORTED), "case-1"
    )
    return uow, case.id


def _receive(
    uow: FakeUnitOfWork, reader: SaysIt, body: str, sender: str = "vos@example.nl"
) -> Received:
    return receive(uow, CLOCK, reader, MESSENGER, "email", sender, "Afspraak", body)


def test_a_confident_reschedule_request_is_answered_in_the_customer_s_language() -> None:
    uow, case_id = _world(Language.EN)
    received = _receive(uow, SaysIt("reschedule", 0.9), "Can we do another day?")
    assert received.message.status is InboundStatus.AUTO_REPLIED
    assert received.message.case_id == case_id
    (reply,) = [m for m in uow.outbox.rows.values() if m.touchpoint is Touchpoint.REPLY]
    assert reply.language is Language.EN and reply.id == received.message.reply_id
    assert [e.touchpoint for e in uow.events.log][-1] == "inbound_message"


def test_an_unsure_guess_waits_for_a_person_and_sends_nothing() -> None:
    uow, _ = _world()
    received = _receive(uow, SaysIt("reschedule", 0.4), "misschien een andere dag?")
    assert received.message.status is InboundStatus.QUEUED
    assert not uow.outbox.rows
    assert [m.id for m in uow.inbound.queue()] == [received.message.id]


def test_nul_characters_are_removed_noted_and_keep_the_message_from_an_automatic_answer() -> None:
    uow, _ = _world()
    received = _receive(uow, SaysIt("cancel", 0.95), "Annuleer\x00 alstublieft")
    stored = uow.inbound.get(received.message.id)
    assert stored is not None and stored.body == "Annuleer alstublieft"
    assert stored.note == "NUL characters removed"
    assert stored.status is InboundStatus.QUEUED and not uow.outbox.rows


def test_a_message_from_an_unknown_sender_is_kept_for_a_person_without_a_case() -> None:
    uow, _ = _world()
    received = _receive(uow, SaysIt("cancel", 0.95), "Annuleer", sender="iemand@example.org")
    assert received.message.customer_id is None and received.message.case_id is None
    assert received.message.status is InboundStatus.QUEUED


def test_ten_complaints_in_an_hour_after_a_quiet_week_raise_one_alert_naming_the_campaign() -> None:
    uow, _ = _world()
    uow.inbound.sent["invitation"] = 400
    alerts = [
        _receive(uow, SaysIt("complaint", 0.9), f"klacht {n}", f"k{n}@example.org").alert
        for n in range(12)
    ]
    raised = [a for a in alerts if a is not None]
    assert len(raised) == 1 and raised[0].count == 10  # flagged once, at the tenth
    assert raised[0].likely_cause == "follows 400 'invitation' messages sent in the last 24 hours"


def _visited(uow: FakeUnitOfWork, case_id: str) -> None:
    for action in (CaseAction.BOOK, CaseAction.PLAN, CaseAction.DEPART, CaseAction.ARRIVE):
        act_on_case(uow, CLOCK, case_id, action)
    act_on_case(uow, CLOCK, case_id, CaseAction.RESOLVE)


def test_a_detractor_is_queued_to_be_called_back_with_what_they_wrote() -> None:
    uow, case_id = _world()
    _visited(uow, case_id)
    answer = answer_survey(uow, CLOCK, case_id, 3, 2, "Te laat\x00", "Bosch", "Op tijd")
    assert answer.detractor and answer.comment == "Te laat"
    (follow_up,) = uow.inbound.queue()
    assert follow_up.note == "detractor (NPS 3): call back"
    assert "Te laat" in follow_up.body and "Bosch" in follow_up.body
    assert {e.touchpoint for e in uow.events.log} >= {"survey_answered", "detractor_follow_up"}


def test_a_visit_is_rated_once_and_only_after_it_took_place() -> None:
    uow, case_id = _world()
    with pytest.raises(Conflict, match="has not taken place"):
        answer_survey(uow, CLOCK, case_id, 9, 6)
    _visited(uow, case_id)
    answer_survey(uow, CLOCK, case_id, 9, 6)
    with pytest.raises(Conflict, match="rated already"):
        answer_survey(uow, CLOCK, case_id, 10, 7)
    assert not uow.inbound.queue()  # a promoter is not called back


def test_an_answer_out_of_range_is_refused_by_name() -> None:
    uow, case_id = _world()
    _visited(uow, case_id)
    with pytest.raises(InvalidValue, match="nps"):
        answer_survey(uow, CLOCK, case_id, 11, 6)

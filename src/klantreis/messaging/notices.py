"""The invitation to book, enqueued in the same unit of work as the case it is for; what a
booking tells its customer afterwards is scheduling's (``klantreis.scheduling.notices``)."""

from __future__ import annotations

from klantreis.core.case import CaseAction, ServiceCase
from klantreis.core.cases import act_on_case
from klantreis.core.common import Language
from klantreis.core.i18n import day_label
from klantreis.core.ports import Clock
from klantreis.messaging.outbox import Status
from klantreis.messaging.outbox_service import Messenger, enqueue
from klantreis.messaging.ports import MessagingUnit
from klantreis.messaging.touchpoints import Touchpoint, Urgency
from klantreis.messaging.values import message_values


def _fix_before_words(case: ServiceCase, language: Language) -> str:
    deadline = case.findings.fix_before if case.findings else None
    return day_label(deadline, language) if deadline else ""


def _has_deadline(case: ServiceCase) -> bool:
    return case.findings is not None and case.findings.fix_before is not None


def invite_to_book(
    uow: MessagingUnit, clock: Clock, messenger: Messenger, case: ServiceCase
) -> bool:
    """Invite the customer to choose a window; the case moves to *invited* when the
    invitation has a channel and a moment. Urgent cases do not wait for holidays."""
    customer = uow.customers.get(case.customer_id)
    if customer is None:
        return False
    device = uow.devices.get(case.device_id) if case.device_id else None
    values = message_values(
        customer,
        customer.language,
        messenger.link_for(case.id),
        device,
        reason=messenger.templates.invitation_reason(case.origin, customer.language),
        deadline=messenger.templates.fix_before_phrase(
            customer.language, _fix_before_words(case, customer.language)
        ),
    )
    message = enqueue(
        uow,
        clock,
        messenger,
        customer,
        Touchpoint.INVITATION,
        values,
        cause=f"invite:{case.id}",
        case_id=case.id,
        # A deadline (a predicted failure's fix-before date) cannot wait for the holidays.
        urgency=Urgency.PROMPT if case.urgent or _has_deadline(case) else None,
    )
    if message.status is not Status.PENDING:
        return False
    act_on_case(uow, clock, case.id, CaseAction.INVITE, "invitation queued")
    return True

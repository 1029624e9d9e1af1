"""Customer service's desk in the console (``/staff/agent``): what the machine did not answer
on its own, by intent with its guess and how sure it was; callback requests with their
outcome; detractors to call back; surges of one intent with their likely cause."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from klantreis.core.addressing import salutation
from klantreis.core.api.deps import ContainerOf, UnitOfWorkDep
from klantreis.core.customer import Customer
from klantreis.core.i18n import DEFAULT_ZONE
from klantreis.core.records import strip_nul
from klantreis.core.web.templating import page_templates
from klantreis.core.web.texts import texts_for
from klantreis.inbound.callback_windows import CallbackOutcome
from klantreis.inbound.callbacks import CALLBACK_INTENT, record_callback_outcome
from klantreis.inbound.model import InboundMessage
from klantreis.inbound.ports import InboundUnit
from klantreis.inbound.service import alerts_since, mark_handled, waiting_with_senders
from klantreis.inbound.wiring import InboundWiring
from klantreis.staff.audit import AuditAction, SubjectKind
from klantreis.staff.console import console_page, notice_of, saved
from klantreis.staff.model import StaffRole
from klantreis.staff.service import actor_of, audit
from klantreis.staff.signed_in import StaffRequest, staff_only

UowDep = UnitOfWorkDep[InboundUnit]
ContainerDep = ContainerOf[InboundWiring]
Agent = Annotated[StaffRequest, Depends(staff_only(StaffRole.AGENT))]

templates = page_templates(Path(__file__).parent / "templates")
PATH = "/staff/agent"
router = APIRouter(prefix=PATH, include_in_schema=False)
DETRACTOR = "detractor"  # the note a low survey score leaves on its queued message
ALERT_HOURS = 24
MessageId = Annotated[str, PathParam(max_length=32)]


def _message_view(message: InboundMessage, customer: Customer | None) -> dict[str, object]:
    return {
        "id": message.id,
        "received": message.received_at.astimezone(DEFAULT_ZONE).strftime("%d-%m %H:%M"),
        "channel": message.channel,
        "sender": message.sender,
        "customer": salutation(customer, customer.language) if customer else "",
        "language": message.language.value,
        "subject": message.subject,
        "body": message.body[:600],
        "intent": message.intent,
        "confidence": round(message.confidence * 100),
        "note": message.note,
        "case_id": message.case_id or "",
        "callback": message.intent == CALLBACK_INTENT,
        "detractor": message.note.startswith(DETRACTOR),
    }


@router.get("", response_class=HTMLResponse)
def desk(request: Request, staff: Agent, container: ContainerDep, uow: UowDep) -> HTMLResponse:
    t = texts_for(staff.user.language)
    queue = {
        intent: [_message_view(m, customer) for m, customer in messages]
        for intent, messages in waiting_with_senders(uow).items()
    }
    since = container.clock.now() - timedelta(hours=ALERT_HOURS)
    alerts = [
        {
            "raised": a.raised_at.astimezone(DEFAULT_ZONE).strftime("%d-%m %H:%M"),
            "intent": a.intent,
            "count": a.count,
            "baseline": f"{a.baseline_per_hour:.1f}",
            "cause": a.likely_cause,
        }
        for a in alerts_since(uow, since)
    ]
    return console_page(
        templates,
        request,
        "desk.html",
        staff,
        t["desk_title"],
        queue=queue,
        alerts=alerts,
        outcomes=[o.value for o in CallbackOutcome],
        notice=notice_of(request, t, ("desk_handled", "desk_callback_saved")),
    )


def _back(key: str) -> RedirectResponse:
    return saved(PATH, key)


@router.post("/messages/{message_id}/handled")
def handled(message_id: MessageId, staff: Agent, container: ContainerDep, uow: UowDep) -> Response:
    mark_handled(uow, message_id)
    audit(
        uow,
        container.clock,
        actor_of(staff.user),
        AuditAction.MESSAGE_HANDLED,
        SubjectKind.MESSAGE,
        message_id,
    )
    return _back("desk_handled")


@router.post("/messages/{message_id}/callback")
def callback_outcome(
    message_id: MessageId,
    staff: Agent,
    container: ContainerDep,
    uow: UowDep,
    outcome: Annotated[str, Form(max_length=32)],
    note: Annotated[str, Form(max_length=2_000)] = "",
) -> Response:
    request = record_callback_outcome(uow, container.clock, message_id, outcome, strip_nul(note))
    audit(
        uow,
        container.clock,
        actor_of(staff.user),
        AuditAction.CALLBACK_RECORDED,
        SubjectKind.MESSAGE,
        message_id,
        outcome=outcome,
        case=request.case_id or "",
    )
    return _back("desk_callback_saved")

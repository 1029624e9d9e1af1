"""Asking how the visit went (once per case), taking the answer, acting on detractors, and
reading the results per persona, channel, technician and period."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from klantreis.core.case import CaseState, ServiceCase
from klantreis.core.cases import get_case
from klantreis.core.common import Channel, Language
from klantreis.core.customer import Customer
from klantreis.core.errors import Conflict, NotFound
from klantreis.core.ids import new_id
from klantreis.core.journey import JourneyTouchpoint
from klantreis.core.journey_log import record_case_event
from klantreis.core.ports import Clock
from klantreis.core.records import strip_nul
from klantreis.feedback.model import SurveyAnswer, mean_effort, net_promoter_score
from klantreis.feedback.ports import FeedbackUnit
from klantreis.inbound.model import InboundMessage, InboundStatus
from klantreis.messaging.outbox_service import Messenger, enqueue
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.messaging.values import message_values

ASK_AFTER = timedelta(hours=2)  # let the technician drive off before we ask
ASK_UNTIL = timedelta(days=14)
GROUPINGS = ("persona", "channel", "technician", "period")


def invite_to_survey(
    uow: FeedbackUnit, clock: Clock, messenger: Messenger, case: ServiceCase
) -> None:
    customer = uow.customers.get(case.customer_id)
    if customer is None or messenger.survey_link_for is None:
        return
    device = uow.devices.get(case.device_id) if case.device_id else None
    values = message_values(customer, customer.language, messenger.survey_link_for(case.id), device)
    now = clock.now()
    enqueue(
        uow,
        clock,
        messenger,
        customer,
        Touchpoint.SURVEY,
        values,
        cause=f"survey:{case.id}",
        case_id=case.id,
        not_before=now + ASK_AFTER,
        expires_at=now + ASK_UNTIL,
    )


@dataclass(frozen=True)
class SurveyState:
    customer: Customer
    answered: bool


def survey_state(uow: FeedbackUnit, case_id: str) -> SurveyState:
    """Whom the survey page addresses, and whether the case was rated already."""
    case = uow.cases.get(case_id)
    customer = uow.customers.get(case.customer_id) if case else None
    if customer is None:
        raise NotFound("this link has no visit")
    return SurveyState(customer, uow.surveys.for_case(case_id) is not None)


def answer_survey(
    uow: FeedbackUnit,
    clock: Clock,
    case_id: str,
    nps: int,
    ces: int,
    comment: str = "",
    better_company: str = "",
    better_how: str = "",
) -> SurveyAnswer:
    """Raises ``InvalidValue`` for an answer out of range, ``Conflict`` when the case was
    answered already or its visit did not take place."""
    case = get_case(uow, case_id)
    if case.state not in (CaseState.RESOLVED, CaseState.CLOSED):
        raise Conflict("this visit has not taken place, so there is nothing to rate yet")
    now = clock.now()
    answer = SurveyAnswer(
        case.id,
        case.customer_id,
        now,
        nps,
        ces,
        strip_nul(comment).strip(),
        strip_nul(better_company).strip(),
        strip_nul(better_how).strip(),
    )
    if not uow.surveys.add(answer):
        raise Conflict("this visit has been rated already; thank you")
    record_case_event(
        uow, case, JourneyTouchpoint.SURVEY_ANSWERED, Channel.WEB, now, {"nps": nps, "ces": ces}
    )
    if answer.detractor:
        _follow_up(uow, case, answer)
    return answer


def _follow_up(uow: FeedbackUnit, case: ServiceCase, answer: SurveyAnswer) -> None:
    """A detractor goes to a person's queue, with what they wrote, to be called back."""
    customer = uow.customers.get(case.customer_id)
    uow.inbound.add(
        InboundMessage(
            id=new_id(),
            received_at=answer.answered_at,
            channel="web",
            sender=customer.email if customer else "",
            subject=f"NPS {answer.nps}, CES {answer.ces}",
            body="\n".join(
                x for x in (answer.comment, answer.better_company, answer.better_how) if x
            ),
            language=customer.language if customer else Language.NL,
            intent="complaint",
            confidence=1.0,
            status=InboundStatus.QUEUED,
            customer_id=case.customer_id,
            case_id=case.id,
            note=f"detractor (NPS {answer.nps}): call back",
        )
    )
    record_case_event(
        uow,
        case,
        JourneyTouchpoint.DETRACTOR_FOLLOW_UP,
        Channel.WEB,
        answer.answered_at,
        {"nps": answer.nps},
    )


@dataclass(frozen=True, slots=True)
class SurveyResult:
    group: str
    answers: int
    nps: float | None
    ces: float | None
    detractors: int


def survey_results(uow: FeedbackUnit, by: str) -> list[SurveyResult]:
    if by not in GROUPINGS:
        raise ValueError(f"cannot group survey results by '{by}' (choose from {GROUPINGS})")
    groups: dict[str, list[SurveyAnswer]] = defaultdict(list)
    known: dict[tuple[str, str], str] = {}  # one lookup per customer or case, not per answer
    for answer in uow.surveys.all():
        key = (answer.customer_id, answer.case_id if by != "persona" else "")
        if key not in known:
            known[key] = _group_of(uow, answer, by)
        groups[known[key]].append(answer)
    return [
        SurveyResult(
            group,
            len(answers),
            net_promoter_score(answers),
            mean_effort(answers),
            sum(a.detractor for a in answers),
        )
        for group, answers in sorted(groups.items())
    ]


def _group_of(uow: FeedbackUnit, answer: SurveyAnswer, by: str) -> str:
    if by == "period":
        return answer.answered_at.strftime("%Y-%m")
    if by == "persona":
        customer = uow.customers.get(answer.customer_id)
        return customer.persona.value if customer else "unknown"
    if by == "technician":
        booking = uow.bookings.latest_for_case(answer.case_id)
        return booking.technician_id if booking else "unknown"
    asked = [
        m
        for m in uow.outbox.list(customer_id=answer.customer_id)
        if m.case_id == answer.case_id and m.touchpoint is Touchpoint.SURVEY
    ]
    return asked[-1].channel.value if asked and asked[-1].channel else "unknown"

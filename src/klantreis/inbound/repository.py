"""Inbound messages and surge alerts in storage."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from klantreis.core.common import Language
from klantreis.core.db.tables import service_cases
from klantreis.inbound.model import InboundMessage, InboundStatus, SurgeAlert
from klantreis.inbound.tables import inbound_alerts, inbound_messages
from klantreis.messaging.tables import outbox_messages

_T = inbound_messages


def _message(r: Any) -> InboundMessage:
    return InboundMessage(
        id=r.id,
        received_at=r.received_at,
        channel=r.channel,
        sender=r.sender,
        subject=r.subject,
        body=r.body,
        language=Language(r.language),
        intent=r.intent,
        confidence=r.confidence,
        status=InboundStatus(r.status),
        customer_id=r.customer_id,
        case_id=r.case_id,
        reply_id=r.reply_id,
        note=r.note,
    )


class SqlInboundRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, m: InboundMessage) -> None:
        self._session.execute(
            insert(_T).values(
                id=m.id,
                received_at=m.received_at,
                channel=m.channel,
                sender=m.sender,
                subject=m.subject,
                body=m.body,
                language=m.language.value,
                intent=m.intent,
                confidence=m.confidence,
                status=m.status.value,
                customer_id=m.customer_id,
                case_id=m.case_id,
                reply_id=m.reply_id,
                note=m.note,
            )
        )

    def count(self, intent: str, since: datetime, until: datetime) -> int:
        query = select(func.count()).where(
            _T.c.intent == intent, _T.c.received_at >= since, _T.c.received_at < until
        )
        return int(self._session.scalar(query) or 0)

    def queue(self, limit: int = 500) -> list[InboundMessage]:
        query = (
            select(_T)
            .where(_T.c.status == InboundStatus.QUEUED.value)
            .order_by(_T.c.intent, _T.c.received_at)
            .limit(limit)
        )
        return [_message(r) for r in self._session.execute(query)]

    def get(self, message_id: str) -> InboundMessage | None:
        row = self._session.execute(select(_T).where(_T.c.id == message_id)).first()
        return _message(row) if row else None

    def set_status(self, message_id: str, status: InboundStatus) -> None:
        self._session.execute(update(_T).where(_T.c.id == message_id).values(status=status.value))

    def add_alert(self, alert: SurgeAlert) -> None:
        self._session.execute(
            insert(inbound_alerts).values(
                id=alert.id,
                raised_at=alert.raised_at,
                intent=alert.intent,
                count=alert.count,
                baseline_per_hour=alert.baseline_per_hour,
                likely_cause=alert.likely_cause,
            )
        )

    def alerts(self, since: datetime) -> list[SurgeAlert]:
        rows = self._session.execute(
            select(inbound_alerts)
            .where(inbound_alerts.c.raised_at >= since)
            .order_by(inbound_alerts.c.raised_at.desc())
        )
        return [
            SurgeAlert(
                r.id,
                r.raised_at,
                r.intent,
                r._mapping["count"],  # a Row's .count is the tuple method to the type checker
                r.baseline_per_hour,
                r.likely_cause,
            )
            for r in rows
        ]

    def sent_since(self, since: datetime) -> Counter[str]:
        rows = self._session.execute(
            select(outbox_messages.c.touchpoint, func.count())
            .where(outbox_messages.c.sent_at >= since)
            .group_by(outbox_messages.c.touchpoint)
        )
        return Counter({touchpoint: int(n) for touchpoint, n in rows})

    def cases_opened_since(self, since: datetime) -> Counter[str]:
        rows = self._session.execute(
            select(service_cases.c.origin, func.count())
            .where(service_cases.c.opened_at >= since)
            .group_by(service_cases.c.origin)
        )
        return Counter({origin: int(n) for origin, n in rows})

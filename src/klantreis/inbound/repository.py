"""Inbound messages and surge alerts in storage."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from klantreis.core.db.rows import from_row, to_row
from klantreis.core.db.tables import service_cases
from klantreis.inbound.model import InboundMessage, InboundStatus, SurgeAlert
from klantreis.inbound.tables import inbound_alerts, inbound_messages
from klantreis.messaging.tables import outbox_messages

_T = inbound_messages


class SqlInboundRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, m: InboundMessage) -> None:
        self._session.execute(insert(_T).values(to_row(m)))

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
        return [from_row(InboundMessage, r) for r in self._session.execute(query)]

    def get(self, message_id: str) -> InboundMessage | None:
        row = self._session.execute(select(_T).where(_T.c.id == message_id)).first()
        return from_row(InboundMessage, row) if row else None

    def set_status(self, message_id: str, status: InboundStatus) -> None:
        self._session.execute(update(_T).where(_T.c.id == message_id).values(status=status.value))

    def add_alert(self, alert: SurgeAlert) -> None:
        self._session.execute(insert(inbound_alerts).values(to_row(alert)))

    def alerts(self, since: datetime) -> list[SurgeAlert]:
        rows = self._session.execute(
            select(inbound_alerts)
            .where(inbound_alerts.c.raised_at >= since)
            .order_by(inbound_alerts.c.raised_at.desc())
        )
        return [from_row(SurgeAlert, r) for r in rows]

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

"""The outbox in storage: messages claimed with a lease, PostgreSQL skipping locked rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from klantreis.core.common import Channel
from klantreis.core.db.repositories._common import upsert_insert
from klantreis.core.db.rows import from_row, to_row
from klantreis.messaging.outbox import OutboxMessage, Status
from klantreis.messaging.tables import blocked_channels, outbox_messages
from klantreis.messaging.touchpoints import Touchpoint

_T = outbox_messages


# The message's fields under their columns' names; its history is kept in memory only.
_COLUMNS = {"text": "body_text", "html": "body_html", "values": "template_values"}


def _row(m: OutboxMessage) -> dict[str, Any]:
    return to_row(m, skip=("history",), **_COLUMNS)


def _message(r: Any) -> OutboxMessage:
    return from_row(OutboxMessage, r, None, **_COLUMNS)


class SqlOutboxRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, message: OutboxMessage) -> bool:
        statement = upsert_insert(self._session)(_T).values(_row(message))
        inserted = self._session.execute(
            statement.on_conflict_do_nothing(index_elements=[_T.c.dedupe_key]).returning(_T.c.id)
        ).first()
        return inserted is not None  # rowcount is unreliable for ON CONFLICT on psycopg

    def get(self, message_id: str) -> OutboxMessage | None:
        row = self._session.execute(select(_T).where(_T.c.id == message_id)).first()
        return _message(row) if row else None

    def claim_due(self, now: datetime, limit: int, lease: timedelta) -> list[OutboxMessage]:
        query = (
            select(_T)
            .where(_T.c.status == Status.PENDING.value, _T.c.send_after <= now)
            .order_by(_T.c.send_after, _T.c.id)
            .limit(limit)
        )
        if self._session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        claimed = [_message(r) for r in self._session.execute(query)]
        if claimed:
            self._session.execute(
                update(_T)
                .where(_T.c.id.in_([m.id for m in claimed]))
                .values(status=Status.CLAIMED.value, claimed_until=now + lease)
            )
        for message in claimed:
            message.status, message.claimed_until = Status.CLAIMED, now + lease
        return claimed

    def start_sending(self, message_id: str) -> bool:
        result = self._session.execute(
            update(_T)
            .where(_T.c.id == message_id, _T.c.status == Status.CLAIMED.value)
            .values(status=Status.SENDING.value)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def abandon_expired_leases(self, now: datetime) -> tuple[int, int]:
        expired = _T.c.claimed_until < now
        requeued = self._session.execute(
            update(_T)
            .where(_T.c.status == Status.CLAIMED.value, expired)
            .values(status=Status.PENDING.value, claimed_until=None)
        )
        uncertain = self._session.execute(
            update(_T)
            .where(_T.c.status == Status.SENDING.value, expired)
            .values(
                status=Status.UNCERTAIN.value,
                last_error="a worker stopped while sending; check before sending again",
            )
        )
        return int(requeued.rowcount), int(uncertain.rowcount)  # type: ignore[attr-defined]

    def save(self, message: OutboxMessage) -> None:
        values = _row(message)
        del values["id"]
        self._session.execute(update(_T).where(_T.c.id == message.id).values(values))

    def list(
        self, status: Status | None = None, customer_id: str | None = None, limit: int = 1000
    ) -> Sequence[OutboxMessage]:
        query = select(_T).order_by(_T.c.created_at, _T.c.id).limit(limit)
        if status is not None:
            query = query.where(_T.c.status == status.value)
        if customer_id is not None:
            query = query.where(_T.c.customer_id == customer_id)
        return [_message(r) for r in self._session.execute(query)]

    def counts(self) -> dict[Status, int]:
        rows = self._session.execute(select(_T.c.status, func.count()).group_by(_T.c.status))
        return {Status(s): int(n) for s, n in rows}

    def withdraw(self, case_id: str, touchpoint: Touchpoint) -> int:
        result = self._session.execute(
            update(_T)
            .where(
                _T.c.case_id == case_id,
                _T.c.touchpoint == touchpoint.value,
                _T.c.status == Status.PENDING.value,
            )
            .values(status=Status.WITHDRAWN.value)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    def blocked(self, customer_id: str) -> set[Channel]:
        rows = self._session.scalars(
            select(blocked_channels.c.channel).where(blocked_channels.c.customer_id == customer_id)
        )
        return {Channel(c) for c in rows}

    def block(self, customer_id: str, channel: Channel, reason: str, at: datetime) -> None:
        statement = upsert_insert(self._session)(blocked_channels).values(
            customer_id=customer_id, channel=channel.value, reason=reason, blocked_at=at
        )
        self._session.execute(statement.on_conflict_do_nothing())

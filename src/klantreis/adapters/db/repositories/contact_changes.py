"""Contact changes waiting for confirmation; the link's secret is stored only as a hash."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from klantreis.adapters.db.tables import contact_changes
from klantreis.domain.contact_change import ContactChange, ContactField


def _from_row(r: Any) -> ContactChange:
    return ContactChange(
        id=r.id,
        customer_id=r.customer_id,
        case_id=r.case_id,
        field=ContactField(r.field),
        old_value=r.old_value,
        new_value=r.new_value,
        requested_at=r.requested_at,
        confirmed_at=r.confirmed_at,
        superseded=r.superseded,
    )


class SqlContactChangeRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, change: ContactChange, token_hash: str) -> None:
        c = contact_changes.c
        # A newer request for the same field replaces any that still waits.
        self._session.execute(
            update(contact_changes)
            .where(
                c.customer_id == change.customer_id,
                c.field == change.field.value,
                c.confirmed_at.is_(None),
            )
            .values(superseded=True)
        )
        self._session.execute(
            insert(contact_changes).values(
                id=change.id,
                customer_id=change.customer_id,
                case_id=change.case_id,
                field=change.field.value,
                old_value=change.old_value,
                new_value=change.new_value,
                token_hash=token_hash,
                requested_at=change.requested_at,
                superseded=False,
            )
        )

    def by_token_hash(self, token_hash: str, *, for_update: bool = False) -> ContactChange | None:
        query = select(contact_changes).where(contact_changes.c.token_hash == token_hash)
        row = self._session.execute(query.with_for_update() if for_update else query).first()
        return _from_row(row) if row else None

    def requested_since(self, customer_id: str, since: datetime) -> int:
        c = contact_changes.c
        return int(
            self._session.scalar(
                select(func.count()).where(c.customer_id == customer_id, c.requested_at >= since)
            )
            or 0
        )

    def waiting(self, customer_id: str, requested_after: datetime) -> Sequence[ContactChange]:
        c = contact_changes.c
        rows = self._session.execute(
            select(contact_changes)
            .where(
                c.customer_id == customer_id,
                c.confirmed_at.is_(None),
                c.superseded.is_(False),
                c.requested_at > requested_after,
            )
            .order_by(c.requested_at)
        )
        return [_from_row(r) for r in rows]

    def confirm(self, change_id: str, at: datetime) -> None:
        self._session.execute(
            update(contact_changes).where(contact_changes.c.id == change_id).values(confirmed_at=at)
        )

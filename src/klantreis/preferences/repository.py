"""Contact changes waiting for both ends to say yes; the links' secrets are stored only as
hashes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.orm import Session

from klantreis.core.db.rows import from_row
from klantreis.preferences.contact_change import ContactChange, Side
from klantreis.preferences.tables import contact_changes


class SqlContactChangeRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, change: ContactChange, token_hash: str, approve_hash: str | None) -> None:
        c = contact_changes.c
        # A newer request for the same field replaces any that still waits.
        self._session.execute(
            update(contact_changes)
            .where(c.customer_id == change.customer_id, c.field == change.field.value)
            .values(superseded=True)  # one already in effect stays so (see its state)
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
                approve_hash=approve_hash,
                requested_at=change.requested_at,
                superseded=False,
            )
        )

    def by_token_hash(
        self, token_hash: str, *, for_update: bool = False
    ) -> tuple[ContactChange, Side] | None:
        """The change a link's secret belongs to, and which end that link was sent to."""
        c = contact_changes.c
        query = select(contact_changes).where(
            or_(c.token_hash == token_hash, c.approve_hash == token_hash)
        )
        row = self._session.execute(query.with_for_update() if for_update else query).first()
        if row is None:
            return None
        return from_row(ContactChange, row), Side.NEW if row.token_hash == token_hash else Side.OLD

    def requested_since(self, customer_id: str, since: datetime) -> int:
        c = contact_changes.c
        return int(
            self._session.scalar(
                select(func.count()).where(c.customer_id == customer_id, c.requested_at >= since)
            )
            or 0
        )

    def say_yes(self, change_id: str, side: Side, at: datetime) -> None:
        column = "confirmed_at" if side is Side.NEW else "approved_at"
        self._session.execute(
            update(contact_changes).where(contact_changes.c.id == change_id).values({column: at})
        )

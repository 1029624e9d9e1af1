"""Staff accounts, sessions and reset secrets in SQL; the audit trail, appended only."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.orm import Session

from klantreis.core.common import Language
from klantreis.core.db.rows import from_row, to_row
from klantreis.staff.audit import Actor, AuditEntry
from klantreis.staff.model import StaffRole, StaffSession, StaffUser
from klantreis.staff.tables import audit_log, password_resets, staff_sessions, staff_users


def _user_row(user: StaffUser) -> dict[str, Any]:
    return to_row(user) | {"roles": sorted(role.value for role in user.roles)}


def _user(row: Any) -> StaffUser:
    return from_row(
        StaffUser,
        row,
        {"roles": frozenset(StaffRole(r) for r in row.roles), "language": Language(row.language)},
    )


class SqlStaffRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, user: StaffUser) -> None:
        self._session.execute(insert(staff_users).values(_user_row(user)))

    def save(self, user: StaffUser) -> None:
        self._session.execute(
            update(staff_users).where(staff_users.c.id == user.id).values(_user_row(user))
        )

    def get(self, user_id: str) -> StaffUser | None:
        row = self._session.execute(select(staff_users).where(staff_users.c.id == user_id)).first()
        return _user(row) if row else None

    def by_email(self, email: str, *, for_update: bool = False) -> StaffUser | None:
        query = select(staff_users).where(staff_users.c.email == email)
        row = self._session.execute(query.with_for_update() if for_update else query).first()
        return _user(row) if row else None

    def by_oidc_subject(self, subject: str) -> StaffUser | None:
        query = select(staff_users).where(staff_users.c.oidc_subject == subject)
        row = self._session.execute(query).first()
        return _user(row) if row else None

    def list(self) -> Sequence[StaffUser]:
        rows = self._session.execute(select(staff_users).order_by(staff_users.c.email))
        return [_user(r) for r in rows]

    def count(self) -> int:
        return int(self._session.scalar(select(func.count()).select_from(staff_users)) or 0)

    def open_session(self, session: StaffSession, token_hash: str) -> None:
        self._session.execute(
            insert(staff_sessions).values(to_row(session) | {"token_hash": token_hash})
        )

    def session_by_token_hash(self, token_hash: str) -> StaffSession | None:
        query = select(staff_sessions).where(staff_sessions.c.token_hash == token_hash)
        row = self._session.execute(query).first()
        return from_row(StaffSession, row) if row else None

    def touch_session(self, session_id: str, at: datetime) -> None:
        self._session.execute(
            update(staff_sessions).where(staff_sessions.c.id == session_id).values(last_seen_at=at)
        )

    def end_session(self, session_id: str, at: datetime) -> None:
        c = staff_sessions.c
        self._session.execute(
            update(staff_sessions)
            .where(c.id == session_id, c.ended_at.is_(None))
            .values(ended_at=at)
        )

    def end_sessions_of(self, user_id: str, at: datetime) -> int:
        c = staff_sessions.c
        result = self._session.execute(
            update(staff_sessions)
            .where(c.user_id == user_id, c.ended_at.is_(None))
            .values(ended_at=at)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    def add_reset(self, user_id: str, token_hash: str, at: datetime, expires: datetime) -> None:
        c = password_resets.c
        self._session.execute(
            update(password_resets)
            .where(c.user_id == user_id, c.used_at.is_(None))
            .values(used_at=at)
        )
        self._session.execute(
            insert(password_resets).values(
                token_hash=token_hash, user_id=user_id, created_at=at, expires_at=expires
            )
        )

    def take_reset(self, token_hash: str, at: datetime) -> str | None:
        c = password_resets.c
        # One statement: of two requests with the same secret, only one marks it used.
        taken = self._session.execute(
            update(password_resets)
            .where(c.token_hash == token_hash, c.used_at.is_(None), c.expires_at > at)
            .values(used_at=at)
            .returning(c.user_id)
        ).first()
        return str(taken.user_id) if taken else None


class SqlAuditLog:
    def __init__(self, session: Session) -> None:
        self._session = session

    def append(self, entry: AuditEntry) -> None:
        self._session.execute(
            insert(audit_log).values(
                id=entry.id,
                at=entry.at,
                actor_label=entry.actor.label,
                actor_user_id=entry.actor.user_id,
                action=entry.action.value,
                subject_kind=entry.subject_kind.value,
                subject_id=entry.subject_id,
                detail=entry.detail,
            )
        )

    def list(
        self,
        limit: int,
        before: tuple[datetime, str] | None = None,
        subject_id: str | None = None,
    ) -> Sequence[AuditEntry]:
        c = audit_log.c
        query = select(audit_log).order_by(c.at.desc(), c.id.desc()).limit(limit)
        if before is not None:
            at, entry_id = before
            query = query.where(or_(c.at < at, and_(c.at == at, c.id < entry_id)))
        if subject_id is not None:
            query = query.where(c.subject_id == subject_id)
        return [
            from_row(AuditEntry, r, {"actor": Actor(r.actor_label, r.actor_user_id)})
            for r in self._session.execute(query)
        ]

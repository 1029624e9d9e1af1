"""API keys, stored only as SHA-256 hashes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import insert, or_, select, update
from sqlalchemy.orm import Session

from klantreis.core.api_key import ApiKeyInfo, Role
from klantreis.core.db.tables import api_keys


class SqlApiKeyRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self,
        key_id: str,
        name: str,
        role: str,
        key_hash: str,
        at: datetime,
        serials: Sequence[str] | None = None,
        technician_id: str | None = None,
    ) -> None:
        self._session.execute(
            insert(api_keys).values(
                id=key_id,
                name=name,
                role=role,
                key_hash=key_hash,
                created_at=at,
                serials=sorted(serials) if serials is not None else None,
                technician_id=technician_id,
            )
        )

    def serials_for(self, key_hash: str) -> frozenset[str]:
        found = self._session.scalar(
            select(api_keys.c.serials).where(
                api_keys.c.key_hash == key_hash, api_keys.c.revoked_at.is_(None)
            )
        )
        return frozenset(found or ())

    def technician_for(self, key_hash: str) -> str | None:
        return self._session.scalar(
            select(api_keys.c.technician_id).where(
                api_keys.c.key_hash == key_hash, api_keys.c.revoked_at.is_(None)
            )
        )

    def revoke(self, key_id_or_name: str, at: datetime) -> int:
        result = self._session.execute(
            update(api_keys)
            .where(
                or_(api_keys.c.id == key_id_or_name, api_keys.c.name == key_id_or_name),
                api_keys.c.revoked_at.is_(None),
            )
            .values(revoked_at=at)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    def list(self) -> Sequence[ApiKeyInfo]:
        rows = self._session.execute(select(api_keys).order_by(api_keys.c.created_at.desc()))
        return [
            ApiKeyInfo(
                r.id,
                r.name,
                Role(r.role),
                r.created_at,
                r.revoked_at,
                len(r.serials or ()),
                r.technician_id,
            )
            for r in rows
        ]

    def role_for(self, key_hash: str) -> str | None:
        return self._session.scalar(
            select(api_keys.c.role).where(
                api_keys.c.key_hash == key_hash, api_keys.c.revoked_at.is_(None)
            )
        )

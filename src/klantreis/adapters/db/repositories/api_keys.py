"""API keys, stored only as SHA-256 hashes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from klantreis.adapters.db.tables import api_keys


class SqlApiKeyRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, key_id: str, name: str, role: str, key_hash: str, at: datetime) -> None:
        self._session.execute(
            insert(api_keys).values(
                id=key_id, name=name, role=role, key_hash=key_hash, created_at=at
            )
        )

    def role_for(self, key_hash: str) -> str | None:
        return self._session.scalar(
            select(api_keys.c.role).where(
                api_keys.c.key_hash == key_hash, api_keys.c.revoked_at.is_(None)
            )
        )

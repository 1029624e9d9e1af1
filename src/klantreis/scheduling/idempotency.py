"""Idempotency keys: a retried request gets the first answer, never a second booking."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from klantreis.core.errors import Unprocessable
from klantreis.core.ports import Clock, UnitOfWork
from klantreis.scheduling.ports import StoredResponse


def fingerprint(scope: str, payload: dict[str, Any]) -> str:
    text = json.dumps({"scope": scope, "payload": payload}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def replay(uow: UnitOfWork, key: str, print_: str) -> StoredResponse | None:
    """The stored answer for ``key``; refuses a key reused for a different request."""
    stored = uow.idempotency.get(key)
    if stored is not None and stored.fingerprint != print_:
        raise Unprocessable(
            "this Idempotency-Key was used for a different request", field="Idempotency-Key"
        )
    return stored


def remember(
    uow: UnitOfWork, clock: Clock, key: str, print_: str, status: int, body: dict[str, Any]
) -> None:
    """Store the answer in the same transaction; raises ``DuplicateKey`` if a twin got there."""
    uow.idempotency.add(key, StoredResponse(print_, status, body), clock.now())

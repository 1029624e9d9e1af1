"""Idempotency keys: a retried request gets the first answer, never a second booking.

The API (``Idempotency-Key`` header) and the booking page (a key in each form, so a double
click or a reload books once) share ``answer_once``, so both replay the first answer.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from fastapi.responses import Response

from klantreis.core.api.answers import AnswerAfterRollback
from klantreis.core.errors import Unprocessable
from klantreis.core.ports import Clock
from klantreis.scheduling.ports import DuplicateKey, SchedulingUnit, StoredResponse

Act = Callable[[], tuple[int, dict[str, Any]]]


def fingerprint(scope: str, payload: dict[str, Any]) -> str:
    text = json.dumps({"scope": scope, "payload": payload}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def replay(uow: SchedulingUnit, key: str, print_: str) -> StoredResponse | None:
    """The stored answer for ``key``; refuses a key reused for a different request."""
    stored = uow.idempotency.get(key)
    if stored is not None and stored.fingerprint != print_:
        raise Unprocessable(
            "this Idempotency-Key was used for a different request", field="Idempotency-Key"
        )
    return stored


def answer_once(
    uow: SchedulingUnit,
    clock: Clock,
    key: str,
    print_: str,
    act: Act,
    respond: Callable[[StoredResponse], Response],
) -> Response:
    """Act once per key and answer with ``respond``: the first time, ``act`` runs and its
    answer (status, body) is stored in the same transaction; later, the stored answer is
    replayed. When a twin request stored its answer first, this one's writes are rolled
    back and the twin's answer is given, so a race books once and both callers agree."""
    stored = replay(uow, key, print_)
    if stored is None:
        status, body = act()
        stored = StoredResponse(print_, status, body)
        try:
            uow.idempotency.add(key, stored, clock.now())
        except DuplicateKey:

            def replayed(reading: SchedulingUnit) -> Response:
                first = replay(reading, key, print_)
                assert first is not None, "a duplicate key is stored"
                return respond(first)

            raise AnswerAfterRollback(replayed) from None
    return respond(stored)

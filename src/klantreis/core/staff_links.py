"""Signed links for staff pages (a technician's day, the planner's day, the analysts' page)
until staff accounts exist: each carries its kind, an id and an expiry, and can be revoked.

A link that never expired was a password that could not be changed: forwarded once, it
showed names and addresses for good. Now it lasts ``KLANTREIS_STAFF_LINK_DAYS`` (7) days and
``klantreis apikey revoke-link`` ends it at once.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from itsdangerous import URLSafeSerializer

from klantreis.core.ids import new_id
from klantreis.core.links import LinkRefused, signed_payload
from klantreis.core.ports import Clock, UnitOfWork

SALT = "klantreis-staff-link"


class StaffLinks:
    def __init__(self, keys: list[bytes], clock: Clock, max_age_days: int = 7) -> None:
        """``keys``: the last signs, all verify (see ``KeyRing.signing_keys``)."""
        self._serializer = URLSafeSerializer(keys, salt=SALT)
        self._clock = clock
        self._max_age = timedelta(days=max_age_days)

    def make(self, kind: str, **claims: str) -> str:
        expires = int((self._clock.now() + self._max_age).timestamp())
        payload = {**claims, "kind": kind, "id": new_id(), "exp": expires}
        return str(self._serializer.dumps(payload))

    def link_id(self, token: str) -> str | None:
        """The id of a genuine link (expired or not), for revoking it."""
        payload = self._payload(token)
        return str(payload["id"]) if payload else None

    def open(self, uow: UnitOfWork, token: str, kind: str) -> dict[str, Any]:
        """The link's claims; ``LinkRefused`` when forged, of another kind, expired or
        revoked."""
        payload = self._payload(token)
        if payload is None or payload.get("kind") != kind:
            raise LinkRefused("this link is not valid", expired=False)
        if payload["exp"] < self._clock.now().timestamp():
            raise LinkRefused("this link has expired", expired=True)
        if uow.api_keys.link_revoked(str(payload["id"])):
            raise LinkRefused("this link has been revoked", expired=False)
        return payload

    def _payload(self, token: str) -> dict[str, Any] | None:
        return signed_payload(self._serializer, token, "id")

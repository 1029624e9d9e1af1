"""Personal links: signed, expiring, one per case and purpose; no login needed.

A link carries its purpose: MANAGE opens the booking and preferences pages (choose, move or
cancel the visit, change contact details), TRACK only the tracking page, SURVEY only the
survey. A forwarded "the technician is on the way" message thus lets nobody cancel the visit
or redirect the customer's messages. Links made before purposes existed count as MANAGE.

The expiry is part of the signed payload and judged against the application's clock, so that
the digital twin and the tests can move time.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import timedelta
from enum import StrEnum
from typing import Any

from itsdangerous import BadSignature, URLSafeSerializer

from klantreis.core.errors import ServiceError
from klantreis.core.ports import Clock


class LinkRefused(ServiceError):
    status = 403
    title = "Link not valid"
    slug = "link-refused"

    def __init__(self, detail: str, expired: bool) -> None:
        super().__init__(detail)
        self.expired = expired


class Purpose(StrEnum):
    MANAGE = "manage"
    TRACK = "track"
    SURVEY = "survey"


class PersonalLinks:
    """Tokens that carry a case id and an expiry, signed with the app secret."""

    def __init__(self, keys: str | list[bytes], clock: Clock, max_age_days: int = 21) -> None:
        """``keys``: one, or several of which the last signs and all verify (rotation)."""
        self._serializer = URLSafeSerializer(keys, salt="klantreis-booking-link")
        self._clock = clock
        self._max_age = timedelta(days=max_age_days)

    def token_for(self, case_id: str, purpose: Purpose = Purpose.MANAGE) -> str:
        expires = int((self._clock.now() + self._max_age).timestamp())
        return str(self._serializer.dumps({"case": case_id, "exp": expires, "for": purpose}))

    def case_of(self, token: str, accepted: Collection[Purpose] = (Purpose.MANAGE,)) -> str:
        """The case id in ``token``; raises ``LinkRefused`` when tampered with, expired, or
        made for another purpose than ``accepted``."""
        payload = self._payload(token)
        if payload is None:
            raise LinkRefused("this link is not valid", expired=False)
        case_id, expires = payload
        if self.purpose_of(token) not in accepted:
            raise LinkRefused("this link is not for this page", expired=False)
        if expires < self._clock.now().timestamp():
            raise LinkRefused("this link has expired", expired=True)
        return case_id

    def purpose_of(self, token: str) -> Purpose | None:
        try:
            payload = self._serializer.loads(token)
        except BadSignature:
            return None
        found = payload.get("for", Purpose.MANAGE) if isinstance(payload, dict) else None
        return Purpose(found) if found in set(Purpose) else None

    def case_of_unverified(self, token: str) -> str | None:
        """The case a genuine but expired link was for, so that a new one can be sent."""
        payload = self._payload(token)
        return payload[0] if payload else None

    def _payload(self, token: str) -> tuple[str, int] | None:
        payload = signed_payload(self._serializer, token, "case")
        return (payload["case"], payload["exp"]) if payload else None


def signed_payload(serializer: URLSafeSerializer, token: str, key: str) -> dict[str, Any] | None:
    """The genuine payload of ``token``: a dict with the string ``key`` and an integer expiry
    ``exp``; None when forged or malformed (personal and staff links alike)."""
    try:
        payload = serializer.loads(token)
    except BadSignature:
        return None
    if not (
        isinstance(payload, dict)
        and isinstance(payload.get(key), str)
        and isinstance(payload.get("exp"), int)
    ):
        return None
    return payload

"""Personal links: signed, expiring, one per case; no login needed."""

from __future__ import annotations

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from klantreis.services.errors import ServiceError


class LinkRefused(ServiceError):
    status = 403
    title = "Link not valid"
    slug = "link-refused"

    def __init__(self, detail: str, expired: bool) -> None:
        super().__init__(detail)
        self.expired = expired


class PersonalLinks:
    """Tokens that carry a case id, signed with the app secret and valid ``max_age_days``."""

    def __init__(self, secret_key: str, max_age_days: int = 21) -> None:
        self._serializer = URLSafeTimedSerializer(secret_key, salt="klantreis-booking-link")
        self._max_age = max_age_days * 86_400

    def token_for(self, case_id: str) -> str:
        return str(self._serializer.dumps({"case": case_id}))

    def case_of(self, token: str) -> str:
        """The case id in ``token``; raises ``LinkRefused`` when tampered with or expired."""
        try:
            payload = self._serializer.loads(token, max_age=self._max_age)
        except SignatureExpired as exc:
            raise LinkRefused("this link has expired", expired=True) from exc
        except BadSignature as exc:
            raise LinkRefused("this link is not valid", expired=False) from exc
        if not isinstance(payload, dict) or not isinstance(payload.get("case"), str):
            raise LinkRefused("this link is not valid", expired=False)
        return payload["case"]

    def case_of_unverified(self, token: str) -> str | None:
        """The case an expired (but genuine) link was for, so a new one can be sent."""
        try:
            payload = self._serializer.loads(token, max_age=None)
        except BadSignature:
            return None
        return payload.get("case") if isinstance(payload, dict) else None

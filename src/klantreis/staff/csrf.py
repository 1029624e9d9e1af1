"""CSRF tokens for staff forms: an HMAC of the session's id, so a form is only accepted from
a page its own session rendered (OWASP's synchronizer token, kept without storage). Forms
before sign-in use a random value in a ``__Host-`` cookie, repeated in the form."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence


class CsrfTokens:
    def __init__(self, keys: Sequence[bytes]) -> None:
        """``keys``: the newest signs, every one verifies (secret rotation)."""
        self._keys = list(keys)

    def for_session(self, session_id: str) -> str:
        return self._sign(self._keys[-1], session_id)

    def valid(self, session_id: str, token: str) -> bool:
        return bool(token) and any(
            hmac.compare_digest(self._sign(key, session_id), token) for key in self._keys
        )

    @staticmethod
    def _sign(key: bytes, session_id: str) -> str:
        return hmac.new(key, f"staff-form:{session_id}".encode(), hashlib.sha256).hexdigest()


def same_value(cookie: str | None, form_value: str | None) -> bool:
    """The double-submit check for forms before sign-in."""
    return bool(cookie) and bool(form_value) and hmac.compare_digest(cookie or "", form_value or "")

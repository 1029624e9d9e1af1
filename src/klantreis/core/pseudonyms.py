"""Pseudonymous ids for analysts.

An analyst follows customers and cases through funnels without knowing who they are: each
id is replaced by a keyed hash (HMAC-SHA256 under a key of its own, derived from the
secret). The same id always gets the same pseudonym, so events and cases still join; going
back needs the key, which analysts do not have. Rotating the secret starts new pseudonyms.
"""

from __future__ import annotations

import hashlib
import hmac

PREFIX = "ps_"


class Pseudonyms:
    def __init__(self, key: bytes) -> None:
        self._key = key

    def of(self, real_id: str) -> str:
        digest = hmac.new(self._key, real_id.encode(), hashlib.sha256).hexdigest()
        return PREFIX + digest[:24]  # 96 bits: no collision in any firm's lifetime

    def of_optional(self, real_id: str | None) -> str | None:
        return None if real_id is None else self.of(real_id)

"""Keys from the application secret, one per purpose, and the encryption of stored secrets.

Each purpose gets its own key, derived with HKDF-SHA256 from the secret: whoever holds the
key that signs customers' links (or a leaked link-signing key) cannot derive the key that
decrypts stored calendar credentials. The secret can be rotated: the new one signs and
encrypts from then on, the previous ones (``KLANTREIS_PREVIOUS_SECRET_KEYS``) still verify and
decrypt until ``klantreis apikey rotate-secrets`` has re-encrypted what is stored.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

CALENDAR_CREDENTIALS = "calendar-credentials"
BOOKING_LINKS = "booking-links"
STAFF_FORMS = "staff-forms"
STAFF_OIDC = "staff-oidc-attempts"
ANALYST_PSEUDONYMS = "analyst-pseudonyms"


def derive(secret: str, purpose: str) -> bytes:
    """32 bytes for ``purpose`` from ``secret`` (HKDF-SHA256, the purpose as info)."""
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"klantreis", info=purpose.encode()
    ).derive(secret.encode())


def _legacy_calendar_key(secret: str) -> bytes:
    """How calendar credentials were encrypted before keys were derived per purpose."""
    return hashlib.sha256(b"klantreis-calendar-secrets:" + secret.encode()).digest()


class KeyRing:
    """The current secret and the previous ones, newest first in ``secrets``."""

    def __init__(self, current: str, previous: Sequence[str] = ()) -> None:
        self.secrets = [current, *previous]

    def signing_keys(self, purpose: str) -> list[bytes]:
        """For itsdangerous, which signs with the last key and accepts all: the previous
        secrets' keys, then the current one's."""
        return [derive(secret, purpose) for secret in reversed(self.secrets)]

    def cipher(self) -> FernetCipher:
        keys = [derive(secret, CALENDAR_CREDENTIALS) for secret in self.secrets]
        keys += [_legacy_calendar_key(secret) for secret in self.secrets]
        return FernetCipher(keys)


class FernetCipher:
    """Encrypts with the first key; decrypts with any (MultiFernet)."""

    def __init__(self, keys: Sequence[bytes]) -> None:
        self._fernet = MultiFernet([Fernet(base64.urlsafe_b64encode(k)) for k in keys])

    def encrypt(self, plain: str) -> str:
        return self._fernet.encrypt(plain.encode()).decode()

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken as exc:
            raise ValueError("stored secret cannot be decrypted with this secret key") from exc

    def rotate(self, token: str) -> str:
        """The same secret, encrypted with the current key."""
        try:
            return self._fernet.rotate(token.encode()).decode()
        except InvalidToken as exc:
            raise ValueError("stored secret cannot be decrypted with this secret key") from exc

"""Passwords are kept as Argon2id hashes (argon2-cffi, RFC 9106's parameters)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()
# Checked when the e-mail address is unknown, so that the answer takes as long as for a
# known one and does not tell who has an account.
_NOBODY = _HASHER.hash("no account has this password")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def password_matches(stored_hash: str | None, password: str) -> bool:
    """Whether ``password`` is the one ``stored_hash`` was made from (False without a hash)."""
    try:
        return _HASHER.verify(stored_hash or _NOBODY, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_new_hash(stored_hash: str) -> bool:
    """Whether the hash was made with weaker parameters than today's (then rehash at sign-in)."""
    return _HASHER.check_needs_rehash(stored_hash)

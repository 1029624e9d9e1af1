"""API keys and the roles they carry."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from klantreis.core.api_key import Role as Role  # the roles are named here too
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.ids import new_id
from klantreis.core.ports import Clock, UnitOfWork


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Caller:
    """Who is calling: the key's role and, for a technician's key, which technician."""

    role: Role
    technician_id: str | None = None


@dataclass(frozen=True, slots=True)
class IssuedKey:
    id: str
    key: str  # shown once, never stored


def issue_api_key(
    uow: UnitOfWork,
    clock: Clock,
    name: str,
    role: Role,
    serials: Sequence[str] = (),
    technician_id: str | None = None,
) -> IssuedKey:
    """Store a new key's hash and return the key itself: it is shown once, never stored.

    A device key is for one appliance, or a gateway's list of them: ``serials`` (required),
    the only ones it may send readings for. A technician's key is for one technician
    (``technician_id``, required), who reaches only the cases planned for them. The
    technician need not be imported yet: until they are, the key reaches nothing."""
    if role is Role.DEVICE and not serials:
        raise InvalidValue("serials", "a device key needs the serials it sends readings for")
    if role is not Role.DEVICE and serials:
        raise InvalidValue("serials", "only a device key has serials")
    if role is Role.TECHNICIAN and not technician_id:
        raise InvalidValue("technician", "a technician's key needs the technician it is for")
    if role is not Role.TECHNICIAN and technician_id:
        raise InvalidValue("technician", "only a technician's key names a technician")
    key = f"kr_{role.value}_{secrets.token_urlsafe(24)}"
    key_id = new_id()
    uow.api_keys.add(
        key_id,
        name,
        role.value,
        hash_key(key),
        clock.now(),
        list(serials) if serials else None,
        technician_id,
    )
    return IssuedKey(key_id, key)


def create_api_key(
    uow: UnitOfWork,
    clock: Clock,
    name: str,
    role: Role,
    serials: Sequence[str] = (),
    technician_id: str | None = None,
) -> str:
    """``issue_api_key``, the key alone."""
    return issue_api_key(uow, clock, name, role, serials, technician_id).key


def serials_of(uow: UnitOfWork, key: str) -> frozenset[str]:
    return uow.api_keys.serials_for(hash_key(key))


def role_of(uow: UnitOfWork, key: str) -> Role | None:
    role = uow.api_keys.role_for(hash_key(key))
    return Role(role) if role else None


def caller_of(uow: UnitOfWork, key: str) -> Caller | None:
    """The caller behind a key that exists and was not revoked."""
    role = role_of(uow, key)
    if role is None:
        return None
    if role is Role.TECHNICIAN:
        return Caller(role, uow.api_keys.technician_for(hash_key(key)))
    return Caller(role)

"""API keys and the roles they carry."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from enum import StrEnum

from klantreis.domain.errors import InvalidValue
from klantreis.services.ids import new_id
from klantreis.services.ports import Clock, UnitOfWork


class Role(StrEnum):
    ADMIN = "admin"
    PLANNER = "planner"
    TECHNICIAN = "technician"
    ANALYST = "analyst"
    DEVICE = "device"  # an appliance or its gateway: may only send telemetry
    INTEGRATION = "integration"  # another system of the firm: records journey events


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_api_key(
    uow: UnitOfWork, clock: Clock, name: str, role: Role, serials: Sequence[str] = ()
) -> str:
    """Store a new key's hash and return the key itself: it is shown once, never stored.

    A device key is for one appliance, or a gateway's list of them: ``serials`` (required),
    the only ones it may send readings for."""
    if role is Role.DEVICE and not serials:
        raise InvalidValue("serials", "a device key needs the serials it sends readings for")
    if role is not Role.DEVICE and serials:
        raise InvalidValue("serials", "only a device key has serials")
    key = f"kr_{role.value}_{secrets.token_urlsafe(24)}"
    uow.api_keys.add(
        new_id(), name, role.value, hash_key(key), clock.now(), list(serials) if serials else None
    )
    return key


def serials_of(uow: UnitOfWork, key: str) -> frozenset[str]:
    return uow.api_keys.serials_for(hash_key(key))


def role_of(uow: UnitOfWork, key: str) -> Role | None:
    role = uow.api_keys.role_for(hash_key(key))
    return Role(role) if role else None

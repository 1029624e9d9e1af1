"""An API key's role and what an admin sees of a key (pure: the hashing and storage are
in ``klantreis.core.access``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    PLANNER = "planner"
    TECHNICIAN = "technician"
    ANALYST = "analyst"
    DEVICE = "device"  # an appliance or its gateway: may only send telemetry
    INTEGRATION = "integration"  # another system of the firm: records journey events


@dataclass(frozen=True, slots=True)
class ApiKeyInfo:
    """What an admin sees of a key (never the key: only its hash is stored)."""

    id: str
    name: str
    role: Role
    created_at: datetime
    revoked_at: datetime | None
    serials: int  # how many appliances a device key may send for
    technician_id: str | None

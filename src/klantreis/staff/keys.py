"""API keys made and revoked by an admin in the console, each step in the audit trail."""

from __future__ import annotations

from collections.abc import Sequence

from klantreis.core.access import Role, issue_api_key
from klantreis.core.api_key import ApiKeyInfo
from klantreis.core.errors import NotFound
from klantreis.core.ports import Clock
from klantreis.staff.audit import Actor, AuditAction, SubjectKind
from klantreis.staff.ports import StaffUnit
from klantreis.staff.service import audit


def make_key(
    uow: StaffUnit,
    clock: Clock,
    actor: Actor,
    name: str,
    role: Role,
    serials: Sequence[str] = (),
    technician_id: str | None = None,
) -> str:
    """A new key, to be shown once; ``InvalidValue`` names what does not fit its role."""
    issued = issue_api_key(uow, clock, name, role, serials, technician_id)
    audit(
        uow,
        clock,
        actor,
        AuditAction.API_KEY_CREATED,
        SubjectKind.API_KEY,
        issued.id,
        role=role.value,
        name=name,
    )
    return issued.key


def revoke_key(uow: StaffUnit, clock: Clock, actor: Actor, key_id: str) -> None:
    if not uow.api_keys.revoke(key_id, clock.now()):
        raise NotFound(f"no active API key has the id '{key_id}'")
    audit(uow, clock, actor, AuditAction.API_KEY_REVOKED, SubjectKind.API_KEY, key_id)


def all_keys(uow: StaffUnit) -> Sequence[ApiKeyInfo]:
    return uow.api_keys.list()

"""The audit trail: who did what to which case, customer or account. Only ever appended."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from klantreis.core.common import to_utc


class AuditAction(StrEnum):
    USER_CREATED = "user_created"
    USER_DISABLED = "user_disabled"
    USER_ENABLED = "user_enabled"
    ROLES_CHANGED = "roles_changed"
    PASSWORD_RESET_SENT = "password_reset_sent"
    PASSWORD_CHANGED = "password_changed"
    SIGNED_IN = "signed_in"
    IDENTITY_LINKED = "identity_linked"  # the identity provider's subject, on first use
    SIGN_IN_REFUSED = "sign_in_refused"
    LOCKED_OUT = "locked_out"
    SIGNED_OUT = "signed_out"
    SIGNED_OUT_EVERYWHERE = "signed_out_everywhere"
    API_KEY_CREATED = "api_key_created"
    API_KEY_REVOKED = "api_key_revoked"
    AUDIT_EXPORTED = "audit_exported"
    CASE_STEP = "case_step"  # a move of a case by a person (the technician at the door)
    FINDING_RECORDED = "finding_recorded"
    MESSAGE_HANDLED = "message_handled"
    CALLBACK_RECORDED = "callback_recorded"
    BOOKED_FOR_CUSTOMER = "booked_for_customer"
    CANCELLED_FOR_CUSTOMER = "cancelled_for_customer"
    DAY_RULE_ADDED = "day_rule_added"
    DAY_RULE_REMOVED = "day_rule_removed"
    DAY_REPLANNED = "day_replanned"
    VISIT_PINNED = "visit_pinned"
    VISIT_UNPINNED = "visit_unpinned"


class SubjectKind(StrEnum):
    USER = "user"
    API_KEY = "api_key"
    CASE = "case"
    CUSTOMER = "customer"
    AUDIT = "audit"
    MESSAGE = "message"
    DAY = "day"  # a day's plan or its rules (the subject is the day or the rule's id)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acted: a signed-in staff member (``user_id``) or a command on the server."""

    label: str  # the staff member's e-mail address, or "cli"
    user_id: str | None = None


CLI = Actor("cli")


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: str
    at: datetime
    actor: Actor
    action: AuditAction
    subject_kind: SubjectKind
    subject_id: str
    # What it takes to understand the step (roles before and after, the case's new state):
    # never a password, token or message text.
    detail: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", to_utc("at", self.at))


CSV_HEADER = ("at_utc", "actor", "actor_user_id", "action", "subject_kind", "subject_id", "detail")


def csv_row(entry: AuditEntry) -> tuple[str, ...]:
    """One entry as a line of the export (``CSV_HEADER``)."""
    detail = "; ".join(f"{key}={value}" for key, value in sorted(entry.detail.items()))
    return (
        entry.at.isoformat(),
        entry.actor.label,
        entry.actor.user_id or "",
        entry.action.value,
        entry.subject_kind.value,
        entry.subject_id,
        detail,
    )

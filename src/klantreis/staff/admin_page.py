"""The admin's pages: staff and roles, and the audit trail (shown, and exported as CSV)."""

from __future__ import annotations

import io
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response
from pydantic import AwareDatetime

from klantreis.core.api.answers import AnswerAfterRollback
from klantreis.core.api.deps import ContainerOf, UnitOfWorkDep
from klantreis.core.common import Language
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.errors import ServiceError
from klantreis.core.i18n import DEFAULT_ZONE
from klantreis.core.spreadsheet import SpreadsheetSafeWriter
from klantreis.core.web.texts import texts_for
from klantreis.staff.audit import CSV_HEADER, AuditAction, SubjectKind, csv_row
from klantreis.staff.model import StaffRole
from klantreis.staff.pages import render
from klantreis.staff.ports import StaffUnit
from klantreis.staff.service import (
    actor_of,
    audit,
    audit_page,
    create_user,
    send_password_reset,
    set_active,
    set_roles,
    staff_list,
    user_by_id,
    whole_audit_trail,
)
from klantreis.staff.signed_in import PREFIX, StaffRequest, password_reset_link, staff_only
from klantreis.staff.wiring import StaffWiring

UowDep = UnitOfWorkDep[StaffUnit]
ContainerDep = ContainerOf[StaffWiring]
Admin = Annotated[StaffRequest, Depends(staff_only(StaffRole.ADMIN))]
router = APIRouter(prefix=f"{PREFIX}/admin", include_in_schema=False)
AUDIT_PAGE = 100


# The admin's pages: staff and roles, the audit trail. A refused change answers with the
# list as it was and the reason, after the request's writes are rolled back.


@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request, staff: Admin, uow: UowDep) -> HTMLResponse:
    return _users(request, staff, uow)


def _users(
    request: Request,
    staff: StaffRequest,
    uow: StaffUnit,
    notice: str = "",
    error: str = "",
    status: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "users.html",
        staff.user.language,
        "staff_users_title",
        staff,
        status,
        users=staff_list(uow),
        roles=list(StaffRole),
        notice=notice,
        error=error,
    )


def _refused(request: Request, staff: StaffRequest, error: Exception) -> AnswerAfterRollback:
    if isinstance(error, InvalidValue):
        detail, status = f"{error.field}: {error.message}", 422
    else:
        assert isinstance(error, ServiceError)
        detail, status = error.detail, error.status
    t = texts_for(staff.user.language)

    def as_it_was(reading: StaffUnit) -> HTMLResponse:
        shown = f"{t['staff_invalid_input']}: {detail}"
        return _users(request, staff, reading, error=shown, status=status)

    return AnswerAfterRollback(as_it_was)


def _done(request: Request, staff: StaffRequest, uow: StaffUnit, key: str) -> HTMLResponse:
    return _users(request, staff, uow, notice=texts_for(staff.user.language)[key])


Roles = Annotated[list[str], Form(alias="role")]


def _parse_roles(values: list[str]) -> list[StaffRole]:
    try:
        return [StaffRole(value) for value in values]
    except ValueError:
        raise InvalidValue("roles", f"unknown role among {', '.join(values)[:80]}") from None


@router.post("/users", response_class=HTMLResponse)
def create_user_submit(
    request: Request,
    staff: Admin,
    container: ContainerDep,
    uow: UowDep,
    name: Annotated[str, Form(max_length=120)] = "",
    email: Annotated[str, Form(max_length=320)] = "",
    role: Roles = [],  # noqa: B006 - FastAPI copies a form field's default
    language: Annotated[str, Form(pattern="^(nl|en)$")] = "nl",
    technician_id: Annotated[str, Form(max_length=32)] = "",
) -> HTMLResponse:
    try:
        user = create_user(
            uow,
            container.clock,
            actor_of(staff.user),
            email=email,
            name=name,
            roles=_parse_roles(role),
            language=Language(language),
            technician_id=technician_id.strip() or None,
        )
        _mail_reset(container, uow, staff, user.email)
    except (InvalidValue, ServiceError) as error:
        raise _refused(request, staff, error) from error
    return _done(request, staff, uow, "staff_user_created")


def _mail_reset(container: StaffWiring, uow: StaffUnit, staff: StaffRequest, email: str) -> None:
    link = password_reset_link(container.public_base_url)
    send_password_reset(
        uow, container.clock, container.messenger.templates, link, actor_of(staff.user), email
    )


UserId = Annotated[str, PathParam(max_length=32)]


@router.post("/users/{user_id}/{change}", response_class=HTMLResponse)
def change_user_submit(
    request: Request,
    user_id: UserId,
    change: Annotated[str, PathParam(pattern="^(roles|disable|enable|reset)$")],
    staff: Admin,
    container: ContainerDep,
    uow: UowDep,
    role: Roles = [],  # noqa: B006
) -> HTMLResponse:
    actor = actor_of(staff.user)
    try:
        email = user_by_id(uow, user_id).email
        if change == "roles":
            set_roles(uow, container.clock, actor, email, _parse_roles(role))
        elif change == "reset":
            _mail_reset(container, uow, staff, email)
        else:
            set_active(uow, container.clock, actor, email, change == "enable")
    except (InvalidValue, ServiceError) as error:
        raise _refused(request, staff, error) from error
    return _done(request, staff, uow, "staff_saved")


@router.get("/audit", response_class=HTMLResponse)
def audit_trail(
    request: Request,
    staff: Admin,
    uow: UowDep,
    before_at: AwareDatetime | None = None,
    before_id: Annotated[str, Query(max_length=32)] = "",
) -> HTMLResponse:
    language = staff.user.language
    entries = audit_page(
        uow, AUDIT_PAGE, (before_at, before_id) if before_at and before_id else None
    )
    rows = [
        {
            "when": e.at.astimezone(DEFAULT_ZONE).strftime("%Y-%m-%d %H:%M:%S"),
            "who": e.actor.label,
            "what": e.action.value.replace("_", " "),
            "about": f"{e.subject_kind.value} {e.subject_id}",
            "detail": ", ".join(f"{k}: {v}" for k, v in sorted(e.detail.items())),
        }
        for e in entries
    ]
    older = (
        urlencode({"before_at": entries[-1].at.isoformat(), "before_id": entries[-1].id})
        if len(entries) == AUDIT_PAGE
        else ""
    )
    return render(
        request, "audit.html", language, "staff_audit_title", staff, entries=rows, older=older
    )


@router.post("/audit.csv")
def audit_export(staff: Admin, container: ContainerDep, uow: UowDep) -> Response:
    """The whole trail, newest first; the export itself is the trail's next line (a form,
    not a link, because it writes)."""
    out = io.StringIO()
    writer = SpreadsheetSafeWriter(out)
    writer.writerow(CSV_HEADER)
    for entry in whole_audit_trail(uow):
        writer.writerow(csv_row(entry))
    audit(
        uow,
        container.clock,
        actor_of(staff.user),
        AuditAction.AUDIT_EXPORTED,
        SubjectKind.AUDIT,
        "csv",
    )
    return Response(
        out.getvalue(),
        media_type="text/csv",
        headers={"Content-Disposition": "attachment; filename=audit.csv"},
    )

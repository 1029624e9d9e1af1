"""The admin's API keys in the console (``/staff/admin/keys``): every key with its role and
state, a new key shown once, revoking one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from klantreis.core.access import Role
from klantreis.core.api.answers import AnswerAfterRollback
from klantreis.core.api.deps import ContainerOf, UnitOfWorkDep
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.errors import ServiceError
from klantreis.core.i18n import DEFAULT_ZONE
from klantreis.core.web.templating import page_templates
from klantreis.core.web.texts import texts_for
from klantreis.staff.console import console_page
from klantreis.staff.keys import all_keys, make_key, revoke_key
from klantreis.staff.model import StaffRole
from klantreis.staff.ports import StaffUnit
from klantreis.staff.service import actor_of
from klantreis.staff.signed_in import StaffRequest, staff_only
from klantreis.staff.wiring import StaffWiring

UowDep = UnitOfWorkDep[StaffUnit]
ContainerDep = ContainerOf[StaffWiring]
Admin = Annotated[StaffRequest, Depends(staff_only(StaffRole.ADMIN))]

templates = page_templates(Path(__file__).parent / "templates")
PATH = "/staff/admin/keys"
router = APIRouter(prefix=PATH, include_in_schema=False)


def _keys_page(
    request: Request,
    staff: StaffRequest,
    uow: StaffUnit,
    *,
    new_key: str = "",
    notice: str = "",
    error: str = "",
    status: int = 200,
) -> HTMLResponse:
    t = texts_for(staff.user.language)
    keys = [
        {
            "id": k.id,
            "name": k.name,
            "role": k.role.value,
            "created": k.created_at.astimezone(DEFAULT_ZONE).strftime("%Y-%m-%d %H:%M"),
            "revoked": k.revoked_at is not None,
            "reach": f"{k.serials} serials" if k.serials else (k.technician_id or ""),
        }
        for k in all_keys(uow)
    ]
    return console_page(
        templates,
        request,
        "keys.html",
        staff,
        t["keys_title"],
        status=status,
        keys=keys,
        roles=[r.value for r in Role],
        new_key=new_key,
        notice=notice,
        error=error,
    )


# A new key travels from the form to the page once, in a cookie of a minute, so that
# reloading the page shows the list and does not make another key.
NEW_KEY_COOKIE = "__Secure-klantreis-new-key"  # __Host- would need Path=/


@router.get("", response_class=HTMLResponse)
def keys_page(request: Request, staff: Admin, uow: UowDep) -> HTMLResponse:
    new_key = request.cookies.get(NEW_KEY_COOKIE, "")[:200]
    page = _keys_page(request, staff, uow, new_key=new_key)
    if new_key:
        page.delete_cookie(NEW_KEY_COOKIE, path=PATH, secure=True, httponly=True, samesite="strict")
    return page


def _refused(
    request: Request, staff: StaffRequest, error: InvalidValue | ServiceError
) -> AnswerAfterRollback:
    detail = f"{error.field}: {error.message}" if isinstance(error, InvalidValue) else error.detail
    status = 422 if isinstance(error, InvalidValue) else error.status

    def as_it_was(reading: StaffUnit) -> HTMLResponse:
        return _keys_page(request, staff, reading, error=detail, status=status)

    return AnswerAfterRollback(as_it_was)


@router.post("", response_class=HTMLResponse)
def create_key_submit(
    request: Request,
    staff: Admin,
    container: ContainerDep,
    uow: UowDep,
    name: Annotated[str, Form(min_length=1, max_length=80)],
    role: Annotated[Role, Form()],
    serials: Annotated[str, Form(max_length=200_000)] = "",
    technician_id: Annotated[str, Form(max_length=32)] = "",
) -> Response:
    listed = [s.strip() for s in serials.replace(",", "\n").splitlines() if s.strip()]
    try:
        key = make_key(
            uow,
            container.clock,
            actor_of(staff.user),
            name.strip(),
            role,
            listed,
            technician_id.strip() or None,
        )
    except (InvalidValue, ServiceError) as error:
        raise _refused(request, staff, error) from error
    answer = RedirectResponse(PATH, status_code=303)
    answer.set_cookie(
        NEW_KEY_COOKIE, key, max_age=60, path=PATH, secure=True, httponly=True, samesite="strict"
    )
    return answer


@router.post("/{key_id}/revoke", response_class=HTMLResponse)
def revoke_key_submit(
    request: Request,
    key_id: Annotated[str, PathParam(max_length=32)],
    staff: Admin,
    container: ContainerDep,
    uow: UowDep,
) -> HTMLResponse:
    try:
        revoke_key(uow, container.clock, actor_of(staff.user), key_id)
    except ServiceError as error:
        raise _refused(request, staff, error) from error
    return _keys_page(request, staff, uow, notice=texts_for(staff.user.language)["keys_revoked"])
